package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const bundled = "../../model/diff/testdata/bundled/"

// TestDiffBundled compares two versions of a bundled policy: one tracker
// added, one lifetime extended, one recipient added in the US, one
// sentence reworded, the trackers reordered. The report lists those four
// changes, three material, and --fail-on material exits 1.
func TestDiffBundled(t *testing.T) {
	want, err := os.ReadFile(bundled + "want.txt")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"diff", "--fail-on", "material", bundled + "old", bundled + "new"}, &stdout, &stderr)
	if code != exitInput {
		t.Errorf("exit code %d, want %d", code, exitInput)
	}
	if got := stdout.String(); got != string(want) {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
	}
	if got := stderr.String(); got != "policyc: 3 material change(s)\n" {
		t.Errorf("stderr: %q", got)
	}
	if n := strings.Count(stdout.String(), "\n  material "); n != 3 {
		t.Errorf("%d material changes, want 3", n)
	}
	if n := strings.Count(stdout.String(), "\n  editorial "); n != 1 {
		t.Errorf("%d editorial changes, want 1", n)
	}
}

// TestDiffExitCodes checks the exit code and the first line of output of
// each way diff can end.
func TestDiffExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"diff", bundled + "new", bundled + "new"}, exitOK, "open-telekom-cloud: no changes", ""},
		{[]string{"diff", "--fail-on", "material", bundled + "new", bundled + "new"}, exitOK, "open-telekom-cloud: no changes", ""},
		{[]string{"diff", "--fail-on", "any", bundled + "old", bundled + "new"}, exitInput, "open-telekom-cloud: 4 changes, 3 material", "policyc: 4 change(s)"},
		{[]string{"diff", bundled + "old", bundled + "new"}, exitOK, "open-telekom-cloud: 4 changes, 3 material", ""},
		{[]string{"diff", "--format", "html", "--lang", "fr", bundled + "old", bundled + "new"}, exitOK, "<!DOCTYPE html>", ""},
		{[]string{"diff", "no/such/folder", bundled + "new"}, exitInput, "", "no/such/folder: error: no such file or folder [FILE]"},
		{[]string{"diff", "--rev", "no-such-revision..HEAD"}, exitInput, "", `policyc: unknown revision "no-such-revision": no such commit in this repository`},
		{[]string{"diff"}, exitUsage, "", "policyc: diff needs OLD and NEW, or --rev A..B [PATH...]"},
		{[]string{"diff", bundled + "old"}, exitUsage, "", "policyc: diff needs OLD and NEW, or --rev A..B [PATH...]"},
		{[]string{"diff", "--format", "pdf", bundled + "old", bundled + "new"}, exitUsage, "", `policyc: --format: unknown format "pdf"; use text, markdown, html or json`},
		{[]string{"diff", "--fail-on", "some", bundled + "old", bundled + "new"}, exitUsage, "", `policyc: --fail-on must be material, any or none, not "some"`},
		{[]string{"diff", "--color", "blue", bundled + "old", bundled + "new"}, exitUsage, "", `policyc: --color must be auto, always or never, not "blue"`},
		{[]string{"diff", "--format", "html", "--lang", "de", bundled + "old", bundled + "new"}, exitUsage, "", `policyc: --lang: unsupported language "de"; policyc renders nl, en, fr`},
		{[]string{"diff", "--format", "html", "--lang", "nl", "../../model/diff/testdata/vendors/old", "../../model/diff/testdata/vendors/new"}, exitUsage, "", "policyc: --lang: policy shop is not written in nl; it is written in fr, en"},
		{[]string{"diff", "--rev", "-x", "policies"}, exitUsage, "", `policyc: --rev "-x": a revision cannot start with -`},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		first := func(s string) string { line, _, _ := strings.Cut(s, "\n"); return line }
		if code != tc.code || first(stdout.String()) != tc.stdout || first(stderr.String()) != tc.stderr {
			t.Errorf("policyc %s: exit %d, stdout %q, stderr %q; want exit %d, %q, %q",
				strings.Join(tc.args, " "), code, first(stdout.String()), first(stderr.String()), tc.code, tc.stdout, tc.stderr)
		}
	}
}
