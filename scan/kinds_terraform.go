package scan

// tfKinds are the Terraform resource types read as resources of their own.
var tfKinds = map[string]kindNorm{
	"aws_s3_bucket":               {"s3_bucket", tfBucket},
	"aws_ebs_volume":              {"ebs_volume", tfVolume},
	"aws_lambda_function":         {"lambda_function", tfFunction},
	"aws_db_instance":             {"rds_instance", tfDBInstance},
	"aws_dynamodb_table":          {"dynamodb_table", tfTable},
	"aws_cloudwatch_log_group":    {"log_group", tfLogGroup},
	"aws_cloudwatch_metric_alarm": {"cloudwatch_alarm", tfAlarm},
	"aws_autoscaling_group":       {"autoscaling_group", tfASG},
	"aws_instance":                {"ec2_instance", tfInstance},
	"aws_cloudtrail":              {"cloudtrail", tfTrail},
	"aws_api_gateway_stage":       {"api_stage", tfStage},
	"aws_budgets_budget":          {"budget", tfBudget},
}

// tfBucketParts are the S3 configuration resources that apply to a bucket:
// each sets some of the bucket's normalised properties.
var tfBucketParts = map[string]func(v, bucket map[string]any){
	"aws_s3_bucket_versioning": func(v, b map[string]any) {
		b["versioning"] = eqStr(get(v, "versioning_configuration", "status"), "Enabled")
	},
	"aws_s3_bucket_server_side_encryption_configuration": func(v, b map[string]any) {
		b["kms_encryption"] = tfKMS(v["rule"])
	},
	"aws_s3_bucket_public_access_block": func(v, b map[string]any) {
		b["public_access_blocked"] = and2(boolOr(v["block_public_acls"], false), boolOr(v["block_public_policy"], false),
			boolOr(v["ignore_public_acls"], false), boolOr(v["restrict_public_buckets"], false))
	},
	"aws_s3_bucket_logging": func(_, b map[string]any) { b["logging"] = true },
	"aws_s3_bucket_lifecycle_configuration": func(v, b map[string]any) {
		b["lifecycle_rules"] = count(v["rule"])
		if tfTransitions(v["rule"]) {
			b["lifecycle_transitions"] = true
		}
	},
	"aws_s3_bucket_intelligent_tiering_configuration": func(_, b map[string]any) { b["lifecycle_transitions"] = true },
}

