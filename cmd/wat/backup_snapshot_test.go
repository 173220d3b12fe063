package main

// What a wat says of its data, read through every read of the API that
// the backup round trip compares, and through `wat admin`: a snapshot
// keyed by principal and call, with the error codes of calls refused.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// snapshot is what each call answered, as JSON values, by call.
type snapshot map[string]any

// put records what the call key answered: out as JSON (without the SDK's
// ResultMetadata, which is per request), or err's API error code.
func (s snapshot) put(key string, out any, err error) {
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			s[key] = "error " + ae.ErrorCode()
		} else {
			s[key] = "error " + err.Error()
		}
		return
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	var v any
	json.Unmarshal(b, &v)
	if m, ok := v.(map[string]any); ok {
		delete(m, "ResultMetadata")
	}
	s[key] = v
}

// pager is any of the SDK's paginators.
type pager[O any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*wa.Options)) (O, error)
}

// collect records the items of every page of p under key and returns them.
func collect[O, T any](s snapshot, key string, p pager[O], items func(O) []T) []T {
	var all []T
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			s.put(key, nil, err)
			return nil
		}
		all = append(all, items(out)...)
	}
	s.put(key, all, nil)
	return all
}

// readCompany reads everything each principal may read at endpoint, and
// what `wat admin` lists of the database.
func readCompany(t *testing.T, endpoint string, a *adminEnv, who []principal) snapshot {
	t.Helper()
	s := snapshot{}
	for _, p := range who {
		readAs(s, sdkClient(endpoint, p.keyID, p.secret), p.name+": ")
	}
	readAdmin(t, s, a)
	return s
}

func readAs(s snapshot, c *wa.Client, k string) {
	ctx := context.Background()
	workloads := collect(s, k+"ListWorkloads", wa.NewListWorkloadsPaginator(c, &wa.ListWorkloadsInput{}),
		func(o *wa.ListWorkloadsOutput) []types.WorkloadSummary { return o.WorkloadSummaries })
	for _, w := range workloads {
		readWorkload(s, c, k+"workload "+aws.ToString(w.WorkloadName)+": ", w.WorkloadId, w.WorkloadArn)
	}
	lenses := collect(s, k+"ListLenses", wa.NewListLensesPaginator(c, &wa.ListLensesInput{LensStatus: types.LensStatusTypeAll}),
		func(o *wa.ListLensesOutput) []types.LensSummary { return o.LensSummaries })
	for _, l := range lenses {
		if l.LensType == types.LensTypeAwsOfficial {
			continue
		}
		arn, lk := l.LensArn, k+"lens "+aws.ToString(l.LensName)+": "
		for _, v := range []string{"", "1.0", "1.1"} {
			out, err := c.ExportLens(ctx, &wa.ExportLensInput{LensAlias: arn, LensVersion: aws.String(v)})
			if v == "" {
				out, err = c.ExportLens(ctx, &wa.ExportLensInput{LensAlias: arn})
			}
			s.put(lk+"ExportLens "+v, out, err)
		}
		out, err := c.GetLens(ctx, &wa.GetLensInput{LensAlias: arn})
		s.put(lk+"GetLens", out, err)
		diff, err := c.GetLensVersionDifference(ctx, &wa.GetLensVersionDifferenceInput{LensAlias: arn, BaseLensVersion: aws.String("1.0")})
		s.put(lk+"GetLensVersionDifference", diff, err)
		collect(s, lk+"ListLensShares", wa.NewListLensSharesPaginator(c, &wa.ListLensSharesInput{LensAlias: arn}),
			func(o *wa.ListLensSharesOutput) []types.LensShareSummary { return o.LensShareSummaries })
	}
	profiles := collect(s, k+"ListProfiles", wa.NewListProfilesPaginator(c, &wa.ListProfilesInput{}),
		func(o *wa.ListProfilesOutput) []types.ProfileSummary { return o.ProfileSummaries })
	for _, p := range profiles {
		pk := k + "profile " + aws.ToString(p.ProfileName) + ": "
		for _, v := range []*string{nil, aws.String("1")} {
			out, err := c.GetProfile(ctx, &wa.GetProfileInput{ProfileArn: p.ProfileArn, ProfileVersion: v})
			s.put(pk+"GetProfile "+aws.ToString(v), out, err)
		}
		collect(s, pk+"ListProfileShares", wa.NewListProfileSharesPaginator(c, &wa.ListProfileSharesInput{ProfileArn: p.ProfileArn}),
			func(o *wa.ListProfileSharesOutput) []types.ProfileShareSummary { return o.ProfileShareSummaries })
	}
	templates := collect(s, k+"ListReviewTemplates", wa.NewListReviewTemplatesPaginator(c, &wa.ListReviewTemplatesInput{}),
		func(o *wa.ListReviewTemplatesOutput) []types.ReviewTemplateSummary { return o.ReviewTemplates })
	for _, tm := range templates {
		tk, arn := k+"template "+aws.ToString(tm.TemplateName)+": ", tm.TemplateArn
		out, err := c.GetReviewTemplate(ctx, &wa.GetReviewTemplateInput{TemplateArn: arn})
		s.put(tk+"GetReviewTemplate", out, err)
		lr, err := c.GetReviewTemplateLensReview(ctx, &wa.GetReviewTemplateLensReviewInput{TemplateArn: arn, LensAlias: aws.String("wellarchitected")})
		s.put(tk+"GetReviewTemplateLensReview", lr, err)
		collect(s, tk+"ListReviewTemplateAnswers", wa.NewListReviewTemplateAnswersPaginator(c, &wa.ListReviewTemplateAnswersInput{TemplateArn: arn, LensAlias: aws.String("wellarchitected")}),
			func(o *wa.ListReviewTemplateAnswersOutput) []types.ReviewTemplateAnswerSummary {
				return o.AnswerSummaries
			})
		collect(s, tk+"ListTemplateShares", wa.NewListTemplateSharesPaginator(c, &wa.ListTemplateSharesInput{TemplateArn: arn}),
			func(o *wa.ListTemplateSharesOutput) []types.TemplateShareSummary { return o.TemplateShareSummaries })
	}
	collect(s, k+"ListShareInvitations", wa.NewListShareInvitationsPaginator(c, &wa.ListShareInvitationsInput{}),
		func(o *wa.ListShareInvitationsOutput) []types.ShareInvitationSummary {
			return o.ShareInvitationSummaries
		})
	collect(s, k+"ListProfileNotifications", wa.NewListProfileNotificationsPaginator(c, &wa.ListProfileNotificationsInput{}),
		func(o *wa.ListProfileNotificationsOutput) []types.ProfileNotificationSummary {
			return o.NotificationSummaries
		})
	gs, err := c.GetGlobalSettings(ctx, &wa.GetGlobalSettingsInput{})
	s.put(k+"GetGlobalSettings", gs, err)
	collect(s, k+"GetConsolidatedReport", wa.NewGetConsolidatedReportPaginator(c, &wa.GetConsolidatedReportInput{Format: types.ReportFormatJson, IncludeSharedResources: aws.Bool(true)}),
		func(o *wa.GetConsolidatedReportOutput) []types.ConsolidatedReportMetric { return o.Metrics })
}

