package model

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/cputime"
)

// BenchmarkLoad loads and checks a policy of 10,000 tracker rows in three
// languages.
func BenchmarkLoad(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("id: big\nkind: cookie-policy\ntitle: {en: Big, nl: Groot, fr: Grand}\nlanguages: [en, nl, fr]\nversion: \"1\"\neffective: 2021-03-22\n")
	sb.WriteString("controllers: [{id: acme, name: Acme, address: {city: Paris, country: FR}}]\nvendors: [{id: v, name: V}]\n")
	sb.WriteString("tracker-categories: [{id: c, name: {en: C, nl: C, fr: C}, consent-required: true}]\nsections: [{id: s, title: {en: S, nl: S, fr: S}}]\ntrackers:\n")
	for i := range 10000 {
		fmt.Fprintf(&sb, "  - {id: t%d, names: [a%d, {name: b%d, lifetime: 30 days}], provider: v, category: c, lifetime: 13 months, technology: [http-cookie, script], countries: [IE, US], party: third, purpose: {en: Counts visits., nl: Telt bezoeken., fr: Compte les visites.}}\n", i, i, i)
	}
	dir := filepath.Join(b.TempDir(), "big")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte(sb.String()), 0o644)
	defer cputime.Measure(b)()
	for b.Loop() {
		if _, diags := Load([]string{dir}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
