package lens

import (
	"fmt"
	"slices"

	"github.com/wat-dev/wat"
)

// Limits of a lens document. The maximum counts are those of AWS custom
// lenses; the lengths are those of the API shapes the values travel in.
const (
	MaxPillars            = 10
	MaxQuestionsPerPillar = 20
	MaxChoicesPerQuestion = 15
	MaxRiskRules          = 3

	maxLensName            = 128
	maxLensDescription     = 1024
	maxPillarID            = 64
	maxPillarName          = 128
	maxQuestionID          = 128
	maxQuestionTitle       = 512
	maxQuestionDescription = 1024
	maxChoiceID            = 64
	maxChoiceTitle         = 512
	maxChoiceDescription   = 1024
	maxURL                 = 2048
)

// Compile validates doc and builds its Lens. It reports every problem it
// finds at once, as one *wat.Error with code EInvalid whose Fields name each
// problem's place by its JSON path in the document, such as
// "pillars[2].questions[4].riskRules[1].condition".
func Compile(doc *Document) (*Lens, error) {
	if doc == nil {
		return nil, wat.Invalid("", "no lens document")
	}
	c := &compiler{}
	l := c.lens(doc)
	if err := c.problems.err(); err != nil {
		return nil, err
	}
	return l, nil
}

type compiler struct {
	problems   problems
	pillarIDs  map[string]string // id -> path of its first use
	questionID map[string]string
}

func (c *compiler) lens(doc *Document) *Lens {
	c.pillarIDs = map[string]string{}
	c.questionID = map[string]string{}
	if doc.SchemaVersion != SchemaVersion {
		if doc.SchemaVersion == "" {
			c.add("schemaVersion", "is required; use %q", SchemaVersion)
		} else {
			c.add("schemaVersion", "is %q; wat reads only %q", doc.SchemaVersion, SchemaVersion)
		}
	}
	c.text("name", doc.Name, true, maxLensName)
	c.text("description", doc.Description, false, maxLensDescription)
	c.count("pillars", len(doc.Pillars), "pillar", MaxPillars)

	l := &Lens{Name: doc.Name, Description: doc.Description, byID: map[string]*Question{}}
	for i := range doc.Pillars {
		p := c.pillar(fmt.Sprintf("pillars[%d]", i), &doc.Pillars[i])
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
	c.id(path+".id", d.ID, maxPillarID, false)
	c.unique(c.pillarIDs, path+".id", d.ID, "pillar")
	c.text(path+".name", d.Name, true, maxPillarName)
	c.count(path+".questions", len(d.Questions), "question", MaxQuestionsPerPillar)
	p := &Pillar{ID: d.ID, Name: d.Name}
	for j := range d.Questions {
		q := c.question(fmt.Sprintf("%s.questions[%d]", path, j), &d.Questions[j])
		q.PillarID = d.ID
		p.Questions = append(p.Questions, q)
	}
	return p
}

func (c *compiler) question(path string, d *QuestionDoc) *Question {
	c.id(path+".id", d.ID, maxQuestionID, true)
	c.unique(c.questionID, path+".id", d.ID, "question")
	c.text(path+".title", d.Title, true, maxQuestionTitle)
	c.text(path+".description", d.Description, false, maxQuestionDescription)
	q := &Question{
		ID: d.ID, Title: d.Title, Description: d.Description,
		HelpfulResource: c.resource(path+".helpfulResource", d.HelpfulResource),
		none:            -1,
	}
	c.count(path+".choices", len(d.Choices), "choice", MaxChoicesPerQuestion)
	choiceIDs := map[string]string{}
	for k := range d.Choices {
		cpath := fmt.Sprintf("%s.choices[%d]", path, k)
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
	q.rules = c.riskRules(path, d.RiskRules, q)
	return q
}

func (c *compiler) choice(path string, d *ChoiceDoc) *Choice {
	c.id(path+".id", d.ID, maxChoiceID, false)
	if d.ID == DefaultCondition {
		c.add(path+".id", "%q is reserved for the default risk rule", DefaultCondition)
	}
	c.text(path+".title", d.Title, true, maxChoiceTitle)
	c.text(path+".description", d.Description, false, maxChoiceDescription)
	ch := &Choice{
		ID: d.ID, Title: d.Title, Description: d.Description,
		HelpfulResource: c.resource(path+".helpfulResource", d.HelpfulResource),
		ImprovementPlan: c.resource(path+".improvementPlan", d.ImprovementPlan),
	}
	if !isNoneID(d.ID) && (d.ImprovementPlan == nil || d.ImprovementPlan.DisplayText == "") {
		c.add(path+".improvementPlan", "is required (displayText); only a \"None of these\" choice, whose id ends in %q, may omit it", NoneSuffix)
	}
	for m, ar := range d.AdditionalResources {
		apath := fmt.Sprintf("%s.additionalResources[%d]", path, m)
		switch ar.Type {
		case HelpfulResourceType, ImprovementPlanType:
		case "":
			c.add(apath+".type", "is required; use %s or %s", HelpfulResourceType, ImprovementPlanType)
		default:
			c.add(apath+".type", "is %q; use %s or %s", ar.Type, HelpfulResourceType, ImprovementPlanType)
		}
		out := AdditionalResources{Type: ar.Type}
		for n := range ar.Content {
			out.Content = append(out.Content, c.resource(fmt.Sprintf("%s.content[%d]", apath, n), &ar.Content[n]))
		}
		ch.AdditionalResources = append(ch.AdditionalResources, out)
	}
	return ch
}

func (c *compiler) resource(path string, d *ResourceDoc) Resource {
	if d == nil {
		return Resource{}
	}
	c.url(path+".url", d.URL)
	return Resource{DisplayText: d.DisplayText, URL: d.URL}
}

// riskRules checks and compiles a question's rules; q's choices are known.
func (c *compiler) riskRules(path string, rules []RiskRuleDoc, q *Question) []rule {
	c.count(path+".riskRules", len(rules), "risk rule", MaxRiskRules)
	out := make([]rule, 0, len(rules))
	def, defaults := -1, 0
	for r, d := range rules {
		rpath := fmt.Sprintf("%s.riskRules[%d]", path, r)
		risk, ok := riskOf(d.Risk)
		switch {
		case d.Risk == "":
			c.add(rpath+".risk", "is required; use %s, %s or %s", HighRisk, MediumRisk, NoRisk)
		case !ok:
			c.add(rpath+".risk", "is %q; use %s, %s or %s", d.Risk, HighRisk, MediumRisk, NoRisk)
		}
		cond, err := ParseCondition(d.Condition)
		if err != nil {
			c.add(rpath+".condition", "%v", err)
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
			if _, found := q.Choice(id.Name); !found {
				known = false
				c.add(rpath+".condition", "names %q at offset %d, which is not a choice of this question", id.Name, id.Offset)
			}
		}
		if !known {
			continue
		}
		p, err := compileCondition(cond, func(id string) int {
			return slices.IndexFunc(q.Choices, func(ch *Choice) bool { return ch.ID == id })
		})
		if err != nil {
			c.add(rpath+".condition", "%v", err)
			continue
		}
		out = append(out, rule{cond: p, risk: risk})
	}
	switch {
	case def < 0:
		c.add(path+".riskRules", "needs a default rule: {\"condition\": %q, \"risk\": ...}", DefaultCondition)
	case defaults == 1 && def != len(rules)-1:
		c.add(fmt.Sprintf("%s.riskRules[%d].condition", path, def), "the default rule must be the last rule; rules after it would never apply")
	}
	return out
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
