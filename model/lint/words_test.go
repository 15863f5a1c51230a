package lint

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordList: the test that rules texts out never rules out one the
// expression matches, whatever the case and the characters it folds.
func TestWordList(t *testing.T) {
	texts := []string{
		"We use WEB ANALYTICS.", "Web Analytics", "web analytic", "Mesure d'AUDIENCE", "PUBLICITÉ CIBLÉE", "publicité ciblee",
		"Our DPO", "our dpo.", "dpos", "The Data Protection Officer", "Délégué À La Protection Des Données",
		"web analyticſ", "audience meaſurement", "the \u212Aelvin", "GERICHTE ADVERTENTIES", "nothing here", "",
		"\xffWEB ANALYTICS", "web \xc3analytics", "\xc3\xa9 Our DPO \xe2", "ȺN Our DPO", strings.Repeat("é ", 400) + "WEB ANALYTICS",
	}
	for _, w := range []*wordList{trackingPurpose, dpoWords} {
		for _, s := range texts {
			if got, want := w.MatchString(s), w.re.MatchString(s); got != want {
				t.Errorf("%s on %q: %v, the expression says %v", w.re, s, got, want)
			}
			if got, want := w.FindString(s), w.re.FindString(s); got != want {
				t.Errorf("%s finds %q in %q, the expression %q", w.re, got, s, want)
			}
		}
	}
	if !trackingPurpose.MatchString("web analyticſ") || trackingPurpose.MatchString("nothing here") {
		t.Error("the long s is an s, and a text without the words has none")
	}
}

// TestWordListMayMatch: the test that rules texts out says a text may
// match exactly when its lower case holds one of the words.
func TestWordListMayMatch(t *testing.T) {
	parts := []string{"web ", "WEB", "analytics", "Analy", "dp", "DPO", "o", "é", "É", "publicité", "CIBLÉE", " ", "ſ", "\u212A", "Ⱥ", "\xff", "a", "mesure d'", "audience"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		for _, w := range []*wordList{trackingPurpose, dpoWords} {
			want := strings.ContainsRune(s, 'ſ')
			for _, word := range w.words {
				want = want || strings.Contains(strings.ToLower(s), string(word))
			}
			if got := w.mayMatch(s); got != want {
				t.Fatalf("%s may match %q: %v, want %v", w.re, s, got, want)
			}
		}
	}
}
