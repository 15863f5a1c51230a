package main

import (
	"io"

	"github.com/policyc/policyc/model"
	"github.com/spf13/cobra"
)

type schemaOptions struct {
	Include bool
	Stdout  io.Writer
}

func newSchemaCmd(stdout io.Writer) *cobra.Command {
	opts := &schemaOptions{Stdout: stdout}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the policy format, for editors",
		Long: `Schema prints the JSON Schema (draft 2020-12) of a policy.yaml, or with
--include of a file a policy includes. Editors with a YAML language server
use it for completion and validation while typing; docs/policy.schema.json
and docs/include.schema.json are copies of its output.

The schema catches what can be seen in one file (unknown keys, wrong shapes,
vocabulary keys, durations, countries, dates, ids); policyc check also finds
unresolved references, missing translations and the legal rules.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runSchema(opts) },
	}
	cmd.Flags().BoolVar(&opts.Include, "include", false, "the schema of an included file instead of a policy.yaml")
	return cmd
}

func runSchema(opts *schemaOptions) error {
	b, err := model.Schema(opts.Include)
	if err != nil {
		return failure{err}
	}
	if _, err := opts.Stdout.Write(b); err != nil {
		return failure{err}
	}
	return nil
}
