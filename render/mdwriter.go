package render

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// The Markdown output does not pass prose through as the writer typed it:
// Markdown's meaning depends on where a text is placed (a line indented by
// four spaces is code at the start of a page and text inside a paragraph; a
// link-reference definition in one field serves a link in another), and a
// site generator runs its own template syntax before Markdown. So prose is
// parsed once, the way the HTML page reads it, and written back from the
// syntax tree as Markdown that means the same wherever it lands: every text
// escaped, links inline and filtered, no raw HTML, no reference definitions,
// and no "{" next to a character that a site generator would read as the
// start of a shortcode or tag ({{<, {{%, {{, {%, {#).

// proseMarkdown writes prose as Markdown blocks, for a place of its own
// (a section body, a description under a table).
func proseMarkdown(src string) string {
	if plain(src) {
		return src
	}
	w := &mdWriter{src: []byte(src)}
	doc := prose.Parser().Parse(text.NewReader(w.src))
	return breakTemplates(strings.Join(w.blocks(doc), "\n\n"))
}

// proseLine writes prose as one line of Markdown that is safe in a table
// cell, a list item or after a label: blocks are joined by spaces, and
// pipes are escaped.
func proseLine(src string) string {
	if plain(src) {
		return src
	}
	w := &mdWriter{src: []byte(src)}
	doc := prose.Parser().Parse(text.NewReader(w.src))
	var parts []string
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if s := w.flat(c); s != "" {
			parts = append(parts, s)
		}
	}
	return breakTemplates(lineStart(strings.Join(parts, " ")))
}

type mdWriter struct {
	src []byte
}

// blocks writes each child block of n.
func (w *mdWriter) blocks(n ast.Node) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := w.block(c); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (w *mdWriter) block(n ast.Node) string {
	switch b := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return w.paragraph(n)
	case *ast.Heading:
		return strings.Repeat("#", b.Level) + " " + lineStart(w.inlines(n, false))
	case *ast.ThematicBreak:
		return "***"
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return codeBlock(w.lines(n))
	case *ast.HTMLBlock:
		lines := w.lines(n)
		if b.HasClosure() {
			lines = append(lines, string(b.ClosureLine.Value(w.src)))
		}
		return lineStart(escapeText(strings.Join(strings.Fields(strings.Join(lines, " ")), " ")))
	case *ast.Blockquote:
		return prefixLines(strings.Join(w.blocks(n), "\n\n"), "> ", "> ")
	case *ast.List:
		return w.list(b)
	case *east.Table:
		return w.table(b)
	}
	return lineStart(w.flat(n))
}

func (w *mdWriter) paragraph(n ast.Node) string {
	lines := strings.Split(w.inlines(n, true), "\n")
	for i, l := range lines {
		lines[i] = lineStart(l)
	}
	return strings.Join(lines, "\n")
}

func (w *mdWriter) list(l *ast.List) string {
	var items []string
	num := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := "-"
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + "."
			num++
		}
		sep := "\n\n"
		if l.IsTight {
			sep = "\n"
		}
		body := strings.Join(w.blocks(it), sep)
		if body == "" {
			items = append(items, marker)
			continue
		}
		items = append(items, prefixLines(body, marker+" ", strings.Repeat(" ", len(marker)+1)))
	}
	if l.IsTight {
		return strings.Join(items, "\n")
	}
	return strings.Join(items, "\n\n")
}

func (w *mdWriter) table(t *east.Table) string {
	var rows []string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, w.inlines(c, false))
		}
		rows = append(rows, "| "+strings.Join(cells, " | ")+" |")
		if _, ok := r.(*east.TableHeader); ok {
			var delims []string
			for _, a := range t.Alignments {
				delims = append(delims, map[east.Alignment]string{east.AlignLeft: ":---", east.AlignRight: "---:", east.AlignCenter: ":---:"}[a]+"")
				if delims[len(delims)-1] == "" {
					delims[len(delims)-1] = "---"
				}
			}
			rows = append(rows, "|"+strings.Join(delims, "|")+"|")
		}
	}
	return strings.Join(rows, "\n")
}

// flat writes any node on one line.
func (w *mdWriter) flat(n ast.Node) string {
	switch n.(type) {
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return codeSpan(strings.Join(w.lines(n), " "))
	case *ast.HTMLBlock:
		return escapeText(strings.Join(w.lines(n), " "))
	case *ast.ThematicBreak:
		return ""
	}
	if n.Type() == ast.TypeInline || n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock ||
		n.Kind() == ast.KindHeading || n.Kind() == east.KindTableCell {
		return w.inlines(n, false)
	}
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := w.flat(c); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

func (w *mdWriter) lines(n ast.Node) []string {
	var out []string
	segs := n.Lines()
	for i := range segs.Len() {
		s := segs.At(i)
		out = append(out, strings.TrimRight(string(s.Value(w.src)), "\r\n"))
	}
	return out
}

// inlines writes the inline children of n; breaks says whether a hard line
// break may start a new line (in a paragraph of its own) or becomes a space.
func (w *mdWriter) inlines(n ast.Node, breaks bool) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(&b, c, breaks)
	}
	return strings.TrimSpace(b.String())
}

