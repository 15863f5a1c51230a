package translation

import (
	"bytes"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

func TestHash(t *testing.T) {
	// Computed independently: SHA-256 of the 8-byte big-endian length and
	// bytes of the language code, then of the text.
	tests := []struct{ lang, text, want string }{
		{"en", "Counts visits.", "97968db379fbe9c4c69ffd5205797ae69e379e57f3193fc0bb9a9190f615c683"},
		{"en", "", "320855b9f489049407367f9ec30d0d27228e79fc16938ae32dc71490450cef3b"},
		{"nl", "Telt bezoeken.", "8a5573a322e226ece794d01a0dc0dcbbc3c36a290cdcbbe21cf1204281dee06c"},
	}
	for _, tt := range tests {
		if got := Hash(tt.lang, tt.text); got != tt.want {
			t.Errorf("Hash(%q, %q) = %s, want %s", tt.lang, tt.text, got, tt.want)
		}
	}
	if Hash("e", "nCounts") == Hash("en", "Counts") {
		t.Error("the length prefixes do not separate the language from the text")
	}
}

const wantLock = `# Translation state, written by "policyc i18n confirm" and "policyc i18n import".
# For each localized text it records the source-language text that each
# translation was confirmed against, and the translation as confirmed;
# "policyc check" reports a translation as stale once its source text differs,
# and as modified once the translation itself does. Commit it with the policy;
# do not edit it.
format: policyc-translations/2
source: en
fields:
  sections.about.body:
    - sha256: 2fed4a7a96e8e2e8bd4fb0a2a5c2db6fa69b6ba0bf2e5c8d3b8d08f1cf6f7cb3
      source: |-
        We keep little.

        Ask us.
      translations:
        fr:
          sha256: FR-BODY
          text: |-
            Nous gardons peu.

            Demandez-nous.
        nl:
          sha256: NL-BODY
          text: Wij bewaren weinig. Vraag het ons.
  trackers.ga.purpose:
    - sha256: 97968db379fbe9c4c69ffd5205797ae69e379e57f3193fc0bb9a9190f615c683
      source: Counts visits.
      translations:
        fr:
          sha256: FR-PURPOSE
          text: Compte les visites.
    - sha256: 6fb4c5b2a0d41e6d1c07a6d7b4f7a4ed9b1f0b3f0f2f4d5d0c0e6a4a1a7c8c8b
      source: Counts all visits.
      translations:
        nl:
          sha256: NL-PURPOSE
          text: Telt alle bezoeken.
`

func TestLockMarshal(t *testing.T) {
	l := NewLock("en")
	l.Set("trackers.ga.purpose", "nl", "Counts all visits.", "Telt alle bezoeken.")
	l.Set("trackers.ga.purpose", "fr", "Counts visits.", "Compte les visites.")
	l.Set("sections.about.body", "nl", "We keep little.\n\nAsk us.", "Wij bewaren weinig. Vraag het ons.")
	l.Set("sections.about.body", "fr", "We keep little.\n\nAsk us.", "Nous gardons peu.\n\nDemandez-nous.")
	got, err := l.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer(
		"2fed4a7a96e8e2e8bd4fb0a2a5c2db6fa69b6ba0bf2e5c8d3b8d08f1cf6f7cb3", Hash("en", "We keep little.\n\nAsk us."),
		"6fb4c5b2a0d41e6d1c07a6d7b4f7a4ed9b1f0b3f0f2f4d5d0c0e6a4a1a7c8c8b", Hash("en", "Counts all visits."),
		"FR-BODY", Hash("fr", "Nous gardons peu.\n\nDemandez-nous."),
		"NL-BODY", Hash("nl", "Wij bewaren weinig. Vraag het ons."),
		"FR-PURPOSE", Hash("fr", "Compte les visites."),
		"NL-PURPOSE", Hash("nl", "Telt alle bezoeken."),
	).Replace(wantLock)
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	back, ds := ParseLock("translations.lock", got)
	if len(ds) > 0 {
		t.Fatalf("reading back: %v", ds)
	}
	again, _ := back.Marshal()
	if !bytes.Equal(again, got) {
		t.Errorf("a lock read back writes other bytes:\n%s", again)
	}
	if e, _ := back.Get("trackers.ga.purpose", "nl"); e.Source != "Counts all visits." || e.Translation != "Telt alle bezoeken." {
		t.Errorf("read back %+v", e)
	}
	if back.Version != 2 {
		t.Errorf("read back version %d", back.Version)
	}
}

func TestParseLockErrors(t *testing.T) {
	v1 := "format: policyc-translations/1\nsource: en\nfields:\n  title:\n    - langs: [nl]\n      sha256: " + Hash("en", "Cookies") + "\n      source: Cookies\n"
	good := "format: policyc-translations/2\nsource: en\nfields:\n  title:\n    - sha256: " + Hash("en", "Cookies") +
		"\n      source: Cookies\n      translations:\n        nl: {sha256: " + Hash("nl", "Koekjes") + ", text: Koekjes}\n"
	for _, data := range []string{v1, good} {
		if _, ds := ParseLock("translations.lock", []byte(data)); len(ds) > 0 {
			t.Fatalf("%s: %v", data, ds)
		}
	}
	tests := []struct {
		name, data string
		want       []string
	}{
		{"not YAML", "format: [\n", []string{
			`translations.lock:1:1: error: translation lock is not valid YAML: did not find expected node content`,
		}},
		{"empty", "", []string{`translations.lock:1:1: error: translation lock is empty or not a mapping`}},
		{"a list", "- a\n", []string{`translations.lock:1:1: error: translation lock is empty or not a mapping`}},
		{"newer format", strings.Replace(good, "/2", "/3", 1), []string{
			`translations.lock:1:9: error: translation lock has format "policyc-translations/3"; this policyc reads "policyc-translations/1" and "policyc-translations/2"; update policyc, or regenerate the lock with this version: delete it and run "policyc i18n confirm"`,
		}},
		{"other file", strings.Replace(good, "policyc-translations/2", "something", 1), []string{
			`translations.lock:1:9: error: not a translation lock: format is "something", expected "policyc-translations/2"`,
		}},
		{"hand-edited source", strings.Replace(good, "source: Cookies", "source: Cookie", 1), []string{
			`translations.lock:5:15: error: sha256 of title does not match its source text: the lock was edited by hand`,
		}},
		{"hand-edited translation", strings.Replace(good, "text: Koekjes", "text: Koekje", 1), []string{
			`translations.lock:8:22: error: sha256 of the nl translation of title does not match its text: the lock was edited by hand`,
		}},
		{"v1 hand-edited", strings.Replace(v1, "source: Cookies", "source: Cookie", 1), []string{
			`translations.lock:6:15: error: sha256 of title does not match its source text: the lock was edited by hand`,
		}},
		{"v1 keys in v2", strings.Replace(good, "    - sha256", "    - langs: [nl]\n      sha256", 1), []string{
			`translations.lock:5:7: error: unknown key "langs" in an entry of title`,
		}},
		{"translation without text", strings.Replace(good, ", text: Koekjes", "", 1), []string{
			`translations.lock:8:13: error: the nl translation of title needs sha256 and text`,
		}},
		{"unknown keys", strings.Replace(good, "source: en", "source: en\nextra: 1", 1) + "      comment: x\n", []string{
			`translations.lock:3:1: error: unknown key "extra" in the translation lock`,
			`translations.lock:10:7: error: unknown key "comment" in an entry of title`,
		}},
		{"missing keys", "format: policyc-translations/2\n", []string{
			`translations.lock:1:1: error: translation lock has no "fields"`,
			`translations.lock:1:1: error: translation lock has no "source"`,
		}},
		{"bad language", strings.Replace(v1, "[nl]", "[nl, en, 12]", 1), []string{
			`translations.lock:5:19: error: title lists the source language en as a translation`,
			`translations.lock:5:23: error: "12" in the languages of title is not a language code`,
		}},
		{"entries not a list", "format: policyc-translations/2\nsource: en\nfields:\n  title: x\n", []string{
			`translations.lock:4:10: error: the entries of title must be a list`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ds := ParseLock("translations.lock", []byte(tt.data))
			if l != nil {
				t.Error("a lock with errors was returned")
			}
			var got []string
			for _, d := range ds.Sorted() {
				if d.Rule != RuleLock.ID {
					t.Errorf("rule %s", d.Rule)
				}
				got = append(got, d.Pos.String()+": "+d.Severity.String()+": "+strings.TrimSuffix(d.Message(), "; "+lockFix))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLockPathAndMissingLock(t *testing.T) {
	p := &model.Policy{File: "policies/shop/policy.yaml"}
	if got := LockPath(p); got != "policies/shop/translations.lock" {
		t.Errorf("LockPath = %s", got)
	}
	l, ds := ReadLock(t.TempDir() + "/translations.lock")
	if l != nil || ds != nil {
		t.Errorf("a missing lock gave %v, %v", l, ds)
	}
}
