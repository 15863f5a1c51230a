package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "policyc",
		Short: "Compile privacy and cookie policies from YAML into HTML, Markdown and JSON in nl, en and fr",
		Long: `policyc compiles privacy and cookie policies written as structured YAML into
HTML, Markdown and JSON pages in Dutch, English and French. Facts are written
once; only prose is translated.

Exit codes: 0 success, 1 the input has errors, 2 wrong usage.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		newCheckCmd(stdout, stderr),
		newBuildCmd(stdout, stderr),
		newDiffCmd(stdout, stderr),
		newI18nCmd(stdout, stderr),
		newServeCmd(stdout, stderr),
		newVersionCmd(stdout),
	)
	return root
}
