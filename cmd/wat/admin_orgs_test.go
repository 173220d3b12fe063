package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

var (
	organizationIDPattern = regexp.MustCompile(`^o-[a-z0-9]{10}$`)
	ouIDPattern           = regexp.MustCompile(`^ou-[a-z0-9]{4}-[a-z0-9]{8}$`)
)

// The JSON the organization commands promise, written out independently
// of the command's own types.
type (
	createdOrganization struct{ OrganizationId, Arn, Name, ManagementAccountId, CreatedAt string }
	createdOU           struct{ OuId, Arn, Name, OrganizationId, CreatedAt string }
	orgAccount          struct{ AccountId, Name, OuId string }
	listedOrganizations struct {
		Organizations []struct {
			OrganizationId, Arn, Name, ManagementAccountId, CreatedAt string
			OrganizationalUnits                                       []createdOU
			Accounts                                                  []orgAccount
		}
	}
	listedOUs           struct{ OrganizationalUnits []createdOU }
	deletedOrganization struct {
		OrganizationId string
		Deleted        bool
	}
	deletedOU struct {
		OuId    string
		Deleted bool
	}
	placedAccount  struct{ AccountId, OrganizationId, OuId string }
	removedAccount struct {
		AccountId, OrganizationId string
		Removed                   bool
	}
)

// organizationAccounts lists the accounts of organization id, failing when
// list-organizations does not show it.
func organizationAccounts(t *testing.T, a *adminEnv, id string) []orgAccount {
	t.Helper()
	var l listedOrganizations
	a.do(t, &l, "list-organizations")
	for _, o := range l.Organizations {
		if o.OrganizationId == id {
			return o.Accounts
		}
	}
	t.Fatalf("list-organizations %+v lacks %s", l, id)
	return nil
}

// TestAdminOrganizations drives every organization command once: an
// organization with two OUs, accounts joining, moving and leaving.
func TestAdminOrganizations(t *testing.T) {
	_, a := newDataDir(t)
	testAdminOrganizations(t, a)
}

// TestAdminOrganizationsPostgres runs the same commands with --database-url.
func TestAdminOrganizationsPostgres(t *testing.T) {
	url := testserver.PostgresDatabase(t)
	env := map[string]string{"WAT_MASTER_KEY": strings.Repeat("ab", 32)}
	w := MustRunMain(t, env, "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--database-url", url)
	if code := w.Stop(); code != 0 {
		t.Fatalf("wat serve: exit %d\n%s", code, w.Stderr)
	}
	testAdminOrganizations(t, &adminEnv{env: env, base: []string{"--database-url", url}})
}

