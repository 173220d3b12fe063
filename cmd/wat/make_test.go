package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMakeRunListen: `make run` passes LISTEN on when given and otherwise
// leaves the address to wat serve, which reads WAT_LISTEN and has the one
// default (config.go).
func TestMakeRunListen(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	dryRun := func(env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command("make", append([]string{"--no-print-directory", "-n", "run"}, args...)...)
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make -n run %v: %v\n%s", args, err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, " serve") {
				return line
			}
		}
		t.Fatalf("make -n run %v runs no wat serve:\n%s", args, out)
		return ""
	}
	if got := dryRun(nil, "LISTEN=0.0.0.0:9090"); !strings.Contains(got, "serve --listen '0.0.0.0:9090'") {
		t.Errorf("make run LISTEN=0.0.0.0:9090 runs %q", got)
	}
	if got := dryRun([]string{"WAT_LISTEN=127.0.0.1:9191"}); strings.Contains(got, "--listen") {
		t.Errorf("with WAT_LISTEN set, make run runs %q: a --listen there would override it", got)
	}
}

// TestConsoleBuildsOnlyWhenItsSourcesChange runs scripts/console.sh on a
// copy of web/'s shape with an npm that records its calls: the console is
// built the first time, not again while nothing changed — not even when a
// checkout gives every file a new time — and again when a source changes
// or the built console is gone.
func TestConsoleBuildsOnlyWhenItsSourcesChange(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed")
	}
	root := t.TempDir()
	script, err := os.ReadFile("../../scripts/console.sh")
	if err != nil {
		t.Fatal(err)
	}
	web := filepath.Join(root, "web")
	files := map[string]string{
		"scripts/console.sh":                  string(script),
		"web/index.html":                      "<!doctype html>",
		"web/package.json":                    "{}",
		"web/package-lock.json":               "{}",
		"web/src/main.tsx":                    "export {};",
		"web/node_modules/.package-lock.json": "{}",
		"web/tests/run.mjs":                   "// not read by the build",
		// A stand-in for npm: records each call, and builds a console.
		"bin/npm": "#!/bin/sh\necho \"$*\" >>\"$NPM_LOG\"\n" +
			"if [ \"$2\" = --silent ] && [ \"$3\" = build ]; then mkdir -p dist/console && echo built >dist/console/index.html; fi\n",
	}
	for name, body := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The packages were installed after the lockfile was written.
	later := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(web, "node_modules/.package-lock.json"), later, later)

	npmLog := filepath.Join(root, "npm.log")
	builds := 0
	step := func(what string, wantBuild bool) {
		t.Helper()
		cmd := exec.Command("bash", filepath.Join(root, "scripts/console.sh"))
		cmd.Env = append(os.Environ(), "PATH="+filepath.Join(root, "bin")+":"+os.Getenv("PATH"), "NPM_LOG="+npmLog)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: console.sh: %v\n%s", what, err, out)
		}
		log, _ := os.ReadFile(npmLog)
		n := strings.Count(string(log), "run --silent build")
		if built := n > builds; built != wantBuild {
			t.Errorf("%s: built %v, want %v (npm calls: %q)", what, built, wantBuild, log)
		}
		builds = n
		if strings.Contains(string(log), "ci ") {
			t.Errorf("%s: npm ci ran with packages newer than the lockfile", what)
		}
	}
	step("first build", true)
	step("nothing changed", false)
	now := time.Now().Add(2 * time.Minute)
	for _, f := range []string{"index.html", "package.json", "src/main.tsx"} {
		os.Chtimes(filepath.Join(web, f), now, now)
	}
	step("new modification times, same contents", false)
	os.WriteFile(filepath.Join(web, "tests/run.mjs"), []byte("// a test changed"), 0o644)
	step("a browser test changed", false)
	os.WriteFile(filepath.Join(web, "src/main.tsx"), []byte("export const x = 1;"), 0o644)
	step("a source changed", true)
	os.WriteFile(filepath.Join(web, "src/extra.ts"), []byte(""), 0o644)
	step("a new source file", true)
	os.RemoveAll(filepath.Join(web, "dist/console"))
	step("the built console removed", true)
}
