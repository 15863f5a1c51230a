package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"text/tabwriter"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/translation"
	"github.com/spf13/cobra"
)

func newI18nCmd(s *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "i18n",
		Short: "Track, confirm, export and import the translations of the policies",
		Long: `Each policy folder holds translations.lock, which records for every localized
text and every language it is translated into the source-language text the
translation was confirmed against, and the translation as confirmed. The
source language is the first of the policy's languages. "policyc check"
reports a translation whose source text has changed since as stale, and one
changed itself since as modified. A change of inline facts alone, made in
every language, leaves translations confirmed. A lock of format 1 is read
and migrated to format 2 by the next confirm or import.

  status    how many translations are confirmed, stale, modified, unconfirmed, missing
  confirm   record the current translations as confirmed
  export    write translations to XLIFF 2.0 for a translator or CAT tool
  import    write an XLIFF file's translations into the policies and confirm them`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newI18nStatusCmd(s),
		newI18nConfirmCmd(s),
		newI18nExportCmd(s),
		newI18nImportCmd(s),
	)
	return cmd
}

// loadStates loads the policies under paths with their translation state.
// Missing translations are what these commands help to fill in, so they do
// not stop them; any other error, or a lock that cannot be used, does, as
// the texts and their paths could not be trusted. Its findings are printed.
func loadStates(paths []string, stderr io.Writer) ([]*translation.State, error) {
	policies, diags := loadChecked(paths, checkScope{Notices: stderr})
	var stop model.Diagnostics
	for _, d := range diags {
		if d.Severity == model.Error && d.Rule != model.RuleMissingLang.ID {
			stop = append(stop, d)
		}
	}
	var states []*translation.State
	for _, p := range policies {
		st, ds := translation.Load(p)
		stop = append(stop, ds...)
		if st != nil {
			states = append(states, st)
		}
	}
	if len(stop) > 0 {
		if err := model.WriteText(stderr, stop); err != nil {
			return nil, failure{err}
		}
		fmt.Fprintf(stderr, "policyc: %d error(s); nothing done\n", stop.Count(model.Error))
		return nil, errInput
	}
	return states, nil
}

type i18nStatusOptions struct {
	Paths  []string
	Format string
	Strict bool
	IO     *streams
}

