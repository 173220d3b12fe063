package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/lens"
)

// pusher writes a workload's state to Jira: one sync's worth of calls.
type pusher struct {
	s       *Service
	st      *syncState
	client  *jira.Client
	types   jira.Types
	project string
	issues  map[string]*jira.Issue // what the search found, by key
	rep     *JiraSyncReport
	now     time.Time
	// synced are the links this sync kept; those of questions it did not
	// cover keep their last sync time.
	synced []*wat.JiraIssueLink
}

// push makes Jira show the workload's improvement plan: the Epic; per
// question of the selected pillars at risk (high or medium: the
// improvement plan's), or already in Jira, a Task; per practice still to
// put in place a Sub-task, closed once it is in place. The links it kept
// are recorded with this sync's time at the end.
func (p *pusher) push(ctx context.Context) error {
	w := p.st.w
	epic, err := p.ensure(ctx, linkKey{}, jira.IssueInput{
		Type: p.types.Epic, Epic: true, Summary: oneLine("Well-Architected: " + w.Name),
		Description: w.Description, Labels: []string{workloadLabel(w.ID)},
	})
	if err != nil {
		return err
	}
	for _, rv := range p.st.reviews {
		for _, pl := range rv.Lens.Lens.Pillars {
			for _, q := range pl.Questions {
				if !selected(p.st.selections[rv.Lens.ARN], q) {
					continue
				}
				if err := p.question(ctx, rv, pl, q, epic.Key); err != nil {
					return err
				}
			}
		}
	}
	return p.s.store.Update(ctx, func(tx wat.Tx) error {
		for _, l := range p.synced {
			l.SyncedAt = p.now
			if err := tx.PutJiraIssueLink(ctx, l); err != nil {
				return err
			}
		}
		return nil
	})
}

// question keeps one question's Task and its Sub-tasks.
func (p *pusher) question(ctx context.Context, rv *ReviewView, pl *lens.Pillar, q *lens.Question, epicKey string) error {
	v := answerView(rv, q, p.st.w.ID)
	todo := v.Improvements() // q's own choices: compared as pointers below
	atRisk := (v.Risk == wat.RiskHigh || v.Risk == wat.RiskMedium) && len(todo) > 0
	tk := linkKey{rv.Lens.ARN, q.ID, ""}
	if p.st.links[tk] == nil && !atRisk {
		return nil
	}
	labels := []string{workloadLabel(p.st.w.ID), pillarLabel(pl)}
	desc := q.Description + "\n\nLens: " + rv.Lens.Lens.Name + "\nPillar: " + pl.Name + "\nRisk: " + string(v.Risk)
	if v.Answer.Notes != "" {
		desc += "\n\nNotes:\n" + v.Answer.Notes
	}
	task, err := p.ensure(ctx, tk, jira.IssueInput{Type: p.types.Task, Summary: oneLine(q.Title), Description: desc,
		Labels: labels, Parent: epicKey})
	if err != nil {
		return err
	}
	allDone := true
	for _, c := range q.Choices {
		ck := linkKey{rv.Lens.ARN, q.ID, c.ID}
		done := practiceDone(v.Answer, c.ID)
		if p.st.links[ck] == nil && (done || !slices.Contains(todo, c)) {
			continue
		}
		desc := c.Description
		if c.ImprovementPlan.URL != "" {
			desc += "\n\nImprovement plan: " + c.ImprovementPlan.URL
		}
		if n := v.Answer.Choices[c.ID].Notes; n != "" {
			desc += "\n\nNotes:\n" + n
		}
		sub, err := p.ensure(ctx, ck, jira.IssueInput{Type: p.types.Subtask, Summary: oneLine(c.Title), Description: desc,
			Labels: labels, Parent: task.Key})
		if err != nil {
			return err
		}
		if err := p.setDone(ctx, sub, done); err != nil {
			return err
		}
		allDone = allDone && done
	}
	return p.setDone(ctx, task, allDone)
}

// ensure returns the link of part k with its issue in Jira as in says:
// created when there is none (or none any more: deleted in Jira, it is
// created again and reported), rewritten when what wat writes changed.
func (p *pusher) ensure(ctx context.Context, k linkKey, in jira.IssueInput) (*wat.JiraIssueLink, error) {
	in.Project = p.project
	fp := fingerprint(in.Summary, in.Description, in.Labels, in.Parent)
	l := p.st.links[k]
	if l != nil && p.issues[l.Key] != nil {
		p.synced = append(p.synced, l)
		if l.Fingerprint != fp {
			if err := p.client.UpdateIssue(ctx, l.Key, in); err != nil {
				return nil, jiraFailure(p.st.conn.URL, err)
			}
			l.Fingerprint = fp
			p.rep.Updated = append(p.rep.Updated, l.Key)
		}
		return l, nil
	}
	created, err := p.client.CreateIssue(ctx, in)
	if err != nil {
		return nil, jiraFailure(p.st.conn.URL, err)
	}
	if l != nil {
		p.rep.Recreated = append(p.rep.Recreated, l.Key+"→"+created.Key)
	} else {
		p.rep.Created = append(p.rep.Created, created.Key)
	}
	l = &wat.JiraIssueLink{WorkloadID: p.st.w.ID, LensARN: k.lens, QuestionID: k.question, ChoiceID: k.choice,
		ProjectKey: p.project, Key: created.Key, ID: created.ID, URL: p.client.BrowseURL(created.Key),
		Fingerprint: fp, SyncedAt: p.now}
	if err := p.s.saveLink(ctx, l); err != nil {
		return nil, err
	}
	p.st.links[k] = l
	p.synced = append(p.synced, l)
	p.issues[l.Key] = &jira.Issue{Key: created.Key, ID: created.ID}
	return l, nil
}

// setDone moves an issue to done or back to do, as wat now is, and
// records that both sides agree.
func (p *pusher) setDone(ctx context.Context, l *wat.JiraIssueLink, done bool) error {
	is := p.issues[l.Key]
	if is.Done != done {
		category := jira.CategoryToDo
		if done {
			category = jira.CategoryDone
		}
		if _, err := p.client.Transition(ctx, l.Key, category); err != nil {
			return jiraFailure(p.st.conn.URL, err)
		}
		is.Done = done
		if done {
			p.rep.Closed = append(p.rep.Closed, l.Key)
		} else {
			p.rep.Reopened = append(p.rep.Reopened, l.Key)
		}
	}
	l.Done = done
	return nil
}

// selected is whether a sync covers question q of a review with selection
// sel: every question without one; else those of the selected pillars
// (all of a pillar's when it names none).
func selected(sel *wat.JiraSelection, q *lens.Question) bool {
	if sel == nil {
		return true
	}
	for _, p := range sel.Pillars {
		if p.PillarID == q.PillarID {
			return len(p.QuestionIDs) == 0 || slices.Contains(p.QuestionIDs, q.ID)
		}
	}
	return false
}

// pillarLabel is a pillar's name as a Jira label, which may not hold
// spaces.
func pillarLabel(p *lens.Pillar) string {
	return strings.Join(strings.Fields(p.Name), "_")
}

// oneLine fits text to a Jira summary: one line, at most 255 characters.
func oneLine(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 255 {
		text = string(r[:254]) + "…"
	}
	return text
}
