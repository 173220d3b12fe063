package main

import (
	"regexp"
	"testing"
)

// patternSamples holds, for every string shape of the model with a pattern,
// values the pattern must accept and values it must reject.
var patternSamples = map[string]struct{ match, reject []string }{
	"ApplicationArn": {
		match:  []string{"arn:aws:servicecatalog:us-east-1:123456789012:/applications/abc123"},
		reject: []string{"arn:aws:servicecatalog:us-east-1:12345678901:/applications/abc", "arn:aws:servicecatalog:us-east-1:123456789012:/applications/ABC"},
	},
	"AwsAccountId": {match: []string{"123456789012"}, reject: []string{"12345678901a", "1234567890123", ""}},
	"JiraProjectKey": {
		match:  []string{"A", "ABC_1"},
		reject: []string{"a", "1ABC", "AB-C"},
	},
	"ProfileArn": {
		match:  []string{"arn:aws:wellarchitected:us-east-1:123456789012:profile/abc123", "arn:aws-us-gov:wellarchitected:us-gov-west-1:123456789012:profile/x"},
		reject: []string{"arn:aws:wellarchitected:us-east-1:123456789012:profile/ABC", "arn:aws:wellarchitected:us-east-1:123456789012:lens/abc"},
	},
	"ProfileVersion": {match: []string{"1", "v1-2"}, reject: []string{"1.0", ""}},
	"ResourceArn": {
		match:  []string{"arn:aws:wellarchitected:us-east-1:123456789012:review-template/0123456789abcdef0123456789abcdef"},
		reject: []string{"arn:aws:wellarchitected:us-east-1:123456789012:review-template/0123456789ABCDEF0123456789abcdef"},
	},
	"ShareId":           {match: []string{"0123456789abcdef0123456789abcdef"}, reject: []string{"0123456789abcdef", "g123456789abcdef0123456789abcdef"}},
	"ShareInvitationId": {match: []string{"0123456789abcdef0123456789abcdef"}, reject: []string{"xyz"}},
	"TemplateArn": {
		match:  []string{"arn:aws-cn:wellarchitected:cn-north-1:123456789012:review-template/0123456789abcdef0123456789abcdef"},
		reject: []string{"arn:aws:wellarchitected:us-east-1:123456789012:workload/0123456789abcdef0123456789abcdef"},
	},
	// [A-Za-z0-9-_...]: "-" after a range is a literal in ECMA-262 and RE2
	// alike; \s is ECMA whitespace, so it takes U+00A0 and \v; ’ is literal.
	"TemplateDescription": {
		match:  []string{"My template (v2) - ok_1", "it’s", "a\u00a0b", "a\vb", "tab\there"},
		reject: []string{"semi;colon", "a<b", "é"},
	},
	"TemplateName":       {match: []string{"abc", "x-y_z"}, reject: []string{"a*b"}},
	"TemplateNamePrefix": {match: []string{"abc"}, reject: []string{"", "a$"}},
	// "." excludes ECMA line terminators, including \r and U+2028.
	"WorkloadArchitecturalDesign": {
		match:  []string{"", "https://example.com/design", "ftp://x.y"},
		reject: []string{"example.com", "https://ex ample.com", "http://\u00a0x", "http://x\u2028y", "http://a\rb", "http:///x"},
	},
	"WorkloadId": {match: []string{"0123456789abcdef0123456789abcdef"}, reject: []string{"0123456789ABCDEF0123456789abcdef"}},
}

// TestModelPatterns checks that every pattern of the model translates to RE2
// and accepts and rejects what the model means.
func TestModelPatterns(t *testing.T) {
	m, err := LoadModel(specPath)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, s := range m.ShapesOfType("string") {
		p := s.Traits.String(traitPattern)
		if p == "" {
			continue
		}
		seen++
		samples, ok := patternSamples[s.Name]
		if !ok {
			t.Errorf("no samples for the pattern of %s: %s", s.Name, p)
			continue
		}
		re2, err := translatePattern(p)
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		re := regexp.MustCompile(re2)
		for _, v := range samples.match {
			if !re.MatchString(v) {
				t.Errorf("%s: pattern %s rejects %q", s.Name, p, v)
			}
		}
		for _, v := range samples.reject {
			if re.MatchString(v) {
				t.Errorf("%s: pattern %s accepts %q", s.Name, p, v)
			}
		}
	}
	if seen != 14 {
		t.Errorf("model has %d patterns, want 14", seen)
	}
}

func TestTranslatePattern(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: `^[a-z]+$`, want: `^[a-z]+$`},
		{in: `\u2019`, want: `\x{2019}`},
		{in: `[\b]`, want: `[\x08]`},
		{in: `\S`, want: `[^` + ecmaSpace + `]`},
		{in: `a.b`, want: `a` + ecmaDot + `b`},
		{in: `[.]`, want: `[.]`},
		{in: `(?:ab)`, want: `(?:ab)`},
		{in: `(?=a)`, err: "not supported"},
		{in: `(a)\1`, err: "back-references"},
		{in: `[\S]`, err: "not supported"},
		{in: `[]`, err: "empty character class"},
		{in: `[a`, err: "unterminated"},
		{in: `\q`, err: "unknown escape"},
	}
	for _, tt := range tests {
		got, err := translatePattern(tt.in)
		if tt.err != "" {
			if err == nil || !regexp.MustCompile(regexp.QuoteMeta(tt.err)).MatchString(err.Error()) {
				t.Errorf("translatePattern(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("translatePattern(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
