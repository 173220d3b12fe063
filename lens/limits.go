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

// limit is the most characters a value may have, and the shorter limit of
// an API shape the value travels in, if any.
//
// The two kinds of API shape are treated differently. A pillar or choice
// id comes back in requests (ListAnswers' PillarId, UpdateAnswer's
// SelectedChoices), where the API's limit is enforced: an id longer than
// it could never be answered, so that limit is the one imported lenses
// must keep (api). Texts and URLs only go out, in responses the API
// writes and the AWS SDKs do not check, so wat returns them in full and
// keeps only the format's limit; the response shape's limit (shown) just
// earns a lint warning (see Warnings). Public lenses written for AWS's
// tool carry 1,400-character choice texts and 500-character question
// link texts.
type limit struct {
	max int
	// api names the request shape whose limit max is, when that is
	// stricter than the format; empty otherwise.
	api string
	// format is the format's own, looser limit when api is set; 0 when the
	// format sets none.
	format int
	// response names the response shape the value is returned in when its
	// limit, shown, is below max; empty otherwise.
	response string
	shown    int
}

// The limits of each value, and where each number comes from: "format"
// is the format's page above, "API" the Smithy model in spec/, "observed"
// the longest value among the public lenses in catalog/lenses, written for
// AWS's tool. Where the page gives no number, or public lenses carry
// longer values, the longer applies.
var (
	// format: "up to 128 characters"; API: LensName 128.
	lensNameLimit = limit{max: 128}
	// format: "up to 2048 characters".
	lensDescriptionLimit = limit{max: 2048, response: "LensDescription", shown: 1024}
	// format: "between 3 and 128 characters"; API: PillarId 64, a request's.
	pillarIDLimit = limit{max: 64, api: "PillarId", format: 128}
	// format: "up to 128 characters"; API: PillarName 128.
	pillarNameLimit = limit{max: 128}
	// format: 3 to 128 characters; API: QuestionId 128.
	questionIDLimit = limit{max: 128}
	// format: 128; observed: 126.
	questionTitleLimit = limit{max: 128}
	// format: 2048, as the lens's description; observed: 638.
	questionDescriptionLimit = limit{max: 2048, response: "QuestionDescription", shown: 1024}
	// format: 2048; observed: 1,318.
	questionTextLimit = limit{max: 2048, response: "HelpfulResourceDisplayText (a DisplayText)", shown: 64}
	// API: HelpfulResourceUrl 2048.
	questionURLLimit = limit{max: 2048}
	// format: 3 to 128 characters; API: ChoiceId 64, a request's.
	choiceIDLimit = limit{max: 64, api: "ChoiceId", format: 128}
	// format: 128; observed: 127.
	choiceTitleLimit = limit{max: 128}
	// A text like the question's description; observed: 250.
	choiceDescriptionLimit = limit{max: 2048, response: "ChoiceDescription", shown: 1024}
	// format: 2048; observed: 1,678 (a helpful resource) and 2,038 (an
	// improvement plan). The plan also goes out in a ChoiceImprovementPlan,
	// whose DisplayText is 64 characters, but AWS's own lens template
	// carries a 100-character plan: warning of that would flag nearly every
	// lens, so only ChoiceContent's limit is warned of.
	choiceTextLimit = limit{max: 2048, response: "ChoiceContentDisplayText", shown: 1024}
	// As the question's URL; observed: 204.
	choiceURLLimit = limit{max: 2048, response: "ChoiceContentUrl", shown: 1024}

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

// beyondResponse says that a value of n characters is longer than the
// response shape it is returned in; "" when it is not.
func (l limit) beyondResponse(n int) string {
	if l.response == "" || n <= l.shown || n > l.max {
		return ""
	}
	return fmt.Sprintf("is %d characters long, more than the %d of the API's %s; "+
		"wat returns it in full, but a client that checks response lengths may refuse it", n, l.shown, l.response)
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
