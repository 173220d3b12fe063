// Package wire is the AWS Well-Architected wire layer of wat: the request and
// response shapes of the restJson1 protocol, generated from the Smithy
// models of spec/ — AWS's and wat's own — and what turns an HTTP request
// into a validated input.
//
// Everything in the *_gen.go files comes from internal/smithygen, the
// wat_*_gen.go files from wat's model (spec/wat.json), the others from
// AWS's:
//
//   - one struct per Smithy structure (inputs, outputs, nested shapes and
//     error bodies), one named string type per enum;
//   - Handler, with one method per operation of AWS's model, WatHandler with
//     one per operation of wat's, and Unimplemented implementing both;
//   - Operations and WatOperations, the tables of the operations with their
//     HTTP binding, IAM action and an Invoke function that decodes,
//     validates and calls the handler.
//
// The hand-written files hold the runtime those depend on: Router, which
// maps a method and escaped path to an Operation; the JSON decoder, which
// reads bodies strictly and without reflection over its lexer (lexer.go);
// the validation checker, which reports every violation the AWS way, with
// what a handler's use cases add (Amender); and the value types Timestamp
// (epoch seconds), DateTime (RFC 3339 date-time) and Document (raw JSON).
//
// Outputs are plain structs whose json tags spell the wire member names, so
// the HTTP layer writes them with encoding/json. Every error Invoke produces
// itself is a *wat.Error: EInvalid (with Reason and Fields) for anything the
// client sent wrong; errors from the Handler pass through untouched.
package wire

//go:generate go run ../../internal/smithygen -spec ../../spec/wellarchitected-2020-03-31.json -spec ../../spec/wat.json -out . -client ../../internal/watclient
