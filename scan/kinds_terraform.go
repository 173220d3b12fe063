package scan

import (
	"fmt"
	"slices"
	"strings"
)

// tfKinds are the Terraform resource types read as resources of their own.
var tfKinds = map[string]kindNorm{
	"aws_s3_bucket":                        {"s3_bucket", tfBucket},
	"aws_ebs_volume":                       {"ebs_volume", tfVolume},
	"aws_lambda_function":                  {"lambda_function", tfFunction},
	"aws_lambda_function_url":              {"lambda_url", tfLambdaURL},
	"aws_lambda_event_source_mapping":      {"lambda_event_source", tfEventSource},
	"aws_lambda_permission":                {"resource_policy", tfLambdaPermission},
	"aws_s3_bucket_policy":                 {"resource_policy", tfPolicyOf("s3")},
	"aws_sqs_queue_policy":                 {"resource_policy", tfPolicyOf("sqs")},
	"aws_sns_topic_policy":                 {"resource_policy", tfPolicyOf("sns")},
	"aws_secretsmanager_secret_policy":     {"resource_policy", tfPolicyOf("secretsmanager")},
	"aws_ecr_repository_policy":            {"resource_policy", tfPolicyOf("ecr")},
	"aws_db_instance":                      {"rds_instance", tfDBInstance},
	"aws_rds_cluster":                      {"rds_cluster", tfDBCluster},
	"aws_docdb_cluster":                    {"rds_cluster", tfDBCluster},
	"aws_neptune_cluster":                  {"rds_cluster", tfDBCluster},
	"aws_dynamodb_table":                   {"dynamodb_table", tfTable},
	"aws_cloudwatch_log_group":             {"log_group", tfLogGroup},
	"aws_cloudwatch_metric_alarm":          {"cloudwatch_alarm", tfAlarm},
	"aws_cloudwatch_composite_alarm":       {"cloudwatch_alarm", tfAlarm},
	"aws_autoscaling_group":                {"autoscaling_group", tfASG},
	"aws_instance":                         {"ec2_instance", tfInstance},
	"aws_launch_template":                  {"launch_template", tfLaunchTemplate},
	"aws_cloudtrail":                       {"cloudtrail", tfTrail},
	"aws_api_gateway_stage":                {"api_stage", tfStage},
	"aws_apigatewayv2_stage":               {"api_stage", tfHTTPStage},
	"aws_api_gateway_method":               {"api_method", tfMethod},
	"aws_apigatewayv2_route":               {"api_method", tfRoute},
	"aws_api_gateway_domain_name":          {"api_domain", tfDomain},
	"aws_apigatewayv2_domain_name":         {"api_domain", tfDomainV2},
	"aws_budgets_budget":                   {"budget", tfBudget},
	"aws_lb":                               {"load_balancer", tfLoadBalancer},
	"aws_alb":                              {"load_balancer", tfLoadBalancer},
	"aws_elb":                              {"load_balancer", tfClassicLB},
	"aws_lb_listener":                      {"lb_listener", tfListener},
	"aws_alb_listener":                     {"lb_listener", tfListener},
	"aws_cloudfront_distribution":          {"cloudfront_distribution", tfDistribution},
	"aws_elasticache_replication_group":    {"elasticache", tfReplicationGroup},
	"aws_elasticache_cluster":              {"elasticache", tfCacheCluster},
	"aws_sqs_queue":                        {"sqs_queue", tfQueue},
	"aws_sns_topic":                        {"sns_topic", tfTopic},
	"aws_kms_key":                          {"kms_key", tfKey},
	"aws_iam_role":                         {"iam_role", tfRole},
	"aws_iam_policy":                       {"iam_policy", tfIAMPolicy},
	"aws_iam_role_policy":                  {"iam_policy", tfIAMPolicy},
	"aws_iam_user_policy":                  {"iam_policy", tfUserPolicy},
	"aws_iam_user":                         {"iam_user", tfUser},
	"aws_efs_file_system":                  {"efs_file_system", tfFileSystem},
	"aws_ecs_cluster":                      {"ecs_cluster", tfECSCluster},
	"aws_ecs_service":                      {"ecs_service", tfECSService},
	"aws_ecs_task_definition":              {"ecs_task_definition", tfTaskDefinition},
	"aws_eks_cluster":                      {"eks_cluster", tfEKSCluster},
	"aws_eks_node_group":                   {"eks_nodegroup", tfNodegroup},
	"aws_sfn_state_machine":                {"state_machine", tfStateMachine},
	"aws_kinesis_stream":                   {"kinesis_stream", tfStream},
	"aws_secretsmanager_secret":            {"secret", tfSecret},
	"aws_secretsmanager_secret_rotation":   {"secret_rotation", tfRotation},
	"aws_security_group":                   {"security_group", tfSecurityGroup},
	"aws_security_group_rule":              {"security_group", tfSecurityGroupRule},
	"aws_vpc_security_group_ingress_rule":  {"security_group", tfIngressRule},
	"aws_subnet":                           {"subnet", tfSubnet},
	"aws_flow_log":                         {"flow_log", tfFlowLog},
	"aws_wafv2_web_acl":                    {"waf_acl", tfWebACL},
	"aws_backup_plan":                      {"backup_plan", tfBackupPlan},
	"aws_backup_vault":                     {"backup_vault", tfBackupVault},
	"aws_route53_record":                   {"dns_record", tfRecord},
	"aws_appautoscaling_target":            {"scalable_target", tfScalableTarget},
	"aws_appautoscaling_policy":            {"scaling_policy", tfScalingPolicy("StepScaling")},
	"aws_autoscaling_policy":               {"scaling_policy", tfScalingPolicy("SimpleScaling")},
	"aws_elastic_beanstalk_environment":    {"beanstalk_environment", tfBeanstalk},
	"aws_opensearch_domain":                {"search_domain", tfSearchDomain},
	"aws_elasticsearch_domain":             {"search_domain", tfSearchDomain},
	"aws_redshift_cluster":                 {"redshift_cluster", tfRedshift},
	"aws_codedeploy_deployment_group":      {"deployment_group", tfDeploymentGroup},
	"aws_config_configuration_recorder":    {"config_recorder", tfConfigRecorder},
	"aws_config_remediation_configuration": {"config_remediation", tfRemediation},
	"aws_guardduty_detector":               {"guardduty_detector", tfDetector},
	"aws_securityhub_account":              {"securityhub", tfSecurityHub},
	"aws_ecr_repository":                   {"ecr_repository", tfRepository},
}

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

