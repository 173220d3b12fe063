package policy

import (
	"testing"
)

const (
	wlARN   = "arn:aws:wellarchitected:us-east-1:123456789012:workload/abc123"
	lensARN = "arn:aws:wellarchitected:us-east-1:123456789012:lens/custom1"
)

// stmt wraps statements in a 2012-10-17 policy document.
func stmt(statements ...string) string {
	doc := `{"Version":"2012-10-17","Statement":[`
	for i, s := range statements {
		if i > 0 {
			doc += ","
		}
		doc += s
	}
	return doc + "]}"
}

func TestEvaluate(t *testing.T) {
	allowAll := `{"Effect":"Allow","Action":"wellarchitected:*","Resource":"*"}`
	tests := []struct {
		name   string
		docs   []string
		action string
		res    string
		ctx    map[string][]string
		want   Decision
	}{
		{"no policies", nil, "wellarchitected:GetWorkload", wlARN, nil, ImplicitDeny},
		{"allow all", []string{stmt(allowAll)}, "wellarchitected:DeleteWorkload", wlARN, nil, Allow},
		{"bare star action", []string{stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`)}, "wellarchitected:DeleteWorkload", wlARN, nil, Allow},
		{"prefix wildcard matches", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:Get*","Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"prefix wildcard misses", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:Get*","Resource":"*"}`)}, "wellarchitected:UpdateWorkload", wlARN, nil, ImplicitDeny},
		{"action prefix is whole-string", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:Get","Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, ImplicitDeny},
		{"question mark one char", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:?etWorkload","Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"question mark not zero chars", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:?GetWorkload","Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, ImplicitDeny},
		{"action case-insensitive", []string{stmt(`{"Effect":"Allow","Action":"WellArchitected:getworkLOAD","Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"action wildcard case-insensitive", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:list*","Resource":"*"}`)}, "WELLARCHITECTED:ListAnswers", wlARN, nil, Allow},
		{"resource case-sensitive", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:us-east-1:123456789012:Workload/*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, ImplicitDeny},
		{"resource glob across colons", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"resource glob other type", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/*"}`)}, "wellarchitected:GetLens", lensARN, nil, ImplicitDeny},
		{"resource question mark", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:us-east-?:123456789012:workload/abc12?"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"notaction allows others", []string{stmt(`{"Effect":"Allow","NotAction":["wellarchitected:Delete*","wellarchitected:Update*"],"Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"notaction excludes listed", []string{stmt(`{"Effect":"Allow","NotAction":["wellarchitected:Delete*","wellarchitected:Update*"],"Resource":"*"}`)}, "wellarchitected:DeleteWorkload", wlARN, nil, ImplicitDeny},
		{"notresource allows others", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","NotResource":"arn:aws:wellarchitected:*:*:lens/*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"notresource excludes listed", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","NotResource":"arn:aws:wellarchitected:*:*:lens/*"}`)}, "wellarchitected:GetLens", lensARN, nil, ImplicitDeny},
		{"deny beats allow in same policy", []string{stmt(allowAll, `{"Effect":"Deny","Action":"wellarchitected:DeleteWorkload","Resource":"*"}`)}, "wellarchitected:DeleteWorkload", wlARN, nil, ExplicitDeny},
		{"deny beats allow across policies", []string{stmt(allowAll), stmt(`{"Effect":"Deny","Action":"wellarchitected:Delete*","Resource":"arn:aws:wellarchitected:*:*:workload/*"}`)}, "wellarchitected:DeleteWorkload", wlARN, nil, ExplicitDeny},
		{"deny alone is explicit", []string{stmt(`{"Effect":"Deny","Action":"wellarchitected:*","Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, ExplicitDeny},
		{"non-matching deny leaves allow", []string{stmt(allowAll, `{"Effect":"Deny","Action":"wellarchitected:DeleteWorkload","Resource":"*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, Allow},
		{"deny with NotAction guards everything else", []string{stmt(allowAll, `{"Effect":"Deny","NotAction":"wellarchitected:Get*","Resource":"*"}`)}, "wellarchitected:UpdateAnswer", wlARN, nil, ExplicitDeny},
		{"deny with failing condition does not deny", []string{stmt(allowAll, `{"Effect":"Deny","Action":"wellarchitected:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/env":"prod"}}}`)}, "wellarchitected:CreateWorkload", "*", map[string][]string{"aws:RequestTag/env": {"dev"}}, Allow},
		{"variable in resource", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/${aws:username}-*"}`)}, "wellarchitected:GetWorkload", "arn:aws:wellarchitected:us-east-1:1:workload/alice-1", map[string][]string{"aws:username": {"alice"}}, Allow},
		{"variable in resource other user", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/${aws:username}-*"}`)}, "wellarchitected:GetWorkload", "arn:aws:wellarchitected:us-east-1:1:workload/alice-1", map[string][]string{"aws:username": {"bob"}}, ImplicitDeny},
		{"variable key case-insensitive", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/${aws:username}-*"}`)}, "wellarchitected:GetWorkload", "arn:aws:wellarchitected:us-east-1:1:workload/alice-1", map[string][]string{"AWS:UserName": {"alice"}}, Allow},
		{"unresolvable variable does not match", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/${aws:username}*"}`)}, "wellarchitected:GetWorkload", wlARN, nil, ImplicitDeny},
		{"variable value is literal not glob", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/${aws:username}"}`)}, "wellarchitected:GetWorkload", wlARN, map[string][]string{"aws:username": {"*"}}, ImplicitDeny},
		{"escaped star is literal", []string{stmt(`{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/${*}"}`)}, "wellarchitected:GetWorkload", wlARN, nil, ImplicitDeny},
		{"variables are literal in 2008 version", []string{`{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"wellarchitected:*","Resource":"arn:aws:wellarchitected:*:*:workload/${aws:username}"}}`}, "wellarchitected:GetWorkload", "arn:aws:wellarchitected:us-east-1:1:workload/${aws:username}", map[string][]string{"aws:username": {"alice"}}, Allow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []*Policy
			for _, d := range tt.docs {
				ps = append(ps, mustParse(t, d))
			}
			got := Evaluate(ps, Request{Action: tt.action, Resource: tt.res, Context: tt.ctx})
			if got != tt.want {
				t.Errorf("Evaluate(%s on %s, %v) = %v, want %v", tt.action, tt.res, tt.ctx, got, tt.want)
			}
		})
	}
}

func TestEvaluateSkipsNilAndZeroPolicies(t *testing.T) {
	got := Evaluate([]*Policy{nil, {}, {Statements: []Statement{{Effect: EffectAllow, Action: []string{"*"}, Resource: []string{"*"}}}}},
		Request{Action: "wellarchitected:GetWorkload", Resource: wlARN})
	if got != ImplicitDeny {
		t.Errorf("Evaluate with policies not made by Parse = %v, want ImplicitDeny", got)
	}
}

func TestDecisionString(t *testing.T) {
	for d, want := range map[Decision]string{ImplicitDeny: "ImplicitDeny", Allow: "Allow", ExplicitDeny: "ExplicitDeny", 7: "Decision(7)"} {
		if got := d.String(); got != want {
			t.Errorf("Decision(%d).String() = %q, want %q", int(d), got, want)
		}
	}
}

func TestManaged(t *testing.T) {
	if diff := cmpDiff([]string{"WellArchitectedConsoleFullAccess", "WellArchitectedConsoleReadOnlyAccess"}, ManagedNames()); diff != "" {
		t.Errorf("ManagedNames (-want +got):\n%s", diff)
	}
	if _, ok := Managed("AdministratorAccess"); ok {
		t.Errorf("Managed(AdministratorAccess) found a policy wat does not know")
	}
	tests := []struct {
		policy string
		action string
		want   Decision
	}{
		{"WellArchitectedConsoleReadOnlyAccess", "wellarchitected:GetWorkload", Allow},
		{"WellArchitectedConsoleReadOnlyAccess", "wellarchitected:ListAnswers", Allow},
		{"WellArchitectedConsoleReadOnlyAccess", "wellarchitected:ExportLens", Allow},
		{"WellArchitectedConsoleReadOnlyAccess", "wellarchitected:UpdateAnswer", ImplicitDeny},
		{"WellArchitectedConsoleReadOnlyAccess", "wellarchitected:DeleteWorkload", ImplicitDeny},
		{"WellArchitectedConsoleReadOnlyAccess", "wellarchitected:ImportLens", ImplicitDeny},
		{"WellArchitectedConsoleFullAccess", "wellarchitected:DeleteWorkload", Allow},
		{"WellArchitectedConsoleFullAccess", "wellarchitected:UpdateAnswer", Allow},
	}
	for _, tt := range tests {
		p, ok := Managed(tt.policy)
		if !ok {
			t.Fatalf("Managed(%q) not found", tt.policy)
		}
		if got := Evaluate([]*Policy{p}, Request{Action: tt.action, Resource: wlARN}); got != tt.want {
			t.Errorf("%s: Evaluate(%s) = %v, want %v", tt.policy, tt.action, got, tt.want)
		}
	}
}
