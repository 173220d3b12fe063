package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readmeNotRun is how many shell blocks of the README are marked not to
// run. Marking another is a decision this number makes visible in review.
const readmeNotRun = 7

// readmeEndpoint is the server the README's examples talk to; the test maps
// it, and nothing else in a block, to the server it started.
const readmeEndpoint = "http://127.0.0.1:8080"

// TestREADMEExamples runs every shell example of the README, in order, in
// one bash session (set -euo pipefail), as a reader would type them in the
// quick start's terminal, against a fresh server — and fails naming the
// first block that fails, with its output.
//
// What the session gets that a reader has too:
//   - its directory holds ./data (the server's data dir, so
//     ./data/credentials is the credentials file the server wrote), ./bin/wat,
//     and the files the examples name (testdata/readme: baseline.json,
//     ./infra, …);
//   - bin/wat is this test binary, which TestMain turns into the wat command
//     (the same code, without a second 3-minute build).
//
// What it changes: in each block, http://127.0.0.1:8080 becomes the test
// server's address; nothing else. The environment loses the caller's AWS_*
// and WAT_* settings, gets AWS_CONFIG_FILE=/dev/null (no ~/.aws/config) and AWS_PAGER=
// (the v2 CLI would page), and AWS_ENDPOINT_URL points at a closed port, so
// that a command which names no endpoint fails here instead of reaching a
// server someone runs on :8080.
func TestREADMEExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every README example against a server (-short)")
	}
	if _, err := exec.LookPath("aws"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the aws CLI is not installed; make test installs it")
		}
		t.Skip("aws CLI not installed")
	}
	md, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := readmeBlocks(string(md))
	if err != nil {
		t.Fatal(err)
	}
	var run []mdBlock
	notRun := 0
	for _, b := range blocks {
		switch {
		case !b.Shell():
		case b.NotRun != "":
			notRun++
			t.Logf("not run: %s: %s", b, b.NotRun)
		default:
			run = append(run, b)
		}
	}
	if notRun != readmeNotRun {
		t.Errorf("%d shell blocks of the README are marked not run, want %d: run the new one, or change readmeNotRun", notRun, readmeNotRun)
	}

	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS("testdata/readme")); err != nil {
		t.Fatal(err)
	}
	installTestWat(t, filepath.Join(work, "bin"))
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", filepath.Join(work, "data"))

	sh := startSession(t, work)
	scripts := t.TempDir()
	for i, b := range run {
		text := strings.ReplaceAll(b.Text, readmeEndpoint, w.Endpoint)
		if strings.Contains(text, ":8080") {
			t.Fatalf("%s names port 8080 otherwise than as %s, which is all the test maps", b, readmeEndpoint)
		}
		script := filepath.Join(scripts, fmt.Sprintf("block-%02d.sh", i+1))
		if err := os.WriteFile(script, []byte(text+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if err := sh.source(script, 3*time.Minute); err != nil {
			out, _ := os.ReadFile(script + ".out")
			t.Fatalf("%s: %v\n--- the block as run ---\n%s\n--- its output ---\n%s", b, err, text, out)
		}
		t.Logf("ran %s in %v", b, time.Since(start).Round(time.Millisecond))
	}
	if err := sh.close(); err != nil {
		t.Fatalf("the shell, after the last block: %v", err)
	}
	t.Logf("ran %d shell blocks of the README, %d marked not run", len(run), notRun)
}

// installTestWat puts a `wat` in dir that runs this test binary as the wat
// command (see TestMain).
func installTestWat(t *testing.T, dir string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	script := fmt.Sprintf("#!/bin/sh\n%s=1 exec '%s' \"$@\"\n", testAsWat, self)
	if err := os.WriteFile(filepath.Join(dir, "wat"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

// shellSession is one bash reading commands from the test, so that
// variables a block sets ($ID, $LENS, …) reach the blocks after it.
type shellSession struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr syncBuffer
	lines  chan string // the shell's stdout: only the test's markers
	n      int
}

// startSession starts bash in dir with the environment the README test
// promises (see TestREADMEExamples).
func startSession(t *testing.T, dir string) *shellSession {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-euo", "pipefail")
	cmd.Dir = dir
	s := &shellSession{cmd: cmd, lines: make(chan string)}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "WAT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "AWS_CONFIG_FILE=/dev/null", "AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true",
		"AWS_ENDPOINT_URL=http://127.0.0.1:1")
	var err error
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = &s.stderr // bash's own complaints only: each block's output goes to its file
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			s.lines <- sc.Text()
		}
		close(s.lines)
	}()
	t.Cleanup(func() { s.cmd.Process.Kill(); s.cmd.Wait() })
	return s
}

// source runs script in the session, its output in script+".out", and
// reports whether the session survived it: under set -e a failing command
// ends the shell.
func (s *shellSession) source(script string, timeout time.Duration) error {
	s.n++
	done := fmt.Sprintf("block %d done", s.n)
	if _, err := fmt.Fprintf(s.stdin, "source '%s' >'%s.out' 2>&1 </dev/null\necho '%s'\n", script, script, done); err != nil {
		return fmt.Errorf("the shell has gone: %w", err)
	}
	select {
	case line, ok := <-s.lines:
		if !ok {
			err := s.cmd.Wait()
			return fmt.Errorf("failed (the shell exited: %v)%s", err, s.complaints())
		}
		if line != done {
			return fmt.Errorf("the shell printed %q, not the end of the block", line)
		}
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("still running after %v", timeout)
	}
}

// complaints is what bash itself said on stderr, if anything.
func (s *shellSession) complaints() string {
	if e := s.stderr.String(); e != "" {
		return "\nbash: " + e
	}
	return ""
}

// close ends the session and reports how the shell exited.
func (s *shellSession) close() error {
	s.stdin.Close()
	for range s.lines {
	}
	return s.cmd.Wait()
}
