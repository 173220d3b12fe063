package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed, r.msg = true, fmt.Sprintf(format, args...)
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Check(r, path, []byte("a\nb\nc\n"))
	if r.failed {
		t.Errorf("the same bytes fail: %s", r.msg)
	}
	r = &recorder{TB: t}
	Check(r, path, []byte("a\nB\nc\n"))
	if !r.failed || !strings.Contains(r.msg, "-want +got") || !strings.Contains(r.msg, `"b"`) || !strings.Contains(r.msg, `"B"`) {
		t.Errorf("a changed line: failed %v, message:\n%s", r.failed, r.msg)
	}
	r = &recorder{TB: t}
	Check(r, filepath.Join(t.TempDir(), "missing.golden"), []byte("x"))
	if !r.failed || !strings.Contains(r.msg, "-update") {
		t.Errorf("a missing file: failed %v, message %q; want a failure that tells of -update", r.failed, r.msg)
	}
}

func TestCheckUpdate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.golden")
	*update = true
	t.Cleanup(func() { *update = false })
	if !Update() {
		t.Fatal("Update() is false with -update")
	}
	Check(t, path, []byte("fresh\n"))
	if b, err := os.ReadFile(path); err != nil || string(b) != "fresh\n" {
		t.Errorf("-update wrote %q, %v", b, err)
	}
}

func TestDiffIsCut(t *testing.T) {
	want := strings.Repeat("want line\n", 2000)
	got := strings.Repeat("got line\n", 2000)
	d := diff([]byte(want), []byte(got))
	if len(d) > maxDiff+100 || !strings.Contains(d, "more bytes of diff") {
		t.Errorf("a diff of 2000 lines is %d bytes, ending %q", len(d), d[max(0, len(d)-60):])
	}
}
