package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// awsTarget is where and as whom the command calls a wat server: the
// endpoint, region and credentials, found where the AWS CLI and SDKs look
// for them.
type awsTarget struct {
	Endpoint    string
	Region      string
	Credentials aws.Credentials
}

// defaultEndpoint is where `wat serve` listens by default.
const defaultEndpoint = "http://127.0.0.1:8080"

// resolveAWS finds the target from the flags (empty when not given) and
// the environment:
//   - endpoint: --endpoint-url, AWS_ENDPOINT_URL_WELLARCHITECTED,
//     AWS_ENDPOINT_URL, the profile's endpoint_url, else defaultEndpoint;
//   - region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's
//     region, else us-east-1;
//   - credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with
//     AWS_SESSION_TOKEN) unless --profile is given, else the profile
//     (--profile, AWS_PROFILE, else "default") of the shared credentials
//     file (AWS_SHARED_CREDENTIALS_FILE, ~/.aws/credentials), else of the
//     shared config file (AWS_CONFIG_FILE, ~/.aws/config).
//
// Only static keys are read: wat issues access keys, not roles or SSO.
func resolveAWS(getenv func(string) string, endpoint, region, profile string) (*awsTarget, error) {
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
	explicit := profile != ""
	if profile == "" {
		profile = getenv("AWS_PROFILE")
	}
	if profile == "" {
		profile = "default"
	}
	credsFile, err := readINI(file("AWS_SHARED_CREDENTIALS_FILE", "credentials"))
	if err != nil {
		return nil, err
	}
	configFile, err := readINI(file("AWS_CONFIG_FILE", "config"))
	if err != nil {
		return nil, err
	}
	config := configFile["profile "+profile]
	if profile == "default" && config == nil {
		config = configFile["default"]
	}
	t := &awsTarget{Endpoint: first(endpoint, getenv("AWS_ENDPOINT_URL_WELLARCHITECTED"), getenv("AWS_ENDPOINT_URL"), config["endpoint_url"], defaultEndpoint),
		Region: first(region, getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"), config["region"], "us-east-1")}
	if id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"); !explicit && id != "" && secret != "" {
		t.Credentials = aws.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: getenv("AWS_SESSION_TOKEN"), Source: "environment"}
		return t, nil
	}
	for _, section := range []map[string]string{credsFile[profile], config} {
		if section["aws_access_key_id"] != "" && section["aws_secret_access_key"] != "" {
			t.Credentials = aws.Credentials{AccessKeyID: section["aws_access_key_id"], SecretAccessKey: section["aws_secret_access_key"],
				SessionToken: section["aws_session_token"], Source: "profile " + profile}
			return t, nil
		}
	}
	return nil, noCredentials(getenv, profile, file("AWS_SHARED_CREDENTIALS_FILE", "credentials"))
}

// noCredentials says where credentials were looked for and where the
// ones a newcomer has are: `wat serve` wrote its admin's keys to
// DATA_DIR/credentials, which neither the AWS CLI nor wat reads unless
// AWS_SHARED_CREDENTIALS_FILE points at it.
func noCredentials(getenv func(string) string, profile, credsPath string) error {
	looked := credsPath
	if _, err := os.Stat(credsPath); errors.Is(err, fs.ErrNotExist) {
		looked += ", which does not exist"
	}
	dataDir := first(getenv("WAT_DATA_DIR"), DefaultConfig().DataDir)
	served := filepath.Join(dataDir, "credentials")
	if !filepath.IsAbs(served) && !strings.HasPrefix(served, ".") {
		served = "." + string(filepath.Separator) + served // "./data/credentials": a path to paste, not a word
	}
	return fmt.Errorf("no credentials for profile %q (none in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or %s): "+
		"wat serve writes its admin's keys to %s (in its --data-dir); use them with\n"+
		"  export AWS_SHARED_CREDENTIALS_FILE=%s\n"+
		"or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key from \"wat admin create-access-key\"",
		profile, looked, served, served)
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// readINI reads the sections of an AWS shared config or credentials file:
// section name -> key (lowercased) -> value. A missing file has none.
func readINI(path string) (map[string]map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]map[string]string{}
	var section map[string]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && strings.HasSuffix(line, "]"):
			name := strings.Join(strings.Fields(line[1:len(line)-1]), " ")
			if out[name] == nil {
				out[name] = map[string]string{}
			}
			section = out[name]
		default:
			k, v, ok := strings.Cut(line, "=")
			if ok && section != nil {
				section[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
