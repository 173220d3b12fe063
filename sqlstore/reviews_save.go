package sqlstore

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// saveAnswerChangeQuery is SaveAnswerChange on PostgreSQL: PutAnswer's,
// PutLensReview's and TouchWorkload's statements as the parts of one, which
// counts the rows each changed. The parts see the same snapshot and change
// different tables; the answer's foreign key to its review is checked at
// the statement's end, after all of them.
const saveAnswerChangeQuery = `WITH a AS (
		INSERT INTO answers (workload_id, lens_arn, question_id,
			selected_choices, choices, is_applicable, reason, notes, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (workload_id, lens_arn, question_id) DO UPDATE SET
			selected_choices = excluded.selected_choices, choices = excluded.choices,
			is_applicable = excluded.is_applicable, reason = excluded.reason,
			notes = excluded.notes, updated_at = excluded.updated_at
		RETURNING 1),
	r AS (
		INSERT INTO lens_reviews (workload_id, lens_arn, lens_version, notes, pillar_notes, updated_at, revision)
		VALUES ($10, $11, $12, $13, $14, $15, $16)
		ON CONFLICT (workload_id, lens_arn) DO UPDATE SET
			lens_version = excluded.lens_version, notes = excluded.notes,
			pillar_notes = excluded.pillar_notes, updated_at = excluded.updated_at,
			revision = excluded.revision
		RETURNING 1),
	w AS (UPDATE workloads SET updated_at = $17 WHERE id = $10 RETURNING 1)
	SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM r), (SELECT count(*) FROM w)`

// SaveAnswerChange stores an answer, its review and the workload's
// updated_at: one statement on PostgreSQL, the three on SQLite (whose
// statements cost no round trip, and which has no data-modifying WITH).
func (t *tx) SaveAnswerChange(ctx context.Context, a *wat.Answer, r *wat.LensReview, touched time.Time) error {
	if !t.dialect().dollar {
		if err := t.PutAnswer(ctx, a); err != nil {
			return err
		}
		if err := t.PutLensReview(ctx, r); err != nil {
			return err
		}
		return t.TouchWorkload(ctx, r.WorkloadID, touched)
	}
	var answers, reviews, workloads int
	err := t.queryRow(ctx, saveAnswerChangeQuery,
		a.WorkloadID, a.LensARN, a.QuestionID,
		listText(a.SelectedChoices), mapText(newChoiceRecords(a.Choices)), a.IsApplicable, a.Reason, a.Notes,
		timeValue(a.UpdatedAt),
		r.WorkloadID, r.LensARN, r.LensVersion, r.Notes, mapText(r.PillarNotes), timeValue(r.UpdatedAt), r.Revision,
		timeValue(touched)).Scan(&answers, &reviews, &workloads)
	if err != nil {
		// A foreign key refused: the answer's review or the review's
		// workload is missing, as PutAnswer and PutLensReview say.
		return fail("SaveAnswerChange", a.WorkloadID+" "+a.LensARN+" "+a.QuestionID, err, outcomes{
			parent: lensReviewNotFound(a.WorkloadID, a.LensARN),
		})
	}
	if workloads == 0 {
		return workloadNotFound(r.WorkloadID)
	}
	t.rows.touched(r.WorkloadID, touched)
	return nil
}
