package service_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
	"github.com/wat-dev/wat/sqlstore"
)

func newService(t *testing.T, ttl time.Duration) *service.Service {
	t.Helper()
	return service.New(service.Config{Store: newSQLite(t), Region: "us-east-1", AuthCacheTTL: ttl})
}

// newSQLite opens a SQLite store in a temporary directory, closed when the
// test ends: for tests that wrap it before giving it to a service.
func newSQLite(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	db, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(tb.TempDir(), "wat.db"), []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// asAdmin makes s's default account and returns a context signed in as
// its admin.
func asAdmin(tb testing.TB, s *service.Service) context.Context {
	tb.Helper()
	ctx := context.Background()
	creds, err := s.EnsureDefaultAccount(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return wat.NewContextWithPrincipal(ctx, &wat.Principal{AccountID: creds.AccountID, UserName: "admin", UserARN: creds.UserARN, IsAdmin: true})
}

// newWorkload creates a production workload named name, on the framework
// lens, as ctx's caller.
func newWorkload(tb testing.TB, ctx context.Context, s *service.Service, name string) *wat.Workload {
	tb.Helper()
	w, err := s.CreateWorkload(ctx, service.CreateWorkloadInput{Workload: wat.Workload{
		Name: name, Description: "d", Environment: wat.EnvironmentProduction, AWSRegions: []string{"us-east-1"}, ReviewOwner: "ops",
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

func wantCode(t *testing.T, err error, code wat.ErrorCode) {
	t.Helper()
	if wat.ErrorCodeOf(err) != code {
		t.Fatalf("error %v, want %s", err, code)
	}
}

// TestAdminChangesReachThisProcessAtOnce: with the default 5 s cache, a
// key deactivated, deleted, or whose user or account is deleted through
// the same Service is refused at the next call.
func TestAdminChangesReachThisProcessAtOnce(t *testing.T) {
	ctx := context.Background()
	s := newService(t, 0)
	acct, err := s.CreateAccount(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := s.CreateUser(ctx, acct.AccountID, "bob", nil)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.CreateAccessKey(ctx, acct.AccountID, "bob")
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		key    string
		change func() error
	}{
		{bob.AccessKeyID, func() error { return s.SetAccessKeyStatus(ctx, bob.AccessKeyID, false) }},
		{second.AccessKeyID, func() error { return s.DeleteAccessKey(ctx, second.AccessKeyID) }},
		{acct.AccessKeyID, func() error { return s.DeleteAccount(ctx, acct.AccountID, false) }},
	} {
		if _, _, err := s.Authenticate(ctx, step.key); err != nil {
			t.Fatalf("Authenticate(%s) before: %v", step.key, err)
		}
		if err := step.change(); err != nil {
			t.Fatal(err)
		}
		_, _, err := s.Authenticate(ctx, step.key)
		wantCode(t, err, wat.ENotFound)
	}
}

func TestDeleteUserDropsKeys(t *testing.T) {
	ctx := context.Background()
	s := newService(t, 0)
	acct, _ := s.CreateAccount(ctx, "a")
	carol, err := s.CreateUser(ctx, acct.AccountID, "carol", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Authenticate(ctx, carol.AccessKeyID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUser(ctx, acct.AccountID, "carol"); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.Authenticate(ctx, carol.AccessKeyID)
	wantCode(t, err, wat.ENotFound)
	wantCode(t, s.DeleteUser(ctx, acct.AccountID, service.AdminUser), wat.EForbidden)
}

func TestAccessKeyQuotaAndUserNames(t *testing.T) {
	ctx := context.Background()
	s := newService(t, -1)
	acct, _ := s.CreateAccount(ctx, "a")
	if _, err := s.CreateAccessKey(ctx, acct.AccountID, service.AdminUser); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateAccessKey(ctx, acct.AccountID, service.AdminUser)
	wantCode(t, err, wat.EQuota)
	_, err = s.CreateUser(ctx, acct.AccountID, "Admin", nil)
	wantCode(t, err, wat.EConflict)
	for _, bad := range []string{"", "a b", "ü", "x/y"} {
		_, err = s.CreateUser(ctx, acct.AccountID, bad, nil)
		wantCode(t, err, wat.EInvalid)
	}
	_, err = s.CreateAccount(ctx, "  ")
	wantCode(t, err, wat.EInvalid)
	_, err = s.CreateUser(ctx, acct.AccountID, "dave", &service.PolicyInput{Managed: "NoSuchPolicy"})
	wantCode(t, err, wat.EInvalid)
}
