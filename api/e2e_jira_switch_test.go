package api_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
)

// TestJiraSwitchAccount: a change of the account's Jira settings queues, in
// its own transaction, a push of each workload it turns to AUTO sync, and
// of no other: not one with settings of its own that override what
// changed, not one that synced AUTO already, none on a change to MANUAL,
// DISABLED or another project.
func TestJiraSwitchAccount(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		connectJiraSecret(t, srv, jiratest.New(t, jira.Cloud))
		ids := switchWorkloads(t, srv)
		for _, step := range []struct {
			name string
			in   types.AccountJiraConfigurationInput
			want []string
		}{
			{"ENABLED and MANUAL", types.AccountJiraConfigurationInput{
				IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled, IssueManagementType: types.IssueManagementTypeManual}, nil},
			{"DISABLED", types.AccountJiraConfigurationInput{IssueManagementStatus: types.AccountJiraIssueManagementStatusDisabled}, nil},
			// Only the workload that enables issue management itself
			// and takes its sync type from the account syncs.
			{"AUTO while DISABLED", types.AccountJiraConfigurationInput{IssueManagementType: types.IssueManagementTypeAuto}, []string{"own-enabled"}},
			{"ENABLED while AUTO", types.AccountJiraConfigurationInput{
				IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled}, []string{"inherited"}},
			{"another project", types.AccountJiraConfigurationInput{JiraProjectKey: aws.String("OPS")}, nil},
			{"AUTO again", types.AccountJiraConfigurationInput{IssueManagementType: types.IssueManagementTypeAuto}, nil},
			{"MANUAL", types.AccountJiraConfigurationInput{IssueManagementType: types.IssueManagementTypeManual}, nil},
			{"AUTO", types.AccountJiraConfigurationInput{IssueManagementType: types.IssueManagementTypeAuto}, []string{"inherited", "own-enabled"}},
		} {
			got := queuedBy(t, srv, ids, func() {
				if _, err := srv.Client.UpdateGlobalSettings(context.Background(),
					&wellarchitected.UpdateGlobalSettingsInput{JiraConfiguration: &step.in}); err != nil {
					t.Fatalf("%s: %v", step.name, err)
				}
			})
			if diff := cmp.Diff(step.want, got); diff != "" {
				t.Errorf("%s: workloads queued (-want +got):\n%s", step.name, diff)
			}
		}
	})
}

// TestJiraSwitchConnect: without a connection nothing is queued, whatever
// the settings say; connecting the account queues its AUTO workloads, once,
// and connecting it again (or disconnecting it) queues nothing.
func TestJiraSwitchConnect(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		fake := jiratest.New(t, jira.Cloud)
		ids := switchWorkloads(t, srv)
		got := queuedBy(t, srv, ids, func() {
			if _, err := srv.Client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{JiraConfiguration: &types.AccountJiraConfigurationInput{
				IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled, IssueManagementType: types.IssueManagementTypeAuto}}); err != nil {
				t.Fatal(err)
			}
		})
		for name, id := range ids {
			if st := syncStatus(t, srv, id); st.Requested != 0 || len(got) != 0 {
				t.Fatalf("without a connection, %s was queued (%+v)", name, st)
			}
		}
		got = queuedBy(t, srv, ids, func() { connectJiraSecret(t, srv, fake) })
		if want := []string{"inherited", "own-auto", "own-enabled"}; !slices.Equal(got, want) {
			t.Errorf("connecting queued %v, want %v", got, want)
		}
		if got := queuedBy(t, srv, ids, func() { connectJiraSecret(t, srv, fake) }); len(got) != 0 {
			t.Errorf("connecting again queued %v", got)
		}
		runJiraWorker(t, srv, 3)
		if epics, _, _ := byType(fake.Issues()); len(epics) != 3 {
			t.Errorf("after connecting, the worker created %d epics, want 3", len(epics))
		}
		// Back to MANUAL, then AUTO in the call that disconnects.
		for _, in := range []types.AccountJiraConfigurationInput{
			{IssueManagementType: types.IssueManagementTypeManual},
			{IntegrationStatus: types.IntegrationStatusInputNotConfigured, IssueManagementType: types.IssueManagementTypeAuto},
		} {
			if got := queuedBy(t, srv, ids, func() {
				if _, err := srv.Client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{JiraConfiguration: &in}); err != nil {
					t.Fatal(err)
				}
			}); len(got) != 0 {
				t.Errorf("%+v queued %v", in, got)
			}
		}
	})
}

