package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
)

// accountState reads everything an import copies from one account, every
// read the API has for it, as JSON in which what legitimately differs
// between two servers is replaced by what it names: ids and ARNs by the
// name of their resource, the account by ACCOUNT; the times of creation
// and update are left out. Milestone numbers and dates stay.
func accountState(t *testing.T, c *wa.Client, account string) any {
	t.Helper()
	ctx := context.Background()
	s := map[string]any{}
	var names []string // an id or ARN, then what replaces it, ...
	// read records what v returns unless err: v is called only then, for
	// an output is nil with its error.
	read := func(key string, err error, v func() any) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		s[key] = v()
	}
	lenses, err := c.ListLenses(ctx, &wa.ListLensesInput{LensType: types.LensTypeCustomSelf, LensStatus: types.LensStatusTypeAll})
	read("ListLenses", err, func() any { return lenses.LensSummaries })
	for _, l := range lenses.LensSummaries {
		arn, name := aws.ToString(l.LensArn), aws.ToString(l.LensName)
		names = append(names, arn, "LENS("+name+")")
		for _, v := range []string{"1.0", "2.0"} {
			doc, err := c.ExportLens(ctx, &wa.ExportLensInput{LensAlias: &arn, LensVersion: &v})
			read("ExportLens "+name+" "+v, err, func() any { return aws.ToString(doc.LensJSON) })
			got, err := c.GetLens(ctx, &wa.GetLensInput{LensAlias: &arn, LensVersion: &v})
			read("GetLens "+name+" "+v, err, func() any { return got })
		}
	}
	profiles, err := c.ListProfiles(ctx, &wa.ListProfilesInput{})
	read("ListProfiles", err, func() any { return profiles.ProfileSummaries })
	for _, p := range profiles.ProfileSummaries {
		names = append(names, aws.ToString(p.ProfileArn), "PROFILE("+aws.ToString(p.ProfileName)+")")
		for _, v := range []string{"1", "2"} {
			got, err := c.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: p.ProfileArn, ProfileVersion: &v})
			read("GetProfile "+aws.ToString(p.ProfileName)+" "+v, err, func() any { return got.Profile })
		}
	}
	templates, err := c.ListReviewTemplates(ctx, &wa.ListReviewTemplatesInput{})
	read("ListReviewTemplates", err, func() any { return templates.ReviewTemplates })
	for _, tp := range templates.ReviewTemplates {
		name, arn := aws.ToString(tp.TemplateName), tp.TemplateArn
		names = append(names, aws.ToString(arn), "TEMPLATE("+name+")")
		got, err := c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: arn})
		read("GetReviewTemplate "+name, err, func() any { return got.ReviewTemplate })
		lr, err := c.GetReviewTemplateLensReview(ctx, &wa.GetReviewTemplateLensReviewInput{TemplateArn: arn, LensAlias: aws.String("wellarchitected")})
		read("GetReviewTemplateLensReview "+name, err, func() any { return lr.LensReview })
		var as []types.ReviewTemplateAnswerSummary
		for p := wa.NewListReviewTemplateAnswersPaginator(c, &wa.ListReviewTemplateAnswersInput{TemplateArn: arn, LensAlias: aws.String("wellarchitected")}); p.HasMorePages(); {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			as = append(as, page.AnswerSummaries...)
		}
		read("ListReviewTemplateAnswers "+name, nil, func() any { return as })
		for _, a := range as {
			got, err := c.GetReviewTemplateAnswer(ctx, &wa.GetReviewTemplateAnswerInput{TemplateArn: arn, LensAlias: aws.String("wellarchitected"), QuestionId: a.QuestionId})
			read("GetReviewTemplateAnswer "+name+" "+aws.ToString(a.QuestionId), err, func() any { return got.Answer })
		}
	}
	workloads, err := c.ListWorkloads(ctx, &wa.ListWorkloadsInput{})
	read("ListWorkloads", err, func() any { return workloads.WorkloadSummaries })
	for _, w := range workloads.WorkloadSummaries {
		name := aws.ToString(w.WorkloadName)
		names = append(names, aws.ToString(w.WorkloadId), "WORKLOAD("+name+")")
		got, err := c.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: w.WorkloadId})
		read("GetWorkload "+name, err, func() any { return got.Workload })
		names = append(names, aws.ToString(got.Workload.WorkloadArn), "WORKLOADARN("+name+")")
		tags, err := c.ListTagsForResource(ctx, &wa.ListTagsForResourceInput{WorkloadArn: got.Workload.WorkloadArn})
		read("ListTagsForResource "+name, err, func() any { return tags.Tags })
		ms, err := c.ListMilestones(ctx, &wa.ListMilestonesInput{WorkloadId: w.WorkloadId})
		read("ListMilestones "+name, err, func() any { return ms.MilestoneSummaries })
		readImportedReviews(t, c, aws.ToString(w.WorkloadId), nil, name, read)
		for _, m := range ms.MilestoneSummaries {
			got, err := c.GetMilestone(ctx, &wa.GetMilestoneInput{WorkloadId: w.WorkloadId, MilestoneNumber: m.MilestoneNumber})
			read(fmt.Sprintf("GetMilestone %s %d", name, aws.ToInt32(m.MilestoneNumber)), err, func() any { return got.Milestone })
			readImportedReviews(t, c, aws.ToString(w.WorkloadId), m.MilestoneNumber, fmt.Sprintf("%s milestone %d", name, aws.ToInt32(m.MilestoneNumber)), read)
		}
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, account, "ACCOUNT")
	text := strings.NewReplacer(names...).Replace(string(b))
	var out any
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// readImportedReviews reads a workload's lens reviews and every answer, live or at
// a milestone.
func readImportedReviews(t *testing.T, c *wa.Client, id string, milestone *int32, label string, read func(string, error, func() any)) {
	t.Helper()
	ctx := context.Background()
	rs, err := c.ListLensReviews(ctx, &wa.ListLensReviewsInput{WorkloadId: &id, MilestoneNumber: milestone})
	read("ListLensReviews "+label, err, func() any { return rs.LensReviewSummaries })
	for _, r := range rs.LensReviewSummaries {
		alias := aws.ToString(r.LensAlias)
		key := label + " " + aws.ToString(r.LensName)
		got, err := c.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &id, LensAlias: &alias, MilestoneNumber: milestone})
		read("GetLensReview "+key, err, func() any { return got.LensReview })
		var as []types.AnswerSummary
		for p := wa.NewListAnswersPaginator(c, &wa.ListAnswersInput{WorkloadId: &id, LensAlias: &alias, MilestoneNumber: milestone}); p.HasMorePages(); {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			as = append(as, page.AnswerSummaries...)
		}
		read("ListAnswers "+key, nil, func() any { return as })
		for _, a := range as {
			got, err := c.GetAnswer(ctx, &wa.GetAnswerInput{WorkloadId: &id, LensAlias: &alias, QuestionId: a.QuestionId, MilestoneNumber: milestone})
			read("GetAnswer "+key+" "+aws.ToString(a.QuestionId), err, func() any { return got.Answer })
		}
	}
}

// ignoreTimes leaves out the times of creation and update, which an import
// cannot keep; RecordedAt is compared.
var ignoreTimes = cmp.FilterPath(func(p cmp.Path) bool {
	if mi, ok := p.Last().(cmp.MapIndex); ok {
		switch mi.Key().String() {
		case "CreatedAt", "UpdatedAt", "NextToken":
			return true
		}
	}
	return false
}, cmp.Ignore())
