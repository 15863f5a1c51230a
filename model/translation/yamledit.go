package translation

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyc/policyc/model"
	"go.yaml.in/yaml/v3"
)

// TextEdit sets one language of a localized text.
type TextEdit struct {
	Text  model.Text // the localized text, for its positions
	Lang  string
	Value string
}

// foldWidth is the line width folded block scalars are wrapped at.
const foldWidth = 80

// EditYAML returns src with the edits applied. Only the bytes of the edited
// values change, or a "lang: value" entry is added after the text's last
// language: comments, key order, quoting and line breaks of everything else
// stay byte for byte as they were. A value keeps the style it was written
// in where it can hold the new text. The result is parsed again and must
// hold the same tree as src but for the edited values; otherwise nothing is
// returned but the error.
func EditYAML(src []byte, edits []TextEdit) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("cannot parse the file: %v", err)
	}
	e := &yamlEditor{src: src, lines: lineStarts(src), changed: map[*yaml.Node]bool{}, inserts: map[*yaml.Node]insertion{},
		mappings: mappingsByStart(&doc)}
	if bytes.Contains(src, []byte("\r\n")) {
		e.newline = "\r\n"
	} else {
		e.newline = "\n"
	}
	var splices []splice
	for _, ed := range edits {
		s, err := e.edit(ed)
		if err != nil {
			return nil, err
		}
		splices = append(splices, s)
	}
	slices.SortStableFunc(splices, func(a, b splice) int { return a.start - b.start })
	var merged []splice
	for _, s := range splices {
		n := len(merged)
		switch {
		case n > 0 && s.start == s.end && merged[n-1].start == s.start && merged[n-1].end == s.start:
			merged[n-1].text += s.text // two languages added to one text
		case n > 0 && s.start < merged[n-1].end || n > 0 && s.start == merged[n-1].start:
			return nil, fmt.Errorf("two edits of the same text at line %d", s.line)
		default:
			merged = append(merged, s)
		}
	}
	// One pass over the file: an import of thousands of texts must not
	// copy the file once per text.
	size := len(src)
	for _, s := range merged {
		size += len(s.text) + strings.Count(s.text, "\n")*(len(e.newline)-1) - (s.end - s.start)
	}
	out := make([]byte, 0, size)
	prev := 0
	for _, s := range merged {
		out = append(out, src[prev:s.start]...)
		out = append(out, strings.ReplaceAll(s.text, "\n", e.newline)...)
		prev = s.end
	}
	out = append(out, src[prev:]...)
	var got yaml.Node
	if err := yaml.Unmarshal(out, &got); err != nil {
		return nil, fmt.Errorf("the edited file would not parse (%v)", err)
	}
	if err := e.same(&doc, &got); err != nil {
		return nil, fmt.Errorf("the edited file would not hold the same policy (%v)", err)
	}
	if !slices.Equal(commentLines(&doc), commentLines(&got)) {
		return nil, fmt.Errorf("the edit would change the comments of the file")
	}
	return out, nil
}

type splice struct {
	start, end int // the byte range replaced
	text       string
	line       int
}

