package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
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
	IO       *streams
}

func newDiffCmd(s *streams) *cobra.Command {
	opts := &diffOptions{IO: s}
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
		return usagef("--format: unknown format %q; use text, markdown, html or json", opts.Format)
	}
	if !slices.Contains([]string{"none", "material", "any"}, opts.FailOn) {
		return usagef("--fail-on must be material, any or none, not %q", opts.FailOn)
	}
	if !slices.Contains([]string{"auto", "always", "never"}, opts.Color) {
		return usagef("--color must be auto, always or never, not %q", opts.Color)
	}
	if opts.Lang != "" {
		if err := model.ParseLanguage(opts.Lang); err != nil {
			return usagef("--lang: %v", err)
		}
	}
	if opts.Textconv {
		if len(opts.Args) != 1 || opts.Rev != "" {
			return usagef("--textconv takes one policy file and no --rev")
		}
		return textconv(opts.IO.Out, opts.Args[0])
	}

	var loadOld, loadNew func(io.Writer) ([]*model.Policy, error)
	if opts.Rev == "" {
		if len(opts.Args) != 2 {
			return usagef("diff needs OLD and NEW, or --rev A..B [PATH...]")
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
	old, new, err := loadBoth(opts.IO.Err, loadOld, loadNew)
	if err != nil {
		return err
	}

	report := diff.Compare(old, new)
	switch opts.Format {
	case "text":
		err = diff.WriteText(opts.IO.Out, report, diff.TextOptions{Color: opts.IO.color(opts.Color)})
	case "markdown", "md":
		err = diff.WriteMarkdown(opts.IO.Out, report)
	case "json":
		err = diff.WriteJSON(opts.IO.Out, report)
	case "html":
		for _, d := range report.Policies {
			p := cmp.Or(d.New, d.Old)
			if p != nil && opts.Lang != "" && !slices.Contains(p.Languages, opts.Lang) {
				return usagef("--lang: policy %s is not written in %s; it is written in %s", d.ID, opts.Lang, strings.Join(p.Languages, ", "))
			}
		}
		var page []byte
		if page, err = render.DiffHTML(report, opts.Lang); err == nil {
			_, err = opts.IO.Out.Write(page)
		}
	}
	if err != nil {
		return failure{err}
	}
	material := report.Count(diff.Material)
	switch {
	case opts.FailOn == "material" && material > 0:
		fmt.Fprintf(opts.IO.Err, "policyc: %d material change(s)\n", material)
		return errInput
	case opts.FailOn == "any" && report.Len() > 0:
		fmt.Fprintf(opts.IO.Err, "policyc: %d change(s)\n", report.Len())
		return errInput
	}
	return nil
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
	policies, diags := loadChecked(paths, checkScope{Notices: stderr})
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
