package sqlstore

import (
	"context"
	"database/sql"

	"github.com/wat-dev/wat"
)

// answerChangeQuery reads a lens review, the answer to one of its questions
// (its columns NULL when there is none) and what a change of that answer
// sets off, as GetJiraPlanSettings and ListWebhookRoutes would tell it. Its
// arguments are the account (twice), the question, the account, the
// workload and the lens.
//
// It runs after the workload's row is locked, not as part of the locking
// statement: in PostgreSQL a SELECT … FOR UPDATE that waited for the lock
// sees the locked row as its holder committed it but the rows joined to it
// as they were when the statement began, so an answer read there could be
// one a writer before it had already replaced.
const answerChangeQuery = `SELECT r.lens_version, r.notes, r.pillar_notes, r.updated_at, r.revision,
		a.selected_choices, a.choices, a.is_applicable, a.reason, a.notes, a.updated_at,
		` + jiraPlanColumns + `,
		EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.account_id = ? AND s.status = 'ENABLED')
	FROM lens_reviews r
	LEFT JOIN answers a ON a.workload_id = r.workload_id AND a.lens_arn = r.lens_arn AND a.question_id = ?
	LEFT JOIN jira_workload_settings ws ON ws.workload_id = r.workload_id
	LEFT JOIN jira_account_settings acs ON acs.account_id = ?
	WHERE r.workload_id = ? AND r.lens_arn = ?`

// GetAnswerChange returns a lens review, the stored answer to questionID
// (nil when none) and what its change sets off in accountID: whether the
// account has an enabled webhook subscription (not which: the few accounts
// that have one read their routes then) and its Jira plan.
func (t *tx) GetAnswerChange(ctx context.Context, workloadID, accountID, lensARN, questionID string) (*wat.AnswerChange, error) {
	var (
		r                 = wat.LensReview{WorkloadID: workloadID, LensARN: lensARN}
		a                 = wat.Answer{WorkloadID: workloadID, LensARN: lensARN, QuestionID: questionID}
		pillarNotes       string
		selected, choices sql.NullString
		applicable        sql.NullBool
		reason, notes     sql.NullString
		plan              = newJiraPlanRow(workloadID, accountID)
		webhooks          bool
	)
	dest := append([]any{&r.LensVersion, &r.Notes, &pillarNotes, timeScanner{&r.UpdatedAt}, &r.Revision,
		&selected, &choices, &applicable, &reason, &notes, nullTime{&a.UpdatedAt}}, plan.dest()...)
	dest = append(dest, &webhooks)
	err := t.queryRow(ctx, answerChangeQuery, accountID, accountID, questionID, accountID, workloadID, lensARN).Scan(dest...)
	if err == nil {
		var d decoder
		r.PillarNotes = d.stringMap(pillarNotes)
		err = d.err
	}
	if err == nil && selected.Valid {
		a.IsApplicable, a.Reason, a.Notes = applicable.Bool, reason.String, notes.String
		err = decodeAnswer(&a, selected.String, choices.String)
	}
	if err != nil {
		return nil, fail("GetAnswerChange", workloadID+" "+lensARN+" "+questionID, err,
			outcomes{missing: lensReviewNotFound(workloadID, lensARN)})
	}
	c := &wat.AnswerChange{Review: &r, Webhooks: webhooks, JiraConnected: plan.connected}
	if selected.Valid {
		c.Answer = &a
	}
	c.JiraWorkload, c.JiraAccount = plan.settings()
	return c, nil
}