// readWorkload reads a workload, its lens reviews now and at each
// milestone, its shares, tags and evidence.
func readWorkload(s snapshot, c *wa.Client, k string, id, arn *string) {
	ctx := context.Background()
	gw, err := c.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: id})
	s.put(k+"GetWorkload", gw, err)
	tags, err := c.ListTagsForResource(ctx, &wa.ListTagsForResourceInput{WorkloadArn: arn})
	s.put(k+"ListTagsForResource", tags, err)
	collect(s, k+"ListWorkloadShares", wa.NewListWorkloadSharesPaginator(c, &wa.ListWorkloadSharesInput{WorkloadId: id}),
		func(o *wa.ListWorkloadSharesOutput) []types.WorkloadShareSummary { return o.WorkloadShareSummaries })
	collect(s, k+"ListNotifications", wa.NewListNotificationsPaginator(c, &wa.ListNotificationsInput{WorkloadId: id}),
		func(o *wa.ListNotificationsOutput) []types.NotificationSummary { return o.NotificationSummaries })
	readReviews(s, c, k, id, nil)
	milestones := collect(s, k+"ListMilestones", wa.NewListMilestonesPaginator(c, &wa.ListMilestonesInput{WorkloadId: id}),
		func(o *wa.ListMilestonesOutput) []types.MilestoneSummary { return o.MilestoneSummaries })
	for _, m := range milestones {
		mk := fmt.Sprintf("%smilestone %d: ", k, aws.ToInt32(m.MilestoneNumber))
		out, err := c.GetMilestone(ctx, &wa.GetMilestoneInput{WorkloadId: id, MilestoneNumber: m.MilestoneNumber})
		s.put(mk+"GetMilestone", out, err)
		readReviews(s, c, mk, id, m.MilestoneNumber)
	}
	sa, err := watclient.FromSDK(c).GetSuggestedAnswers(ctx, &wire.GetSuggestedAnswersInput{WorkloadId: id, LensAlias: aws.String("wellarchitected")})
	s.put(k+"GetSuggestedAnswers", sa, err)
}

