// Normalisers of CloudFormation containers: ECS clusters, services and task
// definitions, EKS clusters and node groups, ECR repositories.

package scan

import (
	"strings"
)

func cfnECSCluster(p map[string]any) map[string]any {
	return map[string]any{
		"container_insights": someOf(p["ClusterSettings"], func(s any) any {
			return and2(eqStr(get(s, "Name"), "containerInsights"), isIn(get(s, "Value"), "", "enabled", "enhanced"))
		}),
		"tag_count": tagCount(p["Tags"]),
	}
}

// ecsCompute reads where a service's tasks run: the launch type, else the
// capacity providers, else the cluster's default strategy (unknown here).
func ecsCompute(launchType, providers any) (fargate, spot any) {
	if launchType != nil {
		lt := upper(launchType, "")
		return eqStr(lt, "FARGATE"), false
	}
	if count(providers) == 0.0 {
		u := Unknown{"the cluster's default capacity provider strategy decides"}
		return u, u
	}
	name := func(p any) any {
		n := get(p, "CapacityProvider")
		if n == nil {
			n = get(p, "capacity_provider")
		}
		return upper(n, "")
	}
	fargate = everyOf(providers, func(p any) any { return isIn(name(p), "", "FARGATE", "FARGATE_SPOT") })
	spot = someOf(providers, func(p any) any {
		if n, ok := name(p).(string); ok && n != "FARGATE" && n != "FARGATE_SPOT" {
			return Unknown{"a custom capacity provider"}
		}
		return eqStr(name(p), "FARGATE_SPOT")
	})
	return fargate, spot
}

func cfnECSService(p map[string]any) map[string]any {
	fargate, spot := ecsCompute(p["LaunchType"], p["CapacityProviderStrategy"])
	dc := p["DeploymentConfiguration"]
	cb := get(dc, "DeploymentCircuitBreaker")
	return map[string]any{
		"fargate":                  fargate,
		"spot":                     spot,
		"deployment_controller":    upper(get(p, "DeploymentController", "Type"), "ECS"),
		"circuit_breaker_rollback": and2(boolOr(get(cb, "Enable"), false), boolOr(get(cb, "Rollback"), false)),
		"public_ip":                eqStr(upper(get(p, "NetworkConfiguration", "AwsvpcConfiguration", "AssignPublicIp"), "DISABLED"), "ENABLED"),
		"propagate_tags":           isIn(get(p, "PropagateTags"), "NONE", "SERVICE", "TASK_DEFINITION"),
		"scheduling_strategy":      upper(p["SchedulingStrategy"], "REPLICA"),
		"desired_count":            numOr(p["DesiredCount"], Unknown{"no desired count (scaling sets it)"}),
		"tag_count":                tagCount(p["Tags"]),
	}
}

// containers normalises container definitions (CloudFormation's
// PascalCase or the camelCase of ECS's JSON, as Terraform gives it).
func containers(defs any, pascal bool) any {
	k := func(s string) string {
		if pascal {
			return strings.ToUpper(s[:1]) + s[1:]
		}
		return s
	}
	if u, ok := defs.(Unknown); ok {
		return u
	}
	out := []any{}
	for _, d := range elements(defs) {
		m, ok := d.(map[string]any)
		if !ok {
			out = append(out, Unknown{"container definition not known statically"})
			continue
		}
		out = append(out, map[string]any{
			"privileged":     boolOr(m[k("privileged")], false),
			"read_only_root": boolOr(m[k("readonlyRootFilesystem")], false),
			"logging":        present(m[k("logConfiguration")]),
			"health_check":   present(m[k("healthCheck")]),
			"image_pinned":   imagePinned(m[k("image")]),
			"essential":      boolOr(m[k("essential")], true),
		})
	}
	return out
}

func cfnTaskDefinition(p map[string]any) map[string]any {
	return map[string]any{
		"arm64":        eqStr(upper(get(p, "RuntimePlatform", "CpuArchitecture"), "X86_64"), "ARM64"),
		"network_mode": lower(p["NetworkMode"], "bridge"),
		"containers":   containers(p["ContainerDefinitions"], true),
		"tag_count":    tagCount(p["Tags"]),
	}
}

func eksEndpointOpen(public, cidrs any) any {
	if public == false {
		return false
	}
	if cidrs == nil {
		return public
	}
	return and2(public, someOf(cidrs, func(c any) any { return eqStr(c, "0.0.0.0/0") }))
}

func cfnEKSCluster(p map[string]any) map[string]any {
	vpc := p["ResourcesVpcConfig"]
	types := []any{}
	var logs any = types
	if l, ok := get(p, "Logging", "ClusterLogging", "EnabledTypes").([]any); ok {
		for _, t := range l {
			types = append(types, lower(get(t, "Type"), ""))
		}
		logs = types
	} else if u, ok := get(p, "Logging", "ClusterLogging", "EnabledTypes").(Unknown); ok {
		logs = u
	}
	return map[string]any{
		"endpoint_public_open": eksEndpointOpen(boolOr(get(vpc, "EndpointPublicAccess"), true), get(vpc, "PublicAccessCidrs")),
		"log_types":            logs,
		"secrets_encrypted": someOf(p["EncryptionConfig"], func(e any) any {
			return someOf(get(e, "Resources"), func(r any) any { return eqStr(r, "secrets") })
		}),
		"version_minor": minorVersion(p["Version"], Unknown{"the latest version at creation"}),
		"tag_count":     tagCount(p["Tags"]),
	}
}

// nodegroupArm tells whether a node group runs Graviton nodes: an arm64 AMI
// type, else its instance types.
func nodegroupArm(amiType, types any) any {
	if s, ok := amiType.(string); ok {
		return strings.Contains(strings.ToUpper(s), "ARM")
	}
	if amiType != nil {
		return strOr(amiType, "")
	}
	if count(types) == 0.0 {
		return false // t3.medium by default
	}
	return everyOf(types, func(t any) any {
		m := map[string]any{}
		instanceProps(m, strOr(t, Unknown{"instance type not known statically"}))
		return m["arm64"]
	})
}

func cfnNodegroup(p map[string]any) map[string]any {
	sc := p["ScalingConfig"]
	out := asgProps(numOr(get(sc, "MinSize"), 1.0), numOr(get(sc, "MaxSize"), 2.0), nil, nil, "EC2", p["Tags"])
	return map[string]any{"arm64": nodegroupArm(p["AmiType"], p["InstanceTypes"]), "scalable": out["scalable"], "tag_count": out["tag_count"]}
}

func cfnRepository(p map[string]any) map[string]any {
	return map[string]any{
		"scan_on_push":     boolOr(get(p, "ImageScanningConfiguration", "ScanOnPush"), false),
		"immutable_tags":   isIn(p["ImageTagMutability"], "MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"),
		"lifecycle_policy": present(get(p, "LifecyclePolicy", "LifecyclePolicyText")),
		"statements":       statements(p["RepositoryPolicyText"]),
		"tag_count":        tagCount(p["Tags"]),
	}
}
