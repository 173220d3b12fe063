package lens

import "fmt"

// Limits of a lens document: the counts of the AWS custom-lens format
// (https://docs.aws.amazon.com/wellarchitected/latest/userguide/lenses-format-specification.html).
const (
	MaxPillars            = 10
	MaxQuestionsPerPillar = 20
	MaxChoicesPerQuestion = 15
	MaxRiskRules          = 3
	// MaxResourcesPerType is how many links a choice's additional resources
	// of one type (HELPFUL_RESOURCE, IMPROVEMENT_PLAN) may hold.
	MaxResourcesPerType = 5
	// MinIDLength is the shortest pillar, question or choice id.
	MinIDLength = 3
)

// limit is the most characters a value may have. The lens format sets
// most; where the API shape the value travels in is stricter (a choice id
// is a ChoiceId, at most 64 characters, though the format allows 128),
// the API's applies and the message names it, so an author knows why wat
// rejects what the format's page allows.
type limit struct {
	max int
	// api names the API shape whose limit max is, when that is stricter
	// than the format or the format sets none; empty otherwise.
	api string
	// format is the format's own, looser limit; 0 when it sets none.
	format int
}

// The limits of each value. The question's helpful-resource text is
// returned by GetAnswer as HelpfulResourceDisplayText, a DisplayText of at
// most 64 characters. A choice's improvement plan also travels in a
// ChoiceImprovementPlan whose DisplayText is as short, but AWS's own lens
// template carries a 100-character plan, so wat keeps the plan to the
// limit of the Choice's ChoiceContent, 1024.
var (
	lensNameLimit            = limit{max: 128}
	lensDescriptionLimit     = limit{1024, "LensDescription", 2048}
	pillarIDLimit            = limit{64, "PillarId", 128}
	pillarNameLimit          = limit{max: 128}
	questionIDLimit          = limit{max: 128}
	questionTitleLimit       = limit{max: 128}
	questionDescriptionLimit = limit{1024, "QuestionDescription", 2048}
	questionTextLimit        = limit{64, "HelpfulResourceDisplayText (DisplayText)", 2048}
	questionURLLimit         = limit{2048, "HelpfulResourceUrl", 0}
	choiceIDLimit            = limit{64, "ChoiceId", 128}
	choiceTitleLimit         = limit{max: 128}
	choiceDescriptionLimit   = limit{1024, "ChoiceDescription", 0}
	choiceTextLimit          = limit{1024, "ChoiceContentDisplayText", 2048}
	choiceURLLimit           = limit{1024, "ChoiceContentUrl", 0}

	// Official lenses (see CompileOfficial) keep the API's title limits.
	officialQuestionTitleLimit = limit{max: 512, api: "QuestionTitle"}
	officialChoiceTitleLimit   = limit{max: 512, api: "ChoiceTitle"}
)

// exceeded says that a value of n characters is over the limit.
func (l limit) exceeded(n int) string {
	msg := fmt.Sprintf("is %d characters long; at most %d are allowed", n, l.max)
	switch {
	case l.api != "" && l.format > 0:
		msg += fmt.Sprintf(" (the limit of the API's %s; the lens format alone allows %d)", l.api, l.format)
	case l.api != "":
		msg += fmt.Sprintf(" (the limit of the API's %s)", l.api)
	}
	return msg
}

// profile holds the rules that differ between custom lenses, which follow
// the lens format, and AWS official lenses, which predate some of it.
type profile struct {
	dashInQuestionIDs          bool
	questionTitle, choiceTitle limit
}

var (
	customProfile   = profile{questionTitle: questionTitleLimit, choiceTitle: choiceTitleLimit}
	officialProfile = profile{dashInQuestionIDs: true, questionTitle: officialQuestionTitleLimit, choiceTitle: officialChoiceTitleLimit}
)
