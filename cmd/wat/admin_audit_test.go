package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/sqlstore"
)

// trailRecord is the CloudTrail record shape `wat admin audit` promises,
// written out independently of the command's own types.
type trailRecord struct {
	EventVersion string `json:"eventVersion"`
	EventTime    string `json:"eventTime"`
	EventSource  string `json:"eventSource"`
	EventName    string `json:"eventName"`
	AwsRegion    string `json:"awsRegion"`
	UserIdentity struct {
		Type        string `json:"type"`
		PrincipalID string `json:"principalId"`
		ARN         string `json:"arn"`
		AccountID   string `json:"accountId"`
		AccessKeyID string `json:"accessKeyId"`
		UserName    string `json:"userName"`
	} `json:"userIdentity"`
	SourceIPAddress   string          `json:"sourceIPAddress"`
	UserAgent         string          `json:"userAgent"`
	RequestParameters map[string]any  `json:"requestParameters"`
	ResponseElements  json.RawMessage `json:"responseElements"`
	RequestID         string          `json:"requestID"`
	EventID           string          `json:"eventID"`
	ReadOnly          bool            `json:"readOnly"`
	EventType         string          `json:"eventType"`
	ErrorCode         *string         `json:"errorCode"`
	ErrorMessage      *string         `json:"errorMessage"`
}

func TestAdminAudit(t *testing.T) {
	dir, a := newDataDir(t)
	ctx := context.Background()
	key, err := masterKey(StoreConfig{DataDir: dir}, false)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "wat.db"), key)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	events := []*wat.AuditEvent{
		{EventTime: now.Add(-48 * time.Hour), EventName: "CreateWorkload", AccountID: "111111111111", UserARN: "arn:aws:iam::111111111111:user/admin",
			UserName: "admin", AccessKeyID: "AKIAAAAAAAAAAAAAAAAA", SourceIPAddress: "10.0.0.1", UserAgent: "aws-cli/2", RequestID: "req-1",
			RequestParameters: `{"WorkloadName":"****"}`, ResponseElements: `{"WorkloadId":"w1"}`},
		{EventTime: now.Add(-time.Hour), EventName: "UpdateAnswer", AccountID: "111111111111", UserName: "reader", RequestID: "req-2",
			RequestParameters: `{"Notes":"****"}`, ErrorCode: "AccessDeniedException", ErrorMessage: "not allowed"},
		{EventTime: now.Add(-time.Minute), EventName: "CreateWorkload", AccountID: "222222222222", RequestID: "req-3", RequestParameters: `{}`},
	}
	for _, e := range events {
		if err := db.Update(ctx, func(tx wat.Tx) error { return tx.AppendAuditEvent(ctx, e) }); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	audit := func(args ...string) []trailRecord {
		t.Helper()
		stdout, stderr, code := a.run(t, append([]string{"audit"}, args...)...)
		if code != 0 {
			t.Fatalf("wat admin audit %v: exit %d: %s", args, code, stderr)
		}
		var out []trailRecord
		for line := range strings.Lines(stdout) {
			dec := json.NewDecoder(strings.NewReader(line))
			dec.DisallowUnknownFields()
			var r trailRecord
			if err := dec.Decode(&r); err != nil || dec.More() {
				t.Fatalf("line %q: %v", line, err)
			}
			out = append(out, r)
		}
		return out
	}
	ids := func(rs []trailRecord) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.RequestID)
		}
		return out
	}
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"req-1", "req-2", "req-3"}},
		{[]string{"--since", "24h"}, []string{"req-2", "req-3"}},
		{[]string{"--since", now.Add(-30 * time.Minute).Format(time.RFC3339)}, []string{"req-3"}},
		{[]string{"--account", "111111111111"}, []string{"req-1", "req-2"}},
		{[]string{"--event-name", "CreateWorkload"}, []string{"req-1", "req-3"}},
		{[]string{"--event-name", "CreateWorkload", "--account", "222222222222"}, []string{"req-3"}},
		{[]string{"--limit", "2"}, []string{"req-1", "req-2"}},
		{[]string{"--account", "999999999999"}, nil},
	} {
		if diff := cmp.Diff(tt.want, ids(audit(tt.args...))); diff != "" {
			t.Errorf("audit %v (-want +got):\n%s", tt.args, diff)
		}
	}

	rs := audit()
	ok, denied := rs[0], rs[1]
	if ok.EventVersion != "1.08" || ok.EventSource != "wellarchitected.amazonaws.com" || ok.EventType != "AwsApiCall" || ok.ReadOnly ||
		ok.AwsRegion != "us-east-1" || ok.EventTime != events[0].EventTime.Format(time.RFC3339) {
		t.Errorf("envelope: %+v", ok)
	}
	if u := ok.UserIdentity; u.Type != "IAMUser" || u.ARN != events[0].UserARN || u.AccountID != "111111111111" ||
		u.AccessKeyID != "AKIAAAAAAAAAAAAAAAAA" || u.UserName != "admin" || ok.SourceIPAddress != "10.0.0.1" || ok.UserAgent != "aws-cli/2" {
		t.Errorf("identity: %+v", ok)
	}
	if ok.RequestParameters["WorkloadName"] != "****" || string(ok.ResponseElements) != `{"WorkloadId":"w1"}` || ok.ErrorCode != nil || ok.ErrorMessage != nil {
		t.Errorf("success event: %+v", ok)
	}
	if string(denied.ResponseElements) != "null" || denied.ErrorCode == nil || *denied.ErrorCode != "AccessDeniedException" ||
		denied.ErrorMessage == nil || *denied.ErrorMessage != "not allowed" {
		t.Errorf("denied event: %+v", denied)
	}
	// Event ids are distinct and the same on every read.
	if rs[0].EventID == rs[1].EventID || rs[0].EventID != audit("--limit", "1")[0].EventID {
		t.Errorf("event ids: %q %q", rs[0].EventID, rs[1].EventID)
	}

	// A bad --since is a usage error.
	var errb bytes.Buffer
	if code := run(ctx, []string{"admin", "--data-dir", dir, "audit", "--since", "yesterday"}, func(string) string { return "" }, &bytes.Buffer{}, &errb); code != 2 ||
		!strings.Contains(errb.String(), "--since") {
		t.Errorf("bad --since: exit %d, %s", code, errb.String())
	}
}

