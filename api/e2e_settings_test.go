package api_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// settings is what GetGlobalSettings shows, in a comparable form.
type settings struct {
	OrganizationSharing, DiscoveryIntegration string
	// Jira is the JiraConfiguration's IntegrationStatus.
	Jira string
}

func getSettings(t *testing.T, c *wellarchitected.Client) settings {
	t.Helper()
	out, err := c.GetGlobalSettings(context.Background(), &wellarchitected.GetGlobalSettingsInput{})
	if err != nil {
		t.Fatalf("GetGlobalSettings: %v", err)
	}
	s := settings{OrganizationSharing: string(out.OrganizationSharingStatus), DiscoveryIntegration: string(out.DiscoveryIntegrationStatus)}
	if out.JiraConfiguration != nil {
		s.Jira = string(out.JiraConfiguration.IntegrationStatus)
	}
	return s
}

// settingsAccount creates an account through the admin use case and
// returns a client signed as its admin, and its ID.
func settingsAccount(t *testing.T, srv *testserver.Server, name string) (*wellarchitected.Client, string) {
	t.Helper()
	creds, err := srv.Service.CreateAccount(context.Background(), name)
	if err != nil {
		t.Fatalf("CreateAccount(%s): %v", name, err)
	}
	return srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey), creds.AccountID
}

func TestGlobalSettings(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		disabled := settings{"DISABLED", "DISABLED", "NOT_CONFIGURED"}

		mgmt, mgmtID := settingsAccount(t, srv, "management")
		member, memberID := settingsAccount(t, srv, "member")
		loner, lonerID := settingsAccount(t, srv, "loner")
		org, err := srv.Service.CreateOrganization(ctx, "Example", mgmtID)
		if err != nil {
			t.Fatal(err)
		}
		ou, err := srv.Service.CreateOU(ctx, org.ID, "engineering")
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.Service.AddAccountToOrganization(ctx, memberID, org.ID, ou.ID); err != nil {
			t.Fatal(err)
		}

		t.Run("defaults", func(t *testing.T) {
			for _, c := range []*wellarchitected.Client{srv.Client, mgmt, member, loner} {
				if diff := cmp.Diff(disabled, getSettings(t, c)); diff != "" {
					t.Errorf("GetGlobalSettings of a new account (-want +got):\n%s", diff)
				}
			}
		})

		t.Run("organization sharing follows the management account", func(t *testing.T) {
			if _, err := mgmt.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{
				OrganizationSharingStatus: types.OrganizationSharingStatusEnabled}); err != nil {
				t.Fatalf("UpdateGlobalSettings by the management account: %v", err)
			}
			want := settings{"ENABLED", "DISABLED", "NOT_CONFIGURED"}
			for name, c := range map[string]*wellarchitected.Client{"management": mgmt, "member": member} {
				if diff := cmp.Diff(want, getSettings(t, c)); diff != "" {
					t.Errorf("GetGlobalSettings of the %s account (-want +got):\n%s", name, diff)
				}
			}
			if diff := cmp.Diff(disabled, getSettings(t, loner)); diff != "" {
				t.Errorf("GetGlobalSettings of an account in no organization (-want +got):\n%s", diff)
			}
			// A member that leaves no longer sees it enabled.
			if _, err := srv.Service.RemoveAccountFromOrganization(ctx, memberID); err != nil {
				t.Fatal(err)
			}
			if got := getSettings(t, member).OrganizationSharing; got != "DISABLED" {
				t.Errorf("OrganizationSharingStatus of an account that left = %s, want DISABLED", got)
			}
			if err := srv.Service.AddAccountToOrganization(ctx, memberID, org.ID, ""); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("only a management account changes organization sharing", func(t *testing.T) {
			for name, c := range map[string]*wellarchitected.Client{memberID: member, lonerID: loner} {
				for _, status := range []types.OrganizationSharingStatus{types.OrganizationSharingStatusEnabled, types.OrganizationSharingStatusDisabled} {
					_, err := c.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{OrganizationSharingStatus: status})
					wantValidation(t, err, "OrganizationSharingStatus")
					if want := "account " + name + " is not the management account of an organization"; err != nil && !strings.Contains(err.Error(), want) {
						t.Errorf("refusal %q does not say %q", err, want)
					}
				}
			}
			// The refusals changed nothing.
			if got := getSettings(t, member).OrganizationSharing; got != "ENABLED" {
				t.Errorf("after refusals the member sees %s, want ENABLED", got)
			}
		})

		t.Run("discovery integration is the account's own", func(t *testing.T) {
			if _, err := member.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{
				DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusEnabled}); err != nil {
				t.Fatalf("UpdateGlobalSettings(DiscoveryIntegrationStatus): %v", err)
			}
			if diff := cmp.Diff(settings{"ENABLED", "ENABLED", "NOT_CONFIGURED"}, getSettings(t, member)); diff != "" {
				t.Errorf("after enabling discovery (-want +got):\n%s", diff)
			}
			if got := getSettings(t, mgmt).DiscoveryIntegration; got != "DISABLED" {
				t.Errorf("another account of the organization sees discovery %s, want DISABLED", got)
			}
			// An update with nothing to change succeeds and changes nothing.
			if _, err := member.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{}); err != nil {
				t.Errorf("empty UpdateGlobalSettings: %v", err)
			}
			if _, err := member.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{
				DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusDisabled}); err != nil {
				t.Fatal(err)
			}
			if got := getSettings(t, member).DiscoveryIntegration; got != "DISABLED" {
				t.Errorf("after disabling discovery: %s", got)
			}
		})

		t.Run("deleting the organization disables its sharing", func(t *testing.T) {
			if err := srv.Service.DeleteOrganization(ctx, org.ID); err != nil {
				t.Fatal(err)
			}
			for name, c := range map[string]*wellarchitected.Client{"management": mgmt, "member": member} {
				if got := getSettings(t, c).OrganizationSharing; got != "DISABLED" {
					t.Errorf("%s account after the organization was deleted sees %s", name, got)
				}
			}
			// A new organization of the same management account starts disabled.
			if _, err := srv.Service.CreateOrganization(ctx, "Example again", mgmtID); err != nil {
				t.Fatal(err)
			}
			if got := getSettings(t, mgmt).OrganizationSharing; got != "DISABLED" {
				t.Errorf("a new organization starts with sharing %s, want DISABLED", got)
			}
		})
	})
}

