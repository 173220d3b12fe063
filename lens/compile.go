package lens

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
)

// Compile validates doc as a custom lens and builds its Lens. It reports
// every problem at once, as one *wat.Error with code EInvalid and reason
// FIELD_VALIDATION_FAILED whose Fields name each problem's value by its
// JSON path (Name, such as "pillars[2].questions[4].riskRules[1].condition")
// and say what is wrong, with the ids on the way and, for a document from
// ParseDocument, the line and column (Message; see Problem.Detail).
func Compile(doc *Document) (*Lens, error) {
	return compileErr(doc, customProfile)
}

// CompileOfficial is Compile for the document of an AWS official lens, such
// as wat's built-in framework lens. Official lenses predate two rules of the
// custom-lens format, which it relaxes: question ids may contain '-' (the
// framework's "ops-model"), and question and choice titles may be as long as
// the API allows (512 characters, not the format's 128). An official lens
// may also know its choices by former ids (aliases), which the lens format
// has no place for; an alias that names no choice, or shadows one, makes
// the lens invalid.
func CompileOfficial(doc *Document, aliases ...ChoiceAlias) (*Lens, error) {
	l, err := compileErr(doc, officialProfile)
	if err != nil {
		return nil, err
	}
	if err := l.aliases(aliases); err != nil {
		return nil, err
	}
	return l, nil
}

// Validate parses and compiles a custom lens document, returning every
// problem placed in data. With no problems it returns the Lens; the
// Document is nil only when data is not a JSON object document, in which
// case there is one problem, at the fault. It is what ParseDocument and
// Compile do, for callers (such as `wat lens lint`) that want the problems
// themselves rather than an error.
func Validate(data []byte) (*Lens, *Document, []Problem) {
	doc, p := parse(data, MaxDocumentSize)
	if p != nil {
		line, col := position(data, p.offset)
		return nil, nil, []Problem{{Line: line, Col: col, Message: p.msg}}
	}
	l, ps := compile(doc, customProfile)
	return l, doc, ps
}

func compileErr(doc *Document, prof profile) (*Lens, error) {
	if doc == nil {
		return nil, wat.Invalid("", "no lens document")
	}
	l, ps := compile(doc, prof)
	if len(ps) > 0 {
		return nil, problemsError(ps)
	}
	return l, nil
}

// MaxProblems is how many problems Validate and Compile find in a document
// before they only count the rest; a last problem says how many more there
// are. It bounds the work a hostile document can cause, far above what a
// real lens at every limit of the format could have wrong.
const MaxProblems = 10_000

func compile(doc *Document, prof profile) (*Lens, []Problem) {
	c := &compiler{profile: prof, pillarIDs: map[string]string{}, questionIDs: map[string]string{},
		budget: MaxProblems - len(doc.mismatches)}
	l := c.lens(doc)
	if len(doc.mismatches) == 0 && len(c.problems) == 0 {
		return l, nil
	}
	ps := doc.place(append(slices.Clip(doc.mismatches), c.problems...))
	if more := doc.dropped + c.dropped; more > 0 {
		p := Problem{Message: fmt.Sprintf("and %d more problems, not listed; fix these first", more)}
		if doc.src != nil {
			p.Line, p.Col = position(doc.src, len(doc.src))
		}
		ps = append(ps, p)
	}
	return nil, ps
}

type compiler struct {
	profile
	budget      int // how many more problems to record
	dropped     int // problems beyond the budget, counted only
	problems    []problem
	pillarIDs   map[string]string // id -> path of its first use
	questionIDs map[string]string
}

func (c *compiler) lens(doc *Document) *Lens {
	switch doc.SchemaVersion {
	case SchemaVersion:
	case "":
		c.add("schemaVersion", "is required; use %q", SchemaVersion)
	default:
		c.add("schemaVersion", "is %q; wat reads only %q", doc.SchemaVersion, SchemaVersion)
	}
	c.text("name", doc.Name, true, lensNameLimit)
	c.text("description", doc.Description, false, lensDescriptionLimit)
	c.count("pillars", len(doc.Pillars), "pillar", MaxPillars)

	l := &Lens{Name: doc.Name, Description: doc.Description, byID: map[string]*Question{}}
	for i := range doc.Pillars {
		p := c.pillar("pillars["+strconv.Itoa(i)+"]", &doc.Pillars[i])
		l.Pillars = append(l.Pillars, p)
		for _, q := range p.Questions {
			l.questions = append(l.questions, q)
			if _, dup := l.byID[q.ID]; !dup {
				l.byID[q.ID] = q
			}
		}
	}
	l.questions = slices.Clip(l.questions)
	return l
}

