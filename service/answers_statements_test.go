package service_test

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

// statementStore is a store whose write transactions, while strict is
// set, answer only the Tx methods the common UpdateAnswer may call (one
// statement each) and record the calls. Any other method reaches the nil
// Tx embedded in strictTx and fails the transaction: a statement added to
// the path fails the test as surely as one more of these.
type statementStore struct {
	*sqlstore.DB

	mu     sync.Mutex
	strict bool
	calls  []string
}

func (s *statementStore) Update(ctx context.Context, fn func(wat.Tx) error) error {
	s.mu.Lock()
	strict := s.strict
	s.mu.Unlock()
	if !strict {
		return s.DB.Update(ctx, fn)
	}
	return s.DB.Update(ctx, func(tx wat.Tx) (err error) {
		s.record("") // a transaction run again starts over
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("a Tx method UpdateAnswer's common case should not call: %v\n%s", p, debug.Stack())
			}
		}()
		return fn(&strictTx{real: tx, s: s})
	})
}

// record appends a call; "" forgets those before.
func (s *statementStore) record(call string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if call == "" {
		s.calls = nil
		return
	}
	s.calls = append(s.calls, call)
}

// run returns the Tx calls fn made, strictly.
func (s *statementStore) run(t *testing.T, fn func() error) []string {
	t.Helper()
	s.mu.Lock()
	s.strict, s.calls = true, nil
	s.mu.Unlock()
	err := fn()
	s.mu.Lock()
	s.strict = false
	calls := s.calls
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	return calls
}

type strictTx struct {
	wat.Tx // nil: a method not below panics
	real   wat.Tx
	s      *statementStore
}

func (tx *strictTx) GetWorkload(ctx context.Context, id string, lock bool) (*wat.Workload, error) {
	tx.s.record(fmt.Sprintf("GetWorkload(lock=%v)", lock))
	return tx.real.GetWorkload(ctx, id, lock)
}

func (tx *strictTx) GetAnswerChange(ctx context.Context, workloadID, accountID, lensARN, questionID string) (*wat.AnswerChange, error) {
	tx.s.record("GetAnswerChange")
	return tx.real.GetAnswerChange(ctx, workloadID, accountID, lensARN, questionID)
}

func (tx *strictTx) SaveAnswerChange(ctx context.Context, a *wat.Answer, r *wat.LensReview, touched time.Time) error {
	tx.s.record("SaveAnswerChange")
	return tx.real.SaveAnswerChange(ctx, a, r, touched)
}

func (tx *strictTx) PutAnswer(ctx context.Context, a *wat.Answer) error {
	tx.s.record("PutAnswer")
	return tx.real.PutAnswer(ctx, a)
}

func (tx *strictTx) PutLensReview(ctx context.Context, r *wat.LensReview) error {
	tx.s.record("PutLensReview")
	return tx.real.PutLensReview(ctx, r)
}

func (tx *strictTx) TouchWorkload(ctx context.Context, id string, at time.Time) error {
	tx.s.record("TouchWorkload")
	return tx.real.TouchWorkload(ctx, id, at)
}

func (tx *strictTx) EnqueueJiraSync(ctx context.Context, workloadID string, push bool, reason string, now time.Time) error {
	tx.s.record("EnqueueJiraSync")
	return tx.real.EnqueueJiraSync(ctx, workloadID, push, reason, now)
}

// TestUpdateAnswerStatements: an answer to a workload whose account has no
// enabled webhook subscription and no Jira connection runs five statements
// in its transaction — lock the workload, read the review with the answer
// and what the change sets off, write the answer, the review's revision,
// the workload's time — whether the question was answered before or not.
// An AUTO Jira workload adds the sync queued. Issue 18: each statement is a
// round trip under the workload's lock on PostgreSQL, and the one writer's
// time on SQLite.
func TestUpdateAnswerStatements(t *testing.T) {
	db := newSQLite(t)
	store := &statementStore{DB: db}
	s := service.New(service.Config{Store: store, Region: "us-east-1"})
	ctx := asAdmin(t, s)
	w := newWorkload(t, ctx, s, "Counted")
	q := s.Lenses().Framework().Lens.Questions()[0]
	answer := func(choice string) []string {
		t.Helper()
		return store.run(t, func() error {
			_, err := s.UpdateAnswer(ctx, service.UpdateAnswerInput{WorkloadID: w.ID, LensAlias: "wellarchitected",
				QuestionID: q.ID, SelectedChoices: []string{choice}})
			return err
		})
	}
	common := []string{"GetWorkload(lock=true)", "GetAnswerChange", "SaveAnswerChange"}
	for i, step := range []string{"first answer", "answer changed"} {
		if diff := cmp.Diff(common, answer(q.Choices[i].ID)); diff != "" {
			t.Errorf("%s: Tx calls (-want +got):\n%s", step, diff)
		}
	}
	got, err := s.GetAnswer(ctx, w.ID, "wellarchitected", q.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{q.Choices[1].ID}; !cmp.Equal(want, got.Answer.SelectedChoices) {
		t.Errorf("stored choices %v, want %v", got.Answer.SelectedChoices, want)
	}

	// A disabled subscription is heard by nobody: still nothing read of
	// webhooks.
	err = db.Update(ctx, func(tx wat.Tx) error {
		return tx.InsertWebhookSubscription(ctx, &wat.WebhookSubscription{ID: "wh-1", ARN: "arn:wh-1",
			AccountID: w.AccountID, URL: "https://h.example/1", Status: wat.WebhookDisabled,
			Secret: "whsec_b2Zm", CreatedAt: time.Now(), UpdatedAt: time.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(common, answer(q.Choices[0].ID)); diff != "" {
		t.Errorf("a disabled subscription: Tx calls (-want +got):\n%s", diff)
	}

	// An AUTO Jira workload of a connected account queues its sync.
	err = db.Update(ctx, func(tx wat.Tx) error {
		if err := tx.PutJiraConnection(ctx, &wat.JiraConnection{AccountID: w.AccountID, URL: "https://acme.atlassian.net",
			Flavor: "CLOUD", Email: "a@example.com", Token: "tok", CreatedAt: time.Now()}); err != nil {
			return err
		}
		return tx.PutJiraWorkloadSettings(ctx, &wat.JiraWorkloadSettings{WorkloadID: w.ID,
			IssueManagement: wat.JiraEnabled, SyncType: wat.JiraAuto, ProjectKey: "OPS", UpdatedAt: time.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(append(common, "EnqueueJiraSync"), answer(q.Choices[1].ID)); diff != "" {
		t.Errorf("Jira AUTO: Tx calls (-want +got):\n%s", diff)
	}
	err = db.View(ctx, func(tx wat.Tx) error {
		j, err := tx.GetJiraSyncJob(ctx, w.ID)
		if err != nil {
			return err
		}
		if !j.Pending() {
			t.Errorf("sync job %+v, want one pending", j)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
