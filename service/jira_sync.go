package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/jira"
)

// JiraSyncReport says what one sync did, by issue key: what it created,
// rewrote, closed and reopened in Jira; what it created again because
// someone deleted it there; and the practices it selected or unselected in
// wat because their Sub-task was completed or reopened in Jira
// ("lens-alias/question/choice").
type JiraSyncReport struct {
	Created, Updated, Closed, Reopened, Recreated []string
	Selected, Unselected                          []string
	// Missing are the issues deleted in Jira that a sync reading only
	// (no push) could not create again: reported, never ignored.
	Missing []string
}

// linkKey names a part of a workload kept in Jira, as JiraIssueLink does.
type linkKey struct{ lens, question, choice string }

func keyOf(l *wat.JiraIssueLink) linkKey { return linkKey{l.LensARN, l.QuestionID, l.ChoiceID} }

// syncState is what a sync reads of wat in one transaction: the workload,
// its connection and settings, its evaluated reviews, their selections
// and the issues already linked.
type syncState struct {
	w          *wat.Workload
	conn       *wat.JiraConnection
	plan       jiraPlan
	reviews    []*ReviewView
	selections map[string]*wat.JiraSelection // by lens ARN
	links      map[linkKey]*wat.JiraIssueLink
}

// syncRun says how a sync runs: for a caller (UpdateIntegration, which is
// authorised and audited as the caller) or for the worker (sys: the
// workload's account acts, as the Jira sync); and whether it writes wat's
// state to Jira (push) or only reads Jira's changes into wat.
type syncRun struct {
	sys, push bool
}

func (s *Service) syncJira(ctx context.Context, workloadID string, run syncRun) (*JiraSyncReport, error) {
	st, err := s.loadSync(ctx, workloadID, run)
	if err != nil {
		return nil, err
	}
	client, err := s.jiraClient(st.conn)
	if err != nil {
		return nil, jiraError(st.conn.URL, err)
	}
	project, err := client.Project(ctx, st.plan.projectKey)
	if err != nil {
		return nil, jiraFailure(st.conn.URL, err)
	}
	types, err := project.SyncTypes()
	if err != nil {
		return nil, jiraError(st.conn.URL, err)
	}
	found, err := client.Search(ctx, "project = "+jira.Quote(project.Key)+" AND labels = "+jira.Quote(workloadLabel(st.w.ID))+" ORDER BY key")
	if err != nil {
		return nil, jiraFailure(st.conn.URL, err)
	}
	issues := make(map[string]*jira.Issue, len(found))
	for i := range found {
		issues[found[i].Key] = &found[i]
	}
	if err := s.findUnlabelled(ctx, client, st, issues); err != nil {
		return nil, jiraFailure(st.conn.URL, err)
	}
	rep := &JiraSyncReport{}
	pulls := s.pulls(ctx, st, issues, rep)
	if len(pulls) > 0 {
		if err := s.applyPulls(ctx, st.w, run, pulls); err != nil {
			return nil, err
		}
	}
	if !run.push {
		return rep, s.notePulled(ctx, st, pulls, issues, rep)
	}
	if len(pulls) > 0 {
		// Read wat again: what is pushed next is the answers as they
		// now are, risks included.
		if st, err = s.loadSync(ctx, workloadID, run); err != nil {
			return nil, err
		}
	}
	p := &pusher{s: s, st: st, client: client, types: types, project: project.Key, issues: issues, rep: rep, now: s.nowUTC()}
	if err := p.push(ctx); err != nil {
		return nil, err
	}
	return rep, nil
}

// findUnlabelled looks up, one by one, the linked issues the search did
// not find: one whose labels someone edited is still there, and is kept
// (its fingerprint cleared, so the sync writes its labels again); only
// one Jira says does not exist is missing, to be created again.
func (s *Service) findUnlabelled(ctx context.Context, client *jira.Client, st *syncState, issues map[string]*jira.Issue) error {
	for _, l := range st.links {
		if issues[l.Key] != nil {
			continue
		}
		is, err := client.Issue(ctx, l.Key)
		switch {
		case jira.IsNotFound(err):
			continue
		case err != nil:
			return err
		}
		issues[l.Key] = is
		l.Fingerprint = ""
	}
	return nil
}

