package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// The Go client of wat's own operations (internal/watclient) is generated
// from the models after the first: AWS's operations have the AWS SDK. Each
// operation becomes a method of the hand-written watclient.Client taking the
// wire package's input and returning its output, so that the client and the
// server share one set of types; the transport (signing, sending, reading
// errors) is hand-written there (watclient.go).

// sdkModule is the AWS SDK for Go v2 module of a service: the errors of an
// AWS model come back as its types, which is how callers of the SDK
// inspect them (errors.As(err, &*types.ValidationException)).
const sdkModule = "github.com/aws/aws-sdk-go-v2/service/"

// GenerateClient returns the files of package watclient: client_gen.go.
func GenerateClient(m *Model) (map[string][]byte, error) {
	gens, err := newGens(m)
	if err != nil {
		return nil, err
	}
	var body bytes.Buffer
	sdkTypes := ""
	errs := map[string]bool{}
	uses := map[string]bool{}
	var bounds []string
	for _, g := range gens[1:] {
		for _, op := range g.ops {
			if err := g.emitClientOp(&body, op, uses); err != nil {
				return nil, fmt.Errorf("operation %s: %w", op.Name, err)
			}
			for _, id := range op.Errors {
				pkg, err := g.sdkTypesOf(id)
				if err != nil {
					return nil, fmt.Errorf("operation %s: %w", op.Name, err)
				}
				if sdkTypes != "" && pkg != sdkTypes {
					return nil, fmt.Errorf("operation %s: errors of two SDKs (%s, %s)", op.Name, sdkTypes, pkg)
				}
				sdkTypes, errs[shapeName(id)] = pkg, true
			}
		}
		bounds = append(bounds, g.clientBounds()...)
	}
	spec := strings.Join(m.Sources[1:], ", ")
	g := &gen{m: m, spec: spec}
	imports := "\t\"context\"\n\t\"encoding/json\"\n\t\"net/http\"\n"
	for _, pkg := range []string{"net/url", "strconv"} {
		if uses[pkg] {
			imports += "\t\"" + pkg + "\"\n"
		}
	}
	if sdkTypes != "" {
		imports += "\n\t\"" + sdkTypes + "\"\n"
	}
	imports += "\n\t\"github.com/wat-dev/wat/api/wire\"\n"
	src, err := g.goFile("watclient", imports, func(w *bytes.Buffer) error {
		if len(bounds) > 0 {
			w.WriteString("// The bounds the model sets on the length of what a client sends\n" +
				"// (strings in characters, lists in elements), for callers that must\n" +
				"// cut what they would send beyond them.\nconst (\n")
			sort.Strings(bounds)
			w.WriteString(strings.Join(bounds, ""))
			w.WriteString(")\n\n")
		}
		w.Write(body.Bytes())
		w.WriteString("// apiError returns the error an error response of type code stands for:\n" +
			"// the AWS SDK's type of that name, for the errors the model's operations\n" +
			"// declare; nil for any other type. A body that does not decode leaves the\n" +
			"// error's members absent.\nfunc apiError(code string, body []byte) error {\n\tswitch code {\n")
		for _, name := range sortedKeys(errs) {
			fmt.Fprintf(w, "\tcase %q:\n\t\te := &types.%s{}\n\t\t_ = json.Unmarshal(body, e)\n\t\treturn e\n", name, name)
		}
		w.WriteString("\t}\n\treturn nil\n}\n")
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("client_gen.go: %w", err)
	}
	return map[string][]byte{"client_gen.go": src}, nil
}

// emitClientOp writes the method calling one operation: the URI with its
// labels escaped and the query parameters, handed with the input (whose
// json tags leave labels and query parameters out of the body) to
// watclient's call, which sends them and decodes the output.
func (g *gen) emitClientOp(w *bytes.Buffer, op *Shape, uses map[string]bool) error {
	h, _ := op.Traits.HTTP()
	in := g.opShape(op, "Input")
	if in == nil {
		return fmt.Errorf("an operation without input is not supported")
	}
	fmt.Fprintf(w, "// %s calls %s %s.\n%s", op.Name, h.Method, h.URI, docComment("", op.Traits))
	fmt.Fprintf(w, "func (c *Client) %s(ctx context.Context, in *wire.%sInput) (*wire.%sOutput, error) {\n", op.Name, op.Name, op.Name)
	fmt.Fprintf(w, "\tif in == nil {\n\t\tin = &wire.%sInput{}\n\t}\n", op.Name)
	path, err := g.clientPath(h.URI, in, uses)
	if err != nil {
		return err
	}
	query := "nil"
	for _, m := range in.Members {
		if b := g.binding(in, m); b.Kind == "query" {
			code, err := g.clientQuery(m, b.Name, uses)
			if err != nil {
				return fmt.Errorf("%s: %w", m.Name, err)
			}
			if query == "nil" {
				query = "query"
				w.WriteString("\tquery := url.Values{}\n")
				uses["net/url"] = true
			}
			w.WriteString(code)
		}
	}
	body := "nil"
	if len(g.bodyMembers(in)) > 0 {
		body = "in"
	}
	fmt.Fprintf(w, "\treturn call[wire.%sOutput](ctx, c, %s, %s, %s, %s)\n}\n\n", op.Name, httpMethod(h.Method), path, query, body)
	return nil
}

// clientPath returns the Go expression of an operation's path: the URI's
// literal segments with each {Label} replaced by the escaped member.
func (g *gen) clientPath(uri string, in *Shape, uses map[string]bool) (string, error) {
	var parts []string
	lit := ""
	for rest := uri; rest != ""; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			lit += rest
			break
		}
		j := strings.IndexByte(rest, '}')
		if j < i {
			return "", fmt.Errorf("malformed URI %s", uri)
		}
		lit += rest[:i]
		name := rest[i+1 : j]
		rest = rest[j+1:]
		m := memberNamed(in, name)
		if m == nil || strings.HasSuffix(name, "+") || g.binding(in, m).Kind != "label" {
			return "", fmt.Errorf("URI label {%s} is not a supported label member", name)
		}
		switch t := g.m.Shape(m.Target); {
		case isEnum(t):
			uses["net/url"] = true
			parts = append(parts, fmt.Sprintf("%q", lit), fmt.Sprintf("url.PathEscape(string(in.%s))", fieldName(m.Name)))
		case t.Type == "string":
			parts = append(parts, fmt.Sprintf("%q", lit), fmt.Sprintf("label(in.%s)", fieldName(m.Name)))
		default:
			return "", fmt.Errorf("URI label {%s}: a %s label is not supported", name, t.Type)
		}
		lit = ""
	}
	if lit != "" {
		parts = append(parts, fmt.Sprintf("%q", lit))
	}
	return strings.Join(parts, " + "), nil
}

