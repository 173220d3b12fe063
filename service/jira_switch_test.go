package service_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// countingStore counts, in its write transactions, the calls of the Tx
// methods a change of Jira settings could make once per workload.
type countingStore struct {
	*sqlstore.DB

	mu    sync.Mutex
	calls map[string]int
}

func (s *countingStore) Update(ctx context.Context, fn func(wat.Tx) error) error {
	return s.DB.Update(ctx, func(tx wat.Tx) error {
		s.mu.Lock()
		s.calls = map[string]int{} // a transaction run again starts over
		s.mu.Unlock()
		return fn(&countingTx{Tx: tx, s: s})
	})
}

func (s *countingStore) count(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[name]++
}

// last returns the calls of the last write transaction.
func (s *countingStore) last() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

type countingTx struct {
	wat.Tx
	s *countingStore
}

func (tx *countingTx) GetWorkload(ctx context.Context, id string, lock bool) (*wat.Workload, error) {
	tx.s.count("GetWorkload")
	return tx.Tx.GetWorkload(ctx, id, lock)
}

func (tx *countingTx) ListWorkloads(ctx context.Context, accountID string, shared []string, prefix, afterKey, afterID string, limit int) ([]*wat.Workload, error) {
	tx.s.count("ListWorkloads")
	return tx.Tx.ListWorkloads(ctx, accountID, shared, prefix, afterKey, afterID, limit)
}

func (tx *countingTx) GetJiraWorkloadSettings(ctx context.Context, workloadID string) (*wat.JiraWorkloadSettings, error) {
	tx.s.count("GetJiraWorkloadSettings")
	return tx.Tx.GetJiraWorkloadSettings(ctx, workloadID)
}

func (tx *countingTx) GetJiraPlanSettings(ctx context.Context, workloadID, accountID string) (*wat.JiraWorkloadSettings, *wat.JiraAccountSettings, bool, error) {
	tx.s.count("GetJiraPlanSettings")
	return tx.Tx.GetJiraPlanSettings(ctx, workloadID, accountID)
}

func (tx *countingTx) GetJiraSyncJob(ctx context.Context, workloadID string) (*wat.JiraSyncJob, error) {
	tx.s.count("GetJiraSyncJob")
	return tx.Tx.GetJiraSyncJob(ctx, workloadID)
}

func (tx *countingTx) ListJiraWorkloadSettings(ctx context.Context, accountID string) ([]*wat.JiraWorkloadSettings, error) {
	tx.s.count("ListJiraWorkloadSettings")
	return tx.Tx.ListJiraWorkloadSettings(ctx, accountID)
}

func (tx *countingTx) EnqueueJiraSync(ctx context.Context, workloadID string, push bool, reason string, now time.Time) error {
	tx.s.count("EnqueueJiraSync")
	return tx.Tx.EnqueueJiraSync(ctx, workloadID, push, reason, now)
}

// switchFixture is a service over a counting store with an account
// connected to Jira (its settings MANUAL) and n workloads that inherit
// them.
type switchFixture struct {
	store *countingStore
	svc   *service.Service
	ctx   context.Context
}

func newSwitchFixture(tb testing.TB, db *sqlstore.DB, n int) *switchFixture {
	tb.Helper()
	ctx := context.Background()
	tb.Cleanup(func() { db.Close() })
	f := &switchFixture{store: &countingStore{DB: db}}
	f.svc = service.New(service.Config{Store: f.store, Region: "us-east-1"})
	f.ctx = asAdmin(tb, f.svc)
	account := wat.PrincipalFromContext(f.ctx).AccountID
	for i := range n {
		newWorkload(tb, f.ctx, f.svc, fmt.Sprintf("Switched %04d", i))
	}
	err := db.Update(ctx, func(tx wat.Tx) error {
		return tx.PutJiraConnection(ctx, &wat.JiraConnection{AccountID: account, URL: "https://acme.atlassian.net",
			Flavor: "CLOUD", Email: "a@example.com", Token: "tok", CreatedAt: time.Now()})
	})
	if err != nil {
		tb.Fatal(err)
	}
	f.set(tb, wat.JiraEnabled, wat.JiraManual)
	return f
}

// set changes the account's settings and returns the counted calls.
func (f *switchFixture) set(tb testing.TB, issueManagement, syncType string) map[string]int {
	tb.Helper()
	if err := f.svc.UpdateGlobalSettings(f.ctx, service.GlobalSettingsUpdate{Jira: &service.JiraAccountUpdate{
		IssueManagement: issueManagement, SyncType: syncType}}); err != nil {
		tb.Fatal(err)
	}
	return f.store.last()
}

// TestJiraSwitchStatements: an account's switch to AUTO reads its
// workloads' settings in one statement and writes one queue row per
// workload it turns on, reading nothing per workload; a switch that turns
// none on does not even list them.
func TestJiraSwitchStatements(t *testing.T) {
	db, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "wat.db"), testserver.MasterKey)
	if err != nil {
		t.Fatal(err)
	}
	f := newSwitchFixture(t, db, 5)
	want := map[string]int{"GetJiraPlanSettings": 1, "ListJiraWorkloadSettings": 1, "EnqueueJiraSync": 5}
	if diff := cmp.Diff(want, f.set(t, "", wat.JiraAuto)); diff != "" {
		t.Errorf("switching to AUTO: calls (-want +got):\n%s", diff)
	}
	want = map[string]int{"GetJiraPlanSettings": 1}
	if diff := cmp.Diff(want, f.set(t, "", wat.JiraManual)); diff != "" {
		t.Errorf("switching to MANUAL: calls (-want +got):\n%s", diff)
	}
}

// BenchmarkJiraSwitch measures an account of 1,000 workloads (the most
// one may have) switching to AUTO, which queues every one of them, and
// back to MANUAL, which queues none.
func BenchmarkJiraSwitch(b *testing.B) {
	open := map[string]func(b *testing.B) *sqlstore.DB{
		"sqlite": func(b *testing.B) *sqlstore.DB {
			db, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(b.TempDir(), "wat.db"), testserver.MasterKey)
			if err != nil {
				b.Fatal(err)
			}
			return db
		},
		"postgres": func(b *testing.B) *sqlstore.DB {
			db, err := sqlstore.OpenPostgres(context.Background(), testserver.PostgresDatabase(b), testserver.MasterKey)
			if err != nil {
				b.Fatal(err)
			}
			return db
		},
	}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			f := newSwitchFixture(b, open[name](b), service.MaxWorkloadsPerAccount)
			var toAuto, toManual time.Duration
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				if f.set(b, "", wat.JiraAuto)["EnqueueJiraSync"] != service.MaxWorkloadsPerAccount {
					b.Fatal("the switch to AUTO did not queue every workload")
				}
				mid := time.Now()
				f.set(b, "", wat.JiraManual)
				toAuto, toManual = toAuto+mid.Sub(start), toManual+time.Since(mid)
			}
			b.ReportMetric(float64(toAuto.Microseconds())/float64(b.N)/1000, "ms/auto")
			b.ReportMetric(float64(toManual.Microseconds())/float64(b.N)/1000, "ms/manual")
		})
	}
}
