package lint

import (
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