type yamlEditor struct {
	src     []byte
	lines   []int // byte offset of each line's start
	newline string
	// changed are the nodes of the original tree given new values or added,
	// which the check of the result expects to differ.
	changed map[*yaml.Node]bool
	inserts map[*yaml.Node]insertion // by localized text
	// mappings are the mapping nodes of the original tree by where they
	// start, so that each edit finds its text without a walk of the tree.
	mappings map[[2]int]*yaml.Node
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset converts a yaml.Node position (line, and column in characters,
// both from 1) to a byte offset.
func (e *yamlEditor) offset(line, col int) (int, bool) {
	if line < 1 || line > len(e.lines) {
		return 0, false
	}
	off := e.lines[line-1]
	for c := 1; c < col; c++ {
		if off >= len(e.src) || e.src[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(e.src[off:])
		off += size
	}
	return off, true
}

// lineEnd is the offset of the line break ending the line at off, or the end
// of the file.
func (e *yamlEditor) lineEnd(off int) int {
	if i := bytes.IndexByte(e.src[off:], '\n'); i >= 0 {
		end := off + i
		if end > 0 && e.src[end-1] == '\r' {
			end--
		}
		return end
	}
	return len(e.src)
}

func (e *yamlEditor) edit(ed TextEdit) (splice, error) {
	at := ed.Text.Pos
	m := e.mappings[[2]int{at.Line, at.Col}]
	if m == nil {
		return splice{}, fmt.Errorf("no localized text at line %d, column %d: was the file changed meanwhile?", at.Line, at.Col)
	}
	flow := m.Style&yaml.FlowStyle != 0
	keyIndent := 0
	if len(m.Content) > 0 {
		keyIndent = m.Content[0].Column - 1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value != ed.Lang {
			continue
		}
		if v.Kind == yaml.AliasNode {
			return splice{}, fmt.Errorf("the %s text at line %d is an alias (*%s) shared with other texts; replace the alias by a text first", ed.Lang, v.Line, v.Value)
		}
		if v.Kind != yaml.ScalarNode {
			return splice{}, fmt.Errorf("the %s text at line %d is not text", ed.Lang, v.Line)
		}
		span, err := e.scalarRange(v, flow, keyIndent)
		if err != nil {
			return splice{}, err
		}
		text, err := renderScalar(ed.Value, v.Style, flow, keyIndent, span.indent)
		if err != nil {
			return splice{}, err
		}
		if span.comment != "" {
			// The comment on a block scalar's indicator line stays on the
			// first line of the new value.
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				text = text[:i] + span.comment + text[i:]
			} else {
				text += span.comment
			}
		}
		e.changed[v] = true
		v.Value, v.Tag = ed.Value, "!!str"
		return splice{start: span.start, end: span.end, text: text, line: v.Line}, nil
	}
	if len(m.Content) == 0 {
		return splice{}, fmt.Errorf("the localized text at line %d is empty; add the %s text by hand", at.Line, ed.Lang)
	}
	// The language is absent: add it after the last one, in the style of
	// that one.
	ins, ok := e.inserts[m]
	if !ok {
		var err error
		if ins, err = e.insertPoint(m, flow, keyIndent); err != nil {
			return splice{}, err
		}
		e.inserts[m] = ins
	}
	text, err := renderScalar(ed.Value, ins.style, flow, keyIndent, ins.indent)
	if err != nil {
		return splice{}, err
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ed.Lang}
	val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ed.Value}
	m.Content = append(m.Content, key, val)
	e.changed[key], e.changed[val] = true, true
	if flow {
		return splice{start: ins.at, end: ins.at, text: ", " + ed.Lang + ": " + text, line: ins.line}, nil
	}
	return splice{start: ins.at, end: ins.at, text: "\n" + strings.Repeat(" ", keyIndent) + ed.Lang + ": " + text, line: ins.line}, nil
}

// insertion is where languages are added to a localized text.
type insertion struct {
	at, line int
	style    yaml.Style // the style of the last value, which added ones follow
	indent   int        // the content indentation of the last value, when a block
}

func (e *yamlEditor) insertPoint(m *yaml.Node, flow bool, keyIndent int) (insertion, error) {
	last := m.Content[len(m.Content)-1]
	ins := insertion{line: last.Line, style: last.Style}
	if last.Kind == yaml.ScalarNode {
		span, err := e.scalarRange(last, flow, keyIndent)
		if err != nil {
			return ins, err
		}
		ins.at, ins.indent = span.end, span.indent
	} else {
		off, ok := e.offset(last.Line, last.Column)
		if !ok {
			return ins, fmt.Errorf("line %d is outside the file", last.Line)
		}
		ins.at, ins.style = off+1+len(last.Value), 0
	}
	if !flow {
		// After any comment on the line of the last value.
		ins.at = e.lineEnd(ins.at)
	}
	return ins, nil
}

// mappingsByStart indexes the mapping nodes under n by line and column;
// where two start at one place, the first in document order is kept.
func mappingsByStart(n *yaml.Node) map[[2]int]*yaml.Node {
	index := map[[2]int]*yaml.Node{}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if k := [2]int{n.Line, n.Column}; n.Kind == yaml.MappingNode && index[k] == nil {
			index[k] = n
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return index
}

// scalarSpan is where a scalar is written.
type scalarSpan struct {
	start, end int    // its bytes, from the first character after any anchor or tag to the last
	indent     int    // the indentation of a block scalar's content
	comment    string // a comment on a block scalar's indicator line, with the space before it
}

// scalarRange finds the bytes of scalar v. keyIndent is the indentation of
// the mapping holding v.
func (e *yamlEditor) scalarRange(v *yaml.Node, flow bool, keyIndent int) (scalarSpan, error) {
	start, ok := e.offset(v.Line, v.Column)
	if !ok {
		return scalarSpan{}, fmt.Errorf("line %d is outside the file", v.Line)
	}
	src := e.src
	// Anchors and tags come before the value and stay.
	for start < len(src) && (src[start] == '&' || src[start] == '!') {
		for start < len(src) && !isSpace(src[start]) && src[start] != '\n' {
			start++
		}
		for start < len(src) && isSpace(src[start]) {
			start++
		}
	}
	if start >= len(src) {
		return scalarSpan{}, fmt.Errorf("the value at line %d is cut off", v.Line)
	}
	switch src[start] {
	case '"':
		for i := start + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return scalarSpan{start: start, end: i + 1}, nil
			}
		}
		return scalarSpan{}, fmt.Errorf("unterminated quoted value at line %d", v.Line)
	case '\'':
		for i := start + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return scalarSpan{start: start, end: i + 1}, nil
			}
		}
		return scalarSpan{}, fmt.Errorf("unterminated quoted value at line %d", v.Line)
	case '|', '>':
		if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return e.blockSpan(start, keyIndent), nil
		}
	}
	end := e.plainEnd(start, flow, keyIndent)
	if strings.Join(strings.Fields(string(src[start:end])), " ") != strings.Join(strings.Fields(v.Value), " ") {
		return scalarSpan{}, fmt.Errorf("cannot find the end of the value at line %d", v.Line)
	}
	return scalarSpan{start: start, end: end}, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// indentOf returns the number of leading spaces of the line starting at
