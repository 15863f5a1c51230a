package lint_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/audit"
	"github.com/policyc/policyc/model/lint"
)

// A want is one expected finding, written in a fixture as a YAML comment
// on the line the finding points at: # want RULE_ID "regexp".
type want struct {
	file string
	line int
	rule string
	re   *regexp.Regexp
	met  bool
}

var wantComment = regexp.MustCompile(`#\s*want\s+([A-Z0-9_]+)\s+("(?:[^"\\]|\\.)*")`)

// readWants reads the wants of every file under dir.
func readWants(t *testing.T, dir string) []*want {
	t.Helper()
	var out []*want
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			for _, m := range wantComment.FindAllStringSubmatch(sc.Text(), -1) {
				pattern, err := strconv.Unquote(m[2])
				if err != nil {
					return fmt.Errorf("%s:%d: %v", path, line, err)
				}
				re, err := regexp.Compile(pattern)
				if err != nil {
					return fmt.Errorf("%s:%d: %v", path, line, err)
				}
				out = append(out, &want{file: filepath.Clean(path), line: line, rule: m[1], re: re})
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAnalyzers runs each analyzer alone (with what it requires) on its
// fixture, testdata/<ID>/: every finding must be wanted on its line, and
// every want met.
func TestAnalyzers(t *testing.T) {
	for _, a := range lint.Analyzers {
		t.Run(a.ID, func(t *testing.T) {
			dir := filepath.Join("testdata", a.ID)
			wants := readWants(t, dir)
			var diags model.Diagnostics
			if a.Category == "audit" {
				diags = runAudit(t, a, dir)
			} else {
				_, diags = lint.Run([]string{dir}, lint.Options{Analyzers: []*lint.Analyzer{a}})
			}
			for _, d := range diags {
				if d.Rule != a.ID {
					t.Errorf("%s: finding of %s from analyzer %s", d.Pos, d.Rule, a.ID)
					continue
				}
				i := slices.IndexFunc(wants, func(w *want) bool {
					return w.rule == d.Rule && w.file == filepath.Clean(d.Pos.File) && w.line == d.Pos.Line && w.re.MatchString(d.Message())
				})
				if i < 0 {
					t.Errorf("%s: unexpected finding: %s: %s", d.Pos, d.Severity, d.Message())
					continue
				}
				wants[i].met = true
			}
			for _, w := range wants {
				if w.rule == a.ID && !w.met {
					t.Errorf("%s:%d: no finding of %s matching %q", w.file, w.line, w.rule, w.re)
				}
			}
		})
	}
}

// runAudit runs an audit analyzer on each case of its fixture with what the
// case's visit.har records: an audit compares one policy with one visit.
func runAudit(t *testing.T, a *lint.Analyzer, dir string) model.Diagnostics {
	t.Helper()
	cases, err := filepath.Glob(filepath.Join(dir, "*", model.PolicyFile))
	if err != nil {
		t.Fatal(err)
	}
	var all model.Diagnostics
	for _, c := range cases {
		f, err := os.Open(filepath.Join(filepath.Dir(c), "visit.har"))
		if err != nil {
			t.Fatalf("an audit fixture case needs a visit.har: %v", err)
		}
		obs := &audit.Observation{}
		err = audit.ReadHAR(obs, f, audit.BeforeConsent)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		_, diags := lint.Run([]string{filepath.Dir(c)}, lint.Options{Analyzers: []*lint.Analyzer{a}, Observation: obs})
		all = append(all, diags...)
	}
	return all
}

// TestEveryAnalyzerHasAFixture requires of every registered analyzer a
// fixture with a positive case (a policy with a want of its ID) and a
// negative one (a policy with none, on which TestAnalyzers sees that it
// reports nothing); and of every fixture folder a registered analyzer, so
// that taking an analyzer out of the registry fails.
func TestEveryAnalyzerHasAFixture(t *testing.T) {
	ids := map[string]bool{}
	for _, a := range lint.Analyzers {
		if ids[a.ID] {
			t.Errorf("%s is registered twice", a.ID)
		}
		ids[a.ID] = true
		if !regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`).MatchString(a.ID) || a.Doc == "" || a.Run == nil {
			t.Errorf("%s: an analyzer needs an UPPER_SNAKE ID, a doc and a Run", a.ID)
		}
		if (a.Category == "legal") && a.Law == "" {
			t.Errorf("%s: a legal rule names the law it applies", a.ID)
		}
		if !slices.Contains([]string{"structure", "translation", "legal", "cookies", "audit"}, a.Category) {
			t.Errorf("%s: unknown category %q", a.ID, a.Category)
		}
		dir := filepath.Join("testdata", a.ID)
		cases, err := filepath.Glob(filepath.Join(dir, "*", model.PolicyFile))
		if err != nil || len(cases) == 0 {
			t.Errorf("%s has no fixture: add %s/<case>/policy.yaml", a.ID, dir)
			continue
		}
		positive, negative := 0, 0
		for _, c := range cases {
			hasWant := slices.ContainsFunc(readWants(t, filepath.Dir(c)), func(w *want) bool { return w.rule == a.ID })
			if hasWant {
				positive++
			} else {
				negative++
			}
		}
		if positive == 0 || negative == 0 {
			t.Errorf("%s: its fixture has %d positive and %d negative cases; it needs at least one of each", a.ID, positive, negative)
		}
	}
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && strings.ToUpper(e.Name()) == e.Name() && !ids[e.Name()] {
			t.Errorf("testdata/%s is the fixture of no registered analyzer", e.Name())
		}
	}
}
