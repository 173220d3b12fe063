package api

import (
	"context"
	"strconv"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/profile"
	"github.com/wat-dev/wat/service"
)

func profileUpdatesIn(qs []wire.ProfileQuestionUpdate) []profile.Update {
	if qs == nil {
		return nil
	}
	out := make([]profile.Update, 0, len(qs))
	for _, q := range qs {
		out = append(out, profile.Update{QuestionID: val(q.QuestionId), SelectedChoiceIDs: q.SelectedChoiceIds})
	}
	return out
}

func version(n int) *string { return ptr(strconv.Itoa(n)) }

// profileOut is the wire form of a profile at one version: every template
// question with its choices and the version's selection.
func profileOut(v *service.ProfileView) *wire.Profile {
	p := v.Profile
	out := &wire.Profile{
		ProfileArn:         &p.ARN,
		ProfileName:        &p.Name,
		ProfileDescription: &p.Description,
		ProfileVersion:     version(v.Version.Version),
		Owner:              &p.AccountID,
		CreatedAt:          ts(p.CreatedAt),
		UpdatedAt:          ts(p.UpdatedAt),
		Tags:               p.Tags,
		ShareInvitationId:  str(v.ShareInvitationID),
		ProfileQuestions:   []wire.ProfileQuestion{},
	}
	for _, q := range profile.Default().Questions {
		wq := wire.ProfileQuestion{
			QuestionId:          ptr(q.ID),
			QuestionTitle:       ptr(q.Title),
			QuestionDescription: str(q.Description),
			MinSelectedChoices:  ptr(int32(q.MinSelected)),
			MaxSelectedChoices:  ptr(int32(q.MaxSelected)),
			SelectedChoiceIds:   append([]string{}, v.Version.Selected(q.ID)...),
		}
		for _, c := range q.Choices {
			wq.QuestionChoices = append(wq.QuestionChoices, wire.ProfileChoice{ChoiceId: ptr(c.ID), ChoiceTitle: ptr(c.Title), ChoiceDescription: str(c.Description)})
		}
		out.ProfileQuestions = append(out.ProfileQuestions, wq)
	}
	return out
}

func (h *handler) GetProfileTemplate(ctx context.Context, _ *wire.GetProfileTemplateInput) (*wire.GetProfileTemplateOutput, error) {
	t, err := h.svc.ProfileTemplate(ctx)
	if err != nil {
		return nil, err
	}
	out := &wire.ProfileTemplate{TemplateName: ptr(t.Name), CreatedAt: ts(t.CreatedAt), UpdatedAt: ts(t.UpdatedAt)}
	for _, q := range t.Questions {
		wq := wire.ProfileTemplateQuestion{
			QuestionId:          ptr(q.ID),
			QuestionTitle:       ptr(q.Title),
			QuestionDescription: str(q.Description),
			MinSelectedChoices:  ptr(int32(q.MinSelected)),
			MaxSelectedChoices:  ptr(int32(q.MaxSelected)),
		}
		for _, c := range q.Choices {
			wq.QuestionChoices = append(wq.QuestionChoices, wire.ProfileTemplateChoice{ChoiceId: ptr(c.ID), ChoiceTitle: ptr(c.Title), ChoiceDescription: str(c.Description)})
		}
		out.TemplateQuestions = append(out.TemplateQuestions, wq)
	}
	return &wire.GetProfileTemplateOutput{ProfileTemplate: out}, nil
}

func (h *handler) CreateProfile(ctx context.Context, in *wire.CreateProfileInput) (*wire.CreateProfileOutput, error) {
	p, err := h.svc.CreateProfile(ctx, service.CreateProfileInput{
		Name:               val(in.ProfileName),
		Description:        val(in.ProfileDescription),
		Questions:          profileUpdatesIn(in.ProfileQuestions),
		Tags:               in.Tags,
		ClientRequestToken: val(in.ClientRequestToken),
	})
	if err != nil {
		return nil, err
	}
	return &wire.CreateProfileOutput{ProfileArn: &p.ARN, ProfileVersion: version(p.Version)}, nil
}

func (h *handler) GetProfile(ctx context.Context, in *wire.GetProfileInput) (*wire.GetProfileOutput, error) {
	v, err := h.svc.GetProfile(ctx, val(in.ProfileArn), val(in.ProfileVersion))
	if err != nil {
		return nil, err
	}
	return &wire.GetProfileOutput{Profile: profileOut(v)}, nil
}

