package main

import (
	"strings"

	"github.com/spf13/cobra"
)

func newRootCmd(s *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "policyc",
		Short: "Compile privacy and cookie policies from YAML into HTML, Markdown and JSON in nl, en and fr",
		Long: `policyc compiles privacy and cookie policies written as structured YAML into
HTML, Markdown and JSON pages in Dutch, English and French. Facts are written
once; only prose is translated.

Exit codes: 0 success, 1 the input has errors, 2 wrong usage.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		// With Args set, an unknown command comes here rather than from
		// cobra's own check, so that it is marked as a usage error.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := "unknown command " + `"` + args[0] + `" for "policyc"`
			if sug := cmd.SuggestionsFor(args[0]); len(sug) > 0 {
				msg += "\n\nDid you mean this?\n\t" + strings.Join(sug, "\n\t")
			}
			return usagef("%s", msg)
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.AddCommand(
		newCheckCmd(s),
		newRulesCmd(s),
		newBuildCmd(s),
		newExportCmd(s),
		newDiffCmd(s),
		newAuditCmd(s),
		newI18nCmd(s),
		newServeCmd(s),
		newSchemaCmd(s.Out),
		newInitCmd(s),
		newManCmd(),
		newLspCmd(),
		newVersionCmd(s.Out),
	)
	markUsageErrors(root)
	registerCompletions(root)
	return root
}

// markUsageErrors marks the errors cobra finds in a command line, a bad
// flag or a wrong number of arguments, as usage errors: every other error
// exits 1.
func markUsageErrors(root *cobra.Command) {
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if args := c.Args; args != nil {
			c.Args = func(cmd *cobra.Command, a []string) error {
				if err := args(cmd, a); err != nil {
					if _, ok := err.(usageError); ok {
						return err
					}
					return usageError{err}
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
