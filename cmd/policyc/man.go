package main

import (
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

type manOptions struct {
	Dir string
}

// newManCmd writes the man pages; "make man" runs it. It is hidden: the
// pages are for installing, not a command a writer uses.
func newManCmd() *cobra.Command {
	opts := &manOptions{}
	cmd := &cobra.Command{
		Use:    "man",
		Short:  "Write the man pages, one per command, into --dir",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMan(cmd.Root(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "man/man1", "folder to write the pages to")
	return cmd
}

func runMan(root *cobra.Command, opts *manOptions) error {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return failure{err}
	}
	// No generation stamp; the date in the header is SOURCE_DATE_EPOCH's
	// when set, as "make man" sets it to the last commit's.
	root.DisableAutoGenTag = true
	header := &doc.GenManHeader{Title: "POLICYC", Section: "1", Source: "policyc", Manual: "policyc manual"}
	if err := doc.GenManTree(root, header, opts.Dir); err != nil {
		return failure{err}
	}
	return nil
}
