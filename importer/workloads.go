package importer

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
)

// sourceWorkloads lists the source's workloads whose names start with the
// prefix: ListWorkloads lists the caller's own, not those shared with it.
func (im *Importer) sourceWorkloads(ctx context.Context) ([]types.WorkloadSummary, error) {
	return listWorkloads(ctx, im.Source, im.WorkloadPrefix)
}

// targetWorkloads maps the target's workloads by name key to their ids, as
// they were before the run: a second source workload of the same key (AWS
// tells apart names wat does not, "Café" composed and decomposed) then
// fails to be created, as the target says, instead of being merged into
// the first.
func (im *Importer) targetWorkloads(ctx context.Context) (map[string]string, error) {
	all, err := listWorkloads(ctx, im.Target, "")
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(all))
	for _, w := range all {
		out[wat.NameKey(aws.ToString(w.WorkloadName))] = aws.ToString(w.WorkloadId)
	}
	return out, nil
}

func listWorkloads(ctx context.Context, c *wellarchitected.Client, prefix string) ([]types.WorkloadSummary, error) {
	var out []types.WorkloadSummary
	p := wellarchitected.NewListWorkloadsPaginator(c, &wellarchitected.ListWorkloadsInput{WorkloadNamePrefix: optional(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.WorkloadSummaries...)
	}
	return out, nil
}

// workloadFields are the fields of a workload the import copies as they are.
type workloadFields struct {
	Description, ArchitecturalDesign, ReviewOwner, IndustryType, Industry, Notes string
	Environment                                                                  types.WorkloadEnvironment
	AccountIds, AwsRegions, NonAwsRegions, PillarPriorities                      []string
}

func fieldsOf(w *types.Workload) workloadFields {
	f := workloadFields{
		Description: aws.ToString(w.Description), ArchitecturalDesign: aws.ToString(w.ArchitecturalDesign), ReviewOwner: aws.ToString(w.ReviewOwner),
		IndustryType: aws.ToString(w.IndustryType), Industry: aws.ToString(w.Industry), Notes: aws.ToString(w.Notes), Environment: w.Environment,
		AccountIds: w.AccountIds, AwsRegions: w.AwsRegions, NonAwsRegions: w.NonAwsRegions, PillarPriorities: w.PillarPriorities,
	}
	for _, l := range []*[]string{&f.AccountIds, &f.AwsRegions, &f.NonAwsRegions, &f.PillarPriorities} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return f
}

// copyWorkload creates or updates the target's workload of the same name,
// then copies its lens reviews, answers and milestones.
func (im *Importer) copyWorkload(ctx context.Context, ws types.WorkloadSummary, targets map[string]string) {
	name := aws.ToString(ws.WorkloadName)
	got, err := im.Source.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: ws.WorkloadId})
	if err != nil {
		im.record(KindWorkload, name, Failed, "reading it: %s", Message(err))
		return
	}
	w := got.Workload
	var lenses, missing []string
	for _, l := range w.Lenses {
		t, ok, why := im.targetLens(l)
		if !ok {
			missing = append(missing, why)
			continue
		}
		lenses = append(lenses, t)
	}
	var profiles []string
	for _, p := range w.Profiles {
		if t := im.profiles[aws.ToString(p.ProfileArn)]; t != "" {
			profiles = append(profiles, t)
		}
	}
	f := fieldsOf(w)
	id, exists := targets[wat.NameKey(name)]
	outcome, detail := Unchanged, ""
	if !exists {
		out, err := im.Target.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{WorkloadName: w.WorkloadName,
			Description: w.Description, Environment: w.Environment, AccountIds: f.AccountIds, AwsRegions: f.AwsRegions,
			NonAwsRegions: f.NonAwsRegions, PillarPriorities: f.PillarPriorities, ArchitecturalDesign: optional(f.ArchitecturalDesign),
			ReviewOwner: optional(f.ReviewOwner), IndustryType: optional(f.IndustryType), Industry: optional(f.Industry),
			Notes: optional(f.Notes), Lenses: lenses, Tags: nonEmpty(w.Tags), ProfileArns: profiles})
		if err != nil {
			im.record(KindWorkload, name, Failed, "creating it: %s", Message(err))
			return
		}
		id, outcome = aws.ToString(out.WorkloadId), Created
	} else {
		var changes []string
		if changes, err = im.updateWorkload(ctx, id, w, f, lenses, profiles); err != nil {
			im.record(KindWorkload, name, Failed, "updating it: %s", Message(err))
			return
		}
		if len(changes) > 0 {
			outcome, detail = Updated, strings.Join(changes, ", ")
		}
	}
	if len(missing) > 0 {
		im.record(KindWorkload, name, Failed, "%s (%s without it)", strings.Join(missing, "; "), outcome)
	} else {
		im.record(KindWorkload, name, outcome, "%s", detail)
	}
	im.copyReviews(ctx, aws.ToString(w.WorkloadId), id, name)
	im.copyMilestones(ctx, aws.ToString(w.WorkloadId), id, name)
}

// updateWorkload brings the target workload id to the source's w and
// says what it changed.
func (im *Importer) updateWorkload(ctx context.Context, id string, w *types.Workload, f workloadFields, lenses, profiles []string) ([]string, error) {
	got, err := im.Target.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
	if err != nil {
		return nil, err
	}
	t := got.Workload
	var changes []string
	if !reflect.DeepEqual(fieldsOf(t), f) {
		_, err := im.Target.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: &id,
			Description: w.Description, Environment: w.Environment, AccountIds: f.AccountIds, AwsRegions: f.AwsRegions,
			NonAwsRegions: f.NonAwsRegions, PillarPriorities: f.PillarPriorities, ArchitecturalDesign: optional(f.ArchitecturalDesign),
			ReviewOwner: optional(f.ReviewOwner), IndustryType: optional(f.IndustryType), Industry: optional(f.Industry),
			Notes: optional(f.Notes), IsReviewOwnerUpdateAcknowledged: aws.Bool(true)})
		if err != nil {
			return nil, err
		}
		changes = append(changes, "fields")
	}
	var add []string
	for _, l := range lenses {
		if !slices.Contains(t.Lenses, l) {
			add = append(add, l)
		}
	}
	if len(add) > 0 {
		if _, err := im.Target.AssociateLenses(ctx, &wellarchitected.AssociateLensesInput{WorkloadId: &id, LensAliases: add}); err != nil {
			return nil, err
		}
		changes = append(changes, fmt.Sprintf("%d lenses applied", len(add)))
	}
	tags := map[string]string{}
	for k, v := range w.Tags {
		if t.Tags[k] != v {
			tags[k] = v
		}
	}
	if len(tags) > 0 {
		if _, err := im.Target.TagResource(ctx, &wellarchitected.TagResourceInput{WorkloadArn: t.WorkloadArn, Tags: tags}); err != nil {
			return nil, err
		}
		changes = append(changes, fmt.Sprintf("%d tags", len(tags)))
	}
	var newProfiles []string
	for _, p := range profiles {
		if !slices.ContainsFunc(t.Profiles, func(wp types.WorkloadProfile) bool { return aws.ToString(wp.ProfileArn) == p }) {
			newProfiles = append(newProfiles, p)
		}
	}
	if len(newProfiles) > 0 {
		if _, err := im.Target.AssociateProfiles(ctx, &wellarchitected.AssociateProfilesInput{WorkloadId: &id, ProfileArns: newProfiles}); err != nil {
			return nil, err
		}
		changes = append(changes, "profile")
	}
	return changes, nil
}

func nonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
