package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestManPages writes the man pages and reads the one of check.
func TestManPages(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1768435200") // 2026-01-15
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"man", "--dir", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, want := range []string{"policyc.1", "policyc-check.1", "policyc-build.1", "policyc-init.1", "policyc-i18n-confirm.1"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %s among %v", want, names)
		}
	}
	if slices.Contains(names, "policyc-man.1") {
		t.Error("the hidden man command has a page")
	}
	page, err := os.ReadFile(filepath.Join(dir, "policyc-check.1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`.TH "POLICYC" "1" "Jan 2026" "policyc" "policyc manual"`, `policyc-check - Report every error and warning in the policies`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("policyc-check.1 has no %q:\n%s", want, page)
		}
	}
}
