// The Terraform side of the model: which resource types of a plan are read as
// resources, and the normaliser of each; the normalisers live by area in
// kinds_tf_*.go, the resources that configure others in terraform_parts.go.

package scan

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

func tfTags(v map[string]any) any {
	if t, ok := v["tags_all"]; ok && t != nil {
		return count(t)
	}
	return count(v["tags"])
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}
