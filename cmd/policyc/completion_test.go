package main

import (
	"bytes"
	"strings"
	"testing"
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