// off, and whether the line is blank.
func (e *yamlEditor) indentOf(off int) (int, bool) {
	n := 0
	for off+n < len(e.src) && e.src[off+n] == ' ' {
		n++
	}
	rest := off + n
	blank := rest >= len(e.src) || e.src[rest] == '\n' || e.src[rest] == '\r'
	return n, blank
}

// blockSpan finds the block scalar whose indicator is at start: it ends
// with its last non-blank content line.
func (e *yamlEditor) blockSpan(start, keyIndent int) scalarSpan {
	src := e.src
	end, indent := start+1, 0
	for end < len(src) && (src[end] == '-' || src[end] == '+' || src[end] >= '1' && src[end] <= '9') {
		if c := src[end]; c >= '1' && c <= '9' {
			indent = keyIndent + int(c-'0')
		}
		end++
	}
	header := e.lineEnd(start)
	comment := ""
	if tail := string(src[end:header]); strings.TrimSpace(tail) != "" {
		comment = strings.TrimRight(tail, " \t")
	}
	for off := header; off < len(src); {
		off = skipBreak(src, off)
		if off >= len(src) {
			break
		}
		n, blank := e.indentOf(off)
		eol := e.lineEnd(off)
		if !blank {
			if indent == 0 {
				if n <= keyIndent {
					break
				}
				indent = n
			}
			if n < indent {
				break
			}
			end = eol
		}
		off = eol
	}
	return scalarSpan{start: start, end: end, indent: indent, comment: comment}
}

