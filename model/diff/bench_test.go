package diff_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/policyc/policyc/internal/cputime"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
)

// writeVersion writes one version of a policy of n tracker rows and n/10
// processing activities in three languages; each activity keeps its data
// under two retention rules without "for:", whose keys repeat. The second
// version lists the tracker rows in reverse order, extends one lifetime in a
// hundred, rewords one purpose in a hundred, and replaces the last hundred
// rows by a hundred new ones.
func writeVersion(tb testing.TB, n int, second bool) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`id: big
kind: privacy-and-cookie-policy
title: {en: Big, nl: Groot, fr: Grand}
languages: [en, nl, fr]
version: "1"
effective: 2026-01-15
controllers: [{id: acme, name: Acme SAS, address: {city: Paris, country: FR}}]
tracker-categories:
  - {id: essential, name: {en: Essential, nl: Noodzakelijk, fr: Essentiels}, consent-required: false}
  - {id: analytics, name: {en: Analytics, nl: Analyse, fr: Mesure d'audience}, consent-required: true}
data-categories: [{id: identity, name: {en: Identity data, nl: Identiteitsgegevens, fr: Données d'identification}}]
processing-groups: [{id: contract, title: {en: Contracts, nl: Contracten, fr: Contrats}, legal-bases: [contract]}]
sections:
  - {id: cookies, title: {en: Cookies, nl: Cookies, fr: Cookies}, blocks: [{trackers: essential}, {trackers: analytics}]}
  - {id: processing, title: {en: Processing, nl: Verwerking, fr: Traitements}, blocks: [{processing: contract}]}
vendors:
`)
	for v := range 50 {
		fmt.Fprintf(&b, "  - {id: vendor-%d, name: Vendor %d Ltd, country: IE, role: processor}\n", v, v)
	}
	b.WriteString("trackers:\n")
	for k := range n {
		i := k
		if second {
			i = n - 1 - k
		}
		id, lifetime, purpose := fmt.Sprintf("t%d", i), "13 months", "Measures visits"
		if second && i%100 == 0 {
			lifetime = "24 months"
		}
		if second && i%100 == 1 {
			purpose = "Counts visits"
		}
		if second && i >= n-100 {
			id = fmt.Sprintf("new%d", i)
		}
		fmt.Fprintf(&b, `  - id: %s
    names: [c_%d, {name: c_%d_b, lifetime: 30 days}]
    provider: vendor-%d
    category: %s
    purpose: {en: %s to improve page %d., nl: Meet bezoeken om pagina %d te verbeteren., fr: Mesure les visites pour améliorer la page %d.}
    lifetime: %s
    technology: [http-cookie, script]
    countries: [IE, US]
    party: third
`, id, i, i, i%50, []string{"essential", "analytics"}[i%2], purpose, i, i, i, lifetime)
	}
	b.WriteString("processing:\n")
	for i := range n / 10 {
		fmt.Fprintf(&b, `  - id: a%d
    group: contract
    purpose: {en: Purpose %d, nl: Doel %d, fr: Finalité %d}
    data-categories: [identity]
    retention: [1 year, 5 years]
`, i, i, i, i)
	}
	dir := filepath.Join(tb.TempDir(), "big")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, model.PolicyFile), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkDiff compares two loaded versions of a policy of 1,000 and of
// 10,000 tracker rows and writes the text report; the time per size grows
// with the input, and the 10k/1k ratio stays near 10.
func BenchmarkDiff(b *testing.B) {
	for _, c := range []struct{ rows, changes int }{{1000, 218}, {10000, 398}} {
		b.Run(fmt.Sprintf("rows=%d", c.rows), func(b *testing.B) {
			old, new := load(b, writeVersion(b, c.rows, false)), load(b, writeVersion(b, c.rows, true))
			defer cputime.Measure(b)()
			for b.Loop() {
				r := diff.Compare(old, new)
				if r.Len() != c.changes {
					b.Fatalf("%d changes, want %d", r.Len(), c.changes)
				}
				if err := diff.WriteText(io.Discard, r, diff.TextOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadBoth loads two versions of a 10,000-tracker policy at once,
// as BenchmarkDiffLoaded does, without comparing them: the time diff is
// measured against.
func BenchmarkLoadBoth(b *testing.B) {
	oldDir, newDir := writeVersion(b, 10000, false), writeVersion(b, 10000, true)
	defer cputime.Measure(b)()
	for b.Loop() {
		var wg sync.WaitGroup
		wg.Go(func() { load(b, oldDir) })
		load(b, newDir)
		wg.Wait()
	}
}

// BenchmarkDiffLoaded is what `policyc diff OLD NEW` does on two versions of
// a 10,000-tracker policy: load both at once, compare, write the report.
func BenchmarkDiffLoaded(b *testing.B) {
	oldDir, newDir := writeVersion(b, 10000, false), writeVersion(b, 10000, true)
	defer cputime.Measure(b)()
	for b.Loop() {
		var old []*model.Policy
		var wg sync.WaitGroup
		wg.Go(func() { old = load(b, oldDir) })
		new := load(b, newDir)
		wg.Wait()
		r := diff.Compare(old, new)
		if err := diff.WriteText(io.Discard, r, diff.TextOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
