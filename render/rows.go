package render

import (
	"html/template"
	"strings"
)

// The rows of tracker and processing tables are written here rather than in
// the templates: a template action costs a reflective call, and html/template
// adds an escaper call to each, which made the rows of a 10,000-tracker
// policy most of its build time. The table around the rows, and every other
// part of a page, stays in the templates. Every value is escaped as
// html/template escapes text, so the rows read the same as if the templates
// wrote them.

var textEscaper = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// rowWriter writes the rows of one document's tables.
type rowWriter struct {
	b                strings.Builder
	doc              *Document
	colon, semicolon string // as the language writes them: French sets a narrow no-break space before
}

func newRowWriter(doc *Document) *rowWriter {
	return &rowWriter{doc: doc, colon: doc.msgs.Colon(), semicolon: doc.msgs.T("punct.semicolon")}
}

func (w *rowWriter) raw(s ...string) {
	for _, p := range s {
		w.b.WriteString(p)
	}
}

// text writes s escaped for HTML text.
func (w *rowWriter) text(s string) { textEscaper.WriteString(&w.b, s) }

func (w *rowWriter) facts(fs []Fact, escape func(string) string) {
	for i, f := range fs {
		if i > 0 {
			w.b.WriteString(", ")
		}
		if escape != nil {
			w.b.WriteString(escape(f.Text))
		} else {
			w.text(f.Text)
		}
	}
}

