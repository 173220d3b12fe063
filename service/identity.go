package service

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"math/big"
	"time"

	"github.com/wat-dev/wat"
)

// AdminUser is the name of the user every account starts with.
const AdminUser = "admin"

// NewAccessKey returns a fresh access key id and secret in AWS's shapes:
// "AKIA" and 16 base-32 characters; 40 characters of secret.
func NewAccessKey() (id, secret string) {
	b := make([]byte, 10)
	s := make([]byte, 30)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	if _, err := rand.Read(s); err != nil {
		panic(err)
	}
	return "AKIA" + base32.StdEncoding.EncodeToString(b), base64.StdEncoding.EncodeToString(s)
}

// newAccountID returns a random 12-digit account id without a leading zero.
func newAccountID() string {
	n, err := rand.Int(rand.Reader, big.NewInt(9e11))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%012d", n.Int64()+1e11)
}

// AccountCredentials are a new account's admin credentials, shown once.
type AccountCredentials struct {
	AccountID       string
	UserARN         string
	AccessKeyID     string
	SecretAccessKey string
	// ConsolePassword is the admin's console password; only the default
	// account's admin gets one from the start (EnsureDefaultAccount).
	ConsolePassword string
}

// CreateAccount creates an account with its admin user and one access key.
func (s *Service) CreateAccount(ctx context.Context, name string) (*AccountCredentials, error) {
	if err := validAccountName(name); err != nil {
		return nil, err
	}
	var creds *AccountCredentials
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		var err error
		creds, err = s.createAccount(ctx, tx, name)
		return err
	})
	return creds, err
}

func (s *Service) createAccount(ctx context.Context, tx wat.Tx, name string) (*AccountCredentials, error) {
	now := s.nowUTC()
	a := &wat.Account{ID: newAccountID(), Name: name, CreatedAt: now}
	if err := tx.CreateAccount(ctx, a); err != nil {
		return nil, fmt.Errorf("CreateAccount(%q): %w", name, err)
	}
	u := &wat.User{AccountID: a.ID, Name: AdminUser, ARN: userARN(a.ID, AdminUser), IsAdmin: true, CreatedAt: now}
	if err := tx.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	id, secret := NewAccessKey()
	k := &wat.AccessKey{ID: id, AccountID: a.ID, UserName: u.Name, Secret: secret, Active: true, CreatedAt: now}
	if err := tx.CreateAccessKey(ctx, k); err != nil {
		return nil, err
	}
	return &AccountCredentials{AccountID: a.ID, UserARN: u.ARN, AccessKeyID: id, SecretAccessKey: secret}, nil
}

// EnsureDefaultAccount creates the default account and its admin, with an
// access key and a generated console password, on an empty database. It
// returns the new credentials, or nil when accounts already exist.
func (s *Service) EnsureDefaultAccount(ctx context.Context) (*AccountCredentials, error) {
	var creds *AccountCredentials
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccounts(ctx); err != nil {
			return err
		}
		accounts, err := tx.ListAccounts(ctx)
		if err != nil || len(accounts) > 0 {
			return err
		}
		if creds, err = s.createAccount(ctx, tx, "default"); err != nil {
			return err
		}
		creds.ConsolePassword = GeneratePassword()
		return tx.SetUserPassword(ctx, creds.AccountID, AdminUser, hashPassword(creds.ConsolePassword), s.nowUTC())
	})
	return creds, err
}

// Authenticate returns the secret of an active access key and the principal
// it identifies. An unknown or inactive key is ENotFound.
func (s *Service) Authenticate(ctx context.Context, accessKeyID string) (string, *wat.Principal, error) {
	now := time.Now()
	if secret, p, ok := s.auth.get(accessKeyID, now); ok {
		return secret, p, nil
	}
	var (
		secret string
		p      *wat.Principal
	)
	err := s.store.View(ctx, func(tx wat.Tx) error {
		k, err := tx.GetAccessKey(ctx, accessKeyID)
		if err != nil {
			return err
		}
		if !k.Active {
			return wat.NotFound("ACCESS_KEY", accessKeyID, "access key is inactive")
		}
		u, err := tx.GetUser(ctx, k.AccountID, k.UserName)
		if err != nil {
			return err
		}
		secret = k.Secret
		p = &wat.Principal{AccountID: k.AccountID, UserName: u.Name, UserARN: u.ARN, AccessKeyID: k.ID, IsAdmin: u.IsAdmin}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	s.auth.put(accessKeyID, secret, p, now)
	return secret, p, nil
}
