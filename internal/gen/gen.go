// Package gen writes the generated policies that benchmarks and load tests
// measure policyc on: many rows of every kind, in three languages.
package gen

import (
	"fmt"
	"strings"
)

// Policy returns policy.yaml of a policy with id "generated", the given
// numbers of tracker rows and processing activities, in en, nl and fr.
func Policy(trackers, activities int) []byte {
	var b strings.Builder
	b.WriteString(`id: generated
kind: privacy-and-cookie-policy
title: {en: Generated, nl: Gegenereerd, fr: Généré}
languages: [en, nl, fr]
version: "1"
effective: 2021-03-22
controllers:
  - {id: acme, name: Acme SAS, address: {street: 2 rue Kellermann, postcode: "59100", city: Roubaix, country: FR}}
vendors:
`)
	for v := range 50 {
		fmt.Fprintf(&b, "  - {id: vendor-%d, name: Vendor %d Ltd, country: IE, role: processor}\n", v, v)
	}
	b.WriteString(`tracker-categories:
  - {id: essential, name: {en: Essential, nl: Noodzakelijk, fr: Essentiels}, consent-required: false}
  - {id: analytics, name: {en: Analytics, nl: Analyse, fr: Mesure d'audience}, consent-required: true, legal-bases: [consent]}
data-categories:
  - {id: identity, name: {en: Identity data, nl: Identiteitsgegevens, fr: Données d'identification}}
  - {id: usage, name: {en: Usage data, nl: Gebruiksgegevens, fr: Données d'utilisation}}
recipients:
  - {id: support, name: {en: Support, nl: Support, fr: Assistance}}
transfers:
  - {countries: [US], safeguard: scc-2021-914}
rights:
  list: [access, rectification, erasure, restriction, portability, objection, withdraw-consent, complaint]
  channels: [{email: privacy@acme.example}]
  authorities: [{authority: cnil}]
processing-groups:
  - {id: contract, title: {en: Contracts, nl: Contracten, fr: Contrats}, legal-bases: [contract]}
trackers:
`)
	lifetimes := []string{"session", "13 months", "24 hours", "380 days", "session, at most 10 minutes", "1 year"}
	for i := range trackers {
		cat := []string{"essential", "analytics"}[i%2]
		fmt.Fprintf(&b, `  - id: t%d
    names: [cookie_%d, {name: cookie_%d_b, lifetime: 30 days}]
    provider: vendor-%d
    category: %s
    purpose: {en: Measures visit %d to improve pages., nl: Meet bezoek %d om pagina's te verbeteren., fr: Mesure la visite %d pour améliorer les pages.}
    lifetime: %s
    technology: [http-cookie, script]
    countries: [IE, US]
    party: third
`, i, i, i, i%50, cat, i, i, i, lifetimes[i%len(lifetimes)])
	}
	b.WriteString("processing:\n")
	for i := range activities {
		fmt.Fprintf(&b, `  - id: a%d
    group: contract
    purpose: {en: Purpose %d of the contract, nl: Doel %d van het contract, fr: Finalité %d du contrat}
    data-categories: [identity, usage]
    retention: ["1 year from interaction, then 4 years in archive", until contract-end + 90 days]
    recipients: [support]
`, i, i, i, i)
	}
	b.WriteString(`sections:
  - id: cookies
    title: {en: Cookies, nl: Cookies, fr: Cookies}
    blocks: [{trackers: essential}, {trackers: analytics}]
  - id: processing
    title: {en: Processing, nl: Verwerking, fr: Traitements}
    blocks: [{processing: contract}]
`)
	return []byte(b.String())
}
