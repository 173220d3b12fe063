package sqlstore

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// customLensColumns are read by every SELECT of custom lenses, in
// scanCustomLens's order.
const customLensColumns = `arn, account_id, name, description, latest_version, has_draft, deleted, tags,
	created_at, updated_at`

// InsertCustomLens stores a new custom lens; EConflict when its ARN is
// taken, ENotFound when its account does not exist.
func (t *tx) InsertCustomLens(ctx context.Context, l *wat.CustomLens) error {
	_, err := t.exec(ctx, `INSERT INTO custom_lenses (`+customLensColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ARN, l.AccountID, l.Name, l.Description, l.LatestVersion, l.HasDraft, l.Deleted, mapText(l.Tags),
		timeValue(l.CreatedAt), timeValue(l.UpdatedAt))
	if err != nil {
		return fail("InsertCustomLens", l.ARN, err, outcomes{
			conflict: wat.Conflict("LENS", l.ARN, "A lens with ARN %s already exists", l.ARN),
			parent:   accountNotFound(l.AccountID),
		})
	}
	return nil
}

// GetCustomLens returns a custom lens, deleted or not. With lock (in an
// Update), its row stays locked until the transaction ends, so that its
// writers (importing, publishing, deleting) take turns.
func (t *tx) GetCustomLens(ctx context.Context, arn string, lock bool) (*wat.CustomLens, error) {
	query := `SELECT ` + customLensColumns + ` FROM custom_lenses WHERE arn = ?`
	if lock {
		query += t.forUpdate()
	}
	l, err := scanCustomLens(t.queryRow(ctx, query, arn))
	if err != nil {
		return nil, fail("GetCustomLens", arn, err, outcomes{missing: lensNotFound(arn)})
	}
	return l, nil
}

// UpdateCustomLens replaces every field of the stored lens with l's, except
// its ARN and its owner account, which never change.
func (t *tx) UpdateCustomLens(ctx context.Context, l *wat.CustomLens) error {
	res, err := t.exec(ctx, `UPDATE custom_lenses SET
		name = ?, description = ?, latest_version = ?, has_draft = ?, deleted = ?, tags = ?,
		created_at = ?, updated_at = ?
		WHERE arn = ?`,
		l.Name, l.Description, l.LatestVersion, l.HasDraft, l.Deleted, mapText(l.Tags),
		timeValue(l.CreatedAt), timeValue(l.UpdatedAt), l.ARN)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateCustomLens", l.ARN, err, outcomes{missing: lensNotFound(l.ARN)})
	}
	return nil
}

