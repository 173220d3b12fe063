package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/sqlstore"
)

// slowAudit is an audit store whose every write transaction takes delay
// longer: the records of a call are still queued when its response is
// read, so what the tests below check cannot pass by luck.
type slowAudit struct {
	wat.Store
	delay time.Duration
}

func (s slowAudit) Update(ctx context.Context, fn func(tx wat.Tx) error) error {
	time.Sleep(s.delay)
	return s.Store.Update(ctx, fn)
}

// TestAuditReadSeesTheCallBefore: a mutating call followed at once by a
// read of the console's audit log finds the call's record there, though
// records are written after the response (api/audit_writer.go).
func TestAuditReadSeesTheCallBefore(t *testing.T) {
	srv := testserver.Start(t, testserver.Options{Configure: func(s *api.Server, _ string) {
		s.Audit = slowAudit{s.Audit, 20 * time.Millisecond}
	}})
	admin := consoleAdmin(t, srv)
	for i := 0; i < 25; i++ {
		r := admin.call("POST", "/workloads", workloadJSON(testserver.RandomName("barrier")))
		if r.status != http.StatusOK {
			t.Fatalf("CreateWorkload: %d %s", r.status, r.body)
		}
		id := r.header.Get("x-amzn-RequestId")
		page := admin.call("GET", "/console/api/audit?maxResults=1", "")
		var p struct {
			Events []struct{ EventName, RequestID string }
		}
		if err := json.Unmarshal([]byte(page.body), &p); err != nil || page.status != http.StatusOK {
			t.Fatalf("GET audit: %d %s", page.status, page.body)
		}
		if len(p.Events) != 1 || p.Events[0].RequestID != id {
			t.Fatalf("call %d: the newest audit event is %+v, want CreateWorkload of request %s", i, p.Events, id)
		}
	}
}

// TestAuditRecordsSurviveGracefulClose: every call answered before the
// server closes has its record in the database once Close returns, though
// the writes lag behind the responses; read by a second store opened on the
// file afterwards.
func TestAuditRecordsSurviveGracefulClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wat.db")
	var apiServer *api.Server
	srv := testserver.Start(t, testserver.Options{SQLitePath: path, Configure: func(s *api.Server, _ string) {
		s.Audit = slowAudit{s.Audit, 5 * time.Millisecond}
		apiServer = s
	}})
	ctx := context.Background()
	var (
		mu   sync.Mutex
		acks = map[string]bool{} // request ids of the calls answered
		wg   sync.WaitGroup
	)
	for c := 0; c < 8; c++ {
		admin := consoleAdmin(t, srv)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				r := admin.call("POST", "/workloads", workloadJSON(testserver.RandomName("close")))
				if r.status != http.StatusOK {
					t.Errorf("CreateWorkload: %d %s", r.status, r.body)
					return
				}
				mu.Lock()
				acks[r.header.Get("x-amzn-RequestId")] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := apiServer.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := sqlstore.OpenSQLite(ctx, path, testserver.MasterKey)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seen := map[string]bool{}
	if err := db.View(ctx, func(tx wat.Tx) error {
		es, err := tx.ListAuditEvents(ctx, wat.AuditFilter{}, 0, 100000)
		for _, e := range es {
			seen[e.RequestID] = true
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	missing := 0
	for id := range acks {
		if !seen[id] {
			missing++
		}
	}
	if len(acks) != 8*15 || missing > 0 {
		t.Errorf("%d calls answered, %d of them without an audit record after Close", len(acks), missing)
	}
}