func (c *compiler) pillar(path string, d *PillarDoc) *Pillar {
	c.id(path+".id", d.ID, pillarIDLimit, false)
	c.unique(c.pillarIDs, path+".id", d.ID, "pillar")
	c.text(path+".name", d.Name, true, pillarNameLimit)
	c.count(path+".questions", len(d.Questions), "question", MaxQuestionsPerPillar)
	p := &Pillar{ID: d.ID, Name: d.Name}
	for j := range d.Questions {
		q := c.question(path+".questions["+strconv.Itoa(j)+"]", &d.Questions[j])
		q.PillarID = d.ID
		p.Questions = append(p.Questions, q)
	}
	return p
}

func (c *compiler) question(path string, d *QuestionDoc) *Question {
	c.id(path+".id", d.ID, questionIDLimit, c.dashInQuestionIDs)
	c.unique(c.questionIDs, path+".id", d.ID, "question")
	c.text(path+".title", d.Title, true, c.questionTitle)
	c.text(path+".description", d.Description, false, questionDescriptionLimit)
	q := &Question{
		ID: d.ID, Title: d.Title, Description: d.Description,
		HelpfulResource: c.resource(path+".helpfulResource", d.HelpfulResource, questionTextLimit, questionURLLimit),
		none:            -1,
		path:            path,
	}
	c.count(path+".choices", len(d.Choices), "choice", MaxChoicesPerQuestion)
	choiceIDs := map[string]string{}
	for k := range d.Choices {
		cpath := path + ".choices[" + strconv.Itoa(k) + "]"
		ch := c.choice(cpath, &d.Choices[k])
		c.unique(choiceIDs, cpath+".id", ch.ID, "choice")
		if isNoneID(ch.ID) {
			if q.none >= 0 {
				c.add(cpath+".id", "is a second \"None of these\" choice (id ending in %q); %s.choices[%d] is the first", NoneSuffix, path, q.none)
			} else {
				q.none = k
			}
		}
		q.Choices = append(q.Choices, ch)
	}
	index := make(map[string]int, len(q.Choices))
	for k := len(q.Choices) - 1; k >= 0; k-- { // the first of repeated ids wins
		index[q.Choices[k].ID] = k
	}
	q.rules = c.riskRules(path, d.RiskRules, q, index)
	return q
}

func (c *compiler) choice(path string, d *ChoiceDoc) *Choice {
	c.id(path+".id", d.ID, choiceIDLimit, false)
	if d.ID == DefaultCondition {
		c.add(path+".id", "%q is reserved for the default risk rule", DefaultCondition)
	}
	c.text(path+".title", d.Title, true, c.choiceTitle)
	c.text(path+".description", d.Description, false, choiceDescriptionLimit)
	ch := &Choice{
		ID: d.ID, Title: d.Title, Description: d.Description,
		HelpfulResource: c.resource(path+".helpfulResource", d.HelpfulResource, choiceTextLimit, choiceURLLimit),
		ImprovementPlan: c.resource(path+".improvementPlan", d.ImprovementPlan, choiceTextLimit, choiceURLLimit),
	}
	if !isNoneID(d.ID) {
		const why = "every choice but a \"None of these\" one, whose id ends in %q, needs an improvement plan"
		switch plan := d.ImprovementPlan; {
		case plan == nil:
			c.add(path+".improvementPlan", "is required: "+why, NoneSuffix)
		case strings.TrimSpace(plan.DisplayText) == "" && plan.URL == "": // with a URL, resource said so
			c.add(path+".improvementPlan.displayText", "is required: "+why, NoneSuffix)
		}
	}
	seen := map[string]int{}
	for m, ar := range d.AdditionalResources {
		apath := path + ".additionalResources[" + strconv.Itoa(m) + "]"
		switch ar.Type {
		case HelpfulResourceType, ImprovementPlanType:
			if first, dup := seen[ar.Type]; dup {
				c.add(apath+".type", "repeats the type %s of %s.additionalResources[%d]; put all its links in that one", ar.Type, path, first)
			} else {
				seen[ar.Type] = m
			}
		case "":
			c.add(apath+".type", "is required; use %s or %s", HelpfulResourceType, ImprovementPlanType)
		default:
			c.add(apath+".type", "is %q; use %s or %s", ar.Type, HelpfulResourceType, ImprovementPlanType)
		}
		if len(ar.Content) > MaxResourcesPerType {
			c.add(apath+".content", "has %d links; at most %d of each type are allowed", len(ar.Content), MaxResourcesPerType)
		}
		out := AdditionalResources{Type: ar.Type}
		for n := range ar.Content {
			out.Content = append(out.Content, c.resource(apath+".content["+strconv.Itoa(n)+"]", &ar.Content[n], choiceTextLimit, choiceURLLimit))
		}
		ch.AdditionalResources = append(ch.AdditionalResources, out)
	}
	return ch
}

