package sqlstore

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// AppendAuditEvent adds e to the audit log and sets e.ID.
func (t *tx) AppendAuditEvent(ctx context.Context, e *wat.AuditEvent) error {
	err := t.queryRow(ctx, `INSERT INTO audit_events (event_time, event_name, account_id, user_arn, user_name,
		access_key_id, source_ip, user_agent, request_id, request_parameters, response_elements, error_code, error_message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		timeValue(e.EventTime), e.EventName, e.AccountID, e.UserARN, e.UserName, e.AccessKeyID, e.SourceIPAddress,
		e.UserAgent, e.RequestID, e.RequestParameters, e.ResponseElements, e.ErrorCode, e.ErrorMessage).Scan(&e.ID)
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
