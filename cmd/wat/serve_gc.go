package main

import (
	"runtime/debug"
)

// serveGCPercent is the collector's target for wat serve: collect when the
// heap reaches five times the live heap. The server's live heap is small
// (the lenses, caches and connections: about 20 MB) and every request
// leaves garbage behind, so with Go's default (twice the live heap) the
// collector took a fifth of the CPU time of a cached GetLensReview; at
// 400 the peak RSS under load grows from about 75 MB to 140 MB.
const serveGCPercent = 400

// serveMemoryLimit keeps that headroom from growing with a large live
// heap (a consolidated report across thousands of workloads): near the
// limit the collector runs more often again. It is a soft limit, and the
// runtime bounds the CPU time the collector then takes, so a live heap
// above it slows the server rather than stopping it.
const serveMemoryLimit = 512 << 20

// tuneServeGC sets the collector for wat serve, unless GOGC or GOMEMLIMIT
// set it, and returns what restores it.
func tuneServeGC(getenv func(string) string) (restore func()) {
	percent, limit := -2, int64(-1)
	if getenv("GOGC") == "" {
		percent = debug.SetGCPercent(serveGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(serveMemoryLimit)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
