// Normalisers of Terraform storage: S3 buckets, EBS volumes, EFS file systems,
// AWS Backup plans and vaults.

package scan

// tfBucket reads the bucket itself. Its inline versioning, encryption,
// logging and lifecycle blocks are deprecated (and computed, so "known after
// apply") in current providers: they count only when set; otherwise the
// separate configuration resources decide, and without them the S3
// defaults hold.
func tfBucket(v map[string]any) map[string]any {
	p := map[string]any{
		"versioning": false, "kms_encryption": false, "public_access_blocked": true, "logging": false,
		"lifecycle_rules": 0.0, "lifecycle_transitions": false, "tag_count": tfTags(v),
		"acls_disabled": true, "noncurrent_expiration": false, "abort_incomplete_uploads": false,
		"bucket_key": false,
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

// tfLifecycle reads the rules of an aws_s3_bucket_lifecycle_configuration.
func tfLifecycle(b map[string]any, rules any) {
	b["lifecycle_rules"] = count(rules)
	if tfTransitions(rules) {
		b["lifecycle_transitions"] = true
	}
	b["noncurrent_expiration"] = someOf(rules, func(r any) any { return present(get(r, "noncurrent_version_expiration")) })
	b["abort_incomplete_uploads"] = someOf(rules, func(r any) any { return present(get(r, "abort_incomplete_multipart_upload")) })
}

func tfVolume(v map[string]any) map[string]any {
	return map[string]any{
		"volume_type": strOr(v["type"], Unknown{"the AWS default applies"}),
		"encrypted":   boolOr(v["encrypted"], Unknown{"the account's EBS encryption by default decides"}),
		"tag_count":   tfTags(v),
	}
}

func tfFileSystem(v map[string]any) map[string]any {
	return map[string]any{
		"encrypted":    boolOr(v["encrypted"], false),
		"lifecycle_ia": someOf(v["lifecycle_policy"], func(l any) any { return present(get(l, "transition_to_ia")) }),
		"backup":       false,
		"multi_az":     not1(present(v["availability_zone_name"])),
		"tag_count":    tfTags(v),
	}
}

func tfBackupPlan(v map[string]any) map[string]any {
	rules := v["rule"]
	return map[string]any{
		"rules_expire": everyOf(rules, func(r any) any { return present(get(r, "lifecycle", "delete_after")) }),
		"copies":       someOf(rules, func(r any) any { return present(get(r, "copy_action")) }),
	}
}

func tfBackupVault(v map[string]any) map[string]any {
	return map[string]any{
		"kms_cmk":    customerKey(v["kms_key_arn"]),
		"vault_lock": false,
	}
}
