package main

import (
	"slices"

	"github.com/policyc/policyc/model/lint"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	Paths      []string
	Format     string
	AllowStale bool
	IO         *streams
}

func newCheckCmd(s *streams) *cobra.Command {
	opts := &checkOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Report every error and warning in the policies",
		Long: `Check loads the policies under each PATH (a policy.yaml, a policy folder, or a
folder of policy folders; default "policies") and prints every diagnostic,
sorted, as path:line:col: severity: message [RULE_ID].

It also compares each policy's translations with its translations.lock: a
translation whose source text changed after it was confirmed is stale, an
error unless --allow-stale makes it a warning (for drafts); one never
confirmed is unconfirmed, a warning. Prose that writes out a duration or a
country by hand, instead of as an inline fact, is a warning too.

Exit codes: 0 no errors (warnings allowed), 1 errors, 2 wrong usage.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runCheck(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text, json, sarif or github")
	cmd.Flags().BoolVar(&opts.AllowStale, "allow-stale", false, "report stale translations as warnings, not errors")
	return cmd
}

func runCheck(opts *checkOptions) error {
	if !slices.Contains(lint.DiagnosticsFormats, opts.Format) {
		return usagef("--format must be text, json, sarif or github, not %q", opts.Format)
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	defer batchMemory(paths)()
	_, diags := loadChecked(paths, checkScope{Translations: true, AllowStale: opts.AllowStale, Notices: opts.IO.Err})
	if err := lint.WriteDiagnostics(opts.IO.Out, opts.Format, diags, policycVersion()); err != nil {
		return failure{err}
	}
	if diags.HasErrors() {
		return errInput
	}
	return nil
}
