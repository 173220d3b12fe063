package policy

import "testing"

// TestConditions evaluates one Allow statement carrying the given Condition
// block against request contexts.
func TestConditions(t *testing.T) {
	type ctx = map[string][]string
	tests := []struct {
		name string
		cond string
		ctx  ctx
		want bool // whether the statement allows
	}{
		// Tag-based access.
		{"resource tag equals", `{"StringEquals":{"wellarchitected:ResourceTag/team":"retail"}}`, ctx{"wellarchitected:ResourceTag/team": {"retail"}}, true},
		{"resource tag differs", `{"StringEquals":{"wellarchitected:ResourceTag/team":"retail"}}`, ctx{"wellarchitected:ResourceTag/team": {"Retail"}}, false},
		{"resource tag missing", `{"StringEquals":{"wellarchitected:ResourceTag/team":"retail"}}`, nil, false},
		{"resource tag key case-insensitive", `{"StringEquals":{"wellarchitected:ResourceTag/team":"retail"}}`, ctx{"WellArchitected:resourcetag/team": {"retail"}}, true},
		{"values are ORed", `{"StringEquals":{"aws:RequestTag/team":["retail","ops"]}}`, ctx{"aws:RequestTag/team": {"ops"}}, true},
		{"keys are ANDed", `{"StringEquals":{"aws:RequestTag/team":"ops","aws:RequestTag/env":"dev"}}`, ctx{"aws:RequestTag/team": {"ops"}, "aws:RequestTag/env": {"prod"}}, false},
		{"operators are ANDed", `{"StringEquals":{"aws:RequestTag/team":"ops"},"StringLike":{"aws:RequestTag/env":"d*"}}`, ctx{"aws:RequestTag/team": {"ops"}, "aws:RequestTag/env": {"prod"}}, false},
		{"operators are ANDed, both hold", `{"StringEquals":{"aws:RequestTag/team":"ops"},"StringLike":{"aws:RequestTag/env":"d*"}}`, ctx{"aws:RequestTag/team": {"ops"}, "aws:RequestTag/env": {"dev"}}, true},
		{"unqualified multi-valued key is any", `{"StringEquals":{"aws:TagKeys":"team"}}`, ctx{"aws:TagKeys": {"env", "team"}}, true},
		{"ForAllValues tag keys subset", `{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}`, ctx{"aws:TagKeys": {"env"}}, true},
		{"ForAllValues tag keys extra", `{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}`, ctx{"aws:TagKeys": {"env", "owner"}}, false},
		{"ForAllValues missing key", `{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}`, nil, true},
		{"ForAllValues empty key", `{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}`, ctx{"aws:TagKeys": {}}, true},
		{"ForAnyValue one matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}`, ctx{"aws:TagKeys": {"env", "team"}}, true},
		{"ForAnyValue none matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}`, ctx{"aws:TagKeys": {"env"}}, false},
		{"ForAnyValue missing key", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}`, nil, false},
		{"ForAnyValue IfExists missing key", `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["team"]}}`, nil, true},
		{"ForAnyValue StringNotEquals some other", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["team"]}}`, ctx{"aws:TagKeys": {"team", "env"}}, true},
		{"ForAnyValue StringNotEquals all listed", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["team"]}}`, ctx{"aws:TagKeys": {"team"}}, false},
		{"ForAllValues StringNotEquals none listed", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, ctx{"aws:TagKeys": {"team", "env"}}, true},
		{"ForAllValues StringNotEquals one listed", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, ctx{"aws:TagKeys": {"team", "secret"}}, false},
		{"ForAllValues StringLike", `{"ForAllValues:StringLike":{"aws:TagKeys":["team*"]}}`, ctx{"aws:TagKeys": {"team", "teams"}}, true},

		// String operators.
		{"StringNotEquals differs", `{"StringNotEquals":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"dev"}}, true},
		{"StringNotEquals equal", `{"StringNotEquals":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"prod"}}, false},
		{"StringNotEquals missing key matches", `{"StringNotEquals":{"aws:RequestTag/env":"prod"}}`, nil, true},
		{"StringNotEquals any value equal fails", `{"StringNotEquals":{"aws:TagKeys":"secret"}}`, ctx{"aws:TagKeys": {"team", "secret"}}, false},
		{"StringNotEquals case-sensitive", `{"StringNotEquals":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"PROD"}}, true},
		{"StringEqualsIgnoreCase", `{"StringEqualsIgnoreCase":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"PROD"}}, true},
		{"StringEqualsIgnoreCase differs", `{"StringEqualsIgnoreCase":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"prods"}}, false},
		{"StringNotEqualsIgnoreCase equal", `{"StringNotEqualsIgnoreCase":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"Prod"}}, false},
		{"StringNotEqualsIgnoreCase differs", `{"StringNotEqualsIgnoreCase":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"dev"}}, true},
		{"StringEquals has no wildcards", `{"StringEquals":{"aws:RequestTag/env":"p*"}}`, ctx{"aws:RequestTag/env": {"prod"}}, false},
		{"StringLike glob", `{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin-?"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:role/admin-a"}}, true},
		{"StringLike case-sensitive", `{"StringLike":{"aws:RequestTag/env":"P*"}}`, ctx{"aws:RequestTag/env": {"prod"}}, false},
		{"StringNotLike matches", `{"StringNotLike":{"aws:RequestTag/env":"p*"}}`, ctx{"aws:RequestTag/env": {"dev"}}, true},
		{"StringNotLike fails", `{"StringNotLike":{"aws:RequestTag/env":"p*"}}`, ctx{"aws:RequestTag/env": {"prod"}}, false},
		{"StringNotLike missing key", `{"StringNotLike":{"aws:RequestTag/env":"p*"}}`, nil, true},
		{"IfExists missing key", `{"StringEqualsIfExists":{"aws:RequestTag/env":"prod"}}`, nil, true},
		{"IfExists present key must match", `{"StringEqualsIfExists":{"aws:RequestTag/env":"prod"}}`, ctx{"aws:RequestTag/env": {"dev"}}, false},
		{"IfExists present key matches", `{"StringLikeIfExists":{"aws:RequestTag/env":"pr*"}}`, ctx{"aws:RequestTag/env": {"prod"}}, true},
		{"number stringified", `{"StringEquals":{"aws:RequestTag/n":10}}`, ctx{"aws:RequestTag/n": {"10"}}, true},

		// ARN operators.
		{"ArnEquals", `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/admin"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:role/admin"}}, true},
		{"ArnLike", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:role/admin"}}, true},
		{"ArnLike star stays in its component", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:2:role/x"}}, false},
		{"ArnLike resource part may hold colons", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::1:role*"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:role:x"}}, true},
		{"ArnLike not an ARN", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctx{"aws:PrincipalArn": {"admin"}}, false},
		{"ArnLike case-sensitive", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:Role/admin"}}, false},
		{"ArnNotLike", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:role/dev"}}, true},
		{"ArnNotEquals equal", `{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::1:role/admin"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:role/admin"}}, false},
		{"ArnNotEquals missing key", `{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::1:role/admin"}}`, nil, true},
		{"ArnLike with variable", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/${aws:username}"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:user/alice"}, "aws:username": {"alice"}}, true},

		// Bool and Null.
		{"Bool true", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, ctx{"aws:MultiFactorAuthPresent": {"true"}}, true},
		{"Bool JSON boolean", `{"Bool":{"aws:MultiFactorAuthPresent":true}}`, ctx{"aws:MultiFactorAuthPresent": {"TRUE"}}, true},
		{"Bool false", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, ctx{"aws:MultiFactorAuthPresent": {"false"}}, false},
		{"Bool missing", `{"Bool":{"aws:MultiFactorAuthPresent":"false"}}`, nil, false},
		{"BoolIfExists missing", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, nil, true},
		{"Null true absent", `{"Null":{"aws:RequestTag/team":"true"}}`, nil, true},
		{"Null true present", `{"Null":{"aws:RequestTag/team":"true"}}`, ctx{"aws:RequestTag/team": {"x"}}, false},
		{"Null false present", `{"Null":{"aws:RequestTag/team":"false"}}`, ctx{"aws:RequestTag/team": {"x"}}, true},
		{"Null false absent", `{"Null":{"aws:RequestTag/team":false}}`, nil, false},
		{"Null false empty is absent", `{"Null":{"aws:RequestTag/team":"false"}}`, ctx{"aws:RequestTag/team": {}}, false},

		// Policy variables in condition values.
		{"variable in StringEquals", `{"StringEquals":{"wellarchitected:ResourceTag/owner":"${aws:username}"}}`, ctx{"wellarchitected:ResourceTag/owner": {"alice"}, "aws:username": {"alice"}}, true},
		{"variable differs", `{"StringEquals":{"wellarchitected:ResourceTag/owner":"${aws:username}"}}`, ctx{"wellarchitected:ResourceTag/owner": {"alice"}, "aws:username": {"bob"}}, false},
		{"variable unresolvable", `{"StringEquals":{"wellarchitected:ResourceTag/owner":"${aws:username}"}}`, ctx{"wellarchitected:ResourceTag/owner": {"${aws:username}"}}, false},
		{"variable in StringLike", `{"StringLike":{"aws:PrincipalArn":"*/${aws:username}"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:user/alice"}, "aws:username": {"alice"}}, true},
		{"variable ignore case", `{"StringEqualsIgnoreCase":{"aws:RequestTag/owner":"team-${aws:username}"}}`, ctx{"aws:RequestTag/owner": {"TEAM-ALICE"}, "aws:username": {"alice"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"*","Condition":`+tt.cond+`}`))
			want := ImplicitDeny
			if tt.want {
				want = Allow
			}
			got := Evaluate([]*Policy{p}, Request{Action: "wellarchitected:TagResource", Resource: wlARN, Context: tt.ctx})
			if got != want {
				t.Errorf("Condition %s with context %v: %v, want %v", tt.cond, tt.ctx, got, want)
			}
		})
	}
}
