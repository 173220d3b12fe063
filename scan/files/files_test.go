package files

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree writes files (path -> content) under a temporary directory and
// returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCollect walks a directory for *.json, *.yaml and *.yml whatever
// their case, past the directories of dependencies and tools, and takes a
// file named explicitly whatever its name.
func TestCollect(t *testing.T) {
	dir := tree(t, map[string]string{
		"app.yaml": "", "b.YML": "", "sub/plan.JSON": "", "notes.txt": "",
		"node_modules/dep/t.yaml": "", ".git/x.json": "", "sub/.terraform/m.json": "",
	})
	named := filepath.Join(dir, "notes.txt")
	got, failed := Collect([]string{dir, named})
	for i := range got {
		got[i] = filepath.ToSlash(strings.TrimPrefix(got[i], dir+string(filepath.Separator)))
	}
	slices.Sort(got)
	want := []string{"app.yaml", "b.YML", "notes.txt", "sub/plan.JSON"}
	if diff := cmp.Diff(want, got); diff != "" || len(failed) > 0 {
		t.Errorf("files (-want +got):\n%s\nfailed: %v", diff, failed)
	}
}

// TestCheck names every path that is missing with the reason alone, not
// the operation that found it.
func TestCheck(t *testing.T) {
	dir := tree(t, map[string]string{"ok.yaml": ""})
	missing := filepath.Join(dir, "nope")
	errs := Check([]string{filepath.Join(dir, "ok.yaml"), dir, missing})
	if len(errs) != 1 || errs[0].Error() != missing+": no such file or directory" {
		t.Errorf("Check: %v, want only %s: no such file or directory", errs, missing)
	}
}

// TestRead keeps apart the files that are read but are not templates that
// parse (problems of the report), those that are not templates at all
// (nothing), and those that cannot be read (failed).
func TestRead(t *testing.T) {
	dir := tree(t, map[string]string{
		"app.yaml":     "Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: 7}\n",
		"broken.yaml":  "Resources: [\n",
		"package.json": `{"name": "x"}`,
	})
	names := []string{filepath.Join(dir, "app.yaml"), filepath.Join(dir, "broken.yaml"), filepath.Join(dir, "package.json"), filepath.Join(dir, "gone.yaml")}
	res, problems, failed := Read(names)
	if len(res) != 1 || res[0].Name != "L" {
		t.Errorf("resources %v, want L of app.yaml", res)
	}
	if len(problems) != 1 || problems[0].File != names[1] {
		t.Errorf("problems %v, want broken.yaml", problems)
	}
	if len(failed) != 1 || failed[0].File != names[3] || failed[0].Message != "cannot read: no such file or directory" {
		t.Errorf("failed %v, want gone.yaml: cannot read: no such file or directory", failed)
	}
}

func TestRel(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(wd), "elsewhere", "a.yaml")
	for in, want := range map[string]string{
		filepath.Join(wd, "sub", "a.yaml"): filepath.Join("sub", "a.yaml"),
		outside:                            outside,
		"./sub//a.yaml":                    filepath.Join("sub", "a.yaml"),
	} {
		if got := Rel(in); got != want {
			t.Errorf("Rel(%q) = %q, want %q", in, got, want)
		}
	}
}
