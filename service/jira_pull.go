package service

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/lens"
)

// pull is a change Jira asks of one answer: practices to select (their
// Sub-task was completed) and to unselect (reopened), with the issues
// that say so.
type pull struct {
	lensARN, questionID string
	add, remove         []string
	keys                []string
}

// practiceDone is whether a practice counts as in place in wat: selected,
// not applicable, or its question not applicable.
func practiceDone(a *wat.Answer, choiceID string) bool {
	if a == nil {
		return false
	}
	if !a.IsApplicable || slices.Contains(a.SelectedChoices, choiceID) {
		return true
	}
	c, ok := a.Choices[choiceID]
	return ok && c.Status == wat.ChoiceNotApplicable
}

// pulls finds what changed in Jira since the last sync. Each Sub-task is a
// three-way comparison of wat's state and Jira's with the state both had
// when they last agreed (link.Done): the side that differs from it
// changed, and wins. When both changed they agree, so nothing conflicts.
// A Task completed in Jira since the last sync completes all its
// Sub-tasks. Practices not applicable are left as they are: Jira has no
// way to say it.
func (s *Service) pulls(ctx context.Context, st *syncState, issues map[string]*jira.Issue, rep *JiraSyncReport) []*pull {
	var out []*pull
	for _, rv := range st.reviews {
		for _, q := range rv.Lens.Lens.Questions() {
			task := st.links[linkKey{rv.Lens.ARN, q.ID, ""}]
			if task == nil {
				continue
			}
			taskDone := false
			if ti := issues[task.Key]; ti != nil && ti.Done && !task.Done {
				taskDone = true
			}
			a := rv.Answers[q.ID]
			p := &pull{lensARN: rv.Lens.ARN, questionID: q.ID}
			for _, c := range q.Choices {
				l := st.links[linkKey{rv.Lens.ARN, q.ID, c.ID}]
				if l == nil || issues[l.Key] == nil {
					continue
				}
				if a != nil && (!a.IsApplicable || a.Choices[c.ID].Status == wat.ChoiceNotApplicable) {
					continue
				}
				jiraDone := issues[l.Key].Done || taskDone
				watDone := practiceDone(a, c.ID)
				if jiraDone == watDone || watDone != l.Done {
					continue
				}
				name := s.lensAlias(ctx, rv.Lens.ARN) + "/" + q.ID + "/" + c.ID
				if jiraDone {
					p.add = append(p.add, c.ID)
					rep.Selected = append(rep.Selected, name)
				} else {
					p.remove = append(p.remove, c.ID)
					rep.Unselected = append(rep.Unselected, name)
				}
				p.keys = append(p.keys, l.Key)
			}
			if len(p.add)+len(p.remove) > 0 {
				out = append(out, p)
			}
		}
	}
	return out
}

// applyPulls changes the answers as Jira asks, in one transaction, under
// the rules of UpdateAnswer (selecting a practice drops "None of these"),
// and records each change in the audit log as an UpdateAnswer made by the
// caller through the Jira sync.
func (s *Service) applyPulls(ctx context.Context, sw *wat.Workload, run syncRun, pulls []*pull) error {
	p := jiraSyncPrincipal(sw.AccountID)
	if !run.sys {
		var err error
		if p, err = caller(ctx); err != nil {
			return err
		}
	}
	return s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.syncWorkload(ctx, tx, sw.ID, run, true)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		for _, pl := range pulls {
			r, err := tx.GetLensReview(ctx, w.ID, pl.lensARN)
			if err != nil {
				return err
			}
			li, err := s.pinnedLens(ctx, tx, pl.lensARN, r.LensVersion)
			if err != nil {
				return err
			}
			q, ok := li.Lens.Question(pl.questionID)
			if !ok {
				continue // the lens changed since the sync read it
			}
			a, err := tx.GetAnswer(ctx, w.ID, pl.lensARN, q.ID)
			switch {
			case wat.ErrorCodeOf(err) == wat.ENotFound:
				a = &wat.Answer{WorkloadID: w.ID, LensARN: pl.lensARN, QuestionID: q.ID, IsApplicable: true}
			case err != nil:
				return err
			}
			in := UpdateAnswerInput{WorkloadID: w.ID, LensAlias: s.lensAlias(ctx, pl.lensARN), QuestionID: q.ID,
				SelectedChoices: pulledSelection(q, a.SelectedChoices, pl)}
			if err := applyAnswerUpdate(q, a, in); err != nil {
				return err
			}
			if err := s.saveAnswers(ctx, tx, w, r, now, a); err != nil {
				return err
			}
			if err := tx.AppendAuditEvent(ctx, pullEvent(p, now, in, pl)); err != nil {
				return err
			}
		}
		w.UpdatedAt = now
		return tx.UpdateWorkload(ctx, w)
	})
}

