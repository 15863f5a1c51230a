package lint

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// TestSuppressionsByLine: reading a file in runs of lines finds the same
// suppressions, on the same lines, as reading it line by line, whatever the
// line endings and wherever the runs break.
func TestSuppressionsByLine(t *testing.T) {
	parts := []string{"a: b", "", "\r", "  # policyc:ignore RULE_A why", "x # policyc:ignore RULE_B,RULE_C because\r",
		"# policyc:ignore", "y: z  #policyc:ignore  RULE_D  ", strings.Repeat("w", 30000), "é: ü"}
	rng := rand.New(rand.NewPCG(3, 4))
	dir := t.TempDir()
	found := 0
	for n := range 100 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(parts[rng.IntN(len(parts))])
			if rng.IntN(8) > 0 {
				b.WriteString("\n")
			}
		}
		file := filepath.Join(dir, "policy.yaml")
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		got := suppressions(&model.Policy{File: file})
		var want []*suppression
		sc := bufio.NewScanner(strings.NewReader(b.String()))
		sc.Buffer(nil, model.MaxFileSize+1)
		for line := 1; sc.Scan(); line++ {
			if strings.Contains(sc.Text(), "policyc:ignore") {
				want = append(want, commentSuppressions(file, line, sc.Text())...)
			}
		}
		found += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("file %d: %d suppressions, read line by line %d", n, len(got), len(want))
		}
	}
	if found == 0 {
		t.Fatal("no file held a suppression")
	}
}
