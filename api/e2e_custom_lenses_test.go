package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

// customLensJSON is a small valid custom lens: one pillar, two questions.
// extra is spliced into the first question's choices (another choice).
func customLensJSON(name, extraChoice string) string {
	choices := `
	  {"id": "sec_mfa", "title": "MFA everywhere", "description": "Every human login uses MFA.",
	   "improvementPlan": {"displayText": "Turn on MFA", "url": "https://example.com/mfa"}},
	  {"id": "sec_keys", "title": "No long-lived keys", "description": "Keys rotate.",
	   "improvementPlan": {"displayText": "Rotate keys", "url": "https://example.com/keys"}},` + extraChoice + `
	  {"id": "sec_no", "title": "None of these", "description": "Nothing yet."}`
	return `{
  "schemaVersion": "2021-11-01",
  "_version": "ignored by wat",
  "name": "` + name + `",
  "description": "Our internal security baseline",
  "pillars": [{
    "id": "security", "name": "Security",
    "questions": [
      {"id": "sec_identity", "title": "How do you manage identities?", "description": "Identity basics.",
       "choices": [` + choices + `],
       "riskRules": [
         {"condition": "sec_mfa && sec_keys", "risk": "NO_RISK"},
         {"condition": "sec_mfa", "risk": "MEDIUM_RISK"},
         {"condition": "default", "risk": "HIGH_RISK"}]},
      {"id": "sec_logging", "title": "Do you keep audit logs?",
       "choices": [
         {"id": "log_on", "title": "Logs on", "improvementPlan": {"displayText": "Enable logging", "url": "https://example.com/logs"}},
         {"id": "log_no", "title": "None of these"}],
       "riskRules": [{"condition": "log_on", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}
    ]}]
}`
}

func importLens(t *testing.T, c *wellarchitected.Client, doc, alias string) string {
	t.Helper()
	in := &wellarchitected.ImportLensInput{JSONString: &doc}
	if alias != "" {
		in.LensAlias = &alias
	}
	out, err := c.ImportLens(context.Background(), in)
	if err != nil {
		t.Fatalf("ImportLens: %v", err)
	}
	if out.Status != types.ImportLensStatusComplete {
		t.Errorf("ImportLens status %q, want COMPLETE", out.Status)
	}
	return aws.ToString(out.LensArn)
}

func publish(t *testing.T, c *wellarchitected.Client, arn, version string, major bool) {
	t.Helper()
	out, err := c.CreateLensVersion(context.Background(), &wellarchitected.CreateLensVersionInput{LensAlias: &arn, LensVersion: &version, IsMajorVersion: &major})
	if err != nil {
		t.Fatalf("CreateLensVersion(%s): %v", version, err)
	}
	if aws.ToString(out.LensArn) != arn || aws.ToString(out.LensVersion) != version {
		t.Errorf("CreateLensVersion returned %s %s", aws.ToString(out.LensArn), aws.ToString(out.LensVersion))
	}
}

