package sqlstore

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

func putDraft(tb testing.TB, db *DB, v *wat.LensVersion) {
	tb.Helper()
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.PutLensDraft(ctx, v) })
}

func insertVersion(tb testing.TB, db *DB, v *wat.LensVersion) {
	tb.Helper()
	update(tb, db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertLensVersion(ctx, v) })
}

func getVersion(tb testing.TB, db *DB, arn, version string) *wat.LensVersion {
	tb.Helper()
	var v *wat.LensVersion
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		v, err = tx.GetLensVersion(ctx, arn, version)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func listVersions(tb testing.TB, db *DB, arn string) []*wat.LensVersion {
	tb.Helper()
	var vs []*wat.LensVersion
	err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
		vs, err = tx.ListLensVersions(ctx, arn)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return vs
}

// storedVersion is v as the store gives it back; without its document as
// ListLensVersions gives it.
func storedVersion(v *wat.LensVersion, document bool) *wat.LensVersion {
	c := *v
	c.CreatedAt = storedTime(v.CreatedAt)
	if !document {
		c.Document = nil
	}
	return &c
}

// withLens creates the account of a new custom lens n and the lens.
func withLens(tb testing.TB, db *DB, account string, n int) *wat.CustomLens {
	tb.Helper()
	newAccount(tb, db, account)
	l := newLens(account, n, 0)
	insertLens(tb, db, l)
	return l
}

func testLensDrafts(t *testing.T, b *backend) {
	db := b.fresh(t)
	l := withLens(t, db, "111111111111", 1)
	draft := &wat.LensVersion{LensARN: l.ARN, IsMajor: true, Document: []byte(`{"name":"first"}`), CreatedAt: t0}
	putDraft(t, db, draft)
	got := getVersion(t, db, l.ARN, "")
	if diff := cmp.Diff(storedVersion(draft, true), got); diff != "" {
		t.Errorf("GetLensVersion of the draft (-want +got):\n%s", diff)
	}
	wantUTC(t, got.CreatedAt)

	// Importing again replaces the draft whole.
	again := &wat.LensVersion{LensARN: l.ARN, Document: []byte(`{"name":"second"}`), CreatedAt: t0.Add(time.Hour)}
	putDraft(t, db, again)
	if diff := cmp.Diff(storedVersion(again, true), getVersion(t, db, l.ARN, "")); diff != "" {
		t.Errorf("GetLensVersion of the replaced draft (-want +got):\n%s", diff)
	}
	if got := listVersions(t, db, l.ARN); len(got) != 0 {
		t.Errorf("ListLensVersions lists the draft: %d versions", len(got))
	}

	// Deleting the draft leaves the published versions.
	insertVersion(t, db, &wat.LensVersion{LensARN: l.ARN, Version: "1.0", Document: []byte(`{}`), CreatedAt: t0})
	for range 2 { // the second time there is no draft: nothing happens
		update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteLensDraft(ctx, l.ARN) })
	}
	err := view(db, func(ctx context.Context, tx wat.Tx) error { _, err := tx.GetLensVersion(ctx, l.ARN, ""); return err })
	wantError(t, err, wat.ENotFound, "LENS_VERSION")
	if got := getVersion(t, db, l.ARN, "1.0"); string(got.Document) != `{}` {
		t.Errorf("DeleteLensDraft changed version 1.0: %s", got.Document)
	}
	update(t, db, func(ctx context.Context, tx wat.Tx) error { return tx.DeleteLensDraft(ctx, lensARN("111111111111", 9)) })

	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensDraft(ctx, &wat.LensVersion{LensARN: lensARN("111111111111", 9), Document: []byte(`{}`), CreatedAt: t0})
	})
	wantError(t, err, wat.ENotFound, "LENS")
	err = try(db, func(ctx context.Context, tx wat.Tx) error {
		return tx.PutLensDraft(ctx, &wat.LensVersion{LensARN: l.ARN, Version: "2.0", Document: []byte(`{}`), CreatedAt: t0})
	})
	if err == nil {
		t.Errorf("PutLensDraft of version 2.0 succeeded")
	}
	if n := rowCount(t, db, "lens_versions", "lens_arn", l.ARN); n != 1 {
		t.Errorf("lens has %d versions stored, want only 1.0", n)
	}
}

