package wire

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The label* and query* methods read members bound to the URI and the query
// string. An absent or empty label and an absent query parameter leave the
// member unset, for the validator to report when it is required; a value that
// does not parse as the member's type is a violation naming the member.

func (d *decoder) labelString(name string) *string {
	if v := d.req.Labels[name]; v != "" {
		return &v
	}
	return nil
}

func (d *decoder) labelValue(name string) string { return d.req.Labels[name] }

func (d *decoder) labelInt32(name string) *int32 {
	return toInt32(d.parseInt(name, d.req.Labels[name], math.MinInt32, math.MaxInt32, "Member must be an integer"))
}

func (d *decoder) labelInt64(name string) *int64 {
	return d.parseInt(name, d.req.Labels[name], math.MinInt64, math.MaxInt64, "Member must be a long")
}

func (d *decoder) labelBool(name string) *bool { return d.parseBool(name, d.req.Labels[name]) }

// query returns the first value of a query parameter.
func (d *decoder) query(param string) (string, bool) {
	vs := d.req.Query[param]
	if len(vs) == 0 {
		return "", false
	}
	return validUTF8(vs[0]), true
}

func (d *decoder) queryString(param, _ string) *string {
	if v, ok := d.query(param); ok {
		return &v
	}
	return nil
}

func (d *decoder) queryValue(param, _ string) string {
	v, _ := d.query(param)
	return v
}

func (d *decoder) queryInt32(param, member string) *int32 {
	v, ok := d.query(param)
	if !ok {
		return nil
	}
	return toInt32(d.parseInt(member, v, math.MinInt32, math.MaxInt32, "Member must be an integer"))
}

func (d *decoder) queryInt64(param, member string) *int64 {
	v, ok := d.query(param)
	if !ok {
		return nil
	}
	return d.parseInt(member, v, math.MinInt64, math.MaxInt64, "Member must be a long")
}

func (d *decoder) queryBool(param, member string) *bool {
	v, ok := d.query(param)
	if !ok {
		return nil
	}
	return d.parseBool(member, v)
}

// queryStrings returns every value of a repeated query parameter.
func (d *decoder) queryStrings(param string) []string {
	vs := d.req.Query[param]
	if len(vs) == 0 {
		return nil
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = validUTF8(v)
	}
	return out
}

func (d *decoder) parseInt(member, v string, lo, hi int64, msg string) *int64 {
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < lo || n > hi {
		d.add(path{{kind: elemMember, name: member}}, quoted(v), msg)
		return nil
	}
	return &n
}

func (d *decoder) parseBool(member, v string) *bool {
	var b bool
	switch {
	case v == "":
		return nil
	case strings.EqualFold(v, "true"):
		b = true
	case strings.EqualFold(v, "false"):
	default:
		d.add(path{{kind: elemMember, name: member}}, quoted(v), "Member must be a boolean")
		return nil
	}
	return &b
}

func toInt32(n *int64) *int32 {
	if n == nil {
		return nil
	}
	v := int32(*n)
	return &v
}

// enumList converts repeated query values to an enum list.
func enumList[E ~string](ss []string) []E {
	if ss == nil {
		return nil
	}
	out := make([]E, len(ss))
	for i, s := range ss {
		out[i] = E(s)
	}
	return out
}

// validUTF8 replaces invalid UTF-8 in a query value with U+FFFD, as the body
// decoder does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
