package api_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
)

var workloadARNRE = regexp.MustCompile(`^arn:aws:wellarchitected:us-east-1:(\d{12}):workload/([0-9a-f]{32})$`)

// fullWorkloadInput sets every property CreateWorkload takes.
func fullWorkloadInput(name string) *wellarchitected.CreateWorkloadInput {
	return &wellarchitected.CreateWorkloadInput{
		WorkloadName:        aws.String(name),
		Description:         aws.String("The retail web site and its order pipeline"),
		Environment:         types.WorkloadEnvironmentProduction,
		AwsRegions:          []string{"us-east-1", "eu-west-1"},
		NonAwsRegions:       []string{"Frankfurt DC"},
		AccountIds:          []string{"111122223333", "444455556666"},
		ArchitecturalDesign: aws.String("https://wiki.example.com/retail/design"),
		ReviewOwner:         aws.String("architects@example.com"),
		IndustryType:        aws.String("Retail & Wholesale"),
		Industry:            aws.String("Online retail"),
		PillarPriorities:    []string{"security", "reliability"},
		Notes:               aws.String("Reviewed before the holiday season."),
		Applications:        []string{"arn:aws:servicecatalog:us-east-1:123456789012:/applications/0abc123def"},
		Tags:                map[string]string{"team": "retail", "cost-center": "42"},
		Lenses:              []string{lensAlias},
		DiscoveryConfig: &types.WorkloadDiscoveryConfig{
			TrustedAdvisorIntegrationStatus: types.TrustedAdvisorIntegrationStatusEnabled,
			WorkloadResourceDefinition:      []types.DefinitionType{types.DefinitionTypeWorkloadMetadata},
		},
	}
}

