package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/scan"
	"github.com/wat-dev/wat/scan/files"
)

// remote is what `wat scan --workload` does with a server.
type remote struct {
	workload, lens            string
	endpoint, region, profile string
	apply                     bool
	getenv                    func(string) string
	stderr                    io.Writer
	rules                     []*scan.Rule
	report                    *scan.Report
	// inLens tells which choices the lens has: the evidence names only
	// those (the server refuses others), and a rule with none is left out.
	inLens func(choiceID string) bool
}

// newWatClient is the client of wat's own operations (generated from
// spec/wat.json) for the target.
func newWatClient(t *awsTarget) *watclient.Client {
	return watclient.New(aws.Config{
		Region: t.Region, BaseEndpoint: aws.String(t.Endpoint),
		Credentials: credentials.StaticCredentialsProvider{Value: t.Credentials},
	})
}

// run uploads the scan as the evidence of the workload's lens review, then
// lists what the evidence suggests, or with apply, applies it in one
// ApplySuggestedAnswers: each changed question gets the suggested choices
// (the selection now plus the practices whose evidence all passes —
// nothing is unselected) and notes. What it does goes to stderr, so that stdout
// keeps the report in its format.
func (r *remote) run(ctx context.Context) error {
	t, err := resolveAWS(r.getenv, r.endpoint, r.region, r.profile)
	if err != nil {
		return err
	}
	wc := newWatClient(t)
	in := watclient.EvidenceInput(r.workload, r.lens, "wat "+version, r.rules, r.report, uploadPath)
	if r.inLens != nil {
		kept := in.Rules[:0]
		for _, er := range in.Rules {
			er.ChoiceIds = slices.DeleteFunc(er.ChoiceIds, func(c string) bool { return !r.inLens(c) })
			if len(er.ChoiceIds) > 0 {
				kept = append(kept, er)
			}
		}
		in.Rules = kept
	}
	out, err := wc.PutWorkloadEvidence(ctx, in)
	if err != nil {
		return fmt.Errorf("uploading the evidence to %s: %s", t.Endpoint, apiMessage(err))
	}
	c := out.RuleStatusCounts
	fmt.Fprintf(r.stderr, "Stored the evidence of %d rules (%d OKAY, %d WARNING, %d ERROR, %d NOT_AVAILABLE) for lens %s of workload %s.\n",
		aws.ToInt32(out.RuleCount), c["OKAY"], c["WARNING"], c["ERROR"], c["NOT_AVAILABLE"], aws.ToString(out.LensAlias), r.workload)
	sug, err := wc.GetSuggestedAnswers(ctx, &wire.GetSuggestedAnswersInput{WorkloadId: &r.workload, LensAlias: out.LensAlias})
	if err != nil {
		return fmt.Errorf("reading the suggested answers: %s", apiMessage(err))
	}
	var pending []wire.SuggestedAnswer
	for _, g := range sug.SuggestedAnswers {
		if aws.ToBool(g.HasChanges) {
			pending = append(pending, g)
		}
	}
	if len(pending) == 0 {
		fmt.Fprintln(r.stderr, "The evidence suggests no change to the answers.")
		return nil
	}
	if !r.apply {
		fmt.Fprintf(r.stderr, "The evidence suggests changes to %d answers (--apply applies them):\n", len(pending))
		for _, g := range pending {
			fmt.Fprintf(r.stderr, "  %s\n", change(g, g.SuggestedRisk))
		}
		return nil
	}
	fmt.Fprintf(r.stderr, "Applying the suggested answers to %d questions:\n", len(pending))
	applied, err := wc.ApplySuggestedAnswers(ctx, &wire.ApplySuggestedAnswersInput{WorkloadId: &r.workload, LensAlias: out.LensAlias})
	if err != nil {
		return fmt.Errorf("applying the suggested answers: %s", apiMessage(err))
	}
	for _, g := range applied.AppliedAnswers {
		fmt.Fprintf(r.stderr, "  %s\n", change(g, g.SuggestedRisk))
	}
	return nil
}

// change says what a suggestion changes in an answer, and its risk.
func change(g wire.SuggestedAnswer, risk wire.Risk) string {
	var added, parts []string
	for _, id := range g.SuggestedChoices {
		if !slices.Contains(g.SelectedChoices, id) {
			added = append(added, "+"+id)
		}
	}
	if len(added) > 0 {
		parts = append(parts, "selects "+strings.Join(added, " "))
	}
	if aws.ToBool(g.ChangesNotes) {
		parts = append(parts, "writes the evidence into the notes")
	}
	return fmt.Sprintf("%s: %s; risk %s -> %s", aws.ToString(g.QuestionId), strings.Join(parts, ", "), g.Risk, risk)
}

// apiMessage is an API error as "ErrorCode: message".
func apiMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + ae.ErrorMessage()
	}
	return err.Error()
}

// uploadPath is a scanned file's path as the evidence keeps it: relative
// to where the scan ran when it is under it, with forward slashes.
func uploadPath(file string) string { return filepath.ToSlash(files.Rel(file)) }
