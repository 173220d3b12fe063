package api

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// The Jira integration's wire forms: the account's and workloads'
// JiraConfiguration, the Task shown on answers, and UpdateIntegration.

// UpdateIntegration runs a sync with Jira. The model's output is empty:
// what the sync did is in the server's log and in the answers' and
// improvements' JiraConfiguration.
func (h *handler) UpdateIntegration(ctx context.Context, in *wire.UpdateIntegrationInput) (*wire.UpdateIntegrationOutput, error) {
	if _, err := h.svc.UpdateIntegration(ctx, val(in.WorkloadId)); err != nil {
		return nil, err
	}
	return &wire.UpdateIntegrationOutput{}, nil
}

// accountJiraOut is the Jira part of GetGlobalSettings.
func accountJiraOut(v *service.JiraAccountView) *wire.AccountJiraConfigurationOutput {
	if v == nil {
		return nil
	}
	out := &wire.AccountJiraConfigurationOutput{
		IssueManagementStatus: wire.AccountJiraIssueManagementStatus(v.Settings.IssueManagement),
		IssueManagementType:   wire.IssueManagementType(v.Settings.SyncType),
		JiraProjectKey:        str(v.Settings.ProjectKey),
		IntegrationStatus:     wire.IntegrationStatusNotConfigured,
	}
	if v.Connected {
		out.IntegrationStatus = wire.IntegrationStatusConfigured
		out.Subdomain = str(v.Subdomain)
	}
	return out
}

// accountJiraIn is the Jira part of UpdateGlobalSettings; the generated
// validation has refused any other IntegrationStatus than NOT_CONFIGURED.
func accountJiraIn(c *wire.AccountJiraConfigurationInput) *service.JiraAccountUpdate {
	if c == nil {
		return nil
	}
	return &service.JiraAccountUpdate{
		IssueManagement: string(c.IssueManagementStatus),
		SyncType:        string(c.IssueManagementType),
		ProjectKey:      c.JiraProjectKey,
		Disconnect:      c.IntegrationStatus == wire.IntegrationStatusInputNotConfigured,
	}
}

// workloadJiraIn is the JiraConfiguration of CreateWorkload and
// UpdateWorkload.
func workloadJiraIn(c *wire.WorkloadJiraConfigurationInput) *service.JiraWorkloadUpdate {
	if c == nil {
		return nil
	}
	return &service.JiraWorkloadUpdate{
		IssueManagement: string(c.IssueManagementStatus),
		SyncType:        string(c.IssueManagementType),
		ProjectKey:      c.JiraProjectKey,
	}
}

// workloadJiraOut is a workload's own settings; nil when it has none.
func workloadJiraOut(s *wat.JiraWorkloadSettings) *wire.WorkloadJiraConfigurationOutput {
	if s == nil {
		return nil
	}
	return &wire.WorkloadJiraConfigurationOutput{
		IssueManagementStatus: wire.WorkloadIssueManagementStatus(s.IssueManagement),
		IssueManagementType:   wire.IssueManagementType(s.SyncType),
		JiraProjectKey:        str(s.ProjectKey),
	}
}

// issueOut is the Jira Task of a question, on answers and improvements.
func issueOut(l *wat.JiraIssueLink) *wire.JiraConfiguration {
	if l == nil {
		return nil
	}
	return &wire.JiraConfiguration{JiraIssueUrl: str(l.URL), LastSyncedTime: ts(l.SyncedAt)}
}

// selectedPillarsOut is a lens review's selection for Jira; nil when it
// has none.
func selectedPillarsOut(sel *wat.JiraSelection) *wire.JiraSelectedQuestionConfiguration {
	if sel == nil {
		return nil
	}
	out := &wire.JiraSelectedQuestionConfiguration{SelectedPillars: []wire.SelectedPillar{}}
	for _, p := range sel.Pillars {
		out.SelectedPillars = append(out.SelectedPillars, wire.SelectedPillar{PillarId: ptr(p.PillarID), SelectedQuestionIds: p.QuestionIDs})
	}
	return out
}

// selectedPillarsIn is UpdateLensReview's selection for Jira: nil keeps
// the review's; an empty list selects nothing.
func selectedPillarsIn(c *wire.JiraSelectedQuestionConfiguration) []wat.JiraSelectedPillar {
	if c == nil {
		return nil
	}
	out := []wat.JiraSelectedPillar{}
	for _, p := range c.SelectedPillars {
		out = append(out, wat.JiraSelectedPillar{PillarID: val(p.PillarId), QuestionIDs: p.SelectedQuestionIds})
	}
	return out
}

// GetJiraSyncStatus reads a workload's Jira sync status (wat's own
// operation): any reader of the workload.
func (h *handler) GetJiraSyncStatus(ctx context.Context, in *wire.GetJiraSyncStatusInput) (*wire.GetJiraSyncStatusOutput, error) {
	j, err := h.svc.JiraSyncStatus(ctx, val(in.WorkloadId))
	if err != nil {
		return nil, err
	}
	out := &wire.GetJiraSyncStatusOutput{WorkloadId: in.WorkloadId, LastError: str(j.LastError),
		Pending: ptr(j.Pending()), Syncing: ptr(j.LeaseOwner != "" && j.LeaseUntil.After(time.Now())),
		FailedAttempts: ptr(int32(j.Attempts))}
	if !j.LastSyncedAt.IsZero() {
		out.LastSyncedTime = ts(j.LastSyncedAt)
	}
	if !j.LastErrorAt.IsZero() {
		out.LastErrorTime = ts(j.LastErrorAt)
	}
	if j.Pending() && j.Attempts > 0 && !j.NotBefore.IsZero() {
		out.NextAttemptTime = ts(j.NotBefore)
	}
	return out, nil
}
