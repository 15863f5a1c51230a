package render

import (
	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/model/diff"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// htmlValidate finds the html-validate command installed by `make tools`.
func htmlValidate(t *testing.T) string {
	return testtool.NPMBin(t, "html-validate")
}

// TestHTMLValid builds every bundled policy and the golden policy and runs
// html-validate's recommended rules, WCAG checks included, over the pages
// and the fragments, and over the pages of policyc diff.
func TestHTMLValid(t *testing.T) {
	validator := htmlValidate(t)
	policies := load(t, "../policies", "testdata/golden/policies")
	dir := t.TempDir()
	for _, fragment := range []bool{false, true} {
		files, err := Build(policies, Options{Formats: []string{"html"}, Fragment: fragment})
		if err != nil {
			t.Fatal(err)
		}
		sub := "pages"
		if fragment {
			sub = "fragments"
		}
		if err := WriteAtomic(filepath.Join(dir, sub), files); err != nil {
			t.Fatal(err)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "pages", "*", "*.html"))
	fragments, _ := filepath.Glob(filepath.Join(dir, "fragments", "*", "*.html"))
	run := func(config string, files []string) {
		args := append([]string{"--config", config}, files...)
		out, err := exec.Command(validator, args...).CombinedOutput()
		if err != nil {
			t.Errorf("html-validate %s: %v\n%s", config, err, out)
		}
	}
	// The "what changed" pages of policyc diff, through their goldens, which
	// the diff tests compare with what the command writes.
	diffPages, _ := filepath.Glob("../model/diff/testdata/*/want.html")
	if len(diffPages) == 0 {
		t.Fatal("no diff pages in ../model/diff/testdata")
	}
	pages = append(pages, diffPages...)
	// And the page of the bundled case in every language, not only the
	// source language the goldens are written in.
	report := diff.Compare(load(t, "../model/diff/testdata/bundled/old"), load(t, "../model/diff/testdata/bundled/new"))
	for _, lang := range []string{"nl", "en", "fr"} {
		page, err := DiffHTML(report, lang)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "diff-"+lang+".html")
		if err := os.WriteFile(file, page, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, file)
	}
	run("testdata/htmlvalidate-page.json", append(pages, filepath.Join(dir, "pages", "index.html")))
	run("testdata/htmlvalidate-fragment.json", fragments)
}
