package model

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var amplify = flag.String("amplify", "", "write the alias amplification policy into this folder, for measuring the command (make limits)")

// writeAmplification writes a policy whose one 4 MiB purpose, behind an
// anchor, is aliased by 1,999 more trackers: a 4 MB file that expands to
// 8 GB of text.
func writeAmplification(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`id: amplified
kind: cookie-policy
title: {en: Amplified}
languages: [en]
version: "1"
effective: 2021-03-22
controllers:
  - {id: x, name: X, address: {city: Paris, country: FR}}
tracker-categories:
  - {id: essential, name: {en: Essential}, consent-required: false}
sections:
  - {id: a, title: {en: A}, blocks: [controllers, trackers: essential]}
trackers:
  - {id: t0, names: [t0], category: essential, lifetime: session, technology: http-cookie, party: first, purpose: &p {en: "`)
	b.WriteString(strings.Repeat("x", 4<<20))
	b.WriteString("\"}}\n")
	for i := 1; i < 2000; i++ {
		fmt.Fprintf(&b, "  - {id: t%d, names: [t%d], category: essential, lifetime: session, technology: http-cookie, party: first, purpose: *p}\n", i, i)
	}
	file := filepath.Join(dir, "amplified", PolicyFile)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// One long value aliased many times ends at the alias that passes the
// text budget, before anything is expanded further.
func TestAliasAmplification(t *testing.T) {
	dir := t.TempDir()
	if *amplify != "" {
		dir = *amplify
	}
	file := writeAmplification(t, dir)
	p, diags := LoadFile(file)
	if p != nil {
		t.Errorf("the policy was loaded")
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d:%d: %s [%s]", d.Pos.Line, d.Pos.Col, d.Message(), d.Rule))
	}
	want := "17:115: aliases repeat more than 10 MiB of text; write long texts once, or repeat them without an alias [ALIAS_LIMIT]"
	if strings.Join(got, "\n") != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
