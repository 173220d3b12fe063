package main

// The data of the backup round trip: a wat filled as a company would fill
// it, through `wat admin` and the official SDK, so that every table holds
// rows made the way the server makes them.

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// principal is an access key that reads the data back.
type principal struct{ name, keyID, secret string }

// customLens is a small custom lens; extra is spliced into the choices of
// its first question (a later draft adds one).
func customLens(extra string) string {
	return `{"schemaVersion": "2021-11-01", "name": "Security baseline ü", "description": "Our internal baseline",
  "pillars": [{"id": "security", "name": "Security", "questions": [
    {"id": "sec_identity", "title": "How do you manage identities?", "description": "Identity basics.",
     "choices": [
       {"id": "sec_mfa", "title": "MFA everywhere", "improvementPlan": {"displayText": "Turn on MFA", "url": "https://example.com/mfa"}},` + extra + `
       {"id": "sec_no", "title": "None of these"}],
     "riskRules": [{"condition": "sec_mfa", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]}]}`
}

// fillCompany fills the wat at endpoint, whose default account's admin
// signs with admin, and returns who reads it back.
func fillCompany(t *testing.T, endpoint string, a *adminEnv, admin principal) []principal {
	t.Helper()
	ctx := context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	var accts listedAccounts
	a.do(t, &accts, "list-accounts")
	home := accts.Accounts[0].AccountId
	var tenant createdAccount
	a.do(t, &tenant, "create-account", "--name", "Tenant Ünïcode")
	var reader createdUser
	a.do(t, &reader, "create-user", "--account", home, "--name", "reader", "--managed", knownManaged)
	if _, stderr, code := a.run(t, "set-password", "--account", home, "--user", "reader", "--generate"); code != 0 {
		t.Fatalf("set-password: %s", stderr)
	}
	var org, ou map[string]any
	a.do(t, &org, "create-organization", "--name", "acme", "--management-account", home)
	a.do(t, &ou, "create-ou", "--organization", org["OrganizationId"].(string), "--name", "retail")
	a.do(t, new(map[string]any), "add-account-to-organization", "--account", tenant.AccountId,
		"--organization", org["OrganizationId"].(string), "--ou", ou["OuId"].(string))

	c := sdkClient(endpoint, admin.keyID, admin.secret)
	tc := sdkClient(endpoint, tenant.AccessKeyId, tenant.SecretAccessKey)
	_, err := c.UpdateGlobalSettings(ctx, &wa.UpdateGlobalSettingsInput{OrganizationSharingStatus: types.OrganizationSharingStatusEnabled})
	must("UpdateGlobalSettings", err)

	// A custom lens with two published versions and a draft after them.
	imp, err := c.ImportLens(ctx, &wa.ImportLensInput{JSONString: aws.String(customLens("")), Tags: map[string]string{"team": "sec"}})
	must("ImportLens", err)
	lens := aws.ToString(imp.LensArn)
	_, err = c.CreateLensVersion(ctx, &wa.CreateLensVersionInput{LensAlias: &lens, LensVersion: aws.String("1.0"), IsMajorVersion: aws.Bool(true)})
	must("CreateLensVersion 1.0", err)
	extra := `{"id": "sec_keys", "title": "No long-lived keys", "improvementPlan": {"displayText": "Rotate", "url": "https://example.com/keys"}},`
	_, err = c.ImportLens(ctx, &wa.ImportLensInput{LensAlias: &lens, JSONString: aws.String(customLens(extra))})
	must("ImportLens again", err)
	_, err = c.CreateLensVersion(ctx, &wa.CreateLensVersionInput{LensAlias: &lens, LensVersion: aws.String("1.1")})
	must("CreateLensVersion 1.1", err)
	_, err = c.ImportLens(ctx, &wa.ImportLensInput{LensAlias: &lens, JSONString: aws.String(customLens(extra + `{"id": "sec_sso", "title": "SSO", "improvementPlan": {"displayText": "SSO", "url": "https://example.com/sso"}},`))})
	must("ImportLens draft", err)
	_, err = c.CreateLensShare(ctx, &wa.CreateLensShareInput{LensAlias: &lens, SharedWith: &tenant.AccountId})
	must("CreateLensShare", err)

	// A profile, changed once, and a review template with an answer.
	pt, err := c.GetProfileTemplate(ctx, &wa.GetProfileTemplateInput{})
	must("GetProfileTemplate", err)
	// Every question answered, with its first choices, or the next ones.
	answers := func(shift int) []types.ProfileQuestionUpdate {
		var out []types.ProfileQuestionUpdate
		for _, q := range pt.ProfileTemplate.TemplateQuestions {
			n := max(1, int(aws.ToInt32(q.MinSelectedChoices)))
			var ids []string
			for j := range n {
				ids = append(ids, aws.ToString(q.QuestionChoices[(shift+j)%len(q.QuestionChoices)].ChoiceId))
			}
			out = append(out, types.ProfileQuestionUpdate{QuestionId: q.QuestionId, SelectedChoiceIds: ids})
		}
		return out
	}
	prof, err := c.CreateProfile(ctx, &wa.CreateProfileInput{ProfileName: aws.String("Retail profile"), ProfileDescription: aws.String("Shops"),
		ProfileQuestions: answers(0), Tags: map[string]string{"k": "v"}})
	must("CreateProfile", err)
	_, err = c.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: prof.ProfileArn, ProfileQuestions: answers(1)})
	must("UpdateProfile", err)
	_, err = c.CreateProfileShare(ctx, &wa.CreateProfileShareInput{ProfileArn: prof.ProfileArn, SharedWith: &tenant.AccountId})
	must("CreateProfileShare", err)
	tmpl, err := c.CreateReviewTemplate(ctx, &wa.CreateReviewTemplateInput{TemplateName: aws.String("Landing zone"), Description: aws.String("Shared"),
		Lenses: []string{"wellarchitected"}, Notes: aws.String("Template notes"), Tags: map[string]string{"t": "1"}})
	must("CreateReviewTemplate", err)
	tas, err := c.ListReviewTemplateAnswers(ctx, &wa.ListReviewTemplateAnswersInput{TemplateArn: tmpl.TemplateArn, LensAlias: aws.String("wellarchitected")})
	must("ListReviewTemplateAnswers", err)
	ta := tas.AnswerSummaries[0]
	_, err = c.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: tmpl.TemplateArn, LensAlias: aws.String("wellarchitected"),
		QuestionId: ta.QuestionId, SelectedChoices: []string{aws.ToString(ta.Choices[0].ChoiceId)}, Notes: aws.String("from the template")})
	must("UpdateReviewTemplateAnswer", err)
	_, err = c.UpdateReviewTemplateLensReview(ctx, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: tmpl.TemplateArn,
		LensAlias: aws.String("wellarchitected"), LensNotes: aws.String("lens notes of the template")})
	must("UpdateReviewTemplateLensReview", err)
	_, err = c.CreateTemplateShare(ctx, &wa.CreateTemplateShareInput{TemplateArn: tmpl.TemplateArn, SharedWith: &tenant.AccountId})
	must("CreateTemplateShare", err)

	// A webhook subscription to every event: the calls below queue its
	// deliveries (to a host this machine cannot reach, so they wait).
	hook, err := watclient.FromSDK(c).CreateWebhookSubscription(ctx, &wire.CreateWebhookSubscriptionInput{
		Url: aws.String("https://hooks.example.invalid/wat?token=abc")})
	must("CreateWebhookSubscription", err)
	// Disabled once the calls are made: its deliveries then wait, and the
	// restored server's worker leaves them as the backup has them.
	defer func() {
		_, err := watclient.FromSDK(c).UpdateWebhookSubscription(ctx, &wire.UpdateWebhookSubscriptionInput{
			SubscriptionId: hook.WebhookSubscription.SubscriptionId, Enabled: aws.Bool(false)})
		must("UpdateWebhookSubscription", err)
	}()

	// Workloads: one answered at length, one from the template and the
	// profile, a few whose names test the order, and the tenant's own.
	pay, err := c.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String("Payments – Zahlungen"), Description: aws.String("Card payments"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"eu-central-1", "us-east-1"}, NonAwsRegions: []string{"on-prem"},
		AccountIds: []string{"123456789012"}, PillarPriorities: []string{"security", "reliability"}, ArchitecturalDesign: aws.String("https://example.com/arch"),
		ReviewOwner: aws.String("owner@example.com"), IndustryType: aws.String("Financial Services"), Industry: aws.String("Banking"),
		Notes: aws.String("Notes ✓"), Lenses: []string{"wellarchitected", lens}, Tags: map[string]string{"env": "prod", "team": "payments"}})
	must("CreateWorkload", err)
	answerWorkload(t, c, tc, aws.ToString(pay.WorkloadId), lens, tenant.AccountId)
	_, err = c.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String("From the template"), Description: aws.String("From a template"),
		Environment: types.WorkloadEnvironmentPreproduction, AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("owner@example.com"),
		Lenses: []string{"wellarchitected"}, ReviewTemplateArns: []string{aws.ToString(tmpl.TemplateArn)}, ProfileArns: []string{aws.ToString(prof.ProfileArn)}})
	must("CreateWorkload from a template", err)
	for _, name := range []string{"zeta", "Émile", "alpha", "Alpha 2"} {
		createWorkloadSDK(t, c, name)
	}
	createWorkloadSDK(t, tc, "Tenant's own")
	_, err = c.TagResource(ctx, &wa.TagResourceInput{WorkloadArn: pay.WorkloadArn, Tags: map[string]string{"cost": "42"}})
	must("TagResource", err)
	_, err = c.UntagResource(ctx, &wa.UntagResourceInput{WorkloadArn: pay.WorkloadArn, TagKeys: []string{"team"}})
	must("UntagResource", err)
	return []principal{admin, {"tenant", tenant.AccessKeyId, tenant.SecretAccessKey}, {"reader", reader.AccessKeyId, reader.SecretAccessKey}}
}

