package model

import (
	"testing"
	"unicode/utf8"
)

// FuzzGrammars: every value grammar takes any text without a panic, and
// what it accepts it writes back in a form it accepts again.
func FuzzGrammars(f *testing.F) {
	for _, s := range []string{
		"session", "13 months", "session, at most 10 minutes", "+5 days", "persistent", "at most 2 years",
		"1 year from interaction, then 4 years in archive", "until contract-end + 90 days", "at most 5 years",
		"2021-03-22", "22-03-2021", "FR", "EU", "nl", "https://example.com", "javascript:alert(1)",
		"Kept {duration 13 months} in {country FR} until {date 2021-03-22}.", "{duration +5 days}", "{",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDuration(s); err == nil {
			if _, err := ParseDuration(d.String()); err != nil {
				t.Errorf("ParseDuration(%q) = %q, which it refuses: %v", s, d.String(), err)
			}
		}
		_, _ = ParseRetention(s)
		if d, err := ParseDate(s); err == nil {
			if again, err := ParseDate(d.String()); err != nil || again != d {
				t.Errorf("ParseDate(%q) = %q, which reads back as %v, %v", s, d.String(), again, err)
			}
		}
		_ = ParseCountry(s)
		_ = ParseLanguage(s)
		_ = ParseURL(s)
		_, _ = ParseNamePattern(s)
		for _, fact := range InlineFacts(s) {
			_, _ = fact.Canonical()
		}
		out := ExpandInline(s, func(f InlineFact) (string, bool) { return f.Kind, true })
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("ExpandInline(%q) is not valid UTF-8", s)
		}
	})
}
