package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanMissingPath checks that a path that does not exist, or cannot
// be opened, stops the scan before it starts: exit 2, every such path
// named on stderr, no report (a mistyped path in CI must not pass as a
// clean scan).
func TestScanMissingPath(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.yaml")
	if err := os.WriteFile(clean, []byte("Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: 7}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop.yaml")
	if err := os.Symlink("loop.yaml", loop); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join("testdata", "scan", "no-such-dir")
	for _, tc := range []struct {
		name   string
		args   []string
		reason map[string]string // path -> what stderr says of it
	}{
		{"missing", []string{missing}, map[string]string{missing: "no such file or directory"}},
		{"missing among others", []string{clean, missing, scanProject, "--format", "json"}, map[string]string{missing: "no such file or directory"}},
		{"under a file", []string{clean + "/x", clean}, map[string]string{clean + "/x": "not a directory"}},
		{"symbolic link loop", []string{loop}, map[string]string{loop: "too many levels of symbolic links"}},
		{"two missing", []string{"nope-1", "nope-2"}, map[string]string{"nope-1": "no such file", "nope-2": "no such file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runScan(t, tc.args...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit 2 and no report", code, stdout)
			}
			for path, reason := range tc.reason {
				if !strings.Contains(stderr, "wat scan: "+path+": "+reason) {
					t.Errorf("stderr %q does not name %s (%s)", stderr, path, reason)
				}
			}
		})
	}
}

// TestScanUnreadablePath checks a path that exists but cannot be read:
// named on the command line, it stops the scan as a missing one does; a
// file that opens but cannot be read, or one under a directory, is listed
// with the files not read, named on stderr, and fails the scan (exit 1)
// with or without --fail-on.
func TestScanUnreadablePath(t *testing.T) {
	t.Run("read fails", func(t *testing.T) {
		// /proc/self/mem opens, but reading it from offset 0 fails (EIO) even
		// for root, who can read any file whatever its mode.
		const mem = "/proc/self/mem"
		if _, err := os.Stat(mem); err != nil {
			t.Skip("no /proc/self/mem here:", err)
		}
		stdout, stderr, code := runScan(t, mem, scanProject)
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if !strings.Contains(stderr, "wat scan: "+mem+": cannot read: input/output error") {
			t.Errorf("stderr %q does not name %s", stderr, mem)
		}
		// The files not read are in the order of their names: the section is
		// searched, as the project's broken.yaml may come before /proc.
		_, notRead, _ := strings.Cut(stdout, "Files not read:\n")
		if !strings.Contains("\n"+notRead, "\n  "+mem+": cannot read") || !strings.Contains(stdout, "rds-multi-az") {
			t.Errorf("the report does not list %s with the other files' results:\n%s", mem, stdout)
		}
	})
	t.Run("permission denied", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads files whatever their mode")
		}
		dir := t.TempDir()
		locked := filepath.Join(dir, "locked.yaml")
		if err := os.WriteFile(locked, []byte("Resources: {}\n"), 0o000); err != nil {
			t.Fatal(err)
		}
		if _, stderr, code := runScan(t, locked); code != 2 || !strings.Contains(stderr, "wat scan: "+locked+": permission denied") {
			t.Errorf("named: exit %d, stderr %q; want 2 naming %s", code, stderr, locked)
		}
		stdout, stderr, code := runScan(t, dir)
		if code != 1 || !strings.Contains(stderr, "wat scan: "+locked+": cannot read: permission denied") || !strings.Contains(stdout, locked) {
			t.Errorf("under a directory: exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
		}
	})
}