// TestWorkloadLifecycle creates a workload with every property, reads it
// back, changes each property in turn and deletes it.
func TestWorkloadLifecycle(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		acct := srv.Admin.AccountID

		before := time.Now().Add(-time.Second)
		in := fullWorkloadInput("Retail Site")
		created, err := c.CreateWorkload(ctx, in)
		if err != nil {
			t.Fatalf("CreateWorkload: %v", err)
		}
		id := aws.ToString(created.WorkloadId)
		m := workloadARNRE.FindStringSubmatch(aws.ToString(created.WorkloadArn))
		if m == nil || m[1] != acct || m[2] != id {
			t.Fatalf("CreateWorkload returned id %q and ARN %q, want arn:aws:wellarchitected:us-east-1:%s:workload/<the 32-hex id>", id, aws.ToString(created.WorkloadArn), acct)
		}

		want := types.Workload{
			WorkloadId:                      aws.String(id),
			WorkloadArn:                     created.WorkloadArn,
			WorkloadName:                    in.WorkloadName,
			Description:                     in.Description,
			Environment:                     in.Environment,
			AwsRegions:                      in.AwsRegions,
			NonAwsRegions:                   in.NonAwsRegions,
			AccountIds:                      in.AccountIds,
			ArchitecturalDesign:             in.ArchitecturalDesign,
			ReviewOwner:                     in.ReviewOwner,
			IsReviewOwnerUpdateAcknowledged: aws.Bool(false),
			IndustryType:                    in.IndustryType,
			Industry:                        in.Industry,
			PillarPriorities:                in.PillarPriorities,
			Notes:                           in.Notes,
			Applications:                    in.Applications,
			Tags:                            in.Tags,
			DiscoveryConfig:                 in.DiscoveryConfig,
			ImprovementStatus:               types.WorkloadImprovementStatusNotApplicable,
			RiskCounts:                      riskCounts(map[types.Risk]int32{types.RiskUnanswered: 57}),
			Lenses:                          []string{lensAlias},
			Owner:                           aws.String(acct),
		}
		ignoreUpdatedAt := cmpopts.IgnoreFields(types.Workload{}, "UpdatedAt")
		got, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
		if err != nil {
			t.Fatalf("GetWorkload: %v", err)
		}
		if diff := cmp.Diff(want, *got.Workload, sdkOpts, ignoreUpdatedAt); diff != "" {
			t.Errorf("GetWorkload after CreateWorkload (-want +got):\n%s", diff)
		}
		lastUpdate := aws.ToTime(got.Workload.UpdatedAt)
		if lastUpdate.Before(before) || lastUpdate.After(time.Now().Add(time.Second)) {
			t.Errorf("UpdatedAt = %v, want the time of creation (after %v)", lastUpdate, before)
		}

		steps := []struct {
			name   string
			update func(in *wellarchitected.UpdateWorkloadInput)
			want   func(w *types.Workload)
		}{
			{"WorkloadName", func(in *wellarchitected.UpdateWorkloadInput) { in.WorkloadName = aws.String("Retail Site v2") },
				func(w *types.Workload) { w.WorkloadName = aws.String("Retail Site v2") }},
			{"Description", func(in *wellarchitected.UpdateWorkloadInput) { in.Description = aws.String("Now with a mobile app") },
				func(w *types.Workload) { w.Description = aws.String("Now with a mobile app") }},
			{"Environment", func(in *wellarchitected.UpdateWorkloadInput) { in.Environment = types.WorkloadEnvironmentPreproduction },
				func(w *types.Workload) { w.Environment = types.WorkloadEnvironmentPreproduction }},
			{"AwsRegions", func(in *wellarchitected.UpdateWorkloadInput) { in.AwsRegions = []string{"ap-southeast-2"} },
				func(w *types.Workload) { w.AwsRegions = []string{"ap-southeast-2"} }},
			{"NonAwsRegions", func(in *wellarchitected.UpdateWorkloadInput) { in.NonAwsRegions = []string{"Paris DC", "Lyon DC"} },
				func(w *types.Workload) { w.NonAwsRegions = []string{"Paris DC", "Lyon DC"} }},
			{"NonAwsRegions cleared", func(in *wellarchitected.UpdateWorkloadInput) { in.NonAwsRegions = []string{} },
				func(w *types.Workload) { w.NonAwsRegions = nil }},
			{"AccountIds", func(in *wellarchitected.UpdateWorkloadInput) { in.AccountIds = []string{"777788889999"} },
				func(w *types.Workload) { w.AccountIds = []string{"777788889999"} }},
			{"ArchitecturalDesign", func(in *wellarchitected.UpdateWorkloadInput) {
				in.ArchitecturalDesign = aws.String("http://design.example.org/v2")
			}, func(w *types.Workload) { w.ArchitecturalDesign = aws.String("http://design.example.org/v2") }},
			{"ReviewOwner", func(in *wellarchitected.UpdateWorkloadInput) {
				in.ReviewOwner = aws.String("new-owner@example.com")
				in.IsReviewOwnerUpdateAcknowledged = aws.Bool(true)
			}, func(w *types.Workload) {
				w.ReviewOwner = aws.String("new-owner@example.com")
				w.IsReviewOwnerUpdateAcknowledged = aws.Bool(true)
			}},
			{"IndustryType and Industry", func(in *wellarchitected.UpdateWorkloadInput) {
				in.IndustryType = aws.String("Financial Services")
				in.Industry = aws.String("Payments")
			}, func(w *types.Workload) {
				w.IndustryType = aws.String("Financial Services")
				w.Industry = aws.String("Payments")
			}},
			{"PillarPriorities", func(in *wellarchitected.UpdateWorkloadInput) {
				in.PillarPriorities = []string{"costOptimization", "security", "sustainability"}
			}, func(w *types.Workload) {
				w.PillarPriorities = []string{"costOptimization", "security", "sustainability"}
			}},
			{"Notes", func(in *wellarchitected.UpdateWorkloadInput) { in.Notes = aws.String("Second review.") },
				func(w *types.Workload) { w.Notes = aws.String("Second review.") }},
			{"ImprovementStatus", func(in *wellarchitected.UpdateWorkloadInput) {
				in.ImprovementStatus = types.WorkloadImprovementStatusInProgress
			},
				func(w *types.Workload) { w.ImprovementStatus = types.WorkloadImprovementStatusInProgress }},
			{"DiscoveryConfig", func(in *wellarchitected.UpdateWorkloadInput) {
				in.DiscoveryConfig = &types.WorkloadDiscoveryConfig{TrustedAdvisorIntegrationStatus: types.TrustedAdvisorIntegrationStatusDisabled}
			}, func(w *types.Workload) {
				w.DiscoveryConfig = &types.WorkloadDiscoveryConfig{TrustedAdvisorIntegrationStatus: types.TrustedAdvisorIntegrationStatusDisabled}
			}},
			{"Applications", func(in *wellarchitected.UpdateWorkloadInput) {
				in.Applications = []string{"arn:aws:servicecatalog:eu-west-1:123456789012:/applications/0zz9"}
			}, func(w *types.Workload) {
				w.Applications = []string{"arn:aws:servicecatalog:eu-west-1:123456789012:/applications/0zz9"}
			}},
		}
		for _, step := range steps {
			upd := &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(id)}
			step.update(upd)
			step.want(&want)
			out, err := c.UpdateWorkload(ctx, upd)
			if err != nil {
				t.Errorf("UpdateWorkload %s: %v", step.name, err)
				continue
			}
			if diff := cmp.Diff(want, *out.Workload, sdkOpts, ignoreUpdatedAt); diff != "" {
				t.Errorf("UpdateWorkload %s response (-want +got):\n%s", step.name, diff)
			}
			got, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
			if err != nil {
				t.Fatalf("GetWorkload after updating %s: %v", step.name, err)
			}
			if diff := cmp.Diff(want, *got.Workload, sdkOpts, ignoreUpdatedAt); diff != "" {
				t.Errorf("GetWorkload after updating %s (-want +got):\n%s", step.name, diff)
			}
			if u := aws.ToTime(got.Workload.UpdatedAt); u.Before(lastUpdate) {
				t.Errorf("UpdatedAt went back from %v to %v when updating %s", lastUpdate, u, step.name)
			} else {
				lastUpdate = u
			}
		}

		// Deleting removes the workload and its milestones, and frees its name.
		if _, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id), MilestoneName: aws.String("Before delete")}); err != nil {
			t.Fatalf("CreateMilestone: %v", err)
		}
		del := &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(id), ClientRequestToken: aws.String("delete-1")}
		if _, err := c.DeleteWorkload(ctx, del); err != nil {
			t.Fatalf("DeleteWorkload: %v", err)
		}
		_, err = c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
		wantNotFound(t, err)
		_, err = c.GetMilestone(ctx, &wellarchitected.GetMilestoneInput{WorkloadId: aws.String(id), MilestoneNumber: aws.Int32(1)})
		wantNotFound(t, err)
		_, err = c.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(id), ClientRequestToken: aws.String("delete-2")})
		wantNotFound(t, err)
		if _, err := c.DeleteWorkload(ctx, del); err != nil {
			t.Errorf("DeleteWorkload retried with its ClientRequestToken: %v, want success", err)
		}
		var left []*wat.Milestone
		if err := srv.Store.View(ctx, func(tx wat.Tx) error {
			var err error
			left, err = tx.ListMilestones(ctx, id, 0, 10)
			return err
		}); err != nil && wat.ErrorCodeOf(err) != wat.ENotFound {
			t.Fatalf("store ListMilestones: %v", err)
		}
		if len(left) != 0 {
			t.Errorf("the store still holds %d milestones of the deleted workload", len(left))
		}
		list, err := c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
		if err != nil {
			t.Fatalf("ListWorkloads: %v", err)
		}
		if n := len(list.WorkloadSummaries); n != 0 {
			t.Errorf("ListWorkloads after deleting the only workload lists %d", n)
		}
		createWorkload(t, c, workloadInput("Retail Site v2"))
	})
}

