package main

import (
	"bytes"
	"fmt"
	"strconv"
)

// emitOperations writes the Handler interface, its Unimplemented default and
// the Operations table the router and the HTTP server are driven by.
func (g *gen) emitOperations(w *bytes.Buffer) error {
	w.WriteString("import (\n\t\"context\"\n\n\twat \"github.com/wat-dev/wat\"\n)\n\n")

	w.WriteString("// Handler has one method per operation of the API.\ntype Handler interface {\n")
	for i, op := range g.ops {
		h, _ := op.Traits.HTTP()
		if i > 0 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "\t// %s handles %s %s.\n", op.Name, h.Method, h.URI)
		fmt.Fprintf(w, "\t%s(ctx context.Context, in *%sInput) (*%sOutput, error)\n", op.Name, op.Name, op.Name)
	}
	w.WriteString("}\n\n")

	w.WriteString(`// Unimplemented implements Handler; every method returns a
// NotImplementedException. Real handlers embed it and override what they
// implement, so that adding an operation to the model never breaks them.
type Unimplemented struct{}

var _ Handler = Unimplemented{}

func notImplemented(op string) error {
	return &wat.Error{Code: wat.ENotImplemented, Type: "NotImplementedException", Message: op + " is not available yet in wat"}
}

`)
	for _, op := range g.ops {
		fmt.Fprintf(w, "// %s returns a NotImplementedException.\n", op.Name)
		fmt.Fprintf(w, "func (Unimplemented) %s(context.Context, *%sInput) (*%sOutput, error) {\n\treturn nil, notImplemented(%q)\n}\n\n",
			op.Name, op.Name, op.Name, op.Name)
	}

	w.WriteString("// Operations lists every operation of the API, sorted by name.\nvar Operations = []*Operation{\n")
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
		fmt.Fprintf(w, "\t\tInvoke: func(ctx context.Context, h Handler, req *Request) (any, error) {\n\t\t\treturn invoke(ctx, req, %s, %s, h.%s)\n\t\t},\n\t},\n",
			bind, validate, op.Name)
	}
	w.WriteString("}\n\n")
	g.emitSensitive(w)
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
}
