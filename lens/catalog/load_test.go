package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// teamLens is a small valid lens document named name, as a team would
// write one: a pillar and a question with a "None of these" choice.
func teamLens(name string) string {
	return fmt.Sprintf(`{
  "schemaVersion": "2021-11-01",
  "name": %q,
  "description": "Our rules for %s.",
  "pillars": [
    {"id": "sec", "name": "Security", "questions": [
      {"id": "keys", "title": "How are keys rotated?",
       "choices": [
         {"id": "auto", "title": "Rotated automatically", "improvementPlan": {"displayText": "Turn on rotation."}},
         {"id": "keys_no", "title": "None of these"}
       ],
       "riskRules": [
         {"condition": "auto", "risk": "NO_RISK"},
         {"condition": "default", "risk": "HIGH_RISK"}
       ]}
    ]}
  ]
}
`, name, name)
}

// loadErr loads fsys and returns the LoadError's problems as strings
// FILE: MESSAGE; it fails t when Load succeeds or fails otherwise.
func loadErr(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	_, err := Load(fsys, "team")
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Load = %v, want a *LoadError", err)
	}
	var out []string
	for _, p := range le.Problems {
		out = append(out, p.File+": "+p.Message)
	}
	return out
}

// TestLoadWithoutIndex: a folder of lens files is a catalog as it is, each
// entry named and described by its lens, versioned by its content.
func TestLoadWithoutIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"Payments Platform.json": {Data: []byte(teamLens("Payments platform"))},
		"batch_jobs.json":        {Data: []byte(teamLens("Batch jobs"))},
		"notes.txt":              {Data: []byte("not a lens")},
	}
	c, err := Load(fsys, "/etc/wat/lenses")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Entries() {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%d|%v|%d", e.ID, e.Title, e.Description, e.Catalog, e.Questions, e.FrameworkPillars(), len(e.Version)))
	}
	want := []string{
		"payments-platform|Payments platform|Our rules for Payments platform.|/etc/wat/lenses|1|[security]|12",
		"batch-jobs|Batch jobs|Our rules for Batch jobs.|/etc/wat/lenses|1|[security]|12",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	// The version follows the document: the same lens is the same version,
	// a changed one another.
	again, _ := Load(fsys, "x")
	fsys["batch_jobs.json"] = &fstest.MapFile{Data: []byte(strings.Replace(teamLens("Batch jobs"), "automatically", "by a job", 1))}
	changed, err := Load(fsys, "x")
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := c.Entry("batch-jobs")
	b2, _ := again.Entry("batch-jobs")
	b3, _ := changed.Entry("batch-jobs")
	if b1.Version != b2.Version || b1.Version == b3.Version {
		t.Errorf("versions %s, %s (same document), %s (changed): want equal, then different", b1.Version, b2.Version, b3.Version)
	}
}

// TestLoadWithIndex: the index names, describes, orders and versions the
// entries it lists; files it does not list follow with defaults.
func TestLoadWithIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"payments.json": {Data: []byte(teamLens("Payments platform"))},
		"batch.json":    {Data: []byte(teamLens("Batch jobs"))},
		"extra.json":    {Data: []byte(teamLens("Extra"))},
		IndexFile: {Data: []byte(`
name: Example Corp
source: {repository: example/lenses, license: Apache-2.0, commit: abc123}
entries:
  - file: batch.json
    id: batch
    title: Batch jobs
    description: How we run batch jobs.
    categories: [practice, data]
    version: "2.1"
  - file: payments.json
    source: {path: lenses/payments.json, license: proprietary}
`)},
	}
	c, err := Load(fsys, "dir")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range c.Entries() {
		ids = append(ids, e.ID)
	}
	if diff := cmp.Diff([]string{"batch", "payments", "extra"}, ids); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	b, _ := c.Entry("batch")
	if b.Catalog != "Example Corp" || b.Version != "2.1" || b.Description != "How we run batch jobs." ||
		!cmp.Equal(b.Categories, []string{"practice", "data"}) || b.Source.Repository != "example/lenses" || b.Source.License != "Apache-2.0" {
		t.Errorf("batch entry %+v", b)
	}
	p, _ := c.Entry("payments")
	if p.Source.License != "proprietary" || p.Source.Path != "lenses/payments.json" || p.Source.Commit != "abc123" || p.Source.Version != "abc123" {
		t.Errorf("payments source %+v: the entry's fields override the index's", p.Source)
	}
}

