package report

import "encoding/json"

// JSON renders the consolidated report as one indented JSON document: the
// model (every workload with its lenses, pillars, questions and missing
// best practices) and its Summary.
func (c *Consolidated) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(struct {
		*Consolidated
		Summary Summary
	}{c, c.Summary()}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
