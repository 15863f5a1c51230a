package main

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/consent"
	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
)

// consentExportOptions are the options of the consent-manager exports.
type consentExportOptions struct {
	exportOptions
	Format  string // cookieconsent or klaro
	BaseURL string
}

func newConsentExportCmd(s *streams, format, tool, global, load string) *cobra.Command {
	opts := &consentExportOptions{exportOptions: exportOptions{IO: s}, Format: format}
	cmd := &cobra.Command{
		Use:   format + " [PATH...] --out DIR",
		Short: "Write a " + tool + " configuration of each cookie policy",
		Long: `Writes DIR/<id>.` + format + `.js for each policy that declares tracker
categories: a complete ` + tool + ` configuration, every language of the
policy in one file, that sets the global variable ` + global + `.
` + load + `

The banner text is the policy's banner.text, the buttons, titles and column
headers come from policyc's catalogues in the policy's languages, the
cookie lists from the trackers (a pattern name as a regular expression, so
the consent manager deletes the cookies it matches), and the link to the
policy from --base-url.

The revision (in the file's first lines) is kept in consent.lock beside
each policy.yaml, with the consent facts it was issued for: the export
raises it by one when the policy changed materially since (a new tracker
or name in a category that needs consent, a category that starts to need
it, a longer lifetime, another provider, a new country outside the EEA, a
new technology) and records the facts; commit the file. See the README's
"Banner".`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runConsentExport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "", "output folder (required)")
	f.StringVar(&opts.BaseURL, "base-url", "", "URL the pages of policyc build are published at, e.g. https://example.com/policies/ (default: links relative to the page)")
	return cmd
}

func runConsentExport(opts *consentExportOptions) error {
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return usagef("--base-url must be an absolute http or https URL without query or fragment, such as https://example.com/policies/, not %q", opts.BaseURL)
		}
		if !strings.HasSuffix(opts.BaseURL, "/") {
			opts.BaseURL += "/"
		}
	}
	policies, err := loadForExport(&opts.exportOptions)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	var names []string
	records := map[string][]byte{}
	var recordPaths []string
	for _, p := range policies {
		if len(p.TrackerCategories) == 0 {
			fmt.Fprintf(opts.IO.Err, "policyc: %s declares no tracker categories; no %s configuration\n", p.ID, opts.Format)
			continue
		}
		path := consent.RecordPath(p)
		old, err := consent.ReadRecord(path)
		if err != nil {
			return failure{fmt.Errorf("%s: %v; delete it to start again from revision 1; nothing written", model.DisplayPath(path), err)}
		}
		rec, changes := consent.Next(old, p)
		switch {
		case old == nil:
			fmt.Fprintf(opts.IO.Out, "%s: revision 1, recorded in %s\n", p.ID, model.DisplayPath(path))
		case len(changes) > 0:
			fmt.Fprintf(opts.IO.Out, "%s: revision %d (was %d): visitors are asked again, as\n", p.ID, rec.Revision, old.Revision)
			for _, c := range changes {
				fmt.Fprintf(opts.IO.Out, "  %s [%s]\n", c.Summary, c.Rule)
			}
		}
		if b := rec.Marshal(); old == nil || !bytes.Equal(b, old.Marshal()) {
			records[path] = b
			recordPaths = append(recordPaths, path)
		}
		b, err := render.Consent(p, opts.Format, render.ConsentOptions{BaseURL: opts.BaseURL, Revision: rec.Revision})
		if err != nil {
			return failure{fmt.Errorf("%s: %v; nothing written", p.ID, err)}
		}
		name := render.ConsentFile(opts.Format, p.ID)
		files[name] = b
		names = append(names, name)
	}
	// The records first: a configuration written without its record would
	// be issued again under the old revision by the next export.
	for _, path := range recordPaths {
		if err := writeAtomic(path, records[path]); err != nil {
			return err
		}
	}
	if err := writeExports(opts.Out, files, names); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "wrote %d %s configuration(s) to %s\n", len(names), opts.Format, opts.Out)
	return nil
}
