package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// importSource is where and as whom `wat import` reads: the endpoint, the
// region its requests are signed for, and the credentials, which may be
// temporary and are refreshed as a long import needs.
type importSource struct {
	Endpoint    string
	Region      string
	Credentials aws.CredentialsProvider
	// AccessKeyID and Source are those of the credentials first retrieved:
	// the key tells the source from the target, the source says how they
	// were found.
	AccessKeyID string
	Source      string
}

// resolveSource finds the credentials of `wat import`'s source the way the
// AWS CLI does, with the AWS SDK's own loader:
//   - AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN)
//     unless a profile is named (--from-profile or AWS_PROFILE);
//   - else the profile (default "default") of the shared config and
//     credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE,
//     ~/.aws/config and ~/.aws/credentials): static keys, IAM Identity
//     Center (sso_session or sso_start_url, after `aws sso login`),
//     credential_process, role_arn with source_profile or
//     credential_source, web_identity_token_file.
//
// The region is region (--from-region or the AWS endpoint's), else
// AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1.
// The credentials are retrieved once here, so that a profile that cannot
// give any fails before the import starts.
func resolveSource(ctx context.Context, getenv func(string) string, endpoint, region, profile string) (*importSource, error) {
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	file := func(env, name string) string {
		if p := getenv(env); p != "" {
			return p
		}
		return filepath.Join(home, ".aws", name)
	}
	configPath, credsPath := file("AWS_CONFIG_FILE", "config"), file("AWS_SHARED_CREDENTIALS_FILE", "credentials")
	region = first(region, getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"))
	profile = first(profile, getenv("AWS_PROFILE"))
	if id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"); profile == "" && id != "" && secret != "" {
		if region == "" {
			configFile, err := readINI(configPath)
			if err != nil {
				return nil, err
			}
			region = first(configFile["default"]["region"], configFile["profile default"]["region"], "us-east-1")
		}
		return &importSource{Endpoint: endpoint, Region: region, AccessKeyID: id, Source: "environment",
			Credentials: credentials.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN"))}, nil
	}
	profile = first(profile, "default")
	if err := checkProfile(getenv, configPath, credsPath, profile); err != nil {
		return nil, err
	}
	opts := []func(*config.LoadOptions) error{config.WithSharedConfigProfile(profile),
		config.WithSharedConfigFiles([]string{configPath}), config.WithSharedCredentialsFiles([]string{credsPath})}
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("profile %q: %w", profile, err)
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("profile %q gave no credentials (for IAM Identity Center, sign in first with `aws sso login --profile %s`): %w",
			profile, profile, err)
	}
	return &importSource{Endpoint: endpoint, Region: first(cfg.Region, "us-east-1"), Credentials: cfg.Credentials,
		AccessKeyID: creds.AccessKeyID, Source: "profile " + profile}, nil
}

// credentialKeys are the settings of a profile that give credentials by
// themselves.
var credentialKeys = []string{"aws_access_key_id", "credential_process", "sso_session", "sso_start_url",
	"credential_source", "web_identity_token_file", "login_session"}

// checkProfile reports an error unless profile, or the chain of
// source_profile it names, has a setting that gives credentials. Without
// one the SDK would fall back to the EC2 instance metadata service, whose
// timeouts make a typo in a profile name slow to report; an instance
// role stays reachable with credential_source = Ec2InstanceMetadata.
func checkProfile(getenv func(string) string, configPath, credsPath, profile string) error {
	if getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != "" || getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != "" {
		return nil // the SDK reads the container's credentials for a profile without any
	}
	configFile, err := readINI(configPath)
	if err != nil {
		return err
	}
	credsFile, err := readINI(credsPath)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for name := profile; ; {
		section := configFile["profile "+name]
		if name == "default" && section == nil {
			section = configFile["default"]
		}
		if section == nil && credsFile[name] == nil {
			if name == profile {
				return fmt.Errorf("no profile %q in %s or %s", profile, configPath, credsPath)
			}
			return fmt.Errorf("profile %q names source_profile %q, which is in neither %s nor %s", profile, name, configPath, credsPath)
		}
		for _, k := range credentialKeys {
			if section[k] != "" || credsFile[name][k] != "" {
				return nil
			}
		}
		next := first(section["source_profile"], credsFile[name]["source_profile"])
		if next == "" || seen[next] {
			return fmt.Errorf("profile %q has no credentials: none of %v, nor a role_arn with a source_profile that has them "+
				"(in %s or %s)", profile, credentialKeys, configPath, credsPath)
		}
		seen[name] = true
		name = next
	}
}
