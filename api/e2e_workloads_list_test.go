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

// TestListWorkloads checks the name prefix filter, the order and paging.
func TestListWorkloads(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		ids := map[string]string{}
		for _, name := range []string{"gamma", "Alpha one", "beta", "ALPHA three", "alpha two"} {
			ids[name] = createWorkload(t, c, workloadInput(name))
		}
		// Answer one question of "beta" so that summaries carry real risk counts.
		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
			WorkloadId: aws.String(ids["beta"]), LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities"),
			SelectedChoices: []string{"ops_priorities_no"},
		}); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			prefix string
			max    int32
			want   []string // in order
		}{
			{"", 2, []string{"Alpha one", "ALPHA three", "alpha two", "beta", "gamma"}},
			{"", 0, []string{"Alpha one", "ALPHA three", "alpha two", "beta", "gamma"}},
			{"alpha", 2, []string{"Alpha one", "ALPHA three", "alpha two"}},
			{"ALPHA", 1, []string{"Alpha one", "ALPHA three", "alpha two"}},
			{"aLpHa", 3, []string{"Alpha one", "ALPHA three", "alpha two"}},
			{"Be", 2, []string{"beta"}},
			{"delta", 2, nil},
		}
		for _, tt := range tests {
			var got []string
			var token *string
			pages := 0
			for {
				in := &wellarchitected.ListWorkloadsInput{WorkloadNamePrefix: aws.String(tt.prefix), NextToken: token}
				if tt.prefix == "" {
					in.WorkloadNamePrefix = nil
				}
				if tt.max > 0 {
					in.MaxResults = aws.Int32(tt.max)
				}
				out, err := c.ListWorkloads(ctx, in)
				if err != nil {
					t.Fatalf("ListWorkloads(prefix %q, page %d): %v", tt.prefix, pages+1, err)
				}
				pages++
				if tt.max > 0 && len(out.WorkloadSummaries) > int(tt.max) {
					t.Errorf("ListWorkloads(MaxResults %d) returned %d summaries", tt.max, len(out.WorkloadSummaries))
				}
				for _, s := range out.WorkloadSummaries {
					got = append(got, aws.ToString(s.WorkloadName))
				}
				if out.NextToken == nil {
					break
				}
				if pages > 10 {
					t.Fatalf("ListWorkloads(prefix %q) does not end", tt.prefix)
				}
				token = out.NextToken
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ListWorkloads(prefix %q, MaxResults %d) over %d pages (-want +got):\n%s", tt.prefix, tt.max, pages, diff)
			}
			if tt.max > 0 {
				if want := max(1, (len(tt.want)+int(tt.max)-1)/int(tt.max)); pages != want {
					t.Errorf("ListWorkloads(prefix %q, MaxResults %d) took %d pages, want %d", tt.prefix, tt.max, pages, want)
				}
			}
		}

		// Each summary agrees with GetWorkload.
		out, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range out.WorkloadSummaries {
			w, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: s.WorkloadId})
			if err != nil {
				t.Fatal(err)
			}
			want := types.WorkloadSummary{
				WorkloadId: w.Workload.WorkloadId, WorkloadArn: w.Workload.WorkloadArn, WorkloadName: w.Workload.WorkloadName,
				Owner: w.Workload.Owner, UpdatedAt: w.Workload.UpdatedAt, Lenses: w.Workload.Lenses,
				RiskCounts: w.Workload.RiskCounts, ImprovementStatus: w.Workload.ImprovementStatus,
			}
			if diff := cmp.Diff(want, s, sdkOpts); diff != "" {
				t.Errorf("summary of %q differs from GetWorkload (-get +list):\n%s", aws.ToString(s.WorkloadName), diff)
			}
		}
		if s := out.WorkloadSummaries[slices.IndexFunc(out.WorkloadSummaries, func(s types.WorkloadSummary) bool {
			return aws.ToString(s.WorkloadName) == "beta"
		})]; s.RiskCounts["HIGH"] != 1 || s.RiskCounts["UNANSWERED"] != 56 {
			t.Errorf("summary of beta has RiskCounts %v, want HIGH 1 and UNANSWERED 56", s.RiskCounts)
		}

		_, err = c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{NextToken: aws.String("not a token!")})
		wantValidation(t, err, "NextToken")
	})
}

// TestListWorkloadsPrefixIsLiteral: the prefix is text, not a pattern, and
// matches regardless of case beyond ASCII.
func TestListWorkloadsPrefixIsLiteral(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		for _, name := range []string{"50% off", "500 deals", "a_b site", "axb site", `back\slash`, "backxslash", "École du Nord"} {
			createWorkload(t, srv.Client, workloadInput(name))
		}
		for prefix, want := range map[string][]string{
			"50%":   {"50% off"},
			"A_":    {"a_b site"},
			`back\`: {`back\slash`},
			"ÉCO":   {"École du Nord"},
			"école": {"École du Nord"},
		} {
			out, err := srv.Client.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{WorkloadNamePrefix: aws.String(prefix)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range out.WorkloadSummaries {
				got = append(got, aws.ToString(s.WorkloadName))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ListWorkloads(prefix %q) (-want +got):\n%s", prefix, diff)
			}
		}
	})
}