func testLensVersions(t *testing.T, b *backend) {
	db := b.fresh(t)
	l := withLens(t, db, "111111111111", 1)
	other := newLens("111111111111", 2, 0)
	insertLens(t, db, other)
	// Inserted out of order: listed oldest first, then by name in byte order.
	v3 := &wat.LensVersion{LensARN: l.ARN, Version: "a", Document: []byte(`{"v":"a"}`), CreatedAt: t0.Add(time.Hour)}
	v2 := &wat.LensVersion{LensARN: l.ARN, Version: "B", IsMajor: true, Document: []byte(`{"v":"B"}`), CreatedAt: t0.Add(time.Hour)}
	v1 := &wat.LensVersion{LensARN: l.ARN, Version: "9.0", IsMajor: true, Document: []byte(`{"v":"9.0"}`), CreatedAt: t0}
	v4 := &wat.LensVersion{LensARN: l.ARN, Version: "10.0", Document: []byte(`{"v":"10.0"}`), CreatedAt: t0.Add(2 * time.Hour)}
	for _, v := range []*wat.LensVersion{v3, v4, v1, v2} {
		insertVersion(t, db, v)
	}
	putDraft(t, db, &wat.LensVersion{LensARN: l.ARN, Document: []byte(`{"draft":true}`), CreatedAt: t0})
	insertVersion(t, db, &wat.LensVersion{LensARN: other.ARN, Version: "1.0", Document: []byte(`{}`), CreatedAt: t0})

	want := []*wat.LensVersion{storedVersion(v1, false), storedVersion(v2, false), storedVersion(v3, false), storedVersion(v4, false)}
	if diff := cmp.Diff(want, listVersions(t, db, l.ARN)); diff != "" {
		t.Errorf("ListLensVersions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(storedVersion(v2, true), getVersion(t, db, l.ARN, "B")); diff != "" {
		t.Errorf("GetLensVersion (-want +got):\n%s", diff)
	}
	if got := listVersions(t, db, lensARN("111111111111", 9)); len(got) != 0 {
		t.Errorf("ListLensVersions of an unknown lens = %d versions", len(got))
	}

	// The same name again is a conflict, even with another document; the
	// same name in another lens is not.
	dup := &wat.LensVersion{LensARN: l.ARN, Version: "9.0", Document: []byte(`{"v":"other"}`), CreatedAt: t0.Add(3 * time.Hour)}
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertLensVersion(ctx, dup) }), wat.EConflict, "LENS_VERSION")
	if got := getVersion(t, db, l.ARN, "9.0"); string(got.Document) != `{"v":"9.0"}` {
		t.Errorf("a conflicting insert changed version 9.0: %s", got.Document)
	}
	insertVersion(t, db, &wat.LensVersion{LensARN: other.ARN, Version: "9.0", Document: []byte(`{}`), CreatedAt: t0})
	// A nil document is stored empty, not refused as NULL.
	insertVersion(t, db, &wat.LensVersion{LensARN: other.ARN, Version: "0.1", CreatedAt: t0})
	if got := getVersion(t, db, other.ARN, "0.1"); len(got.Document) != 0 {
		t.Errorf("a nil document reads as %q", got.Document)
	}

	orphan := &wat.LensVersion{LensARN: lensARN("111111111111", 9), Version: "1.0", Document: []byte(`{}`), CreatedAt: t0}
	wantError(t, try(db, func(ctx context.Context, tx wat.Tx) error { return tx.InsertLensVersion(ctx, orphan) }), wat.ENotFound, "LENS")
	for _, c := range []struct{ arn, version string }{{l.ARN, "1.0"}, {l.ARN, "9.0 "}, {lensARN("111111111111", 9), "9.0"}, {other.ARN, ""}} {
		err := view(db, func(ctx context.Context, tx wat.Tx) error {
			_, err := tx.GetLensVersion(ctx, c.arn, c.version)
			return err
		})
		wantError(t, err, wat.ENotFound, "LENS_VERSION")
	}
}

// testLensDocumentLarge stores documents of the largest size a lens may
// have, as a draft and as a version: they come back byte for byte.
func testLensDocumentLarge(t *testing.T, b *backend) {
	db := b.fresh(t)
	l := withLens(t, db, "111111111111", 1)
	const size = 500 * 1024
	// JSON with multi-byte characters, escapes and a NUL escape; and raw
	// bytes of every value, which no text column would keep.
	unit := `{"title":"Säule – 柱 🏛","text":"line\nbreak \"quoted\" \u0000 \\ end"},`
	text := []byte("[" + strings.Repeat(unit, size/len(unit)))
	text = append(text[:len(text)-1], ']')
	raw := make([]byte, size)
	for i := range raw {
		raw[i] = byte(i * 7)
	}
	putDraft(t, db, &wat.LensVersion{LensARN: l.ARN, Document: raw, CreatedAt: t0})
	insertVersion(t, db, &wat.LensVersion{LensARN: l.ARN, Version: "1.0", Document: text, CreatedAt: t0})
	for _, c := range []struct {
		version string
		want    []byte
	}{{"", raw}, {"1.0", text}} {
		got := getVersion(t, db, l.ARN, c.version).Document
		if !bytes.Equal(got, c.want) {
			t.Errorf("version %q: got a document of %d bytes, not the %d bytes stored", c.version, len(got), len(c.want))
		}
	}
	if b.name == "sqlite" {
		var kind string
		if err := db.read.QueryRow(`SELECT DISTINCT typeof(document) FROM lens_versions`).Scan(&kind); err != nil || kind != "blob" {
			t.Errorf("SQLite stores documents as %q (%v), want blob", kind, err)
		}
	}
}
