package api_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/service"
)

// TestJiraSync drives a manual sync end to end, with the SDK against wat
// and a fake Jira of each flavour, on every backend: connecting, the
// issues a sync creates, a practice selected in wat closing its Sub-task,
// a Sub-task completed in Jira selecting its practice, reruns creating
// nothing twice, a deleted issue created again, Jira's throttling ridden
// out, and disconnecting.
func TestJiraSync(t *testing.T) {
	for _, flavor := range []jira.Flavor{jira.Cloud, jira.DataCenter} {
		t.Run(string(flavor), func(t *testing.T) {
			t.Parallel()
			forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
				testJiraSync(t, srv, jiratest.New(t, flavor))
			})
		})
	}
}

func testJiraSync(t *testing.T, srv *testserver.Server, fake *jiratest.Server) {
	ctx := context.Background()
	c := srv.Client
	if s := globalJira(t, c); s.IntegrationStatus != types.IntegrationStatusNotConfigured {
		t.Fatalf("before connecting, IntegrationStatus = %q, want NOT_CONFIGURED", s.IntegrationStatus)
	}
	connectJiraSecret(t, srv, fake)
	if s := globalJira(t, c); s.IntegrationStatus != types.IntegrationStatusConfigured || aws.ToString(s.Subdomain) != "127.0.0.1" ||
		aws.ToString(s.JiraProjectKey) != "WA" {
		t.Fatalf("after connecting, JiraConfiguration = %+v, want CONFIGURED on 127.0.0.1, project WA", s)
	}

	id := jiraWorkload(t, srv, types.IssueManagementTypeManual)
	q := srv.Service.Lenses().Framework().Lens.Questions()[0]
	choices := practices(q)
	answerAtRisk(t, c, id, q.ID, choices[0].ID)

	rep := jiraSync(t, srv, id)
	epics, tasks, subs := byType(fake.Issues())
	if len(epics) != 1 || len(tasks) != 1 || len(subs) != len(choices)-1 {
		t.Fatalf("after the first sync: %d epics, %d tasks, %d sub-tasks; want 1, 1, %d (report %+v)", len(epics), len(tasks), len(subs), len(choices)-1, rep)
	}
	task := tasks[0]
	if task.Parent != epics[0].Key || task.Summary != q.Title || !slices.Contains(task.Labels, "Operational_Excellence") {
		t.Errorf("task = %+v, want under %s, titled %q, labelled Operational_Excellence", task, epics[0].Key, q.Title)
	}
	for _, s := range subs {
		if s.Parent != task.Key || s.Status != "To Do" {
			t.Errorf("sub-task %+v: want an open child of %s", s, task.Key)
		}
	}
	if jc := answerOf(t, srv, id, q.ID).JiraConfiguration; jc == nil || aws.ToString(jc.JiraIssueUrl) != fake.URL+"/browse/"+task.Key || jc.LastSyncedTime == nil {
		t.Errorf("GetAnswer's JiraConfiguration = %+v, want %s/browse/%s with a sync time", jc, fake.URL, task.Key)
	}

	// wat → Jira: the practice selected closes its Sub-task.
	answerAtRisk(t, c, id, q.ID, choices[0].ID, choices[1].ID)
	jiraSync(t, srv, id)
	if s := issueTitled(t, fake, choices[1].Title); s.Status != "Done" {
		t.Errorf("the sub-task of a practice selected in wat is %q, want Done", s.Status)
	}

	// Jira → wat: the Sub-task completed selects its practice.
	fake.SetStatus(issueTitled(t, fake, choices[2].Title).Key, "Done")
	rep = jiraSync(t, srv, id)
	if got := answerOf(t, srv, id, q.ID); !slices.Contains(got.SelectedChoices, choices[2].ID) || len(rep.Selected) != 1 {
		t.Errorf("after completing the sub-task of %s in Jira: selected %v, report %+v", choices[2].ID, got.SelectedChoices, rep)
	}
	audited(t, srv, id)

	// Rerunning creates nothing; a deleted Sub-task comes back.
	created := fake.Calls("POST /issue")
	if rep := jiraSync(t, srv, id); len(rep.Created)+len(rep.Recreated) != 0 || fake.Calls("POST /issue") != created {
		t.Errorf("a rerun created issues: %+v", rep)
	}
	// A Task whose labels someone removed is found again, and labelled.
	fake.SetLabels(task.Key)
	if rep := jiraSync(t, srv, id); len(rep.Created)+len(rep.Recreated) != 0 || !slices.Contains(issueTitled(t, fake, q.Title).Labels, "Operational_Excellence") {
		t.Errorf("after removing a task's labels in Jira: report %+v, labels %v", rep, issueTitled(t, fake, q.Title).Labels)
	}
	fake.Delete(issueTitled(t, fake, choices[3].Title).Key)
	if rep := jiraSync(t, srv, id); len(rep.Recreated) != 1 {
		t.Errorf("after deleting a sub-task in Jira, the report says %+v, want one recreated", rep)
	}
	if n := len(fake.Issues()); n != 1+1+len(choices)-1 {
		t.Errorf("%d issues after recreating one, want %d", n, len(choices)+1)
	}

	// Throttling and unavailability are ridden out.
	fake.FailNext(1, 429, "1")
	fake.FailNext(2, 503, "")
	if _, err := c.UpdateIntegration(ctx, &wellarchitected.UpdateIntegrationInput{WorkloadId: &id,
		ClientRequestToken: aws.String("t-429"), IntegratingService: types.IntegratingServiceJira}); err != nil {
		t.Fatalf("UpdateIntegration through a 429 and two 503: %v", err)
	}

	// Disconnecting through UpdateGlobalSettings stops the syncs.
	if _, err := c.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{JiraConfiguration: &types.AccountJiraConfigurationInput{
		IntegrationStatus: types.IntegrationStatusInputNotConfigured}}); err != nil {
		t.Fatal(err)
	}
	if s := globalJira(t, c); s.IntegrationStatus != types.IntegrationStatusNotConfigured {
		t.Errorf("after disconnecting, IntegrationStatus = %q", s.IntegrationStatus)
	}
	_, err := c.UpdateIntegration(ctx, &wellarchitected.UpdateIntegrationInput{WorkloadId: &id,
		ClientRequestToken: aws.String("t-off"), IntegratingService: types.IntegratingServiceJira})
	wantAPIError(t, err, "ValidationException", 400)
}

