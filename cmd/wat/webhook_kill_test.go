package main

// Webhook deliveries from real `wat serve` processes: a receiver that
// verifies every signature and deduplicates by webhook-id gets every
// event exactly once although the replica sending one is killed with
// SIGKILL mid-delivery (at least once from the outbox, once after the
// receiver's dedup); and the replicas refuse a loopback receiver unless
// --webhook-allow names it.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/webhook"
)

// dedupReceiver is a webhook endpoint as a receiver should write one: it
// refuses what its secret does not verify, and processes each webhook-id
// once. hangOn, when set, makes it hold the request of the nth message
// processed unanswered until released.
type dedupReceiver struct {
	*httptest.Server
	mu        sync.Mutex
	secret    string
	received  map[string]int // webhook-id → requests
	processed []string       // the events' ids, in the order processed
	bodies    []string
	refused   int
	hangOn    int
	hung      chan string // the webhook-id held
	release   chan struct{}
}

func newDedupReceiver(t *testing.T, hangOn int) *dedupReceiver {
	r := &dedupReceiver{received: map[string]int{}, hangOn: hangOn, hung: make(chan string, 1), release: make(chan struct{})}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(func() {
		r.unblock()
		r.Close()
	})
	return r
}

func (r *dedupReceiver) unblock() {
	r.mu.Lock()
	defer r.mu.Unlock()
	select {
	case <-r.release:
	default:
		close(r.release)
	}
}

func (r *dedupReceiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	id := req.Header.Get(webhook.HeaderID)
	r.mu.Lock()
	if r.secret == "" || webhook.Verify(r.secret, req.Header, body, time.Now()) != nil {
		r.refused++
		r.mu.Unlock()
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	r.received[id]++
	hang := false
	if r.received[id] == 1 {
		var env struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(body, &env)
		r.processed = append(r.processed, env.ID)
		r.bodies = append(r.bodies, string(body))
		hang = len(r.processed) == r.hangOn
	}
	r.mu.Unlock()
	if hang {
		r.hung <- id
		<-r.release // the sender is killed meanwhile: this answer goes nowhere
	}
	io.WriteString(w, "ok")
}

func (r *dedupReceiver) snapshot() (processed []string, bodies []string, received map[string]int, refused int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	received = make(map[string]int, len(r.received))
	for k, v := range r.received {
		received[k] = v
	}
	return slices.Clone(r.processed), slices.Clone(r.bodies), received, r.refused
}

// webhookEnv is what every replica of these tests runs with: short
// timings so that a killed replica's lease runs out in seconds.
func webhookEnv(extra ...string) []string {
	return append([]string{"WAT_MASTER_KEY=" + strings.Repeat("ab", 32), "WAT_WEBHOOK_POLL=50ms", "WAT_WEBHOOK_LEASE=2s",
		"WAT_WEBHOOK_BACKOFF=100ms"}, extra...)
}

// TestWebhookKillMidDelivery: on SQLite, the one replica is killed while
// the receiver holds a delivery, and started again on the same data dir;
// on PostgreSQL, two replicas deliver and the one holding the delivery is
// killed. Either way every CreateWorkload event reaches the receiver,
// none is lost, the held one arrives again with the same webhook-id, and
// after deduplication each is processed exactly once.
func TestWebhookKillMidDelivery(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		start := func() *watProcess {
			return startWatProcess(t, webhookEnv(), "--listen", "127.0.0.1:0", "--data-dir", dir, "--webhook-allow", "127.0.0.1/32")
		}
		replicas := []*watProcess{start()}
		testWebhookKill(t, replicas, dir, func(string) *watProcess { return replicas[0] }, func() { start() })
	})
	t.Run("postgres", func(t *testing.T) {
		db := testserver.PostgresDatabase(t)
		env := webhookEnv("WAT_DATABASE_URL=" + db)
		dirs := []string{t.TempDir(), t.TempDir()}
		var replicas []*watProcess
		for _, d := range dirs {
			replicas = append(replicas, startWatProcess(t, env, "--listen", "127.0.0.1:0", "--data-dir", d, "--webhook-allow", "127.0.0.1/32"))
		}
		// The sender is the replica whose worker holds the delivery's
		// lease: its lease owner names the process.
		holder := func(id string) *watProcess {
			sqlDB, err := sql.Open("pgx", db)
			if err != nil {
				t.Fatal(err)
			}
			defer sqlDB.Close()
			var owner string
			if err := sqlDB.QueryRow(`SELECT lease_owner FROM webhook_deliveries WHERE id = $1`, id).Scan(&owner); err != nil {
				t.Fatal(err)
			}
			for _, r := range replicas {
				if strings.Contains(owner, fmt.Sprintf("/%d/", r.cmd.Process.Pid)) {
					return r
				}
			}
			t.Fatalf("no replica holds delivery %s (lease owner %q)", id, owner)
			return nil
		}
		testWebhookKill(t, replicas, dirs[0], holder, nil)
	})
}

// testWebhookKill drives replicas (all on one database; credentials in
// dir): holder names the replica sending a delivery; restart, when set,
// starts a replica again after the kill.
func testWebhookKill(t *testing.T, replicas []*watProcess, dir string, holder func(id string) *watProcess, restart func()) {
	ctx := context.Background()
	creds := readCredentials(t, dir)
	c := sdkClient(replicas[0].Endpoint, creds[0], creds[1])
	const workloads, hangOn = 12, 5
	rcv := newDedupReceiver(t, hangOn)
	sub, err := watclient.FromSDK(c).CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{Url: aws.String(rcv.URL + "/hook")})
	if err != nil {
		t.Fatal(err)
	}
	rcv.mu.Lock()
	rcv.secret = aws.ToString(sub.Secret)
	rcv.mu.Unlock()
	var ids []string
	for i := range workloads {
		out, err := c.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{WorkloadName: aws.String(fmt.Sprintf("Kill %02d", i)),
			Description: aws.String("webhook kill test"), Environment: types.WorkloadEnvironmentPreproduction,
			AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("ops"), Lenses: []string{"wellarchitected"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, aws.ToString(out.WorkloadId))
	}
	var held string
	select {
	case held = <-rcv.hung:
	case <-time.After(30 * time.Second):
		t.Fatal("the receiver was not sent its 5th message within 30s")
	}
	victim := holder(held)
	if err := victim.cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	killed := time.Now()
	rcv.unblock()
	if restart != nil {
		restart()
	}

	want := workloads + 1 // the CreateWebhookSubscription call is an event too
	waitFor(t, "every event processed", func() bool {
		p, _, received, _ := rcv.snapshot()
		return len(p) >= want && received[held] >= 2
	})
	t.Logf("every event delivered %v after the kill", time.Since(killed).Round(100*time.Millisecond))
	time.Sleep(500 * time.Millisecond) // anything delivered twice more shows now
	processed, bodies, received, refused := rcv.snapshot()
	if refused != 0 {
		t.Errorf("%d requests did not verify", refused)
	}
	if len(processed) != want || len(slices.Compact(slices.Sorted(slices.Values(processed)))) != want {
		t.Errorf("processed %d events (%d distinct), want %d once each", len(processed), len(slices.Compact(slices.Sorted(slices.Values(processed)))), want)
	}
	for _, id := range ids {
		n := 0
		for _, b := range bodies {
			if strings.Contains(b, `"eventName":"CreateWorkload"`) && strings.Contains(b, id) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("workload %s: its CreateWorkload event processed %d times, want once", id, n)
		}
	}
	if received[held] < 2 {
		t.Errorf("the held message %s arrived %d times; want again after the kill, with the same webhook-id", held, received[held])
	}
}
