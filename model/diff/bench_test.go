package diff_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
)

// writeVersion writes one version of a policy of n tracker rows in three
// languages. The second version lists the rows in reverse order, extends one
// lifetime in a hundred, rewords one purpose in a hundred, and replaces the
// last hundred rows by a hundred new ones.
func writeVersion(tb testing.TB, n int, second bool) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`id: big
kind: cookie-policy
title: {en: Big, nl: Groot, fr: Grand}
languages: [en, nl, fr]
version: "1"
effective: 2026-01-15
controllers: [{id: acme, name: Acme SAS, address: {city: Paris, country: FR}}]
tracker-categories:
  - {id: essential, name: {en: Essential, nl: Noodzakelijk, fr: Essentiels}, consent-required: false}
  - {id: analytics, name: {en: Analytics, nl: Analyse, fr: Mesure d'audience}, consent-required: true}
sections: [{id: cookies, title: {en: Cookies, nl: Cookies, fr: Cookies}, blocks: [{trackers: essential}, {trackers: analytics}]}]
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
	dir := filepath.Join(tb.TempDir(), "big")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, model.PolicyFile), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkDiff compares two loaded versions of a 10,000-tracker policy and
// writes the text report.
func BenchmarkDiff(b *testing.B) {
	old, new := load(b, writeVersion(b, 10000, false)), load(b, writeVersion(b, 10000, true))
	for b.Loop() {
		r := diff.Compare(old, new)
		if r.Len() != 398 {
			b.Fatalf("%d changes, want 398", r.Len())
		}
		if err := diff.WriteText(io.Discard, r, diff.TextOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiffLoaded is what `policyc diff OLD NEW` does on two versions of
// a 10,000-tracker policy: load both at once, compare, write the report.
func BenchmarkDiffLoaded(b *testing.B) {
	oldDir, newDir := writeVersion(b, 10000, false), writeVersion(b, 10000, true)
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
