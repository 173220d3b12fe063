package api_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/internal/testserver"
)

// improvement is the part of an ImprovementSummary the tests compare.
type improvement struct {
	Question string
	Pillar   string
	Risk     types.Risk
	Plans    []string // choice ids
}

// expectedImprovements is the improvement plan computed from the CSV: HIGH
// questions, then MEDIUM; within a risk, pillars in priority order (the
// others after, in framework order), questions in framework order; each with
// its unselected, applicable practices.
func expectedImprovements(fw *fwFacts, answers map[string]answerSpec, priorities []string, pillar string) []improvement {
	rank := map[string]int{}
	for _, p := range append(slices.Clone(priorities), fw.Pillars...) {
		if _, ok := rank[p]; !ok {
			rank[p] = len(rank)
		}
	}
	var out []improvement
	for _, risk := range []types.Risk{types.RiskHigh, types.RiskMedium} {
		var level []improvement
		for _, q := range fw.Questions {
			a := answers[q.ID]
			if expectedRisk(q, a) != risk || (pillar != "" && q.Pillar != pillar) {
				continue
			}
			imp := improvement{Question: q.ID, Pillar: q.Pillar, Risk: risk}
			for _, p := range q.Practices {
				if !slices.Contains(a.Selected, p.ChoiceID) && !slices.Contains(a.NotApplicable, p.ChoiceID) {
					imp.Plans = append(imp.Plans, p.ChoiceID)
				}
			}
			level = append(level, imp)
		}
		slices.SortStableFunc(level, func(a, b improvement) int { return rank[a.Pillar] - rank[b.Pillar] })
		out = append(out, level...)
	}
	return out
}

// listImprovements pages through ListLensReviewImprovements and checks each
// plan's links against the CSV.
func listImprovements(t *testing.T, c *wellarchitected.Client, fw *fwFacts, in wellarchitected.ListLensReviewImprovementsInput) (got []improvement, pages int) {
	t.Helper()
	urls := map[string]string{}
	for _, q := range fw.Questions {
		for _, p := range q.Practices {
			urls[p.ChoiceID] = p.URL
		}
	}
	for {
		out, err := c.ListLensReviewImprovements(context.Background(), &in)
		if err != nil {
			t.Fatalf("ListLensReviewImprovements page %d: %v", pages+1, err)
		}
		pages++
		if in.MaxResults != nil && len(out.ImprovementSummaries) > int(*in.MaxResults) {
			t.Errorf("page %d has %d items, more than MaxResults %d", pages, len(out.ImprovementSummaries), *in.MaxResults)
		}
		for _, s := range out.ImprovementSummaries {
			imp := improvement{Question: aws.ToString(s.QuestionId), Pillar: aws.ToString(s.PillarId), Risk: s.Risk}
			for _, p := range s.ImprovementPlans {
				id := aws.ToString(p.ChoiceId)
				imp.Plans = append(imp.Plans, id)
				if u := aws.ToString(p.ImprovementPlanUrl); u != urls[id] {
					t.Errorf("improvement plan of %s links to %q, want the practice's page %q", id, u, urls[id])
				}
			}
			if aws.ToString(s.ImprovementPlanUrl) == "" {
				t.Errorf("improvement summary of %s has no ImprovementPlanUrl", imp.Question)
			}
			got = append(got, imp)
		}
		if out.NextToken == nil {
			return got, pages
		}
		if pages > 60 {
			t.Fatal("ListLensReviewImprovements does not end")
		}
		in.NextToken = out.NextToken
	}
}

// TestImprovementPlan checks the order and content of the improvement plan
// against one computed from the CSV, with filters and paging.
func TestImprovementPlan(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		in := workloadInput("Improvements")
		in.PillarPriorities = []string{"security", "costOptimization"}
		id := createWorkload(t, c, in)

		empty, _ := listImprovements(t, c, fw, wellarchitected.ListLensReviewImprovementsInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias)})
		if len(empty) != 0 {
			t.Errorf("a workload with no answers has %d improvements, want none", len(empty))
		}

		answers := answerAll(t, c, id, 7)
		base := wellarchitected.ListLensReviewImprovementsInput{WorkloadId: aws.String(id), LensAlias: aws.String(lensAlias)}
		want := expectedImprovements(fw, answers, in.PillarPriorities, "")
		if len(want) < 10 {
			t.Fatalf("seed gives only %d improvements: choose another", len(want))
		}
		got, _ := listImprovements(t, c, fw, base)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("improvement plan with priorities %q (-want +got):\n%s", in.PillarPriorities, diff)
		}

		paged := base
		paged.MaxResults = aws.Int32(4)
		got, pages := listImprovements(t, c, fw, paged)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("improvement plan over pages of 4 (-want +got):\n%s", diff)
		}
		if wantPages := (len(want) + 3) / 4; pages != wantPages {
			t.Errorf("%d improvements took %d pages of 4, want %d", len(want), pages, wantPages)
		}

		for _, p := range []string{"reliability", "sustainability"} {
			filtered := base
			filtered.PillarId = aws.String(p)
			got, _ := listImprovements(t, c, fw, filtered)
			if diff := cmp.Diff(expectedImprovements(fw, answers, in.PillarPriorities, p), got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("improvement plan of pillar %s (-want +got):\n%s", p, diff)
			}
		}
		prioritized := base
		prioritized.QuestionPriority = types.QuestionPriorityPrioritized
		if got, _ := listImprovements(t, c, fw, prioritized); len(got) != 0 {
			t.Errorf("PRIORITIZED improvements without a profile: %d, want none", len(got))
		}

		// New priorities reorder the plan.
		priorities := []string{"sustainability", "performance", "operationalExcellence"}
		if _, err := c.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(id), PillarPriorities: priorities}); err != nil {
			t.Fatal(err)
		}
		got, _ = listImprovements(t, c, fw, base)
		if diff := cmp.Diff(expectedImprovements(fw, answers, priorities, ""), got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("improvement plan with priorities %q (-want +got):\n%s", priorities, diff)
		}

		bad := base
		bad.PillarId = aws.String("happiness")
		_, err := c.ListLensReviewImprovements(ctx, &bad)
		wantValidation(t, err, "PillarId")
	})
}
