package wat

import (
	"context"
	"time"
)

// IdempotencyTx is the part of Tx that remembers the client request tokens
// of create requests, whatever they create. It is apart from every
// aggregate because every create use case shares it; replaying a token
// needs nothing else of the store.
type IdempotencyTx interface {
	// GetIdempotency returns the record of a client request token.
	GetIdempotency(ctx context.Context, accountID, operation, token string) (*Idempotency, error)
	PutIdempotency(ctx context.Context, r *Idempotency) error
}

// Idempotency remembers what a create request with a ClientRequestToken did,
// so a retry with the same token returns the same result.
type Idempotency struct {
	AccountID   string
	Operation   string
	Token       string
	Fingerprint string // hash of the request's parameters
	Result      string // what the first request returned, e.g. the new id
	CreatedAt   time.Time
}
