package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/gen"
)

// BenchmarkImport imports an XLIFF file that changes every French text of
// the generated policy of 10,000 trackers and 1,000 activities (11,009
// units): check, plan, fact checks, the edit of the YAML file and the lock,
// written all or none.
func BenchmarkImport(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "policies")
	policyDir, err := gen.Write(dir, 10000, 1000, gen.Options{})
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(policyDir, gen.PolicyFile)
	policy, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	xlf := filepath.Join(b.TempDir(), "fr.xlf")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"i18n", "export", "--lang", "fr", "--out", xlf, dir}, &stdout, &stderr); code != 0 {
		b.Fatalf("export: %s", stderr.String())
	}
	data, err := os.ReadFile(xlf)
	if err != nil {
		b.Fatal(err)
	}
	units := strings.Count(string(data), "</target>")
	if err := os.WriteFile(xlf, []byte(strings.ReplaceAll(string(data), "</target>", " (revu)</target>")), 0o644); err != nil {
		b.Fatal(err)
	}
	lock := filepath.Join(policyDir, "translations.lock")
	b.ReportMetric(float64(units), "units")
	for b.Loop() {
		b.StopTimer()
		if err := os.WriteFile(file, policy, 0o644); err != nil {
			b.Fatal(err)
		}
		os.Remove(lock)
		stdout.Reset()
		stderr.Reset()
		b.StartTimer()
		if code := run([]string{"i18n", "import", xlf, dir}, &stdout, &stderr); code != 0 {
			b.Fatalf("import: %s", stderr.String())
		}
	}
	if want := "11009 translations written"; !strings.Contains(stdout.String(), want) {
		b.Fatalf("import wrote %q, want %q", stdout.String(), want)
	}
}
