// Package lint holds every rule policyc applies to a policy, as one registry
// of analyzers in the shape of golang.org/x/tools/go/analysis: each rule is
// one Analyzer value with its ID, default severity, the law it applies and a
// one-line doc, and Run is the one entry point every command uses.
package lint

import (
	"fmt"
	"slices"
	"sync"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/audit"
)

// An Analyzer is one rule: it reports findings of its own ID only.
type Analyzer struct {
	ID       string         // stable, UPPER_SNAKE; tools and suppressions rely on it
	Severity model.Severity // the severity of its findings unless it says otherwise
	Category string         // structure, translation, legal, cookies or audit
	Law      string         // the law or guidance it applies, e.g. "GDPR Art. 13(2)(c)"; empty for structure
	Doc      string         // one line: what a finding means
	// Requires are the analyzers whose results Run reads from
	// Pass.ResultOf; they run first on the same policy.
	Requires []*Analyzer
	// Loader marks the analyzers of the loader's findings: they run on
	// files no policy could be decoded from, too.
	Loader bool
	// Run reports the findings of one policy; its result, if any, is
	// what analyzers that require it read.
	Run func(*Pass) any
}

func (a *Analyzer) String() string { return a.ID }

// Pass is what an analyzer sees of one policy.
type Pass struct {
	Analyzer *Analyzer
	// Policy is nil only for the findings of files that could not be
	// decoded, which only Loader analyzers see.
	Policy *model.Policy
	// All are the policies checked together, for rules across policies.
	All []*model.Policy
	// Loaded are the loader's findings for this policy and its includes.
	Loaded   model.Diagnostics
	ResultOf map[*Analyzer]any
	Options  Options
	// Profile is the authority profile in force, nil when none applies.
	Profile *Profile

	diags *model.Diagnostics
	held  *model.Diagnostics
}

// Reportf records a finding at pos with the analyzer's default severity.
func (pass *Pass) Reportf(pos model.Pos, fix, format string, args ...any) {
	pass.Report(model.Diagnostic{Pos: pos, Severity: pass.Analyzer.Severity, Fix: fix, Summary: fmt.Sprintf(format, args...)})
}

// ReportItemf records a finding about the item at path (its stable path, as
// translations and suppressions name it) with the default severity.
func (pass *Pass) ReportItemf(path string, pos model.Pos, fix, format string, args ...any) {
	pass.Report(model.Diagnostic{Pos: pos, Path: path, Severity: pass.Analyzer.Severity, Fix: fix, Summary: fmt.Sprintf(format, args...)})
}

// Report records d as a finding of the analyzer: whatever d.Rule says, the
// finding carries the analyzer's own ID.
func (pass *Pass) Report(d model.Diagnostic) {
	d.Rule = pass.Analyzer.ID
	*pass.diags = append(*pass.diags, d)
}

// ReportUnlessErrors records d only if the policy has no errors when all
// analyzers have run: for summaries that would bury the errors of a policy
// being written.
func (pass *Pass) ReportUnlessErrors(d model.Diagnostic) {
	d.Rule = pass.Analyzer.ID
	*pass.held = append(*pass.held, d)
}

// loaderErrorAt reports whether the loader found an error at pos: a rule
// reading the value there would read a default, not what was written.
func (pass *Pass) loaderErrorAt(pos model.Pos) bool {
	return slices.ContainsFunc(pass.Loaded, func(d model.Diagnostic) bool { return d.Severity == model.Error && d.Pos == pos })
}

// Options change what Run reports.
type Options struct {
	// AllowStale reports stale translations as warnings, for drafts.
	AllowStale bool
	// Categories limits the run to analyzers of these categories; all when
	// empty. Commands that only need a policy they can read (diff, i18n)
	// run the structure analyzers.
	Categories []string
	// Analyzers replaces the registry, for tests.
	Analyzers []*Analyzer
	// Overlay stands in for files on disk: the language server's buffers.
	Overlay model.Overlay
	// Observation is what policyc audit saw the site of the policies do;
	// the audit analyzers compare it with them, and report nothing
	// without it.
	Observation *audit.Observation
}

func (o Options) selected() []*Analyzer {
	all := o.Analyzers
	if all == nil {
		all = Analyzers
	}
	if len(o.Categories) == 0 {
		return all
	}
	var out []*Analyzer
	for _, a := range all {
		if slices.Contains(o.Categories, a.Category) {
			out = append(out, a)
		}
	}
	return out
}

