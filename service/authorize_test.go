package service

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/sqlstore"
)

// BenchmarkAuthorize measures what authorisation adds to a request of a
// non-admin user whose policies are cached: the managed read-only policy
// plus a tag-conditioned inline policy, evaluated for UpdateAnswer on a
// tagged workload.
func BenchmarkAuthorize(b *testing.B) {
	ctx := context.Background()
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(b.TempDir(), "wat.db"), []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s := New(Config{Store: db, Region: "us-east-1"})
	acct, err := s.CreateAccount(ctx, "bench")
	if err != nil {
		b.Fatal(err)
	}
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"wellarchitected:UpdateAnswer",
	  "Resource":"arn:aws:wellarchitected:*:*:workload/*","Condition":{"StringEquals":{"wellarchitected:ResourceTag/team":"retail"}}}]}`
	creds, err := s.CreateUser(ctx, acct.AccountID, "dev", &PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.AttachPolicy(ctx, acct.AccountID, "dev", PolicyInput{Name: "team", Document: []byte(doc)}); err != nil {
		b.Fatal(err)
	}
	_, p, err := s.Authenticate(ctx, creds.AccessKeyID)
	if err != nil {
		b.Fatal(err)
	}
	ctx = wat.NewContextWithPrincipal(ctx, p)
	arn := s.workloadARN(acct.AccountID, "0123456789abcdef0123456789abcdef")
	tags := map[string]string{"team": "retail", "env": "prod"}
	a := act("UpdateAnswer")
	if err := db.View(ctx, func(tx wat.Tx) error { return s.authorize(ctx, tx, a, arn, tags) }); err != nil {
		b.Fatalf("warm-up: %v", err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.authorize(ctx, nil, a, arn, tags); err != nil {
			b.Fatal(err)
		}
	}
}
