package policy

import "sort"

// managed holds the AWS managed policies wat knows, by name.
var managed = map[string]string{
	"WellArchitectedConsoleFullAccess": `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["wellarchitected:*"], "Resource": "*"}]
}`,
	"WellArchitectedConsoleReadOnlyAccess": `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["wellarchitected:Get*", "wellarchitected:List*", "wellarchitected:ExportLens"],
    "Resource": "*"
  }]
}`,
}

// Managed returns the AWS managed policy of that name, freshly parsed so
// that callers may not disturb one another, and whether wat knows it:
// "WellArchitectedConsoleFullAccess" (every Well-Architected action) or
// "WellArchitectedConsoleReadOnlyAccess" (Get*, List* and ExportLens).
func Managed(name string) (*Policy, bool) {
	doc, ok := managed[name]
	if !ok {
		return nil, false
	}
	p, err := Parse([]byte(doc))
	if err != nil {
		panic("policy: managed policy " + name + " does not parse: " + err.Error())
	}
	return p, true
}

// ManagedNames lists the managed policies Managed knows, sorted.
func ManagedNames() []string {
	names := make([]string, 0, len(managed))
	for n := range managed {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
