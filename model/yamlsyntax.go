package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The YAML parser words its errors for people who know YAML's grammar ("found
// character that cannot start any token", "did not find expected ',' or
// '}'"), often without a line, and on the line where the parse gave up
// rather than where the mistake is. syntaxHint reads the source once the
// parser has failed and names the mistakes newcomers make, at the character
// at fault: a tab that indents, a text that needs quotes because of a
// ": ", " #", "?" or "," inside a {…} mapping, a text starting with a
// character YAML reserves, quotes closed early or never, indentation that
// does not line up.

// syntaxHint is a diagnosis of a YAML syntax error: where, what, the fix.
type syntaxHint struct {
	line, col int
	msg, fix  string
}

// diagnoseSyntax returns the first mistake it recognises in src, looking
// first at the line the parser names (and the lines around it), or false.
func diagnoseSyntax(src []byte, parserLine int, parserMsg string) (syntaxHint, bool) {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	for i, l := range lines {
		if col, ok := indentTab(l); ok {
			return syntaxHint{i + 1, col, "a tab indents this line; YAML indents with spaces", "replace the tab with spaces"}, true
		}
	}
	order := make([]int, 0, len(lines))
	if parserLine > 0 {
		for _, n := range []int{parserLine, parserLine + 1, parserLine - 1} {
			if n >= 1 && n <= len(lines) {
				order = append(order, n)
			}
		}
	}
	for n := 1; n <= len(lines); n++ {
		order = append(order, n)
	}
	for _, n := range order {
		if h, ok := lineHint(lines[n-1]); ok {
			h.line = n
			return h, true
		}
	}
	// The parser names the line where it gave up: the mistake may be one
	// or two lines further.
	for n := max(parserLine, 1); n <= min(parserLine+2, len(lines)); n++ {
		if h, ok := indentHint(lines, n, parserMsg); ok {
			return h, true
		}
	}
	return syntaxHint{}, false
}

// indentTab reports the column of a tab in the indentation of l.
func indentTab(l string) (int, bool) {
	for i, r := range l {
		switch r {
		case ' ', '-':
			continue
		case '\t':
			return i + 1, true
		}
		return 0, false
	}
	return 0, false
}

// quoteFix is the fix that quotes text for YAML.
func quoteFix(text string) string {
	text = strings.TrimSpace(text)
	if !strings.Contains(text, `"`) {
		return fmt.Sprintf("quote this text: %q", text)
	}
	return "quote this text: '" + strings.ReplaceAll(text, "'", "''") + "'"
}

// lineHint looks for a mistake in the value of one line.
func lineHint(l string) (syntaxHint, bool) {
	trimmed := strings.TrimLeft(l, " ")
	if trimmed == "" || trimmed[0] == '#' {
		return syntaxHint{}, false
	}
	start := len(l) - len(trimmed)
	for strings.HasPrefix(l[start:], "- ") {
		start += 2
		for start < len(l) && l[start] == ' ' {
			start++
		}
	}
	// The value starts after "key: ", or is the whole item.
	if k := keyEnd(l[start:]); k >= 0 {
		start += k
		for start < len(l) && l[start] == ' ' {
			start++
		}
	}
	return valueHint(l, start, false)
}

// keyEnd returns the offset just after the ":" of a plain key at the start
// of s, or -1.
func keyEnd(s string) int {
	if s == "" || strings.ContainsRune(`"'{[|>&*!%@`+"`", rune(s[0])) {
		return -1
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ':' && (i+1 == len(s) || s[i+1] == ' '):
			return i + 1
		case s[i] == ' ' && i+1 < len(s) && s[i+1] == '#':
			return -1
		}
	}
	return -1
}

// col is the 1-based column of byte offset i of l, counting characters.
func col(l string, i int) int { return utf8.RuneCountInString(l[:i]) + 1 }

