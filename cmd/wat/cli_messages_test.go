package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestVersion: `wat version` and `wat --version` say which wat this is and
// which Go built it, the first two lines of a useful bug report.
func TestVersion(t *testing.T) {
	want := regexp.MustCompile(`^wat \S+ \(go\S+ [a-z0-9]+/[a-z0-9]+\)\n$`)
	for _, arg := range []string{"version", "--version"} {
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{arg}, os.Getenv, &out, &errb)
		if code != 0 || !want.MatchString(out.String()) || !strings.Contains(out.String(), runtime.Version()) {
			t.Errorf("wat %s: exit %d, stdout %q, stderr %q; want 0 and %q with %s", arg, code, out.String(), errb.String(), want, runtime.Version())
		}
	}
}

// TestNoCredentialsSaysWhereTheyAre: a newcomer whose `wat scan --workload`
// finds no credentials learns that `wat serve` wrote some to
// ./data/credentials (or the WAT_DATA_DIR they use) and how to point at them.
func TestNoCredentialsSaysWhereTheyAre(t *testing.T) {
	home := t.TempDir() // no ~/.aws
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"defaults", nil, []string{
			`no credentials for profile "default"`,
			filepath.Join(home, ".aws", "credentials") + ", which does not exist",
			"wat serve writes its admin's keys to ./data/credentials",
			"export AWS_SHARED_CREDENTIALS_FILE=./data/credentials",
			"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
		}},
		{"data dir and credentials file set", map[string]string{"WAT_DATA_DIR": "/srv/wat", "AWS_SHARED_CREDENTIALS_FILE": "/srv/none"}, []string{
			"/srv/none, which does not exist",
			"export AWS_SHARED_CREDENTIALS_FILE=/srv/wat/credentials",
		}},
		{"relative data dir", map[string]string{"WAT_DATA_DIR": "state"}, []string{
			"export AWS_SHARED_CREDENTIALS_FILE=./state/credentials",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"HOME": home}
			for k, v := range tc.env {
				env[k] = v
			}
			_, err := resolveAWS(func(k string) string { return env[k] }, "", "", "")
			if err == nil {
				t.Fatal("credentials found in an empty home")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
		})
	}

	// As the user sees it.
	var out, errb bytes.Buffer
	args := []string{"scan", "--workload", strings.Repeat("0", 32), "--endpoint-url", "http://127.0.0.1:1", "testdata/readme/infra"}
	code := run(context.Background(), args, func(k string) string { return map[string]string{"HOME": home}[k] }, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "export AWS_SHARED_CREDENTIALS_FILE=./data/credentials") {
		t.Errorf("wat scan --workload without credentials: exit %d, stderr:\n%s", code, errb.String())
	}
}

// TestServeSaysWhichAddressIsInUse: the most common first-run failure, a
// second `make run`, names the address and every way to choose another.
func TestServeSaysWhichAddressIsInUse(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"serve", "--listen", addr, "--data-dir", t.TempDir()}, func(string) string { return "" }, &out, &errb)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, w := range []string{addr + " is in use", "--listen", "WAT_LISTEN", "make run LISTEN=host:port"} {
		if !strings.Contains(errb.String(), w) {
			t.Errorf("stderr does not say %q:\n%s", w, errb.String())
		}
	}
}
