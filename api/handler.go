package api

import (
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/service"
)

// handler implements the wire operations by translating between wire shapes
// and the use cases. The Well-Architected Agent's operations are authorised
// and then refused (agent.go); any other operation the model adds answers
// NotImplementedException through the embedded wire.Unimplemented.
type handler struct {
	wire.Unimplemented
	svc *service.Service
}

func ptr[T any](v T) *T { return &v }

// str returns a pointer to s, or nil when s is empty.
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func val[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ts(t time.Time) *wire.Timestamp {
	if t.IsZero() {
		return nil
	}
	return wire.NewTimestamp(t)
}

func intOf(p *int32) int { return int(val(p)) }

func int32Ptr(n int) *int32 {
	if n == 0 {
		return nil
	}
	v := int32(n)
	return &v
}

// riskCounts turns domain counts into the wire map, every risk present.
func riskCounts(c wat.RiskCounts) map[string]int32 {
	out := make(map[string]int32, len(wat.Risks))
	for _, r := range wat.Risks {
		out[string(r)] = int32(c[r])
	}
	return out
}
