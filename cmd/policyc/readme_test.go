package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEExample runs the README's example policy through check and
// wants what the README says check prints, so that the first thing a new
// user reads stays true.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(readme), "`policies/shop/policy.yaml`:\n\n```yaml\n")
	policy, rest, found := strings.Cut(rest, "```\n")
	if !found || policy == "" {
		t.Fatal("README: no example policy after `policies/shop/policy.yaml`:")
	}
	_, rest, _ = strings.Cut(rest, "```console\n$ policyc check policies\n")
	want, _, found := strings.Cut(rest, "$ echo $?\n1\n")
	if !found || want == "" {
		t.Fatal("README: no check output after the example policy")
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "policies", "shop"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policies", "shop", "policy.yaml"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "policies"}, &stdout, &stderr); code != exitInput {
		t.Errorf("check exited %d, the README says 1", code)
	}
	if stdout.String() != want {
		t.Errorf("check prints\n%s\nthe README says\n%s", stdout.String(), want)
	}
}
