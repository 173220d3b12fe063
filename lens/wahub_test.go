package lens

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wat-dev/wat"
)

// wahubDefects are the public lenses under catalog/lenses with real
// defects, and the start of the first problem wat must name for each, as
// ImportLens's message and `wat lens lint` give it.
var wahubDefects = map[string]string{
	"Amazon-ECS-Lens__Amazon_ECS_Lens.json": `pillars[1].questions[2].riskRules: needs a default rule: {"condition": "default", "risk": ...} (pillar "NET", question "NET3"; line 463, column 29)`,
	"EMR-spark-lens__custom-lens-emr-spark-v1.0.json": "the lens document is not valid JSON: invalid character 'N' looking for beginning of value; " +
		"NaN is not a JSON value: put the text in quotes, or leave the member out (line 1448, column 30)",
	"ElastiCache__custom-lens-elasticache-v2.0.json": `pillars[0].questions[0].riskRules: needs a default rule: {"condition": "default", "risk": ...} (pillar "waf_ec_1_ops", question "waf_ec_ops_dp1"; line 81, column 26)`,
}

// wahubOnceRefused are the public lenses wat refused only for rules that
// were not the format's: texts longer than an API response shape, URLs
// with spaces. They are valid, with a warning about each such value.
var wahubOnceRefused = []string{
	"Amazon-MSK-Lens__custom-lens-msk-v1.0.json",
	"Amazon-S3-Lens__Amazon_S3_Lens.json",
	"ApiGwLambda__custom-lens-apigw-lambda-v0.1.json",
	"IDP-custom-lens__Amazon_Machine_Learning_IDP_Lens.json",
	"OpenSearch__custom-lens-OpenSearch.json",
	"SaaS-Anywhere-Lens__SaaS-Anywhere-Custom-Lens-v0.1.json",
	"Streaming-Media-Lens__streaming-media-lens-v1.02.json",
}

// TestPublicLenses validates every public lens under catalog/lenses, as
// written for AWS's tool: those without defects are valid, each defective
// one fails naming its defect first, in Validate's problems and in the
// message of the error ImportLens returns.
func TestPublicLenses(t *testing.T) {
	files, _ := filepath.Glob("catalog/lenses/*.json")
	if len(files) != 22 {
		t.Fatalf("%d lenses in catalog/lenses, want the 22 of its README", len(files))
	}
	onceRefused := map[string]bool{}
	for _, f := range wahubOnceRefused {
		onceRefused[f] = true
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			l, doc, ps := Validate(data)
			warnings := Warnings(doc)
			t.Logf("%d problems, %d warnings", len(ps), len(warnings))
			for _, p := range ps[:min(len(ps), 3)] {
				t.Logf("  %s", p)
			}
			want, defective := wahubDefects[name]
			if !defective {
				if l == nil || len(ps) > 0 {
					t.Fatalf("refused: %v", ps)
				}
				if onceRefused[name] && len(warnings) == 0 {
					t.Error("no warning about the values wat once refused")
				}
				return
			}
			if l != nil || len(ps) == 0 || ps[0].String() != want {
				t.Fatalf("first problem %v\nwant %s", ps[:min(len(ps), 1)], want)
			}
			err = importError(data)
			if err == nil || !strings.HasPrefix(err.Error(), "invalid: ") || !strings.Contains(err.Error(), want) {
				t.Errorf("ImportLens's error %v\ndoes not name %s", err, want)
			}
			for _, p := range ps {
				if strings.Contains(p.Message, "characters long") || strings.Contains(p.Message, "space") {
					t.Errorf("a problem of a rule that is not the format's: %s", p)
				}
			}
		})
	}
}

// importError is the error ImportLens gives for data: ParseDocument's or
// Compile's.
func importError(data []byte) error {
	doc, err := ParseDocument(data)
	if err == nil {
		_, err = Compile(doc)
	}
	var we *wat.Error
	if err != nil && !errors.As(err, &we) {
		return errors.New("not a *wat.Error: " + err.Error())
	}
	return err
}