// tfNormalise turns planned resources into the model, applying the S3
// configuration resources to their buckets (found by bucket name, else by
// the configuration's references).
func tfNormalise(file string, planned []*tfResource, refs map[string]string) []*Resource {
	var out []*Resource
	byAddr, byName := map[string]*Resource{}, map[string]*Resource{}
	for _, r := range planned {
		norm, ok := tfKinds[r.typ]
		if !ok {
			continue
		}
		res := &Resource{Kind: norm.kind, Type: r.typ, Name: r.address, File: file, Line: r.line, Props: norm.fn(r.values)}
		out = append(out, res)
		byAddr[indexRE.ReplaceAllString(r.address, "")] = res
		if name, ok := r.values["bucket"].(string); ok && r.typ == "aws_s3_bucket" {
			byName[name] = res
		}
	}
	for _, r := range planned {
		apply, ok := tfBucketParts[r.typ]
		if !ok {
			continue
		}
		b := byName[stringOf(r.values["bucket"])]
		if b == nil {
			b = byAddr[refs[indexRE.ReplaceAllString(r.address, "")]]
		}
		if b != nil {
			apply(r.values, b.Props)
		}
	}
	return out
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

func tfTags(v map[string]any) any {
	if t, ok := v["tags_all"]; ok && t != nil {
		return count(t)
	}
	return count(v["tags"])
}

func tfKMS(rules any) any {
	kms := any(false)
	for _, r := range asList(rules) {
		switch a := strOr(get(r, "apply_server_side_encryption_by_default", "sse_algorithm"), "").(type) {
		case string:
			if a == "aws:kms" || a == "aws:kms:dsse" {
				kms = true
			}
		case Unknown:
			if kms == false {
				kms = a
			}
		}
	}
	return kms
}

func tfTransitions(rules any) bool {
	for _, r := range asList(rules) {
		if present(get(r, "transition")) == true || present(get(r, "noncurrent_version_transition")) == true {
			return true
		}
	}
	return false
}

// tfBucket reads the bucket itself. Its inline versioning, encryption,
// logging and lifecycle blocks are deprecated (and computed, so "known after
// apply") in current providers: they count only when set; otherwise the
// separate configuration resources decide, and without them the S3
// defaults hold.
func tfBucket(v map[string]any) map[string]any {
	p := map[string]any{
		"versioning": false, "kms_encryption": false, "public_access_blocked": true, "logging": false,
		"lifecycle_rules": 0.0, "lifecycle_transitions": false, "tag_count": tfTags(v),
	}
	if b, ok := boolOr(get(v, "versioning", "enabled"), false).(bool); ok {
		p["versioning"] = b
	}
	if k, ok := tfKMS(get(v, "server_side_encryption_configuration", "rule")).(bool); ok {
		p["kms_encryption"] = k
	}
	if l, ok := v["logging"].([]any); ok && len(l) > 0 {
		p["logging"] = true
	}
	if l, ok := v["lifecycle_rule"].([]any); ok && len(l) > 0 {
		p["lifecycle_rules"] = float64(len(l))
		p["lifecycle_transitions"] = tfTransitions(l)
	}
	return p
}

func tfVolume(v map[string]any) map[string]any {
	return map[string]any{
		"volume_type": strOr(v["type"], Unknown{"the AWS default applies"}),
		"encrypted":   boolOr(v["encrypted"], Unknown{"the account's EBS encryption by default decides"}),
		"tag_count":   tfTags(v),
	}
}

func tfFunction(v map[string]any) map[string]any {
	return map[string]any{
		"architecture": lambdaArch(v["architectures"]),
		"tracing":      strOr(get(v, "tracing_config", "mode"), "PassThrough"),
		"tag_count":    tfTags(v),
	}
}

func tfDBInstance(v map[string]any) map[string]any {
	out := map[string]any{
		"multi_az":                   boolOr(v["multi_az"], false),
		"storage_encrypted":          boolOr(v["storage_encrypted"], false),
		"publicly_accessible":        boolOr(v["publicly_accessible"], false),
		"backup_retention":           numOr(v["backup_retention_period"], Unknown{"the AWS default applies"}),
		"performance_insights":       boolOr(v["performance_insights_enabled"], false),
		"auto_minor_version_upgrade": boolOr(v["auto_minor_version_upgrade"], true),
		"tag_count":                  tfTags(v),
	}
	if present(v["cluster_identifier"]) != false {
		for _, k := range []string{"multi_az", "storage_encrypted", "backup_retention"} {
			out[k] = Unknown{"set on the DB cluster"}
		}
	}
	return out
}

func tfTable(v map[string]any) map[string]any {
	return map[string]any{
		"pitr":         boolOr(get(v, "point_in_time_recovery", "enabled"), false),
		"billing_mode": strOr(v["billing_mode"], "PROVISIONED"),
		"tag_count":    tfTags(v),
	}
}

func tfLogGroup(v map[string]any) map[string]any {
	return map[string]any{"retention_days": numOr(v["retention_in_days"], 0.0), "tag_count": tfTags(v)}
}

func tfAlarm(v map[string]any) map[string]any {
	return map[string]any{"actions_enabled": boolOr(v["actions_enabled"], true), "alarm_actions": count(v["alarm_actions"])}
}

func tfASG(v map[string]any) map[string]any {
	tags := v["tag"]
	if tags == nil {
		tags = v["tags"]
	}
	return asgProps(v["min_size"], v["max_size"], v["availability_zones"], v["vpc_zone_identifier"],
		strOr(v["health_check_type"], "EC2"), tags)
}

func tfInstance(v map[string]any) map[string]any {
	out := map[string]any{"detailed_monitoring": boolOr(v["monitoring"], false), "tag_count": tfTags(v)}
	instanceProps(out, strOr(v["instance_type"], Unknown{"no instance type"}))
	return out
}

func tfTrail(v map[string]any) map[string]any {
	return map[string]any{
		"multi_region":        boolOr(v["is_multi_region_trail"], false),
		"kms_encrypted":       present(v["kms_key_id"]),
		"log_file_validation": boolOr(v["enable_log_file_validation"], false),
	}
}

func tfStage(v map[string]any) map[string]any {
	return map[string]any{
		"tracing":        boolOr(v["xray_tracing_enabled"], false),
		"access_logging": present(v["access_log_settings"]),
	}
}

func tfBudget(v map[string]any) map[string]any {
	return map[string]any{"notifications": count(v["notification"])}
}
