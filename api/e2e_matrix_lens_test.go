package api_test

// The custom lens part of the access-control matrix (e2e_matrix_test.go):
// each column's target has a published custom lens of the owner's, shared
// with the rejected recipient (rejected), and with the expired recipient and
// a stranger (both left to expire). No other column's account has a lens
// share, so to all of them the lens does not exist. The owner account's
// columns share its quota of 15 custom lenses: 11 targets, and the lenses
// the ImportLens row creates are deleted again at once.

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// matrixLensChoice is the choice the ImportLens row adds to the draft of
// the column's lens and CreateLensVersion publishes.
const matrixLensChoice = "sec_matrix"

var matrixLensExtra = `
	  {"id": "` + matrixLensChoice + `", "title": "Reviewed in the matrix",
	   "improvementPlan": {"displayText": "Review it", "url": "https://example.com/matrix"}},`

// newLensTarget imports and publishes tg's custom lens and shares it.
func (e *matrixEnv) newLensTarget(t *testing.T, tg *matrixTarget, name, rejecter string, rejecterClient *wa.Client, late string) {
	t.Helper()
	tg.lensName = name
	tg.lensARN = importLens(t, e.owner, customLensJSON(name, ""), "")
	publish(t, e.owner, tg.lensARN, "1.0", true)
	tg.lensShareID = shareLens(t, e.owner, tg.lensARN, matrixStranger)
	shareLens(t, e.owner, tg.lensARN, rejecter)
	shareLens(t, e.owner, tg.lensARN, late)
	answerLensInvitation(t, rejecterClient, tg.lensARN, types.ShareInvitationActionReject)
	id := tg.lensARN[strings.LastIndex(tg.lensARN, "/")+1:]
	e.lensSecrets = append(e.lensSecrets, tg.lensARN, id, name)
	e.lensNames = append(e.lensNames, name)
	e.secrets = append(e.secrets, tg.lensARN, id, name)
	e.names = append(e.names, name)
}

// shareLens shares a lens and returns the share's ID.
func shareLens(t *testing.T, c *wa.Client, arn, with string) string {
	t.Helper()
	out, err := c.CreateLensShare(context.Background(), &wa.CreateLensShareInput{LensAlias: &arn, SharedWith: &with})
	if err != nil {
		t.Fatalf("CreateLensShare(%s, %s): %v", arn, with, err)
	}
	return aws.ToString(out.ShareId)
}

// answerLensInvitation answers c's pending invitation to lens arn.
func answerLensInvitation(t *testing.T, c *wa.Client, arn string, action types.ShareInvitationAction) {
	t.Helper()
	ctx := context.Background()
	out, err := c.ListShareInvitations(ctx, &wa.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeLens})
	if err != nil {
		t.Fatalf("ListShareInvitations: %v", err)
	}
	for _, inv := range out.ShareInvitationSummaries {
		if aws.ToString(inv.LensArn) == arn {
			if _, err := c.UpdateShareInvitation(ctx, &wa.UpdateShareInvitationInput{ShareInvitationId: inv.ShareInvitationId, ShareInvitationAction: action}); err != nil {
				t.Fatalf("UpdateShareInvitation(%s): %v", action, err)
			}
			return
		}
	}
	t.Fatalf("no pending invitation to lens %s", arn)
}

// lensView is what the owner sees of a custom lens, compared before and
// after every refused write: its custom lenses (UpdatedAt moves when a
// draft is imported), the lens, its latest published document and its
// shares.
type lensView struct {
	Lenses []types.LensSummary
	Lens   *types.Lens
	JSON   string
	Shares []types.LensShareSummary
}

func ownerLensView(t *testing.T, owner *wa.Client, arn string) lensView {
	t.Helper()
	ctx := context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("the owner's %s of lens %s: %v", what, arn, err)
		}
	}
	l, err := owner.ListLenses(ctx, &wa.ListLensesInput{LensType: types.LensTypeCustomSelf, LensStatus: types.LensStatusTypeAll})
	must("ListLenses", err)
	g, err := owner.GetLens(ctx, &wa.GetLensInput{LensAlias: &arn})
	must("GetLens", err)
	x, err := owner.ExportLens(ctx, &wa.ExportLensInput{LensAlias: &arn})
	must("ExportLens", err)
	s, err := owner.ListLensShares(ctx, &wa.ListLensSharesInput{LensAlias: &arn})
	must("ListLensShares", err)
	return lensView{Lenses: l.LensSummaries, Lens: g.Lens, JSON: aws.ToString(x.LensJSON), Shares: s.LensShareSummaries}
}

