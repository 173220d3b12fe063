package sqlstore

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/wat-dev/wat"
)

// workloadColumns are read by every SELECT of workloads, in scanWorkload's
// order.
const workloadColumns = `id, account_id, arn, name, description, environment, account_ids, aws_regions,
	non_aws_regions, architectural_design, review_owner, is_review_owner_update_acknowledged,
	industry_type, industry, pillar_priorities, notes, improvement_status, applications,
	discovery_config, lenses, tags, profile_arn, profile_version, created_at, updated_at`

// workloadArgs are the values of w for the columns after id and account_id,
// in the order of INSERT's and UPDATE's column lists below.
func workloadArgs(w *wat.Workload) []any {
	return []any{
		w.ARN, w.Name, wat.NameKey(w.Name), strings.ToLower(w.Name), w.Description, w.Environment,
		listText(w.AccountIDs), listText(w.AWSRegions), listText(w.NonAWSRegions), w.ArchitecturalDesign,
		w.ReviewOwner, w.IsReviewOwnerUpdateAcknowledged, w.IndustryType, w.Industry,
		listText(w.PillarPriorities), w.Notes, w.ImprovementStatus, listText(w.Applications),
		jsonText(newDiscoveryRecord(w.DiscoveryConfig)), listText(w.Lenses), mapText(w.Tags),
		w.ProfileARN, w.ProfileVersion, timeValue(w.CreatedAt), timeValue(w.UpdatedAt),
	}
}

