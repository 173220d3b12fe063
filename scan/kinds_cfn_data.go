// Normalisers of CloudFormation databases and analytics: RDS, Aurora, DocumentDB
// and Neptune, DynamoDB, ElastiCache, Redshift, OpenSearch.

package scan

import (
	"strings"
)

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
