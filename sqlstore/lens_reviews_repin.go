package sqlstore

import "context"

// RepinLensReviews moves the lens reviews of lensARN pinned to any version
// in from to version to, bumping their revision so that no cached
// evaluation of the old version is served, and returns how many moved.
func (t *tx) RepinLensReviews(ctx context.Context, lensARN string, from []string, to string) (int, error) {
	if len(from) == 0 {
		return 0, nil
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
	if _, err := t.exec(ctx, `UPDATE lens_reviews SET revision = revision + 1 WHERE lens_arn = ?`, lensARN); err != nil {
		return fail("TouchLensReviews", lensARN, err, outcomes{})
	}
	return nil
}
