package lint

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/policyc/policyc/internal/cputime"
	"github.com/policyc/policyc/internal/gen"
	"github.com/policyc/policyc/model"
)

// BenchmarkAnalyzeGenerated is every rule and the suppressions on the
// generated 10,000-tracker, 1,000-activity policy, loaded once: what check
// and build spend after the loader.
func BenchmarkAnalyzeGenerated(b *testing.B) {
	dir, err := gen.Write(b.TempDir(), 10000, 1000, gen.Options{})
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, gen.PolicyFile)
	p, loaded := model.LoadFile(file)
	if p == nil {
		b.Fatal(loaded)
	}
	opts := Options{}
	selected := opts.selected()
	ran := slices.DeleteFunc(slices.Clone(selected), func(a *Analyzer) bool { return a.Category == "audit" })
	chosen := map[*Analyzer]bool{}
	for _, a := range selected {
		chosen[a] = true
	}
	all := []*model.Policy{p}
	defer cputime.Measure(b)()
	for b.Loop() {
		if diags := check(p, all, loaded, opts, selected, chosen, ran); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
