package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/policyc/policyc/internal/journal"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

// asCommand, set in the environment, makes the test binary run as policyc:
// tests that need a policyc process (the language server's clients) start
// the test binary itself.
const asCommand = "POLICYC_TEST_AS_COMMAND"

// journalDelay, set in the environment of the policyc command, pauses it
// between the steps of a multi-file write (TestImportKilled).
const journalDelay = "POLICYC_TEST_JOURNAL_DELAY"

func TestMain(m *testing.M) {
	if os.Getenv(asCommand) == "1" {
		os.Exit(runStreams(os.Args[1:], osStreams()))
	}
	testscript.Main(m, map[string]func(){
		"policyc": func() {
			if d, err := time.ParseDuration(os.Getenv(journalDelay)); err == nil {
				journal.StepDelay = d
			}
			os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

func TestScripts(t *testing.T) {
	bundled, err := filepath.Abs("../../policies")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"bundled":     func(ts *testscript.TestScript, neg bool, args []string) { copyBundled(ts, bundled, args) },
			"deleteblock": deleteBlock,
			"replace":     replaceOnce,
			"xlsxcells":   xlsxCells,
		},
	})
}

// copyBundled copies the bundled policies into the script's folder DST:
// bundled DST.
func copyBundled(ts *testscript.TestScript, bundled string, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: bundled DST")
	}
	ts.Check(os.CopyFS(ts.MkAbs(args[0]), os.DirFS(bundled)))
}

// replaceOnce replaces the one occurrence of OLD in FILE by NEW, where \n
// stands for a line break: replace FILE OLD NEW.
func replaceOnce(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	old, new := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	if n := strings.Count(string(data), old); n != 1 {
		ts.Fatalf("%s: %q occurs %d times, not once", args[0], old, n)
	}
	ts.Check(os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}

// deleteBlock deletes from FILE the first line matching REGEXP and the lines
// below it indented deeper, as deleting a YAML key and its value does:
// deleteblock FILE REGEXP.
func deleteBlock(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: deleteblock FILE REGEXP")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	re := regexp.MustCompile(args[1])
	lines := strings.SplitAfter(string(data), "\n")
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	for i, l := range lines {
		if !re.MatchString(strings.TrimRight(l, "\n")) {
			continue
		}
		j := i + 1
		for j < len(lines) && (strings.TrimSpace(lines[j]) == "" || indent(lines[j]) > indent(l) || strings.HasPrefix(strings.TrimLeft(lines[j], " "), "- ") && indent(lines[j]) == indent(l) && !strings.HasPrefix(strings.TrimLeft(l, " "), "- ")) {
			j++
		}
		ts.Check(os.WriteFile(file, []byte(strings.Join(slices.Delete(lines, i, j), "")), 0o644))
		return
	}
	ts.Fatalf("%s: no line matches %s", args[0], args[1])
}

// TestExitCodes: 2 only for a mistake in the command line, 1 for errors in
// the input and for a run that fails for any other reason.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		output string // a line of the output
	}{
		{[]string{"frobnicate"}, exitUsage, `policyc: unknown command "frobnicate" for "policyc"`},
		{[]string{"chek"}, exitUsage, `policyc: unknown command "chek" for "policyc"`},
		{[]string{"check", "--no-such-flag"}, exitUsage, "policyc: unknown flag: --no-such-flag"},
		{[]string{"check", "--format", "xml"}, exitUsage, `policyc: --format must be text, json, sarif or github, not "xml"`},
		{[]string{"build", "../../render/testdata/golden/policies"}, exitUsage, "policyc: build needs --out DIR"},
		{[]string{"i18n", "status", "--strict=maybe"}, exitUsage, `policyc: invalid argument "maybe" for "--strict" flag: strconv.ParseBool: parsing "maybe": invalid syntax`},
		{[]string{"i18n", "nope"}, exitUsage, `policyc: unknown command "nope" for "policyc i18n"`},
		{[]string{"i18n", "import"}, exitUsage, "policyc: requires at least 1 arg(s), only received 0"},
		{[]string{"version", "extra"}, exitUsage, `policyc: unknown command "extra" for "policyc version"`},
		{[]string{"check", "no/such/folder"}, exitInput, "no/such/folder: error: no such file or folder [FILE]"},
		{[]string{"build", "--out", "../../render/testdata/golden/policies", "../../render/testdata/golden/policies"}, exitUsage,
			"policyc: --out ../../render/testdata/golden/policies is the input ../../render/testdata/golden/policies, and a build would replace it; give another folder, e.g. --out out"},
		// An output folder that cannot be made is no usage mistake.
		{[]string{"build", "--out", filepath.Join(notDir, "out"), "../../render/testdata/golden/policies"}, exitInput, "policyc: writing "},
		{[]string{"i18n", "export", "--lang", "fr", "--out", "-", "../../render/testdata/golden/policies", "../../policies/ovhcloud-privacy"}, exitInput,
			"policyc: policies app-notice and ovhcloud-privacy translate from different source languages (en and nl); export them separately"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if code != tc.code || !strings.Contains(out, "\n"+tc.output) && !strings.HasPrefix(out, tc.output) {
			t.Errorf("policyc %s: exit %d, output:\n%s\nwant exit %d and a line %q", strings.Join(tc.args, " "), code, out, tc.code, tc.output)
		}
		if hint := strings.Contains(stderr.String(), "Run 'policyc --help' for usage."); hint != (tc.code == exitUsage) {
			t.Errorf("policyc %s: usage hint shown: %t", strings.Join(tc.args, " "), hint)
		}
	}
}

// TestColorAuto: under --color auto the text report of diff is coloured
// on a terminal only, and never with NO_COLOR or TERM=dumb.
func TestColorAuto(t *testing.T) {
	args := []string{"diff", "../../model/diff/testdata/bundled/old", "../../model/diff/testdata/bundled/new"}
	for _, tc := range []struct {
		terminal bool
		env      map[string]string
		flag     string
		want     bool
	}{
		{true, nil, "auto", true},
		{false, nil, "auto", false},
		{true, map[string]string{"NO_COLOR": "1"}, "auto", false},
		{true, map[string]string{"TERM": "dumb"}, "auto", false},
		{false, nil, "always", true},
		{true, nil, "never", false},
	} {
		var stdout, stderr bytes.Buffer
		s := &streams{Out: &stdout, Err: &stderr, OutTerminal: tc.terminal, Getenv: func(k string) string { return tc.env[k] }}
		if code := runStreams(append(slices.Clip(args), "--color", tc.flag), s); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if got := strings.Contains(stdout.String(), "\x1b["); got != tc.want {
			t.Errorf("terminal %t, env %v, --color %s: coloured %t, want %t", tc.terminal, tc.env, tc.flag, got, tc.want)
		}
	}
}

// xlsxCells writes every cell of every sheet of a workbook to stdout, one
// line per row, cells separated by tabs and line breaks in a cell as \n, so
// a script can grep a workbook: xlsxcells FILE.
func xlsxCells(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: xlsxcells FILE")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		ts.Check(err)
		for _, row := range rows {
			for i, c := range row {
				row[i] = strings.ReplaceAll(c, "\n", `\n`)
			}
			fmt.Fprintf(ts.Stdout(), "%s\t%s\n", sheet, strings.Join(row, "\t"))
		}
	}
}