// TestCreateWorkloadValidation sends invalid workloads: each is rejected
// with a ValidationException that names the field, and nothing is created.
func TestCreateWorkloadValidation(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	tags51 := map[string]string{}
	for i := range 51 {
		tags51[fmt.Sprintf("k%02d", i)] = "v"
	}
	accounts101 := make([]string, 101)
	for i := range accounts101 {
		accounts101[i] = fmt.Sprintf("%012d", 100000000000+i)
	}
	tests := []struct {
		name   string
		modify func(in *wellarchitected.CreateWorkloadInput)
		field  string
	}{
		{"name of 2 characters", func(in *wellarchitected.CreateWorkloadInput) { in.WorkloadName = aws.String("ab") }, "WorkloadName"},
		{"name of 101 characters", func(in *wellarchitected.CreateWorkloadInput) { in.WorkloadName = aws.String(strings.Repeat("n", 101)) }, "WorkloadName"},
		{"name with 2 non-space characters", func(in *wellarchitected.CreateWorkloadInput) { in.WorkloadName = aws.String("   ab") }, "WorkloadName"},
		{"name of spaces only", func(in *wellarchitected.CreateWorkloadInput) { in.WorkloadName = aws.String("      ") }, "WorkloadName"},
		{"description of 2 characters", func(in *wellarchitected.CreateWorkloadInput) { in.Description = aws.String("ab") }, "Description"},
		{"description of 251 characters", func(in *wellarchitected.CreateWorkloadInput) { in.Description = aws.String(strings.Repeat("d", 251)) }, "Description"},
		{"no review owner", func(in *wellarchitected.CreateWorkloadInput) { in.ReviewOwner = nil }, "ReviewOwner"},
		{"no regions", func(in *wellarchitected.CreateWorkloadInput) { in.AwsRegions = nil }, "AwsRegions"},
		{"6 non-AWS regions", func(in *wellarchitected.CreateWorkloadInput) {
			in.NonAwsRegions = []string{"dc1", "dc2", "dc3", "dc4", "dc5", "dc6"}
		}, "NonAwsRegions"},
		{"non-AWS region of 2 characters", func(in *wellarchitected.CreateWorkloadInput) { in.NonAwsRegions = []string{"dc"} }, "NonAwsRegions"},
		{"non-AWS region of 26 characters", func(in *wellarchitected.CreateWorkloadInput) { in.NonAwsRegions = []string{strings.Repeat("r", 26)} }, "NonAwsRegions"},
		{"unknown AWS region code", func(in *wellarchitected.CreateWorkloadInput) { in.AwsRegions = []string{"us-east-1", "Frankfurt"} }, "AwsRegions"},
		{"account id of 11 digits", func(in *wellarchitected.CreateWorkloadInput) { in.AccountIds = []string{"12345678901"} }, "AccountIds"},
		{"account id with a letter", func(in *wellarchitected.CreateWorkloadInput) { in.AccountIds = []string{"12345678901a"} }, "AccountIds"},
		{"101 account ids", func(in *wellarchitected.CreateWorkloadInput) { in.AccountIds = accounts101 }, "AccountIds"},
		{"architectural design not a URL", func(in *wellarchitected.CreateWorkloadInput) { in.ArchitecturalDesign = aws.String("see the wiki") }, "ArchitecturalDesign"},
		{"unknown industry type", func(in *wellarchitected.CreateWorkloadInput) { in.IndustryType = aws.String("Bananas") }, "IndustryType"},
		{"unknown pillar priority", func(in *wellarchitected.CreateWorkloadInput) { in.PillarPriorities = []string{"security", "happiness"} }, "PillarPriorities"},
		{"notes of 2085 characters", func(in *wellarchitected.CreateWorkloadInput) { in.Notes = aws.String(strings.Repeat("x", 2085)) }, "Notes"},
		{"reserved tag key", func(in *wellarchitected.CreateWorkloadInput) { in.Tags = map[string]string{"aws:x": "y"} }, "Tags"},
		{"reserved tag key in upper case", func(in *wellarchitected.CreateWorkloadInput) { in.Tags = map[string]string{"AWS:owner": "y"} }, "Tags"},
		{"51 tags", func(in *wellarchitected.CreateWorkloadInput) { in.Tags = tags51 }, "Tags"},
		{"unknown environment", func(in *wellarchitected.CreateWorkloadInput) { in.Environment = "STAGING" }, "Environment"},
		{"unknown lens", func(in *wellarchitected.CreateWorkloadInput) { in.Lenses = []string{lensAlias, "no-such-lens"} }, "Lenses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := workloadInput(testserver.RandomName("invalid"))
			tt.modify(in)
			_, err := srv.Client.CreateWorkload(context.Background(), in)
			wantValidation(t, err, tt.field)
		})
	}
	list, err := srv.Client.ListWorkloads(context.Background(), &wellarchitected.ListWorkloadsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range list.WorkloadSummaries {
		t.Errorf("an invalid CreateWorkload created workload %q", aws.ToString(w.WorkloadName))
	}
}

