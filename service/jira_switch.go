package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// jiraReasonSettings is the jira_sync_jobs.reason of a push queued because
// a change of Jira settings, or a new connection, turned a workload's AUTO
// sync on.
const jiraReasonSettings = "settings"

// Turning AUTO sync on is a change the user waits to see in Jira: a
// workload whose settings come to say "push every change" is pushed at
// once, in the transaction that turned it on, rather than when it next
// changes. A workload that was syncing AUTO already is not queued again:
// the settings changed nothing of what it shows.

// jiraAccountState is what of an account its workloads' plans depend on.
type jiraAccountState struct {
	settings  *wat.JiraAccountSettings
	connected bool
}

// readJiraAccountState reads accountID's Jira settings and whether it is
// connected, in one statement (no workload's settings: none is named).
func readJiraAccountState(ctx context.Context, tx wat.Tx, accountID string) (jiraAccountState, error) {
	_, as, connected, err := tx.GetJiraPlanSettings(ctx, "", accountID)
	if err != nil {
		return jiraAccountState{}, err
	}
	return jiraAccountState{settings: as, connected: connected}, nil
}

// syncsAuto tells whether a plan pushes every change to Jira.
func syncsAuto(p jiraPlan, connected bool) bool {
	queue, push := jiraQueueOf(p, connected)
	return queue && push
}

// mayTurnAuto tells whether going from before to after can turn any
// workload's AUTO sync on: a workload syncs AUTO when the account is
// connected, its issue management is on and its sync type AUTO, each of the
// last two its own or the account's; unless one of those the account gives
// went from no to yes, none of them did for any workload. It spares the
// list of the account's workloads to changes that cannot matter (a
// project key, MANUAL, DISABLED, a reconnection).
func mayTurnAuto(before, after jiraAccountState) bool {
	if !after.connected {
		return false
	}
	b, a := before.settings, after.settings
	return !before.connected ||
		b.IssueManagement != wat.JiraEnabled && a.IssueManagement == wat.JiraEnabled ||
		b.SyncType != wat.JiraAuto && a.SyncType == wat.JiraAuto
}

// enqueueJiraTurnedOn queues, in tx, a push of every workload of
// accountID whose plan did not sync AUTO with the account as before and
// does with it as after. Workloads with settings of their own are queued
// only when what they take from the account turned them on. It costs one
// read of the account's workloads, when the change may matter, and one
// write per workload turned on.
func (s *Service) enqueueJiraTurnedOn(ctx context.Context, tx wat.Tx, accountID string, before, after jiraAccountState) error {
	if !mayTurnAuto(before, after) {
		return nil
	}
	all, err := tx.ListJiraWorkloadSettings(ctx, accountID)
	if err != nil {
		return err
	}
	now := s.nowUTC()
	for _, ws := range all {
		if syncsAuto(resolveJira(before.settings, ws), before.connected) ||
			!syncsAuto(resolveJira(after.settings, ws), after.connected) {
			continue
		}
		if err := tx.EnqueueJiraSync(ctx, ws.WorkloadID, true, jiraReasonSettings, now); err != nil {
			return err
		}
	}
	return nil
}

// enqueueJiraCreated queues a push of w, a workload created in tx, when it
// syncs AUTO (with settings of its own or its account's): a workload that
// did not exist synced nothing, so it is turned on as much as one whose
// settings changed.
func (s *Service) enqueueJiraCreated(ctx context.Context, tx wat.Tx, w *wat.Workload) error {
	plan, connected, err := jiraPlanOf(ctx, tx, w)
	if err != nil || !syncsAuto(plan, connected) {
		return err
	}
	return tx.EnqueueJiraSync(ctx, w.ID, true, jiraReasonSettings, s.nowUTC())
}
