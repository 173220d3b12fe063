package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

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

// jiraWorker is the worker the tests run synchronously, as `wat serve`
// runs it in a loop.
var jiraWorker = service.JiraWorker{ID: "test-worker"}

// TestJiraAuto: an AUTO workload is synced by the worker after each change
// (an answer, a note, a rename) without UpdateIntegration, on every
// backend; a MANUAL one is not.
func TestJiraAuto(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		fake := jiratest.New(t, jira.Cloud)
		id, _, q, choices := autoAndManual(t, srv, fake)

		runJiraWorker(t, srv, 1)
		epics, tasks, subs := byType(fake.Issues())
		if len(epics) != 1 || len(tasks) != 1 || len(subs) != len(choices)-1 {
			t.Fatalf("after an answer of an AUTO workload: %d epics, %d tasks, %d sub-tasks; want 1, 1, %d", len(epics), len(tasks), len(subs), len(choices)-1)
		}
		if !slices.Contains(epics[0].Labels, "wat-"+id) {
			t.Errorf("the epic %+v is not the AUTO workload's", epics[0])
		}
		if st := syncStatus(t, srv, id); st.LastSyncedAt.IsZero() || st.Pending() || st.LastError != "" {
			t.Errorf("status after the sync: %+v", st)
		}

		// A practice selected in wat closes its Sub-task; a note and a
		// rename are carried.
		if _, err := srv.Client.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
			QuestionId: &q.ID, SelectedChoices: []string{choices[0].ID, choices[1].ID}, Notes: aws.String("owned by the platform team")}); err != nil {
			t.Fatal(err)
		}
		if _, err := srv.Client.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: &id, WorkloadName: aws.String(testserver.RandomName("renamed"))}); err != nil {
			t.Fatal(err)
		}
		runJiraWorker(t, srv, 1)
		if s := issueTitled(t, fake, choices[1].Title); s.Status != "Done" {
			t.Errorf("the sub-task of a practice selected in wat is %q, want Done", s.Status)
		}
		if task := issueTitled(t, fake, q.Title); !strings.Contains(task.Description, "owned by the platform team") {
			t.Errorf("the task's description lacks the answer's notes: %q", task.Description)
		}
		if e, _, _ := byType(fake.Issues()); !strings.Contains(e[0].Summary, "renamed-") {
			t.Errorf("the epic is %q after renaming the workload", e[0].Summary)
		}
		if n := len(fake.Issues()); n != 1+1+len(choices)-1 {
			t.Errorf("%d issues: the changes created some twice", n)
		}
		if runJiraWorker(t, srv, -1); fake.Calls("POST /issue") != len(choices)+1 {
			t.Errorf("an idle worker created issues: %d creations", fake.Calls("POST /issue"))
		}
	})
}

// TestJiraWebhook: a Sub-task completed in Jira reaches wat through the
// webhook (its secret checked), queued and pulled by the worker; on a
// MANUAL workload the pull writes nothing to Jira, and a later change in
// wat still wins on UpdateIntegration. A wrong secret is refused.
func TestJiraWebhook(t *testing.T) {
	for _, flavor := range []jira.Flavor{jira.Cloud, jira.DataCenter} {
		t.Run(string(flavor), func(t *testing.T) {
			t.Parallel()
			forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
				testJiraWebhook(t, srv, jiratest.New(t, flavor))
			})
		})
	}
}

