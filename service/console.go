package service

import (
	"context"
	"fmt"
	"time"

	"github.com/wat-dev/wat"
)

// SetPassword sets a user's console password and ends the user's console
// sessions (at once in this process, within the auth cache TTL in
// others); it returns how many it ended. It is an operator's command (`wat
// admin`): it authorises nothing.
func (s *Service) SetPassword(ctx context.Context, accountID, userName, password string) (int, error) {
	if err := validAccountID(accountID); err != nil {
		return 0, err
	}
	if err := validPassword(password); err != nil {
		return 0, err
	}
	hash := hashPassword(password) // before the transaction: it takes a while
	var ended int
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := tx.GetUser(ctx, accountID, userName); err != nil {
			return err
		}
		if err := tx.SetUserPassword(ctx, accountID, userName, hash, s.nowUTC()); err != nil {
			return err
		}
		var err error
		ended, err = tx.DeleteUserSessions(ctx, accountID, userName)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("SetPassword(%s, %q): %w", accountID, userName, err)
	}
	s.console.cache.dropUser(accountID, userName)
	return ended, nil
}

// AdminPassword names the default account's admin and, when
// EnsureAdminPassword has just generated it, its console password (shown
// once).
type AdminPassword struct {
	AccountID string
	UserName  string
	Password  string // "" when the admin already had a password
}

// EnsureAdminPassword gives the admin of the default account a generated
// console password when it has none (a database from before the console).
// Replicas starting together generate one password between them.
func (s *Service) EnsureAdminPassword(ctx context.Context) (*AdminPassword, error) {
	var out *AdminPassword
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		id, err := defaultAccountID(ctx, tx)
		if err != nil {
			return err
		}
		if err := tx.LockAccount(ctx, id); err != nil {
			return err
		}
		out = &AdminPassword{AccountID: id, UserName: AdminUser}
		if _, err := tx.GetUserPassword(ctx, id, AdminUser); wat.ErrorCodeOf(err) != wat.ENotFound {
			return err // nil: it has one
		}
		out.Password = GeneratePassword()
		return tx.SetUserPassword(ctx, id, AdminUser, hashPassword(out.Password), s.nowUTC())
	})
	if err != nil {
		return nil, fmt.Errorf("EnsureAdminPassword: %w", err)
	}
	return out, nil
}

// ConsoleUser is a user as the console's settings page lists it: never a
// secret, nor a password hash.
type ConsoleUser struct {
	User        *wat.User
	HasPassword bool
	AccessKeys  []*wat.AccessKey // without secrets
}

// requireAdmin returns the caller when it is its account's admin, and
// EForbidden otherwise.
func requireAdmin(ctx context.Context, what string) (*wat.Principal, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if !p.IsAdmin {
		return nil, wat.Errorf(wat.EForbidden, "User: %s is not the admin of account %s: only the admin may %s", p.UserARN, p.AccountID, what)
	}
	return p, nil
}

// AccountUsers lists the users of the caller's account with their access
// keys (without secrets) and whether they have a console password. Only
// the account's admin may (EForbidden).
func (s *Service) AccountUsers(ctx context.Context) ([]*ConsoleUser, error) {
	p, err := requireAdmin(ctx, "list the account's users")
	if err != nil {
		return nil, err
	}
	var out []*ConsoleUser
	err = s.store.View(ctx, func(tx wat.Tx) error {
		out = nil
		users, err := tx.ListUsers(ctx, p.AccountID)
		if err != nil {
			return err
		}
		for _, u := range users {
			ks, err := tx.ListAccessKeys(ctx, p.AccountID, u.Name)
			if err != nil {
				return err
			}
			for _, k := range ks {
				k.Secret = ""
			}
			_, err = tx.GetUserPassword(ctx, p.AccountID, u.Name)
			if err != nil && wat.ErrorCodeOf(err) != wat.ENotFound {
				return err
			}
			out = append(out, &ConsoleUser{User: u, HasPassword: err == nil, AccessKeys: ks})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("AccountUsers(%s): %w", p.AccountID, err)
	}
	return out, nil
}

// MaxAuditPage bounds a page of AccountAuditEvents.
const MaxAuditPage = 500

// AccountAuditEvents returns up to limit audit events of the caller's
// account with an ID below beforeID (0: from the newest), newest first.
// Only the account's admin may (EForbidden).
func (s *Service) AccountAuditEvents(ctx context.Context, beforeID int64, limit int) ([]*wat.AuditEvent, error) {
	p, err := requireAdmin(ctx, "read the account's audit log")
	if err != nil {
		return nil, err
	}
	if limit < 1 || limit > MaxAuditPage {
		return nil, wat.Invalid("maxResults", "maxResults must be 1 to %d", MaxAuditPage)
	}
	var es []*wat.AuditEvent
	err = s.store.View(ctx, func(tx wat.Tx) (err error) {
		es, err = tx.ListAccountAuditEvents(ctx, p.AccountID, beforeID, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("AccountAuditEvents(%s): %w", p.AccountID, err)
	}
	return es, nil
}

// sessionTTL is Config.SessionTTL with its default.
func sessionTTL(d time.Duration) time.Duration {
	if d <= 0 {
		return SessionTTL
	}
	return d
}
