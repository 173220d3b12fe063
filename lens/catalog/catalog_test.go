package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/wat-dev/wat/internal/golden"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework"
)

func builtinCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// kinds are the categories that say what a lens is about; every entry of
// the embedded catalog has exactly one.
var kinds = []string{"service", "industry", "practice"}

// TestBuiltin: the 22 lenses of the embedded catalog load, each described
// in full, its source and licence recorded, its document one ImportLens
// takes and stores unchanged.
func TestBuiltin(t *testing.T) {
	c := builtinCatalog(t)
	if n := len(c.Entries()); n != 22 {
		t.Fatalf("%d entries, want the 22 lenses of lenses/README.md", n)
	}
	for _, e := range c.Entries() {
		t.Run(e.ID, func(t *testing.T) {
			if e.Title == e.Lens.Name || e.Description == "" || e.Description == e.Lens.Description || strings.Count(e.Description, ". ") > 1 {
				t.Errorf("title %q, description %q: want wat's own, of one or two sentences", e.Title, e.Description)
			}
			if n := len(slices.DeleteFunc(slices.Clone(e.Categories), func(c string) bool { return !slices.Contains(kinds, c) })); n != 1 {
				t.Errorf("categories %v: want exactly one of %v", e.Categories, kinds)
			}
			s := e.Source
			if s.Repository != "aws-samples/custom-lens-wa-hub" || s.Commit != "780ae3df3a06" || s.License != "MIT-0" || s.Path == "" || s.Version == "" || e.Version == "" {
				t.Errorf("source %+v, version %q", s, e.Version)
			}
			n := 0
			for _, p := range e.Pillars {
				n += p.Questions
			}
			if n != e.Questions || n != len(e.Lens.Questions()) || n == 0 {
				t.Errorf("%d questions, pillars count %d, lens has %d", e.Questions, n, len(e.Lens.Questions()))
			}
			// What installing stores is what ImportLens stores for it.
			doc, err := lens.ParseDocument(e.Document)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := lens.Compile(doc); err != nil {
				t.Fatal(err)
			}
			if again, _ := doc.Normalize(); !bytes.Equal(again, e.Document) {
				t.Error("the document is not in ImportLens's normalised form")
			}
		})
	}
}

// TestBuiltinRepairsAreNeeded: each repaired file fails the catalog
// without its repairs, naming the defect.
func TestBuiltinRepairsAreNeeded(t *testing.T) {
	sub, _ := fs.Sub(lenses, "lenses")
	data, _ := fs.ReadFile(sub, IndexFile)
	var ix index
	if err := yaml.Unmarshal(data, &ix); err != nil {
		t.Fatal(err)
	}
	// The file named first, and the start of its first problem. Athena's
	// comes first, so the clash of names is the Spark lens's problem.
	want := map[string][2]string{
		"amazon-ecs":         {"Amazon-ECS-Lens__Amazon_ECS_Lens.json", `pillars[1].questions[2].riskRules: needs a default rule`},
		"amazon-elasticache": {"ElastiCache__custom-lens-elasticache-v2.0.json", `pillars[0].questions[0].riskRules: needs a default rule`},
		"amazon-emr-spark":   {"EMR-spark-lens__custom-lens-emr-spark-v1.0.json", `the lens document is not valid JSON`},
		"amazon-athena":      {"EMR-spark-lens__custom-lens-emr-spark-v1.0.json", `the lens is named "Spark on EMR Best Practice Lens", as is the lens of entry "amazon-athena"`},
	}
	var repaired []string
	for i, e := range ix.Entries {
		if len(e.Repairs) == 0 {
			continue
		}
		repaired = append(repaired, e.ID)
		t.Run(e.ID, func(t *testing.T) {
			without := ix
			without.Entries = slices.Clone(ix.Entries)
			without.Entries[i].Repairs = nil
			fsys := fstest.MapFS{}
			fs.WalkDir(sub, ".", func(path string, d fs.DirEntry, err error) error {
				if !d.IsDir() {
					b, _ := fs.ReadFile(sub, path)
					fsys[path] = &fstest.MapFile{Data: b}
				}
				return nil
			})
			out, _ := yaml.Marshal(without)
			fsys[IndexFile] = &fstest.MapFile{Data: out}
			_, err := Load(fsys, "wat")
			var le *LoadError
			w := want[e.ID]
			if !errors.As(err, &le) || len(le.Problems) == 0 || le.Problems[0].File != w[0] || !strings.HasPrefix(le.Problems[0].Message, w[1]) {
				t.Errorf("without its repairs: %v\nwant %s: %s…", err, w[0], w[1])
			}
		})
	}
	slices.Sort(repaired)
	if diff := cmp.Diff([]string{"amazon-athena", "amazon-ecs", "amazon-elasticache", "amazon-emr-spark"}, repaired); diff != "" {
		t.Errorf("repaired entries (-want +got):\n%s", diff)
	}
}

