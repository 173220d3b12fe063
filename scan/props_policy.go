// Policy documents (identity and resource policies) normalised into statements a
// rule can read: who may do what, and under which condition.

package scan

import (
	"strings"
)

// restrictingKeys are the condition keys that narrow who a public principal
// can be: a statement using one is not open to anyone.
var restrictingKeys = map[string]bool{
	"aws:sourcearn": true, "aws:sourceaccount": true, "aws:sourceowner": true, "aws:sourcevpc": true,
	"aws:sourcevpce": true, "aws:sourceip": true, "aws:principalorgid": true, "aws:principalorgpaths": true,
	"aws:principalaccount": true, "aws:principalarn": true, "aws:userid": true, "aws:sourceorgid": true,
	"aws:sourceorgpaths": true, "kms:calleraccount": true, "kms:viaservice": true,
}

// statements normalises a policy document (a map or its JSON) into one map
// per statement: effect, actions (lower case), admin_action ("*"),
// service_wildcard ("svc:*"), not_action, resources, public_principal,
// restricted (by a condition naming who may call) and
// denies_insecure_transport.
func statements(doc any) any {
	d := jsonValue(doc)
	var st any
	switch x := d.(type) {
	case nil:
		return []any{}
	case Unknown:
		return x
	case map[string]any:
		st = x["Statement"]
	default:
		return Unknown{"not a policy document"}
	}
	if u, ok := st.(Unknown); ok {
		return u
	}
	out := []any{}
	for _, s := range elements(st) {
		m, ok := s.(map[string]any)
		if !ok {
			out = append(out, Unknown{"statement not known statically"})
			continue
		}
		out = append(out, statement(m))
	}
	return out
}

func statement(s map[string]any) map[string]any {
	actions := s["Action"]
	if _, ok := actions.(Unknown); !ok {
		low := []any{}
		for _, a := range elements(actions) {
			low = append(low, lower(a, ""))
		}
		actions = low
	}
	admin := someOf(actions, func(a any) any { return isIn(a, "", "*", "*:*") })
	service := someOf(actions, func(a any) any {
		s, ok := a.(string)
		if !ok {
			return a
		}
		return strings.HasSuffix(s, ":*") && s != "*:*"
	})
	cond := s["Condition"]
	restricted := any(false)
	insecure := any(false)
	switch c := cond.(type) {
	case Unknown:
		restricted, insecure = c, c
	case map[string]any:
		for op, kv := range c {
			keys, ok := kv.(map[string]any)
			if !ok {
				restricted = or2(restricted, Unknown{"condition not known statically"})
				continue
			}
			for k, v := range keys {
				if restrictingKeys[strings.ToLower(k)] {
					restricted = true
				}
				if strings.EqualFold(op, "Bool") && strings.EqualFold(k, "aws:SecureTransport") {
					insecure = or2(insecure, someOf(v, func(e any) any { return boolOr(e, Unknown{"no value"}) == false }))
				}
			}
		}
	}
	effect := strOr(s["Effect"], "")
	return map[string]any{
		"effect":                    effect,
		"actions":                   actions,
		"admin_action":              admin,
		"service_wildcard":          service,
		"not_action":                s["NotAction"] != nil,
		"resources":                 s["Resource"],
		"public_principal":          publicPrincipal(s["Principal"]),
		"restricted":                restricted,
		"denies_insecure_transport": and2(eqStr(effect, "Deny"), insecure),
	}
}

// publicPrincipal tells whether a principal is everyone ("*" or AWS "*").
func publicPrincipal(p any) any {
	switch x := p.(type) {
	case nil:
		return false
	case string:
		return x == "*"
	case Unknown:
		return x
	case map[string]any:
		return someOf(x["AWS"], func(e any) any { return eqStr(e, "*") })
	}
	return false
}

// publicStatement is the statement shape of a resource policy that a rule
// about public access looks for: allow, to anyone, without a condition
// narrowing who.
func publicStatement(principal, restricted any) map[string]any {
	return map[string]any{"effect": "Allow", "public_principal": principal, "restricted": restricted}
}
