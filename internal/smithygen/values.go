package main

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// The value kinds beyond strings, numbers and booleans that the model's
// shapes use: timestamps in more than one wire format, documents (any JSON
// value) and doubles. Their Go types and runtime decoders are hand-written in
// package wire (Timestamp, DateTime, Document; decoder.timestamp, dateTime,
// document, double); this file decides which one a value gets.

const traitTimestampFormat = "smithy.api#timestampFormat"

// Timestamp formats of restJson1 bodies: epoch seconds unless a member or
// its target says otherwise.
const (
	formatEpochSeconds = "epoch-seconds"
	formatDateTime     = "date-time"
)

// timestampFormat returns the wire format of a timestamp value: the
// member's timestampFormat trait, else the target's, else epoch seconds. It
// refuses http-date (which no body of this API uses) and the trait on
// anything but a timestamp, so that a model needing them fails at
// generation time instead of producing a server that writes the wrong text.
func timestampFormat(target *Shape, member Traits) (string, error) {
	f := member.String(traitTimestampFormat)
	if f == "" {
		f = target.Traits.String(traitTimestampFormat)
	}
	switch {
	case f == "":
		if target.Type == "timestamp" {
			return formatEpochSeconds, nil
		}
		return "", nil
	case target.Type != "timestamp":
		return "", fmt.Errorf("timestampFormat on a %s is not supported", target.Type)
	case f == formatEpochSeconds || f == formatDateTime:
		return f, nil
	}
	return "", fmt.Errorf("timestamp format %q is not supported", f)
}

// fieldName is the Go field of a member: its name with the first letter
// upper-cased, since newer shapes of the model spell members in camelCase
// ("profileArn") while the JSON keeps the member name as it is.
func fieldName(member string) string {
	r, n := utf8.DecodeRuneInString(member)
	return string(unicode.ToUpper(r)) + member[n:]
}

// valueType returns the Go type of a value of target as a member carrying
// traits (elem false) or as a list element or map value (elem true). Only
// timestamps depend on the member: their format picks the Go type.
func (g *gen) valueType(target string, traits Traits, elem bool) string {
	s := g.m.Shape(target)
	if f, _ := timestampFormat(s, traits); f == formatDateTime {
		if elem {
			return "DateTime"
		}
		return "*DateTime"
	}
	return g.goType(target, elem)
}

// decodeCall names the decoder method reading a scalar value of target, or
// "" when the value is an aggregate (or an enum, read as a string).
func decodeCall(s *Shape, traits Traits) string {
	switch s.Type {
	case "string":
		return "str"
	case "integer":
		return "int32"
	case "long":
		return "int64"
	case "boolean":
		return "boolean"
	case "double":
		return "double"
	case "document":
		return "document"
	case "timestamp":
		if f, _ := timestampFormat(s, traits); f == formatDateTime {
			return "dateTime"
		}
		return "timestamp"
	}
	return ""
}

// valueNotes describes how a value travels, for field comments.
func valueNotes(target *Shape, traits Traits) []string {
	var out []string
	if f, _ := timestampFormat(target, traits); f == formatDateTime {
		out = append(out, "RFC 3339 date-time")
	}
	if traits.Has(traitSensitive) || target.Traits.Has(traitSensitive) {
		out = append(out, "sensitive")
	}
	return out
}

const traitSensitive = "smithy.api#sensitive"