// TestFrameworkPillarsAreTheFrameworks: the catalog's list of framework
// pillars is the framework lens's.
func TestFrameworkPillarsAreTheFrameworks(t *testing.T) {
	var names []string
	for _, p := range framework.Lens().Pillars {
		names = append(names, p.Name)
	}
	if diff := cmp.Diff(framework.PillarOrder(), FrameworkPillars); diff != "" {
		t.Errorf("ids (-framework +catalog):\n%s", diff)
	}
	if diff := cmp.Diff(names, frameworkNames); diff != "" {
		t.Errorf("names (-framework +catalog):\n%s", diff)
	}
}

// TestClassify: pillar names as published lenses write them, misspelt and
// abbreviated, and those of a lens's own.
func TestClassify(t *testing.T) {
	tests := map[string][]string{
		"Operational Excellence":                 {"operationalExcellence"},
		"Opeational Excellence":                  {"operationalExcellence"},
		"Operating ECS at scale":                 nil,
		"Security best practices":                {"security"},
		"SEC":                                    {"security"},
		"Realiability":                           {"reliability"},
		"Reliablilty":                            {"reliability"},
		"Performance efficiency":                 {"performance"},
		"Cost and Performance":                   {"performance", "costOptimization"},
		"Sustainability":                         {"sustainability"},
		"Networking":                             nil,
		"Improvements to speed up your workload": nil,
		"PHASE 3 Minimum Viable Service (MVS)":   nil,
	}
	for name, want := range tests {
		if got := classify(name); !slices.Equal(got, want) {
			t.Errorf("classify(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestFilter: listing by category, pillar and text, as `wat lens catalog
// list` and the API's listing do.
func TestFilter(t *testing.T) {
	c := builtinCatalog(t)
	tests := []struct {
		f    Filter
		want []string
	}{
		{Filter{Category: "Database"}, []string{"amazon-documentdb", "amazon-dynamodb", "amazon-elasticache"}},
		{Filter{Category: "industry"}, []string{"saas-anywhere", "saas-business", "streaming-media"}},
		{Filter{Pillar: "sustainability"}, []string{"amazon-documentdb", "amazon-dynamodb", "amazon-s3", "intelligent-document-processing", "saas-anywhere"}},
		{Filter{Pillar: "Cost Optimization", Category: "serverless"}, []string{"amazon-api-gateway-lambda", "amazon-dynamodb", "aws-glue"}},
		{Filter{Pillar: "networking"}, []string{"amazon-ecs"}},
		{Filter{Search: "kafka"}, []string{"amazon-msk"}},
		{Filter{Search: " SaaS ", Category: "business"}, []string{"saas-business"}},
		{Filter{Search: "no such lens"}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range c.List(tt.f) {
			got = append(got, e.ID)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("List(%+v) (-want +got):\n%s", tt.f, diff)
		}
	}
}

// TestVersionsFollowDocuments: an entry whose document (as installed)
// changes gets a new version, or accounts that installed it would never be
// offered the change. testdata/versions.golden records each entry's
// version with a digest of its document; -update rewrites it, but only
// once every changed document has a new version.
func TestVersionsFollowDocuments(t *testing.T) {
	c := builtinCatalog(t)
	var got strings.Builder
	now := map[string]string{}
	for _, e := range c.Entries() {
		line := fmt.Sprintf("%s %s %s", e.ID, e.Version, digest(e.Document))
		fmt.Fprintln(&got, line)
		now[e.ID+" "+e.Version] = line
	}
	recorded, _ := os.ReadFile(versionsGolden) // none yet: -update writes it
	for _, line := range strings.Split(strings.TrimSpace(string(recorded)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		if cur, ok := now[f[0]+" "+f[1]]; ok && cur != line {
			t.Errorf("the document of %s changed but its version is still %s: raise its version in lenses/%s", f[0], f[1], IndexFile)
		}
	}
	if t.Failed() {
		return
	}
	golden.Check(t, versionsGolden, []byte(got.String()))
}

const versionsGolden = "testdata/versions.golden"

// digest is a short digest of a document: enough to tell a change.
func digest(doc []byte) string {
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:8])
}
