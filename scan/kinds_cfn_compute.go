// Normalisers of CloudFormation compute: EC2 instances and launch templates,
// Auto Scaling groups and scaling policies, Elastic Beanstalk environments.

package scan

func cfnInstance(p map[string]any) map[string]any {
	out := map[string]any{
		"detailed_monitoring": boolOr(p["Monitoring"], false),
		"tag_count":           tagCount(p["Tags"]),
	}
	instanceProps(out, strOr(p["InstanceType"], "m1.small"))
	cfnLaunchProps(out, p)
	return out
}

// cfnLaunchProps reads what an instance and a launch template's data say
// about how an instance is launched.
func cfnLaunchProps(out, p map[string]any) {
	out["imdsv2"] = eqStr(strOr(get(p, "MetadataOptions", "HttpTokens"), Unknown{"the AMI's default decides"}), "required")
	public := any(Unknown{"the subnet decides"})
	if nis, ok := p["NetworkInterfaces"].([]any); ok && len(nis) > 0 {
		public = someOf(nis, func(n any) any { return boolOr(get(n, "AssociatePublicIpAddress"), Unknown{"the subnet decides"}) })
	}
	out["public_ip"] = public
	out["key_pair"] = present(p["KeyName"])
	out["instance_profile"] = present(p["IamInstanceProfile"])
	ebs := ebsMappings(p["BlockDeviceMappings"], "Ebs")
	out["volumes_encrypted"] = everyOf(ebs, func(e any) any {
		return boolOr(get(e, "Encrypted"), Unknown{"the snapshot or the account's EBS encryption by default decides"})
	})
	out["volumes_current"] = everyOf(ebs, func(e any) any {
		return not1(isIn(get(e, "VolumeType"), Unknown{"the AMI's volume type applies"}, "gp2", "standard"))
	})
}

// ebsMappings returns the EBS part of each block device mapping; without
// mappings, the AMI's apply, which the template does not show.
func ebsMappings(v any, key string) any {
	l, ok := v.([]any)
	if !ok || len(l) == 0 {
		if u, ok := v.(Unknown); ok {
			return u
		}
		return []any{Unknown{"the AMI's block devices apply"}}
	}
	out := []any{}
	for _, m := range l {
		if e := get(m, key); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func cfnLaunchTemplate(p map[string]any) map[string]any {
	d, _ := get(p, "LaunchTemplateData").(map[string]any)
	if d == nil {
		d = map[string]any{}
	}
	out := map[string]any{
		"detailed_monitoring": boolOr(get(d, "Monitoring", "Enabled"), false),
		"tag_count":           count(get(p, "TagSpecifications")),
	}
	instanceProps(out, strOr(d["InstanceType"], Unknown{"the instance type is given at launch"}))
	cfnLaunchProps(out, d)
	return out
}

func cfnASG(p map[string]any) map[string]any {
	out := asgProps(p["MinSize"], p["MaxSize"], p["AvailabilityZones"], p["VPCZoneIdentifier"],
		strOr(p["HealthCheckType"], "EC2"), p["Tags"])
	out["launch_template"] = not1(present(p["LaunchConfigurationName"]))
	out["spot"] = onDemandBelow100(get(p, "MixedInstancesPolicy", "InstancesDistribution"), "OnDemandPercentageAboveBaseCapacity")
	out["notifications"] = or2(present(p["NotificationConfigurations"]), present(p["NotificationConfiguration"]))
	return out
}

// onDemandBelow100 tells whether a mixed instances policy buys some
// capacity as Spot: an on-demand percentage above base below 100.
func onDemandBelow100(dist any, key string) any {
	if dist == nil {
		return false
	}
	n := numOr(get(dist, key), 100.0)
	if f, ok := n.(float64); ok {
		return f < 100
	}
	return n
}

// asgProps derives the zone count: distinct zones when named, one when
// there is a single subnet, unknown for several subnets (they may share a
// zone).
func asgProps(minSize, maxSize, zones, subnets, health, tags any) map[string]any {
	lo, hi := numOr(minSize, Unknown{"no MinSize"}), numOr(maxSize, Unknown{"no MaxSize"})
	scalable := any(nil)
	if u, ok := firstUnknown(lo, hi); ok {
		scalable = u
	} else {
		scalable = hi.(float64) > lo.(float64)
	}
	var azs any = Unknown{"zones of the subnets are not known"}
	if zl, ok := zones.([]any); ok && len(zl) > 0 {
		seen := map[string]bool{}
		for _, z := range zl {
			s, isStr := z.(string)
			if !isStr {
				// unknown, or not a zone name: the count is not known
				seen = nil
				break
			}
			seen[s] = true
		}
		if seen != nil && len(seen) == len(zl) {
			azs = float64(len(seen))
		}
	} else if u, ok := zones.(Unknown); ok {
		azs = u
	}
	if sl, ok := subnets.([]any); ok && len(sl) == 1 {
		azs = 1.0
	}
	return map[string]any{
		"min_size": lo, "max_size": hi, "scalable": scalable, "az_count": azs,
		"health_check_type": health, "tag_count": tagCount(tags),
	}
}

func scalable(lo, hi any) any {
	if u, ok := firstUnknown(lo, hi); ok {
		return u
	}
	return hi.(float64) > lo.(float64)
}

func cfnScalableTarget(p map[string]any) map[string]any {
	return map[string]any{
		"scalable": scalable(numOr(p["MinCapacity"], Unknown{"no MinCapacity"}), numOr(p["MaxCapacity"], Unknown{"no MaxCapacity"})),
	}
}

func cfnAppScalingPolicy(p map[string]any) map[string]any {
	return map[string]any{"policy_type": strOr(p["PolicyType"], Unknown{"no PolicyType"})}
}

func cfnASGScalingPolicy(p map[string]any) map[string]any {
	return map[string]any{"policy_type": strOr(p["PolicyType"], "SimpleScaling")}
}

// beanstalkProps reads an environment's option settings.
func beanstalkProps(opts any, ns, name, value string) map[string]any {
	opt := func(namespace, option string, def any) any {
		if u, ok := opts.(Unknown); ok {
			return u
		}
		for _, o := range elements(opts) {
			if get(o, ns) == namespace && get(o, name) == option {
				return strOr(get(o, value), def)
			}
		}
		return def
	}
	return map[string]any{
		"managed_updates":   boolOr(opt("aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled", "false"), false),
		"enhanced_health":   eqStr(lower(opt("aws:elasticbeanstalk:healthreporting:system", "SystemType", "basic"), ""), "enhanced"),
		"deployment_policy": opt("aws:elasticbeanstalk:command", "DeploymentPolicy", "AllAtOnce"),
		"log_streaming":     boolOr(opt("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "false"), false),
	}
}

func cfnBeanstalk(p map[string]any) map[string]any {
	out := beanstalkProps(p["OptionSettings"], "Namespace", "OptionName", "Value")
	out["tag_count"] = tagCount(p["Tags"])
	return out
}
