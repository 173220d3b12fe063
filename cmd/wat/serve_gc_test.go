package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneServeGC: wat serve collects at five times the live heap under a
// soft memory limit, unless GOGC or GOMEMLIMIT say otherwise.
func TestTuneServeGC(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	restore := tuneServeGC(env(nil))
	percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(percent)
	restore()
	if percent != serveGCPercent || limit != serveMemoryLimit {
		t.Errorf("GC percent %d, memory limit %d; want %d and %d", percent, limit, serveGCPercent, serveMemoryLimit)
	}
	if got := debug.SetGCPercent(-1); got == serveGCPercent {
		t.Errorf("restore left GC percent at %d", got)
	} else {
		debug.SetGCPercent(got)
	}

	restore = tuneServeGC(env(map[string]string{"GOGC": "100", "GOMEMLIMIT": "1GiB"}))
	percent, limit = debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(percent)
	restore()
	if percent == serveGCPercent || limit != math.MaxInt64 {
		t.Errorf("with GOGC and GOMEMLIMIT set: GC percent %d, memory limit %d; want them untouched", percent, limit)
	}
}