// answerWorkload answers the workload id in the ways an answer can be
// given, records milestones between the answers, uploads evidence, and
// shares it with the tenant (whose client is tc), who accepts.
func answerWorkload(t *testing.T, c, tc *wa.Client, id, lens, tenantID string) {
	t.Helper()
	ctx := context.Background()
	wal := aws.String("wellarchitected")
	as, err := c.ListAnswers(ctx, &wa.ListAnswersInput{WorkloadId: &id, LensAlias: wal})
	if err != nil {
		t.Fatal(err)
	}
	choice := func(i, j int) string { return aws.ToString(as.AnswerSummaries[i].Choices[j].ChoiceId) }
	question := func(i int) *string { return as.AnswerSummaries[i].QuestionId }
	updates := []*wa.UpdateAnswerInput{
		{QuestionId: question(0), SelectedChoices: []string{choice(0, 0), choice(0, 1)}, Notes: aws.String("two practices ✓")},
		{QuestionId: question(1), SelectedChoices: []string{choice(1, 1)}, ChoiceUpdates: map[string]types.ChoiceUpdate{
			choice(1, 0): {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonArchitectureConstraints, Notes: aws.String("platform team")}}},
		{QuestionId: question(2), IsApplicable: aws.Bool(false), Reason: types.AnswerReasonOutOfScope},
		{QuestionId: question(3), SelectedChoices: []string{choice(3, len(as.AnswerSummaries[3].Choices)-1)}},
	}
	for i, in := range updates {
		in.WorkloadId, in.LensAlias = &id, wal
		if _, err := c.UpdateAnswer(ctx, in); err != nil {
			t.Fatalf("UpdateAnswer %d: %v", i, err)
		}
		if i == 1 {
			if _, err := c.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Before launch")}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// must fails the test, at the line of its call, on err.
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.UpdateLensReview(ctx, &wa.UpdateLensReviewInput{WorkloadId: &id, LensAlias: wal, LensNotes: aws.String("lens notes"),
		PillarNotes: map[string]string{"security": "pillar notes"}}))
	must(c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &id, LensAlias: &lens, QuestionId: aws.String("sec_identity"),
		SelectedChoices: []string{"sec_mfa"}}))
	must(c.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Launch – Start")}))
	must(watclient.FromSDK(c).PutWorkloadEvidence(ctx, &wire.PutWorkloadEvidenceInput{WorkloadId: &id, LensAlias: wal, Tool: aws.String("wat test"),
		Rules: []wire.EvidenceRule{{Id: aws.String("rule-1"), Title: aws.String("A rule"), Description: aws.String("Checks ü"), Severity: wire.EvidenceSeverityHigh,
			ChoiceIds: []string{choice(0, 2)}, Passed: aws.Int32(3), Flagged: []wire.FlaggedResource{{Status: wire.FlaggedStatusFail,
				Resource: aws.String("Bucket"), Type: aws.String("AWS::S3::Bucket"), File: aws.String("stack.yaml"), Line: aws.Int32(7)}}}},
		Problems: []wire.EvidenceProblem{{File: aws.String("broken.yaml"), Message: aws.String("does not parse")}}}))
	// Shared with the tenant, who accepts, and with an account that has
	// not answered yet.
	must(c.CreateWorkloadShare(ctx, &wa.CreateWorkloadShareInput{WorkloadId: &id, SharedWith: &tenantID, PermissionType: types.PermissionTypeReadonly}))
	must(c.CreateWorkloadShare(ctx, &wa.CreateWorkloadShareInput{WorkloadId: &id, SharedWith: aws.String("333333333333"), PermissionType: types.PermissionTypeContributor}))
	invs, err := tc.ListShareInvitations(ctx, &wa.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeWorkload})
	must(invs, err)
	for _, inv := range invs.ShareInvitationSummaries {
		must(tc.UpdateShareInvitation(ctx, &wa.UpdateShareInvitationInput{ShareInvitationId: inv.ShareInvitationId,
			ShareInvitationAction: types.ShareInvitationActionAccept}))
	}
}