func tfFunction(v map[string]any) map[string]any {
	return map[string]any{
		"architecture": lambdaArch(v["architectures"]),
		"tracing":      strOr(get(v, "tracing_config", "mode"), "PassThrough"),
		"tag_count":    tfTags(v),
		"runtime":      lower(v["runtime"], ""),
		"package_type": strOr(v["package_type"], "Zip"),
		"code_signing": present(v["code_signing_config_arn"]),
		"env_count":    count(get(v, "environment", "variables")),
		"env_kms":      present(v["kms_key_arn"]),
		"log_format":   strOr(get(v, "logging_config", "log_format"), "Text"),
		"sam":          false,
	}
}

func tfLambdaURL(v map[string]any) map[string]any {
	return map[string]any{"auth_type": upper(v["authorization_type"], Unknown{"no authorization type"})}
}

func tfEventSource(v map[string]any) map[string]any {
	return eventSource(v["starting_position"], v["maximum_retry_attempts"], get(v, "destination_config", "on_failure", "destination_arn"))
}

func tfLambdaPermission(v map[string]any) map[string]any {
	restricted := or2(present(v["source_arn"]), present(v["source_account"]), present(v["principal_org_id"]))
	return map[string]any{
		"service":    "lambda",
		"statements": []any{publicStatement(eqStr(strOr(v["principal"], Unknown{"no principal"}), "*"), restricted)},
	}
}

func tfPolicyOf(service string) func(map[string]any) map[string]any {
	return func(v map[string]any) map[string]any {
		return map[string]any{"service": service, "statements": statements(v["policy"])}
	}
}

