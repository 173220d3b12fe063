package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/wat-dev/wat"
)

// AppendAuditEvent adds e to the audit log and sets e.ID.
func (t *tx) AppendAuditEvent(ctx context.Context, e *wat.AuditEvent) error {
	if err := t.insertAudit(ctx, []*wat.AuditEvent{e}); err != nil {
		return fmt.Errorf("sqlstore: AppendAuditEvent(%q): %w", e.RequestID, err)
	}
	return nil
}

// AppendAuditEvents adds events to the audit log, many to a statement, and
// sets their IDs. On PostgreSQL a statement is a round trip and on SQLite
// each costs the one writer its own overhead, so the API's audit writer,
// which commits the records of many calls together, writes them with one
// statement, or a few, rather than one each.
func (t *tx) AppendAuditEvents(ctx context.Context, events []*wat.AuditEvent) error {
	for len(events) > 0 {
		n := auditInsertSize(len(events))
		if err := t.insertAudit(ctx, events[:n]); err != nil {
			return fmt.Errorf("sqlstore: AppendAuditEvents(%q and %d more): %w", events[0].RequestID, len(events)-1, err)
		}
		events = events[n:]
	}
	return nil
}

// auditInsertRows bounds the rows of one INSERT of audit events. Each row
// binds 13 parameters, so one statement binds 832 at most, far within
// SQLite's limit (32,766, the SQLITE_MAX_VARIABLE_NUMBER modernc.org/sqlite
// is built with) and PostgreSQL's (65,535). What keeps the statements
// smaller than those allow is that each is prepared once per connection
// and kept (stmtCache), and every row count is a statement of its own: on
// SQLite a statement takes about 1.4 KB a row to keep and 3 to 6 µs a row
// to prepare (measured: 47 MB for the 256 statements of 1 to 256 rows, 1 ms
// to prepare the one of 256). So only some counts are used
// (auditInsertSize): up to 16 rows, the count itself, which is one
// statement for the batches of calls answered together under a moderate
// load; then 32 and 64. 18 statements of 232 rows in all, and a batch of
// 256 records takes 4.
const auditInsertRows = 64

// auditInsertSize returns how many of n events the next INSERT adds.
func auditInsertSize(n int) int {
	switch {
	case n >= auditInsertRows:
		return auditInsertRows
	case n >= 32:
		return 32
	case n > 16:
		return 16
	default:
		return n
	}
}

// auditInserts holds the INSERT of n audit events at index n-1, made the
// first time it is needed.
var auditInserts [auditInsertRows]atomic.Pointer[string]

// auditInsert returns the statement adding n audit events, whose
// parameters are those of each event in turn.
func auditInsert(n int) string {
	if q := auditInserts[n-1].Load(); q != nil {
		return *q
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO audit_events (event_time, event_name, account_id, user_arn, user_name,
		access_key_id, source_ip, user_agent, request_id, request_parameters, response_elements, error_code, error_message)
		VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	q := b.String()
	auditInserts[n-1].Store(&q)
	return q
}

// insertAudit adds events, at most auditInsertRows, in one statement and
// sets their IDs.
func (t *tx) insertAudit(ctx context.Context, events []*wat.AuditEvent) error {
	args := make([]any, 0, 13*len(events))
	for _, e := range events {
		args = append(args, timeValue(e.EventTime), e.EventName, e.AccountID, e.UserARN, e.UserName, e.AccessKeyID,
			e.SourceIPAddress, e.UserAgent, e.RequestID, e.RequestParameters, e.ResponseElements, e.ErrorCode, e.ErrorMessage)
	}
	if t.dialect().dollar {
		return t.insertAuditReturning(ctx, events, auditInsert(len(events))+` RETURNING id`, args)
	}
	// SQLite: the IDs of the rows are consecutive and the last is the
	// connection's last row id, which saves reading the rows a RETURNING
	// clause costs (no less, measured). Consecutive, because of
	// AUTOINCREMENT: SQLite gives a new row one more than the largest id
	// the table holds or has held (sqlite_sequence), and within the
	// statement that is the row inserted just before it, as nothing else
	// inserts into audit_events meanwhile: the statement runs alone on the
	// one write connection, holding the database's write lock, and no
	// trigger inserts into the table. Where no larger id is left the insert
	// fails (SQLITE_FULL) rather than pick one at random, as a table
	// without AUTOINCREMENT would. (The documentation promises "larger",
	// the code gives "one more"; audit_batch_test.go checks the IDs against
	// what the log gives back.)
	res, err := t.exec(ctx, auditInsert(len(events)), args...)
	if err != nil {
		return err
	}
	last, err := res.LastInsertId()
	if err != nil {
		return err
	}
	first := last - int64(len(events)) + 1
	for i, e := range events {
		e.ID = first + int64(i)
	}
	return nil
}

// insertAuditReturning runs the PostgreSQL insert of events and sets their
// IDs from its RETURNING clause. The order in which RETURNING gives the
// rows is not promised, so the IDs are sorted and given out in the order
// of the VALUES rows: the identity draws one per row as the rows are
// inserted, in that order, and its sequence only ever grows.
func (t *tx) insertAuditReturning(ctx context.Context, events []*wat.AuditEvent, query string, args []any) error {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	ids := make([]int64, 0, len(events))
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(ids) != len(events) {
		return fmt.Errorf("%d ids returned for %d rows", len(ids), len(events))
	}
	slices.Sort(ids)
	for i, e := range events {
		e.ID = ids[i]
	}
	return nil
}

// ListAuditEvents returns up to limit events matching f after afterID, in ID order.
func (t *tx) ListAuditEvents(ctx context.Context, f wat.AuditFilter, afterID int64, limit int) ([]*wat.AuditEvent, error) {
	rows, err := t.query(ctx, `SELECT id, event_time, event_name, account_id, user_arn, user_name, access_key_id,
		source_ip, user_agent, request_id, request_parameters, response_elements, error_code, error_message
		FROM audit_events
		WHERE id > ? AND event_time >= ? AND (? = '' OR account_id = ?) AND (? = '' OR event_name = ?)
		ORDER BY id LIMIT ?`,
		afterID, timeValue(f.Since), f.AccountID, f.AccountID, f.EventName, f.EventName, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: ListAuditEvents: %w", err)
	}
	defer rows.Close()
	var out []*wat.AuditEvent
	for rows.Next() {
		var e wat.AuditEvent
		if err := rows.Scan(&e.ID, timeScanner{&e.EventTime}, &e.EventName, &e.AccountID, &e.UserARN, &e.UserName,
			&e.AccessKeyID, &e.SourceIPAddress, &e.UserAgent, &e.RequestID, &e.RequestParameters, &e.ResponseElements,
			&e.ErrorCode, &e.ErrorMessage); err != nil {
			return nil, fmt.Errorf("sqlstore: ListAuditEvents: %w", err)
		}
		out = append(out, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: ListAuditEvents: %w", err)
	}
	return out, nil
}
