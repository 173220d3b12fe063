package sigv4

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

const (
	sigHex  = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
	sdkAuth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/wellarchitected/aws4_request, " +
		"SignedHeaders=content-type;host;x-amz-date, Signature=" + sigHex
)

var sdkParsed = authorization{
	AccessKeyID:   "AKIDEXAMPLE",
	Date:          "20150830",
	Region:        "us-east-1",
	Service:       "wellarchitected",
	Terminator:    "aws4_request",
	SignedHeaders: "content-type;host;x-amz-date",
	Signature:     sigHex,
}

func TestParseAuthorization(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		want    authorization
		wantErr string // substring of the IncompleteSignatureException message
	}{
		{name: "sdk and botocore format", header: sdkAuth, want: sdkParsed},
		{name: "commas without spaces", header: strings.ReplaceAll(sdkAuth, ", ", ","), want: sdkParsed},
		{name: "spaces without commas", header: strings.ReplaceAll(sdkAuth, ", ", " "), want: sdkParsed},
		{name: "extra whitespace and commas", header: "\t" + strings.ReplaceAll(strings.Replace(sdkAuth, " ", "  \t", 1), ", ", " ,, \t") + " , ", want: sdkParsed},
		{name: "parameters in another order", header: "AWS4-HMAC-SHA256 Signature=" + sigHex +
			", SignedHeaders=content-type;host;x-amz-date, Credential=AKIDEXAMPLE/20150830/us-east-1/wellarchitected/aws4_request", want: sdkParsed},
		{name: "one signed header", header: strings.Replace(sdkAuth, "content-type;host;x-amz-date", "host", 1),
			want: func() authorization { a := sdkParsed; a.SignedHeaders = "host"; return a }()},

		{name: "empty", header: "", wantErr: "Unsupported Authorization algorithm"},
		{name: "other scheme", header: "Bearer abc", wantErr: `"Bearer"`},
		{name: "sigv2", header: "AWS AKIDEXAMPLE:c2lnbmF0dXJl", wantErr: "Unsupported Authorization algorithm"},
		{name: "algorithm with suffix", header: strings.Replace(sdkAuth, " ", "X ", 1), wantErr: "Unsupported Authorization algorithm"},
		{name: "algorithm in lower case", header: strings.ToLower(sdkAuth[:16]) + sdkAuth[16:], wantErr: "Unsupported Authorization algorithm"},
		{name: "algorithm only", header: "AWS4-HMAC-SHA256", wantErr: "requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."},
		{name: "missing credential", header: "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + sigHex, wantErr: "requires 'Credential' parameter."},
		{name: "missing signed headers", header: strings.Replace(sdkAuth, "SignedHeaders=content-type;host;x-amz-date, ", "", 1), wantErr: "requires 'SignedHeaders' parameter."},
		{name: "missing signature", header: strings.Replace(sdkAuth, ", Signature="+sigHex, "", 1), wantErr: "requires 'Signature' parameter."},
		{name: "pair without equal sign", header: sdkAuth + ", Foo", wantErr: `"Foo" is not a valid key=value pair`},
		{name: "unknown parameter", header: sdkAuth + ", Foo=bar", wantErr: `Unknown parameter "Foo"`},
		{name: "parameter name in other case", header: strings.Replace(sdkAuth, "Signature=", "signature=", 1), wantErr: `Unknown parameter "signature"`},
		{name: "duplicate parameter", header: sdkAuth + ", Signature=" + sigHex, wantErr: `more than one "Signature"`},
		{name: "space around equal sign", header: strings.Replace(sdkAuth, "Signature=", "Signature = ", 1), wantErr: "not a valid key=value pair"},
		{name: "credential with four parts", header: strings.Replace(sdkAuth, "/wellarchitected", "", 1), wantErr: "Credential must have the form"},
		{name: "credential with six parts", header: strings.Replace(sdkAuth, "/aws4_request", "/aws4_request/x", 1), wantErr: "Credential must have the form"},
		{name: "empty access key id", header: strings.Replace(sdkAuth, "AKIDEXAMPLE", "", 1), wantErr: "Credential must have the form"},
		{name: "empty region", header: strings.Replace(sdkAuth, "us-east-1", "", 1), wantErr: "Credential must have the form"},
		{name: "empty credential", header: strings.Replace(sdkAuth, "AKIDEXAMPLE/20150830/us-east-1/wellarchitected/aws4_request", "", 1), wantErr: "Credential must have the form"},
		{name: "empty signed headers", header: strings.Replace(sdkAuth, "content-type;host;x-amz-date", "", 1), wantErr: "SignedHeaders must be lower-case"},
		{name: "empty signed header name", header: strings.Replace(sdkAuth, "host;", ";", 1), wantErr: "SignedHeaders must be lower-case"},
		{name: "trailing semicolon", header: strings.Replace(sdkAuth, "x-amz-date", "x-amz-date;", 1), wantErr: "SignedHeaders must be lower-case"},
		{name: "upper-case signed header", header: strings.Replace(sdkAuth, "host", "Host", 1), wantErr: "SignedHeaders must be lower-case"},
		{name: "unsorted signed headers", header: strings.Replace(sdkAuth, "content-type;host", "host;content-type", 1), wantErr: "must be sorted"},
		{name: "duplicate signed header", header: strings.Replace(sdkAuth, "content-type;host", "host;host", 1), wantErr: "must be sorted"},
		{name: "signed authorization", header: strings.Replace(sdkAuth, "content-type;", "authorization;content-type;", 1), wantErr: "cannot include 'authorization'"},
		{name: "short signature", header: sdkAuth[:len(sdkAuth)-2], wantErr: "64 lower-case hexadecimal"},
		{name: "long signature", header: sdkAuth + "00", wantErr: "64 lower-case hexadecimal"},
		{name: "upper-case signature", header: strings.Replace(sdkAuth, sigHex, strings.ToUpper(sigHex), 1), wantErr: "64 lower-case hexadecimal"},
		{name: "non-hex signature", header: strings.Replace(sdkAuth, sigHex, strings.Repeat("g", 64), 1), wantErr: "64 lower-case hexadecimal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseAuthorization(tc.header)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("parseAuthorization(%q) error: %v", tc.header, err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("parseAuthorization(%q) mismatch (-want +got):\n%s", tc.header, diff)
				}
				return
			}
			var we *wat.Error
			if !errors.As(err, &we) || we.Code != wat.EUnauthenticated || we.Type != TypeIncompleteSignature {
				t.Fatalf("parseAuthorization(%q) error = %#v, want an %s", tc.header, err, TypeIncompleteSignature)
			}
			if !strings.Contains(we.Message, tc.wantErr) {
				t.Errorf("parseAuthorization(%q) message %q, want it to contain %q", tc.header, we.Message, tc.wantErr)
			}
		})
	}
}

