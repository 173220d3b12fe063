package sqlstore

import (
	"context"
	"database/sql"

	"github.com/wat-dev/wat"
)

// lensReviewHeadQuery reads the columns of a wat.LensReviewHead: a few
// columns of two rows found by their primary keys.
const lensReviewHeadQuery = `SELECT w.account_id, w.arn, w.tags, w.lenses, w.profile_arn, r.lens_version, r.revision,
		EXISTS (SELECT 1 FROM jira_selections j WHERE j.workload_id = r.workload_id AND j.lens_arn = r.lens_arn)
	FROM workloads w JOIN lens_reviews r ON r.workload_id = w.id
	WHERE w.id = ? AND r.lens_arn = ?`

// LensReviewHead reads a workload's owner, tags, lenses and profile with
// its review of one lens's version and revision, and whether the review has
// a Jira selection, in one statement outside
// any transaction: one indexed read with none of a transaction's begin and
// commit. One statement sees one committed state, so its parts agree; a
// caller that needs anything else read in the same state uses View. A head
// read before is given again, without a statement, while the database has
// not changed since (reviews_head_cache.go); its Tags and Lenses are shared
// and must not be modified.
func (db *DB) LensReviewHead(ctx context.Context, workloadID, lensARN string) (*wat.LensReviewHead, error) {
	if db.closed.Load() {
		return nil, unavailable(errClosed)
	}
	var stamp uint64
	cache := false
	if db.heads != nil {
		var h *wat.LensReviewHead
		if h, stamp, cache = db.heads.get(workloadID, lensARN); h != nil {
			return h, nil
		}
	}
	query := db.rebind(lensReviewHeadQuery)
	var row *sql.Row
	if st := db.stmts.get(db.read, query); st != nil {
		row = st.QueryRowContext(ctx, workloadID, lensARN)
	} else {
		row = db.read.QueryRowContext(ctx, query, workloadID, lensARN)
	}
	h := wat.LensReviewHead{WorkloadID: workloadID, LensARN: lensARN}
	var tags, lenses string
	err := row.Scan(&h.AccountID, &h.WorkloadARN, &tags, &lenses, &h.ProfileARN, &h.LensVersion, &h.Revision, &h.JiraSelected)
	if err == nil {
		var d decoder
		h.Tags = d.stringMap(tags)
		h.Lenses = d.list(lenses)
		err = d.err
	}
	if err != nil {
		return nil, unavailable(fail("LensReviewHead", workloadID+" "+lensARN, err,
			outcomes{missing: lensReviewNotFound(workloadID, lensARN)}))
	}
	if cache {
		db.heads.put(&h, stamp)
	}
	return &h, nil
}
