package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/internal/certfile/certfiletest"
)

// tlsRecorder is the SDK's HTTP client, trusting the test's certificates
// only, and noting the protocol and certificate of the last response.
type tlsRecorder struct {
	client *http.Client
	mu     sync.Mutex
	proto  string
	serial string
}

func newTLSRecorder(roots ...*x509.Certificate) *tlsRecorder {
	pool := x509.NewCertPool()
	for _, c := range roots {
		pool.AddCert(c)
	}
	// A transport with its own TLS configuration tries HTTP/2 only when
	// told to, as the SDK's default one is.
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}
	return &tlsRecorder{client: &http.Client{Transport: tr}}
}

func (r *tlsRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.client.Do(req)
	if err == nil && resp.TLS != nil {
		r.mu.Lock()
		r.proto, r.serial = resp.Proto, resp.TLS.PeerCertificates[0].SerialNumber.String()
		r.mu.Unlock()
	}
	return resp, err
}

func (r *tlsRecorder) last() (proto, serial string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.proto, r.serial
}

// TestServeTLS: with --tls-cert and --tls-key the server speaks HTTPS and
// HTTP/2 to the official SDK, refuses TLS 1.1, and serves a renewed
// certificate after SIGHUP without a restart.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	first := certfiletest.Write(t, certPath, keyPath)
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir, "--tls-cert", certPath, "--tls-key", keyPath)
	if !strings.HasPrefix(w.Endpoint, "https://") {
		t.Fatalf("endpoint %s, want https://", w.Endpoint)
	}
	creds := readCredentials(t, dir)
	call := func(rec *tlsRecorder) error {
		c := wellarchitected.New(wellarchitected.Options{
			Region: "us-east-1", BaseEndpoint: aws.String(w.Endpoint), HTTPClient: rec, Retryer: aws.NopRetryer{},
			Credentials: credentials.NewStaticCredentialsProvider(creds[0], creds[1], ""),
		})
		_, err := c.ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{})
		return err
	}
	rec := newTLSRecorder(first)
	if err := call(rec); err != nil {
		t.Fatalf("ListWorkloads over TLS: %v", err)
	}
	if proto, serial := rec.last(); proto != "HTTP/2.0" || serial != first.SerialNumber.String() {
		t.Errorf("answered over %s with certificate %s, want HTTP/2.0 and %s", proto, serial, first.SerialNumber)
	}
	if _, err := http.Get(w.Endpoint + "/healthz"); err == nil {
		t.Errorf("a client that does not trust the certificate connected")
	}
	host := strings.TrimPrefix(w.Endpoint, "https://")
	if c, err := tls.Dial("tcp", host, &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS11}); err == nil {
		c.Close()
		t.Errorf("a TLS 1.1 handshake succeeded")
	}

	second := certfiletest.Write(t, certPath, keyPath)
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	rec = newTLSRecorder(first, second)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if err := call(rec); err != nil {
			t.Fatalf("ListWorkloads after renewal: %v", err)
		}
		if _, serial := rec.last(); serial == second.SerialNumber.String() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still served the first certificate 5 s after SIGHUP\n%s", w.Stderr)
		}
		rec.client.CloseIdleConnections() // the next call makes a new handshake
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(w.Stderr.String(), "why=SIGHUP") {
		t.Errorf("the reload on SIGHUP was not logged:\n%s", w.Stderr)
	}
}

// TestServeTLSRefusesBadCertificate: a server does not start on a
// certificate it cannot serve.
func TestServeTLSRefusesBadCertificate(t *testing.T) {
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	certfiletest.Write(t, certPath, keyPath)
	os.WriteFile(keyPath, []byte("not a key"), 0o600)
	var out, errb syncBuffer
	code := run(context.Background(), []string{"serve", "--listen", "127.0.0.1:0", "--data-dir", dir, "--tls-cert", certPath, "--tls-key", keyPath},
		func(string) string { return "" }, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), certPath) {
		t.Errorf("exit %d, stderr %q; want 1 and the certificate named", code, errb.String())
	}
}
