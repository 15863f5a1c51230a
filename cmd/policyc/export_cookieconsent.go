package main

import "github.com/spf13/cobra"

func newExportCookieConsentCmd(s *streams) *cobra.Command {
	return newConsentExportCmd(s, "cookieconsent", "vanilla-cookieconsent 3", "policycCookieConsent",
		`Load it after cookieconsent.umd.js and call CookieConsent.run(policycCookieConsent);
the banner's language follows the page's <html lang>.`)
}
