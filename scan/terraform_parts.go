// Terraform resources that configure another resource (an S3 bucket's
// versioning, a role's policy attachment) and how they are applied to it.

package scan

import (
	"fmt"
	"slices"
)

// tfPart is a Terraform resource that configures another one (an S3
// bucket's versioning, a role's policy attachment): its link attribute
// names the target by the target's key attribute, and apply sets some of
// the target's normalised properties (listed in props).
type tfPart struct {
	target, link, key string
	props             []string
	apply             func(part, target map[string]any)
}

func bucketPart(props []string, apply func(v, b map[string]any)) tfPart {
	return tfPart{"aws_s3_bucket", "bucket", "bucket", props, apply}
}

// tfParts are the configuration resources, by type.
var tfParts = map[string]tfPart{
	"aws_s3_bucket_versioning": bucketPart([]string{"versioning"}, func(v, b map[string]any) {
		b["versioning"] = eqStr(get(v, "versioning_configuration", "status"), "Enabled")
	}),
	"aws_s3_bucket_server_side_encryption_configuration": bucketPart([]string{"kms_encryption", "bucket_key"}, func(v, b map[string]any) {
		b["kms_encryption"] = tfKMS(v["rule"])
		b["bucket_key"] = someOf(v["rule"], func(r any) any { return boolOr(get(r, "bucket_key_enabled"), false) })
	}),
	"aws_s3_bucket_public_access_block": bucketPart([]string{"public_access_blocked"}, func(v, b map[string]any) {
		b["public_access_blocked"] = and2(boolOr(v["block_public_acls"], false), boolOr(v["block_public_policy"], false),
			boolOr(v["ignore_public_acls"], false), boolOr(v["restrict_public_buckets"], false))
	}),
	"aws_s3_bucket_logging": bucketPart([]string{"logging"}, func(_, b map[string]any) { b["logging"] = true }),
	"aws_s3_bucket_lifecycle_configuration": bucketPart([]string{"lifecycle_rules", "lifecycle_transitions", "noncurrent_expiration", "abort_incomplete_uploads"},
		func(v, b map[string]any) { tfLifecycle(b, v["rule"]) }),
	"aws_s3_bucket_intelligent_tiering_configuration": bucketPart([]string{"lifecycle_transitions"}, func(_, b map[string]any) { b["lifecycle_transitions"] = true }),
	"aws_s3_bucket_ownership_controls": bucketPart([]string{"acls_disabled"}, func(v, b map[string]any) {
		b["acls_disabled"] = eqStr(get(v, "rule", "object_ownership"), "BucketOwnerEnforced")
	}),
	"aws_iam_role_policy_attachment": {"aws_iam_role", "role", "name", []string{"managed_policy_arns"}, func(v, r map[string]any) {
		arns, _ := r["managed_policy_arns"].([]any)
		r["managed_policy_arns"] = append(append([]any{}, arns...), v["policy_arn"])
	}},
	"aws_iam_user_policy_attachment": {"aws_iam_user", "user", "name", []string{"user_attachments"}, addAttachment},
	"aws_iam_user_policy":            {"aws_iam_user", "user", "name", []string{"user_attachments"}, addAttachment},
	"aws_iam_user_login_profile": {"aws_iam_user", "user", "name", []string{"login_profile"}, func(_, u map[string]any) {
		u["login_profile"] = true
	}},
	"aws_efs_backup_policy": {"aws_efs_file_system", "file_system_id", "id", []string{"backup"}, func(v, f map[string]any) {
		f["backup"] = eqStr(get(v, "backup_policy", "status"), "ENABLED")
	}},
	"aws_api_gateway_method_settings": {"aws_api_gateway_stage", "stage_name", "stage_name",
		[]string{"throttling", "cache_encrypted", "execution_logging", "detailed_metrics"}, func(v, st map[string]any) {
			set := v["settings"]
			st["throttling"] = someOf(set, func(m any) any {
				n := numOr(get(m, "throttling_rate_limit"), -1.0)
				if f, ok := n.(float64); ok {
					return f >= 0
				}
				return n
			})
			st["cache_encrypted"] = someOf(set, func(m any) any {
				return and2(boolOr(get(m, "caching_enabled"), false), boolOr(get(m, "cache_data_encrypted"), false))
			})
			st["execution_logging"] = someOf(set, func(m any) any { return isIn(get(m, "logging_level"), "OFF", "INFO", "ERROR") })
			st["detailed_metrics"] = someOf(set, func(m any) any { return boolOr(get(m, "metrics_enabled"), false) })
		}},
	"aws_backup_vault_lock_configuration": {"aws_backup_vault", "backup_vault_name", "name", []string{"vault_lock"}, func(_, b map[string]any) {
		b["vault_lock"] = true
	}},
	"aws_ecr_lifecycle_policy": {"aws_ecr_repository", "repository", "name", []string{"lifecycle_policy"}, func(_, r map[string]any) {
		r["lifecycle_policy"] = true
	}},
	"aws_dynamodb_contributor_insights": {"aws_dynamodb_table", "table_name", "name", []string{"contributor_insights"}, func(_, t map[string]any) {
		t["contributor_insights"] = true
	}},
	"aws_redshift_logging": {"aws_redshift_cluster", "cluster_identifier", "cluster_identifier", []string{"audit_logging"}, func(_, c map[string]any) {
		c["audit_logging"] = true
	}},
	"aws_guardduty_detector_feature": {"aws_guardduty_detector", "detector_id", "id", []string{"runtime_monitoring"}, func(v, d map[string]any) {
		on := and2(isIn(v["name"], "", runtimeFeatures...), eqStr(v["status"], "ENABLED"))
		d["runtime_monitoring"] = or2(d["runtime_monitoring"], on)
	}},
	"aws_autoscaling_notification": {"aws_autoscaling_group", "group_names", "name", []string{"notifications"}, func(_, g map[string]any) {
		g["notifications"] = true
	}},
}

