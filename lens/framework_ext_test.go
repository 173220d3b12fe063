package lens_test

import (
	"strings"
	"testing"

	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework"
)

// TestFrameworkOfficial checks the built-in lens is an official lens, not
// a custom one: its question ids have dashes, one title is longer than the
// custom-lens format's 128, and with its guidance it is larger than a
// custom lens may be; yet it parses and compiles as an official lens.
func TestFrameworkOfficial(t *testing.T) {
	doc, err := lens.ParseOfficialDocument(framework.Document())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lens.ParseDocument(framework.Document()); err == nil {
		t.Error("the built-in lens fits a custom lens's size: ParseOfficialDocument is no longer needed")
	}
	if _, err := lens.CompileOfficial(doc); err != nil {
		t.Errorf("CompileOfficial: %v", err)
	}
	_, err = lens.Compile(doc)
	if err == nil {
		t.Error("the built-in lens compiles as a custom lens; CompileOfficial is no longer needed")
	} else if msg := err.Error(); !strings.Contains(msg, "contains '-'") && !strings.Contains(msg, "at most 128") {
		t.Errorf("the built-in lens as a custom one: unexpected problem %v", err)
	}
}
