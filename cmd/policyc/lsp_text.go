package main

import (
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/policyc/policyc/model"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// The language server reads the buffer's text itself where the YAML may be
// half-typed and not parse: the position of the cursor in the key tree, the
// scalar under it, and the end of a value a diagnostic starts at. Lines and
// columns of the model count runes from 1; LSP counts UTF-16 units from 0.

// utf16Col converts a rune index in line to UTF-16 units.
func utf16Col(line []rune, runes int) protocol.UInteger {
	runes = min(max(runes, 0), len(line))
	return protocol.UInteger(len(utf16.Encode(line[:runes])))
}

// runeCol converts UTF-16 units in line to a rune index.
func runeCol(line []rune, units protocol.UInteger) int {
	n := 0
	for i, r := range line {
		if protocol.UInteger(n) >= units {
			return i
		}
		n += utf16.RuneLen(r)
	}
	return len(line)
}

func lineAt(lines []string, i int) []rune {
	if i < 0 || i >= len(lines) {
		return nil
	}
	return []rune(strings.TrimSuffix(lines[i], "\r"))
}

// diagnosticRange is the range of a finding from pos to end; without an end,
// to the end of the value or key that starts at pos.
func diagnosticRange(lines []string, pos, end model.Pos) protocol.Range {
	if pos.Line <= 0 {
		return protocol.Range{}
	}
	line := lineAt(lines, pos.Line-1)
	startLine := protocol.UInteger(pos.Line - 1)
	if pos.Col <= 0 {
		return protocol.Range{Start: protocol.Position{Line: startLine}, End: protocol.Position{Line: startLine, Character: utf16Col(line, len(line))}}
	}
	start := protocol.Position{Line: startLine, Character: utf16Col(line, pos.Col-1)}
	if end.Line > 0 && end.Col > 0 {
		return protocol.Range{Start: start, End: protocol.Position{Line: protocol.UInteger(end.Line - 1), Character: utf16Col(lineAt(lines, end.Line-1), end.Col-1)}}
	}
	return protocol.Range{Start: start, End: protocol.Position{Line: startLine, Character: utf16Col(line, valueEnd(line, pos.Col-1))}}
}

// valueEnd returns the rune index just after the scalar, key, or bracketed
// value starting at col.
func valueEnd(line []rune, col int) int {
	if col >= len(line) {
		return len(line)
	}
	switch c := line[col]; c {
	case '"', '\'':
		for i := col + 1; i < len(line); i++ {
			if line[i] == '\\' && c == '"' {
				i++
				continue
			}
			if line[i] == c {
				return i + 1
			}
		}
		return len(line)
	case '[', '{':
		depth := 0
		for i := col; i < len(line); i++ {
			switch line[i] {
			case '[', '{':
				depth++
			case ']', '}':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return len(line)
	}
	flow := openBrackets(line[:col]) > 0
	end := col
	for i := col; i < len(line); i++ {
		r := line[i]
		if flow && (r == ',' || r == ']' || r == '}') {
			break
		}
		if r == ':' && (i+1 == len(line) || line[i+1] == ' ') {
			break
		}
		if r == '#' && i > col && line[i-1] == ' ' {
			break
		}
		end = i + 1
	}
	for end > col && line[end-1] == ' ' {
		end--
	}
	if end == col {
		return len(line)
	}
	return end
}

// openBrackets counts the brackets opened and not closed in s, outside
// quotes.
func openBrackets(s []rune) int {
	n := 0
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case opensQuote(s, i):
			quote = r
		case r == '[' || r == '{':
			n++
		case r == ']' || r == '}':
			n--
		}
	}
	return n
}

func rangeText(lines []string, r protocol.Range) string {
	if r.Start.Line != r.End.Line {
		return ""
	}
	line := lineAt(lines, int(r.Start.Line))
	a, b := runeCol(line, r.Start.Character), runeCol(line, r.End.Character)
	if a >= b {
		return ""
	}
	return string(line[a:b])
}

// token is the scalar under the cursor, without quotes.
type token struct {
	text string
	rng  protocol.Range
}

func tokenAt(lines []string, pos protocol.Position) (token, bool) {
	line := lineAt(lines, int(pos.Line))
	col := runeCol(line, pos.Character)
	start := 0
	for i := min(col, len(line)) - 1; i >= 0; i-- {
		r := line[i]
		if r == '[' || r == '{' || r == ',' {
			start = i + 1
			break
		}
		if r == ':' && i+1 < len(line) && line[i+1] == ' ' {
			start = i + 2
			break
		}
		if r == '#' && (i == 0 || line[i-1] == ' ') {
			start = i + 1
			break
		}
	}
	for start < len(line) && (line[start] == ' ' || line[start] == '-' && start+1 < len(line) && line[start+1] == ' ') {
		start++
	}
	end := len(line)
	for i := max(col, start); i < len(line); i++ {
		r := line[i]
		if r == ',' || r == ']' || r == '}' || (r == ':' && (i+1 == len(line) || line[i+1] == ' ')) || (r == '#' && i > 0 && line[i-1] == ' ') {
			end = i
			break
		}
	}
	for end > start && line[end-1] == ' ' {
		end--
	}
	if end > start+1 && (line[start] == '"' || line[start] == '\'') && line[end-1] == line[start] {
		start, end = start+1, end-1
	}
	if start >= end || col < start || col > end {
		return token{}, false
	}
	l := pos.Line
	return token{text: string(line[start:end]), rng: protocol.Range{
		Start: protocol.Position{Line: l, Character: utf16Col(line, start)},
		End:   protocol.Position{Line: l, Character: utf16Col(line, end)},
	}}, true
}

// yamlContext is where the cursor is in the key tree: path are the keys of
// the mappings around it, from the top; key is the key whose value the
// cursor is in, or "" where a key is being written (keyPosition).
type yamlContext struct {
	path        []string
	key         string
	keyPosition bool
}

var (
	keyLine  = regexp.MustCompile(`^(\s*(?:- +)*)([A-Za-z0-9_-]+):(?:\s+(.*))?$`)
	itemLine = regexp.MustCompile(`^(\s*(?:- +)*)([A-Za-z0-9_-]*)$`)
)

// parents returns the keys of the block mappings enclosing a key at column
// indent on line i.
func parents(lines []string, i, indent int) []string {
	var path []string
	for j := i - 1; j >= 0 && indent > 0; j-- {
		line := string(lineAt(lines, j))
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		m := keyLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if col := len([]rune(m[1])); col < indent {
			path = append([]string{m[2]}, path...)
			indent = col
			if lead := len(line) - len(strings.TrimLeft(line, " ")); lead < indent {
				indent = lead // a "- key:" line: its list belongs to the key above the dash
			}
		}
	}
	return path
}

func contextAt(lines []string, pos protocol.Position) yamlContext {
	line := lineAt(lines, int(pos.Line))
	before := string(line[:runeCol(line, pos.Character)])
	if m := itemLine.FindStringSubmatch(before); m != nil {
		return yamlContext{path: parents(lines, int(pos.Line), len([]rune(m[1]))), keyPosition: true}
	}
	// Inside a flow mapping or list on this line.
	if runes := []rune(before); openBrackets(runes) > 0 {
		return flowContext(lines, pos, runes)
	}
	if m := keyLine.FindStringSubmatch(before); m != nil {
		return yamlContext{path: parents(lines, int(pos.Line), len([]rune(m[1]))), key: m[2]}
	}
	return yamlContext{path: parents(lines, int(pos.Line), len(before)-len(strings.TrimLeft(before, " ")))}
}

// flowContext reads the brackets open before the cursor: each belongs to
// the key written before it, if any.
func flowContext(lines []string, pos protocol.Position, before []rune) yamlContext {
	indent := len(before) - len([]rune(strings.TrimLeft(string(before), " -")))
	path := parents(lines, int(pos.Line), indent)
	open := openFlows(before[indent:])
	innermost := open[len(open)-1]
	for _, f := range open[:len(open)-1] {
		if f.key != "" {
			path = append(path, f.key)
		}
	}
	if innermost.bracket == '[' {
		return yamlContext{path: path, key: innermost.key}
	}
	if innermost.key != "" {
		path = append(path, innermost.key)
	}
	inner := innermost.rest
	if k, _, ok := strings.Cut(inner, ": "); ok {
		return yamlContext{path: path, key: strings.TrimSpace(k)}
	}
	return yamlContext{path: path, keyPosition: true}
}

// flow is a bracket open before the cursor: the key it is the value of, and
// the text of its current entry.
type flow struct {
	bracket rune
	key     string
	rest    string
}

// openFlows returns the brackets open in s, outermost first.
func openFlows(s []rune) []flow {
	var stack []flow
	key := ""
	var quote rune
	entry := 0
	for i := 0; i < len(s); i++ {
		r := s[i]
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case opensQuote(s, i):
			quote = r
		case r == '{' || r == '[':
			stack = append(stack, flow{bracket: r, key: key})
			key, entry = "", i+1
		case r == '}' || r == ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			key = ""
		case r == ':' && (i+1 == len(s) || s[i+1] == ' '):
			j := i - 1
			for j >= 0 && (s[j] == '-' || s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j--
			}
			key = string(s[j+1 : i])
		case r == ',':
			key, entry = "", i+1
		}
	}
	if len(stack) == 0 {
		return []flow{{bracket: '{'}}
	}
	stack[len(stack)-1].rest = strings.TrimLeft(string(s[min(entry, len(s)):]), " ")
	return stack
}

// opensQuote reports whether s[i] starts a quoted scalar: a quote where a
// value begins, not the apostrophe of "d'audience".
func opensQuote(s []rune, i int) bool {
	if s[i] != '"' && s[i] != '\'' {
		return false
	}
	return i == 0 || strings.ContainsRune(" {[,:", s[i-1])
}

// wordAt returns the upper-case word under the cursor, as rule IDs are
// written in comments and settings.
func wordAt(lines []string, pos protocol.Position) (string, protocol.Range, bool) {
	line := lineAt(lines, int(pos.Line))
	col := runeCol(line, pos.Character)
	isWord := func(r rune) bool { return r == '_' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' }
	start, end := col, col
	for start > 0 && isWord(line[start-1]) {
		start--
	}
	for end < len(line) && isWord(line[end]) {
		end++
	}
	if start == end {
		return "", protocol.Range{}, false
	}
	return string(line[start:end]), protocol.Range{
		Start: protocol.Position{Line: pos.Line, Character: utf16Col(line, start)},
		End:   protocol.Position{Line: pos.Line, Character: utf16Col(line, end)},
	}, true
}
