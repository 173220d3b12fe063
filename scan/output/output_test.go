package output

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wat-dev/wat/internal/golden"
	"github.com/wat-dev/wat/scan"
	"github.com/wat-dev/wat/scan/files"
)

// project is a small project: a CloudFormation template, CDK output, a
// Terraform plan, a file that is not a template, one that does not parse,
// and node_modules, which is not walked. cmd/wat's end-to-end test scans
// it from this directory too, and checks the same golden files.
const project = "testdata/project"

// scanProject scans the project as wat scan does: its files walked and
// read, every built-in rule run.
func scanProject(t testing.TB) ([]*scan.Rule, *scan.Report, Summary) {
	t.Helper()
	rules, err := scan.Rules()
	if err != nil {
		t.Fatal(err)
	}
	names, failed := files.Collect([]string{project})
	resources, problems, more := files.Read(names)
	if failed = append(failed, more...); len(failed) > 0 {
		t.Fatalf("files not read: %v", failed)
	}
	return rules, scan.Evaluate(rules, resources, problems), Summary{Files: len(names), Resources: len(resources)}
}

// writeReport is the project's report in a format.
func writeReport(t testing.TB, format string) []byte {
	t.Helper()
	w, ok := ByFormat(format, "dev")
	if !ok {
		t.Fatalf("no writer for %s", format)
	}
	rules, rep, sum := scanProject(t)
	var b bytes.Buffer
	if err := w.WriteReport(&b, rules, rep, sum); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writeRules is the list of the built-in rules in a format.
func writeRules(t testing.TB, format string) []byte {
	t.Helper()
	w, _ := ByFormat(format, "dev")
	rules, err := scan.Rules()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.WriteRules(&b, rules); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden writes the project's report in every format.
func TestGolden(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", format+".golden"), writeReport(t, format))
		})
	}
	if _, ok := ByFormat("xml", "dev"); ok {
		t.Error("ByFormat(xml) gives a writer")
	}
}

func TestScanJSONShape(t *testing.T) {
	var out JSONReport
	if err := json.Unmarshal(writeReport(t, "json"), &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary.Files != 5 || out.Summary.Resources != 6 {
		t.Errorf("summary %+v: want 5 files (node_modules skipped), 6 resources (the CDK role too)", out.Summary)
	}
	if len(out.Problems) != 1 || !strings.HasSuffix(out.Problems[0].File, "broken.yaml") || out.Problems[0].Line == 0 {
		t.Errorf("problems %+v: want broken.yaml with its line", out.Problems)
	}
	found := false
	for _, p := range out.Pillars {
		for _, pr := range p.Practices {
			for _, r := range pr.Results {
				if r.Rule == "rds-backup-retention" {
					found = true
					if r.Status != "UNKNOWN" || !strings.Contains(r.Reason, "Retention") || r.File != project+"/app.yaml" || r.Line != 14 {
						t.Errorf("rds-backup-retention: %+v, want UNKNOWN at app.yaml:14 because of the Retention parameter", r)
					}
				}
			}
		}
	}
	if !found {
		t.Error("no result for rds-backup-retention")
	}
}

// TestScanListRules lists the built-in rules as JSON, each with the best
// practices it names complete.
func TestScanListRules(t *testing.T) {
	out := writeRules(t, "json")
	golden.Check(t, filepath.Join("testdata", "rules.golden"), out)
	var rules []JSONRule
	if err := json.Unmarshal(out, &rules); err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		for _, p := range r.Practices {
			if p.ID == "" || p.ChoiceID == "" || p.QuestionID == "" || p.PillarID == "" || p.Risk == "" {
				t.Errorf("rule %s: incomplete practice %+v", r.ID, p)
			}
		}
	}
	if table := string(writeRules(t, "table")); !strings.Contains(table, "rds-multi-az") || !strings.Contains(table, "REL10-BP01") {
		t.Errorf("table:\n%s", table)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"a|b":        `a\|b`,
		"x_y*z":      `x\_y\*z`,
		"<script>":   "&lt;script&gt;",
		"line\nnext": "line next",
	} {
		if got := mdCell(in); got != want {
			t.Errorf("mdCell(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mdCode("app.yaml:3"); got != "`app.yaml:3`" {
		t.Errorf("mdCode = %q", got)
	}
	if got := mdCode("a`b"); got != "a\\`b" {
		t.Errorf("mdCode of a backtick = %q", got)
	}
}
