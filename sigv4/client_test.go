package sigv4

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

const (
	workloadID  = "0123456789abcdef0123456789abcdef"
	workloadARN = "arn:aws:wellarchitected:us-east-1:123456789012:workload/" + workloadID
	lensARN     = "arn:aws:wellarchitected:us-east-1:123456789012:lens/0123456789abcdef0123456789abcdef"
)

func newTestClient(url, akid, secret, region string) *wellarchitected.Client {
	return wellarchitected.New(wellarchitected.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, ""),
		Retryer:      aws.NopRetryer{},
	})
}

// clientCalls are real operations of the official Go SDK: every HTTP method,
// ARNs in path labels, query strings with repeated keys and characters that
// need escaping, JSON bodies.
var clientCalls = []struct {
	name    string
	call    func(context.Context, *wellarchitected.Client) error
	wantURI string // prefix of the request URI on the wire
}{
	{"GetWorkload", func(ctx context.Context, c *wellarchitected.Client) error {
		_, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(workloadID)})
		return err
	}, "/workloads/" + workloadID},
	{"UpdateAnswer", func(ctx context.Context, c *wellarchitected.Client) error {
		_, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
			WorkloadId:      aws.String(workloadID),
			LensAlias:       aws.String(lensARN),
			QuestionId:      aws.String("securely-operate"),
			SelectedChoices: []string{"sec_securely_operate_multi_accounts", "sec_securely_operate_aws_account"},
			Notes:           aws.String("Reviewed  with the team: ünïcode, \"quotes\" & <tags>"),
			IsApplicable:    aws.Bool(true),
			Reason:          types.AnswerReasonOther,
		})
		return err
	}, "/workloads/" + workloadID + "/lensReviews/arn%3Aaws%3Awellarchitected%3Aus-east-1%3A123456789012%3Alens%2F"},
	{"ListAnswers", func(ctx context.Context, c *wellarchitected.Client) error {
		_, err := c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{
			WorkloadId:       aws.String(workloadID),
			LensAlias:        aws.String("wellarchitected"),
			PillarId:         aws.String("security"),
			MaxResults:       aws.Int32(25),
			MilestoneNumber:  aws.Int32(3),
			NextToken:        aws.String("eyJ0b2tlbiI6IDF9+/= with space"),
			QuestionPriority: types.QuestionPriorityPrioritized,
		})
		return err
	}, "/workloads/" + workloadID + "/lensReviews/wellarchitected/answers?"},
	{"TagResource", func(ctx context.Context, c *wellarchitected.Client) error {
		_, err := c.TagResource(ctx, &wellarchitected.TagResourceInput{
			WorkloadArn: aws.String(workloadARN),
			Tags:        map[string]string{"team": "platform", "cost center": "42/a"},
		})
		return err
	}, workloadARNPath},
	{"UntagResource", func(ctx context.Context, c *wellarchitected.Client) error {
		_, err := c.UntagResource(ctx, &wellarchitected.UntagResourceInput{
			WorkloadArn: aws.String(workloadARN),
			TagKeys:     []string{"team", "cost center", "a&b=c"},
		})
		return err
	}, workloadARNPath + "?tagKeys="},
	{"DeleteWorkload", func(ctx context.Context, c *wellarchitected.Client) error {
		_, err := c.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{
			WorkloadId:         aws.String(workloadID),
			ClientRequestToken: aws.String("2b7b8a1e-5f0c-4a55-9d8e-0d7c6f1b2a3c"),
		})
		return err
	}, "/workloads/" + workloadID + "?ClientRequestToken="},
}

func TestVerifyGoSDKClient(t *testing.T) {
	srv := newVerifyServer(t, NewVerifier(testService, testRegion))
	client := newTestClient(srv.URL, testAKID, testSecret, testRegion)
	ctx := context.Background()
	for _, c := range clientCalls {
		if err := c.call(ctx, client); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}

	verified, uris := srv.results()
	want := make([]string, len(clientCalls))
	for i := range want {
		want[i] = testAKID
	}
	if diff := cmp.Diff(want, verified); diff != "" {
		t.Errorf("verified access keys mismatch (-want +got):\n%s", diff)
	}
	// The test is only worth something if the SDK really sent escaped ARNs
	// and query strings.
	for i, c := range clientCalls {
		if i < len(uris) {
			t.Logf("%s: %s", c.name, uris[i])
		}
		if i < len(uris) && !strings.HasPrefix(uris[i], c.wantURI) {
			t.Errorf("%s sent %q, want prefix %q", c.name, uris[i], c.wantURI)
		}
	}
}

func TestVerifyGoSDKClientRejected(t *testing.T) {
	srv := newVerifyServer(t, NewVerifier(testService, testRegion))
	tests := []struct {
		name, akid, secret, region string
		want                       string
	}{
		{"wrong secret", testAKID, otherSecret, testRegion, TypeInvalidSignature},
		{"unknown key", "AKIAUNKNOWN", testSecret, testRegion, TypeUnrecognizedClient},
		{"wrong region", testAKID, testSecret, "eu-west-1", TypeInvalidSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			client := newTestClient(srv.URL, tc.akid, tc.secret, tc.region)
			for _, c := range clientCalls {
				err := c.call(context.Background(), client)
				var ae smithy.APIError
				if !errors.As(err, &ae) || ae.ErrorCode() != tc.want {
					t.Errorf("%s: error %v, want an API error %s", c.name, err, tc.want)
				}
			}
		})
	}
	if verified, _ := srv.results(); len(verified) != 0 {
		t.Errorf("verified %q, want none", verified)
	}
}
