package main

import (
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagValues are the values the shell completes for flags of a closed set,
// by command path and flag name; --lang completes the rendered languages
// everywhere. A list flag (a StringSlice) completes one item after the other.
var flagValues = map[string][]string{
	"policyc check --format":       {"text", "json"},
	"policyc build --format":       render.Formats,
	"policyc build --site":         render.Sites,
	"policyc diff --format":        {"text", "markdown", "html", "json"},
	"policyc diff --fail-on":       {"material", "any", "none"},
	"policyc diff --color":         {"auto", "always", "never"},
	"policyc i18n status --format": {"text", "json"},
	"policyc i18n export --only":   {"stale", "missing", "unconfirmed", "confirmed"},
	"policyc init --kind":          initKinds,
}

// registerCompletions registers the flag values of flagValues and of --lang
// on every command under root, and the rule IDs as the arguments of rules.
func registerCompletions(root *cobra.Command) {
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "rules" && c.Parent() == root && c.ValidArgsFunction == nil {
			c.ValidArgsFunction = completeRuleIDs
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			values, ok := flagValues[c.CommandPath()+" --"+f.Name]
			if f.Name == "lang" {
				values, ok = model.RenderLanguages, true
			}
			if !ok {
				return
			}
			if f.Value.Type() == "stringSlice" {
				registerListFlagValues(c, f.Name, values...)
			} else {
				registerFlagValues(c, f.Name, values...)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// completeRuleIDs completes the IDs of the rules not yet on the command line.
func completeRuleIDs(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, a := range lint.Analyzers {
		if !slices.Contains(args, a.ID) {
			out = append(out, a.ID+"\t"+a.Doc)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// registerFlagValues makes the shell complete flag name with one of values.
func registerFlagValues(cmd *cobra.Command, name string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// registerListFlagValues makes the shell complete flag name, a
// comma-separated list, with the values not yet in the list.
func registerListFlagValues(cmd *cobra.Command, name string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(name, func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		done, _ := cutLast(toComplete, ",")
		given := map[string]bool{}
		for _, v := range strings.Split(done, ",") {
			given[v] = true
		}
		var out []string
		for _, v := range values {
			if !given[v] {
				if done != "" {
					v = done + "," + v
				}
				out = append(out, v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
}

// cutLast splits s around the last sep: "nl,en,f" gives "nl,en" and "f".
func cutLast(s, sep string) (before, after string) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):]
	}
	return "", s
}
