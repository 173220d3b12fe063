package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// GetIdempotency returns the record of a client request token of an
// account's operation.
func (t *tx) GetIdempotency(ctx context.Context, accountID, operation, token string) (*wat.Idempotency, error) {
	var r wat.Idempotency
	err := t.queryRow(ctx, `SELECT account_id, operation, token, fingerprint, result, created_at FROM idempotency
		WHERE account_id = ? AND operation = ? AND token = ?`, accountID, operation, token).
		Scan(&r.AccountID, &r.Operation, &r.Token, &r.Fingerprint, &r.Result, timeScanner{&r.CreatedAt})
	if err != nil {
		return nil, fail("GetIdempotency", accountID+" "+operation+" "+token, err, outcomes{
			missing: wat.NotFound("IDEMPOTENCY", token, "No request of %s with token %s", operation, token),
		})
	}
	return &r, nil
}

// PutIdempotency inserts or replaces the record of a client request token
// (replacing lets the service reuse a token whose record it judges
// expired); ENotFound when the account does not exist.
func (t *tx) PutIdempotency(ctx context.Context, r *wat.Idempotency) error {
	_, err := t.exec(ctx, `INSERT INTO idempotency (account_id, operation, token, fingerprint, result, created_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id, operation, token) DO UPDATE SET
			fingerprint = excluded.fingerprint, result = excluded.result, created_at = excluded.created_at`,
		r.AccountID, r.Operation, r.Token, r.Fingerprint, r.Result, timeValue(r.CreatedAt))
	if err != nil {
		return fail("PutIdempotency", r.AccountID+" "+r.Operation+" "+r.Token, err, outcomes{
			parent: accountNotFound(r.AccountID),
		})
	}
	return nil
}
