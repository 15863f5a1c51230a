package translation

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"Kept for up to 13 months after the visit.", "Kept for up to 24 months after the visit.",
			"'up to 13 months after' → 'up to 24 months after'"},
		{"Counts visits.", "Counts all visits.", "'Counts visits.' → 'Counts all visits.'"},
		{"a b c d e f g h i j", "a b c X e f g h i Y", "'b c d e f' → 'b c X e f', 'h i j' → 'h i Y'"},
		{"one two three four five six seven eight nine ten eleven", "one two three four five six seven eight nine ten",
			"'nine ten eleven' → 'nine ten'"},
		{"Counts visits.", "Counts\n  visits.", "spacing or line breaks only"},
		{"same", "same", "no change"},
		{"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20", "a b c",
			"'1 2 3 4 5 6 7 8 … 18 19 20' → 'a b c'"},
		{"a x b c d e f g y h i j k l m z n o p q r s t w u", "a X b c d e f g Y h i j k l m Z n o p q r s t W u",
			"'a x b c' → 'a X b c', 'f g y h i' → 'f g Y h i', 'l m z n o' → 'l m Z n o', and 1 more change"},
	}
	for _, tt := range tests {
		if got := WordDiff(tt.old, tt.new); got != tt.want {
			t.Errorf("WordDiff(%q, %q)\n got %s\nwant %s", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestWordDiffLongTexts(t *testing.T) {
	// Texts too long to compare word by word are still described.
	old := strings.Repeat("word ", 800) + "end"
	new := "start " + strings.Repeat("term ", 800) + "end"
	if got, want := WordDiff(old, new), "'word word word word word word word word … word word end' → 'start term term term term term term term … term term end'"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
