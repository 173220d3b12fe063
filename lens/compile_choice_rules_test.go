package lens

const c1 = q1 + ".choices[1]"

func choiceRuleCases() []ruleCase {
	// Renaming yyy in q_two would leave its rule "xxx || yyy" dangling; the
	// id cases point the rule at xxx only.
	renameY := func(id string) func(d *Document) {
		return func(d *Document) {
			d.Pillars[0].Questions[1].Choices[1].ID = id
			d.Pillars[0].Questions[1].RiskRules[0].Condition = "xxx"
		}
	}
	c := func(d *Document, k int) *ChoiceDoc { return &d.Pillars[0].Questions[0].Choices[k] }
	return []ruleCase{
		{"choice id missing", renameY(""), []field{{c1 + ".id", "is required"}}},
		{"choice id with dash", renameY("y-1"),
			[]field{{c1 + ".id", `"y-1" contains '-' at offset 1; use only letters, digits and '_'`}}},
		{"choice id too short", renameY("yy"),
			[]field{{c1 + ".id", `"yy" is too short: an id has at least 3 characters`}}},
		{"choice id too long for the API", renameY(long(65)),
			[]field{{c1 + ".id", "is 65 characters long; at most 64 are allowed (the limit of the API's ChoiceId; the lens format alone allows 128)"}}},
		{"choice id default", renameY("default"),
			[]field{{c1 + ".id", `"default" is reserved for the default risk rule`}}},
		{"choice id duplicate in question", func(d *Document) { d.Pillars[0].Questions[1].Choices[1].ID = "xxx" },
			[]field{{c1 + ".id", `duplicates the choice id "xxx" of pillars[0].questions[1].choices[0].id`},
				{q1 + ".riskRules[0].condition", `names "yyy" at offset 7, which is not a choice of this question`}}},
		{"two none choices", func(d *Document) {
			c(d, 0).ID = "aaa_no"
			d.Pillars[0].Questions[0].RiskRules[0].Condition = "aaa_no"
			d.Pillars[0].Questions[0].RiskRules[1].Condition = "bbb"
		}, []field{{q0 + ".choices[3].id", `is a second "None of these" choice (id ending in "_no"); pillars[0].questions[0].choices[0] is the first`}}},
		{"choice title missing", func(d *Document) { c(d, 2).Title = "" },
			[]field{{q0 + ".choices[2].title", "is required"}}},
		{"choice title too long", func(d *Document) { c(d, 2).Title = long(129) },
			[]field{{q0 + ".choices[2].title", "is 129 characters long; at most 128 are allowed"}}},
		{"choice description too long", func(d *Document) { c(d, 2).Description = long(2049) },
			[]field{{q0 + ".choices[2].description", "is 2049 characters long; at most 2048 are allowed"}}},
		{"improvement plan missing", func(d *Document) { c(d, 1).ImprovementPlan = nil },
			[]field{{q0 + ".choices[1].improvementPlan", `is required: every choice but a "None of these" one, whose id ends in "_no", needs an improvement plan`}}},
		{"improvement plan without text", func(d *Document) { *c(d, 1).ImprovementPlan = ResourceDoc{DisplayText: "  "} },
			[]field{{q0 + ".choices[1].improvementPlan.displayText", `is required: every choice but a "None of these" one, whose id ends in "_no", needs an improvement plan`}}},
		{"improvement plan url without text", func(d *Document) { c(d, 1).ImprovementPlan.DisplayText = "" },
			[]field{{q0 + ".choices[1].improvementPlan.displayText", "is required when a url is given"}}},
		{"improvement plan relative url", func(d *Document) { c(d, 1).ImprovementPlan.URL = "/docs" },
			[]field{{q0 + ".choices[1].improvementPlan.url", `"/docs" is not an absolute http:// or https:// URL`}}},
		{"improvement plan text too long", func(d *Document) { c(d, 1).ImprovementPlan.DisplayText = long(2049) },
			[]field{{q0 + ".choices[1].improvementPlan.displayText", "is 2049 characters long; at most 2048 are allowed"}}},
		{"helpful resource url with host missing", func(d *Document) { c(d, 1).HelpfulResource.URL = "https:///x" },
			[]field{{q0 + ".choices[1].helpfulResource.url", `"https:///x" is not an absolute http:// or https:// URL`}}},
		{"helpful resource url with uppercase scheme", func(d *Document) { c(d, 1).HelpfulResource.URL = "HTTPS://a.b" },
			[]field{{q0 + ".choices[1].helpfulResource.url", `"HTTPS://a.b" is not an absolute http:// or https:// URL`}}},
		{"helpful resource url with a space in the host", func(d *Document) { c(d, 1).HelpfulResource.URL = " https://a b/c" },
			[]field{{q0 + ".choices[1].helpfulResource.url", "contains ' ' at offset 10, in the host part, where a URL cannot hold it"}}},
		{"helpful resource url with a line break", func(d *Document) { c(d, 1).HelpfulResource.URL = "https://a.b/c\nd" },
			[]field{{q0 + ".choices[1].helpfulResource.url", "contains the control character U+000A at offset 13; a URL cannot hold one"}}},
		{"helpful resource url with a bad port", func(d *Document) { c(d, 1).HelpfulResource.URL = "https://a.b:port/" },
			[]field{{q0 + ".choices[1].helpfulResource.url", `"https://a.b:port/" is not a URL: invalid port ":port" after host`}}},
		{"helpful resource url too long", func(d *Document) { c(d, 1).HelpfulResource.URL = "https://" + long(2041) },
			[]field{{q0 + ".choices[1].helpfulResource.url", "is 2049 characters long; at most 2048 are allowed"}}},
		{"helpful resource url without text", func(d *Document) { c(d, 1).HelpfulResource.DisplayText = "" },
			[]field{{q0 + ".choices[1].helpfulResource.displayText", "is required when a url is given"}}},
		{"additional resource type wrong", func(d *Document) { c(d, 2).AdditionalResources[0].Type = "LINK" },
			[]field{{q0 + ".choices[2].additionalResources[0].type", `is "LINK"; use HELPFUL_RESOURCE or IMPROVEMENT_PLAN`}}},
		{"additional resource type missing", func(d *Document) { c(d, 2).AdditionalResources[0].Type = "" },
			[]field{{q0 + ".choices[2].additionalResources[0].type", "is required; use HELPFUL_RESOURCE or IMPROVEMENT_PLAN"}}},
		{"additional resource type repeated", func(d *Document) {
			c(d, 2).AdditionalResources = append(c(d, 2).AdditionalResources, c(d, 2).AdditionalResources[0])
		}, []field{{q0 + ".choices[2].additionalResources[1].type", "repeats the type HELPFUL_RESOURCE of pillars[0].questions[0].choices[2].additionalResources[0]; put all its links in that one"}}},
		{"additional resources both types, five links each", func(d *Document) {
			ar := &c(d, 2).AdditionalResources
			(*ar)[0].Content = make([]ResourceDoc, 5)
			*ar = append(*ar, AdditionalResourcesDoc{Type: ImprovementPlanType, Content: make([]ResourceDoc, 5)})
			c(d, 2).ImprovementPlan = nil // and one more problem, so there is one
		}, []field{{q0 + ".choices[2].improvementPlan", `is required: every choice but a "None of these" one, whose id ends in "_no", needs an improvement plan`}}},
		{"additional resources too many links", func(d *Document) { c(d, 2).AdditionalResources[0].Content = make([]ResourceDoc, 6) },
			[]field{{q0 + ".choices[2].additionalResources[0].content", "has 6 links; at most 5 of each type are allowed"}}},
		{"additional resource bad url", func(d *Document) { c(d, 2).AdditionalResources[0].Content[0].URL = "ftp://x" },
			[]field{{q0 + ".choices[2].additionalResources[0].content[0].url", `"ftp://x" is not an absolute http:// or https:// URL`}}},
		{"additional resource url without text", func(d *Document) { c(d, 2).AdditionalResources[0].Content[0].DisplayText = "" },
			[]field{{q0 + ".choices[2].additionalResources[0].content[0].displayText", "is required when a url is given"}}},
		{"additional resource text too long", func(d *Document) { c(d, 2).AdditionalResources[0].Content[0].DisplayText = long(2049) },
			[]field{{q0 + ".choices[2].additionalResources[0].content[0].displayText", "is 2049 characters long; at most 2048 are allowed"}}},
	}
}