// valueHint looks for a mistake in the value starting at byte i of l; flow
// says whether it is inside a {…} or […] collection.
func valueHint(l string, i int, flow bool) (syntaxHint, bool) {
	if i >= len(l) {
		return syntaxHint{}, false
	}
	v := l[i:]
	switch v[0] {
	case '|', '>', '#':
		return syntaxHint{}, false
	case '"':
		end := closingDouble(v)
		if end < 0 {
			return syntaxHint{col: col(l, i), msg: "this quoted text is not closed", fix: `end it with " on the same line`}, true
		}
		return afterQuote(l, i, end, flow)
	case '\'':
		end := closingSingle(v)
		if end < 0 {
			return syntaxHint{col: col(l, i), msg: "this quoted text is not closed", fix: "end it with ' on the same line"}, true
		}
		return afterQuote(l, i, end, flow)
	case '{', '[':
		return flowHint(l, i)
	case '@', '`', '%':
		return syntaxHint{col: col(l, i), msg: fmt.Sprintf(`a text cannot start with "%c" in YAML`, v[0]), fix: quoteFix(plainEnd(v, flow))}, true
	case '*':
		return syntaxHint{col: col(l, i), msg: `a text starting with "*" is read as a reference to an anchor`, fix: quoteFix(plainEnd(v, flow))}, true
	}
	for j := 0; j < len(v); j++ {
		c := v[j]
		next := byte(' ')
		if j+1 < len(v) {
			next = v[j+1]
		}
		switch {
		case c == ':' && (next == ' ' || (flow && (next == ',' || next == '}' || next == ']'))):
			text := plainEnd(v, flow)
			if flow {
				if w := lastWord(v[:j]); w != "" && w != strings.TrimSpace(v[:j]) && (contains(RenderLanguages, w) || idPattern.MatchString(w)) {
					return syntaxHint{col: col(l, i+j-len(w)), msg: fmt.Sprintf("a comma is missing before %q", w+":"),
						fix: fmt.Sprintf("write \", %s:\", or %s", w, quoteFix(text))}, true
				}
			}
			return syntaxHint{col: col(l, i+j), msg: `a colon followed by a space starts a mapping inside this text`, fix: quoteFix(text)}, true
		case flow && c == ' ' && next == '#':
			return syntaxHint{col: col(l, i+j+1), msg: `" #" starts a comment inside {…}, which cuts this text short`, fix: quoteFix(plainEnd(v, true))}, true
		case flow && c == '?':
			return syntaxHint{col: col(l, i+j), msg: `a question mark inside {…} is read as YAML syntax`, fix: quoteFix(plainEnd(v, true))}, true
		case flow && (c == '[' || c == '{'):
			return syntaxHint{col: col(l, i+j), msg: fmt.Sprintf(`"%c" inside {…} opens a collection`, c), fix: quoteFix(plainEnd(v, true))}, true
		case flow && (c == ',' || c == '}' || c == ']'):
			return syntaxHint{}, false
		}
	}
	return syntaxHint{}, false
}

// afterQuote checks what follows a quoted text that ends at v[end].
func afterQuote(l string, i, end int, flow bool) (syntaxHint, bool) {
	rest := l[i+end+1:]
	trimmed := strings.TrimLeft(rest, " ")
	if trimmed == "" || trimmed[0] == '#' || (flow && strings.ContainsRune(",}]:", rune(trimmed[0]))) || (!flow && trimmed[0] == ':') {
		return syntaxHint{}, false
	}
	at := i + end + 1 + len(rest) - len(trimmed)
	whole := plainEnd(l[i:], flow)
	if l[i] == '\'' {
		return syntaxHint{col: col(l, i+end), msg: "this apostrophe ends the text quoted with '",
			fix: fmt.Sprintf("write the apostrophe twice (''), or quote with double quotes: %q", whole)}, true
	}
	return syntaxHint{col: col(l, at), msg: "text follows the closing quote", fix: quoteFix(whole)}, true
}