// TestJiraSwitchWorkload: a workload whose own settings turn AUTO sync on
// — when created so, or updated — is queued once; one turned to MANUAL,
// or enabled with the account's MANUAL, is not.
func TestJiraSwitchWorkload(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		connectJiraSecret(t, srv, jiratest.New(t, jira.Cloud))
		if _, err := srv.Client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{JiraConfiguration: &types.AccountJiraConfigurationInput{
			IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled, IssueManagementType: types.IssueManagementTypeManual}}); err != nil {
			t.Fatal(err)
		}
		ids := map[string]string{}
		if got := queuedBy(t, srv, ids, func() {
			ids["created-auto"] = jiraWorkload(t, srv, types.IssueManagementTypeAuto)
			ids["created-manual"] = jiraWorkload(t, srv, types.IssueManagementTypeManual)
			ids["inherited"] = createWorkload(t, srv.Client, workloadInput(testserver.RandomName("inherited")))
		}); !slices.Equal(got, []string{"created-auto"}) {
			t.Errorf("creating the workloads queued %v, want created-auto", got)
		}
		set := func(name string, c types.WorkloadJiraConfigurationInput) {
			t.Helper()
			if _, err := srv.Client.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(ids[name]),
				JiraConfiguration: &c}); err != nil {
				t.Fatal(err)
			}
		}
		for _, step := range []struct {
			name, workload string
			in             types.WorkloadJiraConfigurationInput
			want           []string
		}{
			{"enabled, MANUAL from the account", "inherited", types.WorkloadJiraConfigurationInput{
				IssueManagementStatus: types.WorkloadIssueManagementStatusEnabled}, nil},
			{"AUTO", "inherited", types.WorkloadJiraConfigurationInput{IssueManagementType: types.IssueManagementTypeAuto}, []string{"inherited"}},
			{"MANUAL", "created-auto", types.WorkloadJiraConfigurationInput{IssueManagementType: types.IssueManagementTypeManual}, nil},
			{"ENABLED and AUTO", "created-manual", types.WorkloadJiraConfigurationInput{
				IssueManagementStatus: types.WorkloadIssueManagementStatusEnabled, IssueManagementType: types.IssueManagementTypeAuto}, []string{"created-manual"}},
		} {
			if got := queuedBy(t, srv, ids, func() { set(step.workload, step.in) }); !slices.Equal(got, step.want) {
				t.Errorf("%s of %s queued %v, want %v", step.name, step.workload, got, step.want)
			}
		}
		for name, want := range map[string]int64{"created-auto": 1, "created-manual": 1, "inherited": 1} {
			if st := syncStatus(t, srv, ids[name]); st.Requested != want {
				t.Errorf("%s was queued %d times, want %d", name, st.Requested, want)
			}
		}
	})
}

// TestJiraSwitchSyncs: once the account switches to AUTO, the worker
// creates the issues of a workload that follows it without the workload
// changing again.
func TestJiraSwitchSyncs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		fake := jiratest.New(t, jira.Cloud)
		connectJiraSecret(t, srv, fake)
		settings := func(typ types.IssueManagementType) {
			t.Helper()
			if _, err := srv.Client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{JiraConfiguration: &types.AccountJiraConfigurationInput{
				IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled, IssueManagementType: typ}}); err != nil {
				t.Fatal(err)
			}
		}
		settings(types.IssueManagementTypeManual)
		id := createWorkload(t, srv.Client, workloadInput(testserver.RandomName("follows")))
		q := srv.Service.Lenses().Framework().Lens.Questions()[0]
		choices := practices(q)
		answerAtRisk(t, srv.Client, id, q.ID, choices[0].ID)
		runJiraWorker(t, srv, 0)

		settings(types.IssueManagementTypeAuto)
		runJiraWorker(t, srv, 1)
		epics, tasks, subs := byType(fake.Issues())
		if len(epics) != 1 || len(tasks) != 1 || len(subs) != len(choices)-1 || !slices.Contains(epics[0].Labels, "wat-"+id) {
			t.Fatalf("after switching to AUTO: %d epics, %d tasks, %d sub-tasks; want the workload's epic, 1 task, %d sub-tasks",
				len(epics), len(tasks), len(subs), len(choices)-1)
		}
		if st := syncStatus(t, srv, id); st.Pending() || st.LastError != "" || st.LastSyncedAt.IsZero() {
			t.Errorf("status after the sync: %+v", st)
		}
	})
}

// switchWorkloads creates the workloads the switch tests follow: one
// inheriting everything from the account, one with issue management
// DISABLED, one ENABLED and MANUAL, one ENABLED and AUTO, and one ENABLED
// with the account's sync type.
func switchWorkloads(t *testing.T, srv *testserver.Server) map[string]string {
	t.Helper()
	ids := map[string]string{"inherited": createWorkload(t, srv.Client, workloadInput(testserver.RandomName("inherited")))}
	for name, c := range map[string]*types.WorkloadJiraConfigurationInput{
		"own-disabled": {IssueManagementStatus: types.WorkloadIssueManagementStatusDisabled},
		"own-manual":   {IssueManagementStatus: types.WorkloadIssueManagementStatusEnabled, IssueManagementType: types.IssueManagementTypeManual},
		"own-auto":     {IssueManagementStatus: types.WorkloadIssueManagementStatusEnabled, IssueManagementType: types.IssueManagementTypeAuto},
		"own-enabled":  {IssueManagementStatus: types.WorkloadIssueManagementStatusEnabled},
	} {
		in := workloadInput(testserver.RandomName(name))
		in.JiraConfiguration = c
		ids[name] = createWorkload(t, srv.Client, in)
	}
	return ids
}

// queuedBy runs fn and returns, sorted, the names of ids whose Jira sync
// it queued, each once, as a pending push. ids is read after fn runs too,
// so that fn may create workloads (asked for nothing before).
func queuedBy(t *testing.T, srv *testserver.Server, ids map[string]string, fn func()) []string {
	t.Helper()
	before := map[string]int64{}
	for name, id := range ids {
		before[name] = syncStatus(t, srv, id).Requested
	}
	fn()
	var out []string
	for name, id := range ids {
		st := syncStatus(t, srv, id)
		if st.Requested == before[name] {
			continue
		}
		out = append(out, name)
		if st.Requested != before[name]+1 || !st.Pending() || !st.Push {
			t.Errorf("%s: sync status %+v after %d requests, want one more, a pending push", name, st, before[name])
		}
	}
	slices.Sort(out)
	return out
}
