package catalog

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

// TestFileIDsOfMessyNames loads a team's folder whose files are named as
// teams name them, in their languages: every entry gets an id the API's
// CatalogEntryId accepts, readable where the name has Latin letters, and
// the same id on every load. The ids are written out: installs record
// them, so a change to how they are made is a change a user notices.
func TestFileIDsOfMessyNames(t *testing.T) {
	long := strings.Repeat("Payments platform controls ", 4)
	files := map[string]string{
		"安全.json":                      "lens-afb63a62",
		"セキュリティ.json":                  "lens-f5480661",
		"Безопасность.json":            "lens-4d5248fd",
		"Платежи v2.json":              "v2-bce5b751",
		"Сеть v2.json":                 "v2-07b22808",
		"データ基盤 2024.json":              "2024-c413349a",
		"Sécurité des données.json":    "securite-des-donnees",
		"  Payments   Platform .json":  "payments-platform",
		"Ærø Øresund ＦＵＬＬ.json":        "aero-oresund-full",
		"İstanbul Straße.json":         "istanbul-strasse",
		"🚀.json":                       "lens-ebbc0b28",
		"🛡️.json":                      "lens-b44793a1",
		"🚀 Launch.json":                "launch",
		"Team’s lens – 2.json":         "team-s-lens-2",
		long + ".json":                 "payments-platform-controls-payments-platform-controls-d3f0aeb4",
		long + "and more.json":         "payments-platform-controls-payments-platform-controls-28c290ac",
		"сеть и данные – Ünïcode.json": "unicode-bfdf8677",
	}
	fsys := fstest.MapFS{}
	for name := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(teamLens(fmt.Sprintf("Lens %d", len(fsys))))}
	}
	c, err := Load(fsys, "team")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range c.Entries() {
		got[e.Source.File] = e.ID
		if !slugRE.MatchString(e.ID) || len(e.ID) > maxIDLen {
			t.Errorf("%s: id %q is not a CatalogEntryId", e.Source.File, e.ID)
		}
		if found, ok := c.Entry(e.ID); !ok || found != e {
			t.Errorf("%s: Entry(%q) does not find it", e.Source.File, e.ID)
		}
	}
	if diff := cmp.Diff(files, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

// TestFileIDIgnoresTheSpelling: the spellings of one name that a file
// system may hand back (NFC or NFD, as macOS writes names) or a reader
// cannot tell apart give one id.
func TestFileIDIgnoresTheSpelling(t *testing.T) {
	for _, name := range []string{"Sécurité des données", "Безопасность", "안전 점검", "Ελληνικά"} {
		nfc, nfd := fileID(norm.NFC.String(name)+".json"), fileID(norm.NFD.String(name)+".json")
		if nfc != nfd {
			t.Errorf("%s: NFC gives %q, NFD %q", name, nfc, nfd)
		}
		if zw := fileID(name + "\u200b.json"); zw != nfc {
			t.Errorf("%s with a zero-width space: %q, want %q", name, zw, nfc)
		}
	}
}

// TestCollidingFileIDsAreReported: two files whose names make one id are
// both named in the folder's refusal, with what to do about it, whatever
// their script; an id the index gives is checked as before.
func TestCollidingFileIDsAreReported(t *testing.T) {
	tests := []struct{ a, b, id string }{
		{"Payments Platform.json", "payments_platform.json", "payments-platform"},
		{"Sécurité.json", "SECURITE.json", "securite"},
		{"Безопасность.json", "БЕЗОПАСНОСТЬ.json", fileID("безопасность.json")},
		{"安全.json", "安全 .json", fileID("安全.json")},
	}
	for _, tt := range tests {
		t.Run(tt.a, func(t *testing.T) {
			fsys := fstest.MapFS{tt.a: {Data: []byte(teamLens("A"))}, tt.b: {Data: []byte(teamLens("B"))}}
			got := loadErr(t, fsys)
			want := fmt.Sprintf(": its name makes the id %q, as the name of ", tt.id)
			if len(got) != 1 || !strings.Contains(got[0], want) || !strings.Contains(got[0], tt.a) || !strings.Contains(got[0], tt.b) ||
				!strings.HasSuffix(got[0], " does: rename one of the files, or give one of them an id in catalog.yaml") {
				t.Errorf("problems %q, want one naming both files and saying %q", got, want)
			}
			// Either file given an id of its own in the index loads.
			fsys[IndexFile] = &fstest.MapFile{Data: []byte(fmt.Sprintf("entries:\n  - {file: %q, id: ours}\n", tt.b))}
			c, err := Load(fsys, "team")
			if err != nil {
				t.Fatalf("with an id in the index: %v", err)
			}
			if _, ok := c.Entry("ours"); !ok || len(c.Entries()) != 2 {
				t.Errorf("with an id in the index: %d entries", len(c.Entries()))
			}
		})
	}
	// An id the index gives that a file's name makes too is the index's
	// to change.
	got := loadErr(t, fstest.MapFS{"a.json": {Data: []byte(teamLens("A"))}, "b.json": {Data: []byte(teamLens("B"))},
		IndexFile: {Data: []byte("entries:\n  - {file: b.json, id: a}\n")}})
	if want := []string{`a.json: its id "a" is also the id of b.json: give one of them another id in catalog.yaml`}; !cmp.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

// FuzzFileID: whatever a file is named, its id is one the API accepts.
func FuzzFileID(f *testing.F) {
	for _, s := range []string{"安全", "Sécurité", "🚀", "", "-", "a--b", strings.Repeat("ж", 100), "\u0301", "\ufe0f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		id := fileID(name + ".json")
		if !slugRE.MatchString(id) || len(id) > maxIDLen {
			t.Errorf("fileID(%q) = %q", name, id)
		}
	})
}
