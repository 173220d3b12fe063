package main

import (
	"context"
	"io"
	"os"
	"testing"
)

// BenchmarkScanCorpus runs `wat scan` in-process, in each output format, on
// the corpus of WAT_SCAN_CORPUS (written by scripts/bench_scan.sh, or by
// WAT_SCAN_CORPUS=DIR go test ./scan -run TestBenchCorpus); it is skipped
// without one. It is the whole command but for process start.
func BenchmarkScanCorpus(b *testing.B) {
	dir := os.Getenv("WAT_SCAN_CORPUS")
	if dir == "" {
		b.Skip("WAT_SCAN_CORPUS is not set")
	}
	for _, format := range []string{"table", "json", "sarif"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := scanCmd(context.Background(), []string{"--format", format, dir}, func(string) string { return "" }, io.Discard, os.Stderr); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