// TestCustomLensLifecycle: import a draft, publish it, apply it to a
// workload, answer it with its own risk rules, publish minor and major
// versions, export, delete.
func TestCustomLensLifecycle(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		arn := importLens(t, c, customLensJSON("Security Baseline", ""), "")
		if !strings.HasPrefix(arn, "arn:aws:wellarchitected:us-east-1:"+srv.Admin.AccountID+":lens/") {
			t.Errorf("lens ARN %q", arn)
		}
		// A draft can be read by its owner but not applied.
		got, err := c.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: &arn})
		if err != nil || aws.ToString(got.Lens.Name) != "Security Baseline" || got.Lens.LensVersion != nil {
			t.Errorf("GetLens of a draft = %+v, %v", got, err)
		}
		in := workloadInput("Custom Lens Shop")
		in.Lenses = []string{lensAlias, arn}
		_, err = c.CreateWorkload(ctx, in)
		wantValidation(t, err, "Lenses")
		_, err = c.CreateLensShare(ctx, &wellarchitected.CreateLensShareInput{LensAlias: &arn, SharedWith: aws.String("123456789012")})
		wantValidation(t, err, "LensAlias")
		drafts, err := c.ListLenses(ctx, &wellarchitected.ListLensesInput{LensStatus: types.LensStatusTypeDraft})
		if err != nil || len(drafts.LensSummaries) != 1 || aws.ToString(drafts.LensSummaries[0].LensArn) != arn || drafts.LensSummaries[0].LensType != types.LensTypeCustomSelf {
			t.Errorf("ListLenses DRAFT = %+v, %v", drafts, err)
		}

		publish(t, c, arn, "1.0", true)
		_, err = c.CreateLensVersion(ctx, &wellarchitected.CreateLensVersionInput{LensAlias: &arn, LensVersion: aws.String("1.1")})
		wantValidation(t, err, "LensAlias") // no draft left to publish
		_, err = c.CreateLensVersion(ctx, &wellarchitected.CreateLensVersionInput{LensAlias: &arn, LensVersion: aws.String("bad version!")})
		wantValidation(t, err, "LensVersion")

		id := createWorkload(t, c, in)
		w, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
		if err != nil || len(w.Workload.Lenses) != 2 || w.Workload.RiskCounts["UNANSWERED"] != 57+2 {
			t.Fatalf("workload with a custom lens = %+v, %v", w, err)
		}
		answer := func(q string, choices ...string) *wellarchitected.UpdateAnswerOutput {
			t.Helper()
			out, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: &q, SelectedChoices: choices})
			if err != nil {
				t.Fatalf("UpdateAnswer(%s, %v): %v", q, choices, err)
			}
			return out
		}
		for _, tc := range []struct {
			choices []string
			want    types.Risk
		}{
			{[]string{"sec_mfa", "sec_keys"}, types.RiskNone},
			{[]string{"sec_mfa"}, types.RiskMedium},
			{[]string{"sec_keys"}, types.RiskHigh},
			{[]string{"sec_no"}, types.RiskHigh},
		} {
			if got := answer("sec_identity", tc.choices...).Answer.Risk; got != tc.want {
				t.Errorf("choices %v: risk %q, want %q", tc.choices, got, tc.want)
			}
		}
		answer("sec_identity", "sec_mfa")
		review, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn})
		if err != nil || review.LensReview.RiskCounts["MEDIUM"] != 1 || review.LensReview.RiskCounts["UNANSWERED"] != 1 ||
			aws.ToString(review.LensReview.LensVersion) != "1.0" || review.LensReview.LensStatus != types.LensStatusCurrent {
			t.Errorf("custom lens review = %+v, %v", review, err)
		}

		// A minor version moves the workload along by itself.
		importLens(t, c, customLensJSON("Security Baseline", `
	  {"id": "sec_sso", "title": "Single sign-on", "improvementPlan": {"displayText": "Use SSO", "url": "https://example.com/sso"}},`), arn)
		diff, err := c.GetLensVersionDifference(ctx, &wellarchitected.GetLensVersionDifferenceInput{LensAlias: &arn})
		if err != nil {
			t.Fatal(err)
		}
		pds := diff.VersionDifferences.PillarDifferences
		if aws.ToString(diff.BaseLensVersion) != "1.0" || diff.TargetLensVersion != nil || aws.ToString(diff.LatestLensVersion) != "1.0" ||
			len(pds) != 1 || aws.ToString(pds[0].PillarId) != "security" || pds[0].DifferenceStatus != types.DifferenceStatusUpdated ||
			len(pds[0].QuestionDifferences) != 1 || aws.ToString(pds[0].QuestionDifferences[0].QuestionId) != "sec_identity" ||
			pds[0].QuestionDifferences[0].DifferenceStatus != types.DifferenceStatusUpdated {
			t.Errorf("difference between 1.0 and the draft = %+v", diff)
		}
		publish(t, c, arn, "1.1", false)
		review, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn})
		if err != nil || aws.ToString(review.LensReview.LensVersion) != "1.1" || review.LensReview.LensStatus != types.LensStatusCurrent {
			t.Errorf("after a minor version the review is on %v (%v), %v", aws.ToString(review.LensReview.LensVersion), review.LensReview.LensStatus, err)
		}
		if got := answer("sec_identity", "sec_mfa", "sec_sso").Answer; len(got.SelectedChoices) != 2 {
			t.Errorf("the new choice of a minor version can be answered: %v", got.SelectedChoices)
		}
		// A major version waits for an upgrade, with a notification.
		importLens(t, c, customLensJSON("Security Baseline", ""), arn)
		publish(t, c, arn, "2.0", true)
		review, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn})
		if err != nil || aws.ToString(review.LensReview.LensVersion) != "1.1" || review.LensReview.LensStatus != types.LensStatusNotCurrent {
			t.Errorf("after a major version the review is on %v (%v), %v", aws.ToString(review.LensReview.LensVersion), review.LensReview.LensStatus, err)
		}
		notes, err := c.ListNotifications(ctx, &wellarchitected.ListNotificationsInput{WorkloadId: &id})
		if err != nil || len(notes.NotificationSummaries) != 1 || notes.NotificationSummaries[0].Type != types.NotificationTypeLensVersionUpgraded ||
			aws.ToString(notes.NotificationSummaries[0].LensUpgradeSummary.LatestLensVersion) != "2.0" {
			t.Errorf("notifications after a major version = %+v, %v", notes, err)
		}

		// Upgrading saves a milestone first, then keeps what still exists.
		_, err = c.UpgradeLensReview(ctx, &wellarchitected.UpgradeLensReviewInput{WorkloadId: &id, LensAlias: &arn, MilestoneName: aws.String("x")})
		wantValidation(t, err, "MilestoneName")
		if _, err := c.UpgradeLensReview(ctx, &wellarchitected.UpgradeLensReviewInput{WorkloadId: &id, LensAlias: &arn, MilestoneName: aws.String("Before 2.0")}); err != nil {
			t.Fatalf("UpgradeLensReview: %v", err)
		}
		review, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn})
		if err != nil || aws.ToString(review.LensReview.LensVersion) != "2.0" || review.LensReview.LensStatus != types.LensStatusCurrent {
			t.Errorf("after the upgrade the review is on %v (%v), %v", aws.ToString(review.LensReview.LensVersion), review.LensReview.LensStatus, err)
		}
		up, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_identity")})
		if err != nil || len(up.Answer.SelectedChoices) != 1 || up.Answer.SelectedChoices[0] != "sec_mfa" || up.Answer.Risk != types.RiskMedium {
			t.Errorf("answer after the upgrade = %+v, %v; want sec_mfa kept, sec_sso dropped", up, err)
		}
		old, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_identity"), MilestoneNumber: aws.Int32(1)})
		if err != nil || len(old.Answer.SelectedChoices) != 2 {
			t.Errorf("the milestone saved by the upgrade = %+v, %v; want the answer as it was", old, err)
		}
		if ms, err := c.ListMilestones(ctx, &wellarchitected.ListMilestonesInput{WorkloadId: &id}); err != nil || len(ms.MilestoneSummaries) != 1 || aws.ToString(ms.MilestoneSummaries[0].MilestoneName) != "Before 2.0" {
			t.Errorf("milestones after the upgrade = %+v, %v", ms, err)
		}
		if notes, err := c.ListNotifications(ctx, &wellarchitected.ListNotificationsInput{WorkloadId: &id}); err != nil || len(notes.NotificationSummaries) != 0 {
			t.Errorf("notifications after the upgrade = %+v, %v", notes, err)
		}
		_, err = c.UpgradeLensReview(ctx, &wellarchitected.UpgradeLensReviewInput{WorkloadId: &id, LensAlias: &arn, MilestoneName: aws.String("Again")})
		wantValidation(t, err, "LensAlias")

		// Export returns the normalised document of a version.
		exp, err := c.ExportLens(ctx, &wellarchitected.ExportLensInput{LensAlias: &arn, LensVersion: aws.String("1.1")})
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(aws.ToString(exp.LensJSON)), &doc); err != nil || doc["name"] != "Security Baseline" || doc["_version"] != nil {
			t.Errorf("exported document = %.200s (%v)", aws.ToString(exp.LensJSON), err)
		}
		if !strings.Contains(aws.ToString(exp.LensJSON), "sec_sso") {
			t.Errorf("version 1.1 exported without its choice sec_sso")
		}
		again := importLens(t, c, aws.ToString(exp.LensJSON), arn)
		publish(t, c, again, "3.0", true)
		exp2, err := c.ExportLens(ctx, &wellarchitected.ExportLensInput{LensAlias: &again})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(exp2.LensJSON) != aws.ToString(exp.LensJSON) {
			t.Errorf("import → export → import → export is not stable")
		}
		_, err = c.ExportLens(ctx, &wellarchitected.ExportLensInput{LensAlias: aws.String(lensAlias)})
		wantValidation(t, err, "LensAlias")

		// Deleted: the workload keeps it, nobody can apply it anew.
		if _, err := c.DeleteLens(ctx, &wellarchitected.DeleteLensInput{LensAlias: &arn, LensStatus: types.LensStatusTypeAll}); err != nil {
			t.Fatal(err)
		}
		review, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn})
		if err != nil || review.LensReview.LensStatus != types.LensStatusDeleted {
			t.Errorf("review of a deleted lens = %+v, %v", review, err)
		}
		notes, err = c.ListNotifications(ctx, &wellarchitected.ListNotificationsInput{WorkloadId: &id})
		if err != nil || len(notes.NotificationSummaries) != 1 || notes.NotificationSummaries[0].Type != types.NotificationTypeLensVersionDeprecated {
			t.Errorf("notifications after the lens was deleted = %+v, %v", notes, err)
		}
		in2 := workloadInput("After Deletion")
		in2.Lenses = []string{arn}
		_, err = c.CreateWorkload(ctx, in2)
		wantValidation(t, err, "Lenses")
		_, err = c.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: &arn})
		wantNotFound(t, err)
		if _, err := c.DisassociateLenses(ctx, &wellarchitected.DisassociateLensesInput{WorkloadId: &id, LensAliases: []string{arn}}); err != nil {
			t.Errorf("removing a deleted lens from a workload: %v", err)
		}
	})
}

