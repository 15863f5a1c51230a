package model

import "testing"

// TestDurationCompare orders lifetimes: one month is a twelfth of a year,
// sessions are shorter than any period and capped by their maximum,
// persistent storage outlasts everything, "at most" compares by its bound.
func TestDurationCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"12 months", "1 year", 0},
		{"13 months", "1 year", 1},
		{"52 weeks", "1 year", -1},
		{"365 days", "1 year", -1},
		{"24 hours", "1 day", 0},
		{"60 minutes", "1 hour", 0},
		{"session", "1 minute", -1},
		{"session", "session", 0},
		{"session, at most 10 minutes", "session", -1},
		{"session, at most 10 minutes", "session, at most 1 hour", -1},
		{"session, at most 30 minutes", "30 minutes", -1},
		{"session, at most 31 minutes", "30 minutes", 1},
		{"persistent", "10000 years", 1},
		{"persistent", "persistent", 0},
		{"session", "persistent", -1},
		{"at most 2 years", "24 months", 0},
		{"at most 2 years", "1 year", 1},
	} {
		a, errA := ParseDuration(tc.a)
		b, errB := ParseDuration(tc.b)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if got := sign(a.Compare(b)); got != tc.want {
			t.Errorf("%s vs %s: %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := sign(b.Compare(a)); got != -tc.want {
			t.Errorf("%s vs %s: %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}

// TestRetentionCompare compares rules that count from the same event, by
// the time kept in all and by the cap; others cannot be compared.
func TestRetentionCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
		ok   bool
	}{
		{"2 years from interaction", "1 year from interaction", 1, true},
		{"1 year from interaction, then 4 years in archive", "5 years from interaction", 0, true},
		{"until contract-end + 1 year", "until contract-end", 1, true},
		{"until contract-end", "until contract-end, at most 5 years", 1, true},
		{"at most 3 years", "at most 5 years", -1, true},
		{"1 year from collection", "1 year from last-contact", 0, false},
		{"until consent-withdrawal", "1 year from collection", 0, false},
		{"2 years from collection, at most 3 years", "1 year from collection, at most 5 years", 0, false},
	} {
		a, errA := ParseRetention(tc.a)
		b, errB := ParseRetention(tc.b)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		got, ok := a.Compare(b)
		if sign(got) != tc.want || ok != tc.ok {
			t.Errorf("%s vs %s: %d %t, want %d %t", tc.a, tc.b, sign(got), ok, tc.want, tc.ok)
		}
	}
}

func sign(c int) int {
	switch {
	case c > 0:
		return 1
	case c < 0:
		return -1
	}
	return 0
}
