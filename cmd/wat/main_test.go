package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/smithy-go"
)

// testAsWat is the environment variable that makes the test binary the wat
// command: tests that run wat as a program (the README's examples) put a
// script on PATH that sets it and runs this binary, instead of building a
// second one.
const testAsWat = "WAT_TEST_AS_WAT"

func TestMain(m *testing.M) {
	if os.Getenv(testAsWat) == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
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

var endpointRE = regexp.MustCompile(`endpoint: +(https?://[0-9.:]+)`)

// healthClient polls /healthz until a server is up, over TLS too without
// checking its certificate: the tests of TLS check that themselves.
var healthClient = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}

// runningWat is a `wat serve` started in-process by MustRunMain.
type runningWat struct {
	Endpoint string
	Stdout   *syncBuffer
	Stderr   *syncBuffer
	stop     func() int
}

// MustRunMain runs `wat serve` with args and env until the test ends (or
// Stop), and waits for /healthz to answer 200.
func MustRunMain(t *testing.T, env map[string]string, args ...string) *runningWat {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &runningWat{Stdout: &syncBuffer{}, Stderr: &syncBuffer{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), func(k string) string { return env[k] }, r.Stdout, r.Stderr)
	}()
	var once sync.Once
	code := 0
	r.stop = func() int {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
	t.Cleanup(func() { r.stop() })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case c := <-done:
			done <- c // for stop, which the cleanup calls: it would wait forever
			t.Fatalf("wat serve exited with %d\nstdout:\n%s\nstderr:\n%s", c, r.Stdout, r.Stderr)
		default:
		}
		if m := endpointRE.FindStringSubmatch(r.Stdout.String()); m != nil {
			resp, err := healthClient.Get(m[1] + "/healthz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					r.Endpoint = m[1]
					return r
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("wat serve never became healthy\nstdout:\n%s\nstderr:\n%s", r.Stdout, r.Stderr)
	return nil
}

// Stop stops the server and returns its exit status.
func (r *runningWat) Stop() int { return r.stop() }

func TestRunUsageAndUnknownCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), nil, os.Getenv, &out, &errb); code != 2 {
		t.Errorf("no args: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"frobnicate"}, os.Getenv, &out, &errb); code != 2 || !strings.Contains(errb.String(), "unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q", code, errb.String())
	}
}

func TestServeRejectsBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"bad listen", []string{"--listen", "nope"}, nil, "--listen"},
		{"bad region flag", []string{"--region", "Mars"}, nil, "--region"},
		{"bad region env", nil, map[string]string{"WAT_REGION": "moon-1"}, "--region"},
		{"bad database url", []string{"--database-url", "mysql://x"}, nil, "postgres://"},
		{"bad master key", nil, map[string]string{"WAT_MASTER_KEY": "short"}, "WAT_MASTER_KEY"},
		{"stray argument", []string{"extra"}, nil, "unexpected argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"serve", "--data-dir", t.TempDir()}, tc.args...)
			code := run(context.Background(), args, func(k string) string { return tc.env[k] }, &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and a message naming %q", code, errb.String(), tc.want)
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	got := redactURL("postgres://wat:s3cret@db.example:5432/wat?sslmode=disable")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "wat:***@db.example") {
		t.Errorf("redactURL = %q", got)
	}
}

func TestFirstStartWritesCredentialsOnce(t *testing.T) {
	dir := t.TempDir()
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)
	path := filepath.Join(dir, "credentials")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("credentials mode %v, want 0600", fi.Mode().Perm())
	}
	first, _ := os.ReadFile(path)
	if !regexp.MustCompile(`(?m)^\[default\]$`).Match(first) ||
		!regexp.MustCompile(`(?m)^aws_access_key_id = AKIA[A-Z2-7]{16}$`).Match(first) ||
		!regexp.MustCompile(`(?m)^aws_secret_access_key = \S{40}$`).Match(first) {
		t.Errorf("credentials file is not a [default] AWS profile:\n%s", first)
	}
	if !strings.Contains(w.Stdout.String(), path) {
		t.Errorf("stdout does not say where the credentials are:\n%s", w.Stdout)
	}
	if code := w.Stop(); code != 0 {
		t.Fatalf("stop: exit %d\n%s", code, w.Stderr)
	}
	// A second start on the same database never rewrites the file.
	os.Chmod(path, 0o600)
	w2 := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)
	again, _ := os.ReadFile(path)
	if !bytes.Equal(first, again) {
		t.Errorf("credentials rewritten on the second start")
	}
	if _, err := os.Stat(filepath.Join(dir, "credentials.1")); err == nil {
		t.Errorf("a second start on an existing database made new credentials")
	}
	w2.Stop()
}

func TestEnvironmentSettings(t *testing.T) {
	dir := t.TempDir()
	w := MustRunMain(t, map[string]string{"WAT_LISTEN": "127.0.0.1:0", "WAT_DATA_DIR": dir, "WAT_REGION": "eu-west-1"})
	if !strings.Contains(w.Stdout.String(), "region eu-west-1") {
		t.Errorf("WAT_REGION ignored:\n%s", w.Stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "wat.db")); err != nil {
		t.Errorf("WAT_DATA_DIR ignored: %v", err)
	}
}

// TestRateLimit: a principal beyond its burst gets HTTP 429
// ThrottlingException, which the SDK (with retries off) reports as such.
func TestRateLimit(t *testing.T) {
	dir := t.TempDir()
	w := MustRunMain(t, map[string]string{"WAT_RATE_LIMIT": "1", "WAT_RATE_BURST": "3"}, "--listen", "127.0.0.1:0", "--data-dir", dir)
	creds := readCredentials(t, dir)
	client := sdkClient(w.Endpoint, creds[0], creds[1])
	var throttled int
	for i := 0; i < 6; i++ {
		_, err := client.ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{})
		var ae smithy.APIError
		switch {
		case err == nil:
		case errors.As(err, &ae) && ae.ErrorCode() == "ThrottlingException":
			var re *awshttp.ResponseError
			if !errors.As(err, &re) || re.HTTPStatusCode() != 429 {
				t.Errorf("ThrottlingException without HTTP 429: %v", err)
			}
			throttled++
		default:
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if throttled < 2 || throttled > 3 {
		t.Errorf("%d of 6 immediate requests throttled with a burst of 3, want 3 (2 if a token came back meanwhile)", throttled)
	}
}
