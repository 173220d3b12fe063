package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/service"
)

// jsonLines is a result printed as one compact JSON value per line.
type jsonLines []any

// auditPage is how many events one read of the audit log fetches.
const auditPage = 500

// parseSince reads --since: an RFC 3339 time, or a duration back from now.
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, usagef("--since must be an RFC 3339 time or a duration like 24h, not %q", s)
}

func defineAudit(fs *flag.FlagSet) adminFunc {
	since := fs.String("since", "", "only events at or after this RFC 3339 time, or this long ago (24h)")
	account := fs.String("account", "", "only events of this account")
	eventName := fs.String("event-name", "", "only events of this operation (UpdateAnswer)")
	limit := fs.Int("limit", 0, "at most this many events (all when 0)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		from, err := parseSince(*since, time.Now())
		if err != nil {
			return nil, err
		}
		if *limit < 0 {
			return nil, usagef("--limit must not be negative")
		}
		f := wat.AuditFilter{Since: from, AccountID: *account, EventName: *eventName}
		out := jsonLines{}
		var after int64
		for *limit == 0 || len(out) < *limit {
			n := auditPage
			if *limit > 0 {
				n = min(n, *limit-len(out))
			}
			es, err := svc.ListAuditEvents(ctx, f, after, n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				out = append(out, api.CloudTrailRecord(e, svc.Region()))
				after = e.ID
			}
			if len(es) < n {
				break
			}
		}
		return out, nil
	}
}

// auditPruner is what audit prune needs of the store (*sqlstore.DB).
type auditPruner interface {
	AuditEventsBefore(ctx context.Context, before time.Time, fn func(*wat.AuditEvent) error) (count, lastID int64, err error)
	PruneAuditEvents(ctx context.Context, before time.Time, throughID, want int64, record *wat.AuditEvent) error
}

// pruneEvent names a prune's record in the audit log.
const pruneEvent = "PruneAuditLog"

// auditPruneResult is what audit prune prints, and the response elements
// of its record in the log.
type auditPruneResult struct {
	Before          string
	DeletedEvents   int64
	OldestEventTime string `json:",omitempty"`
	NewestEventTime string `json:",omitempty"`
	Archive         string `json:",omitempty"`
	ArchiveSHA256   string `json:",omitempty"` // of the file as written, so a changed archive shows
}

// parseBefore reads --before: an RFC 3339 time, a date (midnight UTC), or a
// duration back from now. It must not be in the future.
func parseBefore(s string, now time.Time) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if t, err = parseSince(s, now); err != nil || s == "" {
			return time.Time{}, usagef("--before must be an RFC 3339 time, a date (2026-01-31) or a duration like 2160h, not %q", s)
		}
	}
	if t.After(now) {
		return time.Time{}, usagef("--before %s is in the future", s)
	}
	return t, nil
}

func defineAuditPrune(fs *flag.FlagSet) storeFunc {
	before := fs.String("before", "", "delete the events before this RFC 3339 time, date (midnight UTC) or duration ago (2160h)")
	archive := fs.String("archive", "", "first write the events to this new file, one CloudTrail record a line; gzipped if it ends in .gz")
	return func(ctx context.Context, store wat.Store, svc *service.Service) (any, error) {
		if err := required("before", *before); err != nil {
			return nil, err
		}
		now := time.Now()
		until, err := parseBefore(*before, now)
		if err != nil {
			return nil, err
		}
		p, ok := store.(auditPruner)
		if !ok {
			return nil, fmt.Errorf("this store cannot prune its audit log")
		}
		res := auditPruneResult{Before: timeText(until), Archive: *archive}
		seen := func(e *wat.AuditEvent) {
			if res.OldestEventTime == "" || timeText(e.EventTime) < res.OldestEventTime {
				res.OldestEventTime = timeText(e.EventTime)
			}
			res.NewestEventTime = max(res.NewestEventTime, timeText(e.EventTime))
		}
		var count, last int64
		if *archive != "" {
			count, last, res.ArchiveSHA256, err = archiveAudit(ctx, p, until, *archive, svc.Region(), seen)
		} else {
			count, last, err = p.AuditEventsBefore(ctx, until, func(e *wat.AuditEvent) error { seen(e); return nil })
		}
		if err != nil {
			return nil, err
		}
		res.DeletedEvents = count
		if err := p.PruneAuditEvents(ctx, until, last, count, pruneRecord(now, res)); err != nil {
			return nil, err
		}
		return res, nil
	}
}

// pruneRecord is the audit log's record of a prune: the operator's
// account on this machine is who did it.
func pruneRecord(now time.Time, res auditPruneResult) *wat.AuditEvent {
	operator := "unknown"
	if u, err := user.Current(); err == nil {
		operator = u.Username
	}
	host, _ := os.Hostname()
	params, _ := json.Marshal(map[string]string{"Before": res.Before, "Archive": res.Archive, "Host": host})
	out, _ := json.Marshal(res)
	id := make([]byte, 16)
	rand.Read(id)
	return &wat.AuditEvent{EventTime: now, EventName: pruneEvent, UserName: operator, UserAgent: "wat admin audit prune",
		RequestID:         fmt.Sprintf("%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16]),
		RequestParameters: string(params), ResponseElements: string(out)}
}

// archiveAudit writes the events before until to a new file at path, in
// CloudTrail's shape one a line (gzipped when path ends in .gz), and syncs
// it to disk before returning, so that nothing is deleted that is not safe
// in the archive. A failure removes the partial file. It returns what
// AuditEventsBefore does and the SHA-256 of the file.
func archiveAudit(ctx context.Context, p auditPruner, until time.Time, path, region string, seen func(*wat.AuditEvent)) (count, last int64, sum string, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, 0, "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(path)
		}
	}()
	h := sha256.New()
	var w io.Writer = io.MultiWriter(f, h)
	var gz *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		gz = gzip.NewWriter(w)
		w = gz
	}
	buf := bufio.NewWriter(w)
	enc := json.NewEncoder(buf)
	count, last, err = p.AuditEventsBefore(ctx, until, func(e *wat.AuditEvent) error {
		seen(e)
		return enc.Encode(api.CloudTrailRecord(e, region))
	})
	if err == nil {
		err = buf.Flush()
	}
	if err == nil && gz != nil {
		err = gz.Close()
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		return 0, 0, "", fmt.Errorf("archiving the audit log to %s: %w", path, err)
	}
	return count, last, hex.EncodeToString(h.Sum(nil)), nil
}
