package api_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/smithy-go"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// ssoChoice is a choice of the first question that only version 2.0 of
// the pinned lens has.
const ssoChoice = `
	  {"id": "sec_sso", "title": "Single sign-on", "improvementPlan": {"displayText": "Use SSO", "url": "https://example.com/sso"}},`

// pinLens imports a custom lens and publishes its versions 1.0 and 2.0
// (which adds the choice sec_sso), both major.
func pinLens(t *testing.T, c *wellarchitected.Client, name string) string {
	t.Helper()
	arn := importLens(t, c, customLensJSON(name, ""), "")
	publish(t, c, arn, "1.0", true)
	importLens(t, c, customLensJSON(name, ssoChoice), arn)
	publish(t, c, arn, "2.0", true)
	return arn
}

// TestPinLensReviewVersion puts a review created on the latest version of
// its lens on the older one without a milestone, back again keeping its
// answers, refuses a move that would orphan an answered choice, and names
// what is wrong with bad input; each move is in the audit log.
func TestPinLensReviewVersion(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		wc := watclient.FromSDK(c)
		arn := pinLens(t, c, testserver.RandomName("Pinned"))
		in := workloadInput(testserver.RandomName("pinned"))
		in.Lenses = []string{lensAlias, arn}
		id := createWorkload(t, c, in)
		pin := func(version string) (*wire.PinLensReviewVersionOutput, error) {
			return wc.PinLensReviewVersion(ctx, &wire.PinLensReviewVersionInput{WorkloadId: &id, LensAlias: &arn, LensVersion: &version})
		}
		reviewVersion := func() string {
			t.Helper()
			r, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: &arn})
			if err != nil {
				t.Fatalf("GetLensReview: %v", err)
			}
			return aws.ToString(r.LensReview.LensVersion)
		}
		choices := func() []string {
			t.Helper()
			a, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_identity")})
			if err != nil {
				t.Fatalf("GetAnswer: %v", err)
			}
			var ids []string
			for _, ch := range a.Answer.Choices {
				ids = append(ids, aws.ToString(ch.ChoiceId))
			}
			return ids
		}
		if v := reviewVersion(); v != "2.0" {
			t.Fatalf("a new review is on %q, want the latest 2.0", v)
		}

		out, err := pin("1.0")
		if err != nil {
			t.Fatalf("PinLensReviewVersion(1.0): %v", err)
		}
		if !aws.ToBool(out.Changed) || aws.ToString(out.LensVersion) != "1.0" || aws.ToString(out.PreviousLensVersion) != "2.0" || aws.ToString(out.LensArn) != arn {
			t.Errorf("PinLensReviewVersion(1.0) = %+v", out)
		}
		if v := reviewVersion(); v != "1.0" {
			t.Errorf("after the pin the review is on %q, want 1.0", v)
		}
		if ids := choices(); slices.Contains(ids, "sec_sso") || !slices.Contains(ids, "sec_mfa") {
			t.Errorf("the question's choices on 1.0 are %v: want 1.0's, without sec_sso", ids)
		}
		ms, err := c.ListMilestones(ctx, &wellarchitected.ListMilestonesInput{WorkloadId: &id})
		if err != nil || len(ms.MilestoneSummaries) != 0 {
			t.Errorf("milestones after a pin: %+v, %v; want none", ms, err)
		}
		again, err := pin("1.0")
		if err != nil || aws.ToBool(again.Changed) || aws.ToString(again.PreviousLensVersion) != "1.0" {
			t.Errorf("the same pin again = %+v, %v; want success, unchanged", again, err)
		}

		// An answer whose question and choices both versions have moves
		// with the review, as it is.
		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_identity"),
			SelectedChoices: []string{"sec_mfa"}, Notes: aws.String("kept")}); err != nil {
			t.Fatal(err)
		}
		if _, err := pin("2.0"); err != nil {
			t.Fatalf("PinLensReviewVersion(2.0) with an answer 2.0 keeps: %v", err)
		}
		a, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_identity")})
		if err != nil || !slices.Equal(a.Answer.SelectedChoices, []string{"sec_mfa"}) || aws.ToString(a.Answer.Notes) != "kept" || aws.ToString(a.LensArn) != arn {
			t.Errorf("the answer on 2.0 = %+v, %v; want sec_mfa with its notes", a, err)
		}
		if !slices.Contains(choices(), "sec_sso") {
			t.Errorf("the question on 2.0 lacks sec_sso: %v", choices())
		}

		// An answer using a choice 1.0 lacks: the move is refused, naming it.
		if _, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: aws.String("sec_identity"),
			SelectedChoices: []string{"sec_mfa", "sec_sso"}}); err != nil {
			t.Fatal(err)
		}
		_, err = pin("1.0")
		wantConflict(t, err)
		var ae smithy.APIError
		if !errors.As(err, &ae) || !strings.Contains(ae.ErrorMessage(), "sec_sso") || !strings.Contains(ae.ErrorMessage(), "sec_identity") {
			t.Errorf("the refusal does not name the question and choice: %v", err)
		}
		if v := reviewVersion(); v != "2.0" {
			t.Errorf("after a refused pin the review is on %q, want 2.0", v)
		}

		// Bad input.
		_, err = pin("9.9")
		wantNotFound(t, err)
		_, err = pin("")
		wantValidation(t, err, "LensVersion")
		_, err = wc.PinLensReviewVersion(ctx, &wire.PinLensReviewVersionInput{WorkloadId: &id, LensAlias: aws.String(lensAlias), LensVersion: aws.String("1.0")})
		wantValidation(t, err, "LensAlias")
		other := pinLens(t, c, testserver.RandomName("Not applied"))
		_, err = wc.PinLensReviewVersion(ctx, &wire.PinLensReviewVersionInput{WorkloadId: &id, LensAlias: &other, LensVersion: aws.String("1.0")})
		wantNotFound(t, err)

		var events []*wat.AuditEvent
		if err := srv.Store.View(ctx, func(tx wat.Tx) (err error) {
			events, err = tx.ListAuditEvents(ctx, wat.AuditFilter{EventName: "PinLensReviewVersion"}, 0, 100)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if len(events) < 4 {
			t.Errorf("the audit log has %d PinLensReviewVersion events, want one per call (at least 4)", len(events))
		}
	})
}

// pinnedReview is a workload of the caller's on a published custom lens,
// for the authorisation tests: pinning it to "1" changes nothing, and is
// allowed.
func pinnedReview(t *testing.T, c *wellarchitected.Client, workloadID string) (lensARN string) {
	t.Helper()
	arn := importLens(t, c, customLensJSON(testserver.RandomName("Pin auth"), ""), "")
	publish(t, c, arn, "1", true)
	if _, err := c.AssociateLenses(context.Background(), &wellarchitected.AssociateLensesInput{WorkloadId: &workloadID, LensAliases: []string{arn}}); err != nil {
		t.Fatalf("AssociateLenses: %v", err)
	}
	return arn
}