func newI18nStatusCmd(s *streams) *cobra.Command {
	opts := &i18nStatusOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "status [PATH...]",
		Short: "Count the confirmed, stale, modified, unconfirmed and missing translations",
		Long: `Status prints, for each policy under PATH (default "policies") and each
language it is translated into, how many localized texts there are and how
many of their translations are confirmed, stale (the source text changed
since they were confirmed), modified (the translation itself changed since
it was confirmed), unconfirmed (never confirmed) and missing.

With --strict it exits 1 unless every translation is confirmed.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runI18nStatus(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "exit 1 unless every translation is confirmed")
	return cmd
}

type statusJSON struct {
	Policies []statusPolicyJSON `json:"policies"`
}

type statusPolicyJSON struct {
	ID           string                `json:"id"`
	File         string                `json:"file"`
	Lock         string                `json:"lock"`
	HasLock      bool                  `json:"hasLock"`
	Source       string                `json:"source"`
	Languages    []translation.Counts  `json:"languages"`
	Translations []statusTranslationJS `json:"translations"`
}

// statusTranslationJS is a translation that is not confirmed.
type statusTranslationJS struct {
	Path  string `json:"path"`
	Lang  string `json:"lang"`
	State string `json:"state"`
	File  string `json:"file"`
	Line  int    `json:"line"`
	Col   int    `json:"col"`
}

func runI18nStatus(opts *i18nStatusOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return usagef("--format must be text or json, not %q", opts.Format)
	}
	states, err := loadStates(opts.Paths, opts.IO.Err)
	if err != nil {
		return err
	}
	complete := true
	out := statusJSON{Policies: []statusPolicyJSON{}}
	for _, s := range states {
		p := statusPolicyJSON{
			ID: s.Policy.ID, File: model.DisplayPath(s.Policy.File), Lock: model.DisplayPath(s.LockPath),
			HasLock: s.Lock != nil, Source: s.Source, Languages: s.Counts(), Translations: []statusTranslationJS{},
		}
		if p.Languages == nil {
			p.Languages = []translation.Counts{}
		}
		for _, u := range s.Units {
			if u.Status == translation.Confirmed {
				continue
			}
			complete = false
			pos := u.Pos()
			p.Translations = append(p.Translations, statusTranslationJS{
				Path: u.Path, Lang: u.Lang, State: u.Status.String(), File: model.DisplayPath(pos.File), Line: pos.Line, Col: pos.Col,
			})
		}
		out.Policies = append(out.Policies, p)
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return failure{err}
		}
	} else {
		tw := tabwriter.NewWriter(opts.IO.Out, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "POLICY\tSOURCE\tLANG\tTOTAL\tCONFIRMED\tSTALE\tMODIFIED\tUNCONFIRMED\tMISSING")
		var sum translation.Counts
		rows := 0
		for _, p := range out.Policies {
			for _, c := range p.Languages {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\n", p.ID, p.Source, c.Lang, c.Total, c.Confirmed, c.Stale, c.Modified, c.Unconfirmed, c.Missing)
				sum.Total, sum.Confirmed, sum.Stale, sum.Modified = sum.Total+c.Total, sum.Confirmed+c.Confirmed, sum.Stale+c.Stale, sum.Modified+c.Modified
				sum.Unconfirmed, sum.Missing = sum.Unconfirmed+c.Unconfirmed, sum.Missing+c.Missing
				rows++
			}
		}
		if rows > 1 {
			fmt.Fprintf(tw, "all\t\t\t%d\t%d\t%d\t%d\t%d\t%d\n", sum.Total, sum.Confirmed, sum.Stale, sum.Modified, sum.Unconfirmed, sum.Missing)
		}
		if err := tw.Flush(); err != nil {
			return failure{err}
		}
	}
	if opts.Strict && !complete {
		fmt.Fprintln(opts.IO.Err, `policyc: not every translation is confirmed; see "policyc check"`)
		return errInput
	}
	return nil
}

type i18nConfirmOptions struct {
	Paths  []string
	Langs  []string
	Fields []string
	IO     *streams
}

func newI18nConfirmCmd(s *streams) *cobra.Command {
	opts := &i18nConfirmOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "confirm [PATH...] [--lang L] [--field F...]",
		Short: "Record the current translations as confirmed against the current source texts",
		Long: `Confirm records in each policy's translations.lock that the translations, as
they are now, match the source texts as they are now. Run it after a
translator has brought the translations up to date. It never changes the
policy's YAML.

--lang and --field narrow it to some languages and some texts; a --field is a
path as "policyc check" names it (trackers.ga.purpose), or the path of an item
to confirm all its texts (trackers.ga). Confirm refuses a translation that is
empty or missing, and then writes nothing. Entries of texts that no longer
exist are dropped. Running it twice leaves the lock byte for byte the same.
The locks of several policies change all together or not at all.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runI18nConfirm(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Langs, "lang", nil, "languages to confirm, e.g. nl,fr (default: every translation)")
	cmd.Flags().StringArrayVar(&opts.Fields, "field", nil, "a text or item path to confirm; repeat for more (default: every text)")
	return cmd
}

