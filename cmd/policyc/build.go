package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/translation"
	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
)

type buildOptions struct {
	Paths        []string
	Out          string
	Langs        []string
	Formats      []string
	Fragment     bool
	Site         string
	TitleHeading bool
	FrontMatter  string // replaced by Site; kept to say so
	BaseURL      string
	AllowStale   bool
	Force        bool
	Rev          string // the git revision of the previous version, for the feeds and "what changed" pages
	IO           *streams
}

func newBuildCmd(s *streams) *cobra.Command {
	opts := &buildOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "build [PATH...] --out DIR",
		Short: "Render the policies into HTML, Markdown and JSON pages",
		Long: `Build loads the policies under each PATH (default "policies"), and when none
has an error writes DIR/<lang>/<id>.html, .md and .json for each language of
each policy, and DIR/index.html. DIR is replaced as a whole: the pages are
written to a temporary folder beside it and exchanged with DIR in one rename,
so DIR always holds either the previous or the new complete build, and a
failed or interrupted build leaves the previous DIR untouched.

Beside each page, DIR/<lang>/<id>.atom is an Atom feed of the policy's
versions, from its change history, dated by the policy. With --rev REV the
policies as they were at git revision REV are the previous version: each
policy that existed there gets DIR/<lang>/<id>.changes.html, the "what
changed" page of policyc diff, and its feed's entry for the current
version lists the material changes and links to that page.

DIR must not be, hold or lie inside an input or a git repository's .git.
A non-empty DIR that policyc did not write (it has no .policyc-output
file) is refused too, unless --force is given.

The Markdown is written for the site generator --site names (hugo, jekyll,
eleventy or plain): its front matter, heading ids and links between the
languages; the README says where to copy the files and how to configure
each generator.

A stale translation, whose source text changed after it was confirmed, is an
error like any other unless --allow-stale is given: a page must not say in
one language what the source no longer says.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runBuild(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "", "output folder (required)")
	f.StringSliceVar(&opts.Langs, "lang", nil, "languages to render, e.g. nl,en (default: every language of each policy)")
	f.StringSliceVar(&opts.Formats, "format", render.Formats, "formats to render: html, md, json, and summary for the short notice (<id>.summary.html and .summary.md)")
	f.BoolVar(&opts.Fragment, "fragment", false, "write HTML body fragments to embed in a site's own layout")
	f.StringVar(&opts.Site, "site", "hugo", "the site generator the Markdown is for: hugo, jekyll, eleventy or plain")
	f.BoolVar(&opts.TitleHeading, "title-heading", false, "start the Markdown with the title as a heading also when the front matter has it")
	f.StringVar(&opts.FrontMatter, "front-matter", "", "replaced by --site")
	_ = f.MarkHidden("front-matter")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL DIR is published at, e.g. https://example.com/policies/; makes hreflang links absolute")
	f.BoolVar(&opts.AllowStale, "allow-stale", false, "build even with stale translations, reporting them as warnings")
	f.StringVar(&opts.Rev, "rev", "", "git revision of the previous version: adds \"what changed\" pages and the changes to the feeds")
	f.BoolVar(&opts.Force, "force", false, "replace an existing non-empty --out folder that policyc did not write")
	return cmd
}

// buildMemoryLimit is the soft memory limit of a build or a check when
// GOMEMLIMIT is not set, chosen from the size of its input. The collector
// runs when the heap reaches it (batchMemory), so it must leave room above
// what the command keeps live: a fixed limit below that made the collector
// run almost without pause (a 100,000-tracker build took 29 times the CPU of
// a 10,000-tracker one). A build keeps up to about 12 bytes live per byte of
// YAML (the policy, and one language's document at a time), so the limit is
// heapPerInputByte times the bytes of YAML read, which keeps the
// 100,000-tracker build under 1 GiB, and at least minBuildMemoryLimit.
func buildMemoryLimit(paths []string) int64 {
	var size int64
	for _, p := range paths {
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if ext := filepath.Ext(path); ext == ".yaml" || ext == ".yml" {
				if info, err := d.Info(); err == nil {
					size += info.Size()
				}
			}
			return nil
		})
	}
	return max(minBuildMemoryLimit, heapPerInputByte*size)
}

// batchMemory sets the collector up for a command that loads the policies
// under paths, writes its output and exits, and returns the function that
// puts the previous settings back. Unless GOMEMLIMIT says otherwise, the
// soft memory limit is chosen from the input (buildMemoryLimit), and unless
// GOGC says otherwise too, the collector runs only when the heap reaches
// it. By default the collector runs whenever the heap has doubled since the
// last collection, which suits a server, not a build: while a file is
// loaded its YAML tree and the policy decoded from it are all live, so each
// collection marked them again and freed almost nothing, and while pages
// are rendered the policy stays live and was marked again for every few
// megabytes of page. Collecting only at the limit took the 100,000-row
// build from 21.9 to 17.7 CPU-s, at the same peak memory.
//
// Commands that run at once in one process (the tests run several) share
// the settings: the first one in saves the process's own and the last one
// out puts them back, and the limit is the largest any of them asked for.
func batchMemory(paths []string) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := buildMemoryLimit(paths)
	batch.Lock()
	defer batch.Unlock()
	if batch.running == 0 {
		batch.limit, batch.percent = debug.SetMemoryLimit(limit), -1
		if os.Getenv("GOGC") == "" {
			batch.percent = debug.SetGCPercent(-1)
		}
	} else if limit > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(limit)
	}
	batch.running++
	return func() {
		batch.Lock()
		defer batch.Unlock()
		if batch.running--; batch.running == 0 {
			debug.SetMemoryLimit(batch.limit)
			if batch.percent != -1 {
				debug.SetGCPercent(batch.percent)
			}
		}
	}
}

// growMemoryLimit raises the limit of the running batch commands to what
// files, the ones a build has read, call for: includes may lie outside the
// paths it was given, and the pages are rendered from all of them.
func growMemoryLimit(files []string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	files = slices.Compact(slices.Sorted(slices.Values(files)))
	limit := buildMemoryLimit(files)
	batch.Lock()
	defer batch.Unlock()
	if batch.running > 0 && limit > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(limit)
	}
}

// batch is what batchMemory changed: the process's own limit and
// percentage, which it puts back when no command needs its settings.
var batch struct {
	sync.Mutex
	running int
	limit   int64
	percent int // -1: GOGC was set, and left alone
}

const (
	minBuildMemoryLimit = 200 << 20
	heapPerInputByte    = 20
)

func runBuild(opts *buildOptions) error {
	if opts.Out == "" {
		return usagef("build needs --out DIR")
	}
	for _, f := range opts.Formats {
		if !slices.Contains(render.Formats, f) && f != render.SummaryFormat {
			return usagef("--format: unknown format %q; use html, md, json or summary", f)
		}
	}
	for _, l := range opts.Langs {
		if err := model.ParseLanguage(l); err != nil {
			return usagef("--lang: %v", err)
		}
	}
	if opts.FrontMatter != "" {
		return usagef("--front-matter is replaced by --site: use --site hugo for Hugo's front matter, or --site plain for Markdown without front matter")
	}
	if !slices.Contains(render.Sites, opts.Site) {
		return usagef("--site: unknown site generator %q; use hugo, jekyll, eleventy or plain", opts.Site)
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	if err := render.CheckOut(opts.Out, paths, opts.Force); err != nil {
		return outError(opts.Out, err)
	}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return usagef("--base-url must be an absolute http or https URL without query or fragment, such as https://example.com/policies/, not %q", opts.BaseURL)
		}
		if !strings.HasSuffix(opts.BaseURL, "/") {
			opts.BaseURL += "/"
		}
	}
	if opts.Rev == "" {
		// With --rev the previous version is loaded and compared too, and
		// what is live no longer follows the size of the input on disk.
		defer batchMemory(paths)()
	}
	policies, diags := loadChecked(opts.Paths, checkScope{Translations: true, AllowStale: opts.AllowStale, Notices: opts.IO.Err})
	if err := model.WriteText(opts.IO.Err, diags); err != nil {
		return failure{err}
	}
	if diags.HasErrors() {
		fmt.Fprintf(opts.IO.Err, "policyc: %d error(s); nothing written\n", diags.Count(model.Error))
		return errInput
	}
	// Includes and locks may lie outside the paths given.
	var read []string
	for _, p := range policies {
		read = append(append(read, p.File, translation.LockPath(p)), p.Includes...)
	}
	if err := render.CheckOut(opts.Out, read, opts.Force); err != nil {
		return outError(opts.Out, err)
	}
	growMemoryLimit(read)
	var previous []*model.Policy
	if opts.Rev != "" {
		var err error
		if previous, err = loadRev(opts.IO.Err, opts.Rev, paths); err != nil {
			return err
		}
	}
	n, err := render.BuildInto(opts.Out, policies, render.Options{Langs: opts.Langs, Formats: opts.Formats, Fragment: opts.Fragment, Site: opts.Site, TitleHeading: opts.TitleHeading, BaseURL: opts.BaseURL, Previous: previous})
	var renderErr *render.RenderError
	if errors.As(err, &renderErr) {
		return failure{fmt.Errorf("%v; nothing written", renderErr.Err)}
	} else if err != nil {
		return failure{fmt.Errorf("writing %s: %v; the previous output is unchanged", opts.Out, err)}
	}
	noun := "policies"
	if len(policies) == 1 {
		noun = "policy"
	}
	fmt.Fprintf(opts.IO.Out, "wrote %d files for %d %s to %s\n", n, len(policies), noun, opts.Out)
	return nil
}

// outError makes a refused output folder a usage mistake (exit 2), and a
// folder that cannot be read a failure of the run.
func outError(out string, err error) error {
	var unsafe *render.UnsafeOutError
	if errors.As(err, &unsafe) {
		return usageError{err}
	}
	return failure{fmt.Errorf("writing %s: %v; the previous output is unchanged", out, err)}
}