// ListCustomLenses returns the custom lenses an account owns, deleted ones
// included, in byte order of their ARNs (the index's order on both
// databases).
func (t *tx) ListCustomLenses(ctx context.Context, accountID string) ([]*wat.CustomLens, error) {
	rows, err := t.query(ctx, `SELECT `+customLensColumns+` FROM custom_lenses
		WHERE account_id = ? ORDER BY arn`, accountID)
	if err != nil {
		return nil, fail("ListCustomLenses", accountID, err, outcomes{})
	}
	defer rows.Close()
	var ls []*wat.CustomLens
	for rows.Next() {
		l, err := scanCustomLens(rows)
		if err != nil {
			return nil, fail("ListCustomLenses", accountID, err, outcomes{})
		}
		ls = append(ls, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListCustomLenses", accountID, err, outcomes{})
	}
	return ls, nil
}

func scanCustomLens(s scanner) (*wat.CustomLens, error) {
	var (
		l    wat.CustomLens
		tags string
	)
	err := s.Scan(&l.ARN, &l.AccountID, &l.Name, &l.Description, &l.LatestVersion, &l.HasDraft, &l.Deleted,
		&tags, timeScanner{&l.CreatedAt}, timeScanner{&l.UpdatedAt})
	if err != nil {
		return nil, err
	}
	var d decoder
	l.Tags = d.stringMap(tags)
	if d.err != nil {
		return nil, d.err
	}
	return &l, nil
}

// PutLensDraft stores the draft of a lens, replacing the one it had;
// ENotFound when the lens does not exist. A version other than "" is the
// caller's mistake, refused rather than stored as the draft.
func (t *tx) PutLensDraft(ctx context.Context, v *wat.LensVersion) error {
	if v.Version != "" {
		return fmt.Errorf("sqlstore: PutLensDraft(%s): version %q is not the draft", v.LensARN, v.Version)
	}
	_, err := t.exec(ctx, `INSERT INTO lens_versions (lens_arn, version, is_major, document, created_at)
		VALUES (?, '', ?, ?, ?)
		ON CONFLICT (lens_arn, version) DO UPDATE SET
			is_major = excluded.is_major, document = excluded.document, created_at = excluded.created_at`,
		v.LensARN, v.IsMajor, documentValue(v.Document), timeValue(v.CreatedAt))
	if err != nil {
		return fail("PutLensDraft", v.LensARN, err, outcomes{parent: lensNotFound(v.LensARN)})
	}
	return nil
}

// DeleteLensDraft removes a lens's draft; nothing when it has none (or the
// lens does not exist).
func (t *tx) DeleteLensDraft(ctx context.Context, lensARN string) error {
	if _, err := t.exec(ctx, `DELETE FROM lens_versions WHERE lens_arn = ? AND version = ''`, lensARN); err != nil {
		return fail("DeleteLensDraft", lensARN, err, outcomes{})
	}
	return nil
}

// InsertLensVersion stores a published version; EConflict when the lens
// already has a version of that name, ENotFound when the lens does not
// exist.
func (t *tx) InsertLensVersion(ctx context.Context, v *wat.LensVersion) error {
	_, err := t.exec(ctx, `INSERT INTO lens_versions (lens_arn, version, is_major, document, created_at)
		VALUES (?, ?, ?, ?, ?)`,
		v.LensARN, v.Version, v.IsMajor, documentValue(v.Document), timeValue(v.CreatedAt))
	if err != nil {
		return fail("InsertLensVersion", v.LensARN+" "+v.Version, err, outcomes{
			conflict: wat.Conflict("LENS_VERSION", v.Version, "Lens %s already has a version %q", v.LensARN, v.Version),
			parent:   lensNotFound(v.LensARN),
		})
	}
	return nil
}

// GetLensVersion returns a lens's version with its document, or its draft
// for version "".
func (t *tx) GetLensVersion(ctx context.Context, lensARN, version string) (*wat.LensVersion, error) {
	v := wat.LensVersion{LensARN: lensARN, Version: version}
	err := t.queryRow(ctx, `SELECT is_major, document, created_at FROM lens_versions
		WHERE lens_arn = ? AND version = ?`, lensARN, version).
		Scan(&v.IsMajor, &v.Document, timeScanner{&v.CreatedAt})
	if err != nil {
		return nil, fail("GetLensVersion", lensARN+" "+version, err, outcomes{
			missing: lensVersionNotFound(lensARN, version),
		})
	}
	return &v, nil
}

// ListLensVersions returns the published versions of a lens, oldest first
// (then by name), without their documents: listing them reads none of the
// large columns. An unknown lens has none.
func (t *tx) ListLensVersions(ctx context.Context, lensARN string) ([]*wat.LensVersion, error) {
	rows, err := t.query(ctx, `SELECT version, is_major, created_at FROM lens_versions
		WHERE lens_arn = ? AND version <> '' ORDER BY created_at, version`, lensARN)
	if err != nil {
		return nil, fail("ListLensVersions", lensARN, err, outcomes{})
	}
	defer rows.Close()
	var vs []*wat.LensVersion
	for rows.Next() {
		v := wat.LensVersion{LensARN: lensARN}
		if err := rows.Scan(&v.Version, &v.IsMajor, timeScanner{&v.CreatedAt}); err != nil {
			return nil, fail("ListLensVersions", lensARN, err, outcomes{})
		}
		vs = append(vs, &v)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListLensVersions", lensARN, err, outcomes{})
	}
	return vs, nil
}

// documentValue is the stored form of a document: never NULL, which the
// column refuses, even for a nil one.
func documentValue(doc []byte) []byte {
	if doc == nil {
		return []byte{}
	}
	return doc
}

func lensNotFound(arn string) *wat.Error {
	return wat.NotFound("LENS", arn, "No lens with ARN %s", arn)
}

func lensVersionNotFound(arn, version string) *wat.Error {
	if version == "" {
		return wat.NotFound("LENS_VERSION", version, "Lens %s has no draft", arn)
	}
	return wat.NotFound("LENS_VERSION", version, "Lens %s has no version %q", arn, version)
}