func runI18nConfirm(opts *i18nConfirmOptions) error {
	for _, l := range opts.Langs {
		if err := model.ParseLanguage(l); err != nil {
			return usagef("--lang: %v", err)
		}
	}
	states, err := loadStates(opts.Paths, opts.IO.Err)
	if err != nil {
		return err
	}
	sel := translation.Selection{Langs: opts.Langs, Fields: opts.Fields}
	if err := checkSelection(states, sel); err != nil {
		return err
	}
	type result struct {
		state   *translation.State
		data    []byte
		changed int
	}
	var results []result
	var diags model.Diagnostics
	for _, s := range states {
		if len(translation.Targets(s.Policy)) == 0 {
			continue
		}
		lock, changed, ds := s.Confirm(sel)
		diags = append(diags, ds...)
		if lock == nil {
			continue
		}
		data, err := lock.Marshal()
		if err != nil {
			return failure{err}
		}
		if msg := translation.CheckWrite(model.Tree(s.Policy.File), s.LockPath); msg != "" {
			diags.Errorf(model.Pos{File: s.LockPath, Line: 1, Col: 1}, translation.RuleLock, "replace the link by a copy of the file",
				"the lock of policy %s %s", s.Policy.ID, msg)
			continue
		}
		results = append(results, result{s, data, len(changed)})
	}
	if len(diags) > 0 {
		if err := model.WriteText(opts.IO.Err, diags); err != nil {
			return failure{err}
		}
		fmt.Fprintf(opts.IO.Err, "policyc: %d error(s); nothing confirmed\n", diags.Count(model.Error))
		return errInput
	}
	// Every lock is read before any is written, for the report below.
	var files []translation.PlannedFile
	olds := make([][]byte, len(results))
	for i, r := range results {
		olds[i], _ = os.ReadFile(r.state.LockPath)
		files = append(files, translation.PlannedFile{Path: r.state.LockPath, Tree: model.Tree(r.state.Policy.File), Data: r.data})
	}
	if err := translation.Commit(files); err != nil {
		return failure{err}
	}
	for i, r := range results {
		old := olds[i]
		switch lock := model.DisplayPath(r.state.LockPath); {
		case r.changed > 0:
			fmt.Fprintf(opts.IO.Out, "%s: %d %s confirmed\n", lock, r.changed, plural(r.changed, "translation", "translations"))
		case string(old) != string(r.data):
			fmt.Fprintf(opts.IO.Out, "%s: brought up to date (entries of removed texts dropped, paths and format migrated)\n", lock)
		default:
			fmt.Fprintf(opts.IO.Out, "%s: up to date\n", lock)
		}
	}
	return nil
}

// checkSelection refuses a --lang no policy is translated into and a
// --field that names no text, which are most likely typing mistakes.
func checkSelection(states []*translation.State, sel translation.Selection) error {
	for _, l := range sel.Langs {
		found := slices.ContainsFunc(states, func(s *translation.State) bool { return slices.Contains(translation.Targets(s.Policy), l) })
		if !found {
			return usagef("--lang %s: no policy is translated into %s", l, l)
		}
	}
	for _, f := range sel.Fields {
		found := false
		for _, s := range states {
			for _, fl := range s.Fields {
				found = found || (translation.Selection{Fields: []string{f}}).Match(fl.Path, "")
			}
		}
		if !found {
			return usagef("--field %s: no policy has a localized text at %s", f, f)
		}
	}
	return nil
}

type i18nExportOptions struct {
	Paths []string
	Lang  string
	Only  []string
	Out   string
	IO    *streams
}

