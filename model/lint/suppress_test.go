package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
)

// TestSuppressions: a comment suppresses a finding on its own line or the
// line after, for the rules it names; lint.ignore for an item or the whole
// policy; without a reason nothing is suppressed and the suppression is a
// warning, and so is one that suppresses nothing.
func TestSuppressions(t *testing.T) {
	src := `id: shop
kind: cookie-policy
title: {en: Shop}
languages: [en]
version: "1"
effective: 2026-01-01
controllers: [{id: shop, name: Shop, email: a@shop.example}]
tracker-categories: [{id: c, name: {en: C}, consent-required: false}]
trackers:
  - {id: a, category: c, purpose: {en: A.}, lifetime: session, technology: http-cookie, party: first}  # policyc:ignore TRACKER_NO_NAME,TRACKER_NO_PROVIDER the seed names none
  # policyc:ignore TRACKER_NO_NAME the seed names no cookie
  - {id: b, category: c, purpose: {en: B.}, lifetime: session, technology: http-cookie, party: first}
  - {id: c, category: c, purpose: {en: C.}, lifetime: session, technology: http-cookie, party: first}  # policyc:ignore TRACKER_NO_NAME
  - {id: d, names: [d], provider: shop, category: c, purpose: {en: D.}, lifetime: session, technology: http-cookie, party: first}  # policyc:ignore TRACKER_NO_NAME it has one
  # policyc:ignore TRACKER_NO_NAME the rule is on the line after the next

  - {id: e, category: c, purpose: {en: E.}, lifetime: session, technology: http-cookie, party: first}
vendors: [{id: shop, name: Shop}]
lint:
  ignore:
    - {rule: TRACKER_NO_PROVIDER, path: trackers.b, reason: the seed names none}
    - {rule: TRACKER_NO_PROVIDER, path: trackers.c, reason: the seed names none}
    - {rule: TRACKER_NO_PROVIDER, path: trackers.e}
    - {rule: TRACKER_NO_PURPOSE, reason: nothing lacks one}
sections: [{id: s, title: {en: S}, blocks: [controllers, vendors, {trackers: c}]}]
`
	dir := filepath.Join(t.TempDir(), "shop")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, model.PolicyFile)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := lint.Run([]string{dir}, lint.Options{})
	var got strings.Builder
	for _, d := range diags {
		if d.Rule == "TRANSLATION_UNCONFIRMED" {
			continue
		}
		got.WriteString(strings.TrimPrefix(d.Pos.String(), file) + " " + d.Rule + " " + d.Message() + "\n")
	}
	want := `:13:5 TRACKER_NO_NAME tracker "c" names no cookie or storage key; add "names: [...]" when the name is known
:13:104 IGNORE_NO_REASON suppression of TRACKER_NO_NAME gives no reason; say why the finding does not apply, after the rule ID
:14:132 IGNORE_UNUSED suppression of TRACKER_NO_NAME suppresses nothing; remove it
:15:3 IGNORE_UNUSED suppression of TRACKER_NO_NAME suppresses nothing; remove it
:17:5 TRACKER_NO_NAME tracker "e" names no cookie or storage key; add "names: [...]" when the name is known
:17:5 TRACKER_NO_PROVIDER tracker "e" has no provider; add "provider: <vendor id>" when the provider is known
:23:7 IGNORE_NO_REASON suppression of TRACKER_NO_PROVIDER gives no reason; say why the finding does not apply, after the rule ID
:24:7 IGNORE_UNUSED suppression of TRACKER_NO_PURPOSE suppresses nothing; remove it
`
	if got.String() != want {
		t.Errorf("got\n%swant\n%s", got.String(), want)
	}
}
