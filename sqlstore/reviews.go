package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// PutLensReview inserts or replaces a lens review; ENotFound when its
// workload does not exist.
func (t *tx) PutLensReview(ctx context.Context, r *wat.LensReview) error {
	_, err := t.exec(ctx, `INSERT INTO lens_reviews (workload_id, lens_arn, lens_version, notes, pillar_notes, updated_at, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workload_id, lens_arn) DO UPDATE SET
			lens_version = excluded.lens_version, notes = excluded.notes,
			pillar_notes = excluded.pillar_notes, updated_at = excluded.updated_at,
			revision = excluded.revision`,
		r.WorkloadID, r.LensARN, r.LensVersion, r.Notes, mapText(r.PillarNotes), timeValue(r.UpdatedAt), r.Revision)
	if err != nil {
		return fail("PutLensReview", r.WorkloadID+" "+r.LensARN, err, outcomes{parent: workloadNotFound(r.WorkloadID)})
	}
	return nil
}

const lensReviewColumns = `workload_id, lens_arn, lens_version, notes, pillar_notes, updated_at, revision`

// GetLensReview returns the review of one lens of a workload.
func (t *tx) GetLensReview(ctx context.Context, workloadID, lensARN string) (*wat.LensReview, error) {
	r, err := scanLensReview(t.queryRow(ctx, `SELECT `+lensReviewColumns+` FROM lens_reviews
		WHERE workload_id = ? AND lens_arn = ?`, workloadID, lensARN))
	if err != nil {
		return nil, fail("GetLensReview", workloadID+" "+lensARN, err, outcomes{missing: lensReviewNotFound(workloadID, lensARN)})
	}
	return r, nil
}

// ListLensReviews returns the lens reviews of a workload, ordered by lens
// ARN, including those of lenses no longer applied to it.
func (t *tx) ListLensReviews(ctx context.Context, workloadID string) ([]*wat.LensReview, error) {
	rows, err := t.query(ctx, `SELECT `+lensReviewColumns+` FROM lens_reviews
		WHERE workload_id = ? ORDER BY lens_arn`, workloadID)
	if err != nil {
		return nil, fail("ListLensReviews", workloadID, err, outcomes{})
	}
	defer rows.Close()
	var rs []*wat.LensReview
	for rows.Next() {
		r, err := scanLensReview(rows)
		if err != nil {
			return nil, fail("ListLensReviews", workloadID, err, outcomes{})
		}
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListLensReviews", workloadID, err, outcomes{})
	}
	return rs, nil
}

func scanLensReview(s scanner) (*wat.LensReview, error) {
	var (
		r     wat.LensReview
		notes string
	)
	if err := s.Scan(&r.WorkloadID, &r.LensARN, &r.LensVersion, &r.Notes, &notes, timeScanner{&r.UpdatedAt}, &r.Revision); err != nil {
		return nil, err
	}
	var d decoder
	r.PillarNotes = d.stringMap(notes)
	return &r, d.err
}

// PutAnswer inserts or replaces an answer; ENotFound when its lens review
// does not exist.
func (t *tx) PutAnswer(ctx context.Context, a *wat.Answer) error {
	_, err := t.exec(ctx, `INSERT INTO answers (workload_id, lens_arn, question_id,
			selected_choices, choices, is_applicable, reason, notes, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workload_id, lens_arn, question_id) DO UPDATE SET
			selected_choices = excluded.selected_choices, choices = excluded.choices,
			is_applicable = excluded.is_applicable, reason = excluded.reason,
			notes = excluded.notes, updated_at = excluded.updated_at`,
		a.WorkloadID, a.LensARN, a.QuestionID,
		listText(a.SelectedChoices), mapText(newChoiceRecords(a.Choices)), a.IsApplicable, a.Reason, a.Notes,
		timeValue(a.UpdatedAt))
	if err != nil {
		return fail("PutAnswer", a.WorkloadID+" "+a.LensARN+" "+a.QuestionID, err, outcomes{
			parent: lensReviewNotFound(a.WorkloadID, a.LensARN),
		})
	}
	return nil
}

// answerColumns are what scanAnswer reads. Not workload_id: the caller
// knows it, and every column read costs on the hot path.
const answerColumns = `lens_arn, question_id, selected_choices, choices, is_applicable, reason, notes, updated_at`

// GetAnswer returns the stored answer to one question.
func (t *tx) GetAnswer(ctx context.Context, workloadID, lensARN, questionID string) (*wat.Answer, error) {
	a, err := scanAnswer(t.queryRow(ctx, `SELECT `+answerColumns+` FROM answers
		WHERE workload_id = ? AND lens_arn = ? AND question_id = ?`, workloadID, lensARN, questionID), workloadID)
	if err != nil {
		return nil, fail("GetAnswer", workloadID+" "+lensARN+" "+questionID, err, outcomes{
			missing: wat.NotFound("ANSWER", questionID, "No answer to question %s of lens %s in workload %s",
				questionID, lensARN, workloadID),
		})
	}
	return a, nil
}

// ListAnswers returns the stored answers of one lens review of a workload,
// or with lensARN empty of all of them, ordered by lens ARN then question ID.
func (t *tx) ListAnswers(ctx context.Context, workloadID, lensARN string) ([]*wat.Answer, error) {
	query, args := `SELECT `+answerColumns+` FROM answers
		WHERE workload_id = ? AND lens_arn = ? ORDER BY lens_arn, question_id`, []any{workloadID, lensARN}
	if lensARN == "" {
		query, args = `SELECT `+answerColumns+` FROM answers
			WHERE workload_id = ? ORDER BY lens_arn, question_id`, []any{workloadID}
	}
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fail("ListAnswers", workloadID+" "+lensARN, err, outcomes{})
	}
	defer rows.Close()
	var as []*wat.Answer
	for rows.Next() {
		a, err := scanAnswer(rows, workloadID)
		if err != nil {
			return nil, fail("ListAnswers", workloadID+" "+lensARN, err, outcomes{})
		}
		as = append(as, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAnswers", workloadID+" "+lensARN, err, outcomes{})
	}
	return as, nil
}

// scanAnswer reads the answerColumns of an answer of workload.
func scanAnswer(s scanner, workload string) (*wat.Answer, error) {
	var (
		a                 = wat.Answer{WorkloadID: workload}
		selected, choices string
	)
	err := s.Scan(&a.LensARN, &a.QuestionID, &selected, &choices, &a.IsApplicable,
		&a.Reason, &a.Notes, timeScanner{&a.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &a, decodeAnswer(&a, selected, choices)
}

// decodeAnswer sets a's selected choices and choice answers from their
// stored text.
func decodeAnswer(a *wat.Answer, selected, choices string) error {
	var d decoder
	a.SelectedChoices = d.list(selected)
	if choices != "{}" {
		var m map[string]choiceRecord
		d.json(choices, &m)
		a.Choices = choiceAnswers(m)
	}
	return d.err
}
