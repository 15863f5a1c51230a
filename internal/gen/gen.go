// Package gen writes the generated policies that benchmarks and load tests
// measure policyc on: many rows of every kind, in three languages.
package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Policy returns policy.yaml of a policy with id "generated", the given
// numbers of tracker rows and processing activities, in en, nl and fr, as
// one file.
func Policy(trackers, activities int) []byte {
	return Files(trackers, activities, Options{Chunk: trackers + 1})[PolicyFile]
}

// PolicyFile is the name of the main file among those Files returns.
const PolicyFile = "policy.yaml"

// Chunk is the number of tracker rows per included file that keeps every
// generated file under the loader's 10 MiB limit (about 420 bytes a row).
const Chunk = 20000

// Options change the generated policy.
type Options struct {
	// Chunk is the number of tracker rows per file: with more rows than
	// that, the trackers are split into trackers-<k>.yaml files and the
	// processing activities into processing.yaml, joined with include.
	// Zero means the package's Chunk.
	Chunk int
	// Second makes the next version of the policy, for diff: one lifetime
	// in ten becomes 25 months and trackers/20 rows are added.
	Second bool
}

// Files returns the files of the generated policy by name: policy.yaml and,
// past opts.Chunk rows, the included files.
func Files(trackers, activities int, opts Options) map[string][]byte {
	chunk := opts.Chunk
	if chunk == 0 {
		chunk = Chunk
	}
	total := trackers
	if opts.Second {
		total += trackers / 20
	}
	split := total > chunk
	files := map[string][]byte{}
	b := &strings.Builder{}
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
		fmt.Fprintf(b, "  - {id: vendor-%d, name: Vendor %d Ltd, country: IE, role: processor}\n", v, v)
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
`)
	var main *strings.Builder
	if split {
		b.WriteString("include: [")
		for k := range (total + chunk - 1) / chunk {
			fmt.Fprintf(b, "trackers-%d.yaml, ", k)
		}
		b.WriteString("processing.yaml]\n")
		main, b = b, &strings.Builder{}
	} else {
		b.WriteString("trackers:\n")
	}
	// flush ends the included file being written under name.
	flush := func(name string) {
		files[name] = []byte(b.String())
		b.Reset()
	}
	lifetimes := []string{"session", "13 months", "24 hours", "380 days", "session, at most 10 minutes", "1 year"}
	for i := range total {
		if split && i%chunk == 0 {
			if i > 0 {
				flush(fmt.Sprintf("trackers-%d.yaml", i/chunk-1))
			}
			b.WriteString("trackers:\n")
		}
		cat := []string{"essential", "analytics"}[i%2]
		lifetime := lifetimes[i%len(lifetimes)]
		if opts.Second && i%10 == 3 {
			lifetime = "25 months"
		}
		fmt.Fprintf(b, `  - id: t%d
    names: [cookie_%d, {name: cookie_%d_b, lifetime: 30 days}]
    provider: vendor-%d
    category: %s
    purpose: {en: Measures visit %d to improve pages., nl: Meet bezoek %d om pagina's te verbeteren., fr: Mesure la visite %d pour améliorer les pages.}
    lifetime: %s
    technology: [http-cookie, script]
    countries: [IE, US]
    party: third
`, i, i, i, i%50, cat, i, i, i, lifetime)
	}
	if split {
		flush(fmt.Sprintf("trackers-%d.yaml", (total-1)/chunk))
	}
	b.WriteString("processing:\n")
	for i := range activities {
		fmt.Fprintf(b, `  - id: a%d
    group: contract
    purpose: {en: Purpose %d of the contract, nl: Doel %d van het contract, fr: Finalité %d du contrat}
    data-categories: [identity, usage]
    retention: ["1 year from interaction, then 4 years in archive", until contract-end + 90 days]
    recipients: [support]
`, i, i, i, i)
	}
	if split {
		flush("processing.yaml")
		b = main
	}
	b.WriteString(`sections:
  - id: cookies
    title: {en: Cookies, nl: Cookies, fr: Cookies}
    blocks: [{trackers: essential}, {trackers: analytics}]
  - id: processing
    title: {en: Processing, nl: Verwerking, fr: Traitements}
    blocks: [{processing: contract}]
`)
	files[PolicyFile] = []byte(b.String())
	return files
}

// Write writes the files of the generated policy into dir/generated, the
// policy folder, and returns that folder.
func Write(dir string, trackers, activities int, opts Options) (string, error) {
	folder := filepath.Join(dir, "generated")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return "", err
	}
	for name, data := range Files(trackers, activities, opts) {
		if err := os.WriteFile(filepath.Join(folder, name), data, 0o644); err != nil {
			return "", err
		}
	}
	return folder, nil
}
