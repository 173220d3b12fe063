package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/importer"
)

// importCmd is `wat import`: it copies the reviews of the source endpoint's
// account (AWS or another wat, read with List*, Get* and ExportLens calls
// only) into the target wat's account, through the API on both sides.
func importCmd(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	fs := flag.NewFlagSet("wat import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var from, fromProfile, fromRegion, to, profile, region, prefix string
	fs.StringVar(&from, "from-endpoint", "", "the endpoint to copy from: AWS's (https://wellarchitected.REGION.amazonaws.com) or a wat server's (required)")
	fs.StringVar(&fromProfile, "from-profile", "", "the AWS CLI profile to read the source with: static keys, IAM Identity Center (SSO), credential_process or role_arn (default: AWS_PROFILE, else the environment's keys, else \"default\")")
	fs.StringVar(&fromRegion, "from-region", "", "the region to sign the source's requests for (default: the one in an AWS endpoint's name, else AWS_REGION, else the profile's)")
	fs.StringVar(&to, "endpoint-url", "", "the wat server to copy into (default AWS_ENDPOINT_URL)")
	fs.StringVar(&profile, "profile", "", "the AWS CLI profile to write the target with, as its account")
	fs.StringVar(&region, "region", "", "the region to sign the target's requests for")
	fs.StringVar(&prefix, "workload-prefix", "", "copy only the workloads whose names start with this")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: wat import --from-endpoint URL [--from-profile P] --endpoint-url TARGET [--profile P2] [--workload-prefix PREFIX]\n\n"+
			"Copies custom lenses (with their versions), profiles, review templates and workloads (with their tags,\n"+
			"lens reviews, answers and milestones) from the source's account into the target's. Resources are\n"+
			"matched by name, so running it again updates what changed and duplicates nothing.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	if fs.NArg() > 0 || from == "" {
		fmt.Fprintln(stderr, "wat import: --from-endpoint is required, and takes no arguments (wat import -h)")
		return 2
	}
	if _, err := url.ParseRequestURI(from); err != nil {
		fmt.Fprintf(stderr, "wat import: --from-endpoint %q is not a URL\n", from)
		return 2
	}
	if fromRegion == "" {
		fromRegion = awsRegionOf(from)
	}
	src, err := resolveSource(ctx, getenv, from, fromRegion, fromProfile)
	if err != nil {
		fmt.Fprintf(stderr, "wat import: the source's credentials: %v\n", err)
		return 2
	}
	dst, err := resolveAWS(getenv, to, region, profile)
	if err != nil {
		fmt.Fprintf(stderr, "wat import: the target's credentials: %v\n", err)
		return 2
	}
	if strings.TrimRight(src.Endpoint, "/") == strings.TrimRight(dst.Endpoint, "/") && src.AccessKeyID == dst.Credentials.AccessKeyID {
		fmt.Fprintln(stderr, "wat import: the source and the target are the same endpoint and account")
		return 2
	}
	fmt.Fprintf(stderr, "Copying from %s (%s) into %s (%s).\n", src.Endpoint, src.Source, dst.Endpoint, dst.Credentials.Source)
	im := &importer.Importer{Source: wellarchitected.New(wellarchitected.Options{Region: src.Region, BaseEndpoint: aws.String(src.Endpoint), Credentials: src.Credentials}), Target: newSDKClient(dst), TargetWat: newWatClient(dst),
		WorkloadPrefix: prefix, Progress: importer.NewProgress(stderr, isTerminal(stderr))}
	sum, err := im.Run(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "wat import: %v\n", err)
		return 1
	}
	sum.Write(stderr)
	if sum.Failed() {
		return 1
	}
	return 0
}

// newSDKClient is an AWS SDK client of the Well-Architected API for t.
func newSDKClient(t *awsTarget) *wellarchitected.Client {
	return wellarchitected.New(wellarchitected.Options{Region: t.Region, BaseEndpoint: aws.String(t.Endpoint),
		Credentials: credentials.StaticCredentialsProvider{Value: t.Credentials}})
}

// awsRegionOf is the region in the name of an AWS endpoint
// (wellarchitected.eu-west-1.amazonaws.com), else "".
func awsRegionOf(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return ""
	}
	parts := strings.Split(u.Hostname(), ".")
	if len(parts) >= 4 && parts[0] == "wellarchitected" && parts[len(parts)-2] == "amazonaws" {
		return parts[1]
	}
	return ""
}

// isTerminal reports whether w is a terminal, where progress is one
// redrawn line rather than a line per resource.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
