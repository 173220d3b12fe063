// Package certfile serves a TLS certificate and key read from PEM files and
// read again when they change, so that a renewed certificate (certbot,
// cert-manager, an operator's copy) is served without a restart: on demand
// (Reload, which `wat serve` calls on SIGHUP) and when the files' contents
// change (Watch). A pair that cannot be read or does not
// match is logged and the previous one kept: a renewal written file by file
// must not take the server down between the two writes, nor, as Watch
// waits for the files to settle, even log an error.
package certfile

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Holder holds the certificate of a TLS server. Its GetCertificate goes in
// tls.Config, where every handshake reads the current pair without a lock.
type Holder struct {
	certPath, keyPath string
	log               *slog.Logger

	cert atomic.Pointer[tls.Certificate]

	mu   sync.Mutex // serialises reloads
	seen stamp      // the files as the last reload, or the last one logged, found them
	// failed is the files as Watch's last, silent, failed attempt found
	// them: when the next poll finds them unchanged, the failure is for
	// good and logged.
	failed stamp
}

// stamp is what Watch compares to notice a change: a digest of both files'
// contents. Modification times would be cheaper but miss changes: they tick
// in steps of a few milliseconds on Linux, and `cp -p` or a restore keeps
// the old ones; reading two files of a few kilobytes every few seconds
// costs nothing that matters. A file replaced through a symbolic link
// (Kubernetes secrets) is read after following it.
type stamp [sha256.Size]byte

// Load reads the pair once; an error here is the operator's to fix before
// the server starts.
func Load(certPath, keyPath string, log *slog.Logger) (*Holder, error) {
	h := &Holder{certPath: certPath, keyPath: keyPath, log: log}
	if err := h.Reload(); err != nil {
		return nil, err
	}
	return h, nil
}

// GetCertificate returns the current certificate, for tls.Config.
func (h *Holder) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return h.cert.Load(), nil
}

// Reload reads the pair again and serves it from the next handshake on.
// On error the previous pair stays, and Watch leaves these files alone
// until they change: the caller has the error to report.
func (h *Holder) Reload() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	cert, key, st, err := h.read()
	h.seen = st
	if err != nil {
		return h.failure(err)
	}
	return h.load(cert, key)
}

// load serves the pair read as cert and key; h.mu is held.
func (h *Holder) load(cert, key []byte) error {
	c, err := tls.X509KeyPair(cert, key)
	if err != nil {
		return h.failure(err)
	}
	h.cert.Store(&c)
	return nil
}

// failure is err naming the files.
func (h *Holder) failure(err error) error {
	return fmt.Errorf("TLS certificate %s and key %s: %w", h.certPath, h.keyPath, err)
}

// ReloadAndLog is Reload for a signal handler: why it reloads and the
// outcome go to the log.
func (h *Holder) ReloadAndLog(why string) {
	h.logged(why, h.Reload())
}

// logged logs the outcome of a reload: an error, or the certificate's
// expiry, which tells the operator the renewal is the one meant.
func (h *Holder) logged(why string, err error) {
	if err != nil {
		h.log.Error("reloading the TLS certificate failed: still serving the previous one", "why", why, "err", err)
		return
	}
	h.log.Info("reloaded the TLS certificate", "why", why, "cert", h.certPath, "not_after", h.cert.Load().Leaf.NotAfter)
}

// Watch checks the files every interval until ctx ends and reloads the pair
// when either has changed. A pair that fails to load is tried again at the
// next poll, quietly if the files changed meanwhile (the second half of a
// renewal arrived); one that fails on files left as they were is logged,
// once, and not tried again until they change.
func (h *Holder) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		h.poll()
	}
}

// poll is one of Watch's checks.
func (h *Holder) poll() {
	cert, key, st, err := h.read()
	h.mu.Lock()
	defer h.mu.Unlock()
	if err != nil || st == h.seen {
		return
	}
	err = h.load(cert, key)
	switch {
	case err == nil:
		h.seen = st
	case st != h.failed: // perhaps half a renewal: look again at the next poll
		h.failed = st
		return
	default:
		h.seen = st
	}
	h.logged("the files changed", err)
}

// read returns the files' contents as they are now, and their stamp: what
// is loaded is what was compared.
func (h *Holder) read() (cert, key []byte, st stamp, err error) {
	cert, errC := os.ReadFile(h.certPath)
	key, errK := os.ReadFile(h.keyPath)
	if err := errors.Join(errC, errK); err != nil {
		return nil, nil, stamp{}, err
	}
	d := sha256.New()
	d.Write(cert)
	d.Write([]byte{0}) // PEM never holds a NUL: the boundary is unambiguous
	d.Write(key)
	return cert, key, stamp(d.Sum(nil)), nil
}
