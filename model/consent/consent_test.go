package consent

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// kimsufi loads a copy of the Kimsufi policy with edit applied to its
// policy.yaml and to the shared trackers it includes.
func kimsufi(t *testing.T, edit func(policy, trackers string) (string, string)) *model.Policy {
	t.Helper()
	policy, err := os.ReadFile("../../policies/kimsufi/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	trackers, err := os.ReadFile("../../policies/shared/ovhcloud-trackers.yaml")
	if err != nil {
		t.Fatal(err)
	}
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
	ps, diags := model.Load([]string{filepath.Join(dir, "kimsufi")})
	if diags.HasErrors() || len(ps) != 1 {
		t.Fatalf("the edited policy does not load: %v", diags)
	}
	return ps[0]
}

func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("%q occurs %d times", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1)
}

const spreakerLifetime = "      fr: Mesure d'audience relative aux podcasts de spreaker.com.\n    lifetime: 13 months"

// TestRevision issues revision 7 for the Kimsufi policy, then edits a copy
// of it: editorial edits, a shorter lifetime and a removed tracker keep
// revision 7; a new consent tracker, a longer lifetime, a category that
// starts to need consent, a new provider country outside the EEA go to 8,
// each for its rule.
func TestRevision(t *testing.T) {
	same := func(p, tr string) (string, string) { return p, tr }
	issued := &Record{Revision: 7, Facts: FactsOf(kimsufi(t, same))}
	for _, c := range []struct {
		name string
		edit func(p, tr string) (string, string)
		rule string // the first change's rule; "" for the same revision
	}{
		{"no edit", same, ""},
		{"editorial", func(p, tr string) (string, string) {
			p = "# An editorial edit.\n" + replace(t, p, "Protecting your data is our priority.", "Protecting your personal data is our first priority.")
			tr = replace(t, tr, "Web analytics related to spreaker.com podcasts.", "Audience measurement of the podcasts on spreaker.com.")
			tr = replace(t, tr, "  - {id: spreaker, name: Spreaker.com}", "  - {id: spreaker, name: Spreaker Inc.}")
			return p, tr
		}, ""},
		{"shorter lifetime", func(p, tr string) (string, string) {
			return p, replace(t, tr, spreakerLifetime, strings.Replace(spreakerLifetime, "13 months", "6 months", 1))
		}, ""},
		{"removed tracker", func(p, tr string) (string, string) {
			return p, replace(t, tr, `  - id: kameleoon-visitor-code
    names: [kameleoonVisitorCode]
    provider: kameleoon
    category: improvement
    purpose:
      en: Enables the same variant to be attributed across different visits (visitor's Kameleoon ID).
      nl: Zorgt ervoor dat bij verschillende bezoeken dezelfde variant wordt toegewezen (Kameleoon-ID van de bezoeker).
      fr: Permet d'attribuer la même variante d'une visite à l'autre (identifiant Kameleoon du visiteur).
    lifetime: 380 days
    technology: http-cookie
    party: third

`, "")
		}, ""},
		{"new consent tracker", func(p, tr string) (string, string) {
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
		}, "NEW_CONSENT_TRACKER"},
		{"longer lifetime", func(p, tr string) (string, string) {
			return p, replace(t, tr, spreakerLifetime, strings.Replace(spreakerLifetime, "13 months", "25 months", 1))
		}, "LONGER_RETENTION"},
		{"category starts to need consent", func(p, tr string) (string, string) {
			return p, replace(t, tr, "    consent-required: false", "    consent-required: true")
		}, "NEW_CONSENT_TRACKER"},
		{"provider outside the EEA", func(p, tr string) (string, string) {
			return p, replace(t, tr, "  - {id: spreaker, name: Spreaker.com}", "  - {id: spreaker, name: Spreaker.com, country: US}")
		}, "NEW_TRANSFER"},
	} {
		t.Run(c.name, func(t *testing.T) {
			next, changes := Next(issued, kimsufi(t, c.edit))
			want := 7
			if c.rule != "" {
				want = 8
			}
			if next.Revision != want {
				t.Errorf("revision %d, want %d; changes: %v", next.Revision, want, changes)
			}
			if c.rule != "" && (len(changes) == 0 || changes[0].Rule != c.rule) {
				t.Errorf("changes %v, want one of rule %s first", changes, c.rule)
			}
		})
	}
}

// TestRecordRoundTrip writes a record and reads it back unchanged, with
// the same bytes each time.
func TestRecordRoundTrip(t *testing.T) {
	p := kimsufi(t, func(p, tr string) (string, string) { return p, tr })
	r, _ := Next(nil, p)
	if r.Revision != 1 {
		t.Fatalf("first revision %d, want 1", r.Revision)
	}
	path := filepath.Join(t.TempDir(), RecordFile)
	if err := os.WriteFile(path, r.Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := ReadRecord(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Marshal()) != string(r.Marshal()) {
		t.Errorf("the record read back differs:\n%s\nwant:\n%s", back.Marshal(), r.Marshal())
	}
	if next, changes := Next(back, p); next.Revision != 1 || len(changes) != 0 {
		t.Errorf("the same policy gives revision %d and changes %v", next.Revision, changes)
	}
	for _, bad := range []string{"revision: 0\n", "revision: 1\nunknown: x\n", "[1, 2]\n"} {
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadRecord(path); err == nil {
			t.Errorf("%q is read as a record", bad)
		}
	}
	if r, err := ReadRecord(filepath.Join(t.TempDir(), RecordFile)); r != nil || err != nil {
		t.Errorf("a missing record reads as %v, %v", r, err)
	}
}

// TestRecorded: the bundled record, and a record as the exports write it,
// are recognised without parsing; any other bytes, or other facts, are not.
func TestRecorded(t *testing.T) {
	ps, diags := model.Load([]string{"../../policies/kimsufi"})
	if diags.HasErrors() || len(ps) != 1 {
		t.Fatalf("kimsufi does not load: %v", diags)
	}
	if !Recorded("../../policies/kimsufi/"+RecordFile, ps[0]) {
		t.Errorf("the bundled Kimsufi record is not recognised as current")
	}
	p := kimsufi(t, func(p, tr string) (string, string) { return p, tr })
	path := filepath.Join(t.TempDir(), RecordFile)
	good := (&Record{Revision: 12, Facts: FactsOf(p)}).Marshal()
	longer := kimsufi(t, func(p, tr string) (string, string) {
		return p, replace(t, tr, spreakerLifetime, strings.Replace(spreakerLifetime, "13 months", "14 months", 1))
	})
	for _, c := range []struct {
		name string
		data []byte
		p    *model.Policy
		want bool
	}{
		{"as written", good, p, true},
		{"other facts", good, longer, false},
		{"a comment added", append(append([]byte{}, good...), "# note\n"...), p, false},
		{"revision 0", []byte(strings.Replace(string(good), "revision: 12\n", "revision: 0\n", 1)), p, false},
		{"no header", good[len(recordHeader):], p, false},
		{"empty", nil, p, false},
	} {
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := Recorded(path, c.p); got != c.want {
			t.Errorf("%s: Recorded = %v, want %v", c.name, got, c.want)
		}
	}
	if Recorded(filepath.Join(t.TempDir(), RecordFile), p) {
		t.Errorf("a missing record is recognised")
	}
}
