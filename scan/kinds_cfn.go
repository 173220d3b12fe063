package scan

import "strings"

// kindNorm normalises the properties of one source resource type.
type kindNorm struct {
	kind string
	fn   func(p map[string]any) map[string]any
}

// cfnKinds are the CloudFormation (and SAM) resource types the scanner
// understands; other types are not read.
var cfnKinds = map[string]kindNorm{
	"AWS::S3::Bucket":                             {"s3_bucket", cfnBucket},
	"AWS::EC2::Volume":                            {"ebs_volume", cfnVolume},
	"AWS::Lambda::Function":                       {"lambda_function", cfnFunction},
	"AWS::Serverless::Function":                   {"lambda_function", samFunction},
	"AWS::Lambda::Url":                            {"lambda_url", cfnLambdaURL},
	"AWS::Lambda::EventSourceMapping":             {"lambda_event_source", cfnEventSource},
	"AWS::Lambda::Permission":                     {"resource_policy", cfnLambdaPermission},
	"AWS::S3::BucketPolicy":                       {"resource_policy", cfnPolicyOf("s3", "PolicyDocument")},
	"AWS::SQS::QueuePolicy":                       {"resource_policy", cfnPolicyOf("sqs", "PolicyDocument")},
	"AWS::SNS::TopicPolicy":                       {"resource_policy", cfnPolicyOf("sns", "PolicyDocument")},
	"AWS::SecretsManager::ResourcePolicy":         {"resource_policy", cfnPolicyOf("secretsmanager", "ResourcePolicy")},
	"AWS::RDS::DBInstance":                        {"rds_instance", cfnDBInstance},
	"AWS::RDS::DBCluster":                         {"rds_cluster", cfnDBCluster},
	"AWS::DocDB::DBCluster":                       {"rds_cluster", cfnDBCluster},
	"AWS::Neptune::DBCluster":                     {"rds_cluster", cfnDBCluster},
	"AWS::DynamoDB::Table":                        {"dynamodb_table", cfnTable},
	"AWS::Serverless::SimpleTable":                {"dynamodb_table", samSimpleTable},
	"AWS::Logs::LogGroup":                         {"log_group", cfnLogGroup},
	"AWS::CloudWatch::Alarm":                      {"cloudwatch_alarm", cfnAlarm},
	"AWS::CloudWatch::CompositeAlarm":             {"cloudwatch_alarm", cfnAlarm},
	"AWS::AutoScaling::AutoScalingGroup":          {"autoscaling_group", cfnASG},
	"AWS::EC2::Instance":                          {"ec2_instance", cfnInstance},
	"AWS::EC2::LaunchTemplate":                    {"launch_template", cfnLaunchTemplate},
	"AWS::CloudTrail::Trail":                      {"cloudtrail", cfnTrail},
	"AWS::ApiGateway::Stage":                      {"api_stage", cfnStage},
	"AWS::Serverless::Api":                        {"api_stage", cfnStage},
	"AWS::ApiGatewayV2::Stage":                    {"api_stage", cfnHTTPStage},
	"AWS::ApiGateway::Method":                     {"api_method", cfnMethod},
	"AWS::ApiGatewayV2::Route":                    {"api_method", cfnRoute},
	"AWS::ApiGateway::DomainName":                 {"api_domain", cfnDomain},
	"AWS::ApiGatewayV2::DomainName":               {"api_domain", cfnDomainV2},
	"AWS::Budgets::Budget":                        {"budget", cfnBudget},
	"AWS::ElasticLoadBalancingV2::LoadBalancer":   {"load_balancer", cfnLoadBalancer},
	"AWS::ElasticLoadBalancing::LoadBalancer":     {"load_balancer", cfnClassicLB},
	"AWS::ElasticLoadBalancingV2::Listener":       {"lb_listener", cfnListener},
	"AWS::CloudFront::Distribution":               {"cloudfront_distribution", cfnDistribution},
	"AWS::ElastiCache::ReplicationGroup":          {"elasticache", cfnReplicationGroup},
	"AWS::ElastiCache::CacheCluster":              {"elasticache", cfnCacheCluster},
	"AWS::SQS::Queue":                             {"sqs_queue", cfnQueue},
	"AWS::SNS::Topic":                             {"sns_topic", cfnTopic},
	"AWS::KMS::Key":                               {"kms_key", cfnKey},
	"AWS::IAM::Role":                              {"iam_role", cfnRole},
	"AWS::IAM::Policy":                            {"iam_policy", cfnIAMPolicy},
	"AWS::IAM::ManagedPolicy":                     {"iam_policy", cfnIAMPolicy},
	"AWS::IAM::RolePolicy":                        {"iam_policy", cfnIAMPolicy},
	"AWS::IAM::UserPolicy":                        {"iam_policy", cfnUserPolicy},
	"AWS::IAM::User":                              {"iam_user", cfnUser},
	"AWS::EFS::FileSystem":                        {"efs_file_system", cfnFileSystem},
	"AWS::ECS::Cluster":                           {"ecs_cluster", cfnECSCluster},
	"AWS::ECS::Service":                           {"ecs_service", cfnECSService},
	"AWS::ECS::TaskDefinition":                    {"ecs_task_definition", cfnTaskDefinition},
	"AWS::EKS::Cluster":                           {"eks_cluster", cfnEKSCluster},
	"AWS::EKS::Nodegroup":                         {"eks_nodegroup", cfnNodegroup},
	"AWS::StepFunctions::StateMachine":            {"state_machine", cfnStateMachine},
	"AWS::Serverless::StateMachine":               {"state_machine", samStateMachine},
	"AWS::Kinesis::Stream":                        {"kinesis_stream", cfnStream},
	"AWS::SecretsManager::Secret":                 {"secret", cfnSecret},
	"AWS::SecretsManager::RotationSchedule":       {"secret_rotation", cfnRotation},
	"AWS::EC2::SecurityGroup":                     {"security_group", cfnSecurityGroup},
	"AWS::EC2::SecurityGroupIngress":              {"security_group", cfnIngressRule},
	"AWS::EC2::Subnet":                            {"subnet", cfnSubnet},
	"AWS::EC2::FlowLog":                           {"flow_log", cfnFlowLog},
	"AWS::WAFv2::WebACL":                          {"waf_acl", cfnWebACL},
	"AWS::Backup::BackupPlan":                     {"backup_plan", cfnBackupPlan},
	"AWS::Backup::BackupVault":                    {"backup_vault", cfnBackupVault},
	"AWS::Route53::RecordSet":                     {"dns_record", cfnRecordSet},
	"AWS::ApplicationAutoScaling::ScalableTarget": {"scalable_target", cfnScalableTarget},
	"AWS::ApplicationAutoScaling::ScalingPolicy":  {"scaling_policy", cfnAppScalingPolicy},
	"AWS::AutoScaling::ScalingPolicy":             {"scaling_policy", cfnASGScalingPolicy},
	"AWS::ElasticBeanstalk::Environment":          {"beanstalk_environment", cfnBeanstalk},
	"AWS::OpenSearchService::Domain":              {"search_domain", cfnSearchDomain},
	"AWS::Elasticsearch::Domain":                  {"search_domain", cfnSearchDomain},
	"AWS::Redshift::Cluster":                      {"redshift_cluster", cfnRedshift},
	"AWS::CodeDeploy::DeploymentGroup":            {"deployment_group", cfnDeploymentGroup},
	"AWS::Config::ConfigurationRecorder":          {"config_recorder", cfnConfigRecorder},
	"AWS::Config::RemediationConfiguration":       {"config_remediation", cfnRemediation},
	"AWS::GuardDuty::Detector":                    {"guardduty_detector", cfnDetector},
	"AWS::SecurityHub::Hub":                       {"securityhub", cfnSecurityHub},
	"AWS::ECR::Repository":                        {"ecr_repository", cfnRepository},
}

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
	out := lambdaCommon(p)
	out["tracing"] = strOr(get(p, "TracingConfig", "Mode"), "PassThrough")
	return out
}

