package service

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/wat-dev/wat"
)

// The tags of Agent profiles through the Tool's TagResource, UntagResource
// and ListTagsForResource, whose WorkloadArn member the model does not
// restrict to workloads (tags.go sends Agent profile ARNs here). They are
// the tags CreateAgentProfile set and GetAgentProfile shows, and the
// resource tags IAM conditions read.

// isAgentProfileARN reports whether arn names an Agent profile, of any
// account or Region.
func isAgentProfileARN(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	return len(parts) == 6 && parts[2] == "wellarchitected" && strings.HasPrefix(parts[5], "agent-profile/")
}

// taggedAgentProfile loads an Agent profile for a tag operation, not
// found as the tag operations say it of any resource.
func (s *Service) taggedAgentProfile(ctx context.Context, tx wat.Tx, a access, arn string, lock bool) (*wat.AgentProfile, error) {
	prof, err := s.agentProfileFor(ctx, tx, a, arn, lock)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, wat.NotFound("RESOURCE", arn, "Resource %s not found", arn)
	}
	return prof, err
}

// tagAgentProfile adds or overwrites tags of an Agent profile.
func (s *Service) tagAgentProfile(ctx context.Context, arn string, tags map[string]string) error {
	var pr problems
	checkTags(&pr, "Tags", tags)
	if err := pr.err(); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		prof, err := s.taggedAgentProfile(ctx, tx, access{"TagResource", requestTags(tags)}, arn, true)
		if err != nil {
			return err
		}
		merged := maps.Clone(prof.Tags)
		if merged == nil {
			merged = map[string]string{}
		}
		maps.Copy(merged, tags)
		if len(merged) > MaxTagsPerResource {
			return wat.Invalid("Tags", "A resource can have at most %d tags; this request would give it %d", MaxTagsPerResource, len(merged))
		}
		prof.Tags = merged
		return tx.UpdateAgentProfile(ctx, prof)
	})
	if err != nil {
		return fmt.Errorf("TagResource(%s): %w", arn, err)
	}
	return nil
}

// untagAgentProfile removes tags of an Agent profile; absent keys are
// ignored.
func (s *Service) untagAgentProfile(ctx context.Context, arn string, keys []string) error {
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		prof, err := s.taggedAgentProfile(ctx, tx, access{"UntagResource", map[string][]string{"aws:TagKeys": keys}}, arn, true)
		if err != nil {
			return err
		}
		tags := maps.Clone(prof.Tags)
		for _, k := range keys {
			delete(tags, k)
		}
		prof.Tags = tags
		return tx.UpdateAgentProfile(ctx, prof)
	})
	if err != nil {
		return fmt.Errorf("UntagResource(%s): %w", arn, err)
	}
	return nil
}

// agentProfileTags returns an Agent profile's tags.
func (s *Service) agentProfileTags(ctx context.Context, arn string) (map[string]string, error) {
	var tags map[string]string
	err := s.store.View(ctx, func(tx wat.Tx) error {
		prof, err := s.taggedAgentProfile(ctx, tx, act("ListTagsForResource"), arn, false)
		if err != nil {
			return err
		}
		tags = prof.Tags
		return nil
	})
	return tags, err
}
