package model

import (
	"bytes"
	"os"
	"unicode/utf8"
)

// scalarEnd returns where the one-line YAML scalar that starts at line:col
// of src ends: the line and column just after it. ok is false where the end
// cannot be told for sure (a block scalar, a mapping, a plain scalar that
// may continue on the next line or inside a flow collection), so that a
// range is given only where it is exact. Columns count characters, as the
// YAML parser's do.
func scalarEnd(src []byte, line, col int) (endLine, endCol int, ok bool) {
	text, found := lineOf(src, line)
	if !found || col < 1 {
		return 0, 0, false
	}
	start := byteOffset(text, col)
	if start < 0 || start >= len(text) {
		return 0, 0, false
	}
	rest := text[start:]
	switch rest[0] {
	case '"', '\'':
		end := closingQuote(rest)
		if end < 0 {
			return 0, 0, false
		}
		return line, col + utf8.RuneCount(rest[:end+1]), true
	case '|', '>', '{', '[', '&', '*', '!', '-', '?':
		return 0, 0, false
	}
	if bytes.ContainsAny(text[:start], "[{") {
		return 0, 0, false // inside a flow collection, where ", ] }" end it
	}
	if next, found := lineOf(src, line+1); found && continues(text, next) {
		return 0, 0, false
	}
	if i := bytes.Index(rest, []byte(" #")); i >= 0 {
		rest = rest[:i]
	}
	// A key ends at its colon; a plain value cannot hold ": ".
	if i := bytes.Index(rest, []byte(": ")); i >= 0 {
		rest = rest[:i]
	}
	rest = bytes.TrimSuffix(bytes.TrimRight(rest, " \t\r"), []byte(":"))
	rest = bytes.TrimRight(rest, " \t\r")
	if len(rest) == 0 {
		return 0, 0, false
	}
	return line, col + utf8.RuneCount(rest), true
}

// lineOf returns line n (from 1) of src without its line break.
func lineOf(src []byte, n int) ([]byte, bool) {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return nil, false
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return src, true
}

// byteOffset turns a column (characters, from 1) into a byte offset.
func byteOffset(text []byte, col int) int {
	off := 0
	for c := 1; c < col; c++ {
		if off >= len(text) {
			return -1
		}
		_, size := utf8.DecodeRune(text[off:])
		off += size
	}
	return off
}

// closingQuote returns the offset of the quote that closes the quoted
// scalar at the start of s, or -1 when it is not on this line.
func closingQuote(s []byte) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// continues reports whether next, more indented than text and not a key or
// an item of its own, continues a plain scalar started on text.
func continues(text, next []byte) bool {
	trimmed := bytes.TrimLeft(next, " ")
	if len(trimmed) == 0 || trimmed[0] == '#' {
		return false
	}
	indent := len(text) - len(bytes.TrimLeft(text, " -"))
	return len(next)-len(trimmed) > indent && !bytes.Contains(trimmed, []byte(": ")) && !bytes.HasPrefix(trimmed, []byte("- "))
}

// WithRanges returns the findings with the end of the value each points at,
// where it can be told from the source.
func (ds Diagnostics) WithRanges() Diagnostics {
	out := make(Diagnostics, len(ds))
	sources := map[string][]byte{}
	for i, d := range ds {
		out[i] = d
		if d.Pos.Line == 0 {
			continue
		}
		src, read := sources[d.Pos.File]
		if !read {
			src, _ = os.ReadFile(d.Pos.File)
			if len(src) > MaxFileSize {
				src = nil
			}
			sources[d.Pos.File] = src
		}
		if line, col, ok := scalarEnd(src, d.Pos.Line, d.Pos.Col); ok {
			out[i].End = Pos{File: d.Pos.File, Line: line, Col: col}
		}
	}
	return out
}
