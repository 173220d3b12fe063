package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// importLensDoc is a small custom lens; extra is another choice of its
// first question (a later version adds one).
func importLensDoc(extra string) string {
	return `{"schemaVersion": "2021-11-01", "name": "Sécurité interne 安全", "description": "Our baseline",
  "pillars": [{"id": "security", "name": "Security", "questions": [
    {"id": "sec_identity", "title": "How do you manage identities?",
     "choices": [
       {"id": "sec_mfa", "title": "MFA everywhere", "improvementPlan": {"displayText": "Turn on MFA", "url": "https://example.com/mfa"}},
       {"id": "sec_keys", "title": "No long-lived keys", "improvementPlan": {"displayText": "Rotate keys", "url": "https://example.com/keys"}},` + extra + `
       {"id": "sec_no", "title": "None of these"}],
     "riskRules": [{"condition": "sec_mfa && sec_keys", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]}]}`
}

// seedSource fills a wat server's account, through the SDK, with what an
// import copies, made awkward on purpose: names with spaces, accents and
// CJK, notes everywhere, not-applicable choices and questions with
// reasons, three milestones (the last one on the first of the custom
// lens's two versions), tags, a profile with two versions and a review
// template with answers.
func seedSource(t *testing.T, c *wa.Client) {
	t.Helper()
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	lens, err := c.ImportLens(ctx, &wa.ImportLensInput{JSONString: aws.String(importLensDoc("")), Tags: map[string]string{"owner": "sécu"}})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(lens.LensArn)
	must(c.CreateLensVersion(ctx, &wa.CreateLensVersionInput{LensAlias: &arn, LensVersion: aws.String("1.0"), IsMajorVersion: aws.Bool(true)}))

	q := func(id string, choices ...string) types.ProfileQuestionUpdate {
		return types.ProfileQuestionUpdate{QuestionId: aws.String(id), SelectedChoiceIds: choices}
	}
	required := []types.ProfileQuestionUpdate{q("outage_impact", "impact_high"), q("data_sensitivity", "data_confidential"),
		q("recovery_objectives", "rto_hours"), q("cost_sensitivity", "cost_moderate")}
	prof, err := c.CreateProfile(ctx, &wa.CreateProfileInput{ProfileName: aws.String("Profil 優先"), ProfileDescription: aws.String("what matters to us"),
		ProfileQuestions: append(required, q("cloud_adoption", "adoption_migrating"))})
	if err != nil {
		t.Fatal(err)
	}
	must(c.UpdateProfile(ctx, &wa.UpdateProfileInput{ProfileArn: prof.ProfileArn,
		ProfileQuestions: append(required, q("cloud_adoption", "adoption_established"), q("regulatory_regime", "reg_privacy", "reg_health"))}))

	w, err := c.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String("  Paiement  été – 支付 系统 "), Description: aws.String("Payments, déjà en prod"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"eu-west-3", "ap-northeast-1"}, ReviewOwner: aws.String("équipe paiements"),
		Notes: aws.String("notes du workload\nsur deux lignes"), Lenses: []string{"wellarchitected", arn},
		Tags: map[string]string{"team": "paiements", "coût": "élevé"}, ProfileArns: []string{aws.ToString(prof.ProfileArn)}})
	if err != nil {
		t.Fatal(err)
	}
	id := w.WorkloadId
	answer := func(lens, q string, selected []string, notes string, updates map[string]types.ChoiceUpdate) {
		t.Helper()
		must(c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: id, LensAlias: &lens, QuestionId: &q, SelectedChoices: selected,
			Notes: &notes, ChoiceUpdates: updates}))
	}
	answer("wellarchitected", "priorities", []string{"ops_priorities_ext_cust_needs"}, "première réponse", map[string]types.ChoiceUpdate{
		"ops_priorities_compliance_reqs": {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonOutOfScope, Notes: aws.String("pas chez nous")}})
	must(c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: id, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("ops-model"),
		IsApplicable: aws.Bool(false), Reason: types.AnswerReasonBusinessPriorities, Notes: aws.String("ne s'applique pas")}))
	answer(arn, "sec_identity", []string{"sec_mfa"}, "MFA 多要素", nil)
	must(c.UpdateLensReview(ctx, &wa.UpdateLensReviewInput{WorkloadId: id, LensAlias: aws.String("wellarchitected"), LensNotes: aws.String("revue 2024"),
		PillarNotes: map[string]string{"security": "sécurité d'abord"}}))
	must(c.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: id, MilestoneName: aws.String("Départ 出発")}))
	answer("wellarchitected", "priorities", []string{"ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs"}, "deuxième", nil)
	must(c.UpdateWorkload(ctx, &wa.UpdateWorkloadInput{WorkloadId: id, Description: aws.String("Payments, v2")}))
	must(c.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: id, MilestoneName: aws.String("after  review two")}))

	// Version 2.0 of the lens, and the review upgraded to it: the upgrade
	// records milestone 3, on version 1.0.
	must(c.ImportLens(ctx, &wa.ImportLensInput{LensAlias: &arn, JSONString: aws.String(importLensDoc(`
       {"id": "sec_sso", "title": "Single sign-on", "improvementPlan": {"displayText": "Use SSO", "url": "https://example.com/sso"}},`))}))
	must(c.CreateLensVersion(ctx, &wa.CreateLensVersionInput{LensAlias: &arn, LensVersion: aws.String("2.0"), IsMajorVersion: aws.Bool(true)}))
	must(c.UpgradeLensReview(ctx, &wa.UpgradeLensReviewInput{WorkloadId: id, LensAlias: &arn, MilestoneName: aws.String("avant 2.0")}))
	answer(arn, "sec_identity", []string{"sec_mfa", "sec_sso"}, "SSO ajouté", nil)

	plain, err := c.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String("plain one"), Description: aws.String("nothing special"),
		Environment: types.WorkloadEnvironmentPreproduction, AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("ops"), Lenses: []string{"wellarchitected"}})
	if err != nil {
		t.Fatal(err)
	}
	answer2 := "security"
	must(c.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: plain.WorkloadId, LensAlias: aws.String("wellarchitected"),
		QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}, Notes: &answer2}))

	tpl, err := c.CreateReviewTemplate(ctx, &wa.CreateReviewTemplateInput{TemplateName: aws.String("Team template (v1)"), Description: aws.String("a template"),
		Lenses: []string{"wellarchitected"}, Notes: aws.String("notes du modèle"), Tags: map[string]string{"kind": "modèle"}})
	if err != nil {
		t.Fatal(err)
	}
	must(c.UpdateReviewTemplateAnswer(ctx, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: tpl.TemplateArn, LensAlias: aws.String("wellarchitected"),
		QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}, Notes: aws.String("réponse du modèle"),
		ChoiceUpdates: map[string]types.ChoiceUpdate{"ops_priorities_governance_reqs": {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonOther}}}))
	must(c.UpdateReviewTemplateLensReview(ctx, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: tpl.TemplateArn, LensAlias: aws.String("wellarchitected"),
		LensNotes: aws.String("notes de lentille"), PillarNotes: map[string]string{"reliability": "fiabilité"}}))
}
