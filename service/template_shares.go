package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// MaxSharesPerTemplate is the most shares a review template can have.
const MaxSharesPerTemplate = 300

// ownedTemplate loads a review template the caller owns for a share
// operation.
func (s *Service) ownedTemplate(ctx context.Context, tx wat.Tx, a access, arn string) (string, string, error) {
	rt, err := s.ownTemplate(ctx, tx, a, arn, true)
	if err != nil {
		return "", "", err
	}
	return rt.AccountID, rt.ARN, nil
}

// CreateTemplateShare shares a review template of the caller's account and
// returns the share's ID. Recipients can read it and create workloads from
// it.
func (s *Service) CreateTemplateShare(ctx context.Context, arn, sharedWith, token string) (string, error) {
	return s.createShareOp(ctx, "CreateTemplateShare", wat.ShareResourceTemplate, arn, sharedWith, token, s.ownedTemplate)
}

// ListTemplateShares returns a page of a review template's shares, oldest
// first.
func (s *Service) ListTemplateShares(ctx context.Context, arn string, f ShareFilter, token string, max int) ([]*ShareView, string, error) {
	return s.listSharesOp(ctx, "ListTemplateShares", wat.ShareResourceTemplate, arn, f, token, max, s.ownedTemplate)
}

// DeleteTemplateShare removes a review template share; workloads already
// created from it are not touched.
func (s *Service) DeleteTemplateShare(ctx context.Context, arn, shareID, token string) error {
	return s.deleteShareOp(ctx, "DeleteTemplateShare", wat.ShareResourceTemplate, arn, shareID, token, s.ownedTemplate)
}
