package report

import "testing"

// TestCell checks the formula guard cell by cell: what a spreadsheet
// would run gets a leading quote, everything else is left as it is, and a
// guarded value is otherwise kept whole.
func TestCell(t *testing.T) {
	for _, tc := range []struct {
		in      string
		guarded bool
	}{
		{"", false},
		{"plain text", false},
		{"a = b, not a formula", false},
		{"12", false},
		{"2026-03-14T09:26:53Z", false},
		{"'=already quoted", false},
		{"x=1", false},
		{"email@example.com", false},
		{"=1+2", true},
		{"+1+2", true},
		{"-2+3", true},
		{"@SUM(A1:A9)", true},
		{"-5", true}, // typed text; the numeric columns never hold a negative number
		{"\tcmd", true},
		{"\r=cmd|' /C calc'!A0", true},
		{"\t", true},
		{" =1+2", true},
		{"   +1", true},
		{"\n=1+2", true},
		{"\r\n@SUM(A1)", true},
		{"\u00a0=1+2", true},         // no-break space
		{"\u3000-1", true},           // ideographic space
		{"\u200b=1+2", true},         // zero-width space
		{"\ufeff=1+2", true},         // byte order mark
		{"\x00=1+2", true},           // a control character
		{"\uff1dHYPERLINK(1)", true}, // full-width =
		{"\uff0b1", true},            // full-width +
		{"\uff0d1", true},            // full-width -
		{"\uff20SUM(1)", true},       // full-width @
		{"\u3000\uff1d1", true},
		{"\ufe661", true}, // small =
		{"\u22121", true}, // minus sign
		{" plain", false},
		{"\n", false},
		{"\u3000text", false},
		{"\uff21", false}, // full-width A
	} {
		want := tc.in
		if tc.guarded {
			want = "'" + tc.in
		}
		if got := cell(tc.in); got != want {
			t.Errorf("cell(%q) = %q, want %q", tc.in, got, want)
		}
	}
}
