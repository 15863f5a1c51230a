package main

import (
	"slices"

	"github.com/policyc/policyc/model/lint"
	"github.com/spf13/cobra"
)

type rulesOptions struct {
	Format string
	Doc    bool // the rule reference of docs/rules.md instead of the table
	IO     *streams
}

func newRulesCmd(s *streams) *cobra.Command {
	opts := &rulesOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule check applies: ID, severity, law and doc",
		Long: `Rules lists every rule of policyc check, from the one registry check runs:
its ID (what suppressions and tools name), default severity, category, the
law or guidance it applies, and what a finding means.

--format markdown writes the table of the README; with --doc, the reference
of docs/rules.md that SARIF help links point to.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runRules(opts) },
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text, json or markdown")
	cmd.Flags().BoolVar(&opts.Doc, "doc", false, "with --format markdown: one section per rule, as docs/rules.md")
	return cmd
}

func runRules(opts *rulesOptions) error {
	if !slices.Contains(lint.RulesFormats, opts.Format) {
		return usagef("--format must be text, json or markdown, not %q", opts.Format)
	}
	var err error
	if opts.Doc {
		if opts.Format != "markdown" {
			return usagef("--doc needs --format markdown")
		}
		err = lint.WriteRulesDoc(opts.IO.Out, lint.Analyzers)
	} else {
		err = lint.WriteRules(opts.IO.Out, opts.Format, lint.Analyzers)
	}
	if err != nil {
		return failure{err}
	}
	return nil
}
