package main

import (
	"context"
	"crypto/tls"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/wat-dev/wat/internal/certfile"
)

// certPollInterval is how often the certificate files are checked for a
// change: a renewed certificate is served within it without anyone sending
// SIGHUP, for the cost of two stat calls.
const certPollInterval = 5 * time.Second

// watchCertificate loads --tls-cert and --tls-key and returns the TLS
// configuration serving them, reloaded on SIGHUP and when the files change,
// until ctx ends.
//
// Go's defaults are modern ones (AEAD cipher suites with forward secrecy,
// X25519 and post-quantum key exchange, the server choosing); only TLS 1.0
// and 1.1, which no AWS SDK needs, are refused. net/http offers HTTP/2 over
// it by itself (ALPN "h2"), as NextProtos is left empty.
func watchCertificate(ctx context.Context, cfg Config, log *slog.Logger) (*tls.Config, error) {
	certs, err := certfile.Load(cfg.TLSCert, cfg.TLSKey, log)
	if err != nil {
		return nil, err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				certs.ReloadAndLog("SIGHUP")
			}
		}
	}()
	go certs.Watch(ctx, certPollInterval)
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: certs.GetCertificate}, nil
}