func (h *handler) UpdateProfile(ctx context.Context, in *wire.UpdateProfileInput) (*wire.UpdateProfileOutput, error) {
	v, err := h.svc.UpdateProfile(ctx, val(in.ProfileArn), in.ProfileDescription, profileUpdatesIn(in.ProfileQuestions))
	if err != nil {
		return nil, err
	}
	return &wire.UpdateProfileOutput{Profile: profileOut(v)}, nil
}

func (h *handler) DeleteProfile(ctx context.Context, in *wire.DeleteProfileInput) (*wire.DeleteProfileOutput, error) {
	return &wire.DeleteProfileOutput{}, h.svc.DeleteProfile(ctx, val(in.ProfileArn), val(in.ClientRequestToken))
}

func (h *handler) ListProfiles(ctx context.Context, in *wire.ListProfilesInput) (*wire.ListProfilesOutput, error) {
	ps, next, err := h.svc.ListProfiles(ctx, val(in.ProfileNamePrefix), string(in.ProfileOwnerType), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListProfilesOutput{NextToken: str(next), ProfileSummaries: []wire.ProfileSummary{}}
	for _, p := range ps {
		out.ProfileSummaries = append(out.ProfileSummaries, wire.ProfileSummary{
			ProfileArn: &p.ARN, ProfileName: &p.Name, ProfileDescription: &p.Description, ProfileVersion: version(p.Version),
			Owner: &p.AccountID, CreatedAt: ts(p.CreatedAt), UpdatedAt: ts(p.UpdatedAt),
		})
	}
	return out, nil
}

func (h *handler) AssociateProfiles(ctx context.Context, in *wire.AssociateProfilesInput) (*wire.AssociateProfilesOutput, error) {
	return &wire.AssociateProfilesOutput{}, h.svc.AssociateProfiles(ctx, val(in.WorkloadId), in.ProfileArns)
}

func (h *handler) DisassociateProfiles(ctx context.Context, in *wire.DisassociateProfilesInput) (*wire.DisassociateProfilesOutput, error) {
	return &wire.DisassociateProfilesOutput{}, h.svc.DisassociateProfiles(ctx, val(in.WorkloadId), in.ProfileArns)
}

func (h *handler) UpgradeProfileVersion(ctx context.Context, in *wire.UpgradeProfileVersionInput) (*wire.UpgradeProfileVersionOutput, error) {
	err := h.svc.UpgradeProfileVersion(ctx, val(in.WorkloadId), val(in.ProfileArn), val(in.MilestoneName), val(in.ClientRequestToken))
	return &wire.UpgradeProfileVersionOutput{}, err
}

func (h *handler) ListProfileNotifications(ctx context.Context, in *wire.ListProfileNotificationsInput) (*wire.ListProfileNotificationsOutput, error) {
	ns, next, err := h.svc.ListProfileNotifications(ctx, val(in.WorkloadId), val(in.NextToken), intOf(in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &wire.ListProfileNotificationsOutput{NextToken: str(next), NotificationSummaries: []wire.ProfileNotificationSummary{}}
	for _, n := range ns {
		out.NotificationSummaries = append(out.NotificationSummaries, wire.ProfileNotificationSummary{
			Type:                  wire.ProfileNotificationType(n.Type),
			WorkloadId:            &n.Workload.ID,
			WorkloadName:          &n.Workload.Name,
			ProfileArn:            &n.Profile.ARN,
			ProfileName:           &n.Profile.Name,
			CurrentProfileVersion: version(n.CurrentVersion),
			LatestProfileVersion:  version(n.Profile.Version),
		})
	}
	return out, nil
}

// workloadProfiles is the wire list of a workload's profile (at most one).
func workloadProfiles(w *wat.Workload) []wire.WorkloadProfile {
	if w.ProfileARN == "" {
		return nil
	}
	return []wire.WorkloadProfile{{ProfileArn: ptr(w.ProfileARN), ProfileVersion: version(w.ProfileVersion)}}
}

// prioritizedCounts is the wire form of prioritised risk counts: absent
// when nothing is prioritised.
func prioritizedCounts(c wat.RiskCounts) map[string]int32 {
	if c == nil {
		return nil
	}
	return riskCounts(c)
}
