package main

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// emitDecode writes, for every operation input, a bind function that fills
// the input from the request's URI labels, query string and JSON body, and a
// reflection-free decoder for every shape reachable from a body.
func (g *gen) emitDecode(w *bytes.Buffer) error {
	var inputs []*Shape
	for id := range g.inputs {
		inputs = append(inputs, g.m.Shape(id))
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].Name < inputs[j].Name })

	reach := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		s := g.m.Shape(id)
		if reach[id] || (s.Type != "structure" && s.Type != "list" && s.Type != "map") {
			return
		}
		reach[id] = true
		switch s.Type {
		case "structure":
			for _, m := range g.bodyMembers(s) {
				walk(m.Target)
			}
		case "list":
			walk(s.Member)
		case "map":
			walk(s.Value)
		}
	}
	for _, in := range inputs {
		if len(in.Members) == 0 {
			continue
		}
		if err := g.emitBind(w, in); err != nil {
			return err
		}
		if len(g.bodyMembers(in)) > 0 {
			walk(in.ID)
		}
	}
	for _, id := range sortedKeys(reach) {
		s := g.m.Shape(id)
		switch s.Type {
		case "structure":
			g.emitStructDecoder(w, s)
		case "list":
			fmt.Fprintf(w, "// decode%s decodes a %s list; nil when absent or invalid.\n", s.Name, s.Name)
			fmt.Fprintf(w, "func decode%s(d *decoder) %s {\n\tvar l %s\n", s.Name, g.goType(id, true), g.goType(id, true))
			fmt.Fprintf(w, "\tif !d.array(func() {\n%s\n\t}) {\n\t\treturn nil\n\t}\n", g.decodeValue(s.Member, s.MemberTraits, false, func(x string) string { return "l = append(l, " + x + ")" }))
			fmt.Fprintf(w, "\tif l == nil {\n\t\tl = %s{}\n\t}\n\treturn l\n}\n\n", g.goType(id, true))
		case "map":
			fmt.Fprintf(w, "// decode%s decodes a %s map; nil when absent or invalid.\n", s.Name, s.Name)
			fmt.Fprintf(w, "func decode%s(d *decoder) %s {\n\tm := %s{}\n", s.Name, g.goType(id, true), g.goType(id, true))
			fmt.Fprintf(w, "\tif !d.mapping(func(k string) {\n%s\n\t}) {\n\t\treturn nil\n\t}\n\treturn m\n}\n\n", g.decodeValue(s.Value, s.ValueTraits, false, func(x string) string { return "m[k] = " + x }))
		}
	}
	return nil
}

// emitBind writes bind<Input>, which reads labels and query parameters and
// hands the body to the member decoder.
func (g *gen) emitBind(w *bytes.Buffer, in *Shape) error {
	op := g.inputs[in.ID]
	fmt.Fprintf(w, "// bind%s fills in the input of %s from a request.\nfunc bind%s(d *decoder, v *%s) {\n", in.Name, op.Name, in.Name, in.Name)
	for _, m := range in.Members {
		b := g.binding(in, m)
		if b.Kind == "body" {
			continue
		}
		t := g.m.Shape(m.Target)
		kind := t.Type
		if isEnum(t) {
			kind = "enum"
		}
		if t.Type == "list" {
			el := g.m.Shape(t.Member)
			switch {
			case b.Kind == "query" && isEnum(el):
				fmt.Fprintf(w, "\tv.%s = enumList[%s](d.queryStrings(%q))\n", fieldName(m.Name), el.Name, b.Name)
				continue
			case b.Kind == "query" && el.Type == "string":
				fmt.Fprintf(w, "\tv.%s = d.queryStrings(%q)\n", fieldName(m.Name), b.Name)
				continue
			}
			return fmt.Errorf("%s.%s: a %s list cannot be bound to the %s", in.Name, m.Name, el.Type, b.Kind)
		}
		fn := map[string]string{"string": "String", "enum": "Value", "integer": "Int32", "long": "Int64", "boolean": "Bool"}[kind]
		if fn == "" {
			return fmt.Errorf("%s.%s: a %s cannot be bound to the %s", in.Name, m.Name, t.Type, b.Kind)
		}
		call := fmt.Sprintf("d.label%s(%q)", fn, b.Name)
		if b.Kind == "query" {
			call = fmt.Sprintf("d.query%s(%q, %q)", fn, b.Name, m.Name)
		}
		if kind == "enum" {
			call = t.Name + "(" + call + ")"
		}
		fmt.Fprintf(w, "\tv.%s = %s\n", fieldName(m.Name), call)
	}
	switch {
	case len(g.bodyMembers(in)) > 0 && in.Traits.Has(traitRejectUnknown):
		fmt.Fprintf(w, "\td.closedBody(func(key []byte) { decode%sMember(d, v, key) })\n", in.Name)
	case len(g.bodyMembers(in)) > 0:
		fmt.Fprintf(w, "\td.body(func(key []byte) { decode%sMember(d, v, key) })\n", in.Name)
	}
	w.WriteString("}\n\n")
	return nil
}

// emitStructDecoder writes the member decoder of a structure: a member it
// does not define is skipped, as restJson1 servers do, unless the structure
// says to reject it.
func (g *gen) emitStructDecoder(w *bytes.Buffer, s *Shape) {
	fmt.Fprintf(w, "// decode%sMember decodes the body member named key into v.\n", s.Name)
	fmt.Fprintf(w, "func decode%sMember(d *decoder, v *%s, key []byte) {\n\tswitch string(key) {\n", s.Name, s.Name)
	for _, m := range g.bodyMembers(s) {
		fmt.Fprintf(w, "\tcase %s:\n%s\n", strconv.Quote(m.Name), g.decodeValue(m.Target, m.Traits, true, func(x string) string { return "v." + fieldName(m.Name) + " = " + x }))
	}
	if s.Traits.Has(traitRejectUnknown) {
		w.WriteString("\tdefault:\n\t\td.unknownMember()\n\t}\n}\n\n")
		return
	}
	w.WriteString("\tdefault:\n\t\td.skip()\n\t}\n}\n\n")
}

// decodeValue returns the statements decoding one value of the target shape
// and handing it to assign. A member (as opposed to a list element or map
// value) is stored through a pointer for scalars and structures.
func (g *gen) decodeValue(id string, traits Traits, member bool, assign func(x string) string) string {
	s := g.m.Shape(id)
	scalar := func(method, conv string) string {
		x := "x"
		switch {
		case conv != "":
			x = conv + "(x)"
		case member && s.Type != "document": // a document is raw JSON, nil when absent
			x = "&x"
		}
		return fmt.Sprintf("\t\tif x, ok := d.%s(); ok {\n\t\t\t%s\n\t\t}", method, assign(x))
	}
	if isEnum(s) {
		return scalar("str", s.Name)
	}
	if method := decodeCall(s, traits); method != "" {
		return scalar(method, "")
	}
	call := "decode" + s.Name + "(d)"
	if s.Type == "structure" {
		call = "decodeStruct(d, decode" + s.Name + "Member)"
	}
	if member {
		return "\t\t" + assign(call)
	}
	x := "x"
	if s.Type == "structure" {
		x = "*x"
	}
	return fmt.Sprintf("\t\tif x := %s; x != nil {\n\t\t\t%s\n\t\t}", call, assign(x))
}
