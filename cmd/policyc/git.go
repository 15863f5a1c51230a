package main

import (
	"archive/tar"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/policyc/policyc/model"
)

// Reading the policies as they are at a git revision, for diff --rev.

// splitRev splits A..B; B is "" when A is to be compared with the working
// tree.
func splitRev(rev string) (from, to string, err error) {
	if strings.Contains(rev, "...") {
		return "", "", usagef("--rev %q: write A..B or A; A...B is not supported", rev)
	}
	from, to, ranged := strings.Cut(rev, "..")
	if ranged {
		from, to = cmp.Or(from, "HEAD"), cmp.Or(to, "HEAD")
	}
	for _, r := range []string{from, to} {
		if strings.HasPrefix(r, "-") {
			return "", "", usagef("--rev %q: a revision cannot start with -", rev)
		}
	}
	if from == "" {
		return "", "", usagef("--rev needs a revision")
	}
	return from, to, nil
}

// git runs git in folder dir ("" for the working directory) and returns its
// output, or an error with git's own message.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(strings.TrimPrefix(msg, "fatal: "))
	}
	return out, nil
}

// loadRev loads the policies under paths as they are at revision rev: the
// folders they need are exported with git archive into a temporary folder,
// so that includes resolve as in the working tree, which is not touched.
// Diagnostics name files as rev:path.
func loadRev(stderr io.Writer, rev string, paths []string) ([]*model.Policy, error) {
	out, err := git("", "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		return nil, failure{fmt.Errorf("--rev needs a git repository: %v", err)}
	}
	top, prefix, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	commitOut, err := git("", "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, failure{fmt.Errorf("unknown revision %q: no such commit in this repository", rev)}
	}
	commit := strings.TrimSpace(string(commitOut))

	tmp, err := os.MkdirTemp("", "policyc-rev-")
	if err != nil {
		return nil, failure{err}
	}
	defer os.RemoveAll(tmp)
	cwd := filepath.Join(tmp, filepath.FromSlash(prefix))
	display := func(file string) string {
		if rel, err := filepath.Rel(cwd, file); err == nil {
			return rev + ":" + filepath.ToSlash(rel)
		}
		return file
	}

	var diags model.Diagnostics
	var load []string
	exported := map[string]bool{}
	for _, p := range paths {
		repoPath, err := inRepo(prefix, p)
		if err != nil {
			diags.Errorf(model.Pos{File: rev + ":" + p}, model.RuleFile, "", "%v", err)
			continue
		}
		typ, err := git("", "cat-file", "-t", commit+":"+repoPath)
		if err != nil {
			diags.Errorf(model.Pos{File: rev + ":" + filepath.ToSlash(p)}, model.RuleFile, "", "no such file or folder at revision %s", rev)
			continue
		}
		// Export the folder that holds the policy folders: includes may
		// reach anywhere in it.
		tree := repoPath
		switch strings.TrimSpace(string(typ)) {
		case "blob":
			tree = path.Dir(path.Dir(repoPath))
		case "tree":
			if _, err := git("", "cat-file", "-e", commit+":"+path.Join(repoPath, model.PolicyFile)); err == nil {
				tree = path.Dir(repoPath)
			}
		}
		if !exported[tree] {
			exported[tree] = true
			if err := exportTree(top, commit, tree, tmp); err != nil {
				return nil, failure{fmt.Errorf("reading %s at %s: %v", tree, rev, err)}
			}
		}
		load = append(load, filepath.Join(tmp, filepath.FromSlash(repoPath)))
	}
	if len(diags) > 0 {
		if err := model.WriteText(stderr, diags); err != nil {
			return nil, failure{err}
		}
		return nil, errInput
	}
	return loadSide(stderr, load, display)
}

// inRepo turns a path given on the command line into a path from the top of
// the repository.
func inRepo(prefix, p string) (string, error) {
	if filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		if p, err = filepath.Rel(wd, p); err != nil {
			return "", err
		}
	}
	rp := path.Join(prefix, filepath.ToSlash(p))
	if rp == ".." || strings.HasPrefix(rp, "../") {
		return "", errors.New("path is outside the repository")
	}
	return rp, nil
}

// exportTree writes the files of folder tree at commit under dir, with
// their paths from the top of the repository. Only regular files and
// folders are written; a file is cut after the largest size the loader
// reads, which then reports it as too large.
func exportTree(top, commit, tree, dir string) error {
	treeish := commit + ":"
	if tree != "." {
		treeish += tree
	}
	// git archive run in a subfolder archives only that subfolder.
	out, err := git(top, "archive", "--format=tar", treeish)
	if err != nil {
		return err
	}
	dir = filepath.Join(dir, filepath.FromSlash(tree))
	tr := tar.NewReader(bytes.NewReader(out))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.FromSlash(strings.TrimSuffix(h.Name, "/"))
		if !filepath.IsLocal(name) {
			continue
		}
		target := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.Create(target)
			if err != nil {
				return err
			}
			_, err = io.CopyN(f, tr, model.MaxFileSize+1)
			if cerr := f.Close(); err == nil || err == io.EOF {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}
