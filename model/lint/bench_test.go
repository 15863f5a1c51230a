package lint_test

import (
	"testing"

	"github.com/policyc/policyc/internal/cputime"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
)

// BenchmarkCheckBundled is policyc check on the bundled policies: load,
// every rule, suppressions. It should stay under 50 ms an operation. Each
// operation parses every file, as the command does.
func BenchmarkCheckBundled(b *testing.B) {
	defer cputime.Measure(b)()
	for b.Loop() {
		model.ForgetParsedFiles()
		if _, diags := lint.Run([]string{"../../policies"}, lint.Options{}); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}