// TestAdminAuditPrune: audit prune archives the events before --before,
// deletes them, and records who pruned what, on SQLite and PostgreSQL.
func TestAdminAuditPrune(t *testing.T) {
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		dir, a := newDataDir(t)
		key, err := masterKey(StoreConfig{DataDir: dir}, false)
		if err != nil {
			t.Fatal(err)
		}
		db, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "wat.db"), key)
		if err != nil {
			t.Fatal(err)
		}
		testAdminAuditPrune(t, a, db)
	})
	t.Run("postgres", func(t *testing.T) {
		url := testserver.PostgresDatabase(t)
		key := strings.Repeat("ab", 32)
		raw, _ := parseMasterKey(key)
		db, err := sqlstore.OpenPostgres(ctx, url, raw)
		if err != nil {
			t.Fatal(err)
		}
		testAdminAuditPrune(t, &adminEnv{env: map[string]string{"WAT_MASTER_KEY": key}, base: []string{"--database-url", url}}, db)
	})
}

func testAdminAuditPrune(t *testing.T, a *adminEnv, db *sqlstore.DB) {
	ctx := context.Background()
	now := time.Now().UTC()
	for _, e := range []*wat.AuditEvent{
		{EventTime: now.Add(-100 * 24 * time.Hour), EventName: "CreateWorkload", RequestID: "old-1", RequestParameters: `{}`},
		{EventTime: now.Add(-95 * 24 * time.Hour), EventName: "DeleteWorkload", RequestID: "old-2", RequestParameters: `{}`},
		{EventTime: now.Add(-time.Hour), EventName: "CreateWorkload", RequestID: "recent", RequestParameters: `{}`},
	} {
		if err := db.Update(ctx, func(tx wat.Tx) error { return tx.AppendAuditEvent(ctx, e) }); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	requestIDs := func() (ids []string, last trailRecord) {
		stdout, stderr, code := a.run(t, "audit")
		if code != 0 {
			t.Fatalf("audit: exit %d: %s", code, stderr)
		}
		for line := range strings.Lines(stdout) {
			if err := json.Unmarshal([]byte(line), &last); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, last.RequestID)
		}
		return ids, last
	}

	archive := filepath.Join(t.TempDir(), "audit.jsonl.gz")
	var res struct {
		Before, OldestEventTime, NewestEventTime, Archive, ArchiveSHA256 string
		DeletedEvents                                                    int64
	}
	a.do(t, &res, "audit", "prune", "--before", "2160h", "--archive", archive) // 90 days
	if res.DeletedEvents != 2 || res.Archive != archive || res.OldestEventTime != timeText(now.Add(-100*24*time.Hour)) ||
		res.NewestEventTime != timeText(now.Add(-95*24*time.Hour)) {
		t.Errorf("audit prune printed %+v", res)
	}
	b, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != res.ArchiveSHA256 {
		t.Errorf("ArchiveSHA256 %s is not the file's", res.ArchiveSHA256)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(zr)
	dec.DisallowUnknownFields()
	var archived []string
	for dec.More() {
		var r trailRecord
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		archived = append(archived, r.RequestID)
	}
	if diff := cmp.Diff([]string{"old-1", "old-2"}, archived); diff != "" {
		t.Errorf("archive (-want +got):\n%s", diff)
	}

	ids, rec := requestIDs()
	if len(ids) != 2 || ids[0] != "recent" {
		t.Fatalf("events after the prune: %v", ids)
	}
	operator, _ := user.Current()
	if rec.EventName != "PruneAuditLog" || rec.UserIdentity.UserName != operator.Username ||
		rec.RequestParameters["Before"] != res.Before || rec.RequestParameters["Archive"] != archive ||
		!strings.Contains(string(rec.ResponseElements), `"DeletedEvents":2`) || !strings.Contains(string(rec.ResponseElements), res.ArchiveSHA256) {
		t.Errorf("the prune's own record: %+v", rec)
	}

	// An existing archive is never overwritten, and then nothing is deleted;
	// a time in the future is refused.
	a.fail(t, 1, []string{archive}, "audit", "prune", "--before", "2160h", "--archive", archive)
	a.fail(t, 2, []string{"--before"}, "audit", "prune", "--before", now.Add(time.Hour).Format(time.RFC3339))
	a.fail(t, 2, []string{"--before is required"}, "audit", "prune")
	if after, _ := requestIDs(); !cmp.Equal(after, ids) {
		t.Errorf("a refused prune changed the log: %v", after)
	}
}
