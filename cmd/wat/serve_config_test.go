package main

import (
	"io"
	"strings"
	"testing"
)

// TestServeConfigObservabilityAndTLS: the settings of TLS, metrics and the
// log's format come from flags or WAT_* variables, and those that cannot
// work are refused before anything starts.
func TestServeConfigObservabilityAndTLS(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string // an error naming it; "" for none
	}{
		{"cert without key", []string{"--tls-cert", "c.pem"}, nil, "--tls-cert and --tls-key"},
		{"key without cert", nil, map[string]string{"WAT_TLS_KEY": "k.pem"}, "--tls-cert and --tls-key"},
		{"bad log format", []string{"--log-format", "xml"}, nil, "--log-format"},
		{"bad log format env", nil, map[string]string{"WAT_LOG_FORMAT": "yaml"}, "--log-format"},
		{"bad metrics address", []string{"--metrics-listen", "9090"}, nil, "--metrics-listen"},
		{"profiler without metrics listener", []string{"--pprof"}, nil, "give --metrics-listen too"},
		{"bad WAT_PPROF", nil, map[string]string{"WAT_PPROF": "sometimes"}, "WAT_PPROF"},
		{"metrics on the API's address", []string{"--listen", "127.0.0.1:8080", "--metrics-listen", "127.0.0.1:8080"}, nil, "must differ"},
		{"both on free ports", []string{"--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"}, nil, ""},
		{"json", []string{"--log-format", "json"}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseServeConfig(append([]string{"--data-dir", t.TempDir()}, tc.args...), func(k string) string { return tc.env[k] }, io.Discard)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("error %v, want one naming %q", err, tc.want)
			}
		})
	}

	env := map[string]string{"WAT_TLS_CERT": "c.pem", "WAT_TLS_KEY": "k.pem", "WAT_METRICS_LISTEN": "127.0.0.1:9464", "WAT_LOG_FORMAT": "json"}
	c, err := parseServeConfig(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.TLSCert != "c.pem" || c.TLSKey != "k.pem" || c.MetricsListen != "127.0.0.1:9464" || c.LogFormat != "json" {
		t.Errorf("the environment was not read: %+v", c)
	}
	if !c.secureCookies() {
		t.Errorf("TLS does not imply secure cookies")
	}
	c, _ = parseServeConfig([]string{"--metrics-listen", ""}, func(k string) string { return env[k] }, io.Discard)
	if c.MetricsListen != "" {
		t.Errorf("the flag did not override WAT_METRICS_LISTEN")
	}
	if d := DefaultConfig(); d.MetricsListen != "" || d.LogFormat != "text" || d.tls() || d.secureCookies() {
		t.Errorf("defaults: metrics %q, log format %q, TLS %v, secure cookies %v; want no metrics listener, text, no TLS, plain cookies",
			d.MetricsListen, d.LogFormat, d.tls(), d.secureCookies())
	}
}
