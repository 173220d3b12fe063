package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// templateColumns are read by every SELECT of review templates, in
// scanTemplate's order.
const templateColumns = `arn, account_id, name, description, notes, lenses, tags, created_at, updated_at`

// InsertReviewTemplate stores a new review template; EConflict when its
// ARN or name key is taken in the account, ENotFound when its account does
// not exist.
func (t *tx) InsertReviewTemplate(ctx context.Context, rt *wat.ReviewTemplate) error {
	_, err := t.exec(ctx, `INSERT INTO review_templates (arn, account_id, name, name_key, description, notes,
		lenses, tags, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rt.ARN, rt.AccountID, rt.Name, wat.NameKey(rt.Name), rt.Description, rt.Notes, listText(rt.Lenses),
		mapText(rt.Tags), timeValue(rt.CreatedAt), timeValue(rt.UpdatedAt))
	if err != nil {
		return fail("InsertReviewTemplate", rt.ARN, err, outcomes{
			conflict: templateNameConflict(rt),
			parent:   accountNotFound(rt.AccountID),
		})
	}
	return nil
}

// GetReviewTemplate returns a review template. With lock (in an Update),
// its row stays locked until the transaction ends.
func (t *tx) GetReviewTemplate(ctx context.Context, arn string, lock bool) (*wat.ReviewTemplate, error) {
	query := `SELECT ` + templateColumns + ` FROM review_templates WHERE arn = ?`
	if lock {
		query += t.forUpdate()
	}
	rt, err := scanTemplate(t.queryRow(ctx, query, arn))
	if err != nil {
		return nil, fail("GetReviewTemplate", arn, err, outcomes{missing: templateNotFound(arn)})
	}
	return rt, nil
}

// UpdateReviewTemplate stores rt's name, description, notes, lenses, tags
// and update time.
func (t *tx) UpdateReviewTemplate(ctx context.Context, rt *wat.ReviewTemplate) error {
	res, err := t.exec(ctx, `UPDATE review_templates SET name = ?, name_key = ?, description = ?, notes = ?,
		lenses = ?, tags = ?, updated_at = ? WHERE arn = ?`,
		rt.Name, wat.NameKey(rt.Name), rt.Description, rt.Notes, listText(rt.Lenses), mapText(rt.Tags),
		timeValue(rt.UpdatedAt), rt.ARN)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateReviewTemplate", rt.ARN, err, outcomes{missing: templateNotFound(rt.ARN), conflict: templateNameConflict(rt)})
	}
	return nil
}

// DeleteReviewTemplate removes a review template; its lens reviews and
// answers go by cascade, its shares (which name it without a foreign key)
// here.
func (t *tx) DeleteReviewTemplate(ctx context.Context, arn string) error {
	res, err := t.exec(ctx, `DELETE FROM review_templates WHERE arn = ?`, arn)
	if err == nil {
		err = mustAffect(res)
	}
	if err == nil {
		_, err = t.exec(ctx, `DELETE FROM shares WHERE resource_type = ? AND resource_id = ?`, wat.ShareResourceTemplate, arn)
	}
	if err != nil {
		return fail("DeleteReviewTemplate", arn, err, outcomes{missing: templateNotFound(arn)})
	}
	return nil
}

// ListReviewTemplates returns the review templates of an account in byte
// order of their ARNs.
func (t *tx) ListReviewTemplates(ctx context.Context, accountID string) ([]*wat.ReviewTemplate, error) {
	rows, err := t.query(ctx, `SELECT `+templateColumns+` FROM review_templates WHERE account_id = ? ORDER BY arn`, accountID)
	if err != nil {
		return nil, fail("ListReviewTemplates", accountID, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.ReviewTemplate
	for rows.Next() {
		rt, err := scanTemplate(rows)
		if err != nil {
			return nil, fail("ListReviewTemplates", accountID, err, outcomes{})
		}
		out = append(out, rt)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListReviewTemplates", accountID, err, outcomes{})
	}
	return out, nil
}

func scanTemplate(s scanner) (*wat.ReviewTemplate, error) {
	var (
		rt           wat.ReviewTemplate
		lenses, tags string
	)
	err := s.Scan(&rt.ARN, &rt.AccountID, &rt.Name, &rt.Description, &rt.Notes, &lenses, &tags,
		timeScanner{&rt.CreatedAt}, timeScanner{&rt.UpdatedAt})
	if err != nil {
		return nil, err
	}
	var d decoder
	rt.Lenses = d.list(lenses)
	rt.Tags = d.stringMap(tags)
	return &rt, d.err
}

// PutTemplateLensReview inserts or replaces a template's lens review;
// ENotFound when the template does not exist.
func (t *tx) PutTemplateLensReview(ctx context.Context, r *wat.TemplateLensReview) error {
	_, err := t.exec(ctx, `INSERT INTO template_lens_reviews (template_arn, lens_arn, lens_version, notes, pillar_notes, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (template_arn, lens_arn) DO UPDATE SET
			lens_version = excluded.lens_version, notes = excluded.notes,
			pillar_notes = excluded.pillar_notes, updated_at = excluded.updated_at`,
		r.TemplateARN, r.LensARN, r.LensVersion, r.Notes, mapText(r.PillarNotes), timeValue(r.UpdatedAt))
	if err != nil {
		return fail("PutTemplateLensReview", r.TemplateARN+" "+r.LensARN, err, outcomes{parent: templateNotFound(r.TemplateARN)})
	}
	return nil
}

const templateReviewColumns = `template_arn, lens_arn, lens_version, notes, pillar_notes, updated_at`

// GetTemplateLensReview returns a template's review of one lens.
func (t *tx) GetTemplateLensReview(ctx context.Context, templateARN, lensARN string) (*wat.TemplateLensReview, error) {
	r, err := scanTemplateReview(t.queryRow(ctx, `SELECT `+templateReviewColumns+` FROM template_lens_reviews
		WHERE template_arn = ? AND lens_arn = ?`, templateARN, lensARN))
	if err != nil {
		return nil, fail("GetTemplateLensReview", templateARN+" "+lensARN, err, outcomes{
			missing: wat.NotFound("LENS_REVIEW", lensARN, "Review template %s has no review of lens %s", templateARN, lensARN),
		})
	}
	return r, nil
}

// ListTemplateLensReviews returns a template's lens reviews by lens ARN.
func (t *tx) ListTemplateLensReviews(ctx context.Context, templateARN string) ([]*wat.TemplateLensReview, error) {
	rows, err := t.query(ctx, `SELECT `+templateReviewColumns+` FROM template_lens_reviews
		WHERE template_arn = ? ORDER BY lens_arn`, templateARN)
	if err != nil {
		return nil, fail("ListTemplateLensReviews", templateARN, err, outcomes{})
	}
	defer rows.Close()
	var rs []*wat.TemplateLensReview
	for rows.Next() {
		r, err := scanTemplateReview(rows)
		if err != nil {
			return nil, fail("ListTemplateLensReviews", templateARN, err, outcomes{})
		}
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListTemplateLensReviews", templateARN, err, outcomes{})
	}
	return rs, nil
}

func scanTemplateReview(s scanner) (*wat.TemplateLensReview, error) {
	var (
		r     wat.TemplateLensReview
		notes string
	)
	if err := s.Scan(&r.TemplateARN, &r.LensARN, &r.LensVersion, &r.Notes, &notes, timeScanner{&r.UpdatedAt}); err != nil {
		return nil, err
	}
	var d decoder
	r.PillarNotes = d.stringMap(notes)
	return &r, d.err
}

// PutTemplateAnswer inserts or replaces a template's answer; ENotFound
// when its lens review does not exist.
func (t *tx) PutTemplateAnswer(ctx context.Context, a *wat.TemplateAnswer) error {
	_, err := t.exec(ctx, `INSERT INTO template_answers (template_arn, lens_arn, question_id,
			selected_choices, choices, is_applicable, reason, notes, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (template_arn, lens_arn, question_id) DO UPDATE SET
			selected_choices = excluded.selected_choices, choices = excluded.choices,
			is_applicable = excluded.is_applicable, reason = excluded.reason,
			notes = excluded.notes, updated_at = excluded.updated_at`,
		a.TemplateARN, a.LensARN, a.QuestionID,
		listText(a.SelectedChoices), mapText(newChoiceRecords(a.Choices)), a.IsApplicable, a.Reason, a.Notes,
		timeValue(a.UpdatedAt))
	if err != nil {
		return fail("PutTemplateAnswer", a.TemplateARN+" "+a.LensARN+" "+a.QuestionID, err, outcomes{
			parent: wat.NotFound("LENS_REVIEW", a.LensARN, "Review template %s has no review of lens %s", a.TemplateARN, a.LensARN),
		})
	}
	return nil
}

// GetTemplateAnswer returns a template's stored answer to one question.
func (t *tx) GetTemplateAnswer(ctx context.Context, templateARN, lensARN, questionID string) (*wat.TemplateAnswer, error) {
	a, err := scanAnswer(t.queryRow(ctx, `SELECT `+answerColumns+` FROM template_answers
		WHERE template_arn = ? AND lens_arn = ? AND question_id = ?`, templateARN, lensARN, questionID), "")
	if err != nil {
		return nil, fail("GetTemplateAnswer", templateARN+" "+lensARN+" "+questionID, err, outcomes{
			missing: wat.NotFound("ANSWER", questionID, "No answer to question %s of lens %s in review template %s",
				questionID, lensARN, templateARN),
		})
	}
	return &wat.TemplateAnswer{TemplateARN: templateARN, Answer: *a}, nil
}

// ListTemplateAnswers returns a template's stored answers of one lens, or
// with lensARN empty of all, by lens ARN then question ID.
func (t *tx) ListTemplateAnswers(ctx context.Context, templateARN, lensARN string) ([]*wat.TemplateAnswer, error) {
	query, args := `SELECT `+answerColumns+` FROM template_answers
		WHERE template_arn = ? AND lens_arn = ? ORDER BY lens_arn, question_id`, []any{templateARN, lensARN}
	if lensARN == "" {
		query, args = `SELECT `+answerColumns+` FROM template_answers
			WHERE template_arn = ? ORDER BY lens_arn, question_id`, []any{templateARN}
	}
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fail("ListTemplateAnswers", templateARN+" "+lensARN, err, outcomes{})
	}
	defer rows.Close()
	var as []*wat.TemplateAnswer
	for rows.Next() {
		a, err := scanAnswer(rows, "")
		if err != nil {
			return nil, fail("ListTemplateAnswers", templateARN+" "+lensARN, err, outcomes{})
		}
		as = append(as, &wat.TemplateAnswer{TemplateARN: templateARN, Answer: *a})
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListTemplateAnswers", templateARN+" "+lensARN, err, outcomes{})
	}
	return as, nil
}

func templateNotFound(arn string) *wat.Error {
	return wat.NotFound("REVIEW_TEMPLATE", arn, "No review template with ARN %s", arn)
}

func templateNameConflict(rt *wat.ReviewTemplate) *wat.Error {
	return wat.Conflict("REVIEW_TEMPLATE", rt.Name, "A review template named %q already exists in account %s", rt.Name, rt.AccountID)
}
