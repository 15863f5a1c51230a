package model

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as "error" or "warning".
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

// WriteText prints findings one per line:
// path:line:col: severity: message [RULE_ID].
func WriteText(w io.Writer, ds Diagnostics) error {
	for _, d := range ds.Sorted() {
		pos := d.Pos
		pos.File = DisplayPath(pos.File)
		if _, err := fmt.Fprintf(w, "%s: %s: %s [%s]\n", pos, d.Severity, d.Message(), d.Rule); err != nil {
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

// WriteJSON prints findings as {"diagnostics": [...], "errors": n, "warnings": n};
// endLine and endCol, where given, are just after the offending value.
func WriteJSON(w io.Writer, ds Diagnostics) error {
	sorted := ds.Sorted().WithRanges()
	out := struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Errors      int              `json:"errors"`
		Warnings    int              `json:"warnings"`
	}{Diagnostics: []jsonDiagnostic{}, Errors: sorted.Count(Error), Warnings: sorted.Count(Warning)}
	for _, d := range sorted {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			File: DisplayPath(d.Pos.File), Line: d.Pos.Line, Col: d.Pos.Col, EndLine: d.End.Line, EndCol: d.End.Col,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Summary, Fix: d.Fix,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
