package service

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/wat-dev/wat"
)

// The rules on the Agent's inputs beyond the model's lengths and enums,
// and its idempotency tokens.
//
// A value that is malformed (an account ID that is not 12 digits, a Region
// that is no Region code, a role ARN that is no IAM role's) is refused
// with a ValidationException naming its field. A value that is missing
// where the model allows it (an empty scope, a Region list or a role ARN
// left empty) is stored, and the profile reads back incomplete, with
// fieldErrors naming what it lacks (wat.AgentProfile.Missing).

// roleARNRE is an IAM role's ARN, with an optional path. (Account IDs are
// checked with admin.go's accountIDRE.)
var roleARNRE = regexp.MustCompile(`^arn:aws[-a-z]*:iam::\d{12}:role/[\w+=,.@/-]+$`)

// AgentTag is a tag as the Agent's operations carry it: a key and a value.
type AgentTag struct{ Key, Value string }

// checkAgentTags checks the tags of a new Agent profile and returns them
// as a map (nil when there are none).
func checkAgentTags(pr *problems, tags []AgentTag) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	m := make(map[string]string, len(tags))
	for i, t := range tags {
		at := fmt.Sprintf("tags[%d].key", i)
		if strings.HasPrefix(strings.ToLower(t.Key), "aws:") {
			pr.add(at, "Tag keys starting with 'aws:' are reserved for AWS use")
		}
		if _, dup := m[t.Key]; dup {
			pr.add(at, "The tag key %q is given more than once", t.Key)
		}
		m[t.Key] = t.Value
	}
	if len(m) > MaxTagsPerResource {
		pr.add("tags", "A resource can have at most %d tags", MaxTagsPerResource)
	}
	return m
}

// checkRoleARN refuses a role ARN that is given but is not an IAM role's.
func checkRoleARN(pr *problems, field, arn string) {
	if arn != "" && !roleARNRE.MatchString(arn) {
		pr.add(field, "%q is not the ARN of an IAM role (arn:aws:iam::ACCOUNT:role/NAME)", arn)
	}
}

// checkAgentScope checks a profile's scope and drops repeated Regions.
func checkAgentScope(pr *problems, scope []wat.AgentScope) {
	seen := map[string]bool{}
	for i := range scope {
		e := &scope[i]
		at := fmt.Sprintf("aggregationConfiguration[%d].", i)
		switch {
		case e.AccountID == "": // missing: the profile is incomplete
		case !accountIDRE.MatchString(e.AccountID):
			pr.add(at+"accountId", "%q is not an AWS account ID (12 digits)", e.AccountID)
		case seen[e.AccountID]:
			pr.add(at+"accountId", "Account %s is in the aggregation configuration more than once: give all its Regions in one entry", e.AccountID)
		}
		seen[e.AccountID] = true
		for j, r := range e.Regions {
			if !awsRegionRE.MatchString(r) {
				pr.add(fmt.Sprintf("%sregions[%d]", at, j), "%q is not an AWS Region code", r)
			}
		}
		e.Regions = dedupe(e.Regions)
		checkRoleARN(pr, at+"accessRoleArn", e.AccessRoleARN)
	}
}

// checkAgentPillars drops repeated pillars; the model's enum has checked
// their names.
func checkAgentPillars(pillars []wat.AgentPillar) []wat.AgentPillar {
	if pillars == nil {
		return nil
	}
	seen := map[wat.AgentPillar]bool{}
	out := []wat.AgentPillar{}
	for _, p := range pillars {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// checkAgentText refuses a text that is given but shows fewer than min
// characters (spaces and invisible characters do not count).
func checkAgentText(pr *problems, field string, s *string, min int) {
	if s != nil && nonSpaceCount(*s) < min {
		if min == 1 {
			pr.add(field, "Must contain a character other than spaces and invisible characters")
		} else {
			pr.add(field, "Must contain at least %d characters other than spaces and invisible characters", min)
		}
	}
}

// checkAgentContent checks a context's content and drops repeated entries
// of its lists.
func checkAgentContent(pr *problems, c *wat.AgentContextContent) {
	for i, id := range c.AccountIDs {
		if !accountIDRE.MatchString(id) {
			pr.add(fmt.Sprintf("content.accountIds[%d]", i), "%q is not an AWS account ID (12 digits)", id)
		}
	}
	for i, r := range c.Regions {
		if !awsRegionRE.MatchString(r) {
			pr.add(fmt.Sprintf("content.regions[%d]", i), "%q is not an AWS Region code", r)
		}
	}
	for _, l := range []struct {
		field string
		items []string
	}{{"awsServices", c.AWSServices}, {"resourceTypes", c.ResourceTypes}} {
		for i, s := range l.items {
			if nonSpaceCount(s) == 0 {
				pr.add(fmt.Sprintf("content.%s[%d]", l.field, i), "Must not be empty")
			}
		}
	}
	for i, t := range c.ResourceTags {
		if nonSpaceCount(t.Key) == 0 {
			pr.add(fmt.Sprintf("content.resourceTags[%d].key", i), "Must not be empty")
		}
	}
	c.AccountIDs, c.Regions = dedupe(c.AccountIDs), dedupe(c.Regions)
	c.AWSServices, c.ResourceTypes = dedupe(c.AWSServices), dedupe(c.ResourceTypes)
}

// agentReplay is replay for the Agent's operations, whose token member is
// clientToken. A token used before with other parameters is refused with
// the error the operation's model declares: a ConflictException for the
// creates; a ValidationException naming clientToken for the updates, which
// declare no ConflictException (the SDKs could not tell what it is).
func (s *Service) agentReplay(ctx context.Context, tx wat.IdempotencyTx, accountID, op, token, fp string, mismatch wat.ErrorCode) (string, error) {
	prev, err := s.replay(ctx, tx, accountID, op, token, fp)
	var e *wat.Error
	if errors.As(err, &e) && e.Code == wat.EConflict {
		msg := "clientToken " + token + " was already used with different parameters"
		if mismatch == wat.EInvalid {
			return "", wat.Invalid("clientToken", "%s", msg)
		}
		return "", &wat.Error{Code: wat.EConflict, Message: msg, ResourceID: token, ResourceType: "CLIENT_TOKEN"}
	}
	return prev, err
}
