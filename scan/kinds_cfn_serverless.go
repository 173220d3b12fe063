// Normalisers of CloudFormation (and SAM) serverless applications: Lambda
// functions, URLs and event sources, API Gateway, Step Functions, and the
// queues, topics and streams that connect them.

package scan

import (
	"strings"
)

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

// refTarget is the logical id a Ref or GetAtt points to, or "".
func refTarget(v any) string {
	r, ok := v.(ref)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(r.target, ".")
	return name
}

func cfnTopic(p map[string]any) map[string]any {
	return map[string]any{"kms_key": present(p["KmsMasterKeyId"]), "tag_count": tagCount(p["Tags"])}
}

func cfnStream(p map[string]any) map[string]any {
	return map[string]any{
		"encrypted": eqStr(upper(get(p, "StreamEncryption", "EncryptionType"), "NONE"), "KMS"),
		"on_demand": eqStr(upper(get(p, "StreamModeDetails", "StreamMode"), "PROVISIONED"), "ON_DEMAND"),
		"tag_count": tagCount(p["Tags"]),
	}
}
