package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
)

// sdkCapture is an HTTP client for the SDK that keeps the requests it is
// given and answers each 200 with an empty object.
type sdkCapture struct {
	reqs   []*http.Request
	bodies [][]byte
}

func (c *sdkCapture) Do(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		body = b
	}
	c.reqs, c.bodies = append(c.reqs, r), append(c.bodies, body)
	return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader([]byte(`{}`))),
		Request: r, ContentLength: 2}, nil
}

// TestRequestParametersOfSDKCalls: mutating calls as the AWS SDK for Go
// sends them, with what users write (quotes, '<', accents, CJK, several
// lines, maps the SDK writes in any order), are recorded as before, byte
// for byte, and without decoding the body.
func TestRequestParametersOfSDKCalls(t *testing.T) {
	ctx := context.Background()
	c := &sdkCapture{}
	client := wellarchitected.New(wellarchitected.Options{Region: "eu-west-1", BaseEndpoint: aws.String("https://wat.example"),
		Credentials: aws.AnonymousCredentials{}, HTTPClient: c, RetryMaxAttempts: 1})
	const id = "0123456789abcdef0123456789abcdef"
	text := "Café \"Zoë\" <b>&</b>\n团队 — ≤ 2 \\ weeks\t\u2028"
	tags := map[string]string{"équipe": "bleu", "team": text, "a<b": "c", "ProjectName": "secret", "z": "", "m": "1"}
	calls := []func() error{
		func() error {
			_, err := client.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{ClientRequestToken: aws.String("t-1"),
				WorkloadName: aws.String(text), Description: aws.String(text), Environment: types.WorkloadEnvironmentProduction,
				Lenses: []string{"wellarchitected", "serverless"}, AwsRegions: []string{"eu-west-1"}, AccountIds: []string{"123456789012"},
				ArchitecturalDesign: aws.String("https://example.com/design?a=1&b=2"), Industry: aws.String("Retail"),
				ReviewOwner: aws.String(text), Notes: aws.String(text), PillarPriorities: []string{"security", "reliability"},
				NonAwsRegions: []string{"on-premises <dc1>"}, Tags: tags,
				DiscoveryConfig: &types.WorkloadDiscoveryConfig{TrustedAdvisorIntegrationStatus: types.TrustedAdvisorIntegrationStatusEnabled}})
			return err
		},
		func() error {
			_, err := client.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(id),
				WorkloadName: aws.String(text), IsReviewOwnerUpdateAcknowledged: aws.Bool(true), ImprovementStatus: types.WorkloadImprovementStatusInProgress,
				Applications: []string{}, IndustryType: aws.String(text)})
			return err
		},
		func() error {
			_, err := client.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: aws.String(id), LensAlias: aws.String("wellarchitected"),
				QuestionId: aws.String("sus_dev"), SelectedChoices: []string{"sus_sus_dev_a1", "sus_sus_dev_a2"}, IsApplicable: aws.Bool(true),
				Notes: aws.String(text), Reason: types.AnswerReasonOther,
				ChoiceUpdates: map[string]types.ChoiceUpdate{
					"sus_sus_dev_a3": {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonBusinessPriorities, Notes: aws.String(text)},
					"sus_sus_dev_a4": {Status: types.ChoiceStatusUnselected},
					"sus_sus_dev_a5": {Status: types.ChoiceStatusSelected, Notes: aws.String("")},
				}})
			return err
		},
		func() error {
			_, err := client.UpdateLensReview(ctx, &wellarchitected.UpdateLensReviewInput{WorkloadId: aws.String(id), LensAlias: aws.String("wellarchitected"),
				LensNotes: aws.String(text), PillarNotes: map[string]string{"security": text, "reliability": "", "costOptimization": "x"},
				JiraConfiguration: &types.JiraSelectedQuestionConfiguration{SelectedPillars: []types.SelectedPillar{
					{PillarId: aws.String("security"), SelectedQuestionIds: []string{"q1", "q2"}}}}})
			return err
		},
		func() error {
			_, err := client.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: aws.String(id),
				MilestoneName: aws.String(text), ClientRequestToken: aws.String("t-2")})
			return err
		},
		func() error {
			_, err := client.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: aws.String("arn:aws:wellarchitected:eu-west-1:123456789012:workload/" + id), Tags: tags})
			return err
		},
		func() error {
			_, err := client.UntagResource(ctx, &wellarchitected.UntagResourceInput{WorkloadArn: aws.String("arn:aws:wellarchitected:eu-west-1:123456789012:workload/" + id),
				TagKeys: []string{"équipe", "a<b"}})
			return err
		},
		func() error {
			_, err := client.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(id), ClientRequestToken: aws.String("t-3")})
			return err
		},
		func() error {
			_, err := client.CreateProfile(ctx, &wellarchitected.CreateProfileInput{ProfileName: aws.String(text), ProfileDescription: aws.String(text),
				ClientRequestToken: aws.String("t-4"), Tags: tags, ProfileQuestions: []types.ProfileQuestionUpdate{
					{QuestionId: aws.String("q1"), SelectedChoiceIds: []string{"a", "b"}}, {QuestionId: aws.String("q2"), SelectedChoiceIds: []string{}}}})
			return err
		},
		func() error {
			_, err := client.ImportLens(ctx, &wellarchitected.ImportLensInput{JSONString: aws.String(`{"schemaVersion":"2021-11-01","name":"` + "x" + `"}`),
				ClientRequestToken: aws.String("t-5"), Tags: tags})
			return err
		},
		func() error {
			_, err := client.CreateReviewTemplate(ctx, &wellarchitected.CreateReviewTemplateInput{TemplateName: aws.String(text), Description: aws.String(text),
				Lenses: []string{"wellarchitected"}, Notes: aws.String(text), ClientRequestToken: aws.String("t-6"), Tags: tags})
			return err
		},
		func() error {
			_, err := client.CreateWorkloadShare(ctx, &wellarchitected.CreateWorkloadShareInput{WorkloadId: aws.String(id),
				SharedWith: aws.String("123456789012"), PermissionType: types.PermissionTypeContributor, ClientRequestToken: aws.String("t-7")})
			return err
		},
		func() error {
			_, err := client.UpdateGlobalSettings(ctx, &wellarchitected.UpdateGlobalSettingsInput{OrganizationSharingStatus: types.OrganizationSharingStatusEnabled,
				JiraConfiguration: &types.AccountJiraConfigurationInput{IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled,
					IssueManagementType: types.IssueManagementTypeAuto, JiraProjectKey: aws.String("WAT")}})
			return err
		},
	}
	router := wire.NewRouter()
	for range 5 { // the SDK writes a map's members in a new order each time
		c.reqs, c.bodies = nil, nil
		for _, call := range calls {
			if err := call(); err != nil {
				t.Fatal(err)
			}
		}
		for i, r := range c.reqs {
			op, labels, err := router.Match(r.Method, r.URL.EscapedPath())
			if err != nil {
				t.Fatalf("%s %s: %v", r.Method, r.URL, err)
			}
			query, body := r.URL.Query(), c.bodies[i]
			got, ok := encodeParameters(labels, query, body)
			if !ok {
				t.Errorf("%s: encodeParameters(%s) fell back", op.Name, body)
			} else if want := decodedParameters(labels, query, body); got != want {
				t.Errorf("%s: requestParameters(%s)\n = %s\nwas %s", op.Name, body, got, want)
			}
		}
	}
}
