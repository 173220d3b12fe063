// Package lens reads, validates and evaluates Well-Architected lenses.
//
// A lens is written as a JSON document in the AWS custom-lens format
// (schema version 2021-11-01): pillars hold questions, questions hold choices
// and risk rules. ParseDocument decodes such a document, Compile validates it
// and builds a Lens, the immutable in-memory form the rest of wat reads.
// A compiled Question evaluates its risk rules over a bitmask of choices, so
// scoring an answer costs a few machine instructions and no allocation.
//
// Validation follows the format's specification, and the API's request
// shapes where they are stricter (a choice id must fit UpdateAnswer's
// ChoiceId); a text longer than the response shape that returns it is
// valid, returned in full, and only warned of (limits.go lists every limit
// and where it comes from). URLs are stored as a browser requests them,
// trimmed and percent-encoded (url.go). Validation reports every problem at
// once, each placed three ways: by JSON path, by the ids of the pillar,
// question and choice on the way, and by line and column in the submitted
// text, in the order of the document. Compile returns them as one
// *wat.Error for the API's ValidationException; Validate returns them as
// Problems for tools such as `wat lens lint`, and Warnings what is valid
// but worth an author's look. Positions are worked out only when there are
// problems, so a valid lens costs nothing extra. Explore shows what a
// question's risk rules make of every answer, and warns of likely mistakes.
//
// AWS official lenses, such as wat's built-in framework lens (package
// lens/framework), predate two of the custom-lens rules; CompileOfficial
// compiles them.
//
// The package is pure: it does no I/O and keeps no global state, so every
// caller (the API, the console, the CLI, the built-in framework lens)
// shares one definition of what a valid lens is and how risk is computed.
package lens
