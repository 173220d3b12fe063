package api_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// TestWorkloadShareRules: what a share may name, one share per recipient,
// the quota, idempotent creation, and a rejected invitation.
func TestWorkloadShareRules(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		ownerID := srv.Admin.AccountID
		id := createWorkload(t, owner, workloadInput("Rules Shop"))
		share := func(with string, perm types.PermissionType, token *string) (*wellarchitected.CreateWorkloadShareOutput, error) {
			return owner.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &id, SharedWith: &with, PermissionType: perm, ClientRequestToken: token})
		}
		for _, bad := range []string{ownerID, "arn:aws:iam::" + ownerID + ":user/bob", "not-an-account", "1234567890123", "arn:aws:iam::123456789012:role/x", "o-tooshort"} {
			_, err := share(bad, types.PermissionTypeReadonly, nil)
			wantValidation(t, err, "SharedWith")
		}
		_, err := share("123456789012", "OWNER", nil)
		wantValidation(t, err, "PermissionType")
		// An organization share needs the owner to be in that organization.
		_, err = share("o-abcdefghij", types.PermissionTypeReadonly, nil)
		wantValidation(t, err, "SharedWith")
		missing := "0123456789abcdef0123456789abcdef"
		_, err = owner.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &missing, SharedWith: aws.String("123456789012"), PermissionType: types.PermissionTypeReadonly})
		wantNotFound(t, err)

		// Idempotency: the same token and parameters give the same share.
		first, err := share("123456789012", types.PermissionTypeReadonly, aws.String("tok-1"))
		if err != nil {
			t.Fatal(err)
		}
		again, err := share("123456789012", types.PermissionTypeReadonly, aws.String("tok-1"))
		if err != nil || aws.ToString(again.ShareId) != aws.ToString(first.ShareId) {
			t.Errorf("retry with the same token = %v, %v; want share %s", again, err, aws.ToString(first.ShareId))
		}
		_, err = share("123456789013", types.PermissionTypeReadonly, aws.String("tok-1"))
		wantConflict(t, err)
		// One share per recipient.
		_, err = share("123456789012", types.PermissionTypeContributor, nil)
		wantConflict(t, err)

		// At most 20 shares of a workload.
		for i := 1; i < service.MaxSharesPerWorkload; i++ {
			if _, err := share(fmt.Sprintf("2000000000%02d", i), types.PermissionTypeReadonly, nil); err != nil {
				t.Fatalf("share %d: %v", i+1, err)
			}
		}
		_, err = share("300000000000", types.PermissionTypeReadonly, nil)
		wantQuota(t, err)

		// Filters and pagination of ListWorkloadShares.
		var all []types.WorkloadShareSummary
		p := wellarchitected.NewListWorkloadSharesPaginator(owner, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id, MaxResults: aws.Int32(7)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, page.WorkloadShareSummaries...)
		}
		if len(all) != service.MaxSharesPerWorkload {
			t.Errorf("paginated ListWorkloadShares gave %d shares, want %d", len(all), service.MaxSharesPerWorkload)
		}
		pre, err := owner.ListWorkloadShares(ctx, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id, SharedWithPrefix: aws.String("1234")})
		if err != nil || len(pre.WorkloadShareSummaries) != 1 {
			t.Errorf("SharedWithPrefix 1234: %v, %v", pre, err)
		}
		acc, err := owner.ListWorkloadShares(ctx, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id, Status: types.ShareStatusAccepted})
		if err != nil || len(acc.WorkloadShareSummaries) != 0 {
			t.Errorf("Status ACCEPTED: %v, %v", acc, err)
		}

		// Rejecting keeps access away and cannot be turned into accepting.
		w2 := createWorkload(t, owner, workloadInput("Rejected Shop"))
		rid, rc := newAccount(t, srv, "rejecter")
		shareWorkload(t, owner, w2, rid, types.PermissionTypeContributor)
		invs := pendingInvitations(t, rc)
		if len(invs) != 1 {
			t.Fatalf("invitations = %+v", invs)
		}
		answerInvitation(t, rc, w2, types.ShareInvitationActionReject)
		_, err = rc.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &w2})
		wantNotFound(t, err)
		_, err = rc.UpdateShareInvitation(ctx, &wellarchitected.UpdateShareInvitationInput{ShareInvitationId: invs[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept})
		wantValidation(t, err, "ShareInvitationId")
		// Repeating the answer is harmless.
		if _, err := rc.UpdateShareInvitation(ctx, &wellarchitected.UpdateShareInvitationInput{ShareInvitationId: invs[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionReject}); err != nil {
			t.Errorf("rejecting again: %v", err)
		}
		st, err := owner.ListWorkloadShares(ctx, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &w2})
		if err != nil || len(st.WorkloadShareSummaries) != 1 || st.WorkloadShareSummaries[0].Status != types.ShareStatusRejected {
			t.Errorf("owner's view of a rejected share: %v, %v", st, err)
		}
		// Nobody else can answer someone's invitation.
		_, third := newAccount(t, srv, "third")
		_, err = third.UpdateShareInvitation(ctx, &wellarchitected.UpdateShareInvitationInput{ShareInvitationId: invs[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept})
		wantNotFound(t, err)

		// Deleting the workload deletes its shares.
		if _, err := owner.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: &w2}); err != nil {
			t.Fatal(err)
		}
		if _, err := srv.Service.ExpireInvitations(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// TestUserShares: a share with a user is that user's invitation alone, and
// while it grants access it decides that user's permission over the
// account's share.
func TestUserShares(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		id := createWorkload(t, owner, workloadInput("User Shop"))
		rid, radmin := newAccount(t, srv, "recipient")
		alice, err := srv.Service.CreateUser(ctx, rid, "alice", &service.PolicyInput{Managed: "WellArchitectedConsoleFullAccess"})
		if err != nil {
			t.Fatal(err)
		}
		ac := srv.NewClient(alice.AccessKeyID, alice.SecretAccessKey)

		shareWorkload(t, owner, id, alice.UserARN, types.PermissionTypeReadonly)
		if got := pendingInvitations(t, radmin); len(got) != 0 {
			t.Errorf("the account's admin sees alice's invitation: %+v", got)
		}
		invs := pendingInvitations(t, ac)
		if len(invs) != 1 || aws.ToString(invs[0].SharedWith) != alice.UserARN {
			t.Fatalf("alice's invitations = %+v", invs)
		}
		answerInvitation(t, ac, id, types.ShareInvitationActionAccept)
		if _, err := ac.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id}); err != nil {
			t.Errorf("alice reads the workload shared with her: %v", err)
		}
		_, err = radmin.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
		wantNotFound(t, err)

		// The account gets CONTRIBUTOR; alice stays READONLY by her own share.
		shareWorkload(t, owner, id, rid, types.PermissionTypeContributor)
		answerInvitation(t, radmin, id, types.ShareInvitationActionAccept)
		if err := setAnswer(radmin, id, "ops_priorities_no"); err != nil {
			t.Errorf("account CONTRIBUTOR answers: %v", err)
		}
		wantAPIError(t, setAnswer(ac, id, "ops_priorities_no"), "AccessDeniedException", 403)
	})
}