// lambdaCommon reads what AWS::Lambda::Function and AWS::Serverless::Function
// write the same way.
func lambdaCommon(p map[string]any) map[string]any {
	return map[string]any{
		"architecture": lambdaArch(p["Architectures"]),
		"tag_count":    tagCount(p["Tags"]),
		"runtime":      lower(p["Runtime"], ""),
		"package_type": strOr(p["PackageType"], "Zip"),
		"code_signing": present(p["CodeSigningConfigArn"]),
		"env_count":    count(get(p, "Environment", "Variables")),
		"env_kms":      present(p["KmsKeyArn"]),
		"log_format":   strOr(get(p, "LoggingConfig", "LogFormat"), "Text"),
		"sam":          false,
	}
}

func samFunction(p map[string]any) map[string]any {
	tracing := strOr(p["Tracing"], "PassThrough")
	if tracing == "Disabled" {
		tracing = "PassThrough"
	}
	out := lambdaCommon(p)
	out["tracing"] = tracing
	out["sam"] = true
	out["deployment_type"] = strOr(get(p, "DeploymentPreference", "Type"), "None")
	return out
}

func cfnDBInstance(p map[string]any) map[string]any {
	engine := lower(p["Engine"], Unknown{"no engine"})
	out := map[string]any{
		"engine":             engine,
		"iam_auth_supported": iamAuthEngine(engine),
		"iam_auth":           boolOr(p["EnableIAMDatabaseAuthentication"], false),
		"log_exports":        count(p["EnableCloudwatchLogsExports"]),
		"enhanced_monitoring": func() any {
			n := numOr(p["MonitoringInterval"], 0.0)
			if f, ok := n.(float64); ok {
				return f > 0
			}
			return n
		}(),
		"storage_type":               lower(p["StorageType"], Unknown{"the engine's default storage type applies"}),
		"storage_autoscaling":        present(p["MaxAllocatedStorage"]),
		"ca_certificate":             strOr(p["CACertificateIdentifier"], "rds-ca-rsa2048-g1"),
		"copy_tags":                  boolOr(p["CopyTagsToSnapshot"], false),
		"password_literal":           passwordLiteral(p["MasterUserPassword"]),
		"multi_az":                   boolOr(p["MultiAZ"], false),
		"storage_encrypted":          boolOr(p["StorageEncrypted"], false),
		"publicly_accessible":        boolOr(p["PubliclyAccessible"], Unknown{"the subnet group decides"}),
		"backup_retention":           numOr(p["BackupRetentionPeriod"], 1.0),
		"performance_insights":       boolOr(p["EnablePerformanceInsights"], false),
		"auto_minor_version_upgrade": boolOr(p["AutoMinorVersionUpgrade"], true),
		"tag_count":                  tagCount(p["Tags"]),
	}
	instanceProps(out, strOr(p["DBInstanceClass"], Unknown{"no instance class"}))
	if present(p["DBClusterIdentifier"]) != false {
		auroraInstance(out)
	}
	return out
}