func newI18nExportCmd(s *streams) *cobra.Command {
	opts := &i18nExportOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "export [PATH...] --lang L --out FILE.xlf",
		Short: "Write translations into one language as XLIFF 2.0",
		Long: `Export writes the localized texts of the policies under PATH (default
"policies") with their translations into --lang as an XLIFF 2.0 file, for a
translation agency or a CAT tool: one <file> per policy, one <unit> per text,
its id the text's path. Notes give the path, where the text is written, and
for a stale translation the source text it was made from. The policies must
share their source language. --out - writes to standard output.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runI18nExport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Lang, "lang", "", "the language to translate into (required)")
	f.StringSliceVar(&opts.Only, "only", nil, "export only translations in these states: stale, missing, unconfirmed, confirmed (default: all)")
	f.StringVar(&opts.Out, "out", "", "the XLIFF file to write, or - (required)")
	return cmd
}

func runI18nExport(opts *i18nExportOptions) error {
	if opts.Lang == "" || opts.Out == "" {
		return usagef("export needs --lang L and --out FILE.xlf")
	}
	if err := model.ParseLanguage(opts.Lang); err != nil {
		return usagef("--lang: %v", err)
	}
	var only []translation.Status
	for _, o := range opts.Only {
		s, err := translation.ParseStatus(o)
		if err != nil {
			return usagef("--only: %v", err)
		}
		only = append(only, s)
	}
	states, err := loadStates(opts.Paths, opts.IO.Err)
	if err != nil {
		return err
	}
	data, units, err := translation.Export(states, opts.Lang, only)
	if err != nil {
		return err
	}
	if opts.Out == "-" {
		if _, err := opts.IO.Out.Write(data); err != nil {
			return failure{err}
		}
		return nil
	}
	if err := translation.WriteFile(opts.Out, data); err != nil {
		return failure{err}
	}
	fmt.Fprintf(opts.IO.Out, "wrote %d %s of %d %s to %s\n", units, plural(units, "text", "texts"),
		len(states), plural(len(states), "policy", "policies"), opts.Out)
	return nil
}

type i18nImportOptions struct {
	File  string
	Paths []string
	IO    *streams
}

func newI18nImportCmd(s *streams) *cobra.Command {
	opts := &i18nImportOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "import FILE.xlf [PATH...]",
		Short: "Write the translations of an XLIFF 2.0 file into the policies and confirm them",
		Long: `Import reads an XLIFF 2.0 file made by "policyc i18n export" and translated,
finds its policies among those under PATH (default "policies") by the <file>
ids, writes each unit's target into the YAML file that holds the text, and
records those translations as confirmed. Only the translated values change:
comments, key order and the formatting of everything else stay as they were.

Every unit is checked first: an unknown policy or unit id, a document in
other languages than the policy's, a trgLang other than the language the
units were exported for, a unit whose source text has changed in the policy
since the export, a target whose inline facts do not parse or differ from the
source text's, or a file that would be written through a symbolic link out of
the policy tree is an error, and then nothing is written. Units without a
target are skipped.

The files change all together or not at all: should the import be killed,
the next policyc command finishes or rolls back its write.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.File, opts.Paths = args[0], args[1:]
			return runI18nImport(opts)
		},
	}
	return cmd
}

func runI18nImport(opts *i18nImportOptions) error {
	doc, diags := translation.ReadXLIFF(opts.File)
	if len(diags) > 0 {
		return printNothingWritten(opts.IO.Err, diags)
	}
	states, err := loadStates(opts.Paths, opts.IO.Err)
	if err != nil {
		return err
	}
	plan, diags := translation.PlanImport(doc, states)
	if len(diags) > 0 {
		return printNothingWritten(opts.IO.Err, diags)
	}
	if err := plan.Write(); err != nil {
		return failure{err}
	}
	for _, f := range plan.Files {
		fmt.Fprintf(opts.IO.Out, "%s: %d %s written\n", model.DisplayPath(f.Path), f.Count, plural(f.Count, "translation", "translations"))
	}
	for _, f := range plan.Locks {
		if f.Count == 0 {
			fmt.Fprintf(opts.IO.Out, "%s: up to date\n", model.DisplayPath(f.Path))
			continue
		}
		fmt.Fprintf(opts.IO.Out, "%s: %d %s confirmed\n", model.DisplayPath(f.Path), f.Count, plural(f.Count, "translation", "translations"))
	}
	if plan.Skipped > 0 {
		fmt.Fprintf(opts.IO.Out, "%d %s without a target skipped\n", plan.Skipped, plural(plan.Skipped, "unit", "units"))
	}
	return nil
}

func printNothingWritten(w io.Writer, diags model.Diagnostics) error {
	if err := model.WriteText(w, diags); err != nil {
		return failure{err}
	}
	fmt.Fprintf(w, "policyc: %d error(s); nothing written\n", diags.Count(model.Error))
	return errInput
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