func TestGlobalSettingsRefusals(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()

	t.Run("Jira settings are kept without a connection", func(t *testing.T) {
		_, err := srv.Client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{
			DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusEnabled,
			JiraConfiguration: &types.AccountJiraConfigurationInput{
				IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled,
				IssueManagementType:   types.IssueManagementTypeAuto,
				JiraProjectKey:        aws.String("WAT"),
			}})
		if err != nil {
			t.Fatal(err)
		}
		out, err := srv.Client.GetGlobalSettings(ctx, &wellarchitected.GetGlobalSettingsInput{})
		if err != nil {
			t.Fatal(err)
		}
		j := out.JiraConfiguration
		if j == nil || j.IssueManagementStatus != types.AccountJiraIssueManagementStatusEnabled || j.IssueManagementType != types.IssueManagementTypeAuto ||
			aws.ToString(j.JiraProjectKey) != "WAT" || j.IntegrationStatus != types.IntegrationStatusNotConfigured || j.Subdomain != nil {
			t.Errorf("JiraConfiguration = %+v, want ENABLED, AUTO, WAT, NOT_CONFIGURED without a subdomain", j)
		}
		if out.DiscoveryIntegrationStatus != types.DiscoveryIntegrationStatusEnabled {
			t.Errorf("discovery is %s after the same update", out.DiscoveryIntegrationStatus)
		}
	})

	t.Run("invalid enum values", func(t *testing.T) {
		_, err := srv.Client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{OrganizationSharingStatus: "ON"})
		wantValidation(t, err, "OrganizationSharingStatus")
		_, err = srv.Client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{DiscoveryIntegrationStatus: "enabled"})
		wantValidation(t, err, "DiscoveryIntegrationStatus")
	})

	t.Run("a user needs a policy allowing it", func(t *testing.T) {
		nobody, user := newUser(t, srv, "nobody", nil)
		_, err := nobody.GetGlobalSettings(ctx, &wellarchitected.GetGlobalSettingsInput{})
		wantDenied(t, err, user, "GetGlobalSettings", "*")
		_, err = nobody.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusEnabled})
		wantDenied(t, err, user, "UpdateGlobalSettings", "*")
		var denied *types.AccessDeniedException
		if !errors.As(err, &denied) {
			t.Errorf("the SDK does not see %v as AccessDeniedException", err)
		}

		reader, _ := newUser(t, srv, "reader", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
		if _, err := reader.GetGlobalSettings(ctx, &wellarchitected.GetGlobalSettingsInput{}); err != nil {
			t.Errorf("GetGlobalSettings with the read-only managed policy: %v", err)
		}
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"wellarchitected:UpdateGlobalSettings","Resource":"*"}]}`
		writer, _ := newUser(t, srv, "settings-admin", &service.PolicyInput{Name: "settings", Document: []byte(doc)})
		if _, err := writer.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusEnabled}); err != nil {
			t.Errorf("UpdateGlobalSettings allowed by a policy: %v", err)
		}
		if got := getSettings(t, srv.Client).DiscoveryIntegration; got != "ENABLED" {
			t.Errorf("the account's setting after its user changed it: %s", got)
		}
	})
}
