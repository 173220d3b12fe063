// Package lens reads, validates and evaluates Well-Architected lenses.
//
// A lens is written as a JSON document in the AWS custom-lens format
// (schema version 2021-11-01): pillars hold questions, questions hold choices
// and risk rules. ParseDocument decodes such a document, Compile validates it
// and builds a Lens, the immutable in-memory form the rest of wat reads.
// A compiled Question evaluates its risk rules over a bitmask of choices, so
// scoring an answer costs a few machine instructions and no allocation.
//
// The package is pure: it does no I/O and keeps no global state, so every
// caller (the API, the console, the CLI, the built-in framework lens in
// package lens/framework) shares one definition of what a valid lens is and
// how risk is computed.
package lens
