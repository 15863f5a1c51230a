package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/policyc/policyc/model"
)

// FuzzLoad: any bytes as a policy file go through the loader and every
// rule without a panic, and every finding has a file and a line.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"../../render/testdata/golden/policies/demo/policy.yaml",
		"testdata/ALIAS_LIMIT/bad/policy.yaml",
	} {
		if b, err := os.ReadFile(seed); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("id: x\nlanguages: []\n---\nid: y\n"))
	f.Add([]byte("trackers: [[x]]\ntitle: !!binary QQ==\n"))
	dir := f.TempDir()
	file := filepath.Join(dir, "p", model.PolicyFile)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := Run([]string{file}, Options{})
		for _, d := range diags {
			if d.Pos.File == "" || d.Pos.Line < 1 {
				t.Errorf("finding without a position: %+v", d)
			}
		}
	})
}
