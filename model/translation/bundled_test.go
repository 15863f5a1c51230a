package translation

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// TestBundledTranslationsConfirmed keeps the committed locks in step with
// the bundled policies: every translation confirmed, and each lock exactly
// what "policyc i18n confirm" writes.
func TestBundledTranslationsConfirmed(t *testing.T) {
	policies, _ := model.Load([]string{"../../policies"})
	for _, p := range policies {
		s, ds := Load(p)
		if len(ds) > 0 {
			t.Fatalf("%s: %s", p.ID, messages(ds, ""))
		}
		if s.Lock == nil {
			t.Errorf("%s has no %s; run policyc i18n confirm %s", p.ID, LockFile, filepath.Dir(p.File))
			continue
		}
		for _, u := range s.Units {
			if u.Status != Confirmed {
				t.Errorf("%s: %s translation of %s is %s", p.ID, u.Lang, u.Path, u.Status)
			}
		}
		lock, _, ds := s.Confirm(Selection{})
		if len(ds) > 0 {
			t.Fatal(messages(ds, ""))
		}
		want, _ := lock.Marshal()
		got, _ := os.ReadFile(s.LockPath)
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what confirm writes", s.LockPath)
		}
	}
}

// copyPolicies copies policies/ with its locks into a temporary folder.
func copyPolicies(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("../../policies", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../../policies", path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, "policies", rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, file string, change func(string) string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	changed := change(string(data))
	if changed == string(data) {
		t.Fatalf("%s: the edit changes nothing", file)
	}
	if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
}

func translationFindings(t *testing.T, dir string) string {
	t.Helper()
	policies, diags := model.Load([]string{filepath.Join(dir, "policies")})
	if diags.HasErrors() {
		t.Fatalf("loading: %s", messages(diags, dir))
	}
	var ds model.Diagnostics
	for _, p := range policies {
		st, lockDiags := Load(p)
		ds = append(ds, lockDiags...)
		if st != nil {
			ds = append(ds, st.Stale(false)...)
			ds = append(ds, st.Unconfirmed()...)
		}
	}
	return messages(ds, dir)
}

// TestStaleInBundledPolicies changes one English sentence of a tracker
// purpose in the tracker table that two bundled policies share: its Dutch
// and French translations are stale in the lock of each policy that
// includes it, and each message names the policy and the command that
// confirms it there.
func TestStaleInBundledPolicies(t *testing.T) {
	dir := copyPolicies(t)
	edit(t, filepath.Join(dir, "policies/shared/ovhcloud-trackers.yaml"), func(s string) string {
		return strings.Replace(s, "en: Detects your selected language.", "en: Detects the language you selected on your last visit.", 1)
	})
	want := `policies/shared/ovhcloud-trackers.yaml:220:11: error: nl translation of trackers.selected-language.purpose of policy kimsufi is stale: source changed: 'Detects your selected language.' → 'Detects the language you selected on your last visit.'; update the nl text, then run "policyc i18n confirm policies/kimsufi --lang nl --field trackers.selected-language.purpose" [TRANSLATION_STALE]
policies/shared/ovhcloud-trackers.yaml:220:11: error: nl translation of trackers.selected-language.purpose of policy ovhcloud-cookies is stale: source changed: 'Detects your selected language.' → 'Detects the language you selected on your last visit.'; update the nl text, then run "policyc i18n confirm policies/ovhcloud-cookies --lang nl --field trackers.selected-language.purpose" [TRANSLATION_STALE]
policies/shared/ovhcloud-trackers.yaml:221:11: error: fr translation of trackers.selected-language.purpose of policy kimsufi is stale: source changed: 'Detects your selected language.' → 'Detects the language you selected on your last visit.'; update the fr text, then run "policyc i18n confirm policies/kimsufi --lang fr --field trackers.selected-language.purpose" [TRANSLATION_STALE]
policies/shared/ovhcloud-trackers.yaml:221:11: error: fr translation of trackers.selected-language.purpose of policy ovhcloud-cookies is stale: source changed: 'Detects your selected language.' → 'Detects the language you selected on your last visit.'; update the fr text, then run "policyc i18n confirm policies/ovhcloud-cookies --lang fr --field trackers.selected-language.purpose" [TRANSLATION_STALE]
`
	if got := translationFindings(t, dir); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// moveToEnd moves the list item "  - id: <id>" of the list under the
// top-level key list to the end of that list.
func moveToEnd(t *testing.T, src, list, id string) string {
	t.Helper()
	start := strings.Index(src, "\n"+list+":\n")
	if start < 0 {
		t.Fatalf("no list %s", list)
	}
	start += len(list) + 3
	end := len(src)
	if m := regexp.MustCompile(`\n[a-z#]`).FindStringIndex(src[start:]); m != nil {
		end = start + m[0] + 1
	}
	body := src[start:end]
	item := strings.Index(body, "  - id: "+id+"\n")
	if item < 0 {
		t.Fatalf("no item %s in %s", id, list)
	}
	next := strings.Index(body[item+1:], "\n  - ")
	if next < 0 {
		t.Fatalf("%s is already last", id)
	}
	next += item + 2
	moved := body[item:next]
	if strings.Contains(moved, "&") {
		t.Fatalf("%s defines an anchor; moving it would break its aliases", id)
	}
	body = strings.TrimRight(body[:item]+body[next:], "\n") + "\n" + moved
	return src[:start] + body + "\n" + src[end:]
}

// TestReorderInBundledPolicies moves trackers, processing activities and
// sections: paths follow ids, so nothing is stale or unconfirmed.
func TestReorderInBundledPolicies(t *testing.T) {
	dir := copyPolicies(t)
	edit(t, filepath.Join(dir, "policies/shared/ovhcloud-trackers.yaml"), func(s string) string {
		s = moveToEnd(t, s, "trackers", "selected-language")
		return moveToEnd(t, s, "trackers", "availabilities-baremetal-servers")
	})
	edit(t, filepath.Join(dir, "policies/ovhcloud-privacy/policy.yaml"), func(s string) string {
		s = moveToEnd(t, s, "processing", "accounting")
		return moveToEnd(t, s, "processing", "recruitment")
	})
	if got := translationFindings(t, dir); got != "" {
		t.Errorf("reordering gives findings:\n%s", got)
	}
	policies, _ := model.Load([]string{filepath.Join(dir, "policies")})
	for _, p := range policies {
		s, _ := Load(p)
		lock, changed, _ := s.Confirm(Selection{})
		data, _ := lock.Marshal()
		old, _ := os.ReadFile(s.LockPath)
		if len(changed) > 0 || !bytes.Equal(data, old) {
			t.Errorf("%s: confirming after a reorder changes the lock", p.ID)
		}
	}
}

// TestEditYAMLOnBundledFiles rewrites every localized text of the bundled
// files in one language at once: every style of scalar the policies use
// must be found, replaced and read back, the rest of each file unchanged.
func TestEditYAMLOnBundledFiles(t *testing.T) {
	policies, _ := model.Load([]string{"../../policies"})
	type key struct {
		pos  model.Pos
		lang string
	}
	byFile := map[string]map[key]TextEdit{}
	for _, p := range policies {
		for _, f := range p.Texts {
			for lang, v := range f.Text.Values {
				file := filepath.Clean(f.Text.Pos.File)
				if byFile[file] == nil {
					byFile[file] = map[key]TextEdit{}
				}
				value := v + " — edited, with a colon: and a # sign"
				if lang == "fr" {
					value = "Réécrit :\n\n" + v
				}
				byFile[file][key{f.Text.Pos, lang}] = TextEdit{Text: f.Text, Lang: lang, Value: value}
			}
		}
	}
	if len(byFile) < 6 {
		t.Fatalf("only %d files", len(byFile))
	}
	for file, edits := range byFile {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var list []TextEdit
		for _, e := range edits {
			list = append(list, e)
		}
		out, err := EditYAML(src, list)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		// The comments are all still there.
		for _, line := range strings.Split(string(src), "\n") {
			if trimmed := strings.TrimSpace(line); strings.HasPrefix(trimmed, "#") && !bytes.Contains(out, []byte(line)) {
				t.Errorf("%s: comment lost: %s", file, line)
			}
		}
	}
}

// TestMigrateBundledLocks reads each bundled policy with its lock as format
// version 1 wrote it (testdata/v1, from before item keys were sorted): every
// translation is confirmed, reading changes no byte of the lock, and confirm
// writes the bundled version 2 lock.
func TestMigrateBundledLocks(t *testing.T) {
	dir := copyPolicies(t)
	old, _ := filepath.Glob("testdata/v1/*.lock")
	if len(old) != 4 {
		t.Fatalf("%d version 1 locks, want the 4 bundled ones", len(old))
	}
	for _, v1 := range old {
		id := strings.TrimSuffix(filepath.Base(v1), ".lock")
		data, err := os.ReadFile(v1)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("format: policyc-translations/1\n")) {
			t.Fatalf("%s is not a version 1 lock", v1)
		}
		lockPath := filepath.Join(dir, "policies", id, LockFile)
		if err := os.WriteFile(lockPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p, _ := model.LoadFile(filepath.Join(dir, "policies", id, model.PolicyFile))
		s, ds := Load(p)
		if len(ds) > 0 || s.Lock.Version != 1 {
			t.Fatalf("%s: %v", id, ds)
		}
		for _, u := range s.Units {
			if u.Status != Confirmed {
				t.Errorf("%s: %s translation of %s is %s under the version 1 lock", id, u.Lang, u.Path, u.Status)
			}
		}
		if got := messages(append(s.Stale(false), append(s.Modified(), s.Unconfirmed()...)...), dir); got != "" {
			t.Errorf("%s: findings under the version 1 lock:\n%s", id, got)
		}
		if after, _ := os.ReadFile(lockPath); !bytes.Equal(after, data) {
			t.Errorf("%s: reading the version 1 lock rewrote it", id)
		}
		lock, changed, ds := s.Confirm(Selection{})
		if len(ds) > 0 || len(changed) > 0 {
			t.Fatalf("%s: confirm changed %d translations: %v", id, len(changed), ds)
		}
		migrated, err := lock.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(filepath.Join("../../policies", id, LockFile))
		if !bytes.Equal(migrated, want) {
			t.Errorf("%s: the migrated lock differs from policies/%s/%s", id, id, LockFile)
		}
	}
}

// TestFactsOnlyInBundledBanner changes the period the Kimsufi banner states
// in all three languages, and choice-lifetime with it: only data changed,
// so no translation is stale, modified or unconfirmed.
func TestFactsOnlyInBundledBanner(t *testing.T) {
	dir := copyPolicies(t)
	edit(t, filepath.Join(dir, "policies/kimsufi/policy.yaml"), func(s string) string {
		for _, line := range []string{
			"OVHcloud will save your choice for {duration 13 months}.",
			"OVHcloud bewaart uw keuze {duration 13 months}.",
			"conservera votre choix pendant {duration 13 months}.",
			"choice-lifetime: 13 months",
		} {
			if !strings.Contains(s, line) {
				t.Fatalf("the Kimsufi banner no longer says %q", line)
			}
			s = strings.Replace(s, line, strings.ReplaceAll(line, "13 months", "6 months"), 1)
		}
		return s
	})
	if got := translationFindings(t, dir); got != "" {
		t.Errorf("a change of facts alone gives findings:\n%s", got)
	}
	policies, _ := model.Load([]string{filepath.Join(dir, "policies", "kimsufi")})
	s, _ := Load(policies[0])
	if ds := s.Modified(); len(ds) > 0 {
		t.Errorf("modified: %s", messages(ds, dir))
	}
}