// InsertWorkload stores a new workload; EConflict when the account has a
// workload whose name has the same wat.NameKey (or the ID is taken),
// ENotFound when the account does not exist.
func (t *tx) InsertWorkload(ctx context.Context, w *wat.Workload) error {
	args := append([]any{w.ID, w.AccountID}, workloadArgs(w)...)
	_, err := t.exec(ctx, `INSERT INTO workloads (id, account_id,
		arn, name, name_key, name_lower, description, environment,
		account_ids, aws_regions, non_aws_regions, architectural_design,
		review_owner, is_review_owner_update_acknowledged, industry_type, industry,
		pillar_priorities, notes, improvement_status, applications,
		discovery_config, lenses, tags, profile_arn, profile_version,
		created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	if err != nil {
		return fail("InsertWorkload", w.ID, err, outcomes{conflict: nameTaken(w), parent: accountNotFound(w.AccountID)})
	}
	return nil
}

// UpdateWorkload replaces every field of the stored workload with w's,
// except its ID and its owner account, which never change. EConflict when
// the new name is taken in the account.
func (t *tx) UpdateWorkload(ctx context.Context, w *wat.Workload) error {
	t.rows.forget(w.ID)
	args := append(workloadArgs(w), w.ID)
	res, err := t.exec(ctx, `UPDATE workloads SET
		arn = ?, name = ?, name_key = ?, name_lower = ?, description = ?, environment = ?,
		account_ids = ?, aws_regions = ?, non_aws_regions = ?, architectural_design = ?,
		review_owner = ?, is_review_owner_update_acknowledged = ?, industry_type = ?, industry = ?,
		pillar_priorities = ?, notes = ?, improvement_status = ?, applications = ?,
		discovery_config = ?, lenses = ?, tags = ?, profile_arn = ?, profile_version = ?,
		created_at = ?, updated_at = ?
		WHERE id = ?`, args...)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateWorkload", w.ID, err, outcomes{missing: workloadNotFound(w.ID), conflict: nameTaken(w)})
	}
	return nil
}

// TouchWorkload sets the stored workload's updated_at alone. It is
// UpdateWorkload for a caller that changed nothing else: the name's unique
// index and the list columns are left untouched.
func (t *tx) TouchWorkload(ctx context.Context, id string, updatedAt time.Time) error {
	res, err := t.exec(ctx, `UPDATE workloads SET updated_at = ? WHERE id = ?`, timeValue(updatedAt), id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("TouchWorkload", id, err, outcomes{missing: workloadNotFound(id)})
	}
	t.rows.touched(id, updatedAt)
	return nil
}

func nameTaken(w *wat.Workload) *wat.Error {
	return wat.Conflict("WORKLOAD", w.Name, "A workload named %q already exists in account %s", w.Name, w.AccountID)
}

// GetWorkload returns a workload. With lock (in an Update), its row stays
// locked until the transaction ends, so that its writers take turns.
func (t *tx) GetWorkload(ctx context.Context, id string, lock bool) (*wat.Workload, error) {
	if lock {
		if w, ok := t.rows.workload(id); ok {
			return w, nil // locked by an earlier write of the batch's run
		}
	}
	query := `SELECT ` + workloadColumns + ` FROM workloads WHERE id = ?`
	if lock {
		query += t.forUpdate()
	}
	w, err := scanWorkload(t.queryRow(ctx, query, id))
	if err != nil {
		return nil, fail("GetWorkload", id, err, outcomes{missing: workloadNotFound(id)})
	}
	if lock {
		t.rows.keep(w)
	}
	return w, nil
}

// DeleteWorkload removes a workload; the database removes its lens reviews,
// answers and milestones with it. Its shares name it without a foreign key
// (a share's resource may be a lens), so they are removed here.
func (t *tx) DeleteWorkload(ctx context.Context, id string) error {
	t.rows.forget(id)
	res, err := t.exec(ctx, `DELETE FROM workloads WHERE id = ?`, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err == nil {
		_, err = t.exec(ctx, `DELETE FROM shares WHERE resource_type = ? AND resource_id = ?`, wat.ShareResourceWorkload, id)
	}
	if err != nil {
		return fail("DeleteWorkload", id, err, outcomes{missing: workloadNotFound(id)})
	}
	return nil
}

// ListWorkloads returns up to limit workloads (all of them when limit is not
// positive) that an account owns or whose ID is in sharedIDs, whose name
// starts with prefix, ignoring case, ordered by name key then ID, starting
// strictly after (afterKey, afterID). Empty afterKey and afterID start at the
// beginning; IDs of sharedIDs that name no workload are ignored.
//
// The candidates are the account's first limit workloads after the position,
// read in index order as before there was sharing, and the workloads of
// other accounts whose IDs are in sharedIDs, passed as one JSON array so that
// the statement is the same for any number of them and looked up by primary
// key; the outer query merges the two and keeps the first limit. It reads at
// most limit + len(sharedIDs) rows, however many workloads the account has.
// (Looking the candidates up again by "id IN (owned UNION ALL shared)", as
// this did before, made PostgreSQL scan the whole table on every page.)
func (t *tx) ListWorkloads(ctx context.Context, accountID string, sharedIDs []string, prefix, afterKey, afterID string, limit int) ([]*wat.Workload, error) {
	if limit <= 0 {
		limit = math.MaxInt32
	}
	like := likePrefix(strings.ToLower(prefix))
	const cols = workloadColumns + `, name_key`
	rows, err := t.query(ctx, `SELECT `+workloadColumns+` FROM (
			SELECT `+cols+` FROM (
				SELECT `+cols+` FROM workloads
				WHERE account_id = ? AND name_lower LIKE ? ESCAPE '\' AND (name_key, id) > (?, ?)
				ORDER BY name_key, id
				LIMIT ?) AS owned
			UNION ALL
			SELECT `+cols+` FROM workloads
			WHERE `+t.inJSON("id")+` AND account_id <> ? AND name_lower LIKE ? ESCAPE '\' AND (name_key, id) > (?, ?)
		) AS candidates
		ORDER BY name_key, id
		LIMIT ?`,
		accountID, like, afterKey, afterID, limit, listText(sharedIDs), accountID, like, afterKey, afterID, limit)
	if err != nil {
		return nil, fail("ListWorkloads", accountID, err, outcomes{})
	}
	defer rows.Close()
	var ws []*wat.Workload
	for rows.Next() {
		w, err := scanWorkload(rows)
		if err != nil {
			return nil, fail("ListWorkloads", accountID, err, outcomes{})
		}
		ws = append(ws, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListWorkloads", accountID, err, outcomes{})
	}
	return ws, nil
}

// likePrefix is the LIKE pattern (with \ as the escape character) matching
// the strings that start with prefix.
func likePrefix(prefix string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(prefix) + "%"
}

// CountWorkloads returns how many workloads an account owns.
func (t *tx) CountWorkloads(ctx context.Context, accountID string) (int, error) {
	var n int
	if err := t.queryRow(ctx, `SELECT count(*) FROM workloads WHERE account_id = ?`, accountID).Scan(&n); err != nil {
		return 0, fail("CountWorkloads", accountID, err, outcomes{})
	}
	return n, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// scanWorkload reads the workloadColumns of one row.
func scanWorkload(s scanner) (*wat.Workload, error) {
	var (
		w                                                     wat.Workload
		accountIDs, regions, nonAWS, priorities, apps, lenses string
		discovery, tags                                       string
	)
	err := s.Scan(&w.ID, &w.AccountID, &w.ARN, &w.Name, &w.Description, &w.Environment, &accountIDs, &regions,
		&nonAWS, &w.ArchitecturalDesign, &w.ReviewOwner, &w.IsReviewOwnerUpdateAcknowledged,
		&w.IndustryType, &w.Industry, &priorities, &w.Notes, &w.ImprovementStatus, &apps,
		&discovery, &lenses, &tags, &w.ProfileARN, &w.ProfileVersion, timeScanner{&w.CreatedAt}, timeScanner{&w.UpdatedAt})
	if err != nil {
		return nil, err
	}
	var d decoder
	w.AccountIDs = d.list(accountIDs)
	w.AWSRegions = d.list(regions)
	w.NonAWSRegions = d.list(nonAWS)
	w.PillarPriorities = d.list(priorities)
	w.Applications = d.list(apps)
	w.Lenses = d.list(lenses)
	w.Tags = d.stringMap(tags)
	var dc *discoveryRecord
	d.json(discovery, &dc)
	w.DiscoveryConfig = dc.domain()
	if d.err != nil {
		return nil, d.err
	}
	return &w, nil
}