// readReviews reads the lens reviews of a workload, now or at a
// milestone, with their answers, improvements and, now, checks.
func readReviews(s snapshot, c *wa.Client, k string, id *string, milestone *int32) {
	ctx := context.Background()
	reviews := collect(s, k+"ListLensReviews", wa.NewListLensReviewsPaginator(c, &wa.ListLensReviewsInput{WorkloadId: id, MilestoneNumber: milestone}),
		func(o *wa.ListLensReviewsOutput) []types.LensReviewSummary { return o.LensReviewSummaries })
	for _, r := range reviews {
		rk, alias := k+"review "+aws.ToString(r.LensName)+": ", r.LensArn
		out, err := c.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: id, LensAlias: alias, MilestoneNumber: milestone})
		s.put(rk+"GetLensReview", out, err)
		answers := collect(s, rk+"ListAnswers", wa.NewListAnswersPaginator(c, &wa.ListAnswersInput{WorkloadId: id, LensAlias: alias, MilestoneNumber: milestone}),
			func(o *wa.ListAnswersOutput) []types.AnswerSummary { return o.AnswerSummaries })
		collect(s, rk+"ListLensReviewImprovements", wa.NewListLensReviewImprovementsPaginator(c, &wa.ListLensReviewImprovementsInput{WorkloadId: id, LensAlias: alias, MilestoneNumber: milestone}),
			func(o *wa.ListLensReviewImprovementsOutput) []types.ImprovementSummary { return o.ImprovementSummaries })
		if milestone != nil || len(answers) == 0 || !strings.HasSuffix(aws.ToString(alias), "/wellarchitected") {
			continue
		}
		q := answers[0]
		for _, ch := range q.Choices {
			ck := rk + "choice " + aws.ToString(ch.ChoiceId) + ": "
			in := &wa.ListCheckSummariesInput{WorkloadId: id, LensArn: alias, PillarId: q.PillarId, QuestionId: q.QuestionId, ChoiceId: ch.ChoiceId}
			collect(s, ck+"ListCheckSummaries", wa.NewListCheckSummariesPaginator(c, in),
				func(o *wa.ListCheckSummariesOutput) []types.CheckSummary { return o.CheckSummaries })
			din := &wa.ListCheckDetailsInput{WorkloadId: id, LensArn: alias, PillarId: q.PillarId, QuestionId: q.QuestionId, ChoiceId: ch.ChoiceId}
			collect(s, ck+"ListCheckDetails", wa.NewListCheckDetailsPaginator(c, din),
				func(o *wa.ListCheckDetailsOutput) []types.CheckDetail { return o.CheckDetails })
		}
	}
}

// readAdmin records what `wat admin` lists: accounts, users, keys,
// policies, organizations and the audit log.
func readAdmin(t *testing.T, s snapshot, a *adminEnv) {
	t.Helper()
	var accts listedAccounts
	a.do(t, &accts, "list-accounts")
	s.put("admin: list-accounts", accts, nil)
	for _, acct := range accts.Accounts {
		var users listedUsers
		a.do(t, &users, "list-users", "--account", acct.AccountId)
		s.put("admin: list-users "+acct.Name, users, nil)
		for _, u := range users.Users {
			var keys listedKeys
			a.do(t, &keys, "list-access-keys", "--account", acct.AccountId, "--user", u.UserName)
			s.put("admin: list-access-keys "+acct.Name+" "+u.UserName, keys, nil)
			var pols listedPolicies
			a.do(t, &pols, "list-policies", "--account", acct.AccountId, "--user", u.UserName)
			s.put("admin: list-policies "+acct.Name+" "+u.UserName, pols, nil)
		}
	}
	var orgs map[string]any
	a.do(t, &orgs, "list-organizations")
	s.put("admin: list-organizations", orgs, nil)
	stdout, stderr, code := a.run(t, "audit")
	if code != 0 {
		t.Fatalf("wat admin audit: %s", stderr)
	}
	s.put("admin: audit", strings.Split(stdout, "\n"), nil)
}