// skipBreak moves past the line break at off.
func skipBreak(src []byte, off int) int {
	if off < len(src) && src[off] == '\r' {
		off++
	}
	if off < len(src) && src[off] == '\n' {
		off++
	}
	return off
}

// plainEnd finds the end of the plain scalar starting at start, which may
// go on over lines more indented than its key.
func (e *yamlEditor) plainEnd(start int, flow bool, keyIndent int) int {
	src := e.src
	end := start
	for i := start; i < len(src); {
		c := src[i]
		switch {
		case c == '\n' || c == '\r':
			// The value may go on at the next non-blank line.
			next := -1
			for j := skipBreak(src, i); j < len(src); j = skipBreak(src, j) {
				n, blank := e.indentOf(j)
				if blank {
					j += n
					if j >= len(src) || src[j] != '\n' && src[j] != '\r' {
						return end
					}
					continue
				}
				if !flow && n <= keyIndent || src[j+n] == '#' {
					return end
				}
				next = j + n
				break
			}
			if next < 0 {
				return end
			}
			i = next
			continue
		case c == '#' && i > start && isSpace(src[i-1]):
			return end
		case flow && strings.IndexByte(",}]{[", c) >= 0:
			return end
		case c == ':' && (i+1 >= len(src) || isSpace(src[i+1]) || src[i+1] == '\n' || src[i+1] == '\r' || flow && strings.IndexByte(",}]", src[i+1]) >= 0):
			return end
		case isSpace(c):
			i++
			continue
		}
		_, size := utf8.DecodeRune(src[i:])
		i += size
		end = i
	}
	return end
}

// renderScalar writes value as a YAML scalar for a mapping value: in style
// (the style of the value it replaces) when that style can hold it, else in
// a style that can. keyIndent is the indentation of the key, indent that of
// a block scalar's content when known.
func renderScalar(value string, style yaml.Style, flow bool, keyIndent, indent int) (string, error) {
	if indent <= keyIndent {
		indent = keyIndent + 2
	}
	var candidates []func() (string, bool)
	plain := func() (string, bool) { return value, plainSafe(value, flow) }
	single := func() (string, bool) {
		return "'" + strings.ReplaceAll(value, "'", "''") + "'", !strings.ContainsAny(value, "\n\r") && printable(value)
	}
	literal := func() (string, bool) { return literalBlock(value, indent) }
	folded := func() (string, bool) { return foldedBlock(value, indent) }
	multiline := strings.Contains(value, "\n")
	switch {
	case flow && style&yaml.SingleQuotedStyle != 0:
		candidates = append(candidates, single)
	case flow && style&yaml.DoubleQuotedStyle != 0:
	case flow:
		candidates = append(candidates, plain)
	case style&yaml.FoldedStyle != 0:
		candidates = append(candidates, folded, literal)
	case style&yaml.LiteralStyle != 0 || multiline:
		candidates = append(candidates, literal)
	case style&yaml.SingleQuotedStyle != 0:
		candidates = append(candidates, single)
	case style&yaml.DoubleQuotedStyle != 0:
	default:
		candidates = append(candidates, plain)
	}
	candidates = append(candidates, func() (string, bool) { return strconv.Quote(value), true })
	for _, c := range candidates {
		text, ok := c()
		if ok && readsAs(text, value, flow, keyIndent) {
			return text, nil
		}
	}
	return "", fmt.Errorf("cannot write %q as YAML", value)
}

// readsAs reports whether text, written as the value of a key indented by
// keyIndent, reads back as value.
func readsAs(text, value string, flow bool, keyIndent int) bool {
	doc := strings.Repeat(" ", keyIndent) + "k: " + text + "\n"
	if flow {
		doc = "{k: " + text + "}\n"
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &n); err != nil || len(n.Content) != 1 {
		return false
	}
	m := n.Content[0]
	return m.Kind == yaml.MappingNode && len(m.Content) == 2 && m.Content[1].Kind == yaml.ScalarNode &&
		m.Content[1].Tag == "!!str" && m.Content[1].Value == value
}

