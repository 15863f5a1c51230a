package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/policyc/policyc/model"
	"github.com/spf13/cobra"
)

// newExportCmd is the parent of the exports: one subcommand per format,
// each in its own file.
func newExportCmd(s *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export FORMAT [PATH...] --out DIR",
		Short: "Export the policies for other tools, such as consent managers",
		Long: `Export writes what other tools need from the policies under each PATH
(default "policies"), one file per policy in DIR, when no policy has an
error. The README's "Banner" section shows how to load the consent-manager
configurations.`,
	}
	cmd.AddCommand(newExportCookieConsentCmd(s), newExportKlaroCmd(s))
	cmd.AddCommand(newExportDPVCmd(s), newExportROPACmd(s), newExportTCFCmd(s))
	return cmd
}

// exportOptions are the options every export shares.
type exportOptions struct {
	Paths []string
	Out   string
	IO    *streams
}

// loadForExport loads and checks the policies of an export; errors are
// printed and end the export before anything is written.
func loadForExport(opts *exportOptions) ([]*model.Policy, error) {
	if opts.Out == "" {
		return nil, usagef("export needs --out DIR")
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	policies, diags := loadChecked(paths, checkScope{Translations: true, Notices: opts.IO.Err})
	if err := model.WriteText(opts.IO.Err, diags); err != nil {
		return nil, failure{err}
	}
	if diags.HasErrors() {
		fmt.Fprintf(opts.IO.Err, "policyc: %d error(s); nothing written\n", diags.Count(model.Error))
		return nil, errInput
	}
	return policies, nil
}

// writeExports writes each file into DIR, each through a temporary file
// renamed over the old one, so a reader never sees half a file; other
// files in DIR are left alone.
func writeExports(dir string, files map[string][]byte, names []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failure{fmt.Errorf("writing %s: %v", dir, err)}
	}
	for _, name := range names {
		if err := writeAtomic(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic writes data to path through a temporary file beside it,
// renamed over the old one.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return failure{fmt.Errorf("writing %s: %v", path, err)}
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return failure{fmt.Errorf("writing %s: %v", path, werr)}
	}
	return nil
}