func testAdminOrganizations(t *testing.T, a *adminEnv) {
	var mgmt, member createdAccount
	a.do(t, &mgmt, "create-account", "--name", "management")
	a.do(t, &member, "create-account", "--name", "member")

	var org createdOrganization
	a.do(t, &org, "create-organization", "--name", "Example Corp", "--management-account", mgmt.AccountId)
	if !organizationIDPattern.MatchString(org.OrganizationId) || org.Name != "Example Corp" ||
		org.ManagementAccountId != mgmt.AccountId || !rfc3339Pattern.MatchString(org.CreatedAt) ||
		org.Arn != "arn:aws:organizations::"+mgmt.AccountId+":organization/"+org.OrganizationId {
		t.Fatalf("create-organization = %+v", org)
	}
	var eng, ops createdOU
	a.do(t, &eng, "create-ou", "--organization", org.OrganizationId, "--name", "engineering")
	a.do(t, &ops, "create-ou", "--organization", org.OrganizationId, "--name", "operations")
	if !ouIDPattern.MatchString(eng.OuId) || eng.OuId[3:7] != org.OrganizationId[2:6] || eng.Name != "engineering" ||
		eng.OrganizationId != org.OrganizationId || !rfc3339Pattern.MatchString(eng.CreatedAt) ||
		eng.Arn != "arn:aws:organizations::"+mgmt.AccountId+":ou/"+org.OrganizationId+"/"+eng.OuId {
		t.Fatalf("create-ou = %+v", eng)
	}
	var ous listedOUs
	a.do(t, &ous, "list-ous", "--organization", org.OrganizationId)
	if len(ous.OrganizationalUnits) != 2 {
		t.Fatalf("list-ous = %+v", ous)
	}

	// The management account is in from the start, at the root.
	want := []orgAccount{{mgmt.AccountId, "management", ""}}
	if diff := cmp.Diff(want, organizationAccounts(t, a, org.OrganizationId)); diff != "" {
		t.Errorf("accounts after create-organization (-want +got):\n%s", diff)
	}

	var placed placedAccount
	a.do(t, &placed, "add-account-to-organization", "--account", member.AccountId, "--organization", org.OrganizationId, "--ou", eng.OuId)
	if placed != (placedAccount{member.AccountId, org.OrganizationId, eng.OuId}) {
		t.Errorf("add-account-to-organization = %+v", placed)
	}
	// Moving to another OU of the same organization is allowed.
	a.do(t, &placed, "add-account-to-organization", "--account", member.AccountId, "--organization", org.OrganizationId, "--ou", ops.OuId)
	got := organizationAccounts(t, a, org.OrganizationId)
	want = []orgAccount{{mgmt.AccountId, "management", ""}, {member.AccountId, "member", ops.OuId}}
	if mgmt.AccountId > member.AccountId {
		want[0], want[1] = want[1], want[0]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accounts after moving (-want +got):\n%s", diff)
	}

	// Deleting an OU leaves its accounts in the organization, at the root.
	var dou deletedOU
	a.do(t, &dou, "delete-ou", "--ou", ops.OuId)
	if dou != (deletedOU{ops.OuId, true}) {
		t.Errorf("delete-ou = %+v", dou)
	}
	for _, x := range organizationAccounts(t, a, org.OrganizationId) {
		if x.OuId != "" {
			t.Errorf("after delete-ou account %s is still in OU %s", x.AccountId, x.OuId)
		}
	}

	var removed removedAccount
	a.do(t, &removed, "remove-account-from-organization", "--account", member.AccountId)
	if removed != (removedAccount{member.AccountId, org.OrganizationId, true}) {
		t.Errorf("remove-account-from-organization = %+v", removed)
	}
	if got := organizationAccounts(t, a, org.OrganizationId); len(got) != 1 || got[0].AccountId != mgmt.AccountId {
		t.Errorf("accounts after removing the member: %+v", got)
	}

	var dorg deletedOrganization
	a.do(t, &dorg, "delete-organization", "--organization", org.OrganizationId)
	if dorg != (deletedOrganization{org.OrganizationId, true}) {
		t.Errorf("delete-organization = %+v", dorg)
	}
	var l listedOrganizations
	a.do(t, &l, "list-organizations")
	if len(l.Organizations) != 0 || l.Organizations == nil {
		t.Errorf("list-organizations after deleting the only one = %+v (want an empty list)", l)
	}
	// Its management account is free to manage a new one.
	a.do(t, &org, "create-organization", "--name", "Example Corp again", "--management-account", mgmt.AccountId)
}

