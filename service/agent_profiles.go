package service

import (
	"context"
	"fmt"
	"regexp"

	"github.com/wat-dev/wat"
)

// Quotas of the Well-Architected Agent's configuration. AWS publishes
// none; these keep one account's lists to one short read.
const (
	MaxAgentProfilesPerAccount = 100
	MaxAgentGoalsPerProfile    = 100
	MaxAgentContextsPerProfile = 50
	// agentPageSize is the page size of the Agent's lists when the
	// caller gives none (the SDK documents 100 for ListAgentProfiles).
	agentPageSize = 100
)

// agentProfileARNRE matches the ARNs of Agent profiles:
// arn:aws:wellarchitected:REGION:ACCOUNT:agent-profile/ID, with ID 32 hex
// digits, as wat's other resources.
var agentProfileARNRE = regexp.MustCompile(`^arn:aws:wellarchitected:([a-z0-9-]+):(\d{12}):agent-profile/[0-9a-f]{32}$`)

func (s *Service) agentProfileARN(accountID, id string) string {
	return fmt.Sprintf("arn:aws:wellarchitected:%s:%s:agent-profile/%s", s.region, accountID, id)
}

func agentProfileNotFound(arn string) error {
	return wat.NotFound("AGENT_PROFILE", arn, "Agent profile %s not found", arn)
}

// agentProfileFor loads (locked when lock) an Agent profile of the
// caller's account and authorises a on it, with its tags as condition
// keys. Agent profiles are never shared: another account's is not found,
// exactly as one that does not exist. The ARN's account is compared before
// anything is read, so no request locks another account's row.
func (s *Service) agentProfileFor(ctx context.Context, tx wat.Tx, a access, arn string, lock bool) (*wat.AgentProfile, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	m := agentProfileARNRE.FindStringSubmatch(arn)
	if m == nil || m[1] != s.region || m[2] != p.AccountID {
		return nil, agentProfileNotFound(arn)
	}
	prof, err := tx.GetAgentProfile(ctx, arn, lock)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, agentProfileNotFound(arn)
	}
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, tx, a, prof.ARN, prof.Tags); err != nil {
		return nil, err
	}
	return prof, nil
}

// AgentProfileInput is what CreateAgentProfile and UpdateAgentProfile
// take. For an update, nil members are left as they are; Name and Tags are
// for creates only.
type AgentProfileInput struct {
	Name                                       string
	DisplayName, Description, BusinessOverview *string
	ExecutionRoleARN                           *string
	Pillars                                    []wat.AgentPillar
	Scope                                      []wat.AgentScope
	DeletionProtection                         *bool
	Tags                                       []AgentTag
	// ClientToken is left out of the fingerprint of the parameters.
	ClientToken string `json:"-"`
}

// check enforces the rules beyond the model on in, normalising its lists,
// and returns its tags as a map.
func (in *AgentProfileInput) check(create bool) (map[string]string, error) {
	var pr problems
	if create {
		checkAgentText(&pr, "name", &in.Name, 3)
	}
	checkAgentText(&pr, "displayName", in.DisplayName, 3)
	if in.ExecutionRoleARN != nil {
		checkRoleARN(&pr, "executionRoleArn", *in.ExecutionRoleARN)
	}
	in.Pillars = checkAgentPillars(in.Pillars)
	checkAgentScope(&pr, in.Scope)
	tags := checkAgentTags(&pr, in.Tags)
	return tags, pr.err()
}

// apply sets on prof what in gives.
func (in *AgentProfileInput) apply(prof *wat.AgentProfile) {
	setStr(&prof.DisplayName, in.DisplayName)
	setStr(&prof.Description, in.Description)
	setStr(&prof.BusinessOverview, in.BusinessOverview)
	setStr(&prof.ExecutionRoleARN, in.ExecutionRoleARN)
	if in.Pillars != nil {
		prof.Pillars = in.Pillars
	}
	if in.Scope != nil {
		prof.Scope = in.Scope
	}
	if in.DeletionProtection != nil {
		prof.DeletionProtection = *in.DeletionProtection
	}
}

// CreateAgentProfile creates an Agent profile in the caller's account. It
// may be incomplete (see AgentProfileView.Missing).
func (s *Service) CreateAgentProfile(ctx context.Context, in AgentProfileInput) (*AgentProfileView, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	tags, err := in.check(true)
	if err != nil {
		return nil, err
	}
	now := s.nowUTC()
	prof := &wat.AgentProfile{ARN: s.agentProfileARN(p.AccountID, newID(16)), AccountID: p.AccountID, Name: in.Name, Tags: tags,
		CreatedAt: now, CreatedBy: p.UserARN, UpdatedAt: now, UpdatedBy: p.UserARN}
	in.apply(prof)
	fp := fingerprint("CreateAgentProfile", in)
	var v *AgentProfileView
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, p.AccountID); err != nil {
			return err
		}
		if err := s.authorize(ctx, tx, access{"CreateAgentProfile", requestTags(tags)}, s.agentProfileARN(p.AccountID, "*"), nil); err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, "CreateAgentProfile", in.ClientToken, fp, wat.EConflict)
		if err != nil {
			return err
		}
		if prev != "" { // a retry: the profile it created, as it is now
			if prof, err = tx.GetAgentProfile(ctx, prev, false); wat.ErrorCodeOf(err) == wat.ENotFound {
				return agentProfileNotFound(prev)
			} else if err != nil {
				return err
			}
			v, err = s.agentWorkloads(tx, p).view(ctx, prof)
			return err
		}
		all, err := tx.ListAgentProfiles(ctx, p.AccountID)
		if err != nil {
			return err
		}
		if len(all) >= MaxAgentProfilesPerAccount {
			return wat.QuotaExceeded("AGENT_PROFILE", "L-AGENT-PROFILES", "The account already has %d Agent profiles, the most allowed", MaxAgentProfilesPerAccount)
		}
		if err := tx.InsertAgentProfile(ctx, prof); err != nil {
			if wat.ErrorCodeOf(err) == wat.EConflict {
				return wat.Conflict("AGENT_PROFILE", in.Name, "An Agent profile named %q already exists in this account (names are compared ignoring case and spaces)", in.Name)
			}
			return err
		}
		if err := s.remember(ctx, tx, p.AccountID, "CreateAgentProfile", in.ClientToken, fp, prof.ARN); err != nil {
			return err
		}
		v, err = s.agentWorkloads(tx, p).view(ctx, prof)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("CreateAgentProfile(%q): %w", in.Name, err)
	}
	return v, nil
}

// GetAgentProfile returns an Agent profile of the caller's account.
func (s *Service) GetAgentProfile(ctx context.Context, arn string) (*AgentProfileView, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	var v *AgentProfileView
	err = s.store.View(ctx, func(tx wat.Tx) error {
		prof, err := s.agentProfileFor(ctx, tx, act("GetAgentProfile"), arn, false)
		if err != nil {
			return err
		}
		v, err = s.agentWorkloads(tx, p).view(ctx, prof)
		return err
	})
	return v, err
}
