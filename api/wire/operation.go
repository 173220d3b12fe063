package wire

import (
	"context"
	"net/url"
	"slices"
	"strings"
)

// Operation is one operation of the API with its HTTP binding.
type Operation struct {
	Name        string // "UpdateAnswer"
	Method      string // "PATCH"
	URI         string // "/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}"
	SuccessCode int    // HTTP status of a successful response
	HasOutput   bool   // false when the model has no output: respond with an empty body

	// Invoke decodes req into the operation's input, validates it against
	// every constraint of the model, calls the handler's method and returns
	// its output (a non-nil *<Op>Output) or an error. Errors Invoke produces
	// itself are *wat.Error; the handler's errors are returned unchanged.
	Invoke func(ctx context.Context, h Handler, req *Request) (any, error)
}

// Request is what Invoke reads of an HTTP request.
type Request struct {
	Labels map[string]string // URI label values, already percent-decoded, keyed by label name
	Query  url.Values
	Body   []byte
}

// OperationByName returns the operation with the given name, or nil.
func OperationByName(name string) *Operation {
	i, ok := slices.BinarySearchFunc(Operations, name, func(op *Operation, name string) int {
		return strings.Compare(op.Name, name)
	})
	if !ok {
		return nil
	}
	return Operations[i]
}

// invoke is the body of every Operation.Invoke: bind the request into a new
// input, stop at the first decoding problem, validate, then call the handler.
// bind and validate are nil for inputs with nothing to read or check.
func invoke[I, O any](ctx context.Context, req *Request, bind func(*decoder, *I), validate func(*checker, *I), call func(context.Context, *I) (*O, error)) (any, error) {
	in := new(I)
	if bind != nil {
		d := newDecoder(req)
		bind(d, in)
		if err := d.result(); err != nil {
			return nil, err
		}
	}
	if validate != nil {
		var c checker
		validate(&c, in)
		if err := c.result(); err != nil {
			return nil, err
		}
	}
	out, err := call(ctx, in)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = new(O)
	}
	return out, nil
}
