package sqlstore

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/wat-dev/wat"
)

// benchCompany fills db as a company of 1,000 workloads would: each with
// its framework review of 57 answers and a milestone holding a copy of
// them, in transactions of 50 workloads (to fill it quickly).
func benchCompany(b *testing.B, db *DB) {
	newAccount(b, db, "111111111111")
	const workloads, perTx = 1000, 50
	for start := 0; start < workloads; start += perTx {
		update(b, db, func(ctx context.Context, tx wat.Tx) error {
			for i := start; i < start+perTx; i++ {
				w := fullWorkload("111111111111", workloadID(i+1), fmt.Sprintf("workload %04d", i))
				if err := tx.InsertWorkload(ctx, w); err != nil {
					return err
				}
				r := &wat.LensReview{WorkloadID: w.ID, LensARN: lensWA, LensVersion: "v1", UpdatedAt: t0}
				if err := tx.PutLensReview(ctx, r); err != nil {
					return err
				}
				m := &wat.Milestone{WorkloadID: w.ID, Number: 1, Name: "launch", RecordedAt: t0, Workload: w, LensReviews: []*wat.LensReview{r}}
				for q := range 57 {
					a := newAnswer(w.ID, lensWA, q)
					if err := tx.PutAnswer(ctx, a); err != nil {
						return err
					}
					m.Answers = append(m.Answers, a)
				}
				if err := tx.InsertMilestone(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

// BenchmarkBackup1000Workloads backs up benchCompany: ns/op is the time
// of `wat admin backup` but for opening the database and writing the file.
func BenchmarkBackup1000Workloads(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			if be.require != nil {
				be.require(b)
			}
			db := be.fresh(b)
			benchCompany(b, db)
			var size countWriter
			for b.Loop() {
				size = 0
				if _, err := db.Backup(context.Background(), io.MultiWriter(io.Discard, &size), "bench"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// BenchmarkRestore1000Workloads restores a backup of benchCompany, made on
// SQLite, into a new database of each kind: ns/op is the time of `wat
// admin restore` but for reading the file, creating the database and its
// schema included.
func BenchmarkRestore1000Workloads(b *testing.B) {
	src := backends[0].fresh(b)
	benchCompany(b, src)
	var backup bytes.Buffer
	if _, err := src.Backup(context.Background(), &backup, "bench"); err != nil {
		b.Fatal(err)
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			if be.require != nil {
				be.require(b)
			}
			for b.Loop() {
				b.StopTimer()
				addr := be.newDatabase(b)
				b.StartTimer()
				if _, err := restoreInto(be, addr, testKey, backup.Bytes()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
