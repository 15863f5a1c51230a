package model

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Pos is a position in a source file; Line and Col start at 1, and 0 means
// the whole file.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// IsValid reports whether the position names a file.
func (p Pos) IsValid() bool { return p.File != "" }

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	Error Severity = iota
	Warning
	// Info is a finding that asks for no change by itself, such as a
	// declared cookie an audit did not see: the visit may just not have
	// reached the page that sets it.
	Info
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "error"
}

// MarshalText writes the severity as "error", "warning" or "info".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Rule is a kind of finding: a stable ID that tools and tests rely on, and a
// one-line description.
type Rule struct {
	ID  string
	Doc string
}

// Diagnostic is one finding, pointing at the value it is about: from Pos
// to End, when its end is known.
type Diagnostic struct {
	Pos      Pos
	End      Pos
	Severity Severity
	Rule     string
	Summary  string
	Fix      string // how to fix it, when that can be told
	// Path is the stable path of the item the finding is about
	// ("processing.billing"), when a rule knows it; suppressions match it.
	Path string
}

// Message is the summary followed by the fix.
func (d Diagnostic) Message() string {
	if d.Fix == "" {
		return d.Summary
	}
	return d.Summary + "; " + d.Fix
}

// Diagnostics collects findings.
type Diagnostics []Diagnostic

// Add records a finding of rule at pos.
func (ds *Diagnostics) Add(pos Pos, sev Severity, rule Rule, fix, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: sev, Rule: rule.ID, Summary: fmt.Sprintf(format, args...), Fix: fix})
}

// Errorf records an error of rule at pos.
func (ds *Diagnostics) Errorf(pos Pos, rule Rule, fix, format string, args ...any) {
	ds.Add(pos, Error, rule, fix, format, args...)
}

// Warnf records a warning of rule at pos.
func (ds *Diagnostics) Warnf(pos Pos, rule Rule, fix, format string, args ...any) {
	ds.Add(pos, Warning, rule, fix, format, args...)
}

// AddValueError records err at pos, keeping the fix a ValueError carries.
func (ds *Diagnostics) AddValueError(pos Pos, rule Rule, err error) {
	if ve, ok := err.(*ValueError); ok {
		ds.Errorf(pos, rule, ve.Fix, "%s", ve.Msg)
		return
	}
	ds.Errorf(pos, rule, "", "%s", err.Error())
}

// HasErrors reports whether any finding is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of findings of severity sev.
func (ds Diagnostics) Count(sev Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// Sorted returns the findings ordered by file, line, column and message,
// without repeats.
func (ds Diagnostics) Sorted() Diagnostics {
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message(), b.Message()),
		)
	})
	return slices.Compact(out)
}

// DisplayPath returns path relative to the working directory when it lies
// below it, so that output does not depend on where the tree is checked out.
func DisplayPath(path string) string {
	if !filepath.IsAbs(path) {
		return filepath.ToSlash(path)
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(path)
}

// Printable returns s with every control character and every character
// that reorders text (bidirectional overrides and isolates) written as an
// escape such as \x1b or \u202e: a value quoted from YAML must not move the
// cursor, clear a reviewer's screen or make a line read otherwise than it
// is, in a terminal or any tool that shows the output.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unprintable(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unprintable(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0: // C0, DEL, C1
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, // bidi marks, embeddings, overrides, isolates
		r == 0x2028, r == 0x2029, r == 0xfeff:
		return true
	}
	return false
}

// WriteText prints findings one per line:
// path:line:col: severity: message [RULE_ID].
func WriteText(w io.Writer, ds Diagnostics) error {
	for _, d := range ds.Sorted() {
		pos := d.Pos
		pos.File = DisplayPath(pos.File)
		if _, err := fmt.Fprintf(w, "%s: %s: %s [%s]\n", Printable(pos.String()), d.Severity, Printable(d.Message()), d.Rule); err != nil {
			return err
		}
	}
	return nil
}

// jsonDiagnostic is the documented JSON shape of one finding.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	EndLine  int    `json:"endLine,omitempty"`
	EndCol   int    `json:"endCol,omitempty"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"`
}

// DiagnosticsSchema names the JSON shape of WriteJSON, for tools to check.
const DiagnosticsSchema = "policyc-diagnostics/v1"

// WriteJSON prints findings as {"schema": "policyc-diagnostics/v1",
// "diagnostics": [...], "errors": n, "warnings": n, "infos": n}; "infos" is
// left out when there are none, as check never has them. endLine and
// endCol, where given, are just after the offending value. Texts are
// Printable.
func WriteJSON(w io.Writer, ds Diagnostics) error {
	sorted := ds.Sorted().WithRanges()
	out := struct {
		Schema      string           `json:"schema"`
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Errors      int              `json:"errors"`
		Warnings    int              `json:"warnings"`
		Infos       int              `json:"infos,omitempty"`
	}{Schema: DiagnosticsSchema, Diagnostics: []jsonDiagnostic{}, Errors: sorted.Count(Error), Warnings: sorted.Count(Warning), Infos: sorted.Count(Info)}
	for _, d := range sorted {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			File: Printable(DisplayPath(d.Pos.File)), Line: d.Pos.Line, Col: d.Pos.Col, EndLine: d.End.Line, EndCol: d.End.Col,
			Severity: d.Severity.String(), Rule: d.Rule, Message: Printable(d.Summary), Fix: Printable(d.Fix),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
