package api_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/sqlstore"
)

// TestAuditWriterBatchesOnStores: the records of calls of several accounts
// answered together, written by the audit writer on a real store, are in
// the log under the IDs the writer set, and the accounts with an enabled
// webhook subscription, those alone, have an event of each of their
// records in the outbox, named after the record's ID. On PostgreSQL, which
// refuses a NUL in text, a record holding one is logged as failed and
// costs none of the records batched with it.
func TestAuditWriterBatchesOnStores(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			t.Parallel()
			var (
				store *sqlstore.DB
				err   error
			)
			if backend == "sqlite" {
				store, err = sqlstore.OpenSQLite(ctx, filepath.Join(t.TempDir(), "wat.db"), testserver.MasterKey)
			} else {
				store, err = sqlstore.OpenPostgres(ctx, testserver.PostgresDatabase(t), testserver.MasterKey)
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { store.Close() })
			testAuditWriterBatches(t, store, backend == "postgres")
		})
	}
}

func testAuditWriterBatches(t *testing.T, store *sqlstore.DB, refusesNUL bool) {
	ctx := context.Background()
	const subscribed, disabled, none = "111111111111", "222222222222", "333333333333"
	now := time.Now().UTC()
	err := store.Update(ctx, func(tx wat.Tx) error {
		for _, id := range []string{subscribed, disabled, none} {
			if err := tx.CreateAccount(ctx, &wat.Account{ID: id, Name: "account " + id, CreatedAt: now}); err != nil {
				return err
			}
		}
		for id, account := range map[string]string{"wh-on": subscribed, "wh-off": disabled} {
			status := wat.WebhookEnabled
			if account == disabled {
				status = wat.WebhookDisabled
			}
			err := tx.InsertWebhookSubscription(ctx, &wat.WebhookSubscription{ID: id, ARN: "arn:" + id, AccountID: account,
				URL: "https://h.example/" + id, Status: status, Secret: "whsec_Y3VycmVudA==", CreatedAt: now, UpdatedAt: now})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Each transaction waits a while, so that the records of the callers
	// below queue up behind the one being written and go in batches.
	var logs lockedBuffer
	enqueue, closeWriter := api.StartAuditWriter(slowAudit{store, 20 * time.Millisecond}, testserver.Region,
		slog.New(slog.NewTextHandler(&logs, nil)))
	accounts := []string{subscribed, disabled, none, ""}
	events := make([]*wat.AuditEvent, 48)
	var wg sync.WaitGroup
	for i := range events {
		events[i] = &wat.AuditEvent{EventTime: now, EventName: "UpdateAnswer", AccountID: accounts[i%len(accounts)],
			RequestID: fmt.Sprintf("req-%02d", i), RequestParameters: fmt.Sprintf(`{"N":%d,"Notes":"it's \"%d\" 日本"}`, i, i)}
		if i == 21 {
			events[i].RequestParameters = "{\"Notes\":\"\x00\"}"
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			enqueue(events[i].RequestID, events[i])
		}()
	}
	wg.Wait()
	closeWriter()

	var stored []*wat.AuditEvent
	deliveries := map[string][]string{} // subscription → event IDs
	err = store.View(ctx, func(tx wat.Tx) error {
		var err error
		if stored, err = tx.ListAuditEvents(ctx, wat.AuditFilter{}, 0, 100); err != nil {
			return err
		}
		for _, sub := range []string{"wh-on", "wh-off"} {
			ds, err := tx.ListWebhookDeliveries(ctx, sub, "", 100)
			if err != nil {
				return err
			}
			for _, d := range ds {
				deliveries[sub] = append(deliveries[sub], d.EventID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	written := events
	if refusesNUL {
		written = slices.Delete(slices.Clone(events), 21, 22)
		if got := logs.String(); strings.Count(got, "audit log write failed") != 1 || !strings.Contains(got, "request_id=req-21") {
			t.Errorf("log %q, want one failure, of req-21", got)
		}
		if events[21].ID != 0 {
			t.Errorf("the refused record has ID %d", events[21].ID)
		}
	}
	want := map[int64]string{}
	var wantEvents []string
	for _, e := range written {
		if e.ID == 0 {
			t.Errorf("record %s written without its ID set", e.RequestID)
		}
		want[e.ID] = e.RequestID
		if e.AccountID == subscribed {
			wantEvents = append(wantEvents, api.CloudTrailRecord(e, testserver.Region).EventID)
		}
	}
	got := map[int64]string{}
	for _, e := range stored {
		got[e.ID] = e.RequestID
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the log's records by ID (-set by the writer +stored):\n%s", diff)
	}
	slices.Sort(wantEvents)
	slices.Sort(deliveries["wh-on"])
	if diff := cmp.Diff(wantEvents, deliveries["wh-on"]); diff != "" {
		t.Errorf("the enabled subscription's deliveries (-want +got):\n%s", diff)
	}
	if len(deliveries["wh-off"]) != 0 {
		t.Errorf("the disabled subscription has %d deliveries", len(deliveries["wh-off"]))
	}
}
