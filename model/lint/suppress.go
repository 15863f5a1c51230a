package lint

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// IgnoreNoReason and IgnoreUnused report suppressions that hide a finding
// without saying why, or hide nothing: a suppression outlives the gap it
// was written for unless someone is told.
var (
	IgnoreNoReason = &Analyzer{
		ID: "IGNORE_NO_REASON", Severity: model.Warning, Category: "structure",
		Doc: "a suppression gives no reason; it suppresses nothing until it does",
		Run: func(*Pass) any { return nil }, // reported by the suppression step of Run
	}
	IgnoreUnused = &Analyzer{
		ID: "IGNORE_UNUSED", Severity: model.Warning, Category: "structure",
		Doc: "a suppression names a rule that reports nothing there, or no rule at all",
		Run: func(*Pass) any { return nil }, // reported by the suppression step of Run
	}
)

// A suppression is one rule of a "# policyc:ignore RULE[,RULE...] reason"
// comment, or one entry of lint.ignore.
type suppression struct {
	pos    model.Pos
	rule   string
	reason string
	// a comment covers its own line and the next; an entry the item at
	// path, or the whole policy when path is empty
	comment bool
	path    string
	used    bool
}

func (s *suppression) covers(d model.Diagnostic) bool {
	if d.Rule != s.rule {
		return false
	}
	if s.comment {
		return d.Pos.File == s.pos.File && (d.Pos.Line == s.pos.Line || d.Pos.Line == s.pos.Line+1)
	}
	return s.path == "" || d.Path == s.path || strings.HasPrefix(d.Path, s.path+".")
}

var ignoreComment = regexp.MustCompile(`(?:^|\s)#\s*policyc:ignore(?:\s+(\S+))?(?:\s+(.*?))?\s*$`)

// suppressions reads the comments of p's files and its lint.ignore list.
func suppressions(p *model.Policy) []*suppression {
	var out []*suppression
	for _, file := range append([]string{p.File}, p.Includes...) {
		f, err := os.Open(file)
		if err != nil {
			continue // the loader has reported it
		}
		// The file is read in runs of whole lines, and only a run with a
		// suppression is split into lines: most runs of a large policy
		// have none.
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), model.MaxFileSize+1)
		sc.Split(scanLineRuns)
		line := 1
		for sc.Scan() {
			run := sc.Bytes()
			if !bytes.Contains(run, ignoreMarker) {
				line += bytes.Count(run, newline)
				continue
			}
			for len(run) > 0 {
				text := run
				if end := bytes.IndexByte(run, '\n'); end >= 0 {
					text, run = run[:end], run[end+1:]
				} else {
					run = nil
				}
				if bytes.Contains(text, ignoreMarker) {
					out = append(out, commentSuppressions(file, line, string(bytes.TrimSuffix(text, carriageReturn)))...)
				}
				line++
			}
		}
		f.Close()
	}
	if p.Lint != nil {
		for _, ig := range p.Lint.Ignore {
			if ig != nil {
				out = append(out, &suppression{pos: ig.Pos, rule: ig.Rule, reason: strings.TrimSpace(ig.Reason), path: ig.Path})
			}
		}
	}
	return out
}

var (
	ignoreMarker   = []byte("policyc:ignore")
	newline        = []byte("\n")
	carriageReturn = []byte("\r")
)

// scanLineRuns splits a file into runs of whole lines, each as long as the
// scanner's buffer allows, the last line of the file with or without its
// line break. Like bufio.ScanLines, it fails on a line longer than the
// buffer.
func scanLineRuns(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i+1], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// commentSuppressions returns the suppressions of text, line number line
// of file.
func commentSuppressions(file string, line int, text string) []*suppression {
	m := ignoreComment.FindStringSubmatchIndex(text)
	if m == nil {
		return nil
	}
	col := strings.Index(text[m[0]:], "#") + m[0] + 1
	rules, reason := []string{""}, ""
	if m[2] >= 0 {
		rules = strings.Split(text[m[2]:m[3]], ",") // RULE_A,RULE_B
	}
	if m[4] >= 0 {
		reason = text[m[4]:m[5]]
	}
	var out []*suppression
	for _, r := range rules {
		out = append(out, &suppression{pos: model.Pos{File: file, Line: line, Col: col}, comment: true, rule: r, reason: reason})
	}
	return out
}

// suppress drops the findings that a suppression with a reason covers and
// reports the suppressions without a reason, and those that covered
// nothing although their rule ran.
func suppress(p *model.Policy, diags model.Diagnostics, selected []*Analyzer) model.Diagnostics {
	sups := suppressions(p)
	if len(sups) == 0 {
		return diags
	}
	kept := diags[:0:0]
	for _, d := range diags {
		hidden := false
		for _, s := range sups {
			if s.reason != "" && s.covers(d) {
				s.used, hidden = true, true
			}
		}
		if !hidden {
			kept = append(kept, d)
		}
	}
	ran := func(id string) bool {
		return slices.ContainsFunc(selected, func(a *Analyzer) bool { return a.ID == id })
	}
	report := func(a *Analyzer, pos model.Pos, fix, format string, args ...any) {
		if ran(a.ID) {
			kept = append(kept, model.Diagnostic{Pos: pos, Severity: a.Severity, Rule: a.ID, Fix: fix, Summary: fmt.Sprintf(format, args...)})
		}
	}
	for _, s := range sups {
		switch {
		case s.rule == "":
			report(IgnoreNoReason, s.pos, "write \"# policyc:ignore RULE_ID reason\"", "suppression names no rule")
		case ByID(s.rule) == nil:
			ids := make([]string, len(Analyzers))
			for i, a := range Analyzers {
				ids[i] = a.ID
			}
			fix := "see policyc rules for the rule IDs"
			if m := model.Suggest(s.rule, ids); m != "" {
				fix = fmt.Sprintf("did you mean %s?", m)
			}
			report(IgnoreUnused, s.pos, fix, "suppression of %s: no such rule", s.rule)
		case s.reason == "":
			report(IgnoreNoReason, s.pos, "say why the finding does not apply, after the rule ID",
				"suppression of %s gives no reason", s.rule)
		case !s.used && ran(s.rule):
			report(IgnoreUnused, s.pos, "remove it", "suppression of %s suppresses nothing", s.rule)
		}
	}
	return kept
}
