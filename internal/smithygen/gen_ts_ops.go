package main

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// emitTSOps writes one function per operation: it takes the operation's
// input structure (labels, query parameters and body members alike, as the
// AWS SDKs do), sends the request the SDKs send and resolves to the output
// structure. Unused operations cost nothing: the bundler drops every
// function no page imports.
func (g *gen) emitTSOps(w *bytes.Buffer) error {
	var fns bytes.Buffer
	uses := map[string]bool{"call": true}
	for _, op := range g.ops {
		if err := g.emitTSOp(&fns, op, uses); err != nil {
			return fmt.Errorf("operation %s: %w", op.Name, err)
		}
	}
	w.WriteString("// One function per operation, over the transport of ../client.ts: labels\n" +
		"// percent-encoded (ARNs hold \"/\" and \":\"), the query parameters and JSON body\n" +
		"// the AWS SDKs send, and a fresh idempotency token when none is given.\n")
	var imports []string
	for _, name := range []string{"call", "clientToken", "seg"} {
		if uses[name] {
			imports = append(imports, name)
		}
	}
	fmt.Fprintf(w, "import { %s, type CallOptions } from '../client';\nimport type * as T from './types';\n", strings.Join(imports, ", "))
	w.Write(fns.Bytes())
	return nil
}

func (g *gen) emitTSOp(w *bytes.Buffer, op *Shape, uses map[string]bool) error {
	h, _ := op.Traits.HTTP()
	fn := lowerFirst(op.Name)
	if err := g.checkTSName(fn); err != nil {
		return err
	}
	in, out := g.opShape(op, "Input"), g.opShape(op, "Output")
	path, err := g.tsPath(h.URI, in)
	if err != nil {
		return err
	}
	if strings.Contains(path, "seg(") {
		uses["seg"] = true
	}
	var query, body []string
	params := "opts?: CallOptions"
	if in != nil {
		required := false
		for _, m := range in.Members {
			required = required || tsRequired(m)
			value := "input." + m.Name
			if m.Traits.Has(traitIdemToken) {
				value += " ?? clientToken()"
				uses["clientToken"] = true
			}
			switch b := g.binding(in, m); b.Kind {
			case "query":
				query = append(query, tsKey(b.Name)+": "+value)
			case "body":
				body = append(body, tsKey(m.Name)+": "+value)
			}
		}
		// An empty input structure is still taken, as the SDKs do, so that
		// a member added to it later changes no caller; "_" tells the
		// compiler it may go unread.
		name := "input"
		if len(in.Members) == 0 {
			name = "_input"
		}
		params = name + ": T." + in.Name + ", " + params
		if !required {
			params = name + ": T." + in.Name + " = {}, opts?: CallOptions"
		}
	}
	result := "void"
	if out != nil {
		result = "T." + out.Name
	}
	fmt.Fprintf(w, "\n/** %s calls %s: %s %s. */\nexport function %s(%s): Promise<%s> {\n", fn, op.Name, h.Method, h.URI, fn, params, result)
	fmt.Fprintf(w, "  return call(%s, %s, {", tsString(h.Method), path)
	if len(query) > 0 {
		fmt.Fprintf(w, "\n    query: { %s },", strings.Join(query, ", "))
	}
	if len(body) > 0 {
		fmt.Fprintf(w, "\n    body: { %s },", strings.Join(body, ", "))
	}
	if len(query) > 0 || len(body) > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("}, opts);\n}\n")
	return nil
}

// tsPath returns the expression of an operation's path: the URI's literal
// parts joined with its labels, each percent-encoded by seg. It refuses
// greedy labels and query literals in the URI, which this model has none of
// and which would need other encoding.
func (g *gen) tsPath(uri string, in *Shape) (string, error) {
	if strings.ContainsRune(uri, '?') {
		return "", fmt.Errorf("URI %s: query literals are not supported", uri)
	}
	labels := map[string]bool{}
	var parts []string
	rest := uri
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest, '}')
		if j < i {
			return "", fmt.Errorf("URI %s: unbalanced braces", uri)
		}
		if i > 0 {
			parts = append(parts, tsString(rest[:i]))
		}
		name := rest[i+1 : j]
		if strings.HasSuffix(name, "+") {
			return "", fmt.Errorf("URI %s: greedy label {%s} is not supported", uri, name)
		}
		if !hasLabel(in, name) {
			return "", fmt.Errorf("URI %s: no input member is the label {%s}", uri, name)
		}
		labels[name] = true
		parts = append(parts, "seg(input."+name+")")
		rest = rest[j+1:]
	}
	if rest != "" || len(parts) == 0 {
		parts = append(parts, tsString(rest))
	}
	if in != nil {
		for _, m := range in.Members {
			if m.Traits.Has(traitLabel) && !labels[m.Name] {
				return "", fmt.Errorf("URI %s: member %s is a label the URI lacks", uri, m.Name)
			}
		}
	}
	return strings.Join(parts, " + "), nil
}

// hasLabel reports whether the input has a label member of that name.
func hasLabel(in *Shape, name string) bool {
	if in == nil {
		return false
	}
	for _, m := range in.Members {
		if m.Name == name && m.Traits.Has(traitLabel) {
			return true
		}
	}
	return false
}

// tsKey spells a property name: bare when it is an identifier, quoted
// otherwise (a query parameter may be named "x-y").
func tsKey(name string) string {
	for i, r := range name {
		if !(r == '_' || r == '$' || r < unicode.MaxASCII && unicode.IsLetter(r) || i > 0 && r < unicode.MaxASCII && unicode.IsDigit(r)) {
			return tsString(name)
		}
	}
	if name == "" {
		return "''"
	}
	return name
}

// lowerFirst names an operation's function: GetWorkload → getWorkload.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
