package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/audit"
	"github.com/policyc/policyc/model/lint"
	"github.com/spf13/cobra"
)

type auditOptions struct {
	Policy         string
	HAR            []string
	URL            string
	Paths          []string
	AcceptSelector string
	Timeout        time.Duration
	Browser        string
	Format         string
	FailOn         string
	IO             *streams
}

var failOnValues = []string{"undeclared", "before-consent", "any", "none"}

func newAuditCmd(s *streams) *cobra.Command {
	opts := &auditOptions{IO: s}
	var rules strings.Builder
	for _, a := range lint.Analyzers {
		if a.Category == "audit" {
			fmt.Fprintf(&rules, "  %-24s %-7s %s\n", a.ID, a.Severity, a.Doc)
		}
	}
	cmd := &cobra.Command{
		Use:   "audit POLICY (--har FILE... | --url URL)",
		Short: "Compare what a site really stores with what its policy declares",
		Long: `Audit compares the cookies, localStorage and sessionStorage keys and
third-party hosts a site really uses with the trackers and vendors the policy
POLICY (a policy.yaml or its folder) declares, and prints the findings as
check does, in the same formats. The audit rules are in policyc rules, and
"# policyc:ignore RULE_ID reason" suppresses their findings as it does
check's.

What the site does comes from HAR files (--har, as Chrome DevTools and
Playwright save them; they record a visit without consent and no web storage)
or from a visit in a headless Chromium (--url, and --path for more pages of
the same site): once before any consent and, with --accept-selector, once
more after clicking the banner's "accept all" button.

Findings:
` + rules.String() + `
--fail-on says which findings fail the run: undeclared (cookies, keys and
hosts not declared), before-consent, any error (the default) or none.
Exit codes: 0 no failing findings, 1 failing findings or a failed visit,
2 wrong usage.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Policy = args[0]
			return runAudit(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.HAR, "har", nil, "a HAR file of a visit without consent (repeatable)")
	f.StringVar(&opts.URL, "url", "", "visit this page in a headless Chromium")
	f.StringArrayVar(&opts.Paths, "path", nil, "another page of the site to visit, relative to --url (repeatable)")
	f.StringVar(&opts.AcceptSelector, "accept-selector", "", `CSS selector of the banner's "accept all" button`)
	f.DurationVar(&opts.Timeout, "timeout", time.Minute, "time limit of the whole visit")
	f.StringVar(&opts.Browser, "browser", "", "the Chromium program (default: chromium found on PATH)")
	f.StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(lint.DiagnosticsFormats, ", "))
	f.StringVar(&opts.FailOn, "fail-on", "any", "findings that fail the run: "+strings.Join(failOnValues, ", "))
	return cmd
}

func runAudit(ctx context.Context, opts *auditOptions) error {
	if !slices.Contains(lint.DiagnosticsFormats, opts.Format) {
		return usagef("--format must be text, json, sarif or github, not %q", opts.Format)
	}
	if !slices.Contains(failOnValues, opts.FailOn) {
		return usagef("--fail-on must be one of %s, not %q", strings.Join(failOnValues, ", "), opts.FailOn)
	}
	if (len(opts.HAR) == 0) == (opts.URL == "") {
		return usagef("give either --har FILE or --url URL")
	}
	if opts.URL == "" && (len(opts.Paths) > 0 || opts.AcceptSelector != "") {
		return usagef("--path and --accept-selector need --url")
	}
	policies, diags := loadChecked([]string{opts.Policy}, checkScope{Notices: opts.IO.Err})
	if diags.HasErrors() {
		if err := model.WriteText(opts.IO.Err, diags); err != nil {
			return failure{err}
		}
		return errInput
	}
	if len(policies) != 1 {
		return usagef("POLICY must name one policy; %s holds %d", opts.Policy, len(policies))
	}
	var obs *audit.Observation
	if opts.URL != "" {
		if ctx == nil {
			ctx = context.Background()
		}
		var err error
		obs, err = audit.Collect(ctx, audit.CollectOptions{URL: opts.URL, Paths: opts.Paths,
			AcceptSelector: opts.AcceptSelector, Timeout: opts.Timeout, Browser: opts.Browser})
		if err != nil {
			return failure{err}
		}
	} else {
		obs = &audit.Observation{}
		for _, name := range opts.HAR {
			f, err := os.Open(name)
			if err != nil {
				return failure{err}
			}
			err = audit.ReadHAR(obs, f, audit.BeforeConsent)
			f.Close()
			if err != nil {
				return failure{fmt.Errorf("%s: %v", model.DisplayPath(name), err)}
			}
		}
	}
	// The policy is read again, now with the audit rules only: its other
	// findings are check's to print.
	_, findings := lint.Run([]string{opts.Policy}, lint.Options{Categories: []string{"audit"}, Observation: obs})
	if err := lint.WriteDiagnostics(opts.IO.Out, opts.Format, findings, policycVersion()); err != nil {
		return failure{err}
	}
	if slices.ContainsFunc(findings, func(d model.Diagnostic) bool { return fails(opts.FailOn, d) }) {
		return errInput
	}
	return nil
}

// fails reports whether a finding fails the run under --fail-on.
func fails(failOn string, d model.Diagnostic) bool {
	switch failOn {
	case "undeclared":
		return d.Rule == audit.Undeclared || d.Rule == audit.UndeclaredHost
	case "before-consent":
		return d.Rule == audit.SetBeforeConsent
	case "any":
		return d.Severity == model.Error
	}
	return false
}
