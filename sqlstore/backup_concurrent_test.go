package sqlstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// TestBackupWhileWriting backs a database up while a writer keeps adding
// workloads, each with its lens review and answers in one transaction: the
// backup holds whole transactions only (every workload it has, with all its
// answers), and it restores under the foreign keys.
func TestBackupWhileWriting(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			testBackupWhileWriting(t, b)
		})
	}
}

const answersPerWorkload = 5

func testBackupWhileWriting(t *testing.T, b *backend) {
	db := b.fresh(t)
	newAccount(t, db, "111111111111")
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			id := workloadID(i)
			err := db.Update(context.Background(), func(tx wat.Tx) error {
				ctx := context.Background()
				if err := tx.InsertWorkload(ctx, fullWorkload("111111111111", id, fmt.Sprintf("workload %d", i))); err != nil {
					return err
				}
				if err := tx.PutLensReview(ctx, &wat.LensReview{WorkloadID: id, LensARN: lensWA, LensVersion: "v1", UpdatedAt: t0}); err != nil {
					return err
				}
				for q := range answersPerWorkload {
					if err := tx.PutAnswer(ctx, newAnswer(id, lensWA, q)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Errorf("writer: %v", err)
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 10 {
		time.Sleep(time.Millisecond)
	}
	var buf bytes.Buffer
	_, err := db.Backup(context.Background(), &buf, "test")
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup while writing: %v", err)
	}
	data := buf.Bytes()

	_, rows := backupRows(t, data)
	answers := map[string]int{}
	for _, line := range rows["answers"] {
		var row []any
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatal(err)
		}
		answers[row[0].(string)]++ // workload_id comes first
	}
	if len(rows["workloads"]) < 10 || len(rows["lens_reviews"]) != len(rows["workloads"]) || len(answers) != len(rows["workloads"]) {
		t.Errorf("the backup has %d workloads, %d lens reviews, answers of %d workloads",
			len(rows["workloads"]), len(rows["lens_reviews"]), len(answers))
	}
	for id, n := range answers {
		if n != answersPerWorkload {
			t.Errorf("workload %s has %d answers in the backup, want %d", id, n, answersPerWorkload)
		}
	}
	t.Logf("backed up %d workloads of %d written", len(rows["workloads"]), written.Load())
	if _, err := restoreInto(b, b.newDatabase(t), testKey, data); err != nil {
		t.Errorf("restoring the backup made while writing: %v", err)
	}
}
