package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// WorkloadPatch lists the workload properties to change; nil keeps a value.
type WorkloadPatch struct {
	Name                            *string
	Description                     *string
	Environment                     *string
	AccountIDs                      []string
	AWSRegions                      []string
	NonAWSRegions                   []string
	ArchitecturalDesign             *string
	ReviewOwner                     *string
	IsReviewOwnerUpdateAcknowledged *bool
	IndustryType                    *string
	Industry                        *string
	PillarPriorities                []string
	Notes                           *string
	ImprovementStatus               *string
	Applications                    []string
	DiscoveryConfig                 *wat.DiscoveryConfig
	Jira                            *JiraWorkloadUpdate
}

func setStr(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

func setList(dst *[]string, v []string) {
	if v != nil {
		*dst = v
	}
}

// UpdateWorkload changes a workload's properties.
func (s *Service) UpdateWorkload(ctx context.Context, id string, p WorkloadPatch) (*WorkloadView, error) {
	var v *WorkloadView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("UpdateWorkload"), id, true)
		if err != nil {
			return err
		}
		if err := tx.LockAccount(ctx, w.AccountID); err != nil {
			return err
		}
		setStr(&w.Name, p.Name)
		setStr(&w.Description, p.Description)
		setStr(&w.Environment, p.Environment)
		setList(&w.AccountIDs, p.AccountIDs)
		setList(&w.AWSRegions, p.AWSRegions)
		setList(&w.NonAWSRegions, p.NonAWSRegions)
		setStr(&w.ArchitecturalDesign, p.ArchitecturalDesign)
		setStr(&w.ReviewOwner, p.ReviewOwner)
		if p.IsReviewOwnerUpdateAcknowledged != nil {
			w.IsReviewOwnerUpdateAcknowledged = *p.IsReviewOwnerUpdateAcknowledged
		}
		setStr(&w.IndustryType, p.IndustryType)
		setStr(&w.Industry, p.Industry)
		setList(&w.PillarPriorities, p.PillarPriorities)
		setStr(&w.Notes, p.Notes)
		setStr(&w.ImprovementStatus, p.ImprovementStatus)
		setList(&w.Applications, p.Applications)
		if p.DiscoveryConfig != nil {
			w.DiscoveryConfig = p.DiscoveryConfig
		}
		var pr problems
		s.checkWorkload(&pr, w, false)
		if err := pr.err(); err != nil {
			return err
		}
		w.UpdatedAt = s.nowUTC()
		if err := tx.UpdateWorkload(ctx, w); err != nil {
			return nameConflict(err, w.Name)
		}
		if err := s.putWorkloadJira(ctx, tx, w.ID, p.Jira); err != nil {
			return err
		}
		if err := s.enqueueJiraChange(ctx, tx, w); err != nil {
			return err
		}
		snap, err := s.liveSnapshot(ctx, tx, w, "", false)
		if err != nil {
			return err
		}
		v = s.workloadView(ctx, snap)
		v.Jira, err = s.workloadJira(ctx, tx, w.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateWorkload(%s): %w", id, err)
	}
	return v, nil
}

// DeleteWorkload deletes a workload with its reviews, answers and
// milestones. Only the owner account may delete; a retry with the same
// token succeeds again.
func (s *Service) DeleteWorkload(ctx context.Context, id, token string) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	fp := fingerprint("DeleteWorkload", id)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		prev, err := s.replay(ctx, tx, p.AccountID, "DeleteWorkload", token, fp)
		if err != nil {
			return err
		}
		if prev != "" {
			return nil
		}
		w, err := s.ownWorkload(ctx, tx, act("DeleteWorkload"), id, true)
		if err != nil {
			return err
		}
		if err := tx.DeleteWorkload(ctx, w.ID); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "DeleteWorkload", token, fp, w.ID)
	})
	if err != nil {
		return fmt.Errorf("DeleteWorkload(%s): %w", id, err)
	}
	return nil
}

// ListWorkloads returns a page of the workloads the caller's account owns
// or has been shared (accepted invitations, organization shares) whose
// names start with prefix, ordered by name.
func (s *Service) ListWorkloads(ctx context.Context, prefix, token string, max int) ([]*WorkloadView, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	t, err := decodeToken(token)
	if err != nil {
		return nil, "", err
	}
	n := pageSize(max, 50)
	var out []*WorkloadView
	next := ""
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("ListWorkloads"), "*", nil); err != nil {
			return err
		}
		shared, err := s.sharedWorkloadIDs(ctx, tx, p)
		if err != nil {
			return err
		}
		ws, err := tx.ListWorkloads(ctx, p.AccountID, shared, prefix, t.Key, t.ID, n+1)
		if err != nil {
			return err
		}
		if len(ws) > n {
			ws = ws[:n]
			last := ws[n-1]
			next = encodeToken(pageToken{Key: wat.NameKey(last.Name), ID: last.ID})
		}
		snaps, err := s.liveSnapshots(ctx, tx, ws)
		if err != nil {
			return err
		}
		for _, snap := range snaps {
			out = append(out, s.workloadView(ctx, snap))
		}
		return nil
	})
	return out, next, err
}
