package lens

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNormalize checks the normalized form of every test lens parses back
// to the same content, its URLs as wat stores them, and normalizes to the
// same bytes, without the members the format does not define.
func TestNormalize(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ParseDocument(data)
		if err != nil {
			continue // not JSON: nothing to normalize
		}
		norm, err := doc.Normalize()
		if err != nil {
			t.Fatalf("%s: Normalize: %v", file, err)
		}
		again, err := ParseDocument(norm)
		if err != nil {
			t.Fatalf("%s: the normalized document does not parse: %v\n%s", file, err, norm)
		}
		if diff := cmp.Diff(doc.withStoredURLs(), again, ignoreSource); diff != "" {
			t.Errorf("%s: the normalized document has other content (-before +after):\n%s", file, diff)
		}
		norm2, err := again.Normalize()
		if err != nil || !bytes.Equal(norm, norm2) {
			t.Errorf("%s: normalizing twice gives other bytes (%v):\n%s\n---\n%s", file, err, norm, norm2)
		}
		if !bytes.HasSuffix(norm, []byte("}\n")) || !bytes.HasPrefix(norm, []byte("{\n  \"schemaVersion\"")) {
			t.Errorf("%s: not indented as expected:\n%.200s", file, norm)
		}
	}
}

func TestNormalizeDropsUnknownMembers(t *testing.T) {
	data, err := os.ReadFile("testdata/valid/full.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ParseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	norm, err := doc.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"_version", "_release_note", "owner"} {
		if bytes.Contains(norm, []byte(gone)) {
			t.Errorf("the normalized document still has %q", gone)
		}
	}
	if !bytes.Contains(norm, []byte(`<angle brackets> & ampersands.",`)) {
		t.Error("the normalized document escapes HTML characters")
	}
}

// TestNormalizeNearTheLimit checks a compact document near MaxDocumentSize,
// which indentation would push over it, still normalizes to one that parses.
func TestNormalizeNearTheLimit(t *testing.T) {
	doc, err := ParseDocument(bigJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	norm, err := doc.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if len(norm) > MaxDocumentSize || strings.Contains(string(norm[:100]), "\n  ") {
		t.Errorf("normalized to %d bytes, starting %.100q", len(norm), norm)
	}
	again, err := ParseDocument(norm)
	if err != nil {
		t.Fatal(err)
	}
	if norm2, _ := again.Normalize(); !bytes.Equal(norm, norm2) {
		t.Error("normalizing twice gives other bytes")
	}
}
