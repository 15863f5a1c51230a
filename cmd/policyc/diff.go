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
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
)

type diffOptions struct {
	Args     []string
	Rev      string
	Format   string
	Lang     string
	FailOn   string
	Color    string
	Textconv bool
	Stdout   io.Writer
	Stderr   io.Writer
}

func newDiffCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &diffOptions{Stdout: stdout, Stderr: stderr}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | diff --rev A[..B] [PATH...]",
		Short: "Report the changes in substance between two versions of the policies",
		Long: `Diff loads two versions of the policies, each fully (includes merged,
references resolved), and reports what changed: trackers, categories,
vendors, processing activities, transfers, rights, parties and prose, each
keyed by its id, so that reordering or moving an item is no change. Each
change is material (it may need a notice period or fresh consent) or
editorial, by the rule named in brackets.

OLD and NEW are each a policy file, a policy folder or a folder of policy
folders. With --rev A..B the two versions are read from git revisions A and B
of each PATH (default "policies"), and with --rev A revision A is compared with
the working tree; the working tree is never touched.

Formats: text (grouped by area, coloured on a terminal unless NO_COLOR is
set), markdown (for a pull-request comment), html (a "what changed" page in
--lang, for the people the policy is about), json (see docs/diff.md).

With --textconv FILE, diff prints the facts of one file, one per line and
sorted, for git's textconv (see the README).

Exit codes: 0 done, 1 a version has errors or --fail-on was met, 2 wrong usage.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Args = args
			return runDiff(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Rev, "rev", "", "compare git revisions: A..B, or A with the working tree")
	f.StringVar(&opts.Format, "format", "text", "output format: text, markdown, html or json")
	f.StringVar(&opts.Lang, "lang", "", "language of the html page (default: the policy's first language)")
	f.StringVar(&opts.FailOn, "fail-on", "none", "exit 1 when there are changes of this class: material, any or none")
	f.StringVar(&opts.Color, "color", "auto", "colour the text report: auto, always or never")
	f.BoolVar(&opts.Textconv, "textconv", false, "print the facts of one policy file, for git diff's textconv")
	return cmd
}

var diffFormats = []string{"text", "markdown", "md", "html", "json"}

func runDiff(opts *diffOptions) error {
	if !slices.Contains(diffFormats, opts.Format) {
		return fmt.Errorf("--format: unknown format %q; use text, markdown, html or json", opts.Format)
	}
	if !slices.Contains([]string{"none", "material", "any"}, opts.FailOn) {
		return fmt.Errorf("--fail-on must be material, any or none, not %q", opts.FailOn)
	}
	if !slices.Contains([]string{"auto", "always", "never"}, opts.Color) {
		return fmt.Errorf("--color must be auto, always or never, not %q", opts.Color)
	}
	if opts.Lang != "" {
		if err := model.ParseLanguage(opts.Lang); err != nil {
			return fmt.Errorf("--lang: %v", err)
		}
	}
	if opts.Textconv {
		if len(opts.Args) != 1 || opts.Rev != "" {
			return errors.New("--textconv takes one policy file and no --rev")
		}
		return textconv(opts.Stdout, opts.Args[0])
	}

	var loadOld, loadNew func(io.Writer) ([]*model.Policy, error)
	if opts.Rev == "" {
		if len(opts.Args) != 2 {
			return errors.New("diff needs OLD and NEW, or --rev A..B [PATH...]")
		}
		loadOld = func(w io.Writer) ([]*model.Policy, error) { return loadSide(w, opts.Args[:1], nil) }
		loadNew = func(w io.Writer) ([]*model.Policy, error) { return loadSide(w, opts.Args[1:], nil) }
	} else {
		from, to, err := splitRev(opts.Rev)
		if err != nil {
			return err
		}
		paths := opts.Args
		if len(paths) == 0 {
			paths = []string{"policies"}
		}
		loadOld = func(w io.Writer) ([]*model.Policy, error) { return loadRev(w, from, paths) }
		loadNew = func(w io.Writer) ([]*model.Policy, error) { return loadSide(w, paths, nil) }
		if to != "" {
			loadNew = func(w io.Writer) ([]*model.Policy, error) { return loadRev(w, to, paths) }
		}
	}
	old, new, err := loadBoth(opts.Stderr, loadOld, loadNew)
	if err != nil {
		return err
	}

	report := diff.Compare(old, new)
	switch opts.Format {
	case "text":
		err = diff.WriteText(opts.Stdout, report, diff.TextOptions{Color: useColor(opts)})
	case "markdown", "md":
		err = diff.WriteMarkdown(opts.Stdout, report)
	case "json":
		err = diff.WriteJSON(opts.Stdout, report)
	case "html":
		for _, d := range report.Policies {
			p := cmp.Or(d.New, d.Old)
			if p != nil && opts.Lang != "" && !slices.Contains(p.Languages, opts.Lang) {
				return fmt.Errorf("--lang: policy %s is not written in %s; it is written in %s", d.ID, opts.Lang, strings.Join(p.Languages, ", "))
			}
		}
		var page []byte
		if page, err = render.DiffHTML(report, opts.Lang); err == nil {
			_, err = opts.Stdout.Write(page)
		}
	}
	if err != nil {
		return failure{err}
	}
	material := report.Count(diff.Material)
	switch {
	case opts.FailOn == "material" && material > 0:
		fmt.Fprintf(opts.Stderr, "policyc: %d material change(s)\n", material)
		return errInput
	case opts.FailOn == "any" && report.Len() > 0:
		fmt.Fprintf(opts.Stderr, "policyc: %d change(s)\n", report.Len())
		return errInput
	}
	return nil
}

// useColor: colours on a terminal unless NO_COLOR asks for none; a flag
// overrides both.
func useColor(opts *diffOptions) bool {
	switch opts.Color {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := opts.Stdout.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// loadBoth loads the two versions at once, on two cores where there are,
// and prints the old version's errors before the new one's.
func loadBoth(stderr io.Writer, loadOld, loadNew func(io.Writer) ([]*model.Policy, error)) (old, new []*model.Policy, err error) {
	var oldErrs, newErrs bytes.Buffer
	var oldErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		old, oldErr = loadOld(&oldErrs)
	}()
	new, err = loadNew(&newErrs)
	<-done
	// A failure of the run, such as an unknown revision, is said alone:
	// the diagnostics of the other version would only bury it.
	errs := []error{oldErr, err}
	for _, e := range errs {
		var f failure
		if errors.As(e, &f) {
			return nil, nil, e
		}
	}
	if _, werr := stderr.Write(append(oldErrs.Bytes(), newErrs.Bytes()...)); werr != nil {
		return nil, nil, failure{werr}
	}
	for _, e := range errs {
		if e != nil {
			return nil, nil, e
		}
	}
	return old, new, nil
}

// loadSide loads one version and prints its errors; display, when not nil,
// rewrites the file names of the diagnostics.
func loadSide(stderr io.Writer, paths []string, display func(string) string) ([]*model.Policy, error) {
	policies, diags := model.Load(paths)
	if !diags.HasErrors() {
		return policies, nil
	}
	var errs model.Diagnostics
	for _, d := range diags {
		if d.Severity == model.Error {
			if display != nil {
				d.Pos.File = display(d.Pos.File)
			}
			errs = append(errs, d)
		}
	}
	if err := model.WriteText(stderr, errs); err != nil {
		return nil, failure{err}
	}
	return nil, errInput
}

// splitRev splits A..B; B is "" when A is to be compared with the working
// tree.
func splitRev(rev string) (from, to string, err error) {
	if strings.Contains(rev, "...") {
		return "", "", fmt.Errorf("--rev %q: write A..B or A; A...B is not supported", rev)
	}
	from, to, ranged := strings.Cut(rev, "..")
	if ranged {
		from, to = cmp.Or(from, "HEAD"), cmp.Or(to, "HEAD")
	}
	for _, r := range []string{from, to} {
		if strings.HasPrefix(r, "-") {
			return "", "", fmt.Errorf("--rev %q: a revision cannot start with -", rev)
		}
	}
	if from == "" {
		return "", "", errors.New("--rev needs a revision")
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

// textconv prints the facts of one policy file on its own, never its
// includes: git hands textconv a temporary copy of an old version, beside
// which the included files are not, so both versions are read alike. A file
// that cannot be read as a policy is printed as it is.
func textconv(w io.Writer, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return failure{err}
	}
	tmp, err := os.MkdirTemp("", "policyc-textconv-")
	if err != nil {
		return failure{err}
	}
	defer os.RemoveAll(tmp)
	copyPath := filepath.Join(tmp, "policy", model.PolicyFile)
	if err := os.MkdirAll(filepath.Dir(copyPath), 0o755); err != nil {
		return failure{err}
	}
	if err := os.WriteFile(copyPath, data, 0o644); err != nil {
		return failure{err}
	}
	p, _ := model.LoadFile(copyPath)
	if p == nil {
		_, err = w.Write(data)
	} else {
		err = diff.WriteFacts(w, p)
	}
	if err != nil {
		return failure{err}
	}
	return nil
}