func tfDBInstance(v map[string]any) map[string]any {
	engine := lower(v["engine"], Unknown{"no engine"})
	monitoring := numOr(v["monitoring_interval"], 0.0)
	if n, ok := monitoring.(float64); ok {
		monitoring = n > 0
	}
	out := map[string]any{
		"engine":                     engine,
		"iam_auth_supported":         iamAuthEngine(engine),
		"iam_auth":                   boolOr(v["iam_database_authentication_enabled"], false),
		"log_exports":                count(v["enabled_cloudwatch_logs_exports"]),
		"enhanced_monitoring":        monitoring,
		"storage_type":               lower(v["storage_type"], Unknown{"the engine's default storage type applies"}),
		"storage_autoscaling":        tfMaxStorage(v["max_allocated_storage"]),
		"ca_certificate":             strOr(v["ca_cert_identifier"], "rds-ca-rsa2048-g1"),
		"copy_tags":                  boolOr(v["copy_tags_to_snapshot"], false),
		"password_literal":           tfPassword(v["manage_master_user_password"], v["password"]),
		"multi_az":                   boolOr(v["multi_az"], false),
		"storage_encrypted":          boolOr(v["storage_encrypted"], false),
		"publicly_accessible":        boolOr(v["publicly_accessible"], false),
		"backup_retention":           numOr(v["backup_retention_period"], Unknown{"the AWS default applies"}),
		"performance_insights":       boolOr(v["performance_insights_enabled"], false),
		"auto_minor_version_upgrade": boolOr(v["auto_minor_version_upgrade"], true),
		"tag_count":                  tfTags(v),
	}
	instanceProps(out, strOr(v["instance_class"], Unknown{"no instance class"}))
	if present(v["cluster_identifier"]) != false {
		auroraInstance(out)
	}
	return out
}

// tfMaxStorage reads max_allocated_storage: 0 turns storage autoscaling off.
func tfMaxStorage(v any) any {
	n := numOr(v, 0.0)
	if f, ok := n.(float64); ok {
		return f > 0
	}
	return n
}

// tfPassword tells whether a master password is given: a plan does not show
// whether it comes from a literal, a variable or a secret, so it is unknown.
func tfPassword(managed, password any) any {
	if boolOr(managed, false) == true || password == nil {
		return false
	}
	return Unknown{"a plan does not show where the password comes from"}
}

func tfDBCluster(v map[string]any) map[string]any {
	engine := lower(v["engine"], "docdb")
	iam := boolOr(v["iam_database_authentication_enabled"], false)
	return map[string]any{
		"engine":             engine,
		"storage_encrypted":  boolOr(v["storage_encrypted"], false),
		"backup_retention":   numOr(v["backup_retention_period"], 1.0),
		"iam_auth_supported": iamAuthEngine(engine),
		"iam_auth":           iam,
		"log_exports":        count(v["enabled_cloudwatch_logs_exports"]),
		"copy_tags":          boolOr(v["copy_tags_to_snapshot"], false),
		"password_literal":   tfPassword(v["manage_master_user_password"], v["master_password"]),
		"tag_count":          tfTags(v),
	}
}

