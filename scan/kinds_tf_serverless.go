// Normalisers of Terraform serverless applications: Lambda, API Gateway, Step
// Functions, SQS, SNS, Kinesis.

package scan

import (
	"strings"
)

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

func tfStateMachine(v map[string]any) map[string]any {
	return map[string]any{
		"logging_level": upper(get(v, "logging_configuration", "level"), "OFF"),
		"tracing":       boolOr(get(v, "tracing_configuration", "enabled"), false),
		"tag_count":     tfTags(v),
	}
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

func tfStream(v map[string]any) map[string]any {
	return map[string]any{
		"encrypted": eqStr(upper(v["encryption_type"], "NONE"), "KMS"),
		"on_demand": eqStr(upper(get(v, "stream_mode_details", "stream_mode"), "PROVISIONED"), "ON_DEMAND"),
		"tag_count": tfTags(v),
	}
}
