package main

import (
	"fmt"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
)

func newExportTCFCmd(s *streams) *cobra.Command {
	opts := &exportOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "tcf-disclosure [PATH...] --out DIR",
		Short: "Write the IAB TCF device-storage disclosure of each cookie policy",
		Long: `Writes DIR/<id>.deviceStorage.json for each policy that declares trackers:
the "Vendor Device Storage & Operational Disclosures" JSON of the IAB
Transparency and Consent Framework, which consent-management platforms
show to visitors. Each cookie or storage key of a tracker is one
disclosure: its name (a pattern's variable parts as "*"), "cookie" or
"web", its lifetime in seconds (0 for a session cookie, null for web
storage), whether it is refreshed (refresh: true on the tracker), the
domains of its provider or of the policy (domains: on the vendor and the
policy), and the TCF purposes of its category (tcf-purposes:, with
purpose 1 when the category needs consent).

A fact the disclosure needs and the policy lacks is reported as a warning
at its place, and the file is written without it; see docs/format.md.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runExportTCF(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "output folder (required)")
	return cmd
}

func runExportTCF(opts *exportOptions) error {
	policies, err := loadForExport(opts)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	var names []string
	var diags model.Diagnostics
	for _, p := range policies {
		if len(p.Trackers) == 0 {
			fmt.Fprintf(opts.IO.Err, "policyc: %s declares no trackers; no TCF disclosure\n", p.ID)
			continue
		}
		b, ds := render.TCFDisclosure(p)
		diags = append(diags, ds...)
		name := render.TCFFile(p.ID)
		files[name] = b
		names = append(names, name)
	}
	if err := model.WriteText(opts.IO.Err, diags.Sorted()); err != nil {
		return failure{err}
	}
	if err := writeExports(opts.Out, files, names); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "wrote %d TCF disclosure(s) to %s\n", len(names), opts.Out)
	return nil
}
