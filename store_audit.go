package wat

import "context"

// AuditTx is the part of Tx that keeps the audit log. The API's audit
// middleware writes nothing else, so it (and a fake in its tests) can
// depend on this alone; the console reads the log backwards through
// ConsoleTx.
type AuditTx interface {
	// AppendAuditEvent adds e to the audit log and sets e.ID. The log is
	// append-only: there is no way to change or remove an event, and
	// deleting an account keeps its events.
	AppendAuditEvent(ctx context.Context, e *AuditEvent) error
	// AppendAuditEvents adds events to the audit log in their order, in as
	// few statements as the database allows, and sets each one's ID: the
	// IDs increase in the order of events. It is AppendAuditEvent for many
	// records at once (the API's audit writer commits those of many calls
	// together); an empty events adds nothing.
	AppendAuditEvents(ctx context.Context, events []*AuditEvent) error
	// ListAuditEvents returns up to limit events matching f with an ID
	// above afterID, in ID order.
	ListAuditEvents(ctx context.Context, f AuditFilter, afterID int64, limit int) ([]*AuditEvent, error)
}
