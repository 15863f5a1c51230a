package journal

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listTree lists the files under dir with their contents, "name=content".
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.Type()&os.ModeSymlink != 0 {
			target, _ := os.Readlink(path)
			out = append(out, filepath.ToSlash(rel)+"->"+target)
			return nil
		}
		data, err := os.ReadFile(path)
		out = append(out, filepath.ToSlash(rel)+"="+string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// TestWrite replaces every changed file, through an in-tree link to the
// file it names, keeps the permissions, and leaves nothing else behind.
func TestWrite(t *testing.T) {
	tree := t.TempDir()
	writeFiles(t, tree, map[string]string{"a/policy.yaml": "old a", "shared/v.yaml": "old v", "a/same": "same"})
	if err := os.Chmod(filepath.Join(tree, "shared/v.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../shared/v.yaml", filepath.Join(tree, "a/v.yaml")); err != nil {
		t.Fatal(err)
	}
	err := Write(tree, []File{
		{Path: filepath.Join(tree, "a/policy.yaml"), Data: []byte("new a")},
		{Path: filepath.Join(tree, "a/v.yaml"), Data: []byte("new v")},
		{Path: filepath.Join(tree, "a/same"), Data: []byte("same")},
		{Path: filepath.Join(tree, "a/translations.lock"), Data: []byte("new lock")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "a/policy.yaml=new a a/same=same a/translations.lock=new lock a/v.yaml->../shared/v.yaml shared/v.yaml=new v"
	if got := listTree(t, tree); got != want {
		t.Errorf("tree after the write:\n%s\nwant\n%s", got, want)
	}
	if info, err := os.Stat(filepath.Join(tree, "shared/v.yaml")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("shared/v.yaml lost its permissions: %v %v", info.Mode(), err)
	}
}

// TestWriteRefusesOutside: a file outside the tree, or reached through a
// link leading out of it, is refused, and nothing at all is written.
func TestWriteRefusesOutside(t *testing.T) {
	root := t.TempDir()
	tree := filepath.Join(root, "policies")
	writeFiles(t, root, map[string]string{"policies/a/policy.yaml": "old a", "outside/x.yaml": "outside"})
	if err := os.Symlink("../../outside/x.yaml", filepath.Join(tree, "a/x.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"a/x.yaml", "../outside/x.yaml"} {
		err := Write(tree, []File{
			{Path: filepath.Join(tree, "a/policy.yaml"), Data: []byte("new a")},
			{Path: filepath.Join(tree, target), Data: []byte("new x")},
		})
		if err == nil || !strings.Contains(err.Error(), "lies outside the policy tree") {
			t.Errorf("write to %s: %v", target, err)
		}
		if got, want := listTree(t, root), "outside/x.yaml=outside policies/a/policy.yaml=old a policies/a/x.yaml->../../outside/x.yaml"; got != want {
			t.Errorf("write to %s changed the files:\n%s\nwant\n%s", target, got, want)
		}
	}
}

// TestRecoverRefuses: a journal policyc cannot have written is an error,
// and nothing it names is touched.
func TestRecoverRefuses(t *testing.T) {
	for _, tt := range []struct{ name, journal, want string }{
		{"not JSON", "{", "the journal cannot be read (unexpected end of JSON input); remove it, then check the files the last i18n import or confirm wrote"},
		{"unknown state", `{"state": "done", "files": [{"new": "a/.p.policyc-new-1", "target": "a/p"}]}`, `the journal was not written by policyc (unknown state "done"); remove it`},
		{"no files", `{"state": "commit", "files": []}`, "the journal was not written by policyc (it lists no files); remove it"},
		{"target outside", `{"state": "commit", "files": [{"new": "../.x.policyc-new-1", "target": "../x"}]}`,
			`the journal was not written by policyc ("../.x.policyc-new-1" is not a new content beside "../x"); remove it`},
		{"any file as new content", `{"state": "commit", "files": [{"new": "a/q", "target": "a/p"}]}`,
			`the journal was not written by policyc ("a/q" is not a new content beside "a/p"); remove it`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tree := t.TempDir()
			writeFiles(t, tree, map[string]string{Name: tt.journal, "a/p": "p", "a/q": "q"})
			r, err := Recover(tree)
			if r != nil || err == nil || err.Error() != tt.want {
				t.Errorf("got %v, %v\nwant %s", r, err, tt.want)
			}
			if got := listTree(t, tree); got != Name+"="+tt.journal+" a/p=p a/q=q" {
				t.Errorf("the tree changed: %s", got)
			}
		})
	}
}