func addAttachment(_, u map[string]any) {
	if n, ok := u["user_attachments"].(float64); ok {
		u["user_attachments"] = n + 1
	}
}

// tfNormalise turns planned resources into the model and applies the
// configuration resources to their targets, found by the target's name
// (else, for S3, by the configuration's references). A configuration
// resource whose target is known only after apply leaves the properties it
// would set unknown on every resource it might configure.
func tfNormalise(file string, planned []*tfResource, refs map[string]string) []*Resource {
	var out []*Resource
	byAddr := map[string]*Resource{}
	raw := map[*Resource]map[string]any{}
	for _, r := range planned {
		norm, ok := tfKinds[r.typ]
		if !ok {
			continue
		}
		res := &Resource{Kind: norm.kind, Type: r.typ, Name: r.address, File: file, Line: r.line, Props: norm.fn(r.values)}
		out = append(out, res)
		raw[res] = r.values
		byAddr[indexRE.ReplaceAllString(r.address, "")] = res
	}
	keys := map[string][]string{} // target type -> the attributes parts name it by
	for _, part := range tfParts {
		if !slices.Contains(keys[part.target], part.key) {
			keys[part.target] = append(keys[part.target], part.key)
		}
	}
	index := map[[3]string][]*Resource{} // type, key, value
	for _, res := range out {
		for _, k := range keys[res.Type] {
			if v := stringOf(raw[res][k]); v != "" {
				index[[3]string{res.Type, k, v}] = append(index[[3]string{res.Type, k, v}], res)
			}
		}
	}
	find := func(typ, key, value string) []*Resource { return index[[3]string{typ, key, value}] }
	touched := map[*Resource]bool{}
	type unlinked struct {
		part tfPart
		addr string
	}
	var pending []unlinked
	for _, r := range planned {
		part, ok := tfParts[r.typ]
		if !ok {
			continue
		}
		var targets []*Resource
		names := r.values[part.link]
		known := false
		for _, n := range elements(names) {
			if s, ok := n.(string); ok {
				known = true
				targets = append(targets, find(part.target, part.key, s)...)
			}
		}
		if len(targets) == 0 {
			if t := byAddr[refs[indexRE.ReplaceAllString(r.address, "")]]; t != nil && t.Type == part.target {
				targets, known = []*Resource{t}, true
			}
		}
		if !known {
			pending = append(pending, unlinked{part, r.address})
			continue
		}
		_, many := names.([]any)
		for _, t := range targets {
			touched[t] = true
			if len(targets) > 1 && !many {
				for _, p := range part.props {
					t.Props[p] = Unknown{fmt.Sprintf("%s names several %s", r.address, part.target)}
				}
				continue
			}
			part.apply(r.values, t.Props)
		}
	}
	for _, u := range pending {
		for _, t := range out {
			if t.Type == u.part.target && !touched[t] {
				for _, p := range u.part.props {
					t.Props[p] = Unknown{"may be set by " + u.addr + ", whose target is known only after apply"}
				}
			}
		}
	}
	tfLinkQueues(out, raw)
	return out
}

// tfLinkQueues marks the queues other queues name as their dead-letter
// queue (by the name ending the ARN); while a redrive policy is known only
// after apply, any queue without one might be its dead-letter queue.
func tfLinkQueues(out []*Resource, raw map[*Resource]map[string]any) {
	var queues []*Resource
	unknown := false
	for _, r := range out {
		if r.Kind == "sqs_queue" {
			queues = append(queues, r)
			if _, ok := r.Props["dead_letter"].(Unknown); ok {
				unknown = true
			}
		}
	}
	for _, q := range queues {
		target := stringOf(q.Props["dead_letter_target"])
		for _, t := range queues {
			if target != "" && stringOf(raw[t]["name"]) == target {
				t.Props["is_dead_letter_queue"] = true
			}
		}
	}
	if unknown {
		for _, q := range queues {
			if q.Props["is_dead_letter_queue"] == false && q.Props["dead_letter"] == false {
				q.Props["is_dead_letter_queue"] = Unknown{"another queue's redrive policy is known only after apply"}
			}
		}
	}
}
