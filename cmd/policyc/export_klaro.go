package main

import "github.com/spf13/cobra"

func newExportKlaroCmd(s *streams) *cobra.Command {
	return newConsentExportCmd(s, "klaro", "Klaro 0.7", "klaroConfig",
		`Load it before klaro.js, which reads klaroConfig; Klaro shows the
policy's source language unless the page sets another (klaroConfig.lang).`)
}
