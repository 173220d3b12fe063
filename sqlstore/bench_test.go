package sqlstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wat-dev/wat"
)

// benchBackends are the backends, plus SQLite with synchronous=NORMAL. Each
// benchmark runs its operation from 4 goroutines on every core
// (RunParallel), so ns/op is wall time: 1e9/(ns/op) is the throughput.
func benchBackends() []*backend {
	normal := &backend{
		name:        "sqlite-normal",
		newDatabase: func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "wat.db") },
		open: func(ctx context.Context, path string, key []byte) (*DB, error) {
			return OpenSQLite(ctx, path, key, SynchronousNormal())
		},
	}
	return []*backend{backends[0], normal, backends[1]}
}

// benchReview opens a database holding one workload whose Well-Architected
// review has its 57 questions answered. With choiceNotes every answer also
// has a choice marked not applicable, with notes: the worst case for
// reading, as real reviews have few of those.
func benchReview(b *testing.B, be *backend, choiceNotes bool) (db *DB, workload string) {
	db = be.fresh(b)
	newAccount(b, db, "111111111111")
	workload = workloadID(1)
	insertWorkload(b, db, fullWorkload("111111111111", workload, "benchmarked"))
	putReview(b, db, workload, lensWA, 0)
	update(b, db, func(ctx context.Context, tx wat.Tx) error {
		for i := range 57 {
			a := newAnswer(workload, lensWA, i)
			if !choiceNotes {
				a.Choices = nil
			}
			if err := tx.PutAnswer(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
	return db, workload
}

// BenchmarkPutAnswer measures an Update that stores one answer.
func BenchmarkPutAnswer(b *testing.B) {
	for _, be := range benchBackends() {
		b.Run(be.name, func(b *testing.B) {
			db, w := benchReview(b, be, false)
			b.SetParallelism(2)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for i := 0; pb.Next(); i++ {
					a := newAnswer(w, lensWA, i%57)
					if err := try(db, func(ctx context.Context, tx wat.Tx) error { return tx.PutAnswer(ctx, a) }); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkUpdateAnswerTx measures the transaction of the service's
// UpdateAnswer for an account without webhooks or Jira: lock the workload,
// read the lens review with the answer and what the change sets off, store
// the answer, bump the review's revision, touch the workload.
func BenchmarkUpdateAnswerTx(b *testing.B) {
	for _, be := range benchBackends() {
		b.Run(be.name, func(b *testing.B) {
			db, w := benchReview(b, be, false)
			b.SetParallelism(2)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for i := 0; pb.Next(); i++ {
					err := try(db, func(ctx context.Context, tx wat.Tx) error {
						wl, err := tx.GetWorkload(ctx, w, true)
						if err != nil {
							return err
						}
						a := newAnswer(w, lensWA, i%57)
						c, err := tx.GetAnswerChange(ctx, w, wl.AccountID, lensWA, a.QuestionID)
						if err != nil {
							return err
						}
						if err := tx.PutAnswer(ctx, a); err != nil {
							return err
						}
						c.Review.Revision++
						if err := tx.PutLensReview(ctx, c.Review); err != nil {
							return err
						}
						return tx.TouchWorkload(ctx, w, a.UpdatedAt)
					})
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkListAnswers57 measures a View that reads the 57 answers of a
// review, the bulk of the service's GetLensReview, with plain answers and
// with choice notes in every answer.
func BenchmarkListAnswers57(b *testing.B) {
	for _, be := range benchBackends() {
		for _, choiceNotes := range []bool{false, true} {
			name := be.name + "/plain"
			if choiceNotes {
				name = be.name + "/choice-notes"
			}
			b.Run(name, func(b *testing.B) {
				db, w := benchReview(b, be, choiceNotes)
				b.SetParallelism(2)
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						err := view(db, func(ctx context.Context, tx wat.Tx) error {
							as, err := tx.ListAnswers(ctx, w, lensWA)
							if err == nil && len(as) != 57 {
								b.Errorf("ListAnswers returned %d answers", len(as))
							}
							return err
						})
						if err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		}
	}
}
