package wire

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/document"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// TestShapesMatchSDK walks every operation's input and output in the AWS SDK
// for Go and in package wire side by side, and checks that both have the
// same members, of the same kinds, with json names spelling the member
// names: what the SDK serializes, the server reads; what the server writes,
// the SDK reads. Go fields are upper-cased, so the case of a camelCase wire
// name ("profileArn") is not visible here: the SDK round trips of
// sdk_test.go and agent_sdk_test.go check it.
func TestShapesMatchSDK(t *testing.T) {
	sdk := reflect.TypeOf(&wellarchitected.Client{})
	ours := reflect.TypeOf((*Handler)(nil)).Elem()
	if ours.NumMethod() != len(Operations) {
		t.Fatalf("Handler has %d methods, Operations %d", ours.NumMethod(), len(Operations))
	}
	seen := map[reflect.Type]bool{}
	for i := range ours.NumMethod() {
		m := ours.Method(i)
		sm, ok := sdk.MethodByName(m.Name)
		if !ok {
			t.Errorf("the SDK has no operation %s", m.Name)
			continue
		}
		// Handler: (ctx, in) (out, error); Client: (c, ctx, in, ...opts) (out, error).
		compareShapes(t, m.Name+"Input", sm.Type.In(2), m.Type.In(1), seen)
		compareShapes(t, m.Name+"Output", sm.Type.Out(0), m.Type.Out(0), seen)
	}
	for _, pair := range []struct{ sdk, ours any }{
		{types.AccessDeniedException{}, AccessDeniedException{}},
		{types.ConflictException{}, ConflictException{}},
		{types.InternalServerException{}, InternalServerException{}},
		{types.ResourceNotFoundException{}, ResourceNotFoundException{}},
		{types.ServiceQuotaExceededException{}, ServiceQuotaExceededException{}},
		{types.ThrottlingException{}, ThrottlingException{}},
		{types.ValidationException{}, ValidationException{}},
	} {
		compareShapes(t, reflect.TypeOf(pair.ours).Name(), reflect.TypeOf(pair.sdk), reflect.TypeOf(pair.ours), seen)
	}
	if len(seen) < 190 {
		t.Errorf("compared only %d structures", len(seen))
	}
}

var (
	timeType     = reflect.TypeOf(time.Time{})
	documentType = reflect.TypeOf((*document.Interface)(nil)).Elem()
)

// sdkOnly are SDK fields that are no Smithy members.
var sdkOnly = map[string]bool{"ResultMetadata": true, "ErrorCodeOverride": true}

func compareShapes(t *testing.T, path string, s, o reflect.Type, seen map[reflect.Type]bool) {
	t.Helper()
	for s.Kind() == reflect.Pointer {
		s = s.Elem()
	}
	for o.Kind() == reflect.Pointer {
		o = o.Elem()
	}
	switch {
	case s == timeType:
		if o != reflect.TypeOf(Timestamp{}) && o != reflect.TypeOf(DateTime{}) {
			t.Errorf("%s: SDK time.Time, ours %v", path, o)
		}
		return
	case s == documentType:
		if o != reflect.TypeOf(Document{}) {
			t.Errorf("%s: SDK document, ours %v", path, o)
		}
		return
	case s.Kind() != o.Kind():
		t.Errorf("%s: SDK %v, ours %v", path, s, o)
		return
	}
	switch s.Kind() {
	case reflect.Struct:
		if seen[o] {
			return
		}
		seen[o] = true
		if s.Name() != o.Name() && !strings.HasSuffix(path, o.Name()) && !modelIONames(s.Name(), o.Name()) {
			t.Errorf("%s: SDK type %s, ours %s", path, s.Name(), o.Name())
		}
		for i := range s.NumField() {
			sf := s.Field(i)
			if !sf.IsExported() || sdkOnly[sf.Name] {
				continue
			}
			of, ok := o.FieldByName(sf.Name)
			if !ok {
				t.Errorf("%s: no member %s", path, sf.Name)
				continue
			}
			if tag := of.Tag.Get("json"); !strings.EqualFold(tag, sf.Name+",omitzero") && tag != "-" {
				t.Errorf("%s.%s: json tag %q", path, sf.Name, tag)
			}
			compareShapes(t, path+"."+sf.Name, sf.Type, of.Type, seen)
		}
		for i := range o.NumField() {
			if _, ok := s.FieldByName(o.Field(i).Name); !ok {
				t.Errorf("%s: member %s is not in the SDK", path, o.Field(i).Name)
			}
		}
	case reflect.Slice:
		compareShapes(t, path+"[]", s.Elem(), o.Elem(), seen)
	case reflect.Map:
		if s.Key().Kind() != reflect.String || o.Key() != reflect.TypeOf("") {
			t.Errorf("%s: map keys SDK %v, ours %v", path, s.Key(), o.Key())
		}
		compareShapes(t, path+"{}", s.Elem(), o.Elem(), seen)
	case reflect.String:
		if s.Name() != o.Name() && !(s.Name() == "string" && o.Name() == "string") {
			t.Errorf("%s: SDK %v, ours %v", path, s, o)
		}
		if s.Name() != "string" {
			compareEnumValues(t, path, s, o)
		}
	}
}

// modelIONames reports whether the model names an operation's input or
// output structure <Op>Request or <Op>Response where the SDK for Go always
// says <Op>Input and <Op>Output, as the Agent's operations do.
func modelIONames(sdk, ours string) bool {
	op, ok := strings.CutSuffix(sdk, "Input")
	if ok {
		return ours == op+"Request"
	}
	op, ok = strings.CutSuffix(sdk, "Output")
	return ok && ours == op+"Response"
}

// compareEnumValues checks that an enum has the same values on both sides,
// through the Values method both generate.
func compareEnumValues(t *testing.T, path string, s, o reflect.Type) {
	t.Helper()
	values := func(typ reflect.Type) map[string]bool {
		out := map[string]bool{}
		m := reflect.Zero(typ).MethodByName("Values")
		if !m.IsValid() {
			t.Errorf("%s: %v has no Values method", path, typ)
			return out
		}
		vs := m.Call(nil)[0]
		for i := range vs.Len() {
			out[vs.Index(i).String()] = true
		}
		return out
	}
	if sv, ov := values(s), values(o); !reflect.DeepEqual(sv, ov) {
		t.Errorf("%s: enum values SDK %v, ours %v", path, sv, ov)
	}
}
