package diff

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// TestTextPathsAreCheckPaths walks the bundled policies and the full
// example: the path under which diff compares each localized text is the
// path check and the translation lock name it by, and the other way round.
func TestTextPathsAreCheckPaths(t *testing.T) {
	dirs, err := filepath.Glob("../../policies/*/policy.yaml")
	if err != nil || len(dirs) < 4 {
		t.Fatalf("bundled policies: %v %v", dirs, err)
	}
	dirs = append(dirs, "../testdata/full/policies/full/policy.yaml", "../../render/testdata/golden/policies/demo/policy.yaml")
	for _, file := range dirs {
		p, diags := model.LoadFile(file)
		if p == nil || diags.HasErrors() {
			t.Fatalf("%s: %v", file, diags)
		}
		var check []string
		for _, f := range p.Texts {
			check = append(check, f.Path)
		}
		var compared []string
		for _, e := range flatten(p).entries {
			if !e.item && e.value.Type == "text" {
				compared = append(compared, strings.Join(e.segs, "."))
			}
		}
		slices.Sort(check)
		slices.Sort(compared)
		if !slices.Equal(check, compared) {
			for _, path := range check {
				if !slices.Contains(compared, path) {
					t.Errorf("%s: check names a text %s that diff does not compare", file, path)
				}
			}
			for _, path := range compared {
				if !slices.Contains(check, path) {
					t.Errorf("%s: diff compares a text %s that check does not name", file, path)
				}
			}
		}
		if len(check) < 10 {
			t.Errorf("%s: only %d texts", file, len(check))
		}
	}
}
