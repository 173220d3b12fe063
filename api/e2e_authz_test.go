package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// newUser creates a user of the default account with the given policy
// (nil: none) and returns an SDK client signed with its key.
func newUser(t *testing.T, srv *testserver.Server, name string, pol *service.PolicyInput) (*wellarchitected.Client, string) {
	t.Helper()
	creds, err := srv.Service.CreateUser(context.Background(), srv.Admin.AccountID, name, pol)
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	return srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey), creds.UserARN
}

// wantDenied fails unless err is AWS's AccessDeniedException naming the
// user, the action and the resource.
func wantDenied(t *testing.T, err error, userARN, action, resource string) {
	t.Helper()
	wantAPIError(t, err, "AccessDeniedException", 403)
	want := fmt.Sprintf("User: %s is not authorized to perform: wellarchitected:%s on resource: %s", userARN, action, resource)
	if err != nil && !strings.Contains(err.Error(), want) {
		t.Errorf("denial %q does not say %q", err, want)
	}
}

func TestAuthorizationByPolicy(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	admin := srv.Client
	in := workloadInput("Tagged Retail")
	in.Tags = map[string]string{"team": "retail"}
	retail := createWorkload(t, admin, in)
	other := createWorkload(t, admin, workloadInput("Untagged Other"))
	arn := func(id string) string {
		return fmt.Sprintf("arn:aws:wellarchitected:us-east-1:%s:workload/%s", srv.Admin.AccountID, id)
	}
	lens := aws.String(lensAlias)

	t.Run("no policy denies everything", func(t *testing.T) {
		c, user := newUser(t, srv, "nobody", nil)
		_, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(retail)})
		wantDenied(t, err, user, "GetWorkload", arn(retail))
		_, err = c.ListWorkloads(ctx, &wellarchitected.ListWorkloadsInput{})
		wantDenied(t, err, user, "ListWorkloads", "*")
		_, err = c.CreateWorkload(ctx, workloadInput("Not Allowed"))
		wantDenied(t, err, user, "CreateWorkload", arn("*"))
	})

	t.Run("read-only managed policy reads but cannot write", func(t *testing.T) {
		c, user := newUser(t, srv, "reader", &service.PolicyInput{Managed: "WellArchitectedConsoleReadOnlyAccess"})
		if _, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(retail)}); err != nil {
			t.Errorf("GetWorkload: %v", err)
		}
		if _, err := c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: aws.String(retail), LensAlias: lens}); err != nil {
			t.Errorf("ListAnswers: %v", err)
		}
		if _, err := c.ListLenses(ctx, &wellarchitected.ListLensesInput{}); err != nil {
			t.Errorf("ListLenses: %v", err)
		}
		_, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(retail), LensAlias: lens,
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_no"}})
		wantDenied(t, err, user, "UpdateAnswer", arn(retail))
		_, err = c.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(retail), ClientRequestToken: aws.String("t1")})
		wantDenied(t, err, user, "DeleteWorkload", arn(retail))
		// Nothing changed.
		got, err := admin.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: aws.String(retail), LensAlias: lens, QuestionId: aws.String("priorities")})
		if err != nil || got.Answer.Risk != types.RiskUnanswered {
			t.Errorf("after a denied update the answer is %v (err %v), want it unanswered", got, err)
		}
	})

	t.Run("tag condition scopes a contributor to its team", func(t *testing.T) {
		doc := `{"Version":"2012-10-17","Statement":[
		  {"Effect":"Allow","Action":["wellarchitected:Get*","wellarchitected:List*","wellarchitected:UpdateAnswer"],
		   "Resource":"arn:aws:wellarchitected:*:*:workload/*",
		   "Condition":{"StringEquals":{"wellarchitected:ResourceTag/team":"retail"}}},
		  {"Effect":"Allow","Action":"wellarchitected:ListWorkloads","Resource":"*"}]}`
		c, user := newUser(t, srv, "retail-dev", &service.PolicyInput{Name: "team", Document: []byte(doc)})
		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(retail), LensAlias: lens,
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}}); err != nil {
			t.Errorf("UpdateAnswer on the team's workload: %v", err)
		}
		_, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(other), LensAlias: lens,
			QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}})
		wantDenied(t, err, user, "UpdateAnswer", arn(other))
		_, err = c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(other)})
		wantDenied(t, err, user, "GetWorkload", arn(other))
	})

	t.Run("explicit deny beats allow", func(t *testing.T) {
		doc := `{"Version":"2012-10-17","Statement":[
		  {"Effect":"Allow","Action":"wellarchitected:*","Resource":"*"},
		  {"Effect":"Deny","Action":"wellarchitected:Delete*","Resource":"*"}]}`
		c, user := newUser(t, srv, "no-deleter", &service.PolicyInput{Name: "most", Document: []byte(doc)})
		if _, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(other), LensAlias: lens}); err != nil {
			t.Errorf("GetLensReview: %v", err)
		}
		_, err := c.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(other), ClientRequestToken: aws.String("t2")})
		wantDenied(t, err, user, "DeleteWorkload", arn(other))
	})

	t.Run("request tags condition on create and tag", func(t *testing.T) {
		doc := `{"Version":"2012-10-17","Statement":[
		  {"Effect":"Allow","Action":["wellarchitected:CreateWorkload","wellarchitected:TagResource"],"Resource":"*",
		   "Condition":{"StringEquals":{"aws:RequestTag/team":"retail"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}]}`
		c, user := newUser(t, srv, "creator", &service.PolicyInput{Name: "create", Document: []byte(doc)})
		ok := workloadInput("Created By Creator")
		ok.Tags = map[string]string{"team": "retail"}
		if _, err := c.CreateWorkload(ctx, ok); err != nil {
			t.Errorf("CreateWorkload with team=retail: %v", err)
		}
		bad := workloadInput("Created Without Tag")
		_, err := c.CreateWorkload(ctx, bad)
		wantDenied(t, err, user, "CreateWorkload", arn("*"))
		_, err = c.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: aws.String(arn(other)), Tags: map[string]string{"cost": "x"}})
		wantDenied(t, err, user, "TagResource", arn(other))
	})

	t.Run("another account's workload stays not found, not denied", func(t *testing.T) {
		acct, err := srv.Service.CreateAccount(ctx, "second")
		if err != nil {
			t.Fatal(err)
		}
		c := srv.NewClient(acct.AccessKeyID, acct.SecretAccessKey)
		_, err = c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(retail)})
		wantNotFound(t, err)
	})
}