func tfTable(v map[string]any) map[string]any {
	sse := v["server_side_encryption"]
	return map[string]any{
		"pitr":                 boolOr(get(v, "point_in_time_recovery", "enabled"), false),
		"billing_mode":         strOr(v["billing_mode"], "PROVISIONED"),
		"tag_count":            tfTags(v),
		"ttl":                  boolOr(get(v, "ttl", "enabled"), false),
		"kms_cmk":              and2(boolOr(get(sse, "enabled"), false), present(get(sse, "kms_key_arn"))),
		"contributor_insights": false,
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
	out := asgProps(v["min_size"], v["max_size"], v["availability_zones"], v["vpc_zone_identifier"],
		strOr(v["health_check_type"], "EC2"), tags)
	out["launch_template"] = not1(present(v["launch_configuration"]))
	out["spot"] = onDemandBelow100(get(v, "mixed_instances_policy", "instances_distribution"), "on_demand_percentage_above_base_capacity")
	out["notifications"] = false
	return out
}

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

func tfTrail(v map[string]any) map[string]any {
	return map[string]any{
		"multi_region":        boolOr(v["is_multi_region_trail"], false),
		"kms_encrypted":       present(v["kms_key_id"]),
		"log_file_validation": boolOr(v["enable_log_file_validation"], false),
	}
}

func tfStage(v map[string]any) map[string]any {
	return map[string]any{
		"api_type":          "rest",
		"tracing":           boolOr(v["xray_tracing_enabled"], false),
		"access_logging":    present(v["access_log_settings"]),
		"caching":           boolOr(v["cache_cluster_enabled"], false),
		"throttling":        false,
		"cache_encrypted":   false,
		"execution_logging": false,
		"detailed_metrics":  false,
		"tag_count":         tfTags(v),
	}
}

func tfHTTPStage(v map[string]any) map[string]any {
	rs := v["default_route_settings"]
	throttle := numOr(get(rs, "throttling_rate_limit"), 0.0)
	if n, ok := throttle.(float64); ok {
		throttle = n > 0
	}
	return map[string]any{
		"api_type":          "http",
		"access_logging":    present(get(v, "access_log_settings", "destination_arn")),
		"throttling":        throttle,
		"detailed_metrics":  boolOr(get(rs, "detailed_metrics_enabled"), false),
		"execution_logging": isIn(get(rs, "logging_level"), "OFF", "INFO", "ERROR"),
		"tag_count":         tfTags(v),
	}
}

func tfMethod(v map[string]any) map[string]any {
	return map[string]any{"http_method": upper(v["http_method"], ""), "authorization": upper(v["authorization"], "NONE")}
}

func tfRoute(v map[string]any) map[string]any {
	method := any("")
	if k, ok := v["route_key"].(string); ok {
		m, _, _ := strings.Cut(k, " ")
		method = strings.ToUpper(m)
	}
	return map[string]any{"http_method": method, "authorization": upper(v["authorization_type"], "NONE")}
}

func tfDomain(v map[string]any) map[string]any {
	return map[string]any{"security_policy": upper(v["security_policy"], Unknown{"the API Gateway default applies"})}
}

func tfDomainV2(v map[string]any) map[string]any {
	return map[string]any{"security_policy": upper(get(v, "domain_name_configuration", "security_policy"), "TLS_1_2")}
}

func tfBudget(v map[string]any) map[string]any {
	return map[string]any{
		"notifications":  count(v["notification"]),
		"forecast_alert": someOf(v["notification"], func(n any) any { return eqStr(get(n, "notification_type"), "FORECASTED") }),
	}
}

func tfLoadBalancer(v map[string]any) map[string]any {
	typ := lower(v["load_balancer_type"], "application")
	cross := any(true)
	if typ != "application" {
		cross = boolOr(v["enable_cross_zone_load_balancing"], false)
	}
	subnets := count(v["subnets"])
	if subnets == 0.0 {
		subnets = count(v["subnet_mapping"])
	}
	return map[string]any{
		"lb_type":              typ,
		"access_logs":          and2(present(v["access_logs"]), boolOr(get(v, "access_logs", "enabled"), false)),
		"drop_invalid_headers": boolOr(v["drop_invalid_header_fields"], false),
		"cross_zone":           cross,
		"subnet_count":         subnets,
		"tag_count":            tfTags(v),
	}
}

func tfClassicLB(v map[string]any) map[string]any {
	zones := count(v["subnets"])
	if zones == 0.0 {
		zones = count(v["availability_zones"])
	}
	return map[string]any{
		"lb_type":      "classic",
		"access_logs":  and2(present(v["access_logs"]), boolOr(get(v, "access_logs", "enabled"), true)),
		"cross_zone":   boolOr(v["cross_zone_load_balancing"], true),
		"subnet_count": zones,
		"tag_count":    tfTags(v),
	}
}

func tfListener(v map[string]any) map[string]any {
	return listenerProps(upper(v["protocol"], Unknown{"the protocol is known after apply"}), v["ssl_policy"],
		someOf(v["default_action"], func(a any) any {
			return and2(eqStr(lower(get(a, "type"), ""), "redirect"), eqStr(upper(get(a, "redirect", "protocol"), "#{protocol}"), "HTTPS"))
		}))
}

func tfDistribution(v map[string]any) map[string]any {
	behaviors := append(elements(v["default_cache_behavior"]), elements(v["ordered_cache_behavior"])...)
	cert := v["viewer_certificate"]
	custom := or2(present(get(cert, "acm_certificate_arn")), present(get(cert, "iam_certificate_id")))
	origins := v["origin"]
	s3 := func(o any) any { return present(get(o, "s3_origin_config")) }
	def := v["default_cache_behavior"]
	return cloudfrontProps(map[string]any{
		"viewer_https": everyOf(behaviors, func(b any) any {
			return isIn(get(b, "viewer_protocol_policy"), Unknown{"no viewer protocol policy"}, "redirect-to-https", "https-only")
		}),
		"custom_certificate": custom,
		"min_tls":            strOr(get(cert, "minimum_protocol_version"), "TLSv1"),
		"logging":            present(get(v, "logging_config", "bucket")),
		"waf":                present(v["web_acl_id"]),
		"http_version":       lower(v["http_version"], "http2"),
		"compress":           everyOf(behaviors, func(b any) any { return boolOr(get(b, "compress"), false) }),
		"caching":            caches(get(def, "cache_policy_id"), get(def, "forwarded_values"), get(def, "default_ttl"), get(def, "max_ttl")),
		"origin_https": everyOf(origins, func(o any) any {
			if cu := get(o, "custom_origin_config"); present(cu) == true {
				return eqStr(lower(get(cu, "origin_protocol_policy"), ""), "https-only")
			}
			return true
		}),
		"has_s3_origin": someOf(origins, s3),
		"s3_origin_access": everyOf(origins, func(o any) any {
			if s3(o) != true {
				return true
			}
			return or2(present(get(o, "origin_access_control_id")), present(get(o, "s3_origin_config", "origin_access_identity")))
		}),
		"tag_count": tfTags(v),
	})
}

func tfReplicationGroup(v map[string]any) map[string]any {
	out := map[string]any{
		"engine":                     lower(v["engine"], "redis"),
		"at_rest_encryption":         boolOr(v["at_rest_encryption_enabled"], false),
		"transit_encryption":         boolOr(v["transit_encryption_enabled"], false),
		"auth":                       or2(present(v["auth_token"]), present(v["user_group_ids"])),
		"multi_az":                   boolOr(v["multi_az_enabled"], false),
		"automatic_failover":         boolOr(v["automatic_failover_enabled"], false),
		"snapshot_retention":         numOr(v["snapshot_retention_limit"], 0.0),
		"auto_minor_version_upgrade": boolOr(v["auto_minor_version_upgrade"], true),
		"tag_count":                  tfTags(v),
	}
	cacheNode(out, strOr(v["node_type"], Unknown{"no node type"}))
	return out
}

func tfCacheCluster(v map[string]any) map[string]any {
	out := map[string]any{
		"engine":                     lower(v["engine"], Unknown{"no engine"}),
		"at_rest_encryption":         false,
		"transit_encryption":         boolOr(v["transit_encryption_enabled"], false),
		"auth":                       false,
		"multi_az":                   eqStr(lower(v["az_mode"], "single-az"), "cross-az"),
		"automatic_failover":         false,
		"snapshot_retention":         numOr(v["snapshot_retention_limit"], 0.0),
		"auto_minor_version_upgrade": boolOr(v["auto_minor_version_upgrade"], true),
		"tag_count":                  tfTags(v),
	}
	cacheNode(out, strOr(v["node_type"], Unknown{"no node type"}))
	return out
}

func tfQueue(v map[string]any) map[string]any {
	kms := present(v["kms_master_key_id"])
	dlq, target := any(false), ""
	switch rp := jsonValue(v["redrive_policy"]).(type) {
	case Unknown:
		dlq = rp
	case map[string]any:
		arn := rp["deadLetterTargetArn"]
		dlq = present(arn)
		if s, ok := arn.(string); ok {
			target = s[strings.LastIndex(s, ":")+1:]
		}
	}
	return map[string]any{
		"encrypted":            or2(kms, boolOr(v["sqs_managed_sse_enabled"], true)),
		"kms_key":              customerKey(v["kms_master_key_id"]),
		"dead_letter":          dlq,
		"dead_letter_target":   target,
		"is_dead_letter_queue": false,
		"tag_count":            tfTags(v),
	}
}

func tfTopic(v map[string]any) map[string]any {
	return map[string]any{"kms_key": present(v["kms_master_key_id"]), "tag_count": tfTags(v)}
}

func tfKey(v map[string]any) map[string]any {
	return map[string]any{
		"symmetric":  eqStr(strOr(v["customer_master_key_spec"], "SYMMETRIC_DEFAULT"), "SYMMETRIC_DEFAULT"),
		"rotation":   boolOr(v["enable_key_rotation"], false),
		"statements": statements(v["policy"]),
		"tag_count":  tfTags(v),
	}
}

func tfRole(v map[string]any) map[string]any {
	arns := v["managed_policy_arns"]
	if arns == nil {
		arns = []any{}
	}
	return map[string]any{
		"statements":           statements(v["assume_role_policy"]),
		"identity_statements":  identityStatements(v["inline_policy"], "policy"),
		"managed_policy_arns":  arns,
		"permissions_boundary": present(v["permissions_boundary"]),
		"tag_count":            tfTags(v),
	}
}

func tfIAMPolicy(v map[string]any) map[string]any {
	return map[string]any{"identity_statements": statements(v["policy"]), "user_attachments": 0.0}
}

func tfUserPolicy(v map[string]any) map[string]any {
	return map[string]any{"identity_statements": statements(v["policy"]), "user_attachments": 1.0}
}

func tfUser(v map[string]any) map[string]any {
	return map[string]any{"user_attachments": 0.0, "login_profile": false, "tag_count": tfTags(v)}
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

func tfStateMachine(v map[string]any) map[string]any {
	return map[string]any{
		"logging_level": upper(get(v, "logging_configuration", "level"), "OFF"),
		"tracing":       boolOr(get(v, "tracing_configuration", "enabled"), false),
		"tag_count":     tfTags(v),
	}
}

func tfStream(v map[string]any) map[string]any {
	return map[string]any{
		"encrypted": eqStr(upper(v["encryption_type"], "NONE"), "KMS"),
		"on_demand": eqStr(upper(get(v, "stream_mode_details", "stream_mode"), "PROVISIONED"), "ON_DEMAND"),
		"tag_count": tfTags(v),
	}
}

func tfSecret(v map[string]any) map[string]any {
	return map[string]any{
		"kms_cmk":       customerKey(v["kms_key_id"]),
		"literal_value": Unknown{"the value is set by aws_secretsmanager_secret_version"},
		"tag_count":     tfTags(v),
	}
}

func tfRotation(v map[string]any) map[string]any {
	r := v["rotation_rules"]
	days := numOr(get(r, "automatically_after_days"), nil)
	if days == nil || days == 0.0 {
		days = rateDays(get(r, "schedule_expression"))
	}
	return map[string]any{"rotation_days": days}
}

// tfIngress expands one ingress block or rule into one permission per CIDR.
func tfIngress(protocol, from, to any, cidrs ...any) []any {
	var out []any
	for _, list := range cidrs {
		for _, c := range elements(list) {
			out = append(out, ingressRule(protocol, from, to, c))
		}
	}
	if out == nil {
		out = append(out, map[string]any{"open": false, "from_port": -1.0, "to_port": -1.0})
	}
	return out
}

func tfSecurityGroup(v map[string]any) map[string]any {
	rules := v["ingress"]
	if u, ok := rules.(Unknown); ok {
		return sgProps(u)
	}
	out := []any{}
	for _, r := range elements(rules) {
		if u, ok := r.(Unknown); ok {
			out = append(out, u)
			continue
		}
		out = append(out, tfIngress(get(r, "protocol"), get(r, "from_port"), get(r, "to_port"), get(r, "cidr_blocks"), get(r, "ipv6_cidr_blocks"))...)
	}
	return sgProps(out)
}

func tfSecurityGroupRule(v map[string]any) map[string]any {
	if v["type"] != "ingress" {
		return sgProps([]any{})
	}
	return sgProps(tfIngress(v["protocol"], v["from_port"], v["to_port"], v["cidr_blocks"], v["ipv6_cidr_blocks"]))
}

func tfIngressRule(v map[string]any) map[string]any {
	var cidrs []any
	for _, k := range []string{"cidr_ipv4", "cidr_ipv6"} {
		if c := v[k]; c != nil {
			cidrs = append(cidrs, c)
		}
	}
	return sgProps(tfIngress(v["ip_protocol"], v["from_port"], v["to_port"], cidrs))
}

func tfSubnet(v map[string]any) map[string]any {
	return map[string]any{"auto_public_ip": boolOr(v["map_public_ip_on_launch"], false)}
}

func tfFlowLog(v map[string]any) map[string]any {
	return map[string]any{"traffic_type": upper(v["traffic_type"], "ALL")}
}

func tfWebACL(v map[string]any) map[string]any {
	out := wafProps(v["rule"], "statement", "managed_rule_group_statement", "rate_based_statement")
	out["tag_count"] = tfTags(v)
	return out
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

func tfRecord(v map[string]any) map[string]any {
	policy := any("simple")
	for k, name := range map[string]string{"failover_routing_policy": "failover", "weighted_routing_policy": "weighted",
		"latency_routing_policy": "latency", "geolocation_routing_policy": "geolocation", "geoproximity_routing_policy": "geoproximity",
		"cidr_routing_policy": "cidr"} {
		if present(v[k]) == true {
			policy = name
		}
	}
	if v["multivalue_answer_routing_policy"] == true {
		policy = "multivalue"
	}
	return map[string]any{
		"routing_policy": policy,
		"health_checked": or2(present(v["health_check_id"]), boolOr(get(v, "alias", "evaluate_target_health"), false)),
	}
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

func tfSearchDomain(v map[string]any) map[string]any {
	cc := v["cluster_config"]
	logs := v["log_publishing_options"]
	logOn := func(types ...string) any {
		return someOf(logs, func(l any) any { return and2(isIn(get(l, "log_type"), "", types...), boolOr(get(l, "enabled"), true)) })
	}
	ep := v["domain_endpoint_options"]
	out := map[string]any{
		"encrypted_at_rest": boolOr(get(v, "encrypt_at_rest", "enabled"), false),
		"node_to_node":      boolOr(get(v, "node_to_node_encryption", "enabled"), false),
		"https_only": and2(boolOr(get(ep, "enforce_https"), false),
			notStr(strOr(get(ep, "tls_security_policy"), "Policy-Min-TLS-1-0-2019-07"), "Policy-Min-TLS-1-0-2019-07")),
		"zone_awareness":       boolOr(get(cc, "zone_awareness_enabled"), false),
		"slow_logs":            logOn("SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"),
		"audit_logs":           logOn("AUDIT_LOGS"),
		"fine_grained_access":  boolOr(get(v, "advanced_security_options", "enabled"), false),
		"in_vpc":               present(get(v, "vpc_options", "subnet_ids")),
		"auto_software_update": boolOr(get(v, "software_update_options", "auto_software_update_enabled"), false),
		"volume_type":          lower(get(v, "ebs_options", "volume_type"), Unknown{"the service's default volume type applies"}),
		"statements":           statements(v["access_policies"]),
		"tag_count":            tfTags(v),
	}
	searchInstance(out, strOr(get(cc, "instance_type"), "r5.large.search"))
	return out
}

func tfRedshift(v map[string]any) map[string]any {
	return map[string]any{
		"encrypted":             boolOr(v["encrypted"], Unknown{"the default depends on the provider version"}),
		"publicly_accessible":   boolOr(v["publicly_accessible"], Unknown{"the default depends on the provider version"}),
		"audit_logging":         boolOr(get(v, "logging", "enable"), false),
		"snapshot_retention":    numOr(v["automated_snapshot_retention_period"], 1.0),
		"allow_version_upgrade": boolOr(v["allow_version_upgrade"], true),
		"enhanced_vpc_routing":  boolOr(v["enhanced_vpc_routing"], false),
		"multi_az":              boolOr(v["multi_az"], false),
		"password_literal":      tfPassword(v["manage_master_password"], v["master_password"]),
		"tag_count":             tfTags(v),
	}
}

func tfDeploymentGroup(v map[string]any) map[string]any {
	ar := v["auto_rollback_configuration"]
	ac := v["alarm_configuration"]
	return map[string]any{
		"auto_rollback": rollbackOn(ar, "enabled", "events", "DEPLOYMENT_FAILURE"),
		"alarm_rollback": and2(rollbackOn(ar, "enabled", "events", "DEPLOYMENT_STOP_ON_ALARM"),
			boolOr(get(ac, "enabled"), false), present(get(ac, "alarms"))),
		"deployment_config": deploymentConfig(v["deployment_config_name"], present(v["ecs_service"]) == true,
			present(v["ec2_tag_filter"]) == true || present(v["ec2_tag_set"]) == true || present(v["autoscaling_groups"]) == true),
	}
}

func tfConfigRecorder(v map[string]any) map[string]any {
	return map[string]any{"all_supported": boolOr(get(v, "recording_group", "all_supported"), true)}
}

func tfRemediation(v map[string]any) map[string]any {
	return map[string]any{"automatic": boolOr(v["automatic"], false)}
}

func tfDetector(v map[string]any) map[string]any {
	return map[string]any{
		"enabled": boolOr(v["enable"], true),
		"runtime_monitoring": boolOr(get(v, "datasources", "malware_protection", "scan_ec2_instance_with_findings", "ebs_volumes", "enable"),
			false),
		"tag_count": tfTags(v),
	}
}

func tfSecurityHub(v map[string]any) map[string]any {
	return map[string]any{
		"default_standards":    boolOr(v["enable_default_standards"], true),
		"auto_enable_controls": boolOr(v["auto_enable_controls"], true),
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
