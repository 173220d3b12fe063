package service

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// IndustryTypes are the values IndustryType accepts, as the API reference lists them.
var IndustryTypes = []string{
	"Agriculture", "Automobile", "Defense", "Design and Engineering", "Digital Advertising",
	"Education", "Environmental Protection", "Financial Services", "Gaming",
	"General Public Services", "Healthcare", "Hospitality", "InfoTech",
	"Justice and Public Safety", "Life Sciences", "Manufacturing", "Media & Entertainment",
	"Mining & Resources", "Oil & Gas", "Power & Utilities", "Professional Services",
	"Real Estate & Construction", "Retail & Wholesale", "Social Protection",
	"Telecommunications", "Travel, Transportation & Logistics", "Other",
}

var awsRegionRE = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$`)

// problems collects validation failures so a request reports all of them at once.
type problems struct {
	fields []wat.FieldError
}

func (p *problems) add(field, format string, args ...any) {
	p.fields = append(p.fields, wat.FieldError{Name: field, Message: sprintf(format, args...)})
}

// err returns the collected problems as one EInvalid error, or nil.
func (p *problems) err() error {
	if len(p.fields) == 0 {
		return nil
	}
	msgs := make([]string, len(p.fields))
	for i, f := range p.fields {
		msgs[i] = f.Name + ": " + f.Message
	}
	return &wat.Error{
		Code:    wat.EInvalid,
		Reason:  wat.ReasonFieldValidationFailed,
		Message: strings.Join(msgs, "; "),
		Fields:  p.fields,
	}
}

// nonSpaceCount counts the characters of s that a reader sees: neither
// white space nor invisible (zero-width spaces and the like), so that the
// minimum length of a name cannot be met with characters that show
// nothing.
func nonSpaceCount(s string) int { return wat.VisibleLen(s) }

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// checkTags validates tag keys and values beyond the model's length limits.
func checkTags(p *problems, field string, tags map[string]string) {
	for k := range tags {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			p.add(field+"."+k, "Tag keys starting with 'aws:' are reserved for AWS use")
		}
	}
	if len(tags) > MaxTagsPerResource {
		p.add(field, "A resource can have at most %d tags", MaxTagsPerResource)
	}
}

// dedupe returns ss without repeated values, order kept.
func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
