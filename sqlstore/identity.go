package sqlstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/wat-dev/wat"
)

// LockAccount locks the account's row until the transaction ends, so that
// the writers of one account (quota checks, name uniqueness) take turns. On
// SQLite write transactions are IMMEDIATE and already take turns, so it only
// checks that the account exists.
func (t *tx) LockAccount(ctx context.Context, accountID string) error {
	var id string
	err := t.queryRow(ctx, `SELECT id FROM accounts WHERE id = ?`+t.forUpdate(), accountID).Scan(&id)
	if err != nil {
		return fail("LockAccount", accountID, err, outcomes{missing: accountNotFound(accountID)})
	}
	return nil
}

// LockAccounts takes the transaction-scoped lock that writers creating
// accounts share. On SQLite write transactions already take turns.
func (t *tx) LockAccounts(ctx context.Context) error {
	if t.dialect().accountsLock == "" {
		return nil
	}
	if _, err := t.tx.ExecContext(t.statementContext(ctx), t.dialect().accountsLock); err != nil {
		return fail("LockAccounts", "", err, outcomes{})
	}
	return nil
}

// CreateAccount stores a new account; EConflict when its ID is taken.
func (t *tx) CreateAccount(ctx context.Context, a *wat.Account) error {
	_, err := t.exec(ctx, `INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)`,
		a.ID, a.Name, timeValue(a.CreatedAt))
	if err != nil {
		return fail("CreateAccount", a.ID, err, outcomes{
			conflict: wat.Conflict("ACCOUNT", a.ID, "An account with ID %s already exists", a.ID),
		})
	}
	return nil
}

// accountColumns are read by every SELECT FROM accountsJoined, in
// scanAccount's order; an account in no organization (or OU) reads as
// the empty string.
const accountColumns = `a.id, a.name, a.created_at, coalesce(m.organization_id, ''), coalesce(m.ou_id, '')`

// accountsJoined are the accounts with the organization each belongs to.
const accountsJoined = `accounts a LEFT JOIN account_organizations m ON m.account_id = a.id`

func scanAccount(s scanner) (*wat.Account, error) {
	var a wat.Account
	if err := s.Scan(&a.ID, &a.Name, timeScanner{&a.CreatedAt}, &a.OrganizationID, &a.OUID); err != nil {
		return nil, err
	}
	return &a, nil
}

// GetAccount returns an account, with the organization and OU it is in.
func (t *tx) GetAccount(ctx context.Context, id string) (*wat.Account, error) {
	a, err := scanAccount(t.queryRow(ctx, `SELECT `+accountColumns+` FROM `+accountsJoined+` WHERE a.id = ?`, id))
	if err != nil {
		return nil, fail("GetAccount", id, err, outcomes{missing: accountNotFound(id)})
	}
	return a, nil
}

// ListAccounts returns every account, ordered by ID.
func (t *tx) ListAccounts(ctx context.Context) ([]*wat.Account, error) {
	return t.listAccounts(ctx, "ListAccounts", "", `SELECT `+accountColumns+` FROM `+accountsJoined+` ORDER BY a.id`)
}

// listAccounts runs query, reading accountColumns; op and key name it in
// errors.
func (t *tx) listAccounts(ctx context.Context, op, key, query string, args ...any) ([]*wat.Account, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fail(op, key, err, outcomes{})
	}
	defer rows.Close()
	var as []*wat.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fail(op, key, err, outcomes{})
		}
		as = append(as, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(op, key, err, outcomes{})
	}
	return as, nil
}

