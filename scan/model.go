// Package scan reads infrastructure code — CloudFormation templates (JSON or
// YAML, SAM, CDK output) and Terraform plan JSON — into one model of
// resources per kind, and evaluates rules, kept as data, that give evidence
// for best practices of the Well-Architected Framework. It does no I/O of its
// own: callers hand it the bytes of each file.
package scan

import "fmt"

// Resource is one resource of a template or plan, normalised: its kind
// (such as "s3_bucket") and properties named the same whatever the source,
// so that one rule covers CloudFormation and Terraform alike.
type Resource struct {
	Kind  string         // e.g. "s3_bucket"
	Type  string         // the source type, e.g. "AWS::S3::Bucket" or "aws_s3_bucket"
	Name  string         // logical id (CloudFormation) or address (Terraform)
	File  string         // the file it was read from
	Line  int            // the line of its declaration, 1-based; 0 if not known
	Props map[string]any // normalised properties; see Unknown for values not known statically
}

// Location returns FILE:LINE, or FILE when the line is not known.
func (r *Resource) Location() string {
	if r.Line > 0 {
		return fmt.Sprintf("%s:%d", r.File, r.Line)
	}
	return r.File
}

// Unknown is the value of a property that cannot be known without deploying:
// a reference to a parameter, an imported value, a condition, a value that
// Terraform computes at apply time. Rules evaluate it to UNKNOWN, never to a
// guess.
type Unknown struct {
	Why string // e.g. "Ref to parameter BucketName"
}

// ref is a reference to another resource of the same template: a value that
// is certainly there, but opaque.
type ref struct{ target string }

// Problem is a file that could not be read as a template: it is reported
// with its location and the scan goes on with the other files.
type Problem struct {
	File    string
	Line    int
	Message string
}

// Error formats the problem as FILE:LINE: MESSAGE.
func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}
