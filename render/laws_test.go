package render

import (
	"strings"
	"testing"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// TestEUTermsUnchanged: a legal term and its GDPR reference, joined, are
// the message the diff reports and older pages use, in every language.
func TestEUTermsUnchanged(t *testing.T) {
	p := &model.Policy{}
	for _, lang := range locales.Languages {
		m, err := locales.For(lang)
		if err != nil {
			t.Fatal(err)
		}
		r := &resolver{p: p, lang: lang, m: m}
		var concepts []string
		for _, b := range model.LegalBases {
			concepts = append(concepts, "basis."+b)
		}
		for _, s := range model.Safeguards {
			concepts = append(concepts, "safeguard."+s)
		}
		for _, k := range model.RightKeys {
			if k == "complaint" {
				k = "complaint-right"
			}
			concepts = append(concepts, "rights."+k)
		}
		for _, c := range concepts {
			if got, want := r.legal(c, "").Text, m.T(c); got != want {
				t.Errorf("%s %s: composed %q, message %q", lang, c, got, want)
			}
		}
		if err := m.Err(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTwoLaws: a policy under the EU GDPR and the UK GDPR gives both
// references, in the order the policy names the laws, and names both laws.
func TestTwoLaws(t *testing.T) {
	p := load(t, "testdata/golden/policies/uk-shop")[0]
	p.Law = []string{"eu-gdpr", "uk-gdpr"}
	for lang, want := range map[string][]string{
		"en": {"consent (Art. 6(1)(a) GDPR; Art. 6(1)(a) UK GDPR)", "Right of access (Art. 15 GDPR; Art. 15 UK GDPR)",
			"Applicable law: General Data Protection Regulation (GDPR), UK General Data Protection Regulation (UK GDPR) and Data Protection Act 2018",
			"adequacy decision of the European Commission (Art. 45 GDPR; s. 17A DPA 2018)"},
		"nl": {"toestemming (art. 6 lid 1 sub a AVG; art. 6 lid 1 sub a UK GDPR)", "Recht van inzage (art. 15 AVG; art. 15 UK GDPR)"},
		"fr": {"consentement (art. 6.1.a du RGPD\u202f; art. 6.1.a du UK GDPR)", "Droit d'accès (art. 15 du RGPD\u202f; art. 15 du UK GDPR)"},
	} {
		for _, format := range []string{"md", "json"} {
			out, err := Render(p, lang, format, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				if format == "json" && strings.HasPrefix(w, "Applicable") {
					continue
				}
				if !strings.Contains(string(out), w) {
					t.Errorf("%s %s lacks %q", lang, format, w)
				}
			}
		}
	}
}