// formatAuthorization writes a as the SDKs do.
func formatAuthorization(a authorization) string {
	return algorithm + " Credential=" + strings.Join([]string{a.AccessKeyID, a.Date, a.Region, a.Service, a.Terminator}, "/") +
		", SignedHeaders=" + a.SignedHeaders + ", Signature=" + a.Signature
}

func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{
		sdkAuth,
		strings.ReplaceAll(sdkAuth, ", ", ","),
		strings.ReplaceAll(sdkAuth, ", ", " "),
		"AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=" + sigHex,
		"AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;;, Signature=",
		"AWS4-HMAC-SHA256 ,,,, = == ,Credential==",
		"AWS4-HMAC-SHA256",
		"Bearer x",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		a, err := parseAuthorization(header)
		if err != nil {
			var we *wat.Error
			if !errors.As(err, &we) || we.Type != TypeIncompleteSignature || we.Code != wat.EUnauthenticated || we.Message == "" {
				t.Fatalf("parseAuthorization(%q) error = %#v, want an %s", header, err, TypeIncompleteSignature)
			}
			return
		}
		// What is accepted is well-formed and survives a round trip through
		// the SDKs' format.
		if a.AccessKeyID == "" || a.Date == "" || a.Region == "" || a.Service == "" || a.Terminator == "" {
			t.Fatalf("parseAuthorization(%q) accepted an empty credential part: %+v", header, a)
		}
		if !isLowerHex(a.Signature, 64) || checkSignedHeaders(a.SignedHeaders) != nil {
			t.Fatalf("parseAuthorization(%q) accepted %+v", header, a)
		}
		b, err := parseAuthorization(formatAuthorization(a))
		if err != nil {
			t.Fatalf("re-parsing %q: %v", formatAuthorization(a), err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("round trip of %q mismatch (-first +second):\n%s", header, diff)
		}
	})
}
