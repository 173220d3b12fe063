// Normalisers of Terraform compute and containers: EC2 instances and launch
// templates, Auto Scaling, Elastic Beanstalk, ECS, EKS, ECR.

package scan

func tfInstance(v map[string]any) map[string]any {
	out := map[string]any{"detailed_monitoring": boolOr(v["monitoring"], false), "tag_count": tfTags(v)}
	instanceProps(out, strOr(v["instance_type"], Unknown{"no instance type"}))
	devices := append(elements(v["root_block_device"]), elements(v["ebs_block_device"])...)
	if len(devices) == 0 {
		devices = []any{Unknown{"the AMI's block devices apply"}}
	}
	tfLaunchProps(out, v["metadata_options"], boolOr(v["associate_public_ip_address"], Unknown{"the subnet decides"}),
		v["key_name"], v["iam_instance_profile"], devices)
	return out
}

// tfLaunchProps reads what an instance or launch template says about how
// instances are launched.
func tfLaunchProps(out map[string]any, metadata, public, key, profile any, devices []any) {
	out["imdsv2"] = eqStr(strOr(get(metadata, "http_tokens"), Unknown{"the AMI's default decides"}), "required")
	out["public_ip"] = public
	out["key_pair"] = present(key)
	out["instance_profile"] = present(profile)
	out["volumes_encrypted"] = everyOf(devices, func(d any) any {
		return boolOr(get(d, "encrypted"), Unknown{"the snapshot or the account's EBS encryption by default decides"})
	})
	out["volumes_current"] = everyOf(devices, func(d any) any {
		return not1(isIn(get(d, "volume_type"), Unknown{"the AMI's volume type applies"}, "gp2", "standard"))
	})
}

func tfLaunchTemplate(v map[string]any) map[string]any {
	out := map[string]any{"detailed_monitoring": boolOr(get(v, "monitoring", "enabled"), false), "tag_count": tfTags(v)}
	instanceProps(out, strOr(v["instance_type"], Unknown{"the instance type is given at launch"}))
	public := any(Unknown{"the subnet decides"})
	if nis, ok := v["network_interfaces"].([]any); ok && len(nis) > 0 {
		public = someOf(nis, func(n any) any { return boolOr(get(n, "associate_public_ip_address"), Unknown{"the subnet decides"}) })
	}
	var devices []any
	for _, m := range elements(v["block_device_mappings"]) {
		if e := get(m, "ebs"); e != nil {
			devices = append(devices, e)
		}
	}
	if len(devices) == 0 {
		devices = []any{Unknown{"the AMI's block devices apply"}}
	}
	tfLaunchProps(out, v["metadata_options"], public, v["key_name"], v["iam_instance_profile"], devices)
	return out
}

func tfASG(v map[string]any) map[string]any {
	tags := v["tag"]
	if tags == nil {
		tags = v["tags"]
	}
	out := asgProps(v["min_size"], v["max_size"], v["availability_zones"], v["vpc_zone_identifier"],
		strOr(v["health_check_type"], "EC2"), tags)
	out["launch_template"] = not1(present(v["launch_configuration"]))
	out["spot"] = onDemandBelow100(get(v, "mixed_instances_policy", "instances_distribution"), "on_demand_percentage_above_base_capacity")
	out["notifications"] = false
	return out
}

func tfScalableTarget(v map[string]any) map[string]any {
	return map[string]any{
		"scalable": scalable(numOr(v["min_capacity"], Unknown{"no min_capacity"}), numOr(v["max_capacity"], Unknown{"no max_capacity"})),
	}
}

func tfScalingPolicy(def string) func(map[string]any) map[string]any {
	return func(v map[string]any) map[string]any {
		return map[string]any{"policy_type": strOr(v["policy_type"], def)}
	}
}

func tfBeanstalk(v map[string]any) map[string]any {
	out := beanstalkProps(v["setting"], "namespace", "name", "value")
	out["tag_count"] = tfTags(v)
	return out
}

func tfECSCluster(v map[string]any) map[string]any {
	return map[string]any{
		"container_insights": someOf(v["setting"], func(s any) any {
			return and2(eqStr(get(s, "name"), "containerInsights"), isIn(get(s, "value"), "", "enabled", "enhanced"))
		}),
		"tag_count": tfTags(v),
	}
}

func tfECSService(v map[string]any) map[string]any {
	fargate, spot := ecsCompute(v["launch_type"], v["capacity_provider_strategy"])
	cb := v["deployment_circuit_breaker"]
	return map[string]any{
		"fargate":                  fargate,
		"spot":                     spot,
		"deployment_controller":    upper(get(v, "deployment_controller", "type"), "ECS"),
		"circuit_breaker_rollback": and2(boolOr(get(cb, "enable"), false), boolOr(get(cb, "rollback"), false)),
		"public_ip":                boolOr(get(v, "network_configuration", "assign_public_ip"), false),
		"propagate_tags":           isIn(v["propagate_tags"], "NONE", "SERVICE", "TASK_DEFINITION"),
		"scheduling_strategy":      upper(v["scheduling_strategy"], "REPLICA"),
		"desired_count":            numOr(v["desired_count"], 0.0),
		"tag_count":                tfTags(v),
	}
}

func tfTaskDefinition(v map[string]any) map[string]any {
	return map[string]any{
		"arm64":        eqStr(upper(get(v, "runtime_platform", "cpu_architecture"), "X86_64"), "ARM64"),
		"network_mode": lower(v["network_mode"], "bridge"),
		"containers":   containers(jsonValue(v["container_definitions"]), false),
		"tag_count":    tfTags(v),
	}
}

func tfEKSCluster(v map[string]any) map[string]any {
	vpc := v["vpc_config"]
	logs := v["enabled_cluster_log_types"]
	if logs == nil {
		logs = []any{}
	}
	return map[string]any{
		"endpoint_public_open": eksEndpointOpen(boolOr(get(vpc, "endpoint_public_access"), true), get(vpc, "public_access_cidrs")),
		"log_types":            logs,
		"secrets_encrypted": someOf(v["encryption_config"], func(e any) any {
			return someOf(get(e, "resources"), func(r any) any { return eqStr(r, "secrets") })
		}),
		"version_minor": minorVersion(v["version"], Unknown{"the latest version at creation"}),
		"tag_count":     tfTags(v),
	}
}

func tfNodegroup(v map[string]any) map[string]any {
	sc := v["scaling_config"]
	return map[string]any{
		"arm64":     nodegroupArm(v["ami_type"], v["instance_types"]),
		"scalable":  scalable(numOr(get(sc, "min_size"), Unknown{"no min_size"}), numOr(get(sc, "max_size"), Unknown{"no max_size"})),
		"tag_count": tfTags(v),
	}
}

func tfRepository(v map[string]any) map[string]any {
	return map[string]any{
		"scan_on_push":     boolOr(get(v, "image_scanning_configuration", "scan_on_push"), false),
		"immutable_tags":   isIn(v["image_tag_mutability"], "MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"),
		"lifecycle_policy": false,
		"statements":       []any{},
		"tag_count":        tfTags(v),
	}
}
