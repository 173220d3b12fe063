package service

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// The operator's use cases: accounts, users, access keys and their policies.
// They are run by whoever can reach the database and its master key (the
// `wat admin` command), not by a SigV4 caller, so they do not go through
// caller(ctx).

// MaxAccessKeysPerUser is IAM's quota of access keys per user.
const MaxAccessKeysPerUser = 2

var (
	accountIDRE = regexp.MustCompile(`^\d{12}$`)
	// userNameRE is IAM's rule for user names.
	userNameRE = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,64}$`)
	// policyNameRE is IAM's rule for inline policy names.
	policyNameRE = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,128}$`)
)

// MaxAccountNameLength bounds an account's name.
const MaxAccountNameLength = 64

func validAccountID(id string) error {
	if !accountIDRE.MatchString(id) {
		return wat.Invalid("AccountId", "%q is not an account ID (12 digits)", id)
	}
	return nil
}

func validUserName(name string) error {
	if !userNameRE.MatchString(name) {
		return wat.Invalid("UserName", "%q is not a valid user name: use 1 to 64 letters, digits and +=,.@_-", name)
	}
	return nil
}

func validAccountName(name string) error {
	if strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > MaxAccountNameLength ||
		strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return wat.Invalid("Name", "an account name must be 1 to %d characters, not blank, without control characters", MaxAccountNameLength)
	}
	return nil
}

func userARN(accountID, name string) string {
	return "arn:aws:iam::" + accountID + ":user/" + name
}

// ListAccounts returns every account, ordered by ID.
func (s *Service) ListAccounts(ctx context.Context) ([]*wat.Account, error) {
	var as []*wat.Account
	err := s.store.View(ctx, func(tx wat.Tx) (err error) {
		as, err = tx.ListAccounts(ctx)
		return err
	})
	return as, err
}

// DeleteAccount deletes an account with its users, keys, policies and
// console sessions. While the account owns workloads it refuses
// (EConflict) unless force, which deletes them too. The account's keys and
// sessions stop working in this process at once, in others within their
// auth cache TTL.
func (s *Service) DeleteAccount(ctx context.Context, id string, force bool) error {
	if err := validAccountID(id); err != nil {
		return err
	}
	var keys []string
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		keys = nil
		if err := tx.LockAccount(ctx, id); err != nil {
			return err
		}
		n, err := tx.CountWorkloads(ctx, id)
		if err != nil {
			return err
		}
		if n > 0 && !force {
			return wat.Conflict("ACCOUNT", id, "Account %s has %d workloads: delete them first, or force the deletion to delete them too", id, n)
		}
		users, err := tx.ListUsers(ctx, id)
		if err != nil {
			return err
		}
		for _, u := range users {
			ks, err := tx.ListAccessKeys(ctx, id, u.Name)
			if err != nil {
				return err
			}
			keys = append(keys, keyIDs(ks)...)
		}
		return tx.DeleteAccount(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("DeleteAccount(%s): %w", id, err)
	}
	s.auth.drop(keys...)
	s.console.cache.dropAccount(id)
	return nil
}

func keyIDs(ks []*wat.AccessKey) []string {
	ids := make([]string, len(ks))
	for i, k := range ks {
		ids[i] = k.ID
	}
	return ids
}

// UserCredentials are a user's new access key, shown once.
type UserCredentials struct {
	UserARN         string
	AccessKeyID     string
	SecretAccessKey string
}

// CreateUser creates a user of an account with one access key and, when
// policy is not nil, a first policy. User names are unique in an account
// regardless of case, as in IAM.
func (s *Service) CreateUser(ctx context.Context, accountID, name string, policy *PolicyInput) (*UserCredentials, error) {
	if err := validAccountID(accountID); err != nil {
		return nil, err
	}
	if err := validUserName(name); err != nil {
		return nil, err
	}
	var p *wat.UserPolicy
	if policy != nil {
		var err error
		if p, err = policy.resolve(); err != nil {
			return nil, err
		}
	}
	var creds *UserCredentials
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, accountID); err != nil {
			return err
		}
		users, err := tx.ListUsers(ctx, accountID)
		if err != nil {
			return err
		}
		for _, u := range users {
			if strings.EqualFold(u.Name, name) {
				return wat.Conflict("USER", name, "A user named %s already exists in account %s", u.Name, accountID)
			}
		}
		now := s.nowUTC()
		u := &wat.User{AccountID: accountID, Name: name, ARN: userARN(accountID, name), CreatedAt: now}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		if p != nil {
			p := *p
			p.AccountID, p.UserName, p.CreatedAt = accountID, name, now
			if err := tx.PutUserPolicy(ctx, &p); err != nil {
				return err
			}
		}
		id, secret := NewAccessKey()
		k := &wat.AccessKey{ID: id, AccountID: accountID, UserName: name, Secret: secret, Active: true, CreatedAt: now}
		if err := tx.CreateAccessKey(ctx, k); err != nil {
			return err
		}
		creds = &UserCredentials{UserARN: u.ARN, AccessKeyID: id, SecretAccessKey: secret}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("CreateUser(%s, %q): %w", accountID, name, err)
	}
	return creds, nil
}

// UserSummary is a user with the names of its policies.
type UserSummary struct {
	User     *wat.User
	Policies []string
}

// ListUsers returns the users of an account, ordered by name, each with the
// names of its policies.
func (s *Service) ListUsers(ctx context.Context, accountID string) ([]*UserSummary, error) {
	if err := validAccountID(accountID); err != nil {
		return nil, err
	}
	var out []*UserSummary
	err := s.store.View(ctx, func(tx wat.Tx) error {
		out = nil
		if _, err := tx.GetAccount(ctx, accountID); err != nil {
			return err
		}
		users, err := tx.ListUsers(ctx, accountID)
		if err != nil {
			return err
		}
		for _, u := range users {
			ps, err := tx.ListUserPolicies(ctx, accountID, u.Name)
			if err != nil {
				return err
			}
			sum := &UserSummary{User: u, Policies: []string{}}
			for _, p := range ps {
				sum.Policies = append(sum.Policies, p.Name)
			}
			out = append(out, sum)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ListUsers(%s): %w", accountID, err)
	}
	return out, nil
}

// DeleteUser deletes a user with its access keys, policies and console
// sessions. The account's admin user cannot be deleted (EForbidden). The
// user's keys and sessions stop working in this process at once, in others
// within their auth cache TTL.
func (s *Service) DeleteUser(ctx context.Context, accountID, name string) error {
	if err := validAccountID(accountID); err != nil {
		return err
	}
	var keys []string
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, accountID); err != nil {
			return err
		}
		u, err := tx.GetUser(ctx, accountID, name)
		if err != nil {
			return err
		}
		if u.IsAdmin || u.Name == AdminUser {
			return wat.Errorf(wat.EForbidden, "User %s is the admin of account %s and cannot be deleted (delete the account instead)", name, accountID)
		}
		ks, err := tx.ListAccessKeys(ctx, accountID, name)
		if err != nil {
			return err
		}
		keys = keyIDs(ks)
		return tx.DeleteUser(ctx, accountID, name)
	})
	if err != nil {
		return fmt.Errorf("DeleteUser(%s, %q): %w", accountID, name, err)
	}
	s.auth.drop(keys...)
	s.policies.drop(accountID, name)
	s.console.cache.dropUser(accountID, name)
	return nil
}
