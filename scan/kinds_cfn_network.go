// Normalisers of CloudFormation networking and content delivery: load
// balancers and listeners, CloudFront, security groups, subnets, flow logs,
// WAF, Route 53 records.

package scan

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

// cfnRoutings are the properties that make a record set routed, and the
// routing policy each names; a record set has one (the last, in this
// order, when a template gives several).
var cfnRoutings = [][2]string{{"Failover", "failover"}, {"Weight", "weighted"}, {"Region", "latency"},
	{"GeoLocation", "geolocation"}, {"MultiValueAnswer", "multivalue"}, {"GeoProximityLocation", "geoproximity"}, {"CidrRoutingConfig", "cidr"}}

func cfnRecordSet(p map[string]any) map[string]any {
	policy := any("simple")
	for _, r := range cfnRoutings {
		if k := r[0]; present(p[k]) == true && !(k == "MultiValueAnswer" && p[k] == false) {
			policy = r[1]
		}
	}
	return map[string]any{
		"routing_policy": policy,
		"health_checked": or2(present(p["HealthCheckId"]), boolOr(get(p, "AliasTarget", "EvaluateTargetHealth"), false)),
	}
}
