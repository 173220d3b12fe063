package wire

import (
	"context"
	"net/url"
	"slices"
	"strings"

	wat "github.com/wat-dev/wat"
)

// Operation is one operation of the API with its HTTP binding.
type Operation struct {
	Name        string // "UpdateAnswer"
	Method      string // "PATCH"
	URI         string // "/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}"
	SuccessCode int    // HTTP status of a successful response
	HasOutput   bool   // false when the model has no output: respond with an empty body
	Action      string // the IAM action it is authorised as (aws.iam#actionName); "" when its name

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
	// RequireObject has Invoke refuse a body that is neither empty nor a
	// JSON object also when the input has no body member, which otherwise
	// leaves the body unread. The server sets it: one document means the
	// same to every operation, and a body no operation reads must not run
	// one (a DELETE with a body of garbage).
	RequireObject bool
}

// IAMAction is the IAM action, without the "wellarchitected:" prefix, that
// the operation is authorised as: its name unless the model says otherwise
// (wat's GetLensReviewExport is GetLensReviewReport in another format).
func (op *Operation) IAMAction() string {
	if op.Action != "" {
		return op.Action
	}
	return op.Name
}

// Amender is implemented by a handler whose use cases find problems in an
// input that its model cannot state (a choice the lens lacks), so that an
// input breaking both the model and those rules is refused with every
// problem at once. Amend gets the decoded input (*<Op>Input) that the
// model's constraints refused and returns the use case's own problems with
// it, named as the model names members ("Rules[0].ChoiceIds[1]"); they are
// added to the ValidationException. The operation's method never sees
// such an input.
type Amender interface {
	Amend(ctx context.Context, in any) []wat.FieldError
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
func invoke[I, O any](ctx context.Context, h Handler, req *Request, bind func(*decoder, *I), validate func(*checker, *I), call func(context.Context, *I) (*O, error)) (any, error) {
	in := new(I)
	d := newDecoder(req)
	if bind != nil {
		bind(d, in)
	}
	if req != nil && req.RequireObject && !d.bodyRead {
		d.body(func([]byte) { d.skip() })
	}
	if err := d.result(); err != nil {
		return nil, err
	}
	if validate != nil {
		var c checker
		validate(&c, in)
		if c.n > 0 {
			if a, ok := h.(Amender); ok {
				c.amend(a.Amend(ctx, in))
			}
			return nil, c.result()
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
