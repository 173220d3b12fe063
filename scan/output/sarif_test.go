package output

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestScanSARIFStructure checks the SARIF log of the project as a
// code-scanning UI reads it: the required members of SARIF 2.1.0, every
// result pointing at a rule of the driver, levels and kinds of the
// specification, relative artifact URIs with lines, and the rules'
// mapping to best practices.
func TestScanSARIFStructure(t *testing.T) {
	stdout := writeReport(t, "sarif")
	var log map[string]any
	if err := json.Unmarshal(stdout, &log); err != nil {
		t.Fatal(err)
	}
	if log["version"] != "2.1.0" || !strings.HasPrefix(log["$schema"].(string), "https://") || !strings.Contains(log["$schema"].(string), "sarif-schema-2.1.0") {
		t.Errorf("version %v, $schema %v: want 2.1.0 and the SARIF 2.1.0 schema", log["version"], log["$schema"])
	}
	var sl sarifLog
	if err := json.Unmarshal(stdout, &sl); err != nil {
		t.Fatal(err)
	}
	if len(sl.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(sl.Runs))
	}
	run := sl.Runs[0]
	d := run.Tool.Driver
	if d.Name != "wat" || d.Version == "" || !strings.HasPrefix(d.InformationURI, "https://") {
		t.Errorf("driver %q %q %q: want name wat, a version and an https informationUri", d.Name, d.Version, d.InformationURI)
	}
	ids := map[string]int{}
	for i, r := range d.Rules {
		if _, dup := ids[r.ID]; dup {
			t.Errorf("rule %s listed twice", r.ID)
		}
		ids[r.ID] = i
		if r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.HelpURI == "" {
			t.Errorf("rule %s lacks a name, descriptions, help or helpUri: %+v", r.ID, r)
		}
		if !slices.Contains([]string{"error", "warning", "note"}, r.DefaultConfiguration.Level) {
			t.Errorf("rule %s: default level %q", r.ID, r.DefaultConfiguration.Level)
		}
		if len(r.Properties.WellArchitected) == 0 {
			t.Errorf("rule %s maps to no best practice", r.ID)
		}
		for _, bp := range r.Properties.WellArchitected {
			if bp.ID == "" || bp.ChoiceID == "" || bp.QuestionID == "" || bp.PillarID == "" || bp.Risk == "" {
				t.Errorf("rule %s: incomplete practice %+v", r.ID, bp)
			}
			if !slices.Contains(r.Properties.Tags, bp.ID) || !slices.Contains(r.Properties.Tags, bp.PillarID) {
				t.Errorf("rule %s: tags %v lack %s and %s", r.ID, r.Properties.Tags, bp.ID, bp.PillarID)
			}
		}
	}
	kinds := map[string]int{}
	for _, res := range run.Results {
		i, ok := ids[res.RuleID]
		if !ok || i != res.RuleIndex {
			t.Errorf("result of %s: ruleIndex %d, the rule is at %d (%v)", res.RuleID, res.RuleIndex, i, ok)
		}
		kinds[res.Kind]++
		switch {
		case res.Kind == "fail" && slices.Contains([]string{"error", "warning", "note"}, res.Level):
		case res.Kind == "review" && res.Level == "none": // SARIF: a result that is not a failure has level none
		default:
			t.Errorf("result of %s: kind %q, level %q", res.RuleID, res.Kind, res.Level)
		}
		if res.Message.Text == "" || len(res.PartialFingerprints) == 0 || len(res.Locations) != 1 {
			t.Errorf("result of %s lacks a message, fingerprints or its location: %+v", res.RuleID, res)
			continue
		}
		checkArtifact(t, res.RuleID, res.Locations[0])
	}
	if kinds["fail"] == 0 || kinds["review"] == 0 {
		t.Errorf("results by kind %v: want failures and reviews (the UNKNOWN backup retention)", kinds)
	}
	n := run.Invocations[0].Notifications
	if len(n) != 1 || n[0].Level != "error" || !strings.HasSuffix(n[0].Locations[0].PhysicalLocation.ArtifactLocation.URI, "broken.yaml") {
		t.Errorf("notifications %+v: want broken.yaml as an error", n)
	} else {
		checkArtifact(t, "broken.yaml", n[0].Locations[0])
	}
}

// checkArtifact fails unless loc names a file by a relative URI reference
// with a line.
func checkArtifact(t *testing.T, what string, loc sarifLocation) {
	t.Helper()
	a := loc.PhysicalLocation.ArtifactLocation
	u, err := url.Parse(a.URI)
	if err != nil || u.IsAbs() || strings.HasPrefix(a.URI, "/") || a.URIBaseID != srcRoot {
		t.Errorf("%s: artifact %+v, want a URI relative to %s", what, a, srcRoot)
	}
	if r := loc.PhysicalLocation.Region; r == nil || r.StartLine < 1 {
		t.Errorf("%s: region %+v, want a start line", what, r)
	}
}

// TestScanListRulesFormats lists the rules as SARIF (the rules, no
// result) and as Markdown.
func TestScanListRulesFormats(t *testing.T) {
	var sl sarifLog
	if err := json.Unmarshal(writeRules(t, "sarif"), &sl); err != nil || len(sl.Runs[0].Tool.Driver.Rules) == 0 || len(sl.Runs[0].Results) != 0 {
		t.Errorf("the rules as SARIF: %v, %d rules", err, len(sl.Runs[0].Tool.Driver.Rules))
	}
	md := string(writeRules(t, "markdown"))
	if !strings.Contains(md, "| `rds-multi-az`: ") || !strings.Contains(md, "[REL10-BP01](https://") {
		t.Errorf("the rules as Markdown:\n%s", md)
	}
}

func TestPascalCase(t *testing.T) {
	if got := pascalCase("s3-public-access-blocked"); got != "S3PublicAccessBlocked" {
		t.Errorf("pascalCase = %q", got)
	}
}
