package main

import (
	"bytes"
	"fmt"
	"strconv"
)

// emitOperations writes the Handler interface, its Unimplemented default and
// the Operations table the router and the HTTP server are driven by. The
// other files get a Handler of their own (WatHandler), implemented by
// Unimplemented too, and a table (WatOperations) whose Invoke asks the
// Handler it is given for it: Handler stays the AWS API's, method for
// method, and a handler serves wat's operations by implementing both.
func (g *gen) emitOperations(w *bytes.Buffer) error {
	handler, table := g.stem+"Handler", g.stem+"Operations"
	if g.stem == "" {
		w.WriteString("import (\n\t\"context\"\n\n\twat \"github.com/wat-dev/wat\"\n)\n\n")
		w.WriteString("// Handler has one method per operation of the API.\ntype Handler interface {\n")
	} else {
		w.WriteString("import \"context\"\n\n")
		fmt.Fprintf(w, "// %s has one method per operation of %s. The handler given to\n// the Invoke of %s implements it, or they answer\n// NotImplementedException.\ntype %s interface {\n", handler, g.spec, table, handler)
	}
	for i, op := range g.ops {
		h, _ := op.Traits.HTTP()
		if i > 0 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "\t// %s handles %s %s.\n", op.Name, h.Method, h.URI)
		w.WriteString(docComment("\t", op.Traits))
		fmt.Fprintf(w, "\t%s(ctx context.Context, in *%sInput) (*%sOutput, error)\n", op.Name, op.Name, op.Name)
	}
	w.WriteString("}\n\n")

	if g.stem == "" {
		w.WriteString(`// Unimplemented implements Handler; every method returns a
// NotImplementedException. Real handlers embed it and override what they
// implement, so that adding an operation to the model never breaks them.
type Unimplemented struct{}

var _ Handler = Unimplemented{}

func notImplemented(op string) error {
	return &wat.Error{Code: wat.ENotImplemented, Type: "NotImplementedException", Message: op + " is not available yet in wat"}
}

`)
	}
	if g.stem != "" {
		fmt.Fprintf(w, "var _ %s = Unimplemented{}\n\n", handler)
	}
	for _, op := range g.ops {
		fmt.Fprintf(w, "// %s returns a NotImplementedException.\n", op.Name)
		fmt.Fprintf(w, "func (Unimplemented) %s(context.Context, *%sInput) (*%sOutput, error) {\n\treturn nil, notImplemented(%q)\n}\n\n",
			op.Name, op.Name, op.Name, op.Name)
	}

	if g.stem == "" {
		w.WriteString("// Operations lists every operation of the API, sorted by name.\nvar Operations = []*Operation{\n")
	} else {
		fmt.Fprintf(w, "// %s lists the operations of %s, sorted by name.\nvar %s = []*Operation{\n", table, g.spec, table)
	}
	for _, op := range g.ops {
		h, _ := op.Traits.HTTP()
		bind, validate := "nil", "nil"
		if in := g.opShape(op, "Input"); in != nil {
			if len(in.Members) > 0 {
				bind = "bind" + in.Name
			}
			if g.needsCheck(in.ID) {
				validate = "validate" + in.Name
			}
		}
		fmt.Fprintf(w, "\t{\n\t\tName: %q,\n\t\tMethod: %q,\n\t\tURI: %q,\n\t\tSuccessCode: %d,\n\t\tHasOutput: %s,\n",
			op.Name, h.Method, h.URI, h.Code, strconv.FormatBool(g.opShape(op, "Output") != nil))
		if op.Traits.Has(traitActionName) {
			fmt.Fprintf(w, "\t\tAction: %q,\n", op.Traits.String(traitActionName))
		}
		fmt.Fprintf(w, "\t\tInvoke: func(ctx context.Context, h Handler, req *Request) (any, error) {\n")
		if g.stem == "" {
			fmt.Fprintf(w, "\t\t\treturn invoke(ctx, h, req, %s, %s, h.%s)\n", bind, validate, op.Name)
		} else {
			fmt.Fprintf(w, "\t\t\tw, ok := h.(%s)\n\t\t\tif !ok {\n\t\t\t\treturn nil, notImplemented(%q)\n\t\t\t}\n", handler, op.Name)
			fmt.Fprintf(w, "\t\t\treturn invoke(ctx, h, req, %s, %s, w.%s)\n", bind, validate, op.Name)
		}
		w.WriteString("\t\t},\n\t},\n")
	}
	w.WriteString("}\n")
	if g.stem == "" {
		w.WriteString("\n")
		g.emitSensitive(w)
	}
	return nil
}

// emitSensitive writes IsSensitiveMember: the names of the members whose
// value the model marks sensitive (on the member or its target), so that
// logs can hide them by name wherever they appear.
func (g *gen) emitSensitive(w *bytes.Buffer) {
	names := map[string]bool{}
	for _, s := range g.m.ShapesOfType("structure") {
		for _, m := range s.Members {
			if m.Traits.Has(traitSensitive) || g.m.Shape(m.Target).Traits.Has(traitSensitive) {
				names[m.Name] = true
			}
		}
	}
	w.WriteString("// sensitiveMembers are the members the model marks sensitive, by name.\nvar sensitiveMembers = map[string]bool{")
	for _, n := range sortedKeys(names) {
		fmt.Fprintf(w, "\n\t%q: true,", n)
	}
	if len(names) > 0 {
		w.WriteString("\n")
	}
	w.WriteString("}\n\n// IsSensitiveMember reports whether a member of this name holds, in some\n// structure of the model, a value the model marks sensitive.\nfunc IsSensitiveMember(name string) bool { return sensitiveMembers[name] }\n")
	g.emitMaskedURLs(w)
}

// emitMaskedURLs writes IsMaskedURLMember: the names of the members whose
// value the model marks maskUrlPath (on the member or its target), a URL
// whose path and query logs hide, by name as IsSensitiveMember does.
func (g *gen) emitMaskedURLs(w *bytes.Buffer) {
	names := map[string]bool{}
	for _, s := range g.m.ShapesOfType("structure") {
		for _, m := range s.Members {
			if m.Traits.Has(traitMaskURLPath) || g.m.Shape(m.Target).Traits.Has(traitMaskURLPath) {
				names[m.Name] = true
			}
		}
	}
	w.WriteString("\n// maskedURLMembers are the members the model marks maskUrlPath, by name.\nvar maskedURLMembers = map[string]bool{")
	for _, n := range sortedKeys(names) {
		fmt.Fprintf(w, "\n\t%q: true,", n)
	}
	if len(names) > 0 {
		w.WriteString("\n")
	}
	w.WriteString("}\n\n// IsMaskedURLMember reports whether a member of this name holds, in some\n// structure of the model, a URL whose path and query may carry a secret\n// (maskUrlPath): logs keep its scheme and host only.\nfunc IsMaskedURLMember(name string) bool { return maskedURLMembers[name] }\n")
}
