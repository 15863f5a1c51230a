package translation

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAmountUnitsMatchesRegexp: the hand-written scan finds exactly what
// the regular expression it replaces finds.
func TestAmountUnitsMatchesRegexp(t *testing.T) {
	texts := []string{
		"", "13 months", "13 maanden en 2 jaar", "1,5 jaar", "12 - 3 days", "24-hour", "x12 mois",
		"13\u00a0mois", "13\u202fmois", "13 \u00e9t\u00e9s", "99", "7 ", "7 -", "07 -é1 jours", "\xff13 d\xffays",
		"3 días, 4 Tage und 5 ανα", "2026-12-06", "１３ months",
	}
	alphabet := []string{"1", "2", "0", " ", "-", "\u00a0", "\u202f", "a", "é", "Ω", ".", ",", "\xff", "x", "9"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		var want [][6]int
		for _, m := range amountUnit.FindAllStringSubmatchIndex(text, -1) {
			want = append(want, [6]int(m))
		}
		if got := amountUnits(text); !slices.Equal(got, want) {
			t.Fatalf("amountUnits(%q) = %v, want %v", text, got, want)
		}
	}
}
