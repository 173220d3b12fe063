package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

// TestServeConfigTypedEnv: every typed WAT_* setting of wat serve, whichever
// part of the configuration owns it, is read the same way: a value sets
// it, a value that does not parse is refused naming the variable.
func TestServeConfigTypedEnv(t *testing.T) {
	env := map[string]string{
		"WAT_DATA_DIR": t.TempDir(), "WAT_AUTH_CACHE_TTL": "7s", "WAT_SESSION_TTL": "3h", "WAT_SECURE_COOKIES": "true",
		"WAT_JIRA_POLL": "2s", "WAT_WEBHOOK_LEASE": "45s", "WAT_AGENT_LEASE": "4m",
	}
	c, err := parseServeConfig(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.AuthCacheTTL != 7*time.Second || c.SessionTTL != 3*time.Hour || !c.SecureCookies || c.Jira.Poll != 2*time.Second ||
		c.Webhooks.Lease != 45*time.Second || c.Agent.Lease != 4*time.Minute {
		t.Errorf("config from the environment = %+v", c)
	}
	for name, bad := range map[string]string{"WAT_SESSION_TTL": "twelve hours", "WAT_WEBHOOK_BACKOFF": "10", "WAT_SECURE_COOKIES": "yes please", "WAT_CONSOLE_PASSWORDS": "nope"} {
		env := map[string]string{"WAT_DATA_DIR": t.TempDir(), name: bad}
		_, err := parseServeConfig(nil, func(k string) string { return env[k] }, io.Discard)
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), bad) {
			t.Errorf("%s=%q: %v, want an error naming the variable and its value", name, bad, err)
		}
	}
}
