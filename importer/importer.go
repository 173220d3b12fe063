// Package importer copies Well-Architected reviews from one endpoint to a
// wat server: from AWS (with read-only calls only: List*, Get*, ExportLens)
// or from another wat, through the API on both sides. It copies custom
// lenses with their versions, profiles, review templates with their
// answers, and workloads with their tags, lens reviews, answers and
// milestones (with their original numbers and dates, through wat's
// ImportMilestone), matching what the target has by name as the target
// keeps names unique (wat.NameKey), so that running it again updates
// rather than duplicates.
package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/smithy-go"

	"github.com/wat-dev/wat/internal/watclient"
)

// Importer copies from Source into Target.
type Importer struct {
	// Source is read with List*, Get* and ExportLens calls only.
	Source *wellarchitected.Client
	// Target is written as its credentials' account; TargetWat is the
	// same endpoint and credentials for wat's own operations.
	Target    *wellarchitected.Client
	TargetWat *watclient.Client
	// WorkloadPrefix, when set, limits the workloads to those whose names
	// start with it.
	WorkloadPrefix string
	// Progress shows each resource as it is done; nil shows nothing.
	Progress *Progress

	summary Summary
	// lenses maps a source custom lens ARN to the target's ARN of the lens
	// of the same name; a source lens that could not be copied maps to "".
	lenses map[string]string
	// lensErrors says why a source lens has no target.
	lensErrors map[string]string
	// profiles maps a source profile ARN to the target's.
	profiles map[string]string
}

// Run copies everything and returns what it did. Its error is nil unless
// the import could not start (the source or target cannot be listed); a
// resource that could not be copied is a Failed entry of the summary.
func (im *Importer) Run(ctx context.Context) (*Summary, error) {
	im.lenses, im.lensErrors, im.profiles = map[string]string{}, map[string]string{}, map[string]string{}
	workloads, err := im.sourceWorkloads(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the source's workloads: %s", Message(err))
	}
	if err := im.copyLenses(ctx, workloads); err != nil {
		return nil, err
	}
	if err := im.copyProfiles(ctx); err != nil {
		return nil, err
	}
	if err := im.copyTemplates(ctx); err != nil {
		return nil, err
	}
	targets, err := im.targetWorkloads(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the target's workloads: %s", Message(err))
	}
	for i, w := range workloads {
		im.Progress.step(i, len(workloads), aws.ToString(w.WorkloadName))
		im.copyWorkload(ctx, w, targets)
	}
	im.Progress.step(len(workloads), len(workloads), "")
	im.Progress.finish()
	return &im.summary, nil
}

// record adds an entry to the summary and shows it.
func (im *Importer) record(k Kind, name string, o Outcome, detail string, args ...any) {
	if len(args) > 0 {
		detail = fmt.Sprintf(detail, args...)
	}
	e := Entry{Kind: k, Name: name, Outcome: o, Detail: detail}
	im.summary.Entries = append(im.summary.Entries, e)
	im.Progress.record(e)
}

// Message is an API error as "ErrorCode: message", else the error's text.
func Message(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + ae.ErrorMessage()
	}
	return err.Error()
}

// isCustomLens reports whether a lens alias or ARN names a custom lens
// (built-in lenses are named by alias or by an ARN of the aws account).
func isCustomLens(alias string) bool {
	return strings.HasPrefix(alias, "arn:") && strings.Contains(alias, ":lens/") && !strings.Contains(alias, "::aws:lens/")
}

// targetLens is the target's alias of a source lens: the same alias for a
// built-in lens, the ARN of the lens copied for a custom one; ok is false
// with the reason when the target has none.
func (im *Importer) targetLens(alias string) (string, bool, string) {
	if !isCustomLens(alias) {
		return alias, true, ""
	}
	if t := im.lenses[alias]; t != "" {
		return t, true, ""
	}
	if why := im.lensErrors[alias]; why != "" {
		return "", false, why
	}
	return "", false, fmt.Sprintf("lens %s is not in the target", alias)
}
