package importer

import (
	"context"
	"fmt"
	"reflect"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat"
)

// copyProfiles copies the source account's profiles. A new one is created
// with the source's first version and updated with each later one, so that
// it has the same versions; an existing one (same name) is updated when its
// latest version or description differs.
func (im *Importer) copyProfiles(ctx context.Context) error {
	src, err := listProfiles(ctx, im.Source)
	if err != nil {
		return fmt.Errorf("listing the source's profiles: %s", Message(err))
	}
	dst, err := listProfiles(ctx, im.Target)
	if err != nil {
		return fmt.Errorf("listing the target's profiles: %s", Message(err))
	}
	byName := map[string]string{}
	for _, p := range dst {
		byName[wat.NameKey(aws.ToString(p.ProfileName))] = aws.ToString(p.ProfileArn)
	}
	for _, p := range src {
		name := aws.ToString(p.ProfileName)
		target, o, detail, err := im.copyProfile(ctx, p, byName[wat.NameKey(name)])
		if err != nil {
			im.record(KindProfile, name, Failed, "%s", err)
			continue
		}
		im.profiles[aws.ToString(p.ProfileArn)] = target
		im.record(KindProfile, name, o, "%s", detail)
	}
	return nil
}

func (im *Importer) copyProfile(ctx context.Context, s types.ProfileSummary, target string) (string, Outcome, string, error) {
	arn := aws.ToString(s.ProfileArn)
	latest, err := im.Source.GetProfile(ctx, &wellarchitected.GetProfileInput{ProfileArn: &arn})
	if err != nil {
		return "", Failed, "", fmt.Errorf("reading it: %s", Message(err))
	}
	p := latest.Profile
	if target != "" {
		got, err := im.Target.GetProfile(ctx, &wellarchitected.GetProfileInput{ProfileArn: &target})
		if err != nil {
			return "", Failed, "", fmt.Errorf("reading the target's: %s", Message(err))
		}
		if reflect.DeepEqual(profileQuestions(got.Profile), profileQuestions(p)) &&
			aws.ToString(got.Profile.ProfileDescription) == aws.ToString(p.ProfileDescription) {
			return target, Unchanged, "", nil
		}
		if _, err := im.Target.UpdateProfile(ctx, &wellarchitected.UpdateProfileInput{ProfileArn: &target,
			ProfileDescription: p.ProfileDescription, ProfileQuestions: profileQuestions(p)}); err != nil {
			return "", Failed, "", fmt.Errorf("updating it: %s", Message(err))
		}
		return target, Updated, "", nil
	}
	versions := []*types.Profile{p}
	if n, err := strconv.Atoi(aws.ToString(p.ProfileVersion)); err == nil && n > 1 {
		versions = versions[:0]
		for v := 1; v <= n; v++ {
			got, err := im.Source.GetProfile(ctx, &wellarchitected.GetProfileInput{ProfileArn: &arn, ProfileVersion: aws.String(strconv.Itoa(v))})
			if err != nil {
				return "", Failed, "", fmt.Errorf("reading version %d: %s", v, Message(err))
			}
			versions = append(versions, got.Profile)
		}
	}
	out, err := im.Target.CreateProfile(ctx, &wellarchitected.CreateProfileInput{ProfileName: p.ProfileName,
		ProfileDescription: p.ProfileDescription, ProfileQuestions: profileQuestions(versions[0]), Tags: nonEmpty(p.Tags)})
	if err != nil {
		return "", Failed, "", fmt.Errorf("creating it: %s", Message(err))
	}
	target = aws.ToString(out.ProfileArn)
	for _, v := range versions[1:] {
		if _, err := im.Target.UpdateProfile(ctx, &wellarchitected.UpdateProfileInput{ProfileArn: &target,
			ProfileDescription: p.ProfileDescription, ProfileQuestions: profileQuestions(v)}); err != nil {
			return "", Failed, "", fmt.Errorf("recording version %s: %s", aws.ToString(v.ProfileVersion), Message(err))
		}
	}
	return target, Created, fmt.Sprintf("%d versions", len(versions)), nil
}

// profileQuestions are a profile's answered questions, as an update.
func profileQuestions(p *types.Profile) []types.ProfileQuestionUpdate {
	var out []types.ProfileQuestionUpdate
	for _, q := range p.ProfileQuestions {
		if len(q.SelectedChoiceIds) > 0 {
			out = append(out, types.ProfileQuestionUpdate{QuestionId: q.QuestionId, SelectedChoiceIds: q.SelectedChoiceIds})
		}
	}
	return out
}

func listProfiles(ctx context.Context, c *wellarchitected.Client) ([]types.ProfileSummary, error) {
	var out []types.ProfileSummary
	p := wellarchitected.NewListProfilesPaginator(c, &wellarchitected.ListProfilesInput{ProfileOwnerType: types.ProfileOwnerTypeSelf})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.ProfileSummaries...)
	}
	return out, nil
}
