package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConsentRevision edits a copy of the Kimsufi policy: an editorial edit
// (banner text, a purpose, a comment that moves every line) keeps the
// revision; a new consent tracker or a longer lifetime changes it.
func TestConsentRevision(t *testing.T) {
	policy, err := os.ReadFile("../policies/kimsufi/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	trackers, err := os.ReadFile("../policies/shared/ovhcloud-trackers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	revision := func(t *testing.T, edit func(policy, trackers string) (string, string)) int {
		t.Helper()
		dir := t.TempDir()
		p, tr := edit(string(policy), string(trackers))
		for name, text := range map[string]string{"kimsufi/policy.yaml": p, "shared/ovhcloud-trackers.yaml": tr} {
			path := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ps := load(t, filepath.Join(dir, "kimsufi"))
		return ConsentRevision(ps[0])
	}
	replace := func(t *testing.T, s, old, new string) string {
		t.Helper()
		if strings.Count(s, old) != 1 {
			t.Fatalf("%q occurs %d times", old, strings.Count(s, old))
		}
		return strings.Replace(s, old, new, 1)
	}
	base := revision(t, func(p, tr string) (string, string) { return p, tr })
	editorial := revision(t, func(p, tr string) (string, string) {
		p = "# An editorial edit.\n" + replace(t, p, "Protecting your data is our priority.", "Protecting your personal data is our first priority.")
		tr = replace(t, tr, "Web analytics related to spreaker.com podcasts.", "Audience measurement of the podcasts on spreaker.com.")
		return p, tr
	})
	if editorial != base {
		t.Errorf("an editorial edit changed the revision from %d to %d", base, editorial)
	}
	newTracker := revision(t, func(p, tr string) (string, string) {
		return p, replace(t, tr, "  - id: kameleoon-visitor-code\n", `  - id: new-tracker
    names: [_new_tracker_<id>]
    provider: google
    category: improvement
    purpose: {en: Analytics., nl: Analyse., fr: Analyse.}
    lifetime: 13 months
    technology: http-cookie
    party: third

  - id: kameleoon-visitor-code
`)
	})
	if newTracker == base {
		t.Errorf("a new consent tracker kept the revision %d", base)
	}
	longer := revision(t, func(p, tr string) (string, string) {
		return p, replace(t, tr, "      fr: Mesure d'audience relative aux podcasts de spreaker.com.\n    lifetime: 13 months",
			"      fr: Mesure d'audience relative aux podcasts de spreaker.com.\n    lifetime: 25 months")
	})
	if longer == base {
		t.Errorf("a longer lifetime kept the revision %d", base)
	}
}
