package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/wat-dev/wat"
)

// AppendAuditEvent adds e to the audit log and sets e.ID.
func (t *tx) AppendAuditEvent(ctx context.Context, e *wat.AuditEvent) error {
	const insert = `INSERT INTO audit_events (event_time, event_name, account_id, user_arn, user_name,
		access_key_id, source_ip, user_agent, request_id, request_parameters, response_elements, error_code, error_message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	args := []any{timeValue(e.EventTime), e.EventName, e.AccountID, e.UserARN, e.UserName, e.AccessKeyID, e.SourceIPAddress,
		e.UserAgent, e.RequestID, e.RequestParameters, e.ResponseElements, e.ErrorCode, e.ErrorMessage}
	var err error
	if t.db.dialect.dollar {
		err = t.queryRow(ctx, insert+` RETURNING id`, args...).Scan(&e.ID)
	} else {
		// SQLite: the row id, without the rows a RETURNING clause costs
		// (a record is written for every mutating call).
		var res sql.Result
		if res, err = t.exec(ctx, insert, args...); err == nil {
			e.ID, err = res.LastInsertId()
		}
	}
	if err != nil {
		return fmt.Errorf("sqlstore: AppendAuditEvent(%q): %w", e.RequestID, err)
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