func testJiraWebhook(t *testing.T, srv *testserver.Server, fake *jiratest.Server) {
	secret := connectJiraSecret(t, srv, fake)
	hook := srv.URL + "/integrations/jira/webhook/" + srv.Admin.AccountID
	id := jiraWorkload(t, srv, types.IssueManagementTypeManual)
	q := srv.Service.Lenses().Framework().Lens.Questions()[0]
	choices := practices(q)
	answerAtRisk(t, srv.Client, id, q.ID, choices[0].ID)
	jiraSync(t, srv, id)

	fake.SetWebhook(hook + "?secret=wrong")
	fake.SetStatus(issueTitled(t, fake, choices[1].Title).Key, "Done")
	if d := fake.Deliveries(); len(d) != 1 || d[0].Status != http.StatusForbidden {
		t.Fatalf("a delivery with a wrong secret: %+v, want 403", d)
	}
	if st := syncStatus(t, srv, id); st.Pending() {
		t.Fatalf("a delivery with a wrong secret queued work: %+v", st)
	}

	fake.SetWebhook(hook + "?secret=" + secret)
	fake.SetStatus(issueTitled(t, fake, choices[2].Title).Key, "Done")
	if d := fake.Deliveries(); d[len(d)-1].Status != http.StatusNoContent {
		t.Fatalf("the delivery: %+v, want 204", d[len(d)-1])
	}
	if st := syncStatus(t, srv, id); !st.Pending() || st.Push {
		t.Fatalf("after the webhook of a MANUAL workload: %+v, want a pending read of Jira", st)
	}
	created := fake.Calls("POST /issue")
	runJiraWorker(t, srv, 1)
	got := answerOf(t, srv, id, q.ID)
	if !slices.Contains(got.SelectedChoices, choices[1].ID) || !slices.Contains(got.SelectedChoices, choices[2].ID) {
		t.Errorf("after completing two sub-tasks in Jira, selected %v", got.SelectedChoices)
	}
	if fake.Calls("POST /issue") != created || fake.Calls("POST /issue/{key}/transitions") != 0 {
		t.Errorf("a read of Jira for a MANUAL workload wrote to Jira")
	}

	// wat's change after the pull wins: unselecting reopens the Sub-task.
	answerAtRisk(t, srv.Client, id, q.ID, choices[0].ID, choices[1].ID)
	jiraSync(t, srv, id)
	if s := issueTitled(t, fake, choices[2].Title); s.Status != "To Do" {
		t.Errorf("the sub-task of a practice unselected in wat after the pull is %q, want To Do", s.Status)
	}
	if got := answerOf(t, srv, id, q.ID); slices.Contains(got.SelectedChoices, choices[2].ID) {
		t.Errorf("the sync took back wat's change: selected %v", got.SelectedChoices)
	}

	// The header works as well as the query string.
	req, _ := http.NewRequest(http.MethodPost, hook, strings.NewReader(`{"webhookEvent":"jira:issue_updated","issue":{"key":"`+issueTitled(t, fake, q.Title).Key+`"}}`))
	req.Header.Set("X-Wat-Webhook-Secret", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || !syncStatus(t, srv, id).Pending() {
		t.Errorf("a delivery with the secret in X-Wat-Webhook-Secret: %d", resp.StatusCode)
	}
}

// TestJiraWebhookBodyBound: a delivery larger than Jira's issue events
// ever are is refused before its secret is even looked at.
func TestJiraWebhookBodyBound(t *testing.T) {
	srv := startSQLite(t)
	secret := connectJiraSecret(t, srv, jiratest.New(t, jira.Cloud))
	hook := srv.URL + "/integrations/jira/webhook/" + srv.Admin.AccountID + "?secret=" + secret
	for _, c := range []struct {
		pad  int
		want int
	}{{1 << 10, http.StatusNoContent}, {1 << 20, http.StatusBadRequest}} {
		body := `{"webhookEvent":"jira:issue_updated","issue":{"key":"WA-1"},"pad":"` + strings.Repeat("x", c.pad) + `"}`
		resp, err := http.Post(hook, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("a delivery of %d bytes: %d, want %d", len(body), resp.StatusCode, c.want)
		}
	}
}

// TestJiraReconcile: with webhooks missed, the reconcile finds a Sub-task
// completed in Jira; an issue deleted in Jira is created again for an
// AUTO workload and reported for a MANUAL one.
func TestJiraReconcile(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		fake := jiratest.New(t, jira.Cloud)
		auto, manual, q, choices := autoAndManual(t, srv, fake)
		runJiraWorker(t, srv, 1)
		jiraSync(t, srv, manual)

		subOf := func(workload string, c int) jiratest.Issue {
			for _, is := range fake.Issues() {
				if is.Subtask && slices.Contains(is.Labels, "wat-"+workload) && is.Summary == summary(choices[c].Title) {
					return is
				}
			}
			t.Fatalf("no sub-task of %s for %s", choices[c].ID, workload)
			return jiratest.Issue{}
		}
		fake.SetStatus(subOf(auto, 1).Key, "Done") // no webhook registered: missed
		fake.Delete(subOf(auto, 2).Key)
		fake.Delete(subOf(manual, 2).Key)
		if n, err := srv.Service.ReconcileJira(ctx, time.Hour); err != nil || n != 0 {
			t.Fatalf("a reconcile right after the syncs queued %d (%v), want none", n, err)
		}
		if n, err := srv.Service.ReconcileJira(ctx, time.Nanosecond); err != nil || n != 2 {
			t.Fatalf("the reconcile queued %d workloads (%v), want 2", n, err)
		}
		runJiraWorker(t, srv, 2)
		if got := answerOf(t, srv, auto, q.ID); !slices.Contains(got.SelectedChoices, choices[1].ID) {
			t.Errorf("the reconcile missed the sub-task completed in Jira: selected %v", got.SelectedChoices)
		}
		if s := subOf(auto, 2); s.Status != "To Do" {
			t.Errorf("the deleted sub-task of the AUTO workload came back as %+v", s)
		}
		if st := syncStatus(t, srv, manual); !strings.Contains(st.LastError, "deleted in Jira") {
			t.Errorf("the MANUAL workload's status does not report the deleted issue: %+v", st)
		}
	})
}