// closingDouble returns the offset of the quote ending the double-quoted
// text at the start of v, or -1.
func closingDouble(v string) int {
	for j := 1; j < len(v); j++ {
		switch v[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// closingSingle returns the offset of the quote ending the single-quoted
// text at the start of v (” is a quote inside it), or -1.
func closingSingle(v string) int {
	for j := 1; j < len(v); j++ {
		if v[j] == '\'' {
			if j+1 < len(v) && v[j+1] == '\'' {
				j++
				continue
			}
			return j
		}
	}
	return -1
}

// plainEnd is the text of a value as the writer meant it: to the end of the
// line, or inside {…} to the next ", <key>:" or the closing brace.
func plainEnd(v string, flow bool) string {
	if !flow {
		return strings.TrimSpace(v)
	}
	end := len(v)
	for j := 0; j < len(v); j++ {
		if v[j] == ',' {
			if k := keyEnd(strings.TrimLeft(v[j+1:], " ")); k >= 0 {
				end = j
				break
			}
		}
	}
	s := strings.TrimSpace(v[:end])
	if end == len(v) {
		s = strings.TrimRight(s, " }]")
	}
	return s
}

// lastWord is the word just before the end of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	i := strings.LastIndexAny(s, " ,")
	return s[i+1:]
}

// flowHint checks a {…} or […] collection starting at byte i of l: each
// entry's value, empty entries, and text after the closing bracket.
func flowHint(l string, i int) (syntaxHint, bool) {
	depth, j := 0, i
	expectValue, afterKey := true, false
	for j < len(l) {
		c := l[j]
		switch {
		case c == '{' || c == '[':
			depth++
			j++
			expectValue, afterKey = true, false
		case c == '}' || c == ']':
			depth--
			j++
			if depth == 0 {
				rest := strings.TrimLeft(l[j:], " ")
				if rest != "" && rest[0] != '#' && rest[0] != ',' {
					what := map[byte]string{'{': "mapping", '[': "list"}[l[i]]
					return syntaxHint{col: col(l, i), msg: fmt.Sprintf(`a text starting with "%c" is read as a %s`, l[i], what),
						fix: quoteFix(l[i:])}, true
				}
				return syntaxHint{}, false
			}
		case c == ',':
			if expectValue {
				if k := strings.TrimRight(l[:j], " "); strings.HasSuffix(k, ",") {
					return syntaxHint{col: col(l, j), msg: "two commas in a row", fix: "remove one comma"}, true
				}
			}
			// A comma followed by words and no colon, inside a mapping,
			// split a text in two.
			rest := l[j+1:]
			trimmed := strings.TrimLeft(rest, " ")
			if depth > 0 && l[i] == '{' && trimmed != "" && !strings.ContainsRune("{[\"'", rune(trimmed[0])) && keyEnd(trimmed) < 0 {
				piece := trimmed
				if e := strings.IndexAny(piece, ",}"); e >= 0 {
					piece = piece[:e]
				}
				if strings.Contains(strings.TrimSpace(piece), " ") {
					return syntaxHint{col: col(l, j), msg: "a comma inside {…} ends this text", fix: "put the whole text in quotes"}, true
				}
			}
			j++
			expectValue, afterKey = true, false
		case c == ' ':
			j++
		default:
			// A key (a word and a colon, where an entry starts) or a value.
			if m := flowKey.FindString(l[j:]); m != "" && !afterKey {
				j += len(m)
				expectValue, afterKey = true, true
				continue
			}
			if h, ok := valueHint(l, j, true); ok {
				return h, true
			}
			// Skip to the end of the value.
			switch l[j] {
			case '"':
				if e := closingDouble(l[j:]); e >= 0 {
					j += e + 1
				} else {
					return syntaxHint{}, false
				}
			case '\'':
				if e := closingSingle(l[j:]); e >= 0 {
					j += e + 1
				} else {
					return syntaxHint{}, false
				}
			default:
				for j < len(l) && !strings.ContainsRune(",}]", rune(l[j])) {
					j++
				}
			}
			expectValue, afterKey = false, false
		}
	}
	return syntaxHint{}, false
}

// flowKey is a key of the format inside {…}: one word and a colon.
var flowKey = regexp.MustCompile(`^[A-Za-z0-9_-]+:(?: |$)`)

// indentHint explains an indentation the parser stopped at: a key without
// its colon above, a line indented deeper than the keys beside it, or the
// keys of a list item not lined up after "- ".
func indentHint(lines []string, n int, parserMsg string) (syntaxHint, bool) {
	cur := lines[n-1]
	prev, p := "", n-1
	for p >= 1 {
		if t := strings.TrimSpace(lines[p-1]); t != "" && t[0] != '#' {
			prev = lines[p-1]
			break
		}
		p--
	}
	if prev == "" {
		return syntaxHint{}, false
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	pt := strings.TrimSpace(prev)
	if strings.Contains(parserMsg, "mapping values are not allowed") && !strings.Contains(pt, ":") && !strings.HasPrefix(pt, "-") &&
		indent(cur) > indent(prev) {
		return syntaxHint{line: p, col: col(prev, len(strings.TrimRight(prev, " "))), msg: fmt.Sprintf("the key %q has no colon", pt),
			fix: fmt.Sprintf("write %q", pt+":")}, true
	}
	if strings.HasPrefix(pt, "- ") && keyEnd(strings.TrimLeft(pt[2:], " ")) >= 0 {
		want := indent(prev) + 2 + (len(pt[2:]) - len(strings.TrimLeft(pt[2:], " ")))
		if got := indent(cur); got != want && !strings.HasPrefix(strings.TrimSpace(cur), "- ") {
			return syntaxHint{line: n, col: got + 1, msg: fmt.Sprintf("this key is indented %d spaces; the keys of the list item above start at column %d", got, want+1),
				fix: fmt.Sprintf("indent it by %d spaces", want)}, true
		}
	}
	if indent(cur) > indent(prev) && !strings.HasSuffix(pt, ":") && keyEnd(strings.TrimSpace(cur)) >= 0 {
		return syntaxHint{line: n, col: indent(cur) + 1, msg: "this line is indented deeper than the line above, which holds a value, not a mapping",
			fix: fmt.Sprintf("indent it by %d spaces, as the line above", indent(prev))}, true
	}
	return syntaxHint{}, false
}
