package lens

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/golden"
)

// TestValidLenses checks every lens under testdata/valid validates, through
// Validate and through ParseDocument and Compile alike.
func TestValidLenses(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.json")
	if len(files) == 0 {
		t.Fatal("no lenses in testdata/valid")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		l, doc, ps := Validate(data)
		if len(ps) > 0 || l == nil || doc == nil {
			t.Errorf("%s: Validate: %v", file, ps)
			continue
		}
		if _, err := Compile(doc); err != nil {
			t.Errorf("%s: Compile: %v", file, err)
		}
	}
}

// TestInvalidLenses validates every lens under testdata/invalid and compares
// its problems, one per line as the API's Fields give them, with the golden
// file next to it. The same problems come from ParseDocument and Compile.
func TestInvalidLenses(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.json")
	if len(files) == 0 {
		t.Fatal("no lenses in testdata/invalid")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			l, doc, ps := Validate(data)
			if l != nil || len(ps) == 0 {
				t.Fatalf("Validate accepted %s", file)
			}
			var b bytes.Buffer
			for _, p := range ps {
				b.WriteString(p.String())
				b.WriteByte('\n')
				if p.Line == 0 || p.Col == 0 {
					t.Errorf("%s has no position", p)
				}
			}
			golden.Check(t, strings.TrimSuffix(file, ".json")+".golden", b.Bytes())

			pdoc, perr := ParseDocument(data)
			if doc == nil {
				if perr == nil || perr.Error() != "invalid: "+ps[0].Detail() {
					t.Errorf("ParseDocument error = %v, want %q", perr, ps[0].Detail())
				}
				return
			}
			_, err = Compile(pdoc)
			var we *wat.Error
			if !errors.As(err, &we) || we.Reason != wat.ReasonFieldValidationFailed {
				t.Fatalf("Compile error = %v", err)
			}
			want := make([]wat.FieldError, len(ps))
			for i, p := range ps {
				want[i] = wat.FieldError{Name: p.Path, Message: p.Detail()}
			}
			if diff := cmp.Diff(want, we.Fields); diff != "" {
				t.Errorf("Compile's Fields differ from Validate's problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestProblemPositions checks where problems are placed: at the offending
// character inside a string, at the object lacking a member, with the ids
// on the way.
func TestProblemPositions(t *testing.T) {
	in := "{\"schemaVersion\": \"2021-11-01\", \"name\": \"L\", \"pillars\": [\n" +
		"  {\"id\": \"pil\", \"name\": \"P\", \"questions\": [\n" +
		"    {\"id\": \"que\", \"title\": \"Q\", \"choices\": [\n" +
		"      {\"id\": \"bad-id\", \"title\": \"A\"},\n" +
		"      {\"id\": \"b\\u0062b\", \"title\": \"é\", \"improvementPlan\": {\"displayText\": \"x\", \"url\": \"https://e x/a\"}}],\n" +
		"     \"riskRules\": [{\"condition\": \"bbb && (zzz\", \"risk\": \"NO_RISK\"}, {\"condition\": \"default\", \"risk\": \"HIGH_RISK\"}]}]}]}"
	_, _, ps := Validate([]byte(in))
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		`pillars[0].questions[0].choices[0].improvementPlan: is required: every choice but a "None of these" one, whose id ends in "_no", needs an improvement plan (pillar "pil", question "que", choice "bad-id"; line 4, column 7)`,
		`pillars[0].questions[0].choices[0].id: "bad-id" contains '-' at offset 3; use only letters, digits and '_' (pillar "pil", question "que", choice "bad-id"; line 4, column 18)`,
		`pillars[0].questions[0].choices[1].improvementPlan.url: contains ' ' at offset 9, in the host part, where a URL cannot hold it (pillar "pil", question "que", choice "bbb"; line 5, column 97)`,
		`pillars[0].questions[0].riskRules[0].condition: unexpected end of condition at offset 11; expected '&&', '||' or ')' (pillar "pil", question "que"; line 6, column 46)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestMisspeltMembers checks a missing member is blamed on the unknown one
// that looks like it.
func TestMisspeltMembers(t *testing.T) {
	in := `{"SchemaVersion": "2021-11-01", "name": "L", "pillar": []}`
	_, _, ps := Validate([]byte(in))
	var got []string
	for _, p := range ps {
		got = append(got, p.Path+": "+p.Message)
	}
	want := []string{
		`schemaVersion: is required; use "2021-11-01"; found "SchemaVersion", but member names are case-sensitive`,
		`pillars: needs at least one pillar; found an unknown member "pillar": is it a misspelling of "pillars"?`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