// jiraSyncPrincipal is who the worker's syncs act as: the workload's
// account, named as the Jira sync in the audit log.
func jiraSyncPrincipal(accountID string) *wat.Principal {
	return &wat.Principal{AccountID: accountID, UserName: "wat-jira-sync", UserARN: "arn:aws:iam::" + accountID + ":wat-jira-sync"}
}

// pulledSelection is the selection after a pull: the current one with
// the practices added and removed, without "None of these" when a
// practice is added, in lens order.
func pulledSelection(q *lens.Question, current []string, pl *pull) []string {
	none, hasNone := q.NoneChoice()
	out := []string{}
	for _, c := range q.Choices {
		on := slices.Contains(current, c.ID) || slices.Contains(pl.add, c.ID)
		if slices.Contains(pl.remove, c.ID) || (hasNone && c.ID == none.ID && len(pl.add) > 0) {
			on = false
		}
		if on {
			out = append(out, c.ID)
		}
	}
	return out
}

// pullEvent is the audit record of an answer changed by a sync: the
// caller's UpdateAnswer, told apart by its user agent and parameters.
func pullEvent(p *wat.Principal, now time.Time, in UpdateAnswerInput, pl *pull) *wat.AuditEvent {
	params, _ := json.Marshal(map[string]any{
		"WorkloadId": in.WorkloadID, "LensAlias": in.LensAlias, "QuestionId": in.QuestionID,
		"SelectedChoices": in.SelectedChoices, "IntegratingService": "JIRA", "JiraIssueKeys": pl.keys,
	})
	return &wat.AuditEvent{EventTime: now, EventName: "UpdateAnswer", AccountID: p.AccountID, UserARN: p.UserARN,
		UserName: p.UserName, AccessKeyID: p.AccessKeyID, SourceIPAddress: "jira", UserAgent: "wat-jira-sync",
		RequestParameters: string(params)}
}

// notePulled ends a sync that only reads Jira (a webhook or reconcile of
// a MANUAL workload): the links of the practices it selected or
// unselected, and of their Tasks, record the state both sides now agree
// on, as a push would, so that the next sync does not take wat's change
// back for Jira's. An issue deleted in Jira is only reported (Missing):
// creating it again is a push, which such a workload does on
// UpdateIntegration.
func (s *Service) notePulled(ctx context.Context, st *syncState, pulls []*pull, issues map[string]*jira.Issue, rep *JiraSyncReport) error {
	for _, l := range st.links {
		if issues[l.Key] == nil {
			rep.Missing = append(rep.Missing, l.Key)
		}
	}
	slices.Sort(rep.Missing)
	var changed []*wat.JiraIssueLink
	for _, p := range pulls {
		for _, l := range st.links {
			if l.LensARN != p.lensARN || l.QuestionID != p.questionID {
				continue
			}
			if is := issues[l.Key]; is != nil && (l.ChoiceID == "" || slices.Contains(p.keys, l.Key)) && l.Done != is.Done {
				l.Done = is.Done
				changed = append(changed, l)
			}
		}
	}
	if len(changed) == 0 {
		return nil
	}
	return s.store.Update(ctx, func(tx wat.Tx) error {
		for _, l := range changed {
			if err := tx.PutJiraIssueLink(ctx, l); err != nil {
				return err
			}
		}
		return nil
	})
}
