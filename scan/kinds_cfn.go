package scan

// kindNorm normalises the properties of one source resource type.
type kindNorm struct {
	kind string
	fn   func(p map[string]any) map[string]any
}

// cfnKinds are the CloudFormation (and SAM) resource types the scanner
// understands; other types are not read.
var cfnKinds = map[string]kindNorm{
	"AWS::S3::Bucket":                    {"s3_bucket", cfnBucket},
	"AWS::EC2::Volume":                   {"ebs_volume", cfnVolume},
	"AWS::Lambda::Function":              {"lambda_function", cfnFunction},
	"AWS::Serverless::Function":          {"lambda_function", samFunction},
	"AWS::RDS::DBInstance":               {"rds_instance", cfnDBInstance},
	"AWS::DynamoDB::Table":               {"dynamodb_table", cfnTable},
	"AWS::Serverless::SimpleTable":       {"dynamodb_table", samSimpleTable},
	"AWS::Logs::LogGroup":                {"log_group", cfnLogGroup},
	"AWS::CloudWatch::Alarm":             {"cloudwatch_alarm", cfnAlarm},
	"AWS::AutoScaling::AutoScalingGroup": {"autoscaling_group", cfnASG},
	"AWS::EC2::Instance":                 {"ec2_instance", cfnInstance},
	"AWS::CloudTrail::Trail":             {"cloudtrail", cfnTrail},
	"AWS::ApiGateway::Stage":             {"api_stage", cfnStage},
	"AWS::Serverless::Api":               {"api_stage", cfnStage},
	"AWS::Budgets::Budget":               {"budget", cfnBudget},
}

func cfnBucket(p map[string]any) map[string]any {
	pab := get(p, "PublicAccessBlockConfiguration")
	// Since April 2023 new buckets block public access unless told otherwise.
	blocked := and2(
		boolOr(get(pab, "BlockPublicAcls"), true), boolOr(get(pab, "BlockPublicPolicy"), true),
		boolOr(get(pab, "IgnorePublicAcls"), true), boolOr(get(pab, "RestrictPublicBuckets"), true))
	kms := any(false)
	switch rules := get(p, "BucketEncryption", "ServerSideEncryptionConfiguration").(type) {
	case Unknown:
		kms = rules
	case []any:
		for _, r := range rules {
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
	return map[string]any{
		"versioning":            eqStr(get(p, "VersioningConfiguration", "Status"), "Enabled"),
		"kms_encryption":        kms,
		"public_access_blocked": blocked,
		"logging":               present(get(p, "LoggingConfiguration")),
		"lifecycle_rules":       count(rules),
		"lifecycle_transitions": transitions,
		"tag_count":             tagCount(p["Tags"]),
	}
}

// eqStr compares a literal string; absent is false.
func eqStr(v any, want string) any {
	switch s := strOr(v, "").(type) {
	case string:
		return s == want
	default:
		return s
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

func lambdaArch(v any) any {
	switch x := v.(type) {
	case nil:
		return "x86_64"
	case []any:
		if len(x) == 1 {
			return strOr(x[0], "x86_64")
		}
	case Unknown:
		return x
	}
	return Unknown{"not one architecture"}
}

func cfnFunction(p map[string]any) map[string]any {
	return map[string]any{
		"architecture": lambdaArch(p["Architectures"]),
		"tracing":      strOr(get(p, "TracingConfig", "Mode"), "PassThrough"),
		"tag_count":    tagCount(p["Tags"]),
	}
}

func samFunction(p map[string]any) map[string]any {
	tracing := strOr(p["Tracing"], "PassThrough")
	if tracing == "Disabled" {
		tracing = "PassThrough"
	}
	return map[string]any{
		"architecture": lambdaArch(p["Architectures"]),
		"tracing":      tracing,
		"tag_count":    tagCount(p["Tags"]),
	}
}

func cfnDBInstance(p map[string]any) map[string]any {
	out := map[string]any{
		"multi_az":                   boolOr(p["MultiAZ"], false),
		"storage_encrypted":          boolOr(p["StorageEncrypted"], false),
		"publicly_accessible":        boolOr(p["PubliclyAccessible"], Unknown{"the subnet group decides"}),
		"backup_retention":           numOr(p["BackupRetentionPeriod"], 1.0),
		"performance_insights":       boolOr(p["EnablePerformanceInsights"], false),
		"auto_minor_version_upgrade": boolOr(p["AutoMinorVersionUpgrade"], true),
		"tag_count":                  tagCount(p["Tags"]),
	}
	if present(p["DBClusterIdentifier"]) != false {
		// An Aurora instance: its cluster holds these settings.
		for _, k := range []string{"multi_az", "storage_encrypted", "backup_retention"} {
			out[k] = Unknown{"set on the DB cluster"}
		}
	}
	return out
}

func cfnTable(p map[string]any) map[string]any {
	return map[string]any{
		"pitr":         boolOr(get(p, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"), false),
		"billing_mode": strOr(p["BillingMode"], "PROVISIONED"),
		"tag_count":    tagCount(p["Tags"]),
	}
}

func samSimpleTable(p map[string]any) map[string]any {
	billing := any("PAY_PER_REQUEST")
	if present(p["ProvisionedThroughput"]) != false {
		billing = "PROVISIONED"
	}
	return map[string]any{"pitr": false, "billing_mode": billing, "tag_count": tagCount(p["Tags"])}
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

func cfnASG(p map[string]any) map[string]any {
	return asgProps(p["MinSize"], p["MaxSize"], p["AvailabilityZones"], p["VPCZoneIdentifier"],
		strOr(p["HealthCheckType"], "EC2"), p["Tags"])
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
		seen := map[any]bool{}
		for _, z := range zl {
			if _, unknown := z.(Unknown); unknown {
				seen = nil
				break
			}
			if _, isRef := z.(ref); !isRef {
				seen[z] = true
			}
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

func cfnInstance(p map[string]any) map[string]any {
	out := map[string]any{
		"detailed_monitoring": boolOr(p["Monitoring"], false),
		"tag_count":           tagCount(p["Tags"]),
	}
	instanceProps(out, strOr(p["InstanceType"], "m1.small"))
	return out
}

func cfnTrail(p map[string]any) map[string]any {
	return map[string]any{
		"multi_region":        boolOr(p["IsMultiRegionTrail"], false),
		"kms_encrypted":       present(p["KMSKeyId"]),
		"log_file_validation": boolOr(p["EnableLogFileValidation"], false),
	}
}

func cfnStage(p map[string]any) map[string]any {
	return map[string]any{
		"tracing":        boolOr(p["TracingEnabled"], false),
		"access_logging": present(get(p, "AccessLogSetting", "DestinationArn")),
	}
}

func cfnBudget(p map[string]any) map[string]any {
	return map[string]any{"notifications": count(p["NotificationsWithSubscribers"])}
}