func TestAdminOrganizationErrors(t *testing.T) {
	_, a := newDataDir(t)
	var mgmt, member, other createdAccount
	a.do(t, &mgmt, "create-account", "--name", "management")
	a.do(t, &member, "create-account", "--name", "member")
	a.do(t, &other, "create-account", "--name", "other")
	var org, second createdOrganization
	a.do(t, &org, "create-organization", "--name", "first", "--management-account", mgmt.AccountId)
	a.do(t, &second, "create-organization", "--name", "second", "--management-account", other.AccountId)
	var ou, secondOU createdOU
	a.do(t, &ou, "create-ou", "--organization", org.OrganizationId, "--name", "Engineering")
	a.do(t, &secondOU, "create-ou", "--organization", second.OrganizationId, "--name", "elsewhere")
	a.do(t, new(placedAccount), "add-account-to-organization", "--account", member.AccountId, "--organization", org.OrganizationId)
	missingOrg := "o-" + strings.Repeat("z", 10)

	for _, tc := range []struct {
		name string
		code int
		want []string
		args []string
	}{
		{"management account already in one", 1, []string{mgmt.AccountId, "already in organization " + org.OrganizationId},
			[]string{"create-organization", "--name", "again", "--management-account", mgmt.AccountId}},
		{"member creating one", 1, []string{"already in organization"},
			[]string{"create-organization", "--name", "again", "--management-account", member.AccountId}},
		{"joining another organization", 1, []string{member.AccountId, "already in organization " + org.OrganizationId, "remove it"},
			[]string{"add-account-to-organization", "--account", member.AccountId, "--organization", second.OrganizationId}},
		{"OU of another organization", 1, []string{secondOU.OuId, "belongs to organization " + second.OrganizationId},
			[]string{"add-account-to-organization", "--account", member.AccountId, "--organization", org.OrganizationId, "--ou", secondOU.OuId}},
		{"management account leaving", 1, []string{"management account", "delete the organization"},
			[]string{"remove-account-from-organization", "--account", mgmt.AccountId}},
		{"duplicate OU name", 1, []string{"already has an organizational unit named Engineering"},
			[]string{"create-ou", "--organization", org.OrganizationId, "--name", "engineering"}},
		{"unknown account", 1, []string{"No account with ID 999999999999"},
			[]string{"create-organization", "--name", "x", "--management-account", "999999999999"}},
		{"unknown organization", 1, []string{"No organization with ID " + missingOrg},
			[]string{"list-ous", "--organization", missingOrg}},
		{"unknown OU", 1, []string{"No organizational unit"},
			[]string{"delete-ou", "--ou", "ou-abcd-12345678"}},
		{"malformed account", 1, []string{`"12" is not an account ID`},
			[]string{"create-organization", "--name", "x", "--management-account", "12"}},
		{"malformed organization", 1, []string{`"org-1" is not an organization ID`},
			[]string{"delete-organization", "--organization", "org-1"}},
		{"malformed OU", 1, []string{`"ou-1" is not an organizational unit ID`},
			[]string{"add-account-to-organization", "--account", member.AccountId, "--organization", org.OrganizationId, "--ou", "ou-1"}},
		{"blank name", 1, []string{"organization name must be 1 to 64 characters"},
			[]string{"create-organization", "--name", "  ", "--management-account", member.AccountId}},
		{"long OU name", 1, []string{"organizational unit name must be"},
			[]string{"create-ou", "--organization", org.OrganizationId, "--name", strings.Repeat("n", 65)}},
		{"missing flag", 2, []string{"--management-account is required"}, []string{"create-organization", "--name", "x"}},
		{"missing organization", 2, []string{"--organization is required"}, []string{"add-account-to-organization", "--account", member.AccountId}},
	} {
		t.Run(tc.name, func(t *testing.T) { a.fail(t, tc.code, tc.want, tc.args...) })
	}

	// The failures changed nothing.
	got := organizationAccounts(t, a, org.OrganizationId)
	want := []orgAccount{{mgmt.AccountId, "management", ""}, {member.AccountId, "member", ""}}
	if mgmt.AccountId > member.AccountId {
		want[0], want[1] = want[1], want[0]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accounts after the failures (-want +got):\n%s", diff)
	}
	// An account leaves, then can join the other organization; once out of
	// every organization, leaving again says so.
	a.do(t, new(removedAccount), "remove-account-from-organization", "--account", member.AccountId)
	a.do(t, new(placedAccount), "add-account-to-organization", "--account", member.AccountId, "--organization", second.OrganizationId, "--ou", secondOU.OuId)
	a.do(t, new(removedAccount), "remove-account-from-organization", "--account", member.AccountId)
	a.fail(t, 1, []string{"in no organization"}, "remove-account-from-organization", "--account", member.AccountId)
	// Deleting an organization frees its accounts.
	a.do(t, new(deletedOrganization), "delete-organization", "--organization", second.OrganizationId)
	a.do(t, new(createdOrganization), "create-organization", "--name", "third", "--management-account", other.AccountId)
}
