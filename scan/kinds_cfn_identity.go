// Normalisers of CloudFormation identity and secrets: IAM roles, policies and
// users, resource policies, KMS keys, Secrets Manager.

package scan

func cfnRole(p map[string]any) map[string]any {
	return map[string]any{
		"statements":           statements(p["AssumeRolePolicyDocument"]),
		"identity_statements":  identityStatements(p["Policies"], "PolicyDocument"),
		"managed_policy_arns":  p["ManagedPolicyArns"],
		"permissions_boundary": present(p["PermissionsBoundary"]),
		"tag_count":            tagCount(p["Tags"]),
	}
}

// identityStatements gathers the statements of inline policies
// ([{PolicyName, PolicyDocument}]).
func identityStatements(policies any, key string) any {
	if u, ok := policies.(Unknown); ok {
		return u
	}
	out := []any{}
	for _, pol := range elements(policies) {
		switch st := statements(get(pol, key)).(type) {
		case []any:
			out = append(out, st...)
		default:
			out = append(out, st)
		}
	}
	return out
}

func cfnIAMPolicy(p map[string]any) map[string]any {
	return map[string]any{
		"identity_statements": statements(p["PolicyDocument"]),
		"user_attachments":    count(p["Users"]),
	}
}

func cfnUserPolicy(p map[string]any) map[string]any {
	return map[string]any{"identity_statements": statements(p["PolicyDocument"]), "user_attachments": 1.0}
}

func cfnUser(p map[string]any) map[string]any {
	direct := count(p["Policies"])
	if n, ok := direct.(float64); ok {
		direct = numAdd(n, count(p["ManagedPolicyArns"]))
	}
	return map[string]any{
		"user_attachments": direct,
		"login_profile":    present(p["LoginProfile"]),
		"tag_count":        tagCount(p["Tags"]),
	}
}

// numAdd adds a count that may be unknown.
func numAdd(n float64, v any) any {
	if m, ok := v.(float64); ok {
		return n + m
	}
	return v
}

func cfnLambdaPermission(p map[string]any) map[string]any {
	principal := strOr(p["Principal"], Unknown{"no principal"})
	restricted := or2(present(p["SourceArn"]), present(p["SourceAccount"]), present(p["PrincipalOrgID"]))
	return map[string]any{
		"service":    "lambda",
		"statements": []any{publicStatement(eqStr(principal, "*"), restricted)},
	}
}

// cfnPolicyOf reads a resource policy of a service from one property.
func cfnPolicyOf(service, key string) func(map[string]any) map[string]any {
	return func(p map[string]any) map[string]any {
		return map[string]any{"service": service, "statements": statements(p[key])}
	}
}

func cfnKey(p map[string]any) map[string]any {
	return map[string]any{
		"symmetric":  eqStr(strOr(p["KeySpec"], "SYMMETRIC_DEFAULT"), "SYMMETRIC_DEFAULT"),
		"rotation":   boolOr(p["EnableKeyRotation"], false),
		"statements": statements(p["KeyPolicy"]),
		"tag_count":  tagCount(p["Tags"]),
	}
}

func cfnSecret(p map[string]any) map[string]any {
	return map[string]any{
		"kms_cmk":       customerKey(p["KmsKeyId"]),
		"literal_value": present(p["SecretString"]),
		"tag_count":     tagCount(p["Tags"]),
	}
}

func cfnRotation(p map[string]any) map[string]any {
	r := p["RotationRules"]
	days := numOr(get(r, "AutomaticallyAfterDays"), nil)
	if days == nil {
		days = rateDays(get(r, "ScheduleExpression"))
	}
	return map[string]any{"rotation_days": days}
}
