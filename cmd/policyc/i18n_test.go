package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const killedPolicy = `id: shop
kind: cookie-policy
title: {en: Cookies at Shop, fr: Les cookies de Shop}
languages: [en, fr]
version: "1"
effective: 2021-03-22
include: [../shared/trackers.yaml]
controllers:
  - {id: shop, name: Shop Ltd, address: {city: Dublin, country: IE}}
vendors:
  - {id: cdn, name: CDN Ltd, country: IE, role: processor}
tracker-categories:
  - {id: essential, name: {en: Essential, fr: Essentiels}, consent-required: false}
trackers:
  - {id: sid, names: [sid], provider: cdn, category: essential, purpose: {en: Keeps the session., fr: Garde la session.}, lifetime: session, technology: http-cookie, party: first}
sections:
  - id: about
    title: {en: About, fr: À propos}
    body: {en: We keep little., fr: Nous gardons peu.}
    blocks: [controllers, vendors, trackers: essential]
`

const killedShared = `trackers:
  - {id: pref, names: [pref], provider: cdn, category: essential, purpose: {en: Keeps your choices., fr: Garde vos choix.}, lifetime: 1 year, technology: http-cookie, party: first}
`

// TestImportKilled kills a child "policyc i18n import" that writes two
// YAML files (a policy and the file it includes) and the lock, at 50
// random moments, each step of the write slowed down so that the kills
// land between steps too. After the next command the policy tree is
// always exactly the tree before the import or the tree after it, with
// every translation confirmed, and holds nothing else: no new content,
// no journal.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 50 imports")
	}
	policyc, err := exec.LookPath("policyc")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	policies := filepath.Join(dir, "policies")
	run := func(env string, args ...string) (stdout, stderr string, took time.Duration) {
		t.Helper()
		cmd := exec.Command(policyc, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), env)
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatalf("policyc %s: %v: %s", strings.Join(args, " "), err, errOut.String())
		}
		return out.String(), errOut.String(), time.Since(start)
	}
	const delay = journalDelay + "=15ms"
	write := func(tree map[string]string) {
		t.Helper()
		if err := os.RemoveAll(policies); err != nil {
			t.Fatal(err)
		}
		for name, data := range tree {
			file := filepath.Join(policies, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(map[string]string{"shop/policy.yaml": killedPolicy, "shared/trackers.yaml": killedShared})
	run("", "i18n", "confirm", "policies")
	old := readTree(t, policies)
	run("", "i18n", "export", "--lang", "fr", "--out", "fr.xlf", "policies")
	xlf, err := os.ReadFile(filepath.Join(dir, "fr.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	xlf = []byte(strings.ReplaceAll(string(xlf), "</target>", " (v2)</target>"))
	if err := os.WriteFile(filepath.Join(dir, "fr.xlf"), xlf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, took := run(delay, "i18n", "import", "fr.xlf", "policies")
	if want := "policies/shared/trackers.yaml: 1 translation written\npolicies/shop/policy.yaml: 5 translations written\npolicies/shop/translations.lock: 6 translations confirmed\n"; out != want {
		t.Fatalf("import printed\n%s\nwant\n%s", out, want)
	}
	imported := readTree(t, policies)
	for _, name := range []string{"shop/policy.yaml", "shared/trackers.yaml", "shop/translations.lock"} {
		if old[name] == imported[name] {
			t.Fatalf("the import leaves %s as it was", name)
		}
	}
	status, _, _ := run("", "i18n", "status", "policies")
	if want := "POLICY  SOURCE  LANG  TOTAL  CONFIRMED  STALE  MODIFIED  UNCONFIRMED  MISSING\nshop    en      fr    6      6          0      0         0            0\n"; status != want {
		t.Fatalf("status after the import:\n%s\nwant\n%s", status, want)
	}

	rng := rand.New(rand.NewPCG(3, 4))
	outcomes := map[string]int{}
	for i := range 50 {
		write(old)
		cmd := exec.Command(policyc, "i18n", "import", "fr.xlf", "policies")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), delay)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took) * 5 / 4)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()

		// The next command, whatever it is, recovers first.
		got, notice, _ := run("", "i18n", "status", "policies")
		tree := readTree(t, policies)
		switch {
		case equalTrees(tree, old):
			outcomes["old"]++
		case equalTrees(tree, imported):
			outcomes["new"]++
		default:
			t.Fatalf("kill %d: the policy tree is neither the old nor the imported one:\n%s", i, strings.Join(sortedNames(tree), "\n"))
		}
		if got != status {
			t.Fatalf("kill %d: status\n%s\nwant\n%s", i, got, status)
		}
		switch {
		case strings.Contains(notice, "policyc: finished the write that policies/.policyc-journal records"):
			outcomes["finished"]++
		case strings.Contains(notice, "policyc: rolled back the write that policies/.policyc-journal records"):
			outcomes["rolled back"]++
		case notice != "":
			t.Fatalf("kill %d: status printed %q", i, notice)
		}
	}
	t.Logf("after 50 kills: %v", outcomes)
	if outcomes["finished"] == 0 || outcomes["rolled back"] == 0 {
		t.Errorf("no kill landed in the write: %v", outcomes)
	}
}

func sortedNames(tree map[string]string) []string {
	var names []string
	for name := range tree {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