// autoAndManual connects the admin's account to fake, creates an AUTO and
// a MANUAL workload and puts the first question of both at risk, with its
// first practice selected; the worker has not run yet.
func autoAndManual(t *testing.T, srv *testserver.Server, fake *jiratest.Server) (auto, manual string, q *lens.Question, choices []*lens.Choice) {
	t.Helper()
	connectJiraSecret(t, srv, fake)
	auto = jiraWorkload(t, srv, types.IssueManagementTypeAuto)
	manual = jiraWorkload(t, srv, types.IssueManagementTypeManual)
	q = srv.Service.Lenses().Framework().Lens.Questions()[0]
	choices = practices(q)
	answerAtRisk(t, srv.Client, auto, q.ID, choices[0].ID)
	answerAtRisk(t, srv.Client, manual, q.ID, choices[0].ID)
	return auto, manual, q, choices
}

func jiraWorkload(t *testing.T, srv *testserver.Server, mode types.IssueManagementType) string {
	t.Helper()
	in := workloadInput(testserver.RandomName("jira-" + strings.ToLower(string(mode))))
	in.JiraConfiguration = &types.WorkloadJiraConfigurationInput{
		IssueManagementStatus: types.WorkloadIssueManagementStatusEnabled, IssueManagementType: mode}
	w, err := srv.Client.CreateWorkload(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(w.WorkloadId)
}

// connectJiraSecret connects the admin's account and returns the webhook
// secret printed once.
func connectJiraSecret(t *testing.T, srv *testserver.Server, fake *jiratest.Server) string {
	t.Helper()
	in := service.JiraConnectInput{AccountID: srv.Admin.AccountID, URL: fake.URL, Flavor: fake.Flavor, Token: jiratest.PAT}
	if fake.Flavor == jira.Cloud {
		in.Email, in.Token = jiratest.Email, jiratest.Token
	}
	v, err := srv.Service.ConnectJira(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v.WebhookSecret, "whj_") {
		t.Fatalf("ConnectJira's webhook secret = %q", v.WebhookSecret)
	}
	return v.WebhookSecret
}

// runJiraWorker runs the worker until no work is due and checks it ran
// want syncs (any number when negative).
func runJiraWorker(t *testing.T, srv *testserver.Server, want int) {
	t.Helper()
	n, err := srv.Service.RunJiraSyncs(context.Background(), jiraWorker)
	if err != nil || (want >= 0 && n != want) {
		t.Fatalf("the worker ran %d syncs (%v), want %d", n, err, want)
	}
}

func syncStatus(t *testing.T, srv *testserver.Server, id string) *wat.JiraSyncJob {
	t.Helper()
	st, err := srv.Service.JiraSyncStatus(adminContext(srv), id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func answerOf(t *testing.T, srv *testserver.Server, id, qid string) *types.Answer {
	t.Helper()
	out, err := srv.Client.GetAnswer(context.Background(), &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), QuestionId: &qid})
	if err != nil {
		t.Fatal(err)
	}
	return out.Answer
}

func adminContext(srv *testserver.Server) context.Context {
	return wat.NewContextWithPrincipal(context.Background(), &wat.Principal{
		AccountID: srv.Admin.AccountID, UserName: "admin", UserARN: srv.Admin.UserARN, IsAdmin: true})
}

// TestJiraLensReviewSelection: GetLensReview (and UpdateLensReview's
// answer) return the lens review's JiraConfiguration as UpdateLensReview
// selected it; none before.
func TestJiraLensReviewSelection(t *testing.T) {
	srv := startSQLite(t)
	ctx := context.Background()
	id := jiraWorkload(t, srv, types.IssueManagementTypeManual)
	get := func() *types.JiraSelectedQuestionConfiguration {
		t.Helper()
		out, err := srv.Client.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias)})
		if err != nil {
			t.Fatal(err)
		}
		return out.LensReview.JiraConfiguration
	}
	if jc := get(); jc != nil {
		t.Errorf("before any selection, JiraConfiguration = %+v", jc)
	}
	fw := srv.Service.Lenses().Framework().Lens
	sec := fw.Pillars[1]
	up, err := srv.Client.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(lensAlias),
		JiraConfiguration: &types.JiraSelectedQuestionConfiguration{SelectedPillars: []types.SelectedPillar{
			{PillarId: aws.String(fw.Pillars[0].ID)},
			{PillarId: aws.String(sec.ID), SelectedQuestionIds: []string{sec.Questions[1].ID}},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	for name, jc := range map[string]*types.JiraSelectedQuestionConfiguration{"UpdateLensReview": up.LensReview.JiraConfiguration, "GetLensReview": get()} {
		if jc == nil || len(jc.SelectedPillars) != 2 || aws.ToString(jc.SelectedPillars[0].PillarId) != fw.Pillars[0].ID ||
			len(jc.SelectedPillars[0].SelectedQuestionIds) != 0 || aws.ToString(jc.SelectedPillars[1].PillarId) != sec.ID ||
			!slices.Equal(jc.SelectedPillars[1].SelectedQuestionIds, []string{sec.Questions[1].ID}) {
			t.Errorf("%s's JiraConfiguration = %+v", name, jc)
		}
	}
}
