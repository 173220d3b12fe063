// Normalisers of CloudFormation governance and operations: CloudTrail,
// AWS Config, GuardDuty, Security Hub, budgets, alarms, log groups, CodeDeploy.

package scan

func cfnTrail(p map[string]any) map[string]any {
	return map[string]any{
		"multi_region":        boolOr(p["IsMultiRegionTrail"], false),
		"kms_encrypted":       present(p["KMSKeyId"]),
		"log_file_validation": boolOr(p["EnableLogFileValidation"], false),
	}
}

func cfnConfigRecorder(p map[string]any) map[string]any {
	return map[string]any{"all_supported": boolOr(get(p, "RecordingGroup", "AllSupported"), not1(present(p["RecordingGroup"])))}
}

func cfnRemediation(p map[string]any) map[string]any {
	return map[string]any{"automatic": boolOr(p["Automatic"], false)}
}

// runtimeFeatures are the GuardDuty features that watch the workloads
// themselves rather than the account's logs.
var runtimeFeatures = []string{"RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING", "EBS_MALWARE_PROTECTION"}

func cfnDetector(p map[string]any) map[string]any {
	return map[string]any{
		"enabled": boolOr(p["Enable"], Unknown{"no Enable"}),
		"runtime_monitoring": or2(
			someOf(p["Features"], func(f any) any {
				return and2(isIn(get(f, "Name"), "", runtimeFeatures...), eqStr(get(f, "Status"), "ENABLED"))
			}),
			boolOr(get(p, "DataSources", "MalwareProtection", "ScanEc2InstanceWithFindings", "EbsVolumes"), false)),
		"tag_count": tagCount(p["Tags"]),
	}
}

func cfnSecurityHub(p map[string]any) map[string]any {
	return map[string]any{
		"default_standards":    boolOr(p["EnableDefaultStandards"], true),
		"auto_enable_controls": boolOr(p["AutoEnableControls"], true),
	}
}

func cfnBudget(p map[string]any) map[string]any {
	ns := p["NotificationsWithSubscribers"]
	return map[string]any{
		"notifications":  count(ns),
		"forecast_alert": someOf(ns, func(n any) any { return eqStr(get(n, "Notification", "NotificationType"), "FORECASTED") }),
	}
}

func cfnLogGroup(p map[string]any) map[string]any {
	return map[string]any{"retention_days": numOr(p["RetentionInDays"], 0.0), "tag_count": tagCount(p["Tags"])}
}

func cfnAlarm(p map[string]any) map[string]any {
	return map[string]any{
		"actions_enabled": boolOr(p["ActionsEnabled"], true),
		"alarm_actions":   count(p["AlarmActions"]),
	}
}

// rollbackOn tells whether automatic rollback is on for an event.
func rollbackOn(cfg any, enabled, events, event string) any {
	return and2(boolOr(get(cfg, enabled), false), someOf(get(cfg, events), func(e any) any { return eqStr(e, event) }))
}

// deploymentConfig reads a deployment group's configuration name; its
// default depends on the compute platform: one at a time for EC2, all at
// once for ECS and Lambda.
func deploymentConfig(name any, ecs, ec2 bool) any {
	if name != nil {
		return strOr(name, "")
	}
	switch {
	case ecs:
		return "CodeDeployDefault.ECSAllAtOnce"
	case ec2:
		return "CodeDeployDefault.OneAtATime"
	}
	return Unknown{"the default depends on the application's compute platform"}
}

func cfnDeploymentGroup(p map[string]any) map[string]any {
	ar := p["AutoRollbackConfiguration"]
	ac := p["AlarmConfiguration"]
	return map[string]any{
		"auto_rollback": rollbackOn(ar, "Enabled", "Events", "DEPLOYMENT_FAILURE"),
		"alarm_rollback": and2(rollbackOn(ar, "Enabled", "Events", "DEPLOYMENT_STOP_ON_ALARM"),
			boolOr(get(ac, "Enabled"), false), present(get(ac, "Alarms"))),
		"deployment_config": deploymentConfig(p["DeploymentConfigName"], present(p["ECSServices"]) == true,
			present(p["Ec2TagFilters"]) == true || present(p["AutoScalingGroups"]) == true || present(p["OnPremisesInstanceTagFilters"]) == true),
	}
}
