package render

import (
	"io"
	"strings"
)

// The rows of tracker and processing tables are written here rather than in
// the templates: a template action costs a reflective call, and html/template
// adds an escaper call to each, which made the rows of a 10,000-tracker
// policy most of its build time. The table around the rows, and every other
// part of a page, stays in the templates. Every value is escaped as
// html/template escapes text, so the rows read the same as if the templates
// wrote them.

// textEscapes are the escapes of HTML text by byte, as html/template
// writes them; the rows look each byte up rather than go through a
// strings.Replacer, whose interface calls cost a fifth of writing a row.
var textEscapes = [256]string{
	0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// escapeHTMLText returns s escaped for HTML text, as the rows escape it.
func escapeHTMLText(s string) string {
	var b strings.Builder
	(&rowWriter{out: &b}).text(s)
	return b.String()
}

// plainEscapes are the escapes of html.EscapeString, which markdownHTML
// uses for prose without Markdown syntax.
var plainEscapes = [256]string{'&': "&amp;", '\'': "&#39;", '<': "&lt;", '>': "&gt;", '"': "&#34;"}

// stringWriter is what a page is written to: a bufio.Writer, a
// bytes.Buffer or a strings.Builder.
type stringWriter interface {
	io.Writer
	io.StringWriter
}

// rowWriter writes the rows of one document's tables to out, the writer of
// the page itself when the rows are long: a table of 100,000 rows built as
// one string first, then copied into the page, held tens of megabytes twice.
type rowWriter struct {
	out              stringWriter
	err              error // the first write error
	doc              *Document
	colon, semicolon string // as the language writes them: French sets a narrow no-break space before
}

func newRowWriter(doc *Document, out stringWriter) *rowWriter {
	return &rowWriter{out: out, doc: doc, colon: doc.msgs.Colon(), semicolon: doc.msgs.T("punct.semicolon")}
}

func (w *rowWriter) raw(s ...string) {
	for _, p := range s {
		w.note(w.out.WriteString(p))
	}
}

// text writes s escaped for HTML text.
func (w *rowWriter) text(s string) { w.escaped(s, &textEscapes) }

// escaped writes s with each byte that has an escape replaced by it.
func (w *rowWriter) escaped(s string, escapes *[256]string) {
	last := 0
	for i := range len(s) {
		if e := escapes[s[i]]; e != "" {
			w.note(w.out.WriteString(s[last:i]))
			w.note(w.out.WriteString(e))
			last = i + 1
		}
	}
	w.note(w.out.WriteString(s[last:]))
}

// note keeps the first write error: the rows go on being written, and the
// table reports the error once at its end.
func (w *rowWriter) note(_ int, err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

// prose writes prose as markdownInline does. Prose without Markdown syntax,
// which most rows have, is escaped straight to out.
func (w *rowWriter) prose(src string) {
	if src != "" && plain(src) {
		w.escaped(src, &plainEscapes)
		return
	}
	w.raw(string(markdownInline(src)))
}

func (w *rowWriter) facts(fs []Fact, escape func(string) string) {
	for i, f := range fs {
		if i > 0 {
			w.raw(", ")
		}
		if escape != nil {
			w.raw(escape(f.Text))
		} else {
			w.text(f.Text)
		}
	}
}

// name writes a tracker name that may break after _ . and - only, never
// inside a word: "OVH_SESSION_ID" breaks at its underscores, "OVHSESSIONID"
// does not break.
func (w *rowWriter) name(s string) {
	start := 0
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; c == '_' || c == '.' || c == '-' {
			w.text(s[start : i+1])
			w.raw("<wbr>")
			start = i + 1
		}
	}
	w.text(s[start:])
}

func (w *rowWriter) gapHTML() {
	w.raw(`<span class="gap">`)
	w.text(w.doc.msgs.T("trackers.unknown"))
	w.raw(`</span>`)
}

func (w *rowWriter) gapMD() { w.raw("*", w.doc.msgs.T("trackers.unknown"), "*") }
