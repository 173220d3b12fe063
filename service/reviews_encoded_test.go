package service_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// TestEncodedLensReviewKeepsBytes: the bytes a caller encoded of a cached
// evaluation are served again without encoding while nothing changed,
// per variant; an answer changed makes them encoded afresh; a caller of
// another account gets its error, not the bytes.
func TestEncodedLensReviewKeepsBytes(t *testing.T) {
	s := newService(t, 0)
	ctx := asAdmin(t, s)
	w := newWorkload(t, ctx, s, "Encoded")
	q := s.Lenses().Framework().Lens.Questions()[0]
	answer := func(choices ...string) {
		t.Helper()
		if _, err := s.UpdateAnswer(ctx, service.UpdateAnswerInput{WorkloadID: w.ID, LensAlias: "wellarchitected", QuestionID: q.ID, SelectedChoices: choices}); err != nil {
			t.Fatal(err)
		}
	}
	calls := 0
	encode := func(v *service.ReviewView) ([]byte, error) {
		calls++
		return []byte(fmt.Sprintf("%d %s", v.Review.Revision, v.Risks[q.ID])), nil
	}
	read := func(ctx context.Context, variant string) string {
		t.Helper()
		b, err := s.EncodedLensReview(ctx, w.ID, "wellarchitected", variant, encode)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	answer(q.Choices[0].ID)
	read(ctx, w.ID) // the full read evaluates and caches
	n := calls
	first, again := read(ctx, w.ID), read(ctx, w.ID)
	if again != first || calls != n+1 {
		t.Errorf("two reads of the cached evaluation: %q then %q, %d encodings; want the same bytes, 1 encoding", first, again, calls-n)
	}
	read(ctx, "other spelling")
	if read(ctx, "other spelling"); calls != n+2 {
		t.Errorf("a second variant read twice: %d encodings in all, want 2 (one per variant)", calls-n)
	}
	answer(q.Choices[1].ID)
	if changed := read(ctx, w.ID); changed == first {
		t.Errorf("after the answer changed: %q, the bytes of before", changed)
	}

	other := wat.NewContextWithPrincipal(context.Background(), &wat.Principal{AccountID: "999999999999", UserName: "admin",
		UserARN: "arn:aws:iam::999999999999:user/admin", IsAdmin: true})
	if b, err := s.EncodedLensReview(other, w.ID, "wellarchitected", w.ID, encode); err == nil {
		t.Errorf("another account's caller got %q", b)
	}
}

// headCounter counts the reads of LensReviewHead, the fast path's one read.
type headCounter struct {
	wat.Store
	heads int
}

func (c *headCounter) LensReviewHead(ctx context.Context, workloadID, lensARN string) (*wat.LensReviewHead, error) {
	c.heads++
	return c.Store.LensReviewHead(ctx, workloadID, lensARN)
}

// TestEncodedLensReviewMissReadsHeadOnce: a read the fast path cannot serve
// (the review changed since its evaluation was cached) tries it once, then
// reads everything in a transaction, without trying it again.
func TestEncodedLensReviewMissReadsHeadOnce(t *testing.T) {
	store := &headCounter{Store: newSQLite(t)}
	s := service.New(service.Config{Store: store, Region: "us-east-1"})
	ctx := asAdmin(t, s)
	w := newWorkload(t, ctx, s, "Head once")
	encode := func(v *service.ReviewView) ([]byte, error) { return []byte(fmt.Sprint(v.Review.Revision)), nil }
	store.heads = 0
	if _, err := s.EncodedLensReview(ctx, w.ID, "wellarchitected", w.ID, encode); err != nil {
		t.Fatal(err)
	}
	if store.heads != 1 {
		t.Errorf("a read the fast path could not serve read the review's head %d times, want 1", store.heads)
	}
}
