package service

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/wat-dev/wat"
)

// taggedWorkload resolves a resource ARN that names a workload the caller
// may read (lock false) or change the tags of (lock true: its owner only).
// Other resource types become taggable as they arrive (Agent profiles:
// agent_tags.go).
func (s *Service) taggedWorkload(ctx context.Context, tx wat.Tx, a access, arn string, lock bool) (*wat.Workload, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "wellarchitected" {
		return nil, wat.Invalid("WorkloadArn", "%q is not a Well-Architected resource ARN", arn)
	}
	kind, id, ok := strings.Cut(parts[5], "/")
	if !ok || kind != "workload" || parts[3] != s.region {
		return nil, wat.NotFound("RESOURCE", arn, "Resource %s not found", arn)
	}
	need := roleReader
	if lock {
		need = roleOwner
	}
	w, _, err := s.workloadFor(ctx, tx, a, id, need, lock)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && w.ARN != arn) {
		return nil, wat.NotFound("RESOURCE", arn, "Resource %s not found", arn)
	}
	if err != nil {
		return nil, err
	}
	return w, nil
}

// TagResource adds or overwrites tags of a resource.
func (s *Service) TagResource(ctx context.Context, arn string, tags map[string]string) error {
	if isAgentProfileARN(arn) {
		return s.tagAgentProfile(ctx, arn, tags)
	}
	var pr problems
	checkTags(&pr, "Tags", tags)
	if err := pr.err(); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.taggedWorkload(ctx, tx, access{"TagResource", requestTags(tags)}, arn, true)
		if err != nil {
			return err
		}
		merged := maps.Clone(w.Tags)
		if merged == nil {
			merged = map[string]string{}
		}
		maps.Copy(merged, tags)
		if len(merged) > MaxTagsPerResource {
			return wat.Invalid("Tags", "A resource can have at most %d tags; this request would give it %d", MaxTagsPerResource, len(merged))
		}
		w.Tags = merged
		return tx.UpdateWorkload(ctx, w)
	})
	if err != nil {
		return fmt.Errorf("TagResource(%s): %w", arn, err)
	}
	return nil
}

// UntagResource removes tags from a resource; absent keys are ignored.
func (s *Service) UntagResource(ctx context.Context, arn string, keys []string) error {
	if isAgentProfileARN(arn) {
		return s.untagAgentProfile(ctx, arn, keys)
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.taggedWorkload(ctx, tx, access{"UntagResource", map[string][]string{"aws:TagKeys": keys}}, arn, true)
		if err != nil {
			return err
		}
		tags := maps.Clone(w.Tags)
		for _, k := range keys {
			delete(tags, k)
		}
		w.Tags = tags
		return tx.UpdateWorkload(ctx, w)
	})
	if err != nil {
		return fmt.Errorf("UntagResource(%s): %w", arn, err)
	}
	return nil
}

// ListTagsForResource returns a resource's tags.
func (s *Service) ListTagsForResource(ctx context.Context, arn string) (map[string]string, error) {
	if isAgentProfileARN(arn) {
		return s.agentProfileTags(ctx, arn)
	}
	var tags map[string]string
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, err := s.taggedWorkload(ctx, tx, act("ListTagsForResource"), arn, false)
		if err != nil {
			return err
		}
		tags = w.Tags
		return nil
	})
	return tags, err
}
