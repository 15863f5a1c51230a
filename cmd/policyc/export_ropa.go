package main

import (
	"fmt"

	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
)

func newExportROPACmd(s *streams) *cobra.Command {
	opts := &exportOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "ropa [PATH...] --out DIR",
		Short: "Write the record of processing activities (Art. 30 GDPR) of each privacy policy",
		Long: `Writes, for each policy with processing activities, the record of
processing activities that Art. 30(1) GDPR asks of a controller: for each
controller, one row per activity with the controller's and the data
protection officer's name and contact, joint controllers, the purpose,
legal bases, categories of data subjects and of personal data, recipients
(those in third countries apart), transfers and their safeguards, the time
limits for erasure and the general description of the security measures
(security-measures in the policy).

DIR/<id>.ropa.<lang>.csv holds it in each of the policy's languages (UTF-8),
DIR/<id>.ropa.xlsx all of them, one sheet per language, with the header row
frozen and filters on. The same policy always gives the same bytes.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runExportROPA(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "output folder (required)")
	return cmd
}

func runExportROPA(opts *exportOptions) error {
	policies, err := loadForExport(opts)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	var names []string
	records := 0
	for _, p := range policies {
		if !render.HasRecord(p) {
			fmt.Fprintf(opts.IO.Err, "policyc: %s has no processing activities; no record of processing\n", p.ID)
			continue
		}
		var recs []*render.Record
		for _, lang := range p.Languages {
			rec, err := render.ROPA(p, lang)
			if err != nil {
				return failure{fmt.Errorf("%s: %v; nothing written", p.ID, err)}
			}
			name := p.ID + ".ropa." + lang + ".csv"
			files[name] = rec.CSV()
			names = append(names, name)
			recs = append(recs, rec)
		}
		b, err := render.XLSX(p, recs)
		if err != nil {
			return failure{fmt.Errorf("%s: %v; nothing written", p.ID, err)}
		}
		name := p.ID + ".ropa.xlsx"
		files[name] = b
		names = append(names, name)
		records++
	}
	if err := writeExports(opts.Out, files, names); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "wrote %d record(s) of processing to %s\n", records, opts.Out)
	return nil
}
