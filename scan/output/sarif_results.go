package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wat-dev/wat/scan"
	"github.com/wat-dev/wat/scan/files"
)

// WriteReport writes the SARIF log of the report.
func (s SARIF) WriteReport(w io.Writer, rules []*scan.Rule, rep *scan.Report, _ Summary) error {
	return s.write(w, rules, rep)
}

// WriteRules writes a SARIF log with the rules and no result.
func (s SARIF) WriteRules(w io.Writer, rules []*scan.Rule) error { return s.write(w, rules, nil) }

// write writes the SARIF log: the rules and the notifications through
// encoding/json, the results — most of the log — as they are made
// (jsonOut), so that the log is never held in memory whole.
func (s SARIF) write(w io.Writer, rules []*scan.Rule, rep *scan.Report) error {
	run := sarifRun{
		Tool:        sarifTool{Driver: sarifDriver{Name: "wat", Version: s.ToolVersion, InformationURI: watURI, Rules: []sarifRule{}}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true, Notifications: []sarifNotification{}}},
	}
	index := map[*scan.Rule]int{}
	for i, r := range rules {
		index[r] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	uris := uriCache{}
	if rep != nil {
		for _, p := range rep.Problems {
			run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{
				Level: "error", Message: sarifText{Text: "Not read: " + p.Message}, Locations: []sarifLocation{uris.location(p.File, p.Line, "")},
			})
		}
	}
	j := newJSONOut(w)
	j.open('{')
	j.key("$schema").str(sarifSchema)
	j.key("version").str(sarifVersion)
	j.key("runs").open('[')
	j.next()
	j.open('{')
	j.key("tool").value(run.Tool)
	j.key("invocations").value(run.Invocations)
	j.key("results").open('[')
	if rep != nil {
		for _, res := range rep.Results {
			if res.Status == scan.Pass {
				continue
			}
			j.next()
			out := uris.result(res, index[res.Rule])
			writeSARIFResult(j, &out)
		}
	}
	j.close(']')
	j.close('}')
	j.close(']')
	j.close('}')
	return j.end()
}

// uriCache keeps the SARIF URI of each file, which takes the working
// directory to make.
type uriCache map[string]string

// uri is the SARIF URI of file.
func (c uriCache) uri(file string) string {
	u, ok := c[file]
	if !ok {
		u = sarifURI(file)
		c[file] = u
	}
	return u
}

// result is a result that is not a pass as SARIF gives it: a failure at
// the level of the rule's severity, or an unknown to review.
func (c uriCache) result(res scan.Result, ruleIndex int) sarifResult {
	r := res.Resource
	var ids []string
	for _, bp := range res.Rule.Practices {
		ids = append(ids, bp.ID)
	}
	uri := c.uri(r.File)
	out := sarifResult{RuleID: res.Rule.ID, RuleIndex: ruleIndex, Locations: []sarifLocation{c.location(r.File, r.Line, r.Name)}}
	if res.Status == scan.Fail {
		out.Kind, out.Level = "fail", sarifLevel(res.Rule.Severity)
		out.Message.Text = fmt.Sprintf("%s (%s) fails %q: evidence against %s.", r.Name, r.Type, res.Rule.Title, strings.Join(ids, ", "))
	} else { // SARIF: a result that is not a failure has level "none"
		out.Kind, out.Level = "review", "none"
		out.Message.Text = fmt.Sprintf("%s (%s): whether it meets %q is not known before deployment (%s); review it for %s.",
			r.Name, r.Type, res.Rule.Title, res.Reason, strings.Join(ids, ", "))
	}
	sum := sha256.Sum256([]byte(res.Rule.ID + "\x00" + uri + "\x00" + r.Name))
	out.PartialFingerprints = map[string]string{"watResource/v1": hex.EncodeToString(sum[:16])}
	return out
}

// location is a place in a file, relative to %SRCROOT% unless it is
// outside, and the resource there when there is one.
func (c uriCache) location(file string, line int, resource string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: c.uri(file)}}}
	if !strings.HasPrefix(loc.PhysicalLocation.ArtifactLocation.URI, "file:") {
		loc.PhysicalLocation.ArtifactLocation.URIBaseID = srcRoot
	}
	if line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
	}
	if resource != "" {
		loc.LogicalLocations = []sarifLogicalLoc{{Name: resource, Kind: "resource"}}
	}
	return loc
}

// writeSARIFResult writes a sarifResult as encoding/json does.
func writeSARIFResult(j *jsonOut, r *sarifResult) {
	j.open('{')
	j.key("ruleId").str(r.RuleID)
	j.key("ruleIndex").num(r.RuleIndex)
	j.key("kind").str(r.Kind)
	j.key("level").str(r.Level)
	j.key("message")
	writeSARIFText(j, &r.Message)
	j.key("locations")
	jsonList(j, r.Locations, writeSARIFLocation)
	j.key("partialFingerprints")
	if r.PartialFingerprints == nil {
		j.null()
	} else {
		j.open('{')
		for _, k := range slices.Sorted(maps.Keys(r.PartialFingerprints)) {
			j.key(k).str(r.PartialFingerprints[k])
		}
		j.close('}')
	}
	j.close('}')
}

// writeSARIFText writes a sarifText as encoding/json does.
func writeSARIFText(j *jsonOut, t *sarifText) {
	j.open('{')
	j.key("text").str(t.Text)
	if t.Markdown != "" {
		j.key("markdown").str(t.Markdown)
	}
	j.close('}')
}

// writeSARIFLocation writes a sarifLocation as encoding/json does.
func writeSARIFLocation(j *jsonOut, l *sarifLocation) {
	j.open('{')
	j.key("physicalLocation").open('{')
	a := l.PhysicalLocation.ArtifactLocation
	j.key("artifactLocation").open('{')
	j.key("uri").str(a.URI)
	if a.URIBaseID != "" {
		j.key("uriBaseId").str(a.URIBaseID)
	}
	j.close('}')
	if r := l.PhysicalLocation.Region; r != nil {
		j.key("region").open('{')
		j.key("startLine").num(r.StartLine)
		j.close('}')
	}
	j.close('}')
	if len(l.LogicalLocations) > 0 {
		j.key("logicalLocations")
		jsonList(j, l.LogicalLocations, func(j *jsonOut, ll *sarifLogicalLoc) {
			j.open('{')
			j.key("name").str(ll.Name)
			j.key("kind").str(ll.Kind)
			j.close('}')
		})
	}
	j.close('}')
}

// sarifURI is a file's path as a URI reference relative to the directory
// the scan ran in, or an absolute file: URI when it is outside it.
func sarifURI(file string) string {
	p := files.Rel(file)
	if filepath.IsAbs(p) {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
	}
	return (&url.URL{Path: filepath.ToSlash(p)}).EscapedPath()
}
