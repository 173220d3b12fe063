package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestTags tags a workload through its ARN, which the SDK percent-escapes
// into the request path.
//
// TagResource, UntagResource and ListTagsForResource model neither
// ValidationException nor ConflictException, so the SDK knows those errors
// only by their code: they are checked with wantAPIError.
func TestTags(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		in := workloadInput("Tagged")
		in.Tags = map[string]string{"team": "retail"}
		created, err := c.CreateWorkload(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		arn := created.WorkloadArn

		check := func(step string, want map[string]string) {
			t.Helper()
			out, err := c.ListTagsForResource(ctx, &wellarchitected.ListTagsForResourceInput{WorkloadArn: arn})
			if err != nil {
				t.Fatalf("ListTagsForResource %s: %v", step, err)
			}
			if diff := cmp.Diff(want, out.Tags); diff != "" {
				t.Errorf("ListTagsForResource %s (-want +got):\n%s", step, diff)
			}
			w, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: created.WorkloadId})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, w.Workload.Tags); diff != "" {
				t.Errorf("GetWorkload tags %s (-want +got):\n%s", step, diff)
			}
		}
		check("after create", map[string]string{"team": "retail"})

		if _, err := c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: arn, Tags: map[string]string{"team": "payments", "env": "prod", "cost center": ""}}); err != nil {
			t.Fatal(err)
		}
		check("after TagResource", map[string]string{"team": "payments", "env": "prod", "cost center": ""})

		if _, err := c.UntagResource(ctx, &wellarchitected.UntagResourceInput{WorkloadArn: arn, TagKeys: []string{"env", "never-set"}}); err != nil {
			t.Fatal(err)
		}
		check("after UntagResource", map[string]string{"team": "payments", "cost center": ""})

		for _, key := range []string{"aws:owner", "AWS:owner", "Aws:x"} {
			_, err := c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: arn, Tags: map[string]string{key: "x"}})
			wantAPIError(t, err, "ValidationException", 400)
		}
		many := map[string]string{}
		for i := range 51 {
			many[fmt.Sprintf("k%02d", i)] = "v"
		}
		_, err = c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: arn, Tags: many})
		wantAPIError(t, err, "ValidationException", 400)
		// 49 new tags fit in one request but not next to the 2 there.
		delete(many, "k00")
		delete(many, "k01")
		_, err = c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: arn, Tags: many})
		wantAPIError(t, err, "ValidationException", 400)
		check("after rejected TagResource calls", map[string]string{"team": "payments", "cost center": ""})
		delete(many, "k02")
		if _, err := c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: arn, Tags: many}); err != nil {
			t.Errorf("TagResource up to 50 tags: %v", err)
		}
		many["team"], many["cost center"] = "payments", ""
		check("at 50 tags", many)

		acct := srv.Admin.AccountID
		for _, missing := range []string{
			"arn:aws:wellarchitected:us-east-1:" + acct + ":workload/" + strings.Repeat("f", 32),
			"arn:aws:wellarchitected:eu-west-1:" + acct + ":workload/" + aws.ToString(created.WorkloadId),
			"arn:aws:wellarchitected:us-east-1:123456789012:workload/" + aws.ToString(created.WorkloadId),
		} {
			_, err := c.ListTagsForResource(ctx, &wellarchitected.ListTagsForResourceInput{WorkloadArn: aws.String(missing)})
			wantNotFound(t, err)
			_, err = c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: aws.String(missing), Tags: map[string]string{"a": "b"}})
			wantNotFound(t, err)
			_, err = c.UntagResource(ctx, &wellarchitected.UntagResourceInput{WorkloadArn: aws.String(missing), TagKeys: []string{"team"}})
			wantNotFound(t, err)
		}
	})
}
