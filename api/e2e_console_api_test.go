package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// countWorkloads is how many workloads the SDK client's account sees.
func countWorkloads(t *testing.T, c *wellarchitected.Client) int {
	t.Helper()
	out, err := c.ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.WorkloadSummaries)
}

// TestConsoleCallsTheAPI: with its session cookie and CSRF token the
// console calls the AWS-compatible API as the signed-in user; without the
// token, or with another one, nothing happens.
func TestConsoleCallsTheAPI(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		c := consoleAdmin(t, srv)
		r := c.call("POST", "/workloads", workloadJSON("From the console"))
		if r.status != http.StatusOK || r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("CreateWorkload with the cookie: %d %s %v", r.status, r.body, r.header)
		}
		var created struct{ WorkloadId string }
		json.Unmarshal([]byte(r.body), &created)
		out, err := srv.Client.GetWorkload(context.Background(), &wellarchitected.GetWorkloadInput{WorkloadId: &created.WorkloadId})
		if err != nil || *out.Workload.WorkloadName != "From the console" {
			t.Fatalf("the SDK client of the account does not see the console's workload: %v", err)
		}
		r = c.call("POST", "/workloadsSummaries", "{}")
		var list struct{ WorkloadSummaries []struct{ WorkloadId string } }
		json.Unmarshal([]byte(r.body), &list)
		if r.status != http.StatusOK || len(list.WorkloadSummaries) != 1 || list.WorkloadSummaries[0].WorkloadId != created.WorkloadId {
			t.Errorf("ListWorkloads with the cookie: %d %s", r.status, r.body)
		}

		other := consoleAdmin(t, srv)
		for name, h := range map[string]map[string]string{
			"no CSRF token":              {"Content-Type": "application/json"},
			"another session's token":    {"Content-Type": "application/json", "X-CSRF-Token": other.csrf},
			"a prefix of the token":      {"Content-Type": "application/json", "X-CSRF-Token": c.csrf[:10]},
			"cross-site form, no token":  {"Content-Type": "application/x-www-form-urlencoded"},
			"cross-site text, no token":  {"Content-Type": "text/plain"},
			"the token in the wrong key": {"Content-Type": "application/json", "X-Csrf": c.csrf},
		} {
			body := workloadJSON("Forged " + name)
			if strings.Contains(h["Content-Type"], "form") {
				body = "WorkloadName=Forged&Description=x"
			}
			r := c.send("POST", "/workloads", body, h)
			if r.status != http.StatusForbidden || r.errorType() != "AccessDeniedException" {
				t.Errorf("%s: %d %s %s, want 403 AccessDeniedException", name, r.status, r.errorType(), r.body)
			}
			var e struct{ Message string }
			if json.Unmarshal([]byte(r.body), &e); e.Message == "" {
				t.Errorf("%s: error body %q has no Message", name, r.body)
			}
		}
		// Reads need the token too.
		if r := c.send("POST", "/workloadsSummaries", "{}", map[string]string{"Content-Type": "application/json"}); r.status != http.StatusForbidden {
			t.Errorf("ListWorkloads without the token: %d %s", r.status, r.body)
		}
		if n := countWorkloads(t, srv.Client); n != 1 {
			t.Errorf("the account has %d workloads after the forged requests, want 1", n)
		}
		// A signed request is the key's, whatever cookie it carries.
		if _, err := srv.Client.ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{}); err != nil {
			t.Errorf("SDK call: %v", err)
		}
		anon := newConsoleClient(t, srv.URL)
		if r := anon.send("POST", "/workloadsSummaries", "{}", nil); r.status != http.StatusForbidden || r.errorType() != "MissingAuthenticationTokenException" {
			t.Errorf("without cookie or signature: %d %s", r.status, r.errorType())
		}
	})
}

// TestConsoleSessionPolicies: the IAM policies of a session's user apply
// exactly as for its access keys.
func TestConsoleSessionPolicies(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		doc := `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":"wellarchitected:*","Resource":"*"},
			{"Effect":"Deny","Action":"wellarchitected:CreateWorkload","Resource":"*"}]}`
		dev := consoleUser(t, srv, "dev", &service.PolicyInput{Name: "no-create", Document: []byte(doc)})
		r := dev.call("POST", "/workloads", workloadJSON("Denied"))
		if r.status != http.StatusForbidden || r.errorType() != "AccessDeniedException" ||
			!strings.Contains(r.body, "user/dev is not authorized to perform: wellarchitected:CreateWorkload") {
			t.Errorf("CreateWorkload as dev: %d %s %s, want the policy's denial", r.status, r.errorType(), r.body)
		}
		if r := dev.call("POST", "/workloadsSummaries", "{}"); r.status != http.StatusOK {
			t.Errorf("ListWorkloads as dev: %d %s", r.status, r.body)
		}
		if n := countWorkloads(t, srv.Client); n != 0 {
			t.Errorf("%d workloads created despite the Deny", n)
		}
		nobody := consoleUser(t, srv, "nobody", nil)
		if r := nobody.call("POST", "/workloadsSummaries", "{}"); r.status != http.StatusForbidden || r.errorType() != "AccessDeniedException" {
			t.Errorf("ListWorkloads as a user without policies: %d %s", r.status, r.body)
		}
		var s struct{ IsAdmin bool }
		json.Unmarshal([]byte(nobody.send("GET", "/console/api/session", "", nil).body), &s)
		if s.IsAdmin {
			t.Error("a user without policies is reported as admin")
		}
	})
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestConsoleSessionExpires: a session is refused once its 12 hours are
// over, even if it was used just before, and the purge removes it.
func TestConsoleSessionExpires(t *testing.T) {
	// forEachBackend's servers run on the real clock: this one needs its own.
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			clk := &clock{now: time.Now()}
			opts := testserver.Options{Now: clk.Now}
			if backend == "postgres" {
				opts.DatabaseURL = testserver.PostgresDatabase(t)
			}
			testSessionExpires(t, testserver.Start(t, opts), clk)
		})
	}
}

func testSessionExpires(t *testing.T, srv *testserver.Server, clk *clock) {
	c := consoleAdmin(t, srv)
	clk.advance(12*time.Hour - time.Second)
	if r := c.call("POST", "/workloadsSummaries", "{}"); r.status != http.StatusOK {
		t.Fatalf("a second before expiry: %d %s", r.status, r.body)
	}
	clk.advance(time.Second)
	if r := c.call("POST", "/workloadsSummaries", "{}"); r.status != http.StatusForbidden || r.errorType() != "UnrecognizedClientException" {
		t.Errorf("at expiry: %d %s %s", r.status, r.errorType(), r.body)
	}
	if r := c.send("GET", "/console/api/session", "", nil); !r.signedOut() {
		t.Errorf("GET session at expiry: %d %s, want 200 signed out", r.status, r.body)
	}
	n, err := srv.Service.PurgeExpiredSessions(context.Background())
	if err != nil || n != 1 {
		t.Errorf("PurgeExpiredSessions = %d, %v; want 1", n, err)
	}
}