// auroraInstance marks what the cluster of an Aurora instance holds.
func auroraInstance(out map[string]any) {
	for _, k := range []string{"multi_az", "storage_encrypted", "backup_retention", "iam_auth", "log_exports",
		"storage_type", "storage_autoscaling", "copy_tags", "password_literal"} {
		out[k] = Unknown{"set on the DB cluster"}
	}
}

// iamAuthEngine tells whether an engine accepts IAM database authentication.
func iamAuthEngine(engine any) any {
	return isIn(engine, "", "mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql", "neptune")
}

func cfnDBCluster(p map[string]any) map[string]any {
	engine := lower(p["Engine"], "docdb")
	return map[string]any{
		"engine":             engine,
		"storage_encrypted":  boolOr(p["StorageEncrypted"], false),
		"backup_retention":   numOr(p["BackupRetentionPeriod"], 1.0),
		"iam_auth_supported": iamAuthEngine(engine),
		"iam_auth":           boolOr(or2(boolOr(p["EnableIAMDatabaseAuthentication"], false), boolOr(p["IamAuthEnabled"], false)), false),
		"log_exports":        count(p["EnableCloudwatchLogsExports"]),
		"copy_tags":          boolOr(p["CopyTagsToSnapshot"], false),
		"password_literal":   passwordLiteral(p["MasterUserPassword"]),
		"tag_count":          tagCount(p["Tags"]),
	}
}

