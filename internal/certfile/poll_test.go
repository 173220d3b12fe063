package certfile

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wat-dev/wat/internal/certfile/certfiletest"
)

// TestPollWaitsForRenewalToSettle drives Watch's polls one by one: half a
// renewal (the new certificate beside the old key) is neither served nor
// logged, the whole one is served; a pair that stays broken is logged
// once, the previous one still served.
func TestPollWaitsForRenewalToSettle(t *testing.T) {
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	first := certfiletest.Write(t, certPath, keyPath)
	var logs bytes.Buffer
	h, err := Load(certPath, keyPath, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	serving := func() string { c, _ := h.GetCertificate(nil); return c.Leaf.SerialNumber.String() }
	move := func(from, to string) {
		t.Helper()
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
	}
	h.poll()
	if logs.Len() != 0 {
		t.Fatalf("a poll of unchanged files logged: %s", logs.String())
	}

	next := filepath.Join(dir, "next")
	second := certfiletest.Write(t, next+".crt", next+".key")
	move(next+".crt", certPath)
	h.poll()
	if serving() != first.SerialNumber.String() || logs.Len() != 0 {
		t.Fatalf("half a renewal: serving %s (the first is %s), logged %q; want the first, nothing logged", serving(), first.SerialNumber, logs.String())
	}
	move(next+".key", keyPath)
	h.poll()
	if serving() != second.SerialNumber.String() || !strings.Contains(logs.String(), "reloaded the TLS certificate") ||
		strings.Contains(logs.String(), "failed") {
		t.Fatalf("the whole renewal: serving %s, logged %q; want %s and a reload", serving(), logs.String(), second.SerialNumber)
	}

	// A key that is not the certificate's, for good.
	logs.Reset()
	certfiletest.Write(t, next+".crt", next+".key")
	move(next+".key", keyPath)
	for i := 0; i < 4; i++ {
		h.poll()
	}
	if n := strings.Count(logs.String(), "reloading the TLS certificate failed"); n != 1 {
		t.Errorf("a broken pair logged %d times, want once:\n%s", n, logs.String())
	}
	if serving() != second.SerialNumber.String() {
		t.Errorf("after a broken renewal serving %s, want the previous %s", serving(), second.SerialNumber)
	}
	if err := h.Reload(); err == nil {
		t.Errorf("Reload of a mismatched pair succeeded")
	}
}
