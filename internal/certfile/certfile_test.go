package certfile_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wat-dev/wat/internal/certfile"
	"github.com/wat-dev/wat/internal/certfile/certfiletest"
)

// syncBuffer is a log destination safe for Watch's goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serving returns the serial number of the certificate h hands out.
func serving(t *testing.T, h *certfile.Holder) string {
	t.Helper()
	c, err := h.GetCertificate(nil)
	if err != nil || c == nil {
		t.Fatalf("GetCertificate: %v, %v", c, err)
	}
	return c.Leaf.SerialNumber.String()
}

// waitServing waits up to 5 s for h to serve want.
func waitServing(t *testing.T, h *certfile.Holder, want *x509.Certificate, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for serving(t, h) != want.SerialNumber.String() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: still serving %s, want %s", what, serving(t, h), want.SerialNumber)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestWatchReloadsChangedFiles: a renewed pair is served without a
// restart, and the reload logged.
func TestWatchReloadsChangedFiles(t *testing.T) {
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	first := certfiletest.Write(t, certPath, keyPath)
	var logs syncBuffer
	h, err := certfile.Load(certPath, keyPath, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if got := serving(t, h); got != first.SerialNumber.String() {
		t.Fatalf("serving %s, want the first certificate %s", got, first.SerialNumber)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go h.Watch(ctx, 10*time.Millisecond)

	second := certfiletest.Write(t, certPath, keyPath)
	waitServing(t, h, second, "after renewing the files")
	if !strings.Contains(logs.String(), "reloaded the TLS certificate") {
		t.Errorf("the reload was not logged:\n%s", logs.String())
	}

}

// TestReload: an explicit reload (SIGHUP) reads the files whatever their
// time stamps say.
func TestReload(t *testing.T) {
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	certfiletest.Write(t, certPath, keyPath)
	h, err := certfile.Load(certPath, keyPath, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	second := certfiletest.Write(t, certPath, keyPath)
	if err := h.Reload(); err != nil {
		t.Fatal(err)
	}
	if got := serving(t, h); got != second.SerialNumber.String() {
		t.Errorf("after Reload serving %s, want %s", got, second.SerialNumber)
	}
}

// TestLoadRefusesBadFiles: a server does not start on a pair it cannot use.
func TestLoadRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	if _, err := certfile.Load(certPath, keyPath, slog.New(slog.DiscardHandler)); err == nil {
		t.Errorf("Load of missing files succeeded")
	}
	certfiletest.Write(t, certPath, keyPath)
	os.WriteFile(keyPath, []byte("not a key"), 0o600)
	if _, err := certfile.Load(certPath, keyPath, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), certPath) {
		t.Errorf("Load of a bad key: %v, want an error naming the files", err)
	}
}