// TestUpdateWorkloadValidation checks that UpdateWorkload applies the rules
// of CreateWorkload, and that a rejected update changes nothing.
func TestUpdateWorkloadValidation(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	id := createWorkload(t, srv.Client, fullWorkloadInput("Update Validation"))
	before, err := srv.Client.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		modify func(in *wellarchitected.UpdateWorkloadInput)
		field  string
	}{
		{"name with 2 non-space characters", func(in *wellarchitected.UpdateWorkloadInput) { in.WorkloadName = aws.String(" a b ") }, "WorkloadName"},
		{"description of 251 characters", func(in *wellarchitected.UpdateWorkloadInput) { in.Description = aws.String(strings.Repeat("d", 251)) }, "Description"},
		{"every region removed", func(in *wellarchitected.UpdateWorkloadInput) {
			in.AwsRegions, in.NonAwsRegions = []string{}, []string{}
		}, "AwsRegions"},
		{"unknown AWS region code", func(in *wellarchitected.UpdateWorkloadInput) { in.AwsRegions = []string{"moon-base-1a"} }, "AwsRegions"},
		{"non-AWS region of 26 characters", func(in *wellarchitected.UpdateWorkloadInput) { in.NonAwsRegions = []string{strings.Repeat("r", 26)} }, "NonAwsRegions"},
		{"unknown industry type", func(in *wellarchitected.UpdateWorkloadInput) { in.IndustryType = aws.String("Bananas") }, "IndustryType"},
		{"unknown pillar priority", func(in *wellarchitected.UpdateWorkloadInput) { in.PillarPriorities = []string{"happiness"} }, "PillarPriorities"},
		{"notes of 2085 characters", func(in *wellarchitected.UpdateWorkloadInput) { in.Notes = aws.String(strings.Repeat("x", 2085)) }, "Notes"},
		{"unknown improvement status", func(in *wellarchitected.UpdateWorkloadInput) { in.ImprovementStatus = "DONE" }, "ImprovementStatus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(id)}
			tt.modify(in)
			_, err := srv.Client.UpdateWorkload(ctx, in)
			wantValidation(t, err, tt.field)
		})
	}
	after, err := srv.Client.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before.Workload, after.Workload, sdkOpts); diff != "" {
		t.Errorf("rejected updates changed the workload (-before +after):\n%s", diff)
	}
	_, err = srv.Client.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(strings.Repeat("0", 32)), Description: aws.String("nobody")})
	wantNotFound(t, err)
}
