package report_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/wat-dev/wat/report/fontdir"
)

// TestConcurrentPDF renders the review in every script from many goroutines
// at once, sharing one font chain loaded just before (so that the fallback
// fonts are decompressed and parsed while the reports race for them), and
// wants each PDF byte for byte the same as one rendered alone with a chain
// of its own. Run it with -race.
func TestConcurrentPDF(t *testing.T) {
	var texts []string
	for _, s := range scripts {
		texts = append(texts, s.text)
	}
	notes := strings.Join(texts, " ")

	alone := fullReview(t, notes)
	fonts, err := fontdir.Load(nil, fontdir.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	alone.Fonts = fonts
	want, err := alone.PDF()
	if err != nil {
		t.Fatal(err)
	}
	wantScripts(t, pdfText(t, want))

	shared, err := fontdir.Load(nil, fontdir.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 6
	got := make([][]byte, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		r := fullReview(t, notes)
		r.Fonts = shared
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			got[i], errs[i] = r.PDF()
		}()
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("report %d: %v", i, errs[i])
		}
		if !bytes.Equal(got[i], want) {
			t.Errorf("report %d rendered concurrently differs from the one rendered alone (%d bytes, want %d)", i, len(got[i]), len(want))
		}
	}
}