// TestInvitationExpiry: an invitation not answered within 7 days expires,
// whether or not the expiry job has run (the server may have been down).
func TestInvitationExpiry(t *testing.T) {
	t.Parallel()
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	srv := testserver.Start(t, testserver.Options{Now: now})
	ctx := context.Background()
	owner := srv.Client
	id := createWorkload(t, owner, workloadInput("Expiring Shop"))
	rid, rc := newAccount(t, srv, "late")
	shareWorkload(t, owner, id, rid, types.PermissionTypeReadonly)
	invs := pendingInvitations(t, rc)
	if len(invs) != 1 {
		t.Fatalf("invitations = %+v", invs)
	}
	offset.Store(int64(7*24*time.Hour - time.Minute))
	if n, err := srv.Service.ExpireInvitations(ctx); err != nil || n != 0 {
		t.Errorf("ExpireInvitations before 7 days = %d, %v; want 0", n, err)
	}
	if got := pendingInvitations(t, rc); len(got) != 1 {
		t.Errorf("invitations a minute before expiry = %+v", got)
	}
	offset.Store(int64(7*24*time.Hour + time.Second))
	if got := pendingInvitations(t, rc); len(got) != 0 {
		t.Errorf("expired invitations are still listed: %+v", got)
	}
	_, err := rc.UpdateShareInvitation(ctx, &wellarchitected.UpdateShareInvitationInput{ShareInvitationId: invs[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept})
	wantValidation(t, err, "ShareInvitationId")
	st, err := owner.ListWorkloadShares(ctx, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id})
	if err != nil || len(st.WorkloadShareSummaries) != 1 || st.WorkloadShareSummaries[0].Status != types.ShareStatusExpired {
		t.Errorf("owner's view of an expired share: %v, %v", st, err)
	}
	if n, err := srv.Service.ExpireInvitations(ctx); err != nil || n != 1 {
		t.Errorf("ExpireInvitations after 7 days = %d, %v; want 1", n, err)
	}
	_, err = rc.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
	wantNotFound(t, err)
}