// cellOpeners returns the <td> of each column, labelled with the column's
// heading: on a phone each row is a card, and the label stands before the
// cell's value.
func (w *rowWriter) cellOpeners(headings ...string) []string {
	out := make([]string, len(headings))
	for i, id := range headings {
		out[i] = `<td data-label="` + textEscaper.Replace(w.doc.msgs.T(id)) + `">`
	}
	return out
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

// trackerRowsHTML writes the <tr> of each tracker of c.
func trackerRowsHTML(doc *Document, c *CategoryView) template.HTML {
	w := newRowWriter(doc)
	w.b.Grow(300 * len(c.Trackers))
	td := w.cellOpeners("trackers.provider", "trackers.purpose", "trackers.lifetime", "trackers.technology", "trackers.country", "trackers.party")
	for _, t := range c.Trackers {
		w.raw("\n<tr id=\"tracker-")
		w.text(t.ID)
		w.raw(`"><th scope="row">`)
		switch {
		case t.Storage == "none":
			w.text(doc.msgs.T("trackers.no_storage"))
		case len(t.Names) == 0:
			w.gapHTML()
		}
		for i, n := range t.Names {
			if i > 0 {
				w.raw("<br>")
			}
			w.raw("<code>")
			for _, p := range n.parts {
				if p.Placeholder || p.Any {
					w.raw("<var>")
					w.text(p.Text)
					w.raw("</var>")
				} else {
					w.name(p.Text)
				}
			}
			w.raw("</code>")
			if n.Lifetime != nil {
				w.raw(" (")
				w.text(n.Lifetime.Text)
				w.raw(")")
			}
		}
		w.raw("</th>", td[0])
		if t.Provider != nil {
			w.text(t.Provider.Name)
		} else {
			w.gapHTML()
		}
		w.raw("</td>", td[1])
		if t.Purpose != "" {
			w.raw(string(markdownInline(t.Purpose)))
		} else {
			w.gapHTML()
		}
		w.raw("</td>", td[2])
		switch {
		case t.Lifetime != nil:
			w.text(t.Lifetime.Text)
		case t.Storage == "none":
			w.text(doc.msgs.T("trackers.not_applicable"))
		case !namedLifetimes(t.Names):
			w.gapHTML()
		}
		w.raw("</td>", td[3])
		if len(t.Technologies) > 0 {
			w.facts(t.Technologies, nil)
		} else {
			w.gapHTML()
		}
		w.raw("</td>", td[4])
		if len(t.Countries) > 0 {
			w.facts(t.Countries, nil)
		} else {
			w.gapHTML()
		}
		w.raw("</td>", td[5])
		if t.Party != nil {
			w.text(t.Party.Text)
		} else {
			w.gapHTML()
		}
		w.raw("</td></tr>")
	}
	return template.HTML(w.b.String())
}

// activityRowsHTML writes the <tr> of each processing activity of g.
func activityRowsHTML(doc *Document, g *GroupView) template.HTML {
	w := newRowWriter(doc)
	w.b.Grow(500 * len(g.Activities))
	td := w.cellOpeners("processing.legal_bases", "processing.data_categories", "processing.retention", "processing.recipients")
	for _, a := range g.Activities {
		w.raw("\n<tr id=\"activity-")
		w.text(a.ID)
		w.raw(`"><th scope="row">`, string(markdownInline(a.Purpose)))
		if a.Markers != "" {
			w.raw(" ")
			w.text(a.Markers)
		}
		for _, n := range a.Notes {
			w.raw(`<br><span class="note">`)
			w.text(n.Label)
			w.raw(" ", string(markdownInline(n.Text)), "</span>")
		}
		if len(a.DataSubjects) > 0 {
			w.raw(`<br><span class="note">`)
			w.text(doc.msgs.T("processing.data_subjects"))
			w.raw(w.colon, " ")
			w.facts(a.DataSubjects, nil)
			w.raw("</span>")
		}
		w.raw("</th>", td[0])
		w.facts(a.LegalBases, nil)
		w.raw("</td>", td[1])
		if len(a.DataCategories) > 0 {
			w.raw("<ul>")
			for _, c := range a.DataCategories {
				w.raw("<li>")
				w.text(c.Text)
				w.raw("</li>")
			}
			w.raw("</ul>")
		}
		if a.Special {
			w.raw(`<p class="note">`)
			w.text(doc.msgs.T("processing.special"))
			w.raw("</p>")
		}
		w.raw("</td>", td[2], "<ul>")
		for _, r := range a.Retention {
			w.raw("<li>")
			if len(r.For) > 0 {
				w.facts(r.For, nil)
				w.raw(w.colon, " ")
			}
			if r.Note != "" {
				w.raw(string(markdownInline(r.Note)), w.colon, " ")
			}
			if r.Criteria != "" {
				w.raw(string(markdownInline(r.Criteria)))
				if r.Text != "" {
					w.raw(" (")
					w.text(r.Text)
					w.raw(")")
				}
			} else {
				w.text(r.Text)
			}
			w.raw("</li>")
		}
		w.raw("</ul></td>", td[3])
		if len(a.Recipients) > 0 {
			w.raw("<ul>")
			for _, r := range a.Recipients {
				w.raw("<li>")
				w.text(r.Name)
				if r.Country != nil {
					w.raw(" (")
					w.text(r.Country.Text)
					w.raw(")")
				}
				if r.Note != "" {
					w.raw(w.colon, " ", string(markdownInline(r.Note)))
				}
				w.raw("</li>")
			}
			w.raw("</ul>")
		}
		for _, t := range a.Transfers {
			w.raw(`<p class="note">`)
			w.text(doc.msgs.T("processing.transfers"))
			w.raw(w.colon, " ")
			w.facts(t.Countries, nil)
			w.raw(" (")
			w.text(t.Safeguard.Text)
			w.raw(")")
			if t.Note != "" {
				w.raw(" ", string(markdownInline(t.Note)))
			}
			w.raw("</p>")
		}
		w.raw("</td></tr>")
	}
	return template.HTML(w.b.String())
}

// trackerRowsMarkdown writes the GFM table row of each tracker of c.
func trackerRowsMarkdown(doc *Document, c *CategoryView) string {
	w := newRowWriter(doc)
	w.b.Grow(200 * len(c.Trackers))
	for _, t := range c.Trackers {
		w.raw("\n| ")
		switch {
		case t.Storage == "none":
			w.raw(escapeFact(doc.msgs.T("trackers.no_storage")))
		case len(t.Names) == 0:
			w.gapMD()
		}
		for i, n := range t.Names {
			if i > 0 {
				w.raw(", ")
			}
			// A pattern's literal parts are code, its variable parts
			// italics: "`_ga_`*container-id*", "`_pk_id.`*\**".
			for _, p := range n.parts {
				switch {
				case p.Any:
					w.raw(`*\**`)
				case p.Placeholder:
					w.raw("*", p.Text, "*")
				default:
					w.raw(codeSpan(p.Text))
				}
			}
			if n.Lifetime != nil {
				w.raw(" (", n.Lifetime.Text, ")")
			}
		}
		w.raw(" | ")
		if t.Provider != nil {
			w.raw(cell(escapeFact(t.Provider.Name)))
		} else {
			w.gapMD()
		}
		w.raw(" | ")
		if t.Purpose != "" {
			w.raw(cell(safeMarkdown(t.Purpose)))
		} else {
			w.gapMD()
		}
		w.raw(" | ")
		switch {
		case t.Lifetime != nil:
			w.raw(t.Lifetime.Text)
		case t.Storage == "none":
			w.raw(escapeFact(doc.msgs.T("trackers.not_applicable")))
		case !namedLifetimes(t.Names):
			w.gapMD()
		}
		w.raw(" | ")
		if len(t.Technologies) > 0 {
			w.facts(t.Technologies, escapeFact)
		} else {
			w.gapMD()
		}
		w.raw(" | ")
		if len(t.Countries) > 0 {
			w.facts(t.Countries, escapeFact)
		} else {
			w.gapMD()
		}
		w.raw(" | ")
		if t.Party != nil {
			w.raw(t.Party.Text)
		} else {
			w.gapMD()
		}
		w.raw(" |")
	}
	return w.b.String()
}

// activityRowsMarkdown writes the GFM table row of each processing activity
// of g.
func activityRowsMarkdown(doc *Document, g *GroupView) string {
	w := newRowWriter(doc)
	w.b.Grow(300 * len(g.Activities))
	for _, a := range g.Activities {
		w.raw("\n| ", cell(safeMarkdown(a.Purpose)))
		if a.Markers != "" {
			w.raw(" ", escapeFact(a.Markers))
		}
		for _, n := range a.Notes {
			w.raw(w.semicolon, " ", n.Label, " ", cell(safeMarkdown(n.Text)))
		}
		if len(a.DataSubjects) > 0 {
			w.raw(w.semicolon, " ", doc.msgs.T("processing.data_subjects"), w.colon, " ")
			w.facts(a.DataSubjects, escapeFact)
		}
		w.raw(" | ")
		w.facts(a.LegalBases, escapeFact)
		w.raw(" | ")
		for i, c := range a.DataCategories {
			if i > 0 {
				w.raw(w.semicolon, " ")
			}
			w.raw(cell(escapeFact(c.Text)))
		}
		if a.Special {
			w.raw(w.semicolon, " ", doc.msgs.T("processing.special"))
		}
		w.raw(" | ")
		for i, r := range a.Retention {
			if i > 0 {
				w.raw(w.semicolon, " ")
			}
			if len(r.For) > 0 {
				w.facts(r.For, escapeFact)
				w.raw(w.colon, " ")
			}
			if r.Note != "" {
				w.raw(cell(safeMarkdown(r.Note)), w.colon, " ")
			}
			if r.Criteria != "" {
				w.raw(cell(safeMarkdown(r.Criteria)))
				if r.Text != "" {
					w.raw(" (", r.Text, ")")
				}
			} else {
				w.raw(r.Text)
			}
		}
		w.raw(" | ")
		for i, r := range a.Recipients {
			if i > 0 {
				w.raw(w.semicolon, " ")
			}
			w.raw(cell(escapeFact(r.Name)))
			if r.Country != nil {
				w.raw(" (", r.Country.Text, ")")
			}
			if r.Note != "" {
				w.raw(w.colon, " ", cell(safeMarkdown(r.Note)))
			}
		}
		for _, t := range a.Transfers {
			w.raw(w.semicolon, " ", doc.msgs.T("processing.transfers"), w.colon, " ")
			w.facts(t.Countries, escapeFact)
			w.raw(" (", t.Safeguard.Text, ")")
		}
		w.raw(" |")
	}
	return w.b.String()
}