// TestLoadRefusesBadFolders: every problem of a folder is named with its
// file, a lens's in ImportLens's words, and the folder is refused whole.
func TestLoadRefusesBadFolders(t *testing.T) {
	broken := strings.Replace(teamLens("Broken"), `{"condition": "default", "risk": "HIGH_RISK"}`, `{"condition": "auto", "risk": "HIGH"}`, 1)
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{"invalid lens", fstest.MapFS{"good.json": {Data: []byte(teamLens("Good"))}, "broken.json": {Data: []byte(broken)}}, []string{
			`broken.json: pillars[0].questions[0].riskRules: needs a default rule: {"condition": "default", "risk": ...} (pillar "sec", question "keys"; line 12, column 21)`,
			`broken.json: pillars[0].questions[0].riskRules[1].risk: is "HIGH"; use HIGH_RISK, MEDIUM_RISK or NO_RISK (pillar "sec", question "keys"; line 14, column 40)`,
		}},
		{"not JSON", fstest.MapFS{"nan.json": {Data: []byte(`{"name": NaN}`)}}, []string{
			"nan.json: the lens document is not valid JSON: invalid character 'N' looking for beginning of value; NaN is not a JSON value: put the text in quotes, or leave the member out (line 1, column 10)",
		}},
		{"same lens name", fstest.MapFS{"a.json": {Data: []byte(teamLens("Same"))}, "b.json": {Data: []byte(teamLens("same"))}}, []string{
			`b.json: the lens is named "same", as is the lens of entry "a": two lenses of an account cannot share a name`,
		}},
		{"same id", fstest.MapFS{"a.json": {Data: []byte(teamLens("A"))}, "b.json": {Data: []byte(teamLens("B"))},
			IndexFile: {Data: []byte("entries:\n  - {file: a.json, id: one}\n  - {file: b.json, id: one}\n")}}, []string{
			`b.json: its id "one" is also the id of a.json: give one of them another id in catalog.yaml`,
		}},
		{"index names no file", fstest.MapFS{"a.json": {Data: []byte(teamLens("A"))}, IndexFile: {Data: []byte("entries:\n  - {file: gone.json}\n")}}, []string{
			"catalog.yaml: entry gone.json: there is no such file in the folder",
		}},
		{"no lenses", fstest.MapFS{"README.md": {Data: []byte("lenses to come")}}, []string{
			": the folder holds no lens documents (*.json)",
		}},
		{"misspelt index field", fstest.MapFS{IndexFile: {Data: []byte("entries:\n  - {file: a.json, titel: A}\n")}}, []string{
			"catalog.yaml: yaml: unmarshal errors:\n  line 2: field titel not found in type catalog.entryFields",
		}},
		{"bad values", fstest.MapFS{"a.json": {Data: []byte(teamLens("A"))},
			IndexFile: {Data: []byte("entries:\n  - {file: a.json, id: A_1, version: '1.0-beta', categories: [Data Platform]}\n")}}, []string{
			`a.json: id "A_1": use at most 64 lowercase letters, digits and single hyphens`,
			`a.json: version "1.0-beta": a lens version is 1 to 32 letters, digits and periods`,
			`a.json: category "Data Platform": use lowercase letters, digits and single hyphens`,
		}},
		{"changed file", fstest.MapFS{"a.json": {Data: []byte(teamLens("A"))},
			IndexFile: {Data: []byte("entries:\n  - {file: a.json, source: {sha256: 00ff}}\n")}}, []string{
			"a.json: its SHA-256 is " + sha256Hex(teamLens("A")) + ", not 00ff as catalog.yaml says: the file is not the one the entry describes",
		}},
		{"repair of another document", fstest.MapFS{"a.json": {Data: []byte(teamLens("A"))},
			IndexFile: {Data: []byte("entries:\n  - file: a.json\n    repairs:\n      - {path: name, was: B, set: C, why: renamed}\n")}}, []string{
			`a.json: repair of name: is "A", not "B" as the repair expects`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, loadErr(t, tt.fsys)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLoadErrorMessage: the error a server refuses to start with names the
// folder, each file and each problem.
func TestLoadErrorMessage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.json"), []byte(teamLens("A")), 0o644)
	os.WriteFile(filepath.Join(dir, "nan.json"), []byte(`{"name": NaN}`), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.json"), nil, 0o644)
	_, err := LoadDir(dir)
	want := "lens catalog " + dir + " has 2 problems:\n" +
		"  " + filepath.Join(dir, "empty.json") + ": the lens document is empty (line 1, column 1)\n" +
		"  " + filepath.Join(dir, "nan.json") + ": the lens document is not valid JSON: invalid character 'N' looking for beginning of value; NaN is not a JSON value: put the text in quotes, or leave the member out (line 1, column 10)"
	if err == nil || err.Error() != want {
		t.Errorf("LoadDir: %v\nwant %s", err, want)
	}
	missing := filepath.Join(dir, "lenses")
	if _, err := LoadDir(missing); err == nil || err.Error() != "lens catalog "+missing+": there is no such folder" {
		t.Errorf("LoadDir of a folder that is not there: %v", err)
	}
	os.Remove(filepath.Join(dir, "empty.json"))
	os.Remove(filepath.Join(dir, "nan.json"))
	if _, err := LoadDir(dir); err != nil {
		t.Errorf("LoadDir of a good folder: %v", err)
	}
}

// TestMergeRefusesOneIDTwice: installs are recorded by id, so two catalogs
// may not both have one.
func TestMergeRefusesOneIDTwice(t *testing.T) {
	a, err := Load(fstest.MapFS{"ecs.json": {Data: []byte(teamLens("Our ECS"))}}, "ours")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(fstest.MapFS{"ecs.json": {Data: []byte(teamLens("Their ECS"))}}, "theirs")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Merge(a, b)
	want := `lens catalogs "ours" and "theirs" both have an entry "ecs": rename one (its id in catalog.yaml)`
	if err == nil || err.Error() != want {
		t.Errorf("Merge: %v, want %s", err, want)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
