package main

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/policyc/policyc/internal/cputime"
	"github.com/policyc/policyc/internal/gen"
)

// BenchmarkBuildHTML is "policyc build --format html" on the generated
// 10,000-tracker, 1,000-activity policy, as a user runs it: recovery, the
// check, and the pages of three languages written to disk. It is the
// command "make bench-hugo" compares with Hugo and the parse-and-write floor;
// profile it with -cpuprofile.
func BenchmarkBuildHTML(b *testing.B) {
	dir, err := gen.Write(b.TempDir(), 10000, 1000, gen.Options{})
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "out")
	defer cputime.Measure(b)()
	for b.Loop() {
		s := &streams{Out: io.Discard, Err: io.Discard}
		if err := runBuild(&buildOptions{Paths: []string{dir}, Out: out, Formats: []string{"html"}, Site: "hugo", IO: s}); err != nil {
			b.Fatal(err)
		}
	}
}
