package main

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// emitEnums writes one named string type per enum with its constants and a
// Values method, as the AWS SDK for Go does.
func (g *gen) emitEnums(w *bytes.Buffer) error {
	for _, s := range g.m.ShapesOfType("enum", "string") {
		if !isEnum(s) || !g.owns(s) {
			continue
		}
		vals, err := enumValues(s)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "// %s is the Smithy enum %s.\n%stype %s string\n\n", s.Name, s.Name, docComment("", s.Traits), s.Name)
		fmt.Fprintf(w, "// The values of %s, as spelled on the wire.\nconst (\n", s.Name)
		for _, v := range vals {
			fmt.Fprintf(w, "\t%s %s = %s\n", v.Const, s.Name, strconv.Quote(v.Value))
		}
		fmt.Fprintf(w, ")\n\n// Values returns every value of %s in model order.\nfunc (%s) Values() []%s {\n\treturn []%s{", s.Name, s.Name, s.Name, s.Name)
		for i, v := range vals {
			if i > 0 {
				w.WriteString(", ")
			}
			w.WriteString(v.Const)
		}
		fmt.Fprintf(w, "}\n}\n\n// valid reports whether e is one of the values of %s.\nfunc (e %s) valid() bool {\n\tswitch e {\n\tcase ", s.Name, s.Name)
		for i, v := range vals {
			if i > 0 {
				w.WriteString(", ")
			}
			w.WriteString(v.Const)
		}
		w.WriteString(":\n\t\treturn true\n\t}\n\treturn false\n}\n\n")
		fmt.Fprintf(w, "// enumSet%s lists the values of %s for validation messages.\nconst enumSet%s = %s\n\n",
			s.Name, s.Name, s.Name, strconv.Quote(enumSetText(vals)))
	}
	return nil
}

func enumSetText(vals []enumValue) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = v.Value
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// emitTypes writes one struct per structure shape, and the empty or aliased
// <Op>Input/<Op>Output types every operation needs.
func (g *gen) emitTypes(w *bytes.Buffer) error {
	decls := map[string]string{}
	for _, s := range g.m.ShapesOfType("structure") {
		if !g.owns(s) {
			continue
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "// %s %s\n%stype %s struct {\n", s.Name, g.structDoc(s), docComment("", s.Traits), s.Name)
		for i, m := range s.Members {
			if i > 0 {
				b.WriteString("\n")
			}
			doc, err := g.fieldDoc(s, m)
			if err != nil {
				return err
			}
			tag := m.Name + ",omitzero" // nil is absent; an empty list or map is sent as [] or {}
			if g.binding(s, m).Kind != "body" {
				tag = "-"
			}
			fmt.Fprintf(&b, "\t// %s %s\n%s\t%s %s `json:%q`\n", fieldName(m.Name), doc, docComment("\t", m.Traits), fieldName(m.Name), g.valueType(m.Target, m.Traits, false), tag)
		}
		b.WriteString("}\n\n")
		decls[s.Name] = b.String()
	}
	for _, op := range g.ops {
		for _, suffix := range []string{"Input", "Output"} {
			name := op.Name + suffix
			role := strings.ToLower(suffix)
			switch s := g.opShape(op, suffix); {
			case s == nil:
				decls[name] = fmt.Sprintf("// %s is the %s of %s, which the model leaves empty.\ntype %s struct{}\n\n", name, role, op.Name, name)
			case s.Name != name:
				decls[name] = fmt.Sprintf("// %s is the %s of %s.\ntype %s = %s\n\n", name, role, op.Name, name, s.Name)
			}
		}
	}
	names := make([]string, 0, len(decls))
	for n := range decls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w.WriteString(decls[n])
	}
	return nil
}

func (g *gen) structDoc(s *Shape) string {
	for _, op := range g.ops {
		h, _ := op.Traits.HTTP()
		if op.Input == s.ID {
			return fmt.Sprintf("is the input of %s (%s %s).", op.Name, h.Method, h.URI)
		}
		if op.Output == s.ID {
			return fmt.Sprintf("is the output of %s.", op.Name)
		}
	}
	if s.Traits.Has(traitError) {
		return fmt.Sprintf("is the body of the %s error (%s fault, HTTP %s).",
			s.Name, s.Traits.String(traitError), string(s.Traits[traitHTTPError]))
	}
	return fmt.Sprintf("is the Smithy structure %s.", s.Name)
}

// fieldDoc describes a member: where it travels and what it must satisfy.
func (g *gen) fieldDoc(parent *Shape, m *Member) (string, error) {
	target := g.m.Shape(m.Target)
	var notes []string
	switch b := g.binding(parent, m); b.Kind {
	case "label":
		notes = append(notes, "URI label {"+b.Name+"}")
	case "query":
		notes = append(notes, "query parameter "+strconv.Quote(b.Name))
	}
	if m.Traits.Has(traitRequired) {
		notes = append(notes, "required")
	}
	if m.Traits.Has(traitIdemToken) {
		notes = append(notes, "idempotency token")
	}
	c, err := g.constraints(target, m.Traits)
	if err != nil {
		return "", err
	}
	notes = append(notes, c.describe()...)
	notes = append(notes, valueNotes(target, m.Traits)...)
	doc := "targets " + target.Name
	if len(notes) > 0 {
		doc += ": " + strings.Join(notes, ", ")
	}
	return doc + ".", nil
}

func (c constraints) describe() []string {
	var out []string
	bounds := func(what string, b Bounds) {
		switch {
		case b.Min != nil && b.Max != nil:
			out = append(out, fmt.Sprintf("%s %d..%d", what, *b.Min, *b.Max))
		case b.Min != nil:
			out = append(out, fmt.Sprintf("%s >= %d", what, *b.Min))
		case b.Max != nil:
			out = append(out, fmt.Sprintf("%s <= %d", what, *b.Max))
		}
	}
	bounds("length", c.Length)
	bounds("range", c.Range)
	if c.Pattern != "" {
		out = append(out, "pattern "+c.Pattern)
	}
	return out
}

// docComment returns the model's documentation of a shape or member as
// further comment lines at indent, a paragraph of their own, or "" when the
// model has none (AWS's file: its documentation was stripped).
func docComment(indent string, traits Traits) string {
	text := strings.Join(strings.Fields(traits.String(traitDocumentation)), " ")
	if text == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(indent + "//\n")
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > 76-len(indent) {
			b.WriteString(indent + "// " + line + "\n")
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	b.WriteString(indent + "// " + line + "\n")
	return b.String()
}