// loadSync reads a sync's state, refusing a workload whose issue
// management is off or whose account has no connection.
func (s *Service) loadSync(ctx context.Context, workloadID string, run syncRun) (*syncState, error) {
	st := &syncState{selections: map[string]*wat.JiraSelection{}, links: map[linkKey]*wat.JiraIssueLink{}}
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.syncWorkload(ctx, tx, workloadID, run, false)
		if err != nil {
			return err
		}
		st.w = w
		plan, connected, err := jiraPlanOf(ctx, tx, w)
		switch {
		case err != nil:
			return err
		case !connected:
			return wat.Invalid("IntegratingService", "the account %s that owns workload %s is not connected to Jira (IntegrationStatus NOT_CONFIGURED): an operator connects it with `wat admin jira-connect`", w.AccountID, w.ID)
		case !plan.enabled:
			return wat.Invalid("WorkloadId", "Jira issue management is disabled for workload %s: enable it in the workload's JiraConfiguration (ENABLED), or in the account's global settings for a workload that inherits them", w.ID)
		}
		st.plan = plan
		if st.conn, err = tx.GetJiraConnection(ctx, w.AccountID); err != nil {
			return err
		}
		snap, err := s.liveSnapshot(ctx, tx, w, "", true)
		if err != nil {
			return err
		}
		for _, arn := range w.Lenses {
			rv := snap.evaluated(ctx, s, arn)
			if rv == nil {
				continue
			}
			st.reviews = append(st.reviews, rv)
			sel, err := tx.GetJiraSelection(ctx, w.ID, arn)
			switch {
			case err == nil:
				st.selections[arn] = sel
			case wat.ErrorCodeOf(err) != wat.ENotFound:
				return err
			}
		}
		links, err := tx.ListJiraIssueLinks(ctx, w.ID)
		for _, l := range links {
			st.links[keyOf(l)] = l
		}
		return err
	})
	return st, err
}

// syncWorkload loads the workload a sync works on: for a caller, one it
// may contribute to (and UpdateIntegration on it); for the worker, as it
// is.
func (s *Service) syncWorkload(ctx context.Context, tx wat.Tx, workloadID string, run syncRun, lock bool) (*wat.Workload, error) {
	if run.sys {
		w, err := tx.GetWorkload(ctx, workloadID, lock)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return nil, workloadNotFound(workloadID)
		}
		return w, err
	}
	w, _, err := s.workloadFor(ctx, tx, act("UpdateIntegration"), workloadID, roleContributor, lock)
	return w, err
}

// saveLink records one issue's link at once, in its own transaction: an
// issue created in Jira and forgotten by wat would be created again.
func (s *Service) saveLink(ctx context.Context, l *wat.JiraIssueLink) error {
	return s.store.Update(ctx, func(tx wat.Tx) error { return tx.PutJiraIssueLink(ctx, l) })
}

// workloadLabel marks every issue of a workload, so one search finds them
// all, whichever pillar or parent they have.
func workloadLabel(workloadID string) string { return "wat-" + workloadID }

// jiraFailure classifies an error of a call to Jira: throttled still
// after the retries is ThrottlingException, unreachable or failing (5xx)
// is ServiceUnavailableException (both worth retrying later); anything
// else Jira refused is a ValidationException with Jira's words.
func jiraFailure(site string, err error) error {
	switch st := jira.StatusOf(err); {
	case st == 429:
		return &wat.Error{Code: wat.EThrottled, Message: fmt.Sprintf("Jira at %s keeps throttling the sync: try again later", site)}
	case st == 0 || st >= 500:
		return &wat.Error{Code: wat.EUnavailable, Message: fmt.Sprintf("Jira at %s is unavailable: %v", site, err)}
	}
	return jiraError(site, err)
}
