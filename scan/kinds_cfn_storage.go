// Normalisers of CloudFormation storage: S3 buckets, EBS volumes, EFS file
// systems, AWS Backup plans and vaults.

package scan

func cfnBucket(p map[string]any) map[string]any {
	pab := get(p, "PublicAccessBlockConfiguration")
	// Since April 2023 new buckets block public access unless told otherwise.
	blocked := and2(
		boolOr(get(pab, "BlockPublicAcls"), true), boolOr(get(pab, "BlockPublicPolicy"), true),
		boolOr(get(pab, "IgnorePublicAcls"), true), boolOr(get(pab, "RestrictPublicBuckets"), true))
	kms, bucketKey := any(false), any(false)
	switch rules := get(p, "BucketEncryption", "ServerSideEncryptionConfiguration").(type) {
	case Unknown:
		kms, bucketKey = rules, rules
	case []any:
		for _, r := range rules {
			bucketKey = or2(bucketKey, boolOr(get(r, "BucketKeyEnabled"), false))
			switch a := strOr(get(r, "ServerSideEncryptionByDefault", "SSEAlgorithm"), "").(type) {
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
	}
	rules := get(p, "LifecycleConfiguration", "Rules")
	transitions := any(false)
	if rs, ok := rules.([]any); ok {
		for _, r := range rs {
			for _, k := range []string{"Transitions", "Transition", "NoncurrentVersionTransitions", "NoncurrentVersionTransition"} {
				if present(get(r, k)) == true {
					transitions = true
				}
			}
		}
	} else if u, ok := rules.(Unknown); ok {
		transitions = u
	}
	if count(get(p, "IntelligentTieringConfigurations")) != 0.0 {
		transitions = true
	}
	ownership := get(p, "OwnershipControls", "Rules")
	return map[string]any{
		"acls_disabled": everyOf(ownership, func(r any) any {
			return eqStr(strOr(get(r, "ObjectOwnership"), "BucketOwnerEnforced"), "BucketOwnerEnforced")
		}),
		"noncurrent_expiration": someOf(rules, func(r any) any {
			return or2(present(get(r, "NoncurrentVersionExpiration")), present(get(r, "NoncurrentVersionExpirationInDays")))
		}),
		"abort_incomplete_uploads": someOf(rules, func(r any) any { return present(get(r, "AbortIncompleteMultipartUpload")) }),
		"bucket_key":               bucketKey,
		"versioning":               eqStr(get(p, "VersioningConfiguration", "Status"), "Enabled"),
		"kms_encryption":           kms,
		"public_access_blocked":    blocked,
		"logging":                  present(get(p, "LoggingConfiguration")),
		"lifecycle_rules":          count(rules),
		"lifecycle_transitions":    transitions,
		"tag_count":                tagCount(p["Tags"]),
	}
}

func cfnVolume(p map[string]any) map[string]any {
	return map[string]any{
		"volume_type": strOr(p["VolumeType"], "gp2"),
		// Without Encrypted, the account's EBS encryption-by-default decides.
		"encrypted": boolOr(p["Encrypted"], Unknown{"the account's EBS encryption by default decides"}),
		"tag_count": tagCount(p["Tags"]),
	}
}

func cfnFileSystem(p map[string]any) map[string]any {
	return map[string]any{
		"encrypted":    boolOr(p["Encrypted"], false),
		"lifecycle_ia": someOf(p["LifecyclePolicies"], func(l any) any { return present(get(l, "TransitionToIA")) }),
		"backup":       eqStr(get(p, "BackupPolicy", "Status"), "ENABLED"),
		"multi_az":     not1(present(p["AvailabilityZoneName"])),
		"tag_count":    tagCount(p["FileSystemTags"]),
	}
}

func cfnBackupPlan(p map[string]any) map[string]any {
	rules := get(p, "BackupPlan", "BackupPlanRule")
	return map[string]any{
		"rules_expire": everyOf(rules, func(r any) any { return present(get(r, "Lifecycle", "DeleteAfterDays")) }),
		"copies":       someOf(rules, func(r any) any { return present(get(r, "CopyActions")) }),
	}
}

func cfnBackupVault(p map[string]any) map[string]any {
	return map[string]any{
		"kms_cmk":    customerKey(p["EncryptionKeyArn"]),
		"vault_lock": present(p["LockConfiguration"]),
	}
}
