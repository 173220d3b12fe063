// Normalisers of Terraform networking and content delivery: load balancers and
// listeners, CloudFront, security groups, subnets, flow logs, WAF, Route 53.

package scan

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

// tfRoutings are the blocks that make a record routed, and the routing
// policy each names (the last, in this order, when a plan gives several).
var tfRoutings = [][2]string{{"failover_routing_policy", "failover"}, {"weighted_routing_policy", "weighted"},
	{"latency_routing_policy", "latency"}, {"geolocation_routing_policy", "geolocation"}, {"geoproximity_routing_policy", "geoproximity"},
	{"cidr_routing_policy", "cidr"}}

func tfRecord(v map[string]any) map[string]any {
	policy := any("simple")
	for _, r := range tfRoutings {
		if present(v[r[0]]) == true {
			policy = r[1]
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
