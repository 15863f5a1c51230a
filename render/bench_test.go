package render

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// writeGenerated writes a policy with the given numbers of tracker rows and
// processing activities, in three languages, and returns its folder.
func writeGenerated(tb testing.TB, trackers, activities int) string {
	tb.Helper()
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
	dir := filepath.Join(tb.TempDir(), "generated")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

var generate = flag.String("generate", "", "write the generated 10,000-tracker policy into this folder, for measuring the command (make bench)")

// TestGenerate writes the benchmark's policy for `make bench`, which times
// the policyc command on it and reports its peak memory.
func TestGenerate(t *testing.T) {
	if *generate == "" {
		t.Skip("-generate not set")
	}
	dir := writeGenerated(t, 10000, 1000)
	data, err := os.ReadFile(filepath.Join(dir, "policy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(*generate, "generated")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "policy.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkBuild loads a generated policy and renders it in 3 languages × 3
// formats. Targets on a 2-core machine: 10,000 rows under 1 s and 300 MB,
// and at most 12 times the 1,000-row time.
func BenchmarkBuild(b *testing.B) {
	for _, size := range []struct{ trackers, activities int }{{1000, 100}, {10000, 1000}} {
		b.Run(fmt.Sprintf("trackers=%d/activities=%d", size.trackers, size.activities), func(b *testing.B) {
			dir := writeGenerated(b, size.trackers, size.activities)
			for b.Loop() {
				policies, diags := model.Load([]string{dir})
				if diags.HasErrors() {
					b.Fatal(diags)
				}
				files, err := Build(policies, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(files) != 10 {
					b.Fatalf("%d files", len(files))
				}
			}
		})
	}
}