func printable(s string) bool {
	for _, r := range s {
		if r != '\t' && (!unicode.IsPrint(r) && !unicode.IsSpace(r) || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff) {
			return false
		}
	}
	return true
}

// plainSafe reports whether s can be written without quotes.
func plainSafe(s string, flow bool) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "\n\r\t") || !printable(s) {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	return !flow || !strings.ContainsAny(s, ",[]{}")
}

// chomp splits the final line break off s and returns the block scalar
// indicator that restores it; a text ending in more than one line break is
// not written as a block.
func chomp(s string) (body, indicator string, ok bool) {
	switch {
	case strings.HasSuffix(s, "\n\n"):
		return "", "", false
	case strings.HasSuffix(s, "\n"):
		return strings.TrimSuffix(s, "\n"), "", true
	}
	return s, "-", true
}

func literalBlock(s string, indent int) (string, bool) {
	body, ind, ok := chomp(s)
	if !ok || body == "" || strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\n") || !printable(body) {
		return "", false
	}
	var b strings.Builder
	b.WriteString("|" + ind)
	for _, line := range strings.Split(body, "\n") {
		b.WriteString("\n")
		if line != "" {
			b.WriteString(strings.Repeat(" ", indent) + line)
		}
	}
	return b.String(), true
}

// foldedBlock writes s as a folded block wrapped at foldWidth: a single
// line break in the file reads as a space, and n line breaks in s are
// written as n empty lines.
func foldedBlock(s string, indent int) (string, bool) {
	body, ind, ok := chomp(s)
	if !ok || body == "" || !printable(body) {
		return "", false
	}
	var b strings.Builder
	b.WriteString(">" + ind)
	for i, part := range strings.Split(body, "\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		if part == "" {
			continue
		}
		if strings.TrimSpace(part) != part || strings.Contains(part, "\t") {
			return "", false
		}
		line := ""
		for _, word := range strings.Split(part, " ") {
			switch {
			case word == "":
				return "", false // two spaces in a row would not survive folding
			case line == "":
				line = word
			case indent+len(line)+1+len(word) > foldWidth:
				b.WriteString("\n" + strings.Repeat(" ", indent) + line)
				line = word
			default:
				line += " " + word
			}
		}
		b.WriteString("\n" + strings.Repeat(" ", indent) + line)
	}
	return b.String(), true
}

// same checks that got holds the tree of want, the edits applied: the same
// nodes, values, anchors and aliases.
func (e *yamlEditor) same(want, got *yaml.Node) error {
	if want.Kind != got.Kind || len(want.Content) != len(got.Content) {
		return fmt.Errorf("line %d changed shape", got.Line)
	}
	switch want.Kind {
	case yaml.ScalarNode:
		if want.Value != got.Value {
			return fmt.Errorf("line %d reads %q instead of %q", got.Line, got.Value, want.Value)
		}
		if want.Tag != got.Tag && !(e.changed[want] && got.Tag == "!!str") {
			return fmt.Errorf("line %d changed type", got.Line)
		}
	case yaml.AliasNode:
		if want.Value != got.Value {
			return fmt.Errorf("line %d refers to another anchor", got.Line)
		}
	}
	if want.Anchor != got.Anchor {
		return fmt.Errorf("line %d changed anchor", got.Line)
	}
	for i := range want.Content {
		if err := e.same(want.Content[i], got.Content[i]); err != nil {
			return err
		}
	}
	return nil
}

// commentLines lists, sorted, the comment lines of a tree, wherever the
// parser attached them.
func commentLines(n *yaml.Node) []string {
	var out []string
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, line := range strings.Split(c, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					out = append(out, line)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	slices.Sort(out)
	return out
}

// writeAtomic replaces file with data: written to a temporary file beside
// it and renamed into place, so that the file is never half written.
func writeAtomic(file string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(file); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
