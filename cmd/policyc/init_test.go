package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitPrompts answers init's questions as a writer at a terminal would:
// an empty answer takes the default.
func TestInitPrompts(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	opts := &initOptions{
		Kind:      "privacy-policy",
		Langs:     []string{"en", "nl", "fr"},
		Effective: "2026-01-15",
		Schema:    "policy.schema.json",
		Prompt:    bufio.NewReader(strings.NewReader("shop\n\ncookie-policy\nnl, fr\n")),
		IO:        &streams{Out: &stdout, Err: &stderr},
	}
	if err := runInit(opts); err != nil {
		t.Fatal(err, stderr.String())
	}
	want := "Policy id (lower-case letters, digits and hyphens) [privacy]: " +
		"Folder [policies/shop]: " +
		"Kind (cookie-policy, privacy-policy, privacy-and-cookie-policy) [privacy-policy]: " +
		"Languages, the source language first [en,nl,fr]: " +
		"wrote policies/shop/policy.yaml and policies/shop/translations.lock\n" +
		"Replace each TODO in policies/shop/policy.yaml, then run: policyc check policies/shop\n"
	if got := stdout.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	src, err := os.ReadFile(filepath.Join("policies", "shop", "policy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"# yaml-language-server: $schema=policy.schema.json\n", "kind: cookie-policy\n", "languages: [nl, fr]\n"} {
		if !bytes.Contains(src, []byte(line)) {
			t.Errorf("policy.yaml has no line %q", line)
		}
	}
	stdout.Reset()
	if code := run([]string{"check", "policies"}, &stdout, &stderr); code != exitOK || stdout.Len() > 0 {
		t.Errorf("check exited %d:\n%s", code, stdout.String())
	}
}

// TestInitPromptsEnd stops with a usage error when the input ends before
// every question is answered.
func TestInitPromptsEnd(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	opts := &initOptions{Kind: "privacy-policy", Langs: []string{"en"}, Prompt: bufio.NewReader(strings.NewReader("shop\n")),
		IO: &streams{Out: &stdout, Err: &stderr}}
	err := runInit(opts)
	if _, ok := err.(usageError); !ok || err.Error() != `init: no answer to "Folder"` {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat("policies"); err == nil {
		t.Error("init wrote policies/")
	}
}