// theLens is what a denial on a lens row names.
func theLens(_ *matrixEnv, tg *matrixTarget) string { return tg.lensARN }

// accountOf returns the account of a user ARN (arn:aws:iam::ACCOUNT:user/NAME).
func accountOf(userARN string) string { return strings.Split(userARN, ":")[4] }

// lensRows are the rows that act on the target's custom lens, in the order
// they run: reads, ImportLens into the caller's own account, writes (the
// owner's CreateLensVersion publishes the draft its ImportLens made), and
// the destructive writes last.
func lensRows() []*matrixRow {
	wantEq := func(t *testing.T, what string, got, want any) {
		t.Helper()
		if diff := cmp.Diff(want, got, sdkOpts); diff != "" {
			t.Errorf("%s (-want +got):\n%s", what, diff)
		}
	}
	ownerGet := func(t *testing.T, e *matrixEnv, tg *matrixTarget) *types.Lens {
		t.Helper()
		out, err := e.owner.GetLens(context.Background(), &wa.GetLensInput{LensAlias: &tg.lensARN})
		if err != nil {
			t.Fatalf("the owner's GetLens: %v", err)
		}
		return out.Lens
	}
	ownerShares := func(t *testing.T, e *matrixEnv, tg *matrixTarget) map[string]types.ShareStatus {
		t.Helper()
		out, err := e.owner.ListLensShares(context.Background(), &wa.ListLensSharesInput{LensAlias: &tg.lensARN})
		if err != nil {
			t.Fatalf("the owner's ListLensShares: %v", err)
		}
		m := map[string]types.ShareStatus{}
		for _, s := range out.LensShareSummaries {
			m[aws.ToString(s.SharedWith)] = s.Status
		}
		return m
	}
	const newShare = "222233334444"
	return []*matrixRow{
		{op: "GetLens", variant: "custom", kind: opLens, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetLens, &wa.GetLensInput{LensAlias: &tg.lensARN})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			l := out.(*wa.GetLensOutput).Lens
			wantEq(t, "GetLens's ARN, name, owner, version", []string{aws.ToString(l.LensArn), aws.ToString(l.Name), aws.ToString(l.Owner), aws.ToString(l.LensVersion)},
				[]string{tg.lensARN, tg.lensName, e.account, "1.0"})
		}},
		{op: "GetLensVersionDifference", kind: opLens, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.GetLensVersionDifference, &wa.GetLensVersionDifferenceInput{LensAlias: &tg.lensARN})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			d := out.(*wa.GetLensVersionDifferenceOutput)
			wantEq(t, "GetLensVersionDifference's ARN and base version", []string{aws.ToString(d.LensArn), aws.ToString(d.BaseLensVersion)}, []string{tg.lensARN, "1.0"})
		}},
		{op: "ExportLens", kind: opLens, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ExportLens, &wa.ExportLensInput{LensAlias: &tg.lensARN})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			var doc struct{ Name string }
			if err := json.Unmarshal([]byte(aws.ToString(out.(*wa.ExportLensOutput).LensJSON)), &doc); err != nil || doc.Name != tg.lensName {
				t.Errorf("ExportLens's document is named %q (%v), want %q", doc.Name, err, tg.lensName)
			}
		}},
		{op: "ListLensShares", kind: opLens, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ListLensShares, &wa.ListLensSharesInput{LensAlias: &tg.lensARN})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			got := map[string]types.ShareStatus{}
			for _, s := range out.(*wa.ListLensSharesOutput).LensShareSummaries {
				got[aws.ToString(s.SharedWith)] = s.Status
			}
			wantEq(t, "ListLensShares", got, e.lensShares)
		}},

		// Any authenticated caller may import a new lens into its own
		// account. The effect deletes it again, for the quota.
		{op: "ImportLens", variant: "new lens", kind: opAccount, write: true, resource: func(e *matrixEnv, _ *matrixTarget) string {
			return "arn:aws:wellarchitected:" + testserver.Region + ":" + e.account + ":lens/" // of a lens the caller cannot know
		}, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ImportLens, &wa.ImportLensInput{JSONString: aws.String(customLensJSON(testserver.RandomName("Matrix Import"), ""))})
		}, effect: func(t *testing.T, e *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			ctx := context.Background()
			arn, acct := aws.ToString(out.(*wa.ImportLensOutput).LensArn), accountOf(c.user)
			if prefix := "arn:aws:wellarchitected:" + testserver.Region + ":" + acct + ":lens/"; !strings.HasPrefix(arn, prefix) {
				t.Errorf("ImportLens made %s, want a lens of the caller's account (%s…)", arn, prefix)
			}
			got, err := c.client.GetLens(ctx, &wa.GetLensInput{LensAlias: &arn})
			if err != nil || aws.ToString(got.Lens.Owner) != acct {
				t.Errorf("the importer's GetLens of its new lens = %+v, %v; want its own", got, err)
			}
			if acct != e.account {
				_, err := e.owner.GetLens(ctx, &wa.GetLensInput{LensAlias: &arn})
				wantNotFound(t, err)
			}
			if _, err := c.client.DeleteLens(ctx, &wa.DeleteLensInput{LensAlias: &arn, LensStatus: types.LensStatusTypeAll}); err != nil {
				t.Errorf("the importer deletes its new lens: %v", err)
			}
		}},

		{op: "ImportLens", variant: "into lens", kind: opLens, write: true, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.ImportLens, &wa.ImportLensInput{LensAlias: &tg.lensARN, JSONString: aws.String(customLensJSON(tg.lensName, matrixLensExtra))})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			wantEq(t, "ImportLens's LensArn", aws.ToString(out.(*wa.ImportLensOutput).LensArn), tg.lensARN)
			wantEq(t, "the owner's latest version while a draft waits", aws.ToString(ownerGet(t, e, tg).LensVersion), "1.0")
		}},
		{op: "CreateLensVersion", kind: opLens, write: true, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateLensVersion, &wa.CreateLensVersionInput{LensAlias: &tg.lensARN, LensVersion: aws.String("2.0"), IsMajorVersion: aws.Bool(true)})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			wantEq(t, "the owner's latest version", aws.ToString(ownerGet(t, e, tg).LensVersion), "2.0")
			x, err := e.owner.ExportLens(context.Background(), &wa.ExportLensInput{LensAlias: &tg.lensARN})
			if err != nil || !strings.Contains(aws.ToString(x.LensJSON), matrixLensChoice) {
				t.Errorf("version 2.0 lacks the imported choice %s (%v)", matrixLensChoice, err)
			}
		}},
		{op: "CreateLensShare", kind: opLens, write: true, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.CreateLensShare, &wa.CreateLensShareInput{LensAlias: &tg.lensARN, SharedWith: aws.String(newShare)})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			wantEq(t, "the new share's status", ownerShares(t, e, tg)[newShare], types.ShareStatusPending)
		}},

		{op: "DeleteLensShare", kind: opLens, write: true, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteLensShare, &wa.DeleteLensShareInput{LensAlias: &tg.lensARN, ShareId: &tg.lensShareID})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			if _, ok := ownerShares(t, e, tg)[matrixStranger]; ok {
				t.Errorf("the deleted lens share is still listed")
			}
		}},
		{op: "DeleteLens", kind: opLens, write: true, resource: theLens, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return sdkDo(ctx, c.DeleteLens, &wa.DeleteLensInput{LensAlias: &tg.lensARN, LensStatus: types.LensStatusTypePublished})
		}, effect: func(t *testing.T, e *matrixEnv, _ *matrixCaller, tg *matrixTarget, _ any) {
			ctx := context.Background()
			_, err := e.owner.GetLens(ctx, &wa.GetLensInput{LensAlias: &tg.lensARN})
			wantNotFound(t, err)
			l, err := e.owner.ListLenses(ctx, &wa.ListLensesInput{LensType: types.LensTypeCustomSelf})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range l.LensSummaries {
				if aws.ToString(s.LensArn) == tg.lensARN {
					t.Errorf("ListLenses still lists the deleted lens")
				}
			}
		}},
	}
}

