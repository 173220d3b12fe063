package guidance_test

import (
	"os"
	"strings"
	"testing"

	"github.com/wat-dev/wat/lens/framework/guidance"
	"github.com/wat-dev/wat/lens/framework/internal/wadata"
)

func facts(t *testing.T) []guidance.Fact {
	t.Helper()
	data, err := os.ReadFile("../wa-framework.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wadata.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return wadata.Facts(rows)
}

// TestLint holds the shipped guidance to the bar: every question and
// practice of the framework covered, every field present and within bounds.
// Each pillar is a subtest, so `-run TestLint/security` checks one file.
func TestLint(t *testing.T) {
	set, err := guidance.Load("data")
	if err != nil {
		t.Fatal(err)
	}
	probs := guidance.Lint(set, facts(t))
	pillars := []string{"operationalExcellence", "security", "reliability", "performance", "costOptimization", "sustainability"}
	for _, p := range pillars {
		t.Run(p, func(t *testing.T) {
			n := 0
			for _, pr := range probs {
				if strings.HasPrefix(pr, p+".yaml") || strings.HasPrefix(pr, p+"-") {
					t.Error(pr)
					n++
				}
			}
			if n > 0 {
				t.Logf("%d problems in %s.yaml", n, p)
			}
		})
	}
	for _, pr := range probs {
		if !slicesHasPrefix(pr, pillars) {
			t.Error(pr)
		}
	}
}

func slicesHasPrefix(s string, pillars []string) bool {
	for _, p := range pillars {
		if strings.HasPrefix(s, p+".yaml") || strings.HasPrefix(s, p+"-") {
			return true
		}
	}
	return false
}
