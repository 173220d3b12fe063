// Normalisers of Terraform databases and analytics: RDS, Aurora, DocumentDB and
// Neptune, DynamoDB, ElastiCache, Redshift, OpenSearch.

package scan

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
