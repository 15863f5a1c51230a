package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/model/lint"
	"github.com/spf13/cobra"
)

// TestFlagValuesNameFlags keeps the completion table honest: each entry is
// a flag that exists.
func TestFlagValuesNameFlags(t *testing.T) {
	root := newRootCmd(&streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	for key := range flagValues {
		path, flag, _ := strings.Cut(key, " --")
		cmd, _, err := root.Find(strings.Fields(path)[1:])
		if err != nil || cmd.CommandPath() != path {
			t.Errorf("%s: no command %q", key, path)
			continue
		}
		if cmd.LocalFlags().Lookup(flag) == nil {
			t.Errorf("%s: %s has no flag --%s", key, path, flag)
		}
	}
}

// TestFlagCompletion asks for completions as the shell scripts of
// "policyc completion" do.
func TestFlagCompletion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--format", ""}, "text\njson\n:4\n"},
		{[]string{"diff", "--format", ""}, "text\nmarkdown\nhtml\njson\n:4\n"},
		{[]string{"diff", "--lang", ""}, "nl\nen\nfr\n:4\n"},
		{[]string{"build", "--lang", "fr,"}, "fr,nl\nfr,en\n:6\n"},
		{[]string{"build", "--format", "md,json,"}, "md,json,html\n:6\n"},
		{[]string{"init", "--kind", ""}, "cookie-policy\nprivacy-policy\nprivacy-and-cookie-policy\n:4\n"},
		{[]string{"i18n", "export", "--only", ""}, "stale\nmissing\nunconfirmed\nconfirmed\n:6\n"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"__complete"}, c.args...), &stdout, &stderr); code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr.String())
		}
		if got := stdout.String(); got != c.want {
			t.Errorf("%v: got %q, want %q", c.args, got, c.want)
		}
	}
}

// TestRuleIDCompletion: the arguments of rules complete to rule IDs, each
// with its doc, those already given left out.
func TestRuleIDCompletion(t *testing.T) {
	root := &cobra.Command{Use: "policyc"}
	rules := &cobra.Command{Use: "rules [RULE...]", Run: func(*cobra.Command, []string) {}}
	root.AddCommand(rules)
	registerCompletions(root)
	if rules.ValidArgsFunction == nil {
		t.Fatal("rules completes no argument")
	}
	got, _ := rules.ValidArgsFunction(rules, []string{"UNKNOWN_KEY"}, "")
	if len(got) != len(lint.Analyzers)-1 {
		t.Errorf("%d completions for %d rules", len(got), len(lint.Analyzers))
	}
	want := "UNRESOLVED_REF\t" + lint.ByID("UNRESOLVED_REF").Doc
	if !slices.Contains(got, want) || slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "UNKNOWN_KEY\t") }) {
		t.Errorf("got %q", got)
	}
}