// TestCustomLensRules: invalid documents are refused naming what to fix;
// names are unique; at most 15 lenses per account.
func TestCustomLensRules(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	c := srv.Client
	bad := strings.Replace(customLensJSON("Broken", ""), `"condition": "sec_mfa", "risk"`, `"condition": "sec_mfa && nosuch", "risk"`, 1)
	_, err := c.ImportLens(ctx, &wellarchitected.ImportLensInput{JSONString: &bad})
	wantValidation(t, err, "pillars[0].questions[0].riskRules[1].condition")
	_, err = c.ImportLens(ctx, &wellarchitected.ImportLensInput{JSONString: aws.String(`{"schemaVersion": `)})
	wantAPIError(t, err, "ValidationException", 400)
	importLens(t, c, customLensJSON("Unique Name", ""), "")
	_, err = c.ImportLens(ctx, &wellarchitected.ImportLensInput{JSONString: aws.String(customLensJSON("unique  name", ""))})
	wantConflict(t, err)
	for i := 1; i < 15; i++ {
		importLens(t, c, customLensJSON("Lens "+strings.Repeat("x", i), ""), "")
	}
	_, err = c.ImportLens(ctx, &wellarchitected.ImportLensInput{JSONString: aws.String(customLensJSON("One Too Many", ""))})
	wantQuota(t, err)
}