func globalJira(t *testing.T, c *wellarchitected.Client) *types.AccountJiraConfigurationOutput {
	t.Helper()
	out, err := c.GetGlobalSettings(context.Background(), &wellarchitected.GetGlobalSettingsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if out.JiraConfiguration == nil {
		t.Fatal("GetGlobalSettings has no JiraConfiguration")
	}
	return out.JiraConfiguration
}

// jiraSync runs UpdateIntegration through the service as the admin, for its
// report (the API's output is empty).
func jiraSync(t *testing.T, srv *testserver.Server, id string) *service.JiraSyncReport {
	t.Helper()
	rep, err := srv.Service.UpdateIntegration(adminContext(srv), id)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func answerAtRisk(t *testing.T, c *wellarchitected.Client, id, qid string, selected ...string) {
	t.Helper()
	out, err := c.UpdateAnswer(context.Background(), &wellarchitected.UpdateAnswerInput{WorkloadId: &id,
		LensAlias: aws.String(lensAlias), QuestionId: &qid, SelectedChoices: selected})
	if err != nil {
		t.Fatal(err)
	}
	if r := out.Answer.Risk; r != types.RiskHigh && r != types.RiskMedium {
		t.Fatalf("answering %s with %v gives risk %s: the test needs a question at risk", qid, selected, r)
	}
}

// practices are a question's choices but "None of these".
func practices(q *lens.Question) []*lens.Choice {
	none, _ := q.NoneChoice()
	var out []*lens.Choice
	for _, c := range q.Choices {
		if none == nil || c.ID != none.ID {
			out = append(out, c)
		}
	}
	return out
}

func byType(issues []jiratest.Issue) (epics, tasks, subs []jiratest.Issue) {
	for _, is := range issues {
		switch {
		case is.Subtask:
			subs = append(subs, is)
		case is.Type == "Epic":
			epics = append(epics, is)
		default:
			tasks = append(tasks, is)
		}
	}
	return epics, tasks, subs
}

// summary is a title as the sync writes it in a Jira summary: on one line.
func summary(title string) string { return strings.Join(strings.Fields(title), " ") }

func issueTitled(t *testing.T, fake *jiratest.Server, title string) jiratest.Issue {
	t.Helper()
	for _, is := range fake.Issues() {
		if is.Summary == summary(title) {
			return is
		}
	}
	t.Fatalf("no issue titled %q", title)
	return jiratest.Issue{}
}

// audited checks that the practice a sync selected is in the audit log as
// an UpdateAnswer through Jira.
func audited(t *testing.T, srv *testserver.Server, id string) {
	t.Helper()
	srv.WaitAudit() // records are written just after their responses
	es, err := srv.Service.ListAuditEvents(context.Background(), wat.AuditFilter{EventName: "UpdateAnswer"}, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.UserAgent == "wat-jira-sync" && strings.Contains(e.RequestParameters, id) {
			return
		}
	}
	t.Errorf("no UpdateAnswer by wat-jira-sync in the audit log")
}

// TestJiraSelectedPillars: a lens review's selected pillars narrow what a
// sync creates; a pillar the lens lacks is refused.
func TestJiraSelectedPillars(t *testing.T) {
	t.Parallel()
	srv, fake := startSQLite(t), jiratest.New(t, jira.Cloud)
	ctx := context.Background()
	connectJiraSecret(t, srv, fake)
	id := jiraWorkload(t, srv, "") // the account's type
	fw := srv.Service.Lenses().Framework().Lens
	ops, sec := fw.Pillars[0].Questions[0], fw.Pillars[1].Questions[0]
	answerAtRisk(t, srv.Client, id, ops.ID, practices(ops)[0].ID)
	answerAtRisk(t, srv.Client, id, sec.ID, practices(sec)[0].ID)

	_, err := srv.Client.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
		JiraConfiguration: &types.JiraSelectedQuestionConfiguration{SelectedPillars: []types.SelectedPillar{{PillarId: aws.String("nope")}}}})
	wantValidation(t, err, "JiraConfiguration.SelectedPillars[0].PillarId")
	_, err = srv.Client.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
		JiraConfiguration: &types.JiraSelectedQuestionConfiguration{SelectedPillars: []types.SelectedPillar{{PillarId: aws.String(fw.Pillars[1].ID)}}}})
	if err != nil {
		t.Fatal(err)
	}
	jiraSync(t, srv, id)
	_, tasks, _ := byType(fake.Issues())
	if len(tasks) != 1 || tasks[0].Summary != summary(sec.Title) {
		t.Errorf("with only %s selected, the tasks are %+v", fw.Pillars[1].ID, tasks)
	}
}