// Run loads the policies under paths and applies every selected analyzer
// to each, then the suppressions. It is the one way a command checks
// policies: the loader's findings, structure, translations and the law.
func Run(paths []string, opts Options) ([]*model.Policy, model.Diagnostics) {
	files, findDiags := model.Find(paths)
	var policies []*model.Policy
	var loaded []model.Diagnostics
	var orphans model.Diagnostics // findings of files no policy was decoded from
	orphans = append(orphans, findDiags...)
	// Policies load and are checked in parallel, one goroutine each: the
	// work of one policy shares nothing with another's, and the findings
	// are sorted at the end.
	type file struct {
		policy *model.Policy
		diags  model.Diagnostics
	}
	loads := make([]file, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			p, ds := model.LoadFileOverlay(f, opts.Overlay)
			loads[i] = file{p, ds}
		})
	}
	wg.Wait()
	for _, l := range loads {
		if l.policy == nil {
			orphans = append(orphans, l.diags...)
			continue
		}
		policies = append(policies, l.policy)
		loaded = append(loaded, l.diags)
	}
	selected := opts.selected()
	// The audit rules find nothing without an observation: a suppression
	// of theirs is unused only where one was made.
	ran := selected
	if opts.Observation == nil {
		ran = slices.DeleteFunc(slices.Clone(selected), func(a *Analyzer) bool { return a.Category == "audit" })
	}
	chosen := map[*Analyzer]bool{}
	for _, a := range selected {
		chosen[a] = true
	}
	var diags model.Diagnostics
	if len(orphans) > 0 {
		run := &runner{opts: opts, chosen: chosen, diags: &diags, results: map[*Analyzer]any{}, done: map[*Analyzer]bool{}}
		for _, a := range selected {
			if a.Loader {
				run.analyze(a, nil, policies, orphans)
			}
		}
	}
	found := make([]model.Diagnostics, len(policies))
	for i, p := range policies {
		wg.Go(func() {
			found[i] = check(p, policies, loaded[i], opts, selected, chosen, ran)
		})
	}
	wg.Wait()
	for _, ds := range found {
		diags = append(diags, ds...)
	}
	return policies, diags.Sorted()
}

// check applies the selected analyzers to p, then its suppressions.
func check(p *model.Policy, all []*model.Policy, loaded model.Diagnostics, opts Options, selected []*Analyzer, chosen map[*Analyzer]bool, ran []*Analyzer) model.Diagnostics {
	var own, held model.Diagnostics
	run := &runner{opts: opts, chosen: chosen, diags: &own, held: &held, results: map[*Analyzer]any{}, done: map[*Analyzer]bool{}, profile: profileOf(p)}
	for _, a := range selected {
		run.analyze(a, p, all, loaded)
	}
	waiting := map[model.Diagnostic]bool{}
	for _, d := range held {
		waiting[d] = true
	}
	kept := suppress(p, append(own, held...), ran)
	if kept.HasErrors() {
		kept = slices.DeleteFunc(kept, func(d model.Diagnostic) bool { return waiting[d] })
	}
	return kept
}

type runner struct {
	opts    Options
	chosen  map[*Analyzer]bool
	diags   *model.Diagnostics
	held    *model.Diagnostics
	results map[*Analyzer]any
	done    map[*Analyzer]bool
	profile *Profile
}

// analyze runs a after what it requires, once per policy.
func (r *runner) analyze(a *Analyzer, p *model.Policy, all []*model.Policy, loaded model.Diagnostics) {
	if r.done[a] {
		return
	}
	r.done[a] = true
	for _, req := range a.Requires {
		r.analyze(req, p, all, loaded)
	}
	// A required analyzer that is not selected still computes its result,
	// but its findings are not kept.
	diags, held := r.diags, r.held
	if !r.chosen[a] || held == nil {
		held = new(model.Diagnostics)
	}
	if !r.chosen[a] {
		diags = new(model.Diagnostics)
	}
	pass := &Pass{Analyzer: a, Policy: p, All: all, Loaded: loaded, ResultOf: r.results, Options: r.opts, Profile: r.profile, diags: diags, held: held}
	r.results[a] = a.Run(pass)
}

// ByID returns the registered analyzer with id, or nil.
func ByID(id string) *Analyzer {
	for _, a := range Analyzers {
		if a.ID == id {
			return a
		}
	}
	return nil
}
