package lens_test

import (
	"bytes"
	"testing"

	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework"
)

// TestFrameworkNormalized checks the built-in lens document is in normal
// form, and that it is an official lens, not a custom one: its question
// ids have dashes and one title is longer than the custom-lens format's 128.
func TestFrameworkNormalized(t *testing.T) {
	doc, err := lens.ParseDocument(framework.Document())
	if err != nil {
		t.Fatal(err)
	}
	norm, err := doc.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(norm, framework.Document()) {
		t.Error("Normalize changes the built-in lens document")
	}
	if _, err := lens.CompileOfficial(doc); err != nil {
		t.Errorf("CompileOfficial: %v", err)
	}
	_, _, ps := lens.Validate(framework.Document())
	for _, p := range ps {
		if p.Line == 0 || !(bytes.Contains([]byte(p.Message), []byte("contains '-'")) || bytes.Contains([]byte(p.Message), []byte("at most 128"))) {
			t.Errorf("the built-in lens as a custom one: unexpected problem %v", p)
		}
	}
	if len(ps) == 0 {
		t.Error("the built-in lens passes as a custom lens; CompileOfficial is no longer needed")
	}
}