func riskRuleCases() []ruleCase {
	rules := func(d *Document, q int) []RiskRuleDoc { return d.Pillars[0].Questions[q].RiskRules }
	return []ruleCase{
		{"no risk rules", func(d *Document) { d.Pillars[0].Questions[1].RiskRules = nil },
			[]field{{q1 + ".riskRules", "needs at least one risk rule"}}},
		{"no default rule", func(d *Document) { rules(d, 1)[1].Condition = "!xxx" },
			[]field{{q1 + ".riskRules", `needs a default rule: {"condition": "default", "risk": ...}`}}},
		{"two default rules", func(d *Document) { rules(d, 1)[0].Condition = " default" },
			[]field{{q1 + ".riskRules[1].condition", "is a second default rule; pillars[0].questions[1].riskRules[0] is the default"}}},
		{"default rule not last", func(d *Document) {
			r := rules(d, 1)
			r[0], r[1] = r[1], r[0]
		}, []field{{q1 + ".riskRules[0].condition", "the default rule must be the last rule; rules after it would never apply"}}},
		{"too many risk rules", func(d *Document) {
			q := &d.Pillars[0].Questions[0]
			q.RiskRules = append([]RiskRuleDoc{{Condition: "ccc", Risk: MediumRisk}}, q.RiskRules...)
		}, []field{{q0 + ".riskRules", "has 4 risk rules; at most 3 are allowed"},
			{q0 + ".riskRules[2].risk", "is MEDIUM_RISK again, as in pillars[0].questions[0].riskRules[0]; a question has one rule per risk level (join their conditions with ||)"}}},
		{"risk level twice", func(d *Document) { rules(d, 0)[1].Risk = HighRisk },
			[]field{{q0 + ".riskRules[2].risk", "is HIGH_RISK again, as in pillars[0].questions[0].riskRules[1]; a question has one rule per risk level (join their conditions with ||)"}}},
		{"risk missing", func(d *Document) { rules(d, 0)[1].Risk = "" },
			[]field{{q0 + ".riskRules[1].risk", "is required; use HIGH_RISK, MEDIUM_RISK or NO_RISK"}}},
		{"risk wrong", func(d *Document) { rules(d, 0)[2].Risk = "HIGH" },
			[]field{{q0 + ".riskRules[2].risk", `is "HIGH"; use HIGH_RISK, MEDIUM_RISK or NO_RISK`}}},
		{"condition does not parse", func(d *Document) { rules(d, 0)[1].Condition = "aaa && (bbb || )" },
			[]field{{q0 + ".riskRules[1].condition", "unexpected ')' at offset 15; expected a choice id, '!' or '('"}}},
		{"condition empty", func(d *Document) { rules(d, 0)[1].Condition = "" },
			[]field{{q0 + ".riskRules[1].condition", "unexpected end of condition at offset 0; expected a choice id, '!' or '('"}}},
		{"condition names another question's choice", func(d *Document) { rules(d, 0)[1].Condition = "aaa && xxx || !zzzz" },
			[]field{
				{q0 + ".riskRules[1].condition", `names "xxx" at offset 7, which is not a choice of this question`},
				{q0 + ".riskRules[1].condition", `names "zzzz" at offset 15, which is not a choice of this question`},
			}},
		{"condition misspells a choice", func(d *Document) { rules(d, 0)[1].Condition = "AAA && bbx" },
			[]field{
				{q0 + ".riskRules[1].condition", `names "AAA" at offset 0, which is not a choice of this question; did you mean "aaa"? Ids are case-sensitive`},
				{q0 + ".riskRules[1].condition", `names "bbx" at offset 7, which is not a choice of this question; did you mean "bbb"?`},
			}},
	}
}
