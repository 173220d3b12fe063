package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// auditPrunePage is how many events one read of AuditEventsBefore fetches.
const auditPrunePage = 500

// AuditEventsBefore calls fn with every audit event whose time is before
// before, in ID order. It reads a page at a time, each in its own
// transaction, so that archiving a long log holds no transaction open. It
// returns how many events fn was given and the highest ID among them (0
// when none): what PruneAuditEvents is to delete.
func (db *DB) AuditEventsBefore(ctx context.Context, before time.Time, fn func(*wat.AuditEvent) error) (count, lastID int64, err error) {
	for {
		var page []*wat.AuditEvent
		err := db.View(ctx, func(wtx wat.Tx) error {
			t := wtx.(*tx)
			rows, err := t.query(ctx, `SELECT id, event_time, event_name, account_id, user_arn, user_name, access_key_id,
				source_ip, user_agent, request_id, request_parameters, response_elements, error_code, error_message
				FROM audit_events WHERE id > ? AND event_time < ? ORDER BY id LIMIT ?`,
				lastID, timeValue(before), auditPrunePage)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var e wat.AuditEvent
				if err := rows.Scan(&e.ID, timeScanner{&e.EventTime}, &e.EventName, &e.AccountID, &e.UserARN, &e.UserName,
					&e.AccessKeyID, &e.SourceIPAddress, &e.UserAgent, &e.RequestID, &e.RequestParameters, &e.ResponseElements,
					&e.ErrorCode, &e.ErrorMessage); err != nil {
					return err
				}
				page = append(page, &e)
			}
			return rows.Err()
		})
		if err != nil {
			return count, lastID, fmt.Errorf("sqlstore: AuditEventsBefore(%s): %w", timeValue(before), err)
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return count, lastID, err
			}
			count, lastID = count+1, e.ID
		}
		if len(page) < auditPrunePage {
			return count, lastID, nil
		}
	}
}

// PruneAuditEvents deletes the audit events before before with an ID up to
// throughID, and appends record, in one transaction. It first records the
// range in audit_prunes: the audit log's trigger lets go only of events a
// recorded prune covers. When the events to delete are not exactly want in
// number (some committed after they were archived, or went already) it
// deletes nothing and fails with EConflict, so that no event goes without
// having been archived.
func (db *DB) PruneAuditEvents(ctx context.Context, before time.Time, throughID, want int64, record *wat.AuditEvent) error {
	err := db.Update(ctx, func(wtx wat.Tx) error {
		t := wtx.(*tx)
		if _, err := t.exec(ctx, `INSERT INTO audit_prunes (pruned_at, before_time, through_id) VALUES (?, ?, ?)`,
			timeValue(record.EventTime), timeValue(before), throughID); err != nil {
			return err
		}
		res, err := t.exec(ctx, `DELETE FROM audit_events WHERE event_time < ? AND id <= ?`, timeValue(before), throughID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n != want {
			return wat.Conflict("AUDIT_LOG", "", "%d audit events to delete, but %d were archived: the log changed meanwhile; run the prune again", n, want)
		}
		return t.AppendAuditEvent(ctx, record)
	})
	if err != nil {
		return fmt.Errorf("sqlstore: PruneAuditEvents(%s): %w", timeValue(before), err)
	}
	return nil
}
