package model

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"We keep it up to 13 months.", "We keep it up to 24 months.", "We keep it up to [-13-] {+24+} months."},
		{"a b c", "a c", "a [-b-] c"},
		{"a c", "a b c", "a {+b+} c"},
		{"", "new text", "{+new text+}"},
		{"old text", "", "[-old text-]"},
		{"kept  for\n{duration 13 months} here", "kept for {duration 24 months} here", "kept for [-{duration 13 months}-] {+{duration 24 months}+} here"},
		{"x y z w", "y x z w", "[-x-] y {+x+} z w"},
	} {
		var b strings.Builder
		for i, s := range WordDiff(tc.old, tc.new) {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch s.Op {
			case "-":
				b.WriteString("[-" + s.Text + "-]")
			case "+":
				b.WriteString("{+" + s.Text + "+}")
			default:
				b.WriteString(s.Text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", tc.old, tc.new, b.String(), tc.want)
		}
	}
}
