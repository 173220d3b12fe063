package importer

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
)

// The AWS API lists no lens's versions: the versions copied are those the
// source's lens reviews and milestones are on, in the order they were first
// used (a milestone's date, now for a live review), then the latest
// published one. Each is published as a major version, so that publishing
// one on a later run never moves a review pinned to an earlier one.

// lensUse is a lens version a review or milestone of the source is on.
type lensUse struct {
	version string
	at      time.Time
}

// lensUses finds the custom lens versions the source's workloads use.
func (im *Importer) lensUses(ctx context.Context, workloads []types.WorkloadSummary) map[string][]lensUse {
	uses := map[string][]lensUse{}
	collect := func(id string, milestone *int32, at time.Time) {
		p := wellarchitected.NewListLensReviewsPaginator(im.Source, &wellarchitected.ListLensReviewsInput{WorkloadId: &id, MilestoneNumber: milestone})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return // the workload's own copy reports it
			}
			for _, r := range page.LensReviewSummaries {
				if arn := aws.ToString(r.LensArn); isCustomLens(arn) && aws.ToString(r.LensVersion) != "" {
					uses[arn] = append(uses[arn], lensUse{aws.ToString(r.LensVersion), at})
				}
			}
		}
	}
	for _, w := range workloads {
		id := aws.ToString(w.WorkloadId)
		ms, _ := im.sourceMilestones(ctx, id)
		for _, m := range ms {
			collect(id, m.MilestoneNumber, aws.ToTime(m.RecordedAt))
		}
		collect(id, nil, time.Now())
	}
	return uses
}

// copyLenses copies the source account's own custom lenses and notes why
// the lenses shared with it cannot be.
func (im *Importer) copyLenses(ctx context.Context, workloads []types.WorkloadSummary) error {
	src, err := listLenses(ctx, im.Source, "")
	if err != nil {
		return fmt.Errorf("listing the source's lenses: %s", Message(err))
	}
	dst, err := listLenses(ctx, im.Target, types.LensTypeCustomSelf)
	if err != nil {
		return fmt.Errorf("listing the target's lenses: %s", Message(err))
	}
	byName := map[string]string{}
	for _, l := range dst {
		byName[wat.NameKey(aws.ToString(l.LensName))] = aws.ToString(l.LensArn)
	}
	uses := im.lensUses(ctx, workloads)
	for _, l := range src {
		arn, name := aws.ToString(l.LensArn), aws.ToString(l.LensName)
		switch l.LensType {
		case types.LensTypeCustomShared:
			why := fmt.Sprintf("lens %q is shared with the source account by account %s: only its owner can export it", name, aws.ToString(l.Owner))
			im.lensErrors[arn] = why
			if len(uses[arn]) > 0 {
				im.record(KindLens, name, Failed, "%s", why)
			}
			continue
		case types.LensTypeCustomSelf:
		default:
			continue
		}
		target, err := im.copyLens(ctx, l, byName[wat.NameKey(name)], uses[arn])
		if err != nil {
			im.lensErrors[arn] = fmt.Sprintf("lens %q could not be copied: %s", name, err)
			im.record(KindLens, name, Failed, "%s", err)
			continue
		}
		im.lenses[arn] = target
	}
	return nil
}

// copyLens copies one lens's versions into target (a new lens when ""),
// and returns the target lens's ARN.
func (im *Importer) copyLens(ctx context.Context, l types.LensSummary, target string, uses []lensUse) (string, error) {
	arn, name := aws.ToString(l.LensArn), aws.ToString(l.LensName)
	sort.SliceStable(uses, func(i, j int) bool { return uses[i].at.Before(uses[j].at) })
	var versions []string
	seen := map[string]bool{}
	latest := aws.ToString(l.LensVersion) // "" for a lens never published: its draft is all there is
	for _, u := range uses {
		if !seen[u.version] && u.version != latest {
			seen[u.version] = true
			versions = append(versions, u.version)
		}
	}
	versions = append(versions, latest)
	got, err := im.Source.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: &arn})
	if err != nil {
		return "", fmt.Errorf("reading it: %s", Message(err))
	}
	tags := got.Lens.Tags
	created, published := target == "", 0
	for _, v := range versions {
		if target != "" && v != "" {
			if _, err := im.Target.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: &target, LensVersion: &v}); err == nil {
				continue // published versions never change
			}
		}
		doc, err := im.Source.ExportLens(ctx, &wellarchitected.ExportLensInput{LensAlias: &arn, LensVersion: optional(v)})
		if err != nil {
			return "", fmt.Errorf("exporting version %q: %s", v, Message(err))
		}
		in := &wellarchitected.ImportLensInput{JSONString: doc.LensJSON, LensAlias: optional(target)}
		if target == "" && len(tags) > 0 {
			in.Tags = tags
		}
		out, err := im.Target.ImportLens(ctx, in)
		if err != nil {
			return "", fmt.Errorf("importing version %q: %s", v, Message(err))
		}
		target = aws.ToString(out.LensArn)
		if v == "" {
			continue
		}
		if _, err := im.Target.CreateLensVersion(ctx, &wellarchitected.CreateLensVersionInput{LensAlias: &target, LensVersion: &v,
			IsMajorVersion: aws.Bool(true)}); err != nil {
			return "", fmt.Errorf("publishing version %q: %s", v, Message(err))
		}
		published++
	}
	switch {
	case created:
		im.record(KindLens, name, Created, "%d versions published", published)
	case published > 0:
		im.record(KindLens, name, Updated, "%d versions published", published)
	default:
		im.record(KindLens, name, Unchanged, "")
	}
	return target, nil
}

// listLenses lists every lens of a type ("" for all), drafts included.
func listLenses(ctx context.Context, c *wellarchitected.Client, t types.LensType) ([]types.LensSummary, error) {
	var out []types.LensSummary
	p := wellarchitected.NewListLensesPaginator(c, &wellarchitected.ListLensesInput{LensType: t, LensStatus: types.LensStatusTypeAll})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.LensSummaries...)
	}
	return out, nil
}

// optional is s, or nil when s is "".
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