// TestAccessMatrixLensRecipient: an account that accepted a lens share can
// read the lens and apply it, and nothing more. Every operation reserved to
// the lens's owner is AccessDeniedException naming the user, the action and
// the lens, says nothing of its other shares, and leaves the lens as it was
// (with a draft waiting, which a wrongly allowed CreateLensVersion would
// publish).
func TestAccessMatrixLensRecipient(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		const name = "Matrix Shared Lens"
		arn := importLens(t, owner, customLensJSON(name, ""), "")
		publish(t, owner, arn, "1.0", true)
		importLens(t, owner, customLensJSON(name, matrixLensExtra), arn)
		creds, err := srv.Service.CreateAccount(ctx, "matrix-lens-recipient")
		if err != nil {
			t.Fatal(err)
		}
		rc := srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
		own := shareLens(t, owner, arn, creds.AccountID)
		other := shareLens(t, owner, arn, matrixStranger)
		answerLensInvitation(t, rc, arn, types.ShareInvitationActionAccept)

		got, err := rc.GetLens(ctx, &wa.GetLensInput{LensAlias: &arn})
		if err != nil {
			t.Fatalf("the recipient's GetLens: %v", err)
		}
		if l := got.Lens; aws.ToString(l.Name) != name || aws.ToString(l.Owner) != srv.Admin.AccountID || aws.ToString(l.LensVersion) != "1.0" ||
			aws.ToString(l.ShareInvitationId) == "" {
			t.Errorf("the recipient's GetLens = %+v; want version 1.0 (not the owner's draft) of the owner's lens, shared", l)
		}
		in := workloadInput("Matrix Lens Recipient Workload")
		in.Lenses = []string{lensAlias, arn}
		id := createWorkload(t, rc, in)
		if _, err := rc.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_logging"), SelectedChoices: []string{"log_on"}}); err != nil {
			t.Errorf("the recipient answers the shared lens: %v", err)
		}
		if r, err := rc.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn}); err != nil || aws.ToString(r.LensReview.LensVersion) != "1.0" {
			t.Errorf("the recipient's lens review = %+v, %v", r, err)
		}

		before := ownerLensView(t, owner, arn)
		for _, tc := range []struct {
			op   string
			call func() error
		}{
			{"ExportLens", func() error {
				_, err := rc.ExportLens(ctx, &wa.ExportLensInput{LensAlias: &arn})
				return err
			}},
			{"CreateLensShare", func() error {
				_, err := rc.CreateLensShare(ctx, &wa.CreateLensShareInput{LensAlias: &arn, SharedWith: aws.String("222233334444")})
				return err
			}},
			{"ListLensShares", func() error {
				_, err := rc.ListLensShares(ctx, &wa.ListLensSharesInput{LensAlias: &arn})
				return err
			}},
			{"DeleteLensShare", func() error { // its own share
				_, err := rc.DeleteLensShare(ctx, &wa.DeleteLensShareInput{LensAlias: &arn, ShareId: &own})
				return err
			}},
			{"CreateLensVersion", func() error {
				_, err := rc.CreateLensVersion(ctx, &wa.CreateLensVersionInput{LensAlias: &arn, LensVersion: aws.String("2.0"), IsMajorVersion: aws.Bool(true)})
				return err
			}},
			{"DeleteLens", func() error {
				_, err := rc.DeleteLens(ctx, &wa.DeleteLensInput{LensAlias: &arn, LensStatus: types.LensStatusTypeAll})
				return err
			}},
			{"ImportLens", func() error {
				_, err := rc.ImportLens(ctx, &wa.ImportLensInput{LensAlias: &arn, JSONString: aws.String(customLensJSON(name, ""))})
				return err
			}},
		} {
			t.Run(tc.op, func(t *testing.T) {
				err := tc.call()
				wantDenied(t, err, creds.UserARN, tc.op, arn)
				if err != nil {
					for _, s := range []string{other, matrixStranger} {
						if strings.Contains(err.Error(), s) {
							t.Errorf("LEAK: the recipient's %s error contains %q: %v", tc.op, s, err)
						}
					}
				}
			})
		}
		if diff := cmp.Diff(before, ownerLensView(t, owner, arn), sdkOpts); diff != "" {
			t.Errorf("the recipient's refused calls changed the owner's lens (-before +after):\n%s", diff)
		}
	})
}
