// Package golden compares what a test produced with a file committed under
// testdata (wire JSON, report text, generated code), or rewrites that file
// when the test binary runs with -update. It is the one place the -update
// flag is defined: a test package that imports it must not define its own.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files with what the tests produce")

// maxDiff bounds the diff a failing Check prints: a stale generated file
// (the framework's lens document is half a megabyte) would otherwise flood
// the log, and -update with git diff shows the rest.
const maxDiff = 8000

// Update tells whether the tests run with -update. A test whose golden
// output is a set of files its generator writes itself (rather than one
// file Check can write) asks this.
func Update() bool { return *update }

// Check compares got with the file at path, line by line, and fails t with
// the differing lines (-want +got) when they differ. With -update it writes
// got to path instead, so that git diff shows what changed.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if bytes.Equal(want, got) {
		return
	}
	t.Errorf("%s differs (-want +got; go test -update rewrites it):\n%s", path, diff(want, got))
}

// diff is the line diff of want and got, cut after maxDiff bytes.
func diff(want, got []byte) string {
	d := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n"))
	if len(d) > maxDiff {
		d = fmt.Sprintf("%s\n... (%d more bytes of diff)", d[:maxDiff], len(d)-maxDiff)
	}
	return d
}
