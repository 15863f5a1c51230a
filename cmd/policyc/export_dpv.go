package main

import (
	"fmt"

	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
)

func newExportDPVCmd(s *streams) *cobra.Command {
	opts := &exportOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "dpv [PATH...] --out DIR",
		Short: "Write each policy as JSON-LD in the W3C Data Privacy Vocabulary (DPV)",
		Long: `Writes DIR/<id>.dpv.jsonld for each policy: the policy's facts as JSON-LD
in the W3C Data Privacy Vocabulary (DPV 2.x) and its EU GDPR extension
(legal bases such as eu-gdpr:A6-1-a, rights such as eu-gdpr:A15, transfer
safeguards such as eu-gdpr:A46-2-c), with countries from its location
extension. A fact DPV has no term for is written with a policyc term, never
left out; docs/exports.md has the mapping table. Texts carry their language
tags, every language of the policy in one file. The same policy always
gives the same bytes.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runExportDPV(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "output folder (required)")
	return cmd
}

func runExportDPV(opts *exportOptions) error {
	policies, err := loadForExport(opts)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	var names []string
	for _, p := range policies {
		b, err := render.DPV(p)
		if err != nil {
			return failure{fmt.Errorf("%s: %v; nothing written", p.ID, err)}
		}
		name := render.DPVFile(p.ID)
		files[name] = b
		names = append(names, name)
	}
	if err := writeExports(opts.Out, files, names); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "wrote %d DPV description(s) to %s\n", len(names), opts.Out)
	return nil
}
