package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// CreateAccessKey gives a user a new access key; EQuota when the user has
// MaxAccessKeysPerUser already (inactive ones count, as in IAM).
func (s *Service) CreateAccessKey(ctx context.Context, accountID, userName string) (*UserCredentials, error) {
	if err := validAccountID(accountID); err != nil {
		return nil, err
	}
	var creds *UserCredentials
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, accountID); err != nil {
			return err
		}
		u, err := tx.GetUser(ctx, accountID, userName)
		if err != nil {
			return err
		}
		ks, err := tx.ListAccessKeys(ctx, accountID, userName)
		if err != nil {
			return err
		}
		if len(ks) >= MaxAccessKeysPerUser {
			return wat.QuotaExceeded("ACCESS_KEY", "AccessKeysPerUser",
				"User %s already has %d access keys, the most a user can have: delete one first", userName, len(ks))
		}
		id, secret := NewAccessKey()
		k := &wat.AccessKey{ID: id, AccountID: accountID, UserName: userName, Secret: secret, Active: true, CreatedAt: s.nowUTC()}
		if err := tx.CreateAccessKey(ctx, k); err != nil {
			return err
		}
		creds = &UserCredentials{UserARN: u.ARN, AccessKeyID: id, SecretAccessKey: secret}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("CreateAccessKey(%s, %q): %w", accountID, userName, err)
	}
	return creds, nil
}

// ListAccessKeys returns a user's access keys, oldest first, without their
// secrets.
func (s *Service) ListAccessKeys(ctx context.Context, accountID, userName string) ([]*wat.AccessKey, error) {
	if err := validAccountID(accountID); err != nil {
		return nil, err
	}
	var ks []*wat.AccessKey
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := tx.GetUser(ctx, accountID, userName); err != nil {
			return err
		}
		var err error
		ks, err = tx.ListAccessKeys(ctx, accountID, userName)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("ListAccessKeys(%s, %q): %w", accountID, userName, err)
	}
	for _, k := range ks {
		k.Secret = "" // never handed out after creation, whatever the store gives
	}
	return ks, nil
}

// SetAccessKeyStatus activates or deactivates an access key. A deactivated
// key stops working in this process at once, in others within their auth
// cache TTL.
func (s *Service) SetAccessKeyStatus(ctx context.Context, id string, active bool) error {
	err := s.store.Update(ctx, func(tx wat.Tx) error { return tx.SetAccessKeyStatus(ctx, id, active) })
	if err != nil {
		return fmt.Errorf("SetAccessKeyStatus(%s): %w", id, err)
	}
	s.auth.drop(id)
	return nil
}

// DeleteAccessKey deletes an access key. It stops working in this process
// at once, in others within their auth cache TTL.
func (s *Service) DeleteAccessKey(ctx context.Context, id string) error {
	err := s.store.Update(ctx, func(tx wat.Tx) error { return tx.DeleteAccessKey(ctx, id) })
	if err != nil {
		return fmt.Errorf("DeleteAccessKey(%s): %w", id, err)
	}
	s.auth.drop(id)
	return nil
}
