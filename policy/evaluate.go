package policy

import (
	"strconv"
	"strings"
)

// Request is one authorisation question.
type Request struct {
	Action   string // e.g. "wellarchitected:DeleteWorkload"
	Resource string // the resource's ARN, or "*" for actions on no resource

	// Context holds the condition keys of the request, such as
	// "wellarchitected:ResourceTag/env", "aws:RequestTag/team",
	// "aws:TagKeys", "aws:PrincipalArn" and "aws:username". Keys are
	// compared case-insensitively, as IAM does; a key with no values is
	// absent.
	Context map[string][]string
}

// Decision is the outcome of evaluating policies against a Request.
type Decision int

// The three outcomes of IAM's evaluation logic.
const (
	ImplicitDeny Decision = iota // no statement allowed the request
	Allow                        // a statement allowed it and none denied it
	ExplicitDeny                 // a statement denied it
)

// String returns the decision's name, e.g. "ExplicitDeny".
func (d Decision) String() string {
	switch d {
	case ImplicitDeny:
		return "ImplicitDeny"
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return "Decision(" + strconv.Itoa(int(d)) + ")"
}

// Evaluate applies IAM's logic over all policies: a matching Deny statement
// in any policy gives ExplicitDeny; otherwise a matching Allow gives Allow;
// otherwise ImplicitDeny. Nil policies are skipped.
func Evaluate(policies []*Policy, r Request) Decision {
	allowed := false
	for _, p := range policies {
		if p == nil {
			continue
		}
		for i := range p.compiled {
			s := &p.compiled[i]
			if allowed && !s.deny {
				continue // only a Deny can change the outcome now
			}
			if s.matches(&r) {
				if s.deny {
					return ExplicitDeny
				}
				allowed = true
			}
		}
	}
	if allowed {
		return Allow
	}
	return ImplicitDeny
}

func (s *compiledStatement) matches(r *Request) bool {
	if anyMatch(s.actions, r.Action, true, nil) == s.notAction {
		return false
	}
	if anyMatch(s.resources, r.Resource, false, r.Context) == s.notResource {
		return false
	}
	for i := range s.conds {
		if !s.conds[i].eval(r.Context) {
			return false
		}
	}
	return true
}

func anyMatch(ps []pattern, s string, fold bool, ctx map[string][]string) bool {
	for i := range ps {
		if ps[i].match(s, fold, ctx) {
			return true
		}
	}
	return false
}

// eval applies one (operator, key) condition to the request context.
func (c *cond) eval(ctx map[string][]string) bool {
	got, _ := lookup(ctx, c.key)
	present := len(got) > 0
	if c.base == opNull {
		return (!present && c.nullAbsent) || (present && c.nullPresent)
	}
	if !present {
		switch {
		case c.ifExists, c.set == setAll:
			return true
		case c.set == setAny:
			return false
		}
		// IAM: a negated operator on a missing key matches.
		return c.negate
	}
	switch c.set {
	case setAll: // every request value must satisfy the operator
		for _, v := range got {
			if c.matchValue(v, ctx) == c.negate {
				return false
			}
		}
		return true
	case setAny: // some request value must satisfy it
		for _, v := range got {
			if c.matchValue(v, ctx) != c.negate {
				return true
			}
		}
		return false
	}
	// Unqualified: positive operators match when any value matches; negated
	// ones when no value does.
	for _, v := range got {
		if c.matchValue(v, ctx) {
			return !c.negate
		}
	}
	return c.negate
}

// matchValue reports whether one request value equals or is like any of the
// condition's values, ignoring negation.
func (c *cond) matchValue(v string, ctx map[string][]string) bool {
	switch c.base {
	case opArnLike:
		for i := range c.arns {
			if c.arns[i].match(v, ctx) {
				return true
			}
		}
		return false
	case opBool:
		for i := range c.values {
			if strings.EqualFold(v, c.values[i].raw) {
				return true
			}
		}
		return false
	}
	return anyMatch(c.values, v, c.base == opStringEqualsIgnoreCase, ctx)
}
