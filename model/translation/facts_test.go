package translation

import (
	"testing"

	"github.com/policyc/policyc/model"
)

func TestFacts(t *testing.T) {
	policy := `id: shop
kind: cookie-policy
title: {en: Cookies, nl: Cookies, fr: Cookies}
languages: [en, nl, fr]
version: "1"
effective: 2021-03-22
controllers:
  - {id: shop, name: Shop BV, address: {city: Utrecht, country: NL}}
vendors:
  - {id: google, name: Google, country: US}
tracker-categories:
  - {id: analytics, consent-required: true, name: {en: Analytics, nl: Analyse, fr: Mesure d'audience}}
trackers:
  - id: ga
    provider: google
    category: analytics
    purpose:
      en: Kept for {duration 13 months}; sent to the {country US}. # an inline fact is the right way
      nl: Maximaal 13 maanden bewaard; naar de Verenigde Staten gestuurd.
      fr: Conservé 13 mois, soit 1,5 ans; envoyé aux États-Unis.
sections:
  - id: about
    title: {en: About, nl: Over, fr: À propos}
    body:
      en: Google Ireland, in the Netherlands since 2 years, a 24-hour service, 30 minutes.
      nl: Google Ireland, sinds 2 jaar in Nederland, dienst van 24 uur, 30 minuten.
      fr: Google Ireland, depuis 2 années aux Pays-Bas, service 24 heures, 30 minutes.
    blocks: [{trackers: analytics}]
`
	p, dir := writePolicy(t, map[string]string{"shop/policy.yaml": policy})
	want := `shop/policy.yaml:19:11: warning: trackers.ga.purpose (nl) writes the country "Verenigde Staten" by hand; write {country US}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:19:11: warning: trackers.ga.purpose (nl) writes the duration "13 maanden" by hand; write {duration 13 months}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:20:11: warning: trackers.ga.purpose (fr) writes the country "États-Unis" by hand; write {country US}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:20:11: warning: trackers.ga.purpose (fr) writes the duration "13 mois" by hand; write {duration 13 months}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:25:11: warning: sections.about.body (en) writes the country "Netherlands" by hand; write {country NL}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:25:11: warning: sections.about.body (en) writes the duration "2 years" by hand; write {duration 2 years}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:25:11: warning: sections.about.body (en) writes the duration "24-hour" by hand; write {duration 24 hours}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:25:11: warning: sections.about.body (en) writes the duration "30 minutes" by hand; write {duration 30 minutes}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:26:11: warning: sections.about.body (nl) writes the country "Nederland" by hand; write {country NL}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:26:11: warning: sections.about.body (nl) writes the duration "2 jaar" by hand; write {duration 2 years}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:26:11: warning: sections.about.body (nl) writes the duration "24 uur" by hand; write {duration 24 hours}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:26:11: warning: sections.about.body (nl) writes the duration "30 minuten" by hand; write {duration 30 minutes}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:27:11: warning: sections.about.body (fr) writes the country "Pays-Bas" by hand; write {country NL}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:27:11: warning: sections.about.body (fr) writes the duration "2 années" by hand; write {duration 2 years}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:27:11: warning: sections.about.body (fr) writes the duration "24 heures" by hand; write {duration 24 hours}, which every language renders from the catalogue [TRANSLATED_FACT]
shop/policy.yaml:27:11: warning: sections.about.body (fr) writes the duration "30 minutes" by hand; write {duration 30 minutes}, which every language renders from the catalogue [TRANSLATED_FACT]
`
	if got := messages(Facts(p), dir); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestFactsInBundledPolicies fails where the bundled policies write a fact
// by hand in prose: they are the example every writer copies.
func TestFactsInBundledPolicies(t *testing.T) {
	policies, diags := model.Load([]string{"../../policies"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var ds model.Diagnostics
	for _, p := range policies {
		ds = append(ds, Facts(p)...)
	}
	if got := messages(ds, ""); got != "" {
		t.Errorf("the bundled policies write facts by hand; write them as inline facts:\n%s", got)
	}
}
