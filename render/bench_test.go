package render

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/policyc/policyc/internal/cputime"
	"github.com/policyc/policyc/internal/gen"
	"github.com/policyc/policyc/model"
)

// writeGenerated writes a policy with the given numbers of tracker rows and
// processing activities, in three languages, and returns its folder.
func writeGenerated(tb testing.TB, trackers, activities int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "generated")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policy.yaml"), gen.Policy(trackers, activities), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkBuild loads a generated policy and renders it in 3 languages × 3
// formats. Targets on a 2-core machine: 10,000 rows under 1 s and 300 MB,
// and at most 11 times the 1,000-row time.
func BenchmarkBuild(b *testing.B) {
	for _, size := range []struct{ trackers, activities int }{{1000, 100}, {10000, 1000}} {
		b.Run(fmt.Sprintf("trackers=%d/activities=%d", size.trackers, size.activities), func(b *testing.B) {
			dir := writeGenerated(b, size.trackers, size.activities)
			defer cputime.Measure(b)()
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
