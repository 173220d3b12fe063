package service

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAgentPageAfter: pages follow the position of the last item seen, so
// items created or deleted between two calls neither repeat nor skip the
// others.
func TestAgentPageAfter(t *testing.T) {
	position := func(s string) pageToken { return pageToken{Key: s[:1], ID: s} }
	items := []string{"a1", "a2", "b1", "c1", "c2"}
	page, next, err := pageAfter(items, position, "", 2, 100)
	if err != nil || !slices.Equal(page, []string{"a1", "a2"}) || next == "" {
		t.Fatalf("first page = %v, %q, %v", page, next, err)
	}

	// a2 goes, a0 and b0 come: the next page starts after a2 all the same.
	changed := []string{"a0", "a1", "b0", "b1", "c1", "c2"}
	var got []string
	for token := next; ; {
		page, token, err = pageAfter(changed, position, token, 2, 100)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if token == "" {
			break
		}
	}
	if diff := cmp.Diff([]string{"b0", "b1", "c1", "c2"}, got); diff != "" {
		t.Errorf("the pages after a change (-want +got):\n%s", diff)
	}

	if page, next, _ := pageAfter(items, position, "", 0, 100); len(page) != 5 || next != "" {
		t.Errorf("the default page size gives %v, %q", page, next)
	}
	if _, _, err := pageAfter(items, position, "not a token!", 2, 100); err == nil {
		t.Error("a malformed NextToken was accepted")
	}
}
