// Normalisers of Terraform identity, governance and operations: IAM, resource
// policies, KMS, Secrets Manager, CloudTrail, Config, GuardDuty, Security Hub,
// budgets, alarms, log groups, CodeDeploy.

package scan

func tfRole(v map[string]any) map[string]any {
	arns := v["managed_policy_arns"]
	if arns == nil {
		arns = []any{}
	}
	return map[string]any{
		"statements":           statements(v["assume_role_policy"]),
		"identity_statements":  identityStatements(v["inline_policy"], "policy"),
		"managed_policy_arns":  arns,
		"permissions_boundary": present(v["permissions_boundary"]),
		"tag_count":            tfTags(v),
	}
}

func tfIAMPolicy(v map[string]any) map[string]any {
	return map[string]any{"identity_statements": statements(v["policy"]), "user_attachments": 0.0}
}

func tfUserPolicy(v map[string]any) map[string]any {
	return map[string]any{"identity_statements": statements(v["policy"]), "user_attachments": 1.0}
}

func tfUser(v map[string]any) map[string]any {
	return map[string]any{"user_attachments": 0.0, "login_profile": false, "tag_count": tfTags(v)}
}

func tfLambdaPermission(v map[string]any) map[string]any {
	restricted := or2(present(v["source_arn"]), present(v["source_account"]), present(v["principal_org_id"]))
	return map[string]any{
		"service":    "lambda",
		"statements": []any{publicStatement(eqStr(strOr(v["principal"], Unknown{"no principal"}), "*"), restricted)},
	}
}

func tfPolicyOf(service string) func(map[string]any) map[string]any {
	return func(v map[string]any) map[string]any {
		return map[string]any{"service": service, "statements": statements(v["policy"])}
	}
}

func tfKey(v map[string]any) map[string]any {
	return map[string]any{
		"symmetric":  eqStr(strOr(v["customer_master_key_spec"], "SYMMETRIC_DEFAULT"), "SYMMETRIC_DEFAULT"),
		"rotation":   boolOr(v["enable_key_rotation"], false),
		"statements": statements(v["policy"]),
		"tag_count":  tfTags(v),
	}
}

func tfSecret(v map[string]any) map[string]any {
	return map[string]any{
		"kms_cmk":       customerKey(v["kms_key_id"]),
		"literal_value": Unknown{"the value is set by aws_secretsmanager_secret_version"},
		"tag_count":     tfTags(v),
	}
}

func tfRotation(v map[string]any) map[string]any {
	r := v["rotation_rules"]
	days := numOr(get(r, "automatically_after_days"), nil)
	if days == nil || days == 0.0 {
		days = rateDays(get(r, "schedule_expression"))
	}
	return map[string]any{"rotation_days": days}
}

func tfTrail(v map[string]any) map[string]any {
	return map[string]any{
		"multi_region":        boolOr(v["is_multi_region_trail"], false),
		"kms_encrypted":       present(v["kms_key_id"]),
		"log_file_validation": boolOr(v["enable_log_file_validation"], false),
	}
}

func tfConfigRecorder(v map[string]any) map[string]any {
	return map[string]any{"all_supported": boolOr(get(v, "recording_group", "all_supported"), true)}
}

func tfRemediation(v map[string]any) map[string]any {
	return map[string]any{"automatic": boolOr(v["automatic"], false)}
}

func tfDetector(v map[string]any) map[string]any {
	return map[string]any{
		"enabled": boolOr(v["enable"], true),
		"runtime_monitoring": boolOr(get(v, "datasources", "malware_protection", "scan_ec2_instance_with_findings", "ebs_volumes", "enable"),
			false),
		"tag_count": tfTags(v),
	}
}

func tfSecurityHub(v map[string]any) map[string]any {
	return map[string]any{
		"default_standards":    boolOr(v["enable_default_standards"], true),
		"auto_enable_controls": boolOr(v["auto_enable_controls"], true),
	}
}

func tfBudget(v map[string]any) map[string]any {
	return map[string]any{
		"notifications":  count(v["notification"]),
		"forecast_alert": someOf(v["notification"], func(n any) any { return eqStr(get(n, "notification_type"), "FORECASTED") }),
	}
}

func tfLogGroup(v map[string]any) map[string]any {
	return map[string]any{"retention_days": numOr(v["retention_in_days"], 0.0), "tag_count": tfTags(v)}
}

func tfAlarm(v map[string]any) map[string]any {
	return map[string]any{"actions_enabled": boolOr(v["actions_enabled"], true), "alarm_actions": count(v["alarm_actions"])}
}

func tfDeploymentGroup(v map[string]any) map[string]any {
	ar := v["auto_rollback_configuration"]
	ac := v["alarm_configuration"]
	return map[string]any{
		"auto_rollback": rollbackOn(ar, "enabled", "events", "DEPLOYMENT_FAILURE"),
		"alarm_rollback": and2(rollbackOn(ar, "enabled", "events", "DEPLOYMENT_STOP_ON_ALARM"),
			boolOr(get(ac, "enabled"), false), present(get(ac, "alarms"))),
		"deployment_config": deploymentConfig(v["deployment_config_name"], present(v["ecs_service"]) == true,
			present(v["ec2_tag_filter"]) == true || present(v["ec2_tag_set"]) == true || present(v["autoscaling_groups"]) == true),
	}
}
