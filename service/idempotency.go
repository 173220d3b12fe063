package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/wat-dev/wat"
)

// fingerprint hashes a request's parameters so a reused ClientRequestToken
// can be told apart from a retry.
func fingerprint(parts ...any) string {
	b, err := json.Marshal(parts)
	if err != nil {
		panic("fingerprint: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// replay returns the result of an earlier request with the same token, or ""
// when there is none. The same token with other parameters is a conflict.
func (s *Service) replay(ctx context.Context, tx wat.IdempotencyTx, accountID, op, token, fp string) (string, error) {
	if token == "" {
		return "", nil
	}
	rec, err := tx.GetIdempotency(ctx, accountID, op, token)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if rec.Fingerprint != fp {
		return "", &wat.Error{
			Code:         wat.EConflict,
			Message:      "ClientRequestToken " + token + " was already used with different parameters",
			ResourceID:   token,
			ResourceType: "CLIENT_REQUEST_TOKEN",
		}
	}
	return rec.Result, nil
}

// remember records what a request with a token did.
func (s *Service) remember(ctx context.Context, tx wat.IdempotencyTx, accountID, op, token, fp, result string) error {
	if token == "" {
		return nil
	}
	return tx.PutIdempotency(ctx, &wat.Idempotency{
		AccountID: accountID, Operation: op, Token: token, Fingerprint: fp, Result: result, CreatedAt: s.nowUTC(),
	})
}

// beginCreate starts, in tx, a create of the caller's account: it locks the
// account (quotas and name uniqueness are judged under the lock),
// authorises a on resource (the new resource's ARN pattern), and returns
// what an earlier request with the same token and parameters created, or
// "" when this one is new.
func (s *Service) beginCreate(ctx context.Context, tx wat.Tx, accountID string, a access, resource, token, fp string) (string, error) {
	if err := tx.LockAccount(ctx, accountID); err != nil {
		return "", err
	}
	if err := s.authorize(ctx, tx, a, resource, nil); err != nil {
		return "", err
	}
	return s.replay(ctx, tx, accountID, a.Action, token, fp)
}