// TestLensShares: a published lens shared with another account can be
// applied by it once the invitation is accepted; the recipient cannot
// change, share or export it.
func TestLensShares(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		owner := srv.Client
		arn := importLens(t, owner, customLensJSON("Shared Baseline", ""), "")
		publish(t, owner, arn, "1", true)
		rid, rc := newAccount(t, srv, "lens-user")
		out, err := owner.CreateLensShare(ctx, &wellarchitected.CreateLensShareInput{LensAlias: &arn, SharedWith: &rid})
		if err != nil {
			t.Fatal(err)
		}
		shares, err := owner.ListLensShares(ctx, &wellarchitected.ListLensSharesInput{LensAlias: &arn})
		if err != nil || len(shares.LensShareSummaries) != 1 || shares.LensShareSummaries[0].Status != types.ShareStatusPending {
			t.Errorf("ListLensShares = %+v, %v", shares, err)
		}
		_, err = rc.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: &arn})
		wantNotFound(t, err)
		invs, err := rc.ListShareInvitations(ctx, &wellarchitected.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeLens})
		if err != nil || len(invs.ShareInvitationSummaries) != 1 || aws.ToString(invs.ShareInvitationSummaries[0].LensName) != "Shared Baseline" ||
			aws.ToString(invs.ShareInvitationSummaries[0].LensArn) != arn {
			t.Fatalf("lens invitations = %+v, %v", invs, err)
		}
		if _, err := rc.UpdateShareInvitation(ctx, &wellarchitected.UpdateShareInvitationInput{ShareInvitationId: invs.ShareInvitationSummaries[0].ShareInvitationId, ShareInvitationAction: types.ShareInvitationActionAccept}); err != nil {
			t.Fatal(err)
		}
		got, err := rc.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: &arn})
		if err != nil || aws.ToString(got.Lens.Owner) != srv.Admin.AccountID || aws.ToString(got.Lens.ShareInvitationId) == "" {
			t.Errorf("recipient's GetLens = %+v, %v", got, err)
		}
		list, err := rc.ListLenses(ctx, &wellarchitected.ListLensesInput{LensType: types.LensTypeCustomShared})
		if err != nil || len(list.LensSummaries) != 1 || aws.ToString(list.LensSummaries[0].LensArn) != arn {
			t.Errorf("recipient's shared lenses = %+v, %v", list, err)
		}
		in := workloadInput("Uses Shared Lens")
		in.Lenses = []string{arn}
		id := createWorkload(t, rc, in)
		if _, err := rc.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_logging"), SelectedChoices: []string{"log_on"}}); err != nil {
			t.Errorf("recipient answers the shared lens: %v", err)
		}
		_, err = rc.ExportLens(ctx, &wellarchitected.ExportLensInput{LensAlias: &arn})
		wantAPIError(t, err, "AccessDeniedException", 403)
		_, err = rc.CreateLensShare(ctx, &wellarchitected.CreateLensShareInput{LensAlias: &arn, SharedWith: aws.String("123456789012")})
		wantAPIError(t, err, "AccessDeniedException", 403)
		_, err = rc.DeleteLens(ctx, &wellarchitected.DeleteLensInput{LensAlias: &arn, LensStatus: types.LensStatusTypeAll})
		wantAPIError(t, err, "AccessDeniedException", 403)

		// Deleting the share: the workload keeps its review, the lens
		// cannot be applied again.
		if _, err := owner.DeleteLensShare(ctx, &wellarchitected.DeleteLensShareInput{LensAlias: &arn, ShareId: out.ShareId}); err != nil {
			t.Fatal(err)
		}
		if _, err := rc.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn}); err != nil {
			t.Errorf("review of a lens no longer shared: %v", err)
		}
		in2 := workloadInput("Too Late")
		in2.Lenses = []string{arn}
		_, err = rc.CreateWorkload(ctx, in2)
		wantValidation(t, err, "Lenses")
	})
}
