package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/wat-dev/wat"
)

//go:embed templates/review.html
var reviewHTML string

// reviewTemplate renders a lens review as one self-contained HTML page:
// inline CSS, no script, no image, no font or style sheet to fetch (its
// Content-Security-Policy forbids loading anything), so that the file can be
// mailed or archived and shows the same everywhere. html/template escapes
// every user text by its context and refuses links that are not web
// addresses.
var reviewTemplate = template.Must(template.New("review").Funcs(template.FuncMap{
	"date":       date,
	"reason":     reason,
	"risk":       func(r wat.Risk) string { return riskLabels[r] },
	"unanswered": func(r wat.Risk) bool { return r == wat.RiskUnanswered },
	"inc":        func(i int) int { return i + 1 },
	"counts": func(c wat.RiskCounts) []int {
		return []int{c[wat.RiskHigh], c[wat.RiskMedium], c[wat.RiskNone], c[wat.RiskNotApplicable], c[wat.RiskUnanswered]}
	},
	"link":  htmlLink,
	"more":  htmlMore,
	"lines": func(ls []string) string { return strings.Join(ls, "\n") },
	"bars":  bars,
}).Parse(reviewHTML))

// htmlView is what the template shows: the report and what it derives.
type htmlView struct {
	*LensReview
	Fields          []field
	Answered, Total int
	MaxRisks        int // the most high plus medium risks of a pillar
}

// HTML renders the lens review report as a self-contained HTML page with
// the sections of the PDF.
func (r *LensReview) HTML() ([]byte, error) {
	v := htmlView{LensReview: r, Fields: append(r.Workload.fields(), field{"Lens review updated", date(r.UpdatedAt)})}
	if v.Fields[len(v.Fields)-1].Value == "" {
		v.Fields = v.Fields[:len(v.Fields)-1]
	}
	v.Answered, v.Total = r.answeredCount()
	for _, p := range r.Pillars {
		v.MaxRisks = max(v.MaxRisks, p.RiskCounts[wat.RiskHigh]+p.RiskCounts[wat.RiskMedium])
	}
	var b bytes.Buffer
	if err := reviewTemplate.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("HTML report: %w", err)
	}
	return b.Bytes(), nil
}

// htmlLink is an escaped link to url when it is a web address, the escaped
// title alone otherwise.
func htmlLink(title, url string) template.HTML {
	var b bytes.Buffer
	if u := webURL(url); u != "" {
		fmt.Fprintf(&b, `<a href="%s" rel="noopener noreferrer">%s</a>`, template.HTMLEscapeString(u), template.HTMLEscapeString(plain(title)))
	} else {
		b.WriteString(template.HTMLEscapeString(plain(title)))
	}
	return template.HTML(b.String())
}

// htmlMore is a link to learn more at url when it is a web address; ""
// otherwise. Printed, the page spells the address after it (see the style
// of a.more).
func htmlMore(url string) template.HTML {
	u := webURL(url)
	if u == "" {
		return ""
	}
	return template.HTML(`<a class="more" href="` + template.HTMLEscapeString(u) + `" rel="noopener noreferrer">Learn more</a>`)
}

// bars draws a pillar's high and medium risks as two bars scaled to the
// largest total; it holds numbers only.
func bars(c wat.RiskCounts, most int) template.HTML {
	if most == 0 {
		return ""
	}
	w := func(n int) float64 { return 12 * float64(n) / float64(most) }
	return template.HTML(fmt.Sprintf(`<span class="bar HIGH" style="width:%.2frem"></span><span class="bar MEDIUM" style="width:%.2frem"></span> %d / %d`,
		w(c[wat.RiskHigh]), w(c[wat.RiskMedium]), c[wat.RiskHigh], c[wat.RiskMedium]))
}
