package render

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/testtool"
	"go.yaml.in/yaml/v3"
)

// TestKlaroTranslations wants, in every language of every bundled cookie
// policy, each text of Klaro's own English translation (the package's
// src/translations/en.yml) in the exported configuration, so that Klaro
// never falls back to a text of its own: also those the browser test
// cannot see (after a change, in testing mode, on blocked embedded
// content). Its sample purposes are the policy's categories instead, and
// "poweredBy" is switched off.
func TestKlaroTranslations(t *testing.T) {
	modules := testtool.NodeModules(t, "klaro")
	b, err := os.ReadFile(filepath.Join(modules, "klaro", "src", "translations", "en.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var klaro map[string]any
	if err := yaml.Unmarshal(b, &klaro); err != nil {
		t.Fatal(err)
	}
	var want []string
	var leaves func(prefix string, v any)
	leaves = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, c := range m {
				leaves(prefix+k+".", c)
			}
			return
		}
		want = append(want, strings.TrimSuffix(prefix, "."))
	}
	leaves("", klaro)
	want = slices.DeleteFunc(want, func(k string) bool { return k == "poweredBy" || strings.HasPrefix(k, "purposes.") })
	slices.Sort(want)
	if len(want) < 25 {
		t.Fatalf("only %d texts in Klaro's en.yml: %v", len(want), want)
	}
	n := 0
	for _, p := range load(t, "../policies") {
		if len(p.TrackerCategories) == 0 {
			continue
		}
		var docs []*Document
		for _, l := range p.Languages {
			d, err := Resolve(p, l)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
		config := klaroConfig(p, docs, ConsentOptions{})
		if get(config, "disablePoweredBy") != jsBool(true) {
			t.Errorf("%s: Klaro's poweredBy is on", p.ID)
		}
		for _, l := range p.Languages {
			tr, _ := get(get(config, "translations"), l).(jsObject)
			for _, key := range want {
				var v jsValue = tr
				for _, part := range strings.Split(key, ".") {
					v = get(v, part)
				}
				if s, ok := v.(jsString); !ok || strings.TrimSpace(string(s)) == "" {
					t.Errorf("%s %s: the Klaro text %s is not in the configuration", p.ID, l, key)
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no bundled cookie policy")
	}
}

// get is the value of key in an object, nil when there is none.
func get(v jsValue, key string) jsValue {
	o, _ := v.(jsObject)
	for _, kv := range o {
		if kv.key == key {
			return kv.val
		}
	}
	return nil
}