// DeleteAccount removes an account; the database removes everything of it
// (users, access keys, policies, workloads and what hangs off them, custom
// lenses and their versions, idempotency records, the shares it owns, those
// of its lenses included, its organization membership and settings, the
// organizations it manages) through the foreign keys' ON DELETE CASCADE.
// The shares it received name it without a foreign key, so they are
// removed here.
func (t *tx) DeleteAccount(ctx context.Context, id string) error {
	t.rows.forgetAll() // the account's workloads go with it
	res, err := t.exec(ctx, `DELETE FROM accounts WHERE id = ?`, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err == nil {
		_, err = t.exec(ctx, `DELETE FROM shares WHERE recipient_kind IN (?, ?) AND recipient_id = ?`,
			wat.RecipientAccount, wat.RecipientUser, id)
	}
	if err != nil {
		return fail("DeleteAccount", id, err, outcomes{missing: accountNotFound(id)})
	}
	return nil
}

// CreateUser stores a new user; EConflict when the account has a user of
// that name, ENotFound when the account does not exist.
func (t *tx) CreateUser(ctx context.Context, u *wat.User) error {
	_, err := t.exec(ctx, `INSERT INTO users (account_id, name, arn, is_admin, created_at) VALUES (?, ?, ?, ?, ?)`,
		u.AccountID, u.Name, u.ARN, u.IsAdmin, timeValue(u.CreatedAt))
	if err != nil {
		return fail("CreateUser", u.AccountID+"/"+u.Name, err, outcomes{
			conflict: wat.Conflict("USER", u.Name, "A user named %s already exists in account %s", u.Name, u.AccountID),
			parent:   accountNotFound(u.AccountID),
		})
	}
	return nil
}

// GetUser returns a user of an account.
func (t *tx) GetUser(ctx context.Context, accountID, name string) (*wat.User, error) {
	var u wat.User
	err := t.queryRow(ctx, `SELECT account_id, name, arn, is_admin, created_at FROM users WHERE account_id = ? AND name = ?`,
		accountID, name).Scan(&u.AccountID, &u.Name, &u.ARN, &u.IsAdmin, timeScanner{&u.CreatedAt})
	if err != nil {
		return nil, fail("GetUser", accountID+"/"+name, err, outcomes{
			missing: userNotFound(accountID, name),
		})
	}
	return &u, nil
}

// ListUsers returns the users of an account in byte order of their names,
// the same on both databases whatever their collation.
func (t *tx) ListUsers(ctx context.Context, accountID string) ([]*wat.User, error) {
	rows, err := t.query(ctx, `SELECT account_id, name, arn, is_admin, created_at FROM users WHERE account_id = ?`, accountID)
	if err != nil {
		return nil, fail("ListUsers", accountID, err, outcomes{})
	}
	defer rows.Close()
	var us []*wat.User
	for rows.Next() {
		var u wat.User
		if err := rows.Scan(&u.AccountID, &u.Name, &u.ARN, &u.IsAdmin, timeScanner{&u.CreatedAt}); err != nil {
			return nil, fail("ListUsers", accountID, err, outcomes{})
		}
		us = append(us, &u)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListUsers", accountID, err, outcomes{})
	}
	sort.Slice(us, func(i, j int) bool { return us[i].Name < us[j].Name })
	return us, nil
}

// DeleteUser removes a user; the database removes its access keys and
// policies with it. The shares made to it are removed here.
func (t *tx) DeleteUser(ctx context.Context, accountID, name string) error {
	res, err := t.exec(ctx, `DELETE FROM users WHERE account_id = ? AND name = ?`, accountID, name)
	if err == nil {
		err = mustAffect(res)
	}
	if err == nil {
		_, err = t.exec(ctx, `DELETE FROM shares WHERE recipient_kind = ? AND recipient_id = ? AND recipient_user = ?`,
			wat.RecipientUser, accountID, name)
	}
	if err != nil {
		return fail("DeleteUser", accountID+"/"+name, err, outcomes{missing: userNotFound(accountID, name)})
	}
	return nil
}

func userNotFound(accountID, name string) *wat.Error {
	return wat.NotFound("USER", name, "No user named %s in account %s", name, accountID)
}

// CreateAccessKey stores a new access key, its secret encrypted; EConflict
// when its ID is taken, ENotFound when its user does not exist.
func (t *tx) CreateAccessKey(ctx context.Context, k *wat.AccessKey) error {
	_, err := t.exec(ctx, `INSERT INTO access_keys (id, account_id, user_name, secret, active, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		k.ID, k.AccountID, k.UserName, t.db.sealer.seal(k.ID, k.Secret), k.Active, timeValue(k.CreatedAt))
	if err != nil {
		return fail("CreateAccessKey", k.ID, err, outcomes{
			conflict: wat.Conflict("ACCESS_KEY", k.ID, "An access key with ID %s already exists", k.ID),
			parent:   userNotFound(k.AccountID, k.UserName),
		})
	}
	return nil
}

// GetAccessKey returns an access key with its secret decrypted. A secret
// that does not decrypt (another master key) is an error naming the key.
func (t *tx) GetAccessKey(ctx context.Context, id string) (*wat.AccessKey, error) {
	var (
		k      wat.AccessKey
		sealed []byte
	)
	err := t.queryRow(ctx, `SELECT id, account_id, user_name, secret, active, created_at FROM access_keys WHERE id = ?`, id).
		Scan(&k.ID, &k.AccountID, &k.UserName, &sealed, &k.Active, timeScanner{&k.CreatedAt})
	if err != nil {
		return nil, fail("GetAccessKey", id, err, outcomes{
			missing: accessKeyNotFound(id),
		})
	}
	if k.Secret, err = t.db.sealer.open(id, sealed); err != nil {
		return nil, fmt.Errorf("sqlstore: GetAccessKey(%s): %w", id, err)
	}
	return &k, nil
}

// ListAccessKeys returns a user's access keys, oldest first, without their
// secrets: nothing that lists keys needs them, so they are not decrypted.
func (t *tx) ListAccessKeys(ctx context.Context, accountID, userName string) ([]*wat.AccessKey, error) {
	key := accountID + "/" + userName
	rows, err := t.query(ctx, `SELECT id, account_id, user_name, active, created_at FROM access_keys
		WHERE account_id = ? AND user_name = ? ORDER BY created_at, id`, accountID, userName)
	if err != nil {
		return nil, fail("ListAccessKeys", key, err, outcomes{})
	}
	defer rows.Close()
	var ks []*wat.AccessKey
	for rows.Next() {
		var k wat.AccessKey
		if err := rows.Scan(&k.ID, &k.AccountID, &k.UserName, &k.Active, timeScanner{&k.CreatedAt}); err != nil {
			return nil, fail("ListAccessKeys", key, err, outcomes{})
		}
		ks = append(ks, &k)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAccessKeys", key, err, outcomes{})
	}
	return ks, nil
}

// SetAccessKeyStatus activates or deactivates an access key.
func (t *tx) SetAccessKeyStatus(ctx context.Context, id string, active bool) error {
	res, err := t.exec(ctx, `UPDATE access_keys SET active = ? WHERE id = ?`, active, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("SetAccessKeyStatus", id, err, outcomes{missing: accessKeyNotFound(id)})
	}
	return nil
}

// DeleteAccessKey removes an access key.
func (t *tx) DeleteAccessKey(ctx context.Context, id string) error {
	res, err := t.exec(ctx, `DELETE FROM access_keys WHERE id = ?`, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteAccessKey", id, err, outcomes{missing: accessKeyNotFound(id)})
	}
	return nil
}

func accessKeyNotFound(id string) *wat.Error {
	return wat.NotFound("ACCESS_KEY", id, "No access key with ID %s", id)
}
