package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// TestNonObjectBodiesAreRefusedAndAudited: a signed mutating call whose
// body is JSON but not an object (null included) is refused with a 400
// before it runs, whether or not the operation reads a body, and the
// refusal is in the audit log.
func TestNonObjectBodiesAreRefusedAndAudited(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		id := createWorkload(t, srv.Client, workloadInput(testserver.RandomName("bodies")))
		// reason is the ValidationException's: CANNOT_PARSE, as the wire
		// decoder says for the operations of both models.
		ops := []struct{ name, method, path, reason string }{
			{"DeleteWorkload", http.MethodDelete, "/workloads/" + id + "?ClientRequestToken=tok-1", "CANNOT_PARSE"},
			{"DeleteWorkloadShare", http.MethodDelete, "/workloads/" + id + "/shares/0123456789abcdef0123456789abcdef?ClientRequestToken=tok-2", "CANNOT_PARSE"},
			{"DeleteLens", http.MethodDelete, "/lenses/nosuchlens?ClientRequestToken=tok-3&LensStatus=ALL", "CANNOT_PARSE"},
			{"UpdateAnswer", http.MethodPatch, "/workloads/" + id + "/lensReviews/wellarchitected/answers/priorities", "CANNOT_PARSE"},
			{"PutWorkloadEvidence", http.MethodPut, "/workloads/" + id + "/lensReviews/wellarchitected/evidence", ""},
		}
		sent := map[string]string{} // request id -> operation
		for _, op := range ops {
			for _, body := range []string{"null", " null\n", "[]", `"x"`, "3", "{", "{} {}"} {
				res := rawCall(t, srv, op.method, op.path, body, true)
				if res.Status != http.StatusBadRequest || res.ErrorType != "ValidationException" || !strings.Contains(res.Body, `"`+op.reason) {
					t.Errorf("%s with body %q: %d %s %s, want 400 ValidationException %s", op.name, body, res.Status, res.ErrorType, res.Body, op.reason)
				}
				sent[res.RequestID] = op.name
			}
		}
		if _, err := srv.Client.GetWorkload(context.Background(), &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)}); err != nil {
			t.Fatalf("the workload is gone after refused deletes: %v", err)
		}
		// An empty body and {} are still an empty input.
		for _, body := range []string{"", "{}"} {
			if res := rawCall(t, srv, http.MethodDelete, "/workloads/"+id+"?ClientRequestToken=tok-4", body, true); res.Status != http.StatusOK {
				t.Errorf("DeleteWorkload with body %q: %d %s", body, res.Status, res.Body)
			}
		}

		events := auditEvents(t, srv.Store)
		for reqID, name := range sent {
			e := events[reqID]
			switch {
			case e == nil:
				t.Errorf("%s %s: no audit record", name, reqID)
			case e.EventName != name || e.ErrorCode != "ValidationException" || e.UserARN != srv.Admin.UserARN:
				t.Errorf("%s %s: recorded as %s by %q, error %q", name, reqID, e.EventName, e.UserARN, e.ErrorCode)
			case !json.Valid([]byte(e.RequestParameters)):
				t.Errorf("%s %s: requestParameters %q is not JSON", name, reqID, e.RequestParameters)
			}
		}
	})
}

// panicOnDelete is a handler whose DeleteWorkload has a bug.
type panicOnDelete struct{ wire.Handler }

func (panicOnDelete) DeleteWorkload(context.Context, *wire.DeleteWorkloadInput) (*wire.DeleteWorkloadOutput, error) {
	panic("DeleteWorkload: an invariant is broken")
}

// TestPanicIsRecovered: a panic in an operation is answered 500 with the
// generic message, logged with its stack and the request id, and audited;
// the server goes on serving.
func TestPanicIsRecovered(t *testing.T) {
	srv, logs := startAPIServer(t, "", func(s *api.Server) {
		api.WrapHandler(s, func(h wire.Handler) wire.Handler { return panicOnDelete{h} })
	})
	id := createWorkload(t, srv.Client, workloadInput("panics"))
	res := rawCall(t, srv, http.MethodDelete, "/workloads/"+id+"?ClientRequestToken=tok", "", true)
	if res.Status != http.StatusInternalServerError || res.ErrorType != "InternalServerException" {
		t.Fatalf("a panicking operation: %d %s %s, want 500 InternalServerException", res.Status, res.ErrorType, res.Body)
	}
	if !strings.Contains(res.Body, res.RequestID) || strings.Contains(res.Body, "invariant") {
		t.Errorf("the message must quote the request id and nothing of the panic: %s", res.Body)
	}
	log := logs.String()
	if !strings.Contains(log, "request_id="+res.RequestID) || !strings.Contains(log, "DeleteWorkload: an invariant is broken") ||
		!strings.Contains(log, "panicOnDelete.DeleteWorkload") {
		t.Errorf("the log must hold the request id, the panic and its stack:\n%s", log)
	}
	e := auditEvents(t, srv.Store)[res.RequestID]
	if e == nil || e.EventName != "DeleteWorkload" || e.ErrorCode != "InternalServerException" || !strings.Contains(e.RequestParameters, id) {
		t.Errorf("audit record of the panicking call: %+v", e)
	}
	if _, err := srv.Client.GetWorkload(context.Background(), &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)}); err != nil {
		t.Errorf("the server after a panic: %v", err)
	}
}

// auditEvents returns the whole audit log by request id.
func auditEvents(t *testing.T, store wat.Store) map[string]*wat.AuditEvent {
	t.Helper()
	ctx := context.Background()
	out := map[string]*wat.AuditEvent{}
	var after int64
	for {
		var es []*wat.AuditEvent
		if err := store.View(ctx, func(tx wat.Tx) (err error) {
			es, err = tx.ListAuditEvents(ctx, wat.AuditFilter{}, after, 500)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			out[e.RequestID] = e
			after = e.ID
		}
		if len(es) < 500 {
			return out
		}
	}
}

// syncBuffer is a log destination that handlers may write concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// startAPIServer starts a server as testserver.Start does (on PostgreSQL
// when databaseURL is set), with configure applied to its api.Server, and
// returns what it logs.
func startAPIServer(t *testing.T, databaseURL string, configure func(*api.Server)) (*testserver.Server, *syncBuffer) {
	t.Helper()
	ctx := context.Background()
	var (
		db  *sqlstore.DB
		err error
	)
	if databaseURL != "" {
		db, err = sqlstore.OpenPostgres(ctx, databaseURL, testserver.MasterKey)
	} else {
		db, err = sqlstore.OpenSQLite(ctx, filepath.Join(t.TempDir(), "wat.db"), testserver.MasterKey)
	}
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	svc := service.New(service.Config{Store: db, Region: testserver.Region, Logger: log})
	admin, err := svc.EnsureDefaultAccount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := api.New(svc, log)
	s.Audit = db
	configure(s)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() {
		hs.Close()
		s.Close()
		db.Close()
	})
	srv := &testserver.Server{URL: "http://" + ln.Addr().String(), Service: svc, Store: testserver.AuditedStore(db, s), Admin: admin}
	srv.Client = srv.NewClient(admin.AccessKeyID, admin.SecretAccessKey)
	return srv, logs
}
