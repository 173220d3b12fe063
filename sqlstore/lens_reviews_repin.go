package sqlstore

import "context"

// RepinLensReviews moves the lens reviews of lensARN pinned to any version
// in from to version to, bumping their revision so that no cached
// evaluation of the old version is served, and returns how many moved.
func (t *tx) RepinLensReviews(ctx context.Context, lensARN string, from []string, to string) (int, error) {
	if len(from) == 0 {
		return 0, nil
	}
	if err := t.lockReviewedWorkloads(ctx, lensARN); err != nil {
		return 0, err
	}
	res, err := t.exec(ctx, `UPDATE lens_reviews SET lens_version = ?, revision = revision + 1
		WHERE lens_arn = ? AND lens_version IN (`+t.dialect().jsonStrings+`)`,
		to, lensARN, listText(from))
	if err != nil {
		return 0, fail("RepinLensReviews", lensARN, err, outcomes{})
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fail("RepinLensReviews", lensARN, err, outcomes{})
	}
	return int(n), nil
}

// TouchLensReviews bumps the revision of every lens review of lensARN.
func (t *tx) TouchLensReviews(ctx context.Context, lensARN string) error {
	if err := t.lockReviewedWorkloads(ctx, lensARN); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE lens_reviews SET revision = revision + 1 WHERE lens_arn = ?`, lensARN); err != nil {
		return fail("TouchLensReviews", lensARN, err, outcomes{})
	}
	return nil
}

// lockReviewedWorkloads locks, in ID order, the rows of the workloads with
// a review of lensARN, as their writers do (GetWorkload with lock), so a
// concurrent answer cannot write back a review read before the change.
// SQLite serialises writers anyway.
func (t *tx) lockReviewedWorkloads(ctx context.Context, lensARN string) error {
	lock := t.forUpdate()
	if lock == "" {
		return nil
	}
	rows, err := t.query(ctx, `SELECT id FROM workloads
		WHERE id IN (SELECT workload_id FROM lens_reviews WHERE lens_arn = ?)
		ORDER BY id`+lock, lensARN)
	if err != nil {
		return fail("lockReviewedWorkloads", lensARN, err, outcomes{})
	}
	defer rows.Close()
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		return fail("lockReviewedWorkloads", lensARN, err, outcomes{})
	}
	return nil
}
