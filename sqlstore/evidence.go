package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// flaggedRecord is the stored form of a wat.FlaggedResource in a check's
// flagged column.
type flaggedRecord struct {
	Status string `json:"s"`
	Name   string `json:"n"`
	Type   string `json:"t,omitempty"`
	File   string `json:"f"`
	Line   int    `json:"l,omitempty"`
	Reason string `json:"r,omitempty"`
}

// problemRecord is the stored form of a wat.EvidenceProblem.
type problemRecord struct {
	File    string `json:"f"`
	Line    int    `json:"l,omitempty"`
	Message string `json:"m"`
}

// PutEvidence replaces the evidence of a lens review: the review's previous
// checks go with its previous evidence row (by cascade), then the new ones
// are inserted. ENotFound when the lens review does not exist.
func (t *tx) PutEvidence(ctx context.Context, e *wat.Evidence) error {
	key := e.WorkloadID + " " + e.LensARN
	problems := make([]problemRecord, len(e.Problems))
	for i, p := range e.Problems {
		problems[i] = problemRecord{File: p.File, Line: p.Line, Message: p.Message}
	}
	_, err := t.exec(ctx, `DELETE FROM evidence WHERE workload_id = ? AND lens_arn = ?`, e.WorkloadID, e.LensARN)
	if err == nil {
		_, err = t.exec(ctx, `INSERT INTO evidence (workload_id, lens_arn, account_id, tool, problems, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`,
			e.WorkloadID, e.LensARN, e.AccountID, e.Tool, jsonText(problems), timeValue(e.UpdatedAt))
	}
	for i := 0; err == nil && i < len(e.Checks); i++ {
		c := &e.Checks[i]
		flagged := make([]flaggedRecord, len(c.Flagged))
		for j, r := range c.Flagged {
			flagged[j] = flaggedRecord{Status: r.Status, Name: r.Name, Type: r.Type, File: r.File, Line: r.Line, Reason: r.Reason}
		}
		_, err = t.exec(ctx, `INSERT INTO evidence_checks (workload_id, lens_arn, choice_id, rule_id, pillar_id,
				question_id, title, description, severity, passed, flagged)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.WorkloadID, e.LensARN, c.ChoiceID, c.RuleID, c.PillarID, c.QuestionID, c.Title, c.Description,
			c.Severity, c.Passed, jsonText(flagged))
	}
	if err != nil {
		return fail("PutEvidence", key, err, outcomes{
			parent:   lensReviewNotFound(e.WorkloadID, e.LensARN),
			conflict: wat.Conflict("EVIDENCE", key, "The evidence has two checks of one rule for one choice"),
		})
	}
	return nil
}

// GetEvidence returns the evidence of a lens review with its checks of
// choiceID (all of them when choiceID is ""), by choice then rule in byte
// order.
func (t *tx) GetEvidence(ctx context.Context, workloadID, lensARN, choiceID string) (*wat.Evidence, error) {
	key := workloadID + " " + lensARN
	e := &wat.Evidence{WorkloadID: workloadID, LensARN: lensARN}
	var problems string
	err := t.queryRow(ctx, `SELECT account_id, tool, problems, updated_at FROM evidence
		WHERE workload_id = ? AND lens_arn = ?`, workloadID, lensARN).
		Scan(&e.AccountID, &e.Tool, &problems, timeScanner{&e.UpdatedAt})
	if err != nil {
		return nil, fail("GetEvidence", key, err, outcomes{
			missing: wat.NotFound("EVIDENCE", lensARN, "No evidence was uploaded for lens %s of workload %s", lensARN, workloadID),
		})
	}
	var d decoder
	var prs []problemRecord
	d.json(problems, &prs)
	for _, p := range prs {
		e.Problems = append(e.Problems, wat.EvidenceProblem{File: p.File, Line: p.Line, Message: p.Message})
	}
	query := `SELECT choice_id, rule_id, pillar_id, question_id, title, description, severity, passed, flagged
		FROM evidence_checks WHERE workload_id = ? AND lens_arn = ?`
	args := []any{workloadID, lensARN}
	if choiceID != "" {
		query += ` AND choice_id = ?`
		args = append(args, choiceID)
	}
	rows, err := t.query(ctx, query+` ORDER BY choice_id, rule_id`, args...)
	if err != nil {
		return nil, fail("GetEvidence", key, err, outcomes{})
	}
	defer rows.Close()
	for rows.Next() {
		var (
			c       wat.Check
			flagged string
		)
		if err := rows.Scan(&c.ChoiceID, &c.RuleID, &c.PillarID, &c.QuestionID, &c.Title, &c.Description,
			&c.Severity, &c.Passed, &flagged); err != nil {
			return nil, fail("GetEvidence", key, err, outcomes{})
		}
		var frs []flaggedRecord
		d.json(flagged, &frs)
		for _, r := range frs {
			c.Flagged = append(c.Flagged, wat.FlaggedResource{Status: r.Status, Name: r.Name, Type: r.Type, File: r.File, Line: r.Line, Reason: r.Reason})
		}
		e.Checks = append(e.Checks, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("GetEvidence", key, err, outcomes{})
	}
	if d.err != nil {
		return nil, fail("GetEvidence", key, d.err, outcomes{})
	}
	return e, nil
}
