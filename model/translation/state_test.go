package translation

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

const shopPolicy = `id: shop
kind: cookie-policy
title: {en: Cookies, nl: Cookies, fr: Cookies}
languages: [en, nl, fr]
version: "1"
effective: 2021-03-22
controllers:
  - {id: shop, name: Shop BV, address: {city: Utrecht, country: NL}}
tracker-categories:
  - {id: analytics, consent-required: true, name: {en: Analytics, nl: Analyse, fr: Mesure d'audience}}
trackers:
  - id: ga
    category: analytics
    purpose:
      en: Kept for up to 13 months.
      nl: Maximaal 13 maanden bewaard.
      fr: Conservé jusqu'à 13 mois.
sections:
  - {id: cookies, title: {en: Cookies, nl: Cookies, fr: Cookies}, blocks: [{trackers: analytics}]}
`

// writePolicy writes files (name → content) into a temporary policies
// folder and loads the policy "shop" from it.
func writePolicy(t *testing.T, files map[string]string) (*model.Policy, string) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, ds := model.LoadFile(filepath.Join(dir, "shop", "policy.yaml"))
	if p == nil {
		t.Fatalf("loading: %v", ds)
	}
	return p, dir
}

func loadState(t *testing.T, p *model.Policy) *State {
	t.Helper()
	s, ds := Load(p)
	if len(ds) > 0 {
		t.Fatalf("lock: %v", ds)
	}
	return s
}

func messages(ds model.Diagnostics, dir string) string {
	var b strings.Builder
	for _, d := range ds.Sorted() {
		d.Pos.File = strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(d.Pos.File, dir)), "/")
		msg := d.Message()
		if dir != "" {
			msg = strings.ReplaceAll(msg, filepath.ToSlash(dir)+"/", "")
		}
		b.WriteString(d.Pos.String() + ": " + d.Severity.String() + ": " + msg + " [" + d.Rule + "]\n")
	}
	return b.String()
}