func (w *mdWriter) inline(b *strings.Builder, n ast.Node, breaks bool) {
	switch x := n.(type) {
	case *ast.Text:
		v := x.Segment.Value(w.src)
		if x.IsRaw() {
			b.WriteString(escapeText(string(v)))
		} else {
			b.WriteString(escapeText(decodeText(v)))
		}
		switch {
		case x.HardLineBreak() && breaks:
			b.WriteString("  \n")
		case x.HardLineBreak() || x.SoftLineBreak():
			b.WriteString(" ")
		}
	case *ast.String:
		b.WriteString(escapeText(string(x.Value)))
	case *ast.CodeSpan:
		var code strings.Builder
		for c := x.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				code.Write(t.Segment.Value(w.src))
			}
		}
		b.WriteString(codeSpan(code.String()))
	case *ast.Emphasis:
		mark := strings.Repeat("*", x.Level)
		inner := w.inlines(x, breaks)
		if inner != "" {
			b.WriteString(mark + inner + mark)
		}
	case *east.Strikethrough:
		if inner := w.inlines(x, breaks); inner != "" {
			b.WriteString("~~" + inner + "~~")
		}
	case *ast.Link:
		b.WriteString(linkMarkdown(w.inlines(x, false), string(x.Destination)))
	case *ast.AutoLink:
		label := string(x.Label(w.src))
		dest := string(x.URL(w.src))
		if x.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
			dest = "mailto:" + dest
		}
		b.WriteString(linkMarkdown(escapeText(label), dest))
	case *ast.RawHTML:
		segs := x.Segments
		var raw strings.Builder
		for i := range segs.Len() {
			s := segs.At(i)
			raw.Write(s.Value(w.src))
		}
		b.WriteString(escapeText(raw.String()))
	case *east.TaskCheckBox:
		if x.IsChecked {
			b.WriteString(`\[x\] `)
		} else {
			b.WriteString(`\[ \] `)
		}
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.inline(b, c, breaks)
		}
	}
}

// decodeText resolves the backslash escapes and character references of a
// text as goldmark's HTML writer does.
func decodeText(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	ghtml.DefaultWriter.Write(bw, v)
	_ = bw.Flush()
	return html.UnescapeString(buf.String())
}

// linkMarkdown writes an inline link whose destination is allowed; any
// other becomes its text.
func linkMarkdown(label, dest string) string {
	if !AllowedLink(dest) {
		return label
	}
	if label == "" {
		label = escapeText(dest)
	}
	// Hugo 0.111's goldmark takes a link whose text is "x" or " " in a
	// list item for a task checkbox; a character reference is the same
	// text to every renderer.
	switch label {
	case "x", "X", " ":
		label = "&#" + strconv.Itoa(int(label[0])) + ";"
	}
	return "[" + label + "](" + destination(dest) + ")"
}