// clientQuery returns the statements setting one query parameter when its
// member is present.
func (g *gen) clientQuery(m *Member, param string, uses map[string]bool) (string, error) {
	f := "in." + fieldName(m.Name)
	t := g.m.Shape(m.Target)
	switch {
	case isEnum(t):
		return fmt.Sprintf("\tif %s != \"\" {\n\t\tquery.Set(%q, string(%s))\n\t}\n", f, param, f), nil
	case t.Type == "string":
		return fmt.Sprintf("\tif %s != nil {\n\t\tquery.Set(%q, *%s)\n\t}\n", f, param, f), nil
	case t.Type == "integer" || t.Type == "long":
		uses["strconv"] = true
		return fmt.Sprintf("\tif %s != nil {\n\t\tquery.Set(%q, strconv.FormatInt(int64(*%s), 10))\n\t}\n", f, param, f), nil
	case t.Type == "boolean":
		uses["strconv"] = true
		return fmt.Sprintf("\tif %s != nil {\n\t\tquery.Set(%q, strconv.FormatBool(*%s))\n\t}\n", f, param, f), nil
	case t.Type == "list" && g.m.Shape(t.Member).Type == "string" && !isEnum(g.m.Shape(t.Member)):
		return fmt.Sprintf("\tfor _, v := range %s {\n\t\tquery.Add(%q, v)\n\t}\n", f, param), nil
	}
	return "", fmt.Errorf("a %s query parameter is not supported", t.Type)
}

// clientBounds returns the declarations of the bounds on the members of
// the structures the inputs of g's operations reach.
func (g *gen) clientBounds() []string {
	var out []string
	seen := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		s := g.m.Shape(id)
		if seen[id] {
			return
		}
		seen[id] = true
		switch s.Type {
		case "list":
			walk(s.Member)
		case "map":
			walk(s.Value)
		case "structure":
			for _, m := range g.bodyMembers(s) {
				if c, _ := g.constraints(g.m.Shape(m.Target), m.Traits); c.Length.Max != nil {
					out = append(out, fmt.Sprintf("\t// Max%s%s bounds %s.%s.\n\tMax%s%s = %d\n", s.Name, fieldName(m.Name), s.Name, m.Name, s.Name, fieldName(m.Name), *c.Length.Max))
				}
				walk(m.Target)
			}
		}
	}
	for _, id := range sortedKeys(g.inputs) {
		walk(id)
	}
	return out
}

// sdkTypesOf returns the import path of the Go SDK package whose types
// stand for an error shape: the SDK of the AWS service of the shape's file.
func (g *gen) sdkTypesOf(errorID string) (string, error) {
	e := g.m.Shape(errorID)
	for _, svc := range g.m.Services() {
		if svc.Source != e.Source {
			continue
		}
		var meta struct {
			SdkID string `json:"sdkId"`
		}
		if raw, ok := svc.Traits["aws.api#service"]; ok && json.Unmarshal(raw, &meta) == nil && meta.SdkID != "" {
			return sdkModule + strings.ToLower(strings.ReplaceAll(meta.SdkID, " ", "")) + "/types", nil
		}
	}
	return "", fmt.Errorf("error %s is not an AWS service's: no Go type stands for it", errorID)
}

// httpMethod is the net/http constant of a method.
func httpMethod(m string) string {
	return "http.Method" + strings.ToUpper(m[:1]) + strings.ToLower(m[1:])
}

func memberNamed(s *Shape, name string) *Member {
	for _, m := range s.Members {
		if m.Name == name {
			return m
		}
	}
	return nil
}