func TestStaleAndUnconfirmed(t *testing.T) {
	p, dir := writePolicy(t, map[string]string{"shop/policy.yaml": shopPolicy})
	s := loadState(t, p)
	if got, want := messages(append(s.Stale(false), s.Unconfirmed()...), dir), "shop/policy.yaml:4:12: warning: 8 translations into nl, fr are unconfirmed: there is no translations.lock; review them, then run \"policyc i18n confirm shop\" [TRANSLATION_UNCONFIRMED]\n"; got != want {
		t.Errorf("without a lock:\n%s\nwant\n%s", got, want)
	}

	// Confirm everything but the French tracker purpose.
	lock, changed, ds := s.Confirm(Selection{})
	if len(ds) > 0 || len(changed) != 8 {
		t.Fatalf("confirm: %d changed, %v", len(changed), ds)
	}
	delete(lock.Entries["trackers.ga.purpose"], "fr")
	data, _ := lock.Marshal()
	if err := os.WriteFile(LockPath(p), data, 0o644); err != nil {
		t.Fatal(err)
	}

	// The English text changes: the Dutch translation is stale, the French
	// one still unconfirmed.
	changedPolicy := strings.Replace(shopPolicy, "Kept for up to 13 months.", "Kept for up to 24 months.", 1)
	if err := os.WriteFile(p.File, []byte(changedPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	p, _ = model.LoadFile(p.File)
	s = loadState(t, p)
	want := `shop/policy.yaml:16:11: error: nl translation of trackers.ga.purpose is stale: source changed: 'up to 13 months.' → 'up to 24 months.'; update the nl text, then run "policyc i18n confirm shop --lang nl --field trackers.ga.purpose" [TRANSLATION_STALE]
shop/policy.yaml:17:11: warning: fr translation of trackers.ga.purpose is unconfirmed; review it, then run "policyc i18n confirm shop --lang fr --field trackers.ga.purpose" [TRANSLATION_UNCONFIRMED]
`
	if got := messages(append(s.Stale(false), s.Unconfirmed()...), dir); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := messages(append(s.Stale(true), s.Unconfirmed()...), dir); got != strings.Replace(want, "error: nl", "warning: nl", 1) {
		t.Errorf("with allowStale:\n%s", got)
	}
	counts := s.Counts()
	if len(counts) != 2 || counts[0] != (Counts{Lang: "nl", Total: 4, Confirmed: 3, Stale: 1}) || counts[1] != (Counts{Lang: "fr", Total: 4, Confirmed: 3, Unconfirmed: 1}) {
		t.Errorf("counts %+v", counts)
	}

	// Confirming only Dutch leaves French unconfirmed, and does not touch
	// other entries.
	lock, changed, ds = s.Confirm(Selection{Langs: []string{"nl"}, Fields: []string{"trackers.ga"}})
	if len(ds) > 0 || len(changed) != 1 || changed[0].Lang != "nl" {
		t.Fatalf("confirm nl: %v %v", changed, ds)
	}
	if _, ok := lock.Get("trackers.ga.purpose", "fr"); ok {
		t.Error("fr was confirmed")
	}
	if e, _ := lock.Get("trackers.ga.purpose", "nl"); e.Source != "Kept for up to 24 months." {
		t.Errorf("nl entry %+v", e)
	}
}

func TestConfirmRefusesEmptyText(t *testing.T) {
	p, dir := writePolicy(t, map[string]string{"shop/policy.yaml": strings.Replace(shopPolicy, "fr: Conservé jusqu'à 13 mois.", `fr: ""`, 1)})
	s := loadState(t, p)
	lock, _, ds := s.Confirm(Selection{})
	if lock != nil {
		t.Error("a lock was made")
	}
	want := "shop/policy.yaml:17:11: error: cannot confirm the fr translation of trackers.ga.purpose: it is empty or missing; write the fr text first, or leave it out with --lang or --field [MISSING_TRANSLATION]\n"
	if got := messages(ds, dir); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if lock, _, ds := s.Confirm(Selection{Langs: []string{"nl"}}); lock == nil || len(ds) > 0 {
		t.Errorf("confirming nl only: %v", ds)
	}
}

func TestConfirmDropsRemovedTexts(t *testing.T) {
	old := NewLock("en")
	old.Set("trackers.gone.purpose", "nl", "Gone.", "Weg.")
	old.Set("title", "de", "Cookies", "Cookies")
	data, _ := old.Marshal()
	p, _ := writePolicy(t, map[string]string{"shop/policy.yaml": shopPolicy, "shop/translations.lock": string(data)})
	s := loadState(t, p)
	lock, _, _ := s.Confirm(Selection{Fields: []string{"title"}, Langs: []string{"nl"}})
	got, _ := lock.Marshal()
	if bytes.Contains(got, []byte("gone")) || bytes.Contains(got, []byte("[de]")) {
		t.Errorf("entries of removed texts kept:\n%s", got)
	}
}

func TestLockOfOtherSourceLanguage(t *testing.T) {
	l := NewLock("nl")
	data, _ := l.Marshal()
	p, dir := writePolicy(t, map[string]string{"shop/policy.yaml": shopPolicy, "shop/translations.lock": string(data)})
	s, ds := Load(p)
	if s != nil {
		t.Error("a state was made")
	}
	want := `shop/translations.lock:8:9: error: the lock records translations from nl, but the source language of policy shop is now en (the first of its languages); check the translations against the new source, then delete the lock and run "policyc i18n confirm" [TRANSLATION_LOCK]` + "\n"
	if got := messages(ds, dir); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func loadPolicy(file string) (*model.Policy, model.Diagnostics) { return model.LoadFile(file) }

func displayed(file string) string { return model.DisplayPath(file) }

// TestRulesDocumented keeps the README's table of rule IDs complete.
func TestRulesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		if !bytes.Contains(readme, []byte("`"+r.ID+"`")) {
			t.Errorf("README.md does not list %s", r.ID)
		}
	}
}

// TestModifiedAndFactsOnly: a translation edited after it was confirmed is
// modified, with the word diff from what was confirmed; a change of inline
// facts alone, made in every language, leaves every translation confirmed,
// and one made in the source only makes the translations stale.
func TestModifiedAndFactsOnly(t *testing.T) {
	policy := strings.NewReplacer("up to 13 months.", "up to {duration 13 months}.", "Maximaal 13 maanden", "Maximaal {duration 13 months}",
		"jusqu'à 13 mois.", "jusqu'à {duration 13 months}.").Replace(shopPolicy)
	p, dir := writePolicy(t, map[string]string{"shop/policy.yaml": policy})
	s := loadState(t, p)
	lock, _, ds := s.Confirm(Selection{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	data, _ := lock.Marshal()
	if err := os.WriteFile(LockPath(p), data, 0o644); err != nil {
		t.Fatal(err)
	}
	reload := func(policy string) *State {
		t.Helper()
		if err := os.WriteFile(p.File, []byte(policy), 0o644); err != nil {
			t.Fatal(err)
		}
		p, _ := model.LoadFile(p.File)
		return loadState(t, p)
	}

	s = reload(strings.Replace(policy, "Maximaal {duration 13 months} bewaard.", "Hoogstens {duration 13 months} bewaard.", 1))
	want := `shop/policy.yaml:16:11: warning: nl translation of trackers.ga.purpose was changed since it was confirmed: 'Maximaal {duration 13 months} bewaard.' → 'Hoogstens {duration 13 months} bewaard.'; have the change reviewed, then run "policyc i18n confirm shop --lang nl --field trackers.ga.purpose" [TRANSLATION_MODIFIED]
`
	if got := messages(append(s.Stale(false), append(s.Modified(), s.Unconfirmed()...)...), dir); got != want {
		t.Errorf("modified:\n%s\nwant\n%s", got, want)
	}
	if c := s.Counts()[0]; c != (Counts{Lang: "nl", Total: 4, Confirmed: 3, Modified: 1}) {
		t.Errorf("counts %+v", c)
	}

	s = reload(strings.ReplaceAll(policy, "{duration 13 months}", "{duration 6 months}"))
	if got := messages(append(s.Stale(false), append(s.Modified(), s.Unconfirmed()...)...), dir); got != "" {
		t.Errorf("facts changed in every language:\n%s", got)
	}

	s = reload(strings.Replace(policy, "up to {duration 13 months}.", "up to {duration 6 months}.", 1))
	want = `shop/policy.yaml:16:11: error: nl translation of trackers.ga.purpose is stale: source changed: 'up to {duration 13 months}.' → 'up to {duration 6 months}.'; update the nl text, then run "policyc i18n confirm shop --lang nl --field trackers.ga.purpose" [TRANSLATION_STALE]
shop/policy.yaml:17:11: error: fr translation of trackers.ga.purpose is stale: source changed: 'up to {duration 13 months}.' → 'up to {duration 6 months}.'; update the fr text, then run "policyc i18n confirm shop --lang fr --field trackers.ga.purpose" [TRANSLATION_STALE]
`
	if got := messages(append(s.Stale(false), append(s.Modified(), s.Unconfirmed()...)...), dir); got != want {
		t.Errorf("facts changed in the source only:\n%s\nwant\n%s", got, want)
	}
}