// destination writes a link destination: percent-encoded where a character
// would end it, split a table cell or open site-generator syntax, where "&"
// starts what Markdown reads as a character reference (goldmark resolves
// those even after a backslash), and outside printable ASCII (renderers
// rewrite such hosts and characters differently).
func destination(u string) string {
	u = charRef.ReplaceAllStringFunc(u, func(r string) string { return "%26" + r[1:] })
	u = destinationEscaper.Replace(u)
	var b strings.Builder
	for i := range len(u) {
		if c := u[i]; c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

var charRef = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

var destinationEscaper = strings.NewReplacer("<", "%3C", ">", "%3E", "(", "%28", ")", "%29", " ", "%20", "\"", "%22",
	"'", "%27", "\\", "%5C", "`", "%60", "{", "%7B", "}", "%7D", "|", "%7C", "[", "%5B", "]", "%5D", "\t", "%09")

// textSpecial are the characters escapeText escapes anywhere in a line.
// Most take a backslash; "&" and "~" become character references, since
// kramdown (Jekyll) does not take a backslash before them.
const textSpecial = "\\`*_[]<>&~|{#$"

// escapeText escapes a text for any inline place (a table cell, a list
// item, link text, a heading): the characters that open inline markup, raw
// HTML, entities or site-generator syntax, and line breaks, which become
// spaces.
func escapeText(s string) string {
	if !strings.ContainsAny(s, textSpecial+"\n\r\t\v\f") {
		return unlinkify(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\v' || r == '\f':
			b.WriteByte(' ')
		case r == '&':
			b.WriteString("&amp;")
		case r == '~':
			b.WriteString("&#126;")
		case r < utf8.RuneSelf && strings.IndexByte(textSpecial, byte(r)) >= 0:
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return unlinkify(breakTemplates(b.String()))
}

// unlinkify escapes what a renderer with GFM's autolinks (Hugo, GitHub)
// would make a link of in plain text: "www.", a scheme's "://" and an
// e-mail address's "@". Links are written as links where the HTML page has
// them; any other text stays text, link texts too (some renderers link a
// URL inside a link's text, and then no longer read the link).
func unlinkify(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "@") && !hasWWW(s) {
		return s
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "://", `\://`), "@", "&#64;")
	return wwwDot.ReplaceAllString(s, `$1\.`)
}

var wwwDot = regexp.MustCompile(`(?i)(www)\.`)

// hasWWW reports whether s holds "www." in any case, without allocating:
// every fact on a page passes here.
func hasWWW(s string) bool {
	for i := 3; i < len(s); i++ {
		if s[i] == '.' && s[i-1]|0x20 == 'w' && s[i-2]|0x20 == 'w' && s[i-3]|0x20 == 'w' {
			return true
		}
	}
	return false
}

// breakTemplates writes the character after a brace as a character
// reference where the two would open site-generator syntax, which runs
// before Markdown. It is for text, where references work: code spans and
// link destinations never hold such a pair.
func breakTemplates(s string) string {
	if !hasTemplate(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if opensTemplate(s, i) {
			b.WriteString("&#" + strconv.Itoa(int(s[i+1])) + ";")
			i++
		}
	}
	return b.String()
}

var orderedMarker = regexp.MustCompile(`^(\d{1,9})([.)])([ \t]|$)`)

// escapeLine escapes a text that may start a line.
func escapeLine(s string) string { return lineStart(escapeText(s)) }

// lineStart makes a line of inline Markdown unable to open a block: no
// leading spaces (code), no list, quote, heading, definition or setext
// marker.
func lineStart(s string) string {
	s = strings.TrimLeft(s, " ")
	if s == "" || (s[0] < '0' || s[0] > '9') && strings.IndexByte("-+=:>#", s[0]) < 0 {
		return s
	}
	if strings.IndexByte("-+=:>#", s[0]) >= 0 {
		return "\\" + s
	}
	if m := orderedMarker.FindStringSubmatchIndex(s); m != nil {
		return s[:m[4]] + "\\" + s[m[4]:]
	}
	return s
}

// opensTemplate reports whether s[i] is a brace that starts site-generator
// syntax: Hugo shortcodes and Go templates ({{<, {{%, {{), Liquid and
// Nunjucks ({{, {%, {#).
func opensTemplate(s string, i int) bool {
	return s[i] == '{' && i+1 < len(s) && (s[i+1] == '{' || s[i+1] == '%' || s[i+1] == '#')
}

func hasTemplate(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%") || strings.Contains(s, "{#")
}

// codeSpan writes s as inline code on one line. What a code span cannot
// hold safely is written as escaped text between code spans: a backtick
// would end it, a pipe would split a table cell (code spans take no
// backslash escapes), and a brace opening site-generator syntax would run
// (site generators look inside code too).
func codeSpan(s string) string {
	if s != "" && oneLine(s) && !strings.ContainsAny(s, "`|{") {
		return "`" + s + "`" // as codeSpanRewrite would write it
	}
	return codeSpanRewrite(s)
}

func codeSpanRewrite(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	start := 0
	flush := func(end int) {
		if piece := s[start:end]; strings.TrimSpace(piece) != "" {
			b.WriteString("`" + piece + "`")
		} else {
			b.WriteString(piece)
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '`' || s[i] == '|' || opensTemplate(s, i) {
			flush(i)
			b.WriteString("\\" + s[i:i+1])
			start = i + 1
		}
	}
	flush(len(s))
	return b.String()
}

// codeBlock writes lines as a fenced code block, or, when they hold
// site-generator syntax (which site generators run inside code blocks
// too), as lines of inline code.
func codeBlock(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return ""
	}
	body := strings.Join(lines, "\n")
	if hasTemplate(body) || strings.ContainsRune(body, '\r') {
		var out []string
		for _, l := range lines {
			if c := codeSpan(l); c != "" {
				out = append(out, lineStart(c))
			}
		}
		return strings.Join(out, "  \n")
	}
	fence := "```"
	for strings.Contains(body, fence) {
		fence += "`"
	}
	return fence + "\n" + body + "\n" + fence
}

// prefixLines prefixes the first line of s with first and every other
// non-empty line with rest.
func prefixLines(s, first, rest string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		switch {
		case i == 0:
			lines[i] = first + l
		case l == "":
			lines[i] = strings.TrimRight(rest, " ")
		default:
			lines[i] = rest + l
		}
	}
	return strings.Join(lines, "\n")
}