// riskRules checks and compiles a question's rules; q's choices are known,
// index maps their ids to their positions.
func (c *compiler) riskRules(path string, rules []RiskRuleDoc, q *Question, index map[string]int) []rule {
	c.count(path+".riskRules", len(rules), "risk rule", MaxRiskRules)
	out := make([]rule, 0, len(rules))
	def, defaults := -1, 0
	levels := map[string]int{}
	for r, d := range rules {
		rpath := path + ".riskRules[" + strconv.Itoa(r) + "]"
		risk, ok := riskOf(d.Risk)
		switch {
		case d.Risk == "":
			c.add(rpath+".risk", "is required; use %s, %s or %s", HighRisk, MediumRisk, NoRisk)
		case !ok:
			c.add(rpath+".risk", "is %q; use %s, %s or %s", d.Risk, HighRisk, MediumRisk, NoRisk)
		default:
			if first, dup := levels[d.Risk]; dup {
				c.add(rpath+".risk", "is %s again, as in %s.riskRules[%d]; a question has one rule per risk level (join their conditions with ||)", d.Risk, path, first)
			} else {
				levels[d.Risk] = r
			}
		}
		cond, err := ParseCondition(d.Condition)
		if err != nil {
			at := -1
			if se, ok := err.(*SyntaxError); ok {
				at = se.Offset
			}
			c.addAt(rpath+".condition", at, "%v", err)
			continue
		}
		if cond.Default {
			defaults++
			if def >= 0 {
				c.add(rpath+".condition", "is a second default rule; %s.riskRules[%d] is the default", path, def)
			} else {
				def = r
			}
		}
		known := true
		for _, id := range cond.Idents() {
			if _, found := index[id.Name]; !found {
				known = false
				c.addMoot(rpath+".condition", path+".choices", id.Offset,
					"names %q at offset %d, which is not a choice of this question%s", id.Name, id.Offset, suggest(id.Name, q.Choices))
			}
		}
		if !known {
			continue
		}
		p, err := compileCondition(cond, func(id string) int { return index[id] })
		if err != nil {
			c.add(rpath+".condition", "%v", err)
			continue
		}
		out = append(out, rule{cond: p, risk: risk, text: d.Condition})
	}
	switch {
	case len(rules) == 0: // the count said so
	case def < 0:
		c.addMoot(path+".riskRules", path+".riskRules", -1, "needs a default rule: {\"condition\": %q, \"risk\": ...}", DefaultCondition)
	case defaults == 1 && def != len(rules)-1:
		c.add(fmt.Sprintf("%s.riskRules[%d].condition", path, def), "the default rule must be the last rule; rules after it would never apply")
	}
	return out
}

// suggest names the choice an unknown id in a condition probably meant.
func suggest(id string, choices []*Choice) string {
	if len(choices) > MaxChoicesPerQuestion {
		return "" // the count is the problem; keep hostile documents cheap
	}
	for _, ch := range choices {
		if strings.EqualFold(ch.ID, id) {
			return fmt.Sprintf("; did you mean %q? Ids are case-sensitive", ch.ID)
		}
	}
	for _, ch := range choices {
		if similar(ch.ID, id) {
			return fmt.Sprintf("; did you mean %q?", ch.ID)
		}
	}
	return ""
}

func riskOf(s string) (wat.Risk, bool) {
	switch s {
	case HighRisk:
		return wat.RiskHigh, true
	case MediumRisk:
		return wat.RiskMedium, true
	case NoRisk:
		return wat.RiskNone, true
	}
	return "", false
}