func cfnTable(p map[string]any) map[string]any {
	return map[string]any{
		"pitr":                 boolOr(get(p, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"), false),
		"billing_mode":         strOr(p["BillingMode"], "PROVISIONED"),
		"tag_count":            tagCount(p["Tags"]),
		"ttl":                  boolOr(get(p, "TimeToLiveSpecification", "Enabled"), false),
		"kms_cmk":              present(get(p, "SSESpecification", "KMSMasterKeyId")),
		"contributor_insights": boolOr(get(p, "ContributorInsightsSpecification", "Enabled"), false),
	}
}

func samSimpleTable(p map[string]any) map[string]any {
	billing := any("PAY_PER_REQUEST")
	if present(p["ProvisionedThroughput"]) != false {
		billing = "PROVISIONED"
	}
	return map[string]any{
		"pitr": false, "billing_mode": billing, "tag_count": tagCount(p["Tags"]), "ttl": false,
		"kms_cmk": false, "contributor_insights": false,
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

func cfnTrail(p map[string]any) map[string]any {
	return map[string]any{
		"multi_region":        boolOr(p["IsMultiRegionTrail"], false),
		"kms_encrypted":       present(p["KMSKeyId"]),
		"log_file_validation": boolOr(p["EnableLogFileValidation"], false),
	}
}

func cfnStage(p map[string]any) map[string]any {
	out := map[string]any{
		"api_type":       "rest",
		"tracing":        boolOr(p["TracingEnabled"], false),
		"access_logging": present(get(p, "AccessLogSetting", "DestinationArn")),
		"caching":        boolOr(p["CacheClusterEnabled"], false),
	}
	methodSettings(out, p["MethodSettings"], "ThrottlingRateLimit", "CachingEnabled", "CacheDataEncrypted", "LoggingLevel", "MetricsEnabled")
	return out
}

// methodSettings reads a REST API stage's method settings: throttling,
// cache encryption, execution logging and detailed metrics set on any
// method count (the usual way sets them on all, "/*/*").
func methodSettings(out map[string]any, ms any, rate, caching, encrypted, logging, metrics string) {
	out["throttling"] = someOf(ms, func(m any) any { return present(get(m, rate)) })
	out["cache_encrypted"] = someOf(ms, func(m any) any {
		return and2(boolOr(get(m, caching), true), boolOr(get(m, encrypted), false))
	})
	out["execution_logging"] = someOf(ms, func(m any) any { return isIn(get(m, logging), "OFF", "INFO", "ERROR") })
	out["detailed_metrics"] = someOf(ms, func(m any) any { return boolOr(get(m, metrics), false) })
}

func cfnHTTPStage(p map[string]any) map[string]any {
	rs := p["DefaultRouteSettings"]
	return map[string]any{
		"api_type":          "http",
		"access_logging":    present(get(p, "AccessLogSettings", "DestinationArn")),
		"throttling":        present(get(rs, "ThrottlingRateLimit")),
		"detailed_metrics":  boolOr(get(rs, "DetailedMetricsEnabled"), false),
		"execution_logging": isIn(get(rs, "LoggingLevel"), "OFF", "INFO", "ERROR"),
		"tag_count":         tagCount(p["Tags"]),
	}
}

func cfnMethod(p map[string]any) map[string]any {
	return map[string]any{
		"http_method":   upper(p["HttpMethod"], ""),
		"authorization": upper(p["AuthorizationType"], "NONE"),
	}
}

func cfnRoute(p map[string]any) map[string]any {
	method := any("")
	if k, ok := p["RouteKey"].(string); ok {
		m, _, _ := strings.Cut(k, " ")
		method = strings.ToUpper(m)
	}
	return map[string]any{"http_method": method, "authorization": upper(p["AuthorizationType"], "NONE")}
}

func cfnDomain(p map[string]any) map[string]any {
	return map[string]any{"security_policy": upper(p["SecurityPolicy"], Unknown{"the API Gateway default applies"})}
}

func cfnDomainV2(p map[string]any) map[string]any {
	return map[string]any{"security_policy": upper(get(p, "DomainNameConfigurations", "SecurityPolicy"), "TLS_1_2")}
}

func cfnBudget(p map[string]any) map[string]any {
	ns := p["NotificationsWithSubscribers"]
	return map[string]any{
		"notifications":  count(ns),
		"forecast_alert": someOf(ns, func(n any) any { return eqStr(get(n, "Notification", "NotificationType"), "FORECASTED") }),
	}
}

func cfnLambdaURL(p map[string]any) map[string]any {
	return map[string]any{"auth_type": upper(p["AuthType"], Unknown{"no AuthType"})}
}

// eventSource reads an event source mapping: one reading a stream (it has a
// starting position) retries a failing batch until the records expire
// unless told otherwise (-1).
func eventSource(start, retries, onFailure any) map[string]any {
	return map[string]any{
		"stream":              present(start),
		"max_retries":         numOr(retries, -1.0),
		"failure_destination": present(onFailure),
	}
}

func cfnEventSource(p map[string]any) map[string]any {
	return eventSource(p["StartingPosition"], p["MaximumRetryAttempts"], get(p, "DestinationConfig", "OnFailure", "Destination"))
}

// refTarget is the logical id a Ref or GetAtt points to, or "".
func refTarget(v any) string {
	r, ok := v.(ref)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(r.target, ".")
	return name
}

func cfnLambdaPermission(p map[string]any) map[string]any {
	principal := strOr(p["Principal"], Unknown{"no principal"})
	restricted := or2(present(p["SourceArn"]), present(p["SourceAccount"]), present(p["PrincipalOrgID"]))
	return map[string]any{
		"service":    "lambda",
		"statements": []any{publicStatement(eqStr(principal, "*"), restricted)},
	}
}

// cfnPolicyOf reads a resource policy of a service from one property.
func cfnPolicyOf(service, key string) func(map[string]any) map[string]any {
	return func(p map[string]any) map[string]any {
		return map[string]any{"service": service, "statements": statements(p[key])}
	}
}

// lbAttr reads a load balancer attribute ("true"/"false" strings); absent
// is def.
func lbAttr(attrs any, key string, def any) any {
	return boolOr(lookup(attrs, key), def)
}

func cfnLoadBalancer(p map[string]any) map[string]any {
	attrs := keyValue(p["LoadBalancerAttributes"], "Key", "Value")
	typ := lower(p["Type"], "application")
	cross := any(true)
	if typ != "application" {
		cross = lbAttr(attrs, "load_balancing.cross_zone.enabled", false)
	}
	subnets := count(p["Subnets"])
	if subnets == 0.0 {
		subnets = count(p["SubnetMappings"])
	}
	return map[string]any{
		"lb_type":              typ,
		"access_logs":          lbAttr(attrs, "access_logs.s3.enabled", false),
		"drop_invalid_headers": lbAttr(attrs, "routing.http.drop_invalid_header_fields.enabled", false),
		"cross_zone":           cross,
		"subnet_count":         subnets,
		"tag_count":            tagCount(p["Tags"]),
	}
}

func cfnClassicLB(p map[string]any) map[string]any {
	zones := count(p["Subnets"])
	if zones == 0.0 {
		zones = count(p["AvailabilityZones"])
	}
	return map[string]any{
		"lb_type":      "classic",
		"access_logs":  boolOr(get(p, "AccessLoggingPolicy", "Enabled"), false),
		"cross_zone":   boolOr(p["CrossZone"], false),
		"subnet_count": zones,
		"tag_count":    tagCount(p["Tags"]),
	}
}

func cfnListener(p map[string]any) map[string]any {
	return listenerProps(upper(p["Protocol"], Unknown{"no protocol"}), p["SslPolicy"],
		someOf(p["DefaultActions"], func(a any) any {
			return and2(eqStr(lower(get(a, "Type"), ""), "redirect"), eqStr(upper(get(a, "RedirectConfig", "Protocol"), "#{protocol}"), "HTTPS"))
		}))
}

func listenerProps(protocol, policy, redirect any) map[string]any {
	return map[string]any{
		"protocol":           protocol,
		"ssl_policy":         strOr(policy, Unknown{"the Elastic Load Balancing default policy applies"}),
		"redirects_to_https": redirect,
	}
}

// cachingDisabled is the id of the managed CloudFront cache policy that
// caches nothing.
const cachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"

func cfnDistribution(p map[string]any) map[string]any {
	c, _ := p["DistributionConfig"].(map[string]any)
	if c == nil {
		c = map[string]any{}
	}
	behaviors := append([]any{c["DefaultCacheBehavior"]}, elements(c["CacheBehaviors"])...)
	cert := c["ViewerCertificate"]
	custom := or2(present(get(cert, "AcmCertificateArn")), present(get(cert, "IamCertificateId")))
	origins := c["Origins"]
	s3 := func(o any) any { return present(get(o, "S3OriginConfig")) }
	def := c["DefaultCacheBehavior"]
	return cloudfrontProps(map[string]any{
		"viewer_https": everyOf(behaviors, func(b any) any {
			return isIn(get(b, "ViewerProtocolPolicy"), Unknown{"no viewer protocol policy"}, "redirect-to-https", "https-only")
		}),
		"custom_certificate": custom,
		"min_tls":            strOr(get(cert, "MinimumProtocolVersion"), "TLSv1"),
		"logging":            present(get(c, "Logging", "Bucket")),
		"waf":                present(c["WebACLId"]),
		"http_version":       lower(c["HttpVersion"], Unknown{"the default HTTP version depends on the API"}),
		"compress":           everyOf(behaviors, func(b any) any { return boolOr(get(b, "Compress"), false) }),
		"caching":            caches(get(def, "CachePolicyId"), get(def, "ForwardedValues"), get(def, "DefaultTTL"), get(def, "MaxTTL")),
		"origin_https": everyOf(origins, func(o any) any {
			if cu := get(o, "CustomOriginConfig"); cu != nil {
				return eqStr(lower(get(cu, "OriginProtocolPolicy"), ""), "https-only")
			}
			return true
		}),
		"has_s3_origin": someOf(origins, s3),
		"s3_origin_access": everyOf(origins, func(o any) any {
			if s3(o) != true {
				return true
			}
			return or2(present(get(o, "OriginAccessControlId")), present(get(o, "S3OriginConfig", "OriginAccessIdentity")))
		}),
		"tag_count": tagCount(p["Tags"]),
	})
}

func cloudfrontProps(p map[string]any) map[string]any {
	if p["custom_certificate"] == false {
		p["min_tls"] = "TLSv1" // the *.cloudfront.net certificate accepts TLS 1.0
	}
	return p
}

// caches tells whether a cache behaviour caches: a cache policy other than
// CachingDisabled, or legacy settings with a non-zero TTL.
func caches(policy, forwarded, defTTL, maxTTL any) any {
	if policy != nil {
		return notStr(policy, cachingDisabled)
	}
	if forwarded == nil {
		return Unknown{"no cache policy"}
	}
	d, m := numOr(defTTL, 86400.0), numOr(maxTTL, 31536000.0)
	if u, ok := firstUnknown(d, m); ok {
		return u
	}
	return d.(float64) > 0 || m.(float64) > 0
}

func cfnReplicationGroup(p map[string]any) map[string]any {
	out := map[string]any{
		"engine":                     lower(p["Engine"], "redis"),
		"at_rest_encryption":         boolOr(p["AtRestEncryptionEnabled"], false),
		"transit_encryption":         boolOr(p["TransitEncryptionEnabled"], false),
		"auth":                       or2(present(p["AuthToken"]), present(p["UserGroupIds"])),
		"multi_az":                   boolOr(p["MultiAZEnabled"], false),
		"automatic_failover":         boolOr(p["AutomaticFailoverEnabled"], false),
		"snapshot_retention":         numOr(p["SnapshotRetentionLimit"], 0.0),
		"auto_minor_version_upgrade": boolOr(p["AutoMinorVersionUpgrade"], true),
		"tag_count":                  tagCount(p["Tags"]),
	}
	cacheNode(out, strOr(p["CacheNodeType"], Unknown{"no node type"}))
	return out
}

// cacheNode derives the family facts of a node type such as
// "cache.r7g.large".
func cacheNode(out map[string]any, t any) {
	if s, ok := t.(string); ok {
		t = strings.TrimPrefix(s, "cache.")
	}
	instanceProps(out, t)
}

func cfnCacheCluster(p map[string]any) map[string]any {
	engine := lower(p["Engine"], Unknown{"no engine"})
	out := map[string]any{
		"engine":                     engine,
		"at_rest_encryption":         false, // a single-node cluster cannot encrypt at rest
		"transit_encryption":         boolOr(p["TransitEncryptionEnabled"], false),
		"auth":                       false,
		"multi_az":                   eqStr(lower(p["AZMode"], "single-az"), "cross-az"),
		"automatic_failover":         false,
		"snapshot_retention":         numOr(p["SnapshotRetentionLimit"], 0.0),
		"auto_minor_version_upgrade": boolOr(p["AutoMinorVersionUpgrade"], true),
		"tag_count":                  tagCount(p["Tags"]),
	}
	cacheNode(out, strOr(p["CacheNodeType"], Unknown{"no node type"}))
	return out
}

func cfnQueue(p map[string]any) map[string]any {
	kms := present(p["KmsMasterKeyId"])
	target := get(p, "RedrivePolicy", "deadLetterTargetArn")
	return map[string]any{
		"encrypted":            or2(kms, boolOr(p["SqsManagedSseEnabled"], true)),
		"kms_key":              customerKey(p["KmsMasterKeyId"]),
		"dead_letter":          present(target),
		"dead_letter_target":   refTarget(target),
		"is_dead_letter_queue": false,
		"tag_count":            tagCount(p["Tags"]),
	}
}

func cfnTopic(p map[string]any) map[string]any {
	return map[string]any{"kms_key": present(p["KmsMasterKeyId"]), "tag_count": tagCount(p["Tags"])}
}

func cfnKey(p map[string]any) map[string]any {
	return map[string]any{
		"symmetric":  eqStr(strOr(p["KeySpec"], "SYMMETRIC_DEFAULT"), "SYMMETRIC_DEFAULT"),
		"rotation":   boolOr(p["EnableKeyRotation"], false),
		"statements": statements(p["KeyPolicy"]),
		"tag_count":  tagCount(p["Tags"]),
	}
}

// identityStatements gathers the statements of inline policies
// ([{PolicyName, PolicyDocument}]).
func identityStatements(policies any, key string) any {
	if u, ok := policies.(Unknown); ok {
		return u
	}
	out := []any{}
	for _, pol := range elements(policies) {
		switch st := statements(get(pol, key)).(type) {
		case []any:
			out = append(out, st...)
		default:
			out = append(out, st)
		}
	}
	return out
}

func cfnRole(p map[string]any) map[string]any {
	return map[string]any{
		"statements":           statements(p["AssumeRolePolicyDocument"]),
		"identity_statements":  identityStatements(p["Policies"], "PolicyDocument"),
		"managed_policy_arns":  p["ManagedPolicyArns"],
		"permissions_boundary": present(p["PermissionsBoundary"]),
		"tag_count":            tagCount(p["Tags"]),
	}
}

func cfnIAMPolicy(p map[string]any) map[string]any {
	return map[string]any{
		"identity_statements": statements(p["PolicyDocument"]),
		"user_attachments":    count(p["Users"]),
	}
}

func cfnUserPolicy(p map[string]any) map[string]any {
	return map[string]any{"identity_statements": statements(p["PolicyDocument"]), "user_attachments": 1.0}
}

func cfnUser(p map[string]any) map[string]any {
	direct := count(p["Policies"])
	if n, ok := direct.(float64); ok {
		direct = numAdd(n, count(p["ManagedPolicyArns"]))
	}
	return map[string]any{
		"user_attachments": direct,
		"login_profile":    present(p["LoginProfile"]),
		"tag_count":        tagCount(p["Tags"]),
	}
}

// numAdd adds a count that may be unknown.
func numAdd(n float64, v any) any {
	if m, ok := v.(float64); ok {
		return n + m
	}
	return v
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

func cfnStateMachine(p map[string]any) map[string]any {
	return map[string]any{
		"logging_level": upper(get(p, "LoggingConfiguration", "Level"), "OFF"),
		"tracing":       boolOr(get(p, "TracingConfiguration", "Enabled"), false),
		"tag_count":     tagCount(p["Tags"]),
	}
}

func samStateMachine(p map[string]any) map[string]any {
	return map[string]any{
		"logging_level": upper(get(p, "Logging", "Level"), "OFF"),
		"tracing":       boolOr(get(p, "Tracing", "Enabled"), false),
		"tag_count":     tagCount(p["Tags"]),
	}
}

func cfnStream(p map[string]any) map[string]any {
	return map[string]any{
		"encrypted": eqStr(upper(get(p, "StreamEncryption", "EncryptionType"), "NONE"), "KMS"),
		"on_demand": eqStr(upper(get(p, "StreamModeDetails", "StreamMode"), "PROVISIONED"), "ON_DEMAND"),
		"tag_count": tagCount(p["Tags"]),
	}
}

func cfnSecret(p map[string]any) map[string]any {
	return map[string]any{
		"kms_cmk":       customerKey(p["KmsKeyId"]),
		"literal_value": present(p["SecretString"]),
		"tag_count":     tagCount(p["Tags"]),
	}
}

func cfnRotation(p map[string]any) map[string]any {
	r := p["RotationRules"]
	days := numOr(get(r, "AutomaticallyAfterDays"), nil)
	if days == nil {
		days = rateDays(get(r, "ScheduleExpression"))
	}
	return map[string]any{"rotation_days": days}
}

// ingressRule normalises one ingress permission: whether it is open to the
// internet and the port range it opens (all ports for protocol -1; none
// for ICMP).
func ingressRule(protocol, from, to, cidr any) map[string]any {
	lo, hi := numOr(from, 0.0), numOr(to, 65535.0)
	switch isIn(lower(protocol, "-1"), "", "-1", "all") {
	case true:
		lo, hi = 0.0, 65535.0
	case false:
		if isIn(lower(protocol, ""), "", "icmp", "icmpv6", "1", "58") == true {
			lo, hi = -1.0, -1.0
		}
	}
	return map[string]any{"open": isIn(cidr, "", "0.0.0.0/0", "::/0"), "from_port": lo, "to_port": hi}
}

func cfnIngress(r any) []any {
	var out []any
	for _, k := range []string{"CidrIp", "CidrIpv6"} {
		if c := get(r, k); c != nil {
			out = append(out, ingressRule(get(r, "IpProtocol"), get(r, "FromPort"), get(r, "ToPort"), c))
		}
	}
	if out == nil {
		// a source security group or prefix list: not the internet
		out = append(out, map[string]any{"open": false, "from_port": -1.0, "to_port": -1.0})
	}
	return out
}

func sgProps(ingress any) map[string]any {
	return map[string]any{"ingress": ingress, "ingress_count": count(ingress)}
}

func cfnSecurityGroup(p map[string]any) map[string]any {
	rules := p["SecurityGroupIngress"]
	if u, ok := rules.(Unknown); ok {
		return sgProps(u)
	}
	out := []any{}
	for _, r := range elements(rules) {
		if u, ok := r.(Unknown); ok {
			out = append(out, u)
			continue
		}
		out = append(out, cfnIngress(r)...)
	}
	return sgProps(out)
}

func cfnIngressRule(p map[string]any) map[string]any { return sgProps(cfnIngress(p)) }

func cfnSubnet(p map[string]any) map[string]any {
	return map[string]any{"auto_public_ip": boolOr(p["MapPublicIpOnLaunch"], false)}
}

func cfnFlowLog(p map[string]any) map[string]any {
	return map[string]any{"traffic_type": upper(p["TrafficType"], "ALL")}
}

// wafProps reads a web ACL's rules: how many, and whether one uses a
// managed rule group or limits the request rate.
func wafProps(rules any, statement, managed, rate string) map[string]any {
	has := func(key string) any {
		return someOf(rules, func(r any) any { return present(get(r, statement, key)) })
	}
	return map[string]any{"rule_count": count(rules), "managed_rules": has(managed), "rate_limit": has(rate)}
}

func cfnWebACL(p map[string]any) map[string]any {
	out := wafProps(p["Rules"], "Statement", "ManagedRuleGroupStatement", "RateBasedStatement")
	out["tag_count"] = tagCount(p["Tags"])
	return out
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

func cfnRecordSet(p map[string]any) map[string]any {
	policy := any("simple")
	for k, name := range map[string]string{"Failover": "failover", "Weight": "weighted", "Region": "latency",
		"GeoLocation": "geolocation", "MultiValueAnswer": "multivalue", "GeoProximityLocation": "geoproximity", "CidrRoutingConfig": "cidr"} {
		if present(p[k]) == true && !(k == "MultiValueAnswer" && p[k] == false) {
			policy = name
		}
	}
	return map[string]any{
		"routing_policy": policy,
		"health_checked": or2(present(p["HealthCheckId"]), boolOr(get(p, "AliasTarget", "EvaluateTargetHealth"), false)),
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

// searchInstance derives the family facts of an OpenSearch instance type
// such as "r7g.large.search".
func searchInstance(out map[string]any, t any) {
	if s, ok := t.(string); ok {
		t = strings.TrimSuffix(strings.TrimSuffix(s, ".search"), ".elasticsearch")
	}
	instanceProps(out, t)
}

func cfnSearchDomain(p map[string]any) map[string]any {
	cc := p["ClusterConfig"]
	if cc == nil {
		cc = p["ElasticsearchClusterConfig"]
	}
	logs := p["LogPublishingOptions"]
	logOn := func(k string) any { return boolOr(get(logs, k, "Enabled"), present(get(logs, k))) }
	ep := p["DomainEndpointOptions"]
	out := map[string]any{
		"encrypted_at_rest": boolOr(get(p, "EncryptionAtRestOptions", "Enabled"), false),
		"node_to_node":      boolOr(get(p, "NodeToNodeEncryptionOptions", "Enabled"), false),
		"https_only": and2(boolOr(get(ep, "EnforceHTTPS"), false),
			notStr(strOr(get(ep, "TLSSecurityPolicy"), "Policy-Min-TLS-1-0-2019-07"), "Policy-Min-TLS-1-0-2019-07")),
		"zone_awareness":       boolOr(get(cc, "ZoneAwarenessEnabled"), false),
		"slow_logs":            or2(logOn("SEARCH_SLOW_LOGS"), logOn("INDEX_SLOW_LOGS")),
		"audit_logs":           logOn("AUDIT_LOGS"),
		"fine_grained_access":  boolOr(get(p, "AdvancedSecurityOptions", "Enabled"), false),
		"in_vpc":               present(get(p, "VPCOptions", "SubnetIds")),
		"auto_software_update": boolOr(get(p, "SoftwareUpdateOptions", "AutoSoftwareUpdateEnabled"), false),
		"volume_type":          lower(get(p, "EBSOptions", "VolumeType"), Unknown{"the service's default volume type applies"}),
		"statements":           statements(p["AccessPolicies"]),
		"tag_count":            tagCount(p["Tags"]),
	}
	searchInstance(out, strOr(get(cc, "InstanceType"), "r5.large.search"))
	return out
}

func cfnRedshift(p map[string]any) map[string]any {
	return map[string]any{
		"encrypted":             boolOr(p["Encrypted"], Unknown{"the default depends on when the cluster is created"}),
		"publicly_accessible":   boolOr(p["PubliclyAccessible"], Unknown{"the default depends on when the cluster is created"}),
		"audit_logging":         or2(present(get(p, "LoggingProperties", "BucketName")), present(get(p, "LoggingProperties", "LogDestinationType"))),
		"snapshot_retention":    numOr(p["AutomatedSnapshotRetentionPeriod"], 1.0),
		"allow_version_upgrade": boolOr(p["AllowVersionUpgrade"], true),
		"enhanced_vpc_routing":  boolOr(p["EnhancedVpcRouting"], false),
		"multi_az":              boolOr(p["MultiAZ"], false),
		"password_literal":      passwordLiteral(p["MasterUserPassword"]),
		"tag_count":             tagCount(p["Tags"]),
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

func cfnRepository(p map[string]any) map[string]any {
	return map[string]any{
		"scan_on_push":     boolOr(get(p, "ImageScanningConfiguration", "ScanOnPush"), false),
		"immutable_tags":   isIn(p["ImageTagMutability"], "MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"),
		"lifecycle_policy": present(get(p, "LifecyclePolicy", "LifecyclePolicyText")),
		"statements":       statements(p["RepositoryPolicyText"]),
		"tag_count":        tagCount(p["Tags"]),
	}
}

// cfnLink sets the properties one resource of a template gives another: a
// queue named as another's dead-letter queue. Targets are resources of the
// same file.
func cfnLink(resources []*Resource) {
	byName := map[[2]string]*Resource{}
	for _, r := range resources {
		if cfnKinds[r.Type].kind == r.Kind {
			byName[[2]string{r.File, r.Name}] = r
		}
	}
	for _, r := range resources {
		switch r.Kind {
		case "sqs_queue":
			if t := byName[[2]string{r.File, stringOf(r.Props["dead_letter_target"])}]; t != nil && t.Kind == "sqs_queue" {
				t.Props["is_dead_letter_queue"] = true
			}
		}
	}
}
