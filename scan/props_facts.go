// Facts derived from property values: instance families and generations,
// versions, schedules, passwords, container images, KMS keys.

package scan

import (
	"regexp"
	"strconv"
	"strings"
)

var familyRE = regexp.MustCompile(`^([a-z]+)(\d+)([a-z0-9-]*)$`)

// olderFamilies are EC2 families AWS lists as previous generation.
var olderFamilies = map[string]bool{
	"t1": true, "m1": true, "m2": true, "m3": true, "c1": true, "c3": true, "cc2": true,
	"cr1": true, "cg1": true, "g2": true, "i2": true, "r3": true, "hi1": true, "hs1": true,
}

// instanceProps derives the family facts of an EC2 instance type such as
// "m7g.large" (or "db.r6g.large" for RDS).
func instanceProps(p map[string]any, t any) {
	p["instance_type"] = t
	s, ok := t.(string)
	if !ok {
		p["instance_family"], p["arm64"], p["older_generation"] = t, t, t
		return
	}
	family, _, _ := strings.Cut(strings.TrimPrefix(s, "db."), ".")
	p["instance_family"] = family
	m := familyRE.FindStringSubmatch(family)
	p["arm64"] = family == "a1" || (m != nil && strings.Contains(m[3], "g"))
	p["older_generation"] = olderFamilies[family]
}

// minorVersion reads the minor number of a "1.NN" version.
func minorVersion(v any, def any) any {
	s, ok := strOr(v, def).(string)
	if !ok {
		return strOr(v, def)
	}
	_, minor, found := strings.Cut(s, ".")
	if !found {
		return Unknown{"not a MAJOR.MINOR version"}
	}
	n, err := strconv.ParseFloat(minor, 64)
	if err != nil {
		return Unknown{"not a MAJOR.MINOR version"}
	}
	return n
}

// rateDays reads a rotation schedule "rate(N days)" as N; a cron schedule
// is unknown.
func rateDays(v any) any {
	s, ok := v.(string)
	if !ok {
		return strOr(v, Unknown{"no schedule"})
	}
	inner, found := strings.CutPrefix(strings.TrimSpace(s), "rate(")
	inner, closed := strings.CutSuffix(inner, ")")
	if !found || !closed {
		return Unknown{"a cron schedule"}
	}
	num, unit, _ := strings.Cut(strings.TrimSpace(inner), " ")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return Unknown{"not a rate"}
	}
	switch strings.TrimSuffix(unit, "s") {
	case "day":
		return n
	case "hour":
		return n / 24
	}
	return Unknown{"not a rate in days or hours"}
}

// passwordLiteral tells whether a password is written in the template
// itself rather than taken from a secret store (a dynamic reference).
func passwordLiteral(v any) any {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return !strings.HasPrefix(x, "{{resolve:secretsmanager:") && !strings.HasPrefix(x, "{{resolve:ssm-secure:")
	case Unknown:
		return x
	}
	return false
}

// imagePinned tells whether a container image names a tag other than
// latest, or a digest.
func imagePinned(v any) any {
	s, ok := v.(string)
	if !ok {
		return strOr(v, Unknown{"no image"})
	}
	if strings.Contains(s, "@sha256:") {
		return true
	}
	name := s[strings.LastIndex(s, "/")+1:]
	_, tag, found := strings.Cut(name, ":")
	return found && tag != "" && tag != "latest"
}

// customerKey tells whether a KMS key setting names a customer managed key
// rather than an AWS managed one (alias/aws/...).
func customerKey(v any) any {
	switch x := v.(type) {
	case nil:
		return false
	case ref:
		return true
	case string:
		return x != "" && !strings.Contains(x, "alias/aws/")
	}
	return strOr(v, "")
}
