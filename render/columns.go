package render

import (
	"html/template"
	"strings"
	"sync"
)

// A generated table is one specification: its columns, each with the
// message of its heading and how a row's cell is written in HTML and in
// Markdown. The headers of both formats and both row writers follow it, so
// a column is added, removed or moved in one place.

// column is one column of a generated table.
type column[T any] struct {
	heading  string // message id of the heading
	html     func(w *rowWriter, row T)
	markdown func(w *rowWriter, row T)
}

// table is a generated table whose rows are T.
type table[T any] struct {
	rowID   string // the HTML id of a row is rowID and the row's id
	id      func(T) string
	columns []column[T]
}

// headHTML writes the <thead> of the table.
func (t *table[T]) headHTML(doc *Document) template.HTML {
	var b strings.Builder
	w := newRowWriter(doc, &b)
	w.raw("<thead><tr>")
	for _, c := range t.columns {
		w.raw(`<th scope="col">`)
		w.text(doc.msgs.T(c.heading))
		w.raw("</th>")
	}
	w.raw("</tr></thead>")
	return template.HTML(b.String())
}

// rowsHTML writes a <tr> per row to out: the first cell heads the row, and
// each other cell is labelled with its column's heading, which a phone
// shows before the value when each row is a card.
func (t *table[T]) rowsHTML(doc *Document, out stringWriter, rows []T) error {
	w := newRowWriter(doc, out)
	td := make([]string, len(t.columns))
	for i, c := range t.columns {
		td[i] = `<td data-label="` + escapeHTMLText(doc.msgs.T(c.heading)) + `">`
	}
	for _, row := range rows {
		w.raw("\n<tr id=\"", t.rowID)
		w.text(t.id(row))
		w.raw(`">`)
		for i, c := range t.columns {
			if i == 0 {
				w.raw(`<th scope="row">`)
				c.html(w, row)
				w.raw("</th>")
				continue
			}
			w.raw(td[i])
			c.html(w, row)
			w.raw("</td>")
		}
		w.raw("</tr>")
	}
	return w.err
}

// headMarkdown writes the header row and the delimiter row of the GFM
// table.
func (t *table[T]) headMarkdown(doc *Document) string {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range t.columns {
		b.WriteString(" " + doc.msgs.T(c.heading) + " |")
	}
	b.WriteString("\n|")
	for range t.columns {
		b.WriteString("---|")
	}
	return b.String()
}

// rowsMarkdown writes a GFM table row per row to out, each on a line of
// its own after a line break.
func (t *table[T]) rowsMarkdown(doc *Document, out stringWriter, rows []T) error {
	w := newRowWriter(doc, out)
	for _, row := range rows {
		w.raw("\n|")
		for _, c := range t.columns {
			w.raw(" ")
			c.markdown(w, row)
			w.raw(" |")
		}
	}
	return w.err
}

// trackerTable is the table of the trackers of one category.
var trackerTable = &table[*TrackerView]{
	rowID: "tracker-", id: func(t *TrackerView) string { return t.ID },
	columns: []column[*TrackerView]{
		{"trackers.name", trackerNamesHTML, trackerNamesMarkdown},
		{"trackers.provider",
			func(w *rowWriter, t *TrackerView) {
				if t.Provider != nil {
					w.text(t.Provider.Name)
				} else {
					w.gapHTML()
				}
			},
			func(w *rowWriter, t *TrackerView) {
				if t.Provider != nil {
					w.raw(cell(escapeFact(t.Provider.Name)))
				} else {
					w.gapMD()
				}
			}},
		{"trackers.purpose", trackerPurposeHTML, trackerPurposeMarkdown},
		{"trackers.lifetime",
			func(w *rowWriter, t *TrackerView) {
				switch {
				case t.Lifetime != nil:
					w.text(t.Lifetime.Text)
				case t.Storage == "none":
					w.text(w.doc.msgs.T("trackers.not_applicable"))
				case !namedLifetimes(t.Names):
					w.gapHTML()
				}
			},
			func(w *rowWriter, t *TrackerView) {
				switch {
				case t.Lifetime != nil:
					w.raw(t.Lifetime.Text)
				case t.Storage == "none":
					w.raw(escapeFact(w.doc.msgs.T("trackers.not_applicable")))
				case !namedLifetimes(t.Names):
					w.gapMD()
				}
			}},
		{"trackers.technology",
			func(w *rowWriter, t *TrackerView) { w.factsOrGap(t.Technologies, nil) },
			func(w *rowWriter, t *TrackerView) { w.factsOrGap(t.Technologies, escapeFact) }},
		{"trackers.country",
			func(w *rowWriter, t *TrackerView) { w.factsOrGap(t.Countries, nil) },
			func(w *rowWriter, t *TrackerView) { w.factsOrGap(t.Countries, escapeFact) }},
		{"trackers.party",
			func(w *rowWriter, t *TrackerView) {
				if t.Party != nil {
					w.text(t.Party.Text)
				} else {
					w.gapHTML()
				}
			},
			func(w *rowWriter, t *TrackerView) {
				if t.Party != nil {
					w.raw(t.Party.Text)
				} else {
					w.gapMD()
				}
			}},
	},
}

// trackerPurposeHTML writes the purpose and, under it, the row's own legal
// bases and legitimate interest, as the activity tables do.
func trackerPurposeHTML(w *rowWriter, t *TrackerView) {
	if t.Purpose != "" {
		w.prose(t.Purpose)
	} else {
		w.gapHTML()
	}
	if len(t.LegalBases) > 0 {
		w.raw(`<br><span class="note">`)
		w.text(w.doc.msgs.T("processing.legal_bases"))
		w.raw(w.colon, " ")
		w.facts(t.LegalBases, nil)
		w.raw("</span>")
	}
	if t.LegitimateInterest != "" {
		w.raw(`<br><span class="note">`)
		w.text(w.doc.msgs.T("processing.legitimate_interest"))
		w.raw(" ")
		w.prose(t.LegitimateInterest)
		w.raw("</span>")
	}
}

func trackerPurposeMarkdown(w *rowWriter, t *TrackerView) {
	if t.Purpose != "" {
		w.raw(cell(safeMarkdown(t.Purpose)))
	} else {
		w.gapMD()
	}
	if len(t.LegalBases) > 0 {
		w.raw(w.semicolon, " ", w.doc.msgs.T("processing.legal_bases"), w.colon, " ")
		w.facts(t.LegalBases, escapeFact)
	}
	if t.LegitimateInterest != "" {
		w.raw(w.semicolon, " ", w.doc.msgs.T("processing.legitimate_interest"), " ", cell(safeMarkdown(t.LegitimateInterest)))
	}
}

func trackerNamesHTML(w *rowWriter, t *TrackerView) {
	switch {
	case t.Storage == "none":
		w.text(w.doc.msgs.T("trackers.no_storage"))
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
}

func trackerNamesMarkdown(w *rowWriter, t *TrackerView) {
	switch {
	case t.Storage == "none":
		w.raw(escapeFact(w.doc.msgs.T("trackers.no_storage")))
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
}

// activityTable is the table of the processing activities of one group.
var activityTable = &table[*ActivityView]{
	rowID: "activity-", id: func(a *ActivityView) string { return a.ID },
	columns: []column[*ActivityView]{
		{"processing.purpose", activityPurposeHTML, activityPurposeMarkdown},
		{"processing.legal_bases",
			func(w *rowWriter, a *ActivityView) { w.facts(a.LegalBases, nil) },
			func(w *rowWriter, a *ActivityView) { w.facts(a.LegalBases, escapeFact) }},
		{"processing.data_categories", activityDataHTML, activityDataMarkdown},
		{"processing.retention", activityRetentionHTML, activityRetentionMarkdown},
		{"processing.recipients", activityRecipientsHTML, activityRecipientsMarkdown},
	},
}

func activityPurposeHTML(w *rowWriter, a *ActivityView) {
	w.prose(a.Purpose)
	if a.Markers != "" {
		w.raw(" ")
		w.text(a.Markers)
	}
	for _, n := range a.Notes {
		w.raw(`<br><span class="note">`)
		w.text(n.Label)
		w.raw(" ")
		w.prose(n.Text)
		w.raw("</span>")
	}
	if len(a.DataSubjects) > 0 {
		w.raw(`<br><span class="note">`)
		w.text(w.doc.msgs.T("processing.data_subjects"))
		w.raw(w.colon, " ")
		w.facts(a.DataSubjects, nil)
		w.raw("</span>")
	}
}

func activityPurposeMarkdown(w *rowWriter, a *ActivityView) {
	w.raw(cell(safeMarkdown(a.Purpose)))
	if a.Markers != "" {
		w.raw(" ", escapeFact(a.Markers))
	}
	for _, n := range a.Notes {
		w.raw(w.semicolon, " ", n.Label, " ", cell(safeMarkdown(n.Text)))
	}
	if len(a.DataSubjects) > 0 {
		w.raw(w.semicolon, " ", w.doc.msgs.T("processing.data_subjects"), w.colon, " ")
		w.facts(a.DataSubjects, escapeFact)
	}
}

func activityDataHTML(w *rowWriter, a *ActivityView) {
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
		w.text(w.doc.msgs.T("processing.special"))
		w.raw("</p>")
	}
	if a.OnDevice {
		w.raw(`<p class="note">`)
		w.text(w.doc.msgs.T("processing.on_device"))
		w.raw("</p>")
	}
}

func activityDataMarkdown(w *rowWriter, a *ActivityView) {
	for i, c := range a.DataCategories {
		if i > 0 {
			w.raw(w.semicolon, " ")
		}
		w.raw(cell(escapeFact(c.Text)))
	}
	if a.Special {
		w.raw(w.semicolon, " ", w.doc.msgs.T("processing.special"))
	}
	if a.OnDevice {
		w.raw(w.semicolon, " ", escapeFact(w.doc.msgs.T("processing.on_device")))
	}
}

func activityRetentionHTML(w *rowWriter, a *ActivityView) {
	w.raw("<ul>")
	for _, r := range a.Retention {
		w.raw("<li>")
		if len(r.For) > 0 {
			w.facts(r.For, nil)
			w.raw(w.colon, " ")
		}
		if r.Note != "" {
			w.prose(r.Note)
			w.raw(w.colon, " ")
		}
		if r.Criteria != "" {
			w.prose(r.Criteria)
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
	w.raw("</ul>")
}

func activityRetentionMarkdown(w *rowWriter, a *ActivityView) {
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
}

func activityRecipientsHTML(w *rowWriter, a *ActivityView) {
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
				w.raw(w.colon, " ")
				w.prose(r.Note)
			}
			if r.Description != "" {
				w.raw(`<br><span class="note">`)
				w.prose(r.Description)
				w.raw("</span>")
			}
			w.raw("</li>")
		}
		w.raw("</ul>")
	}
	for _, t := range a.Transfers {
		w.raw(`<p class="note">`)
		w.text(t.Text)
		if t.Note != "" {
			w.raw(" ")
			w.prose(t.Note)
		}
		w.raw("</p>")
	}
}

func activityRecipientsMarkdown(w *rowWriter, a *ActivityView) {
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
		if r.Description != "" {
			w.raw(" — ", cell(safeMarkdown(r.Description)))
		}
	}
	for _, t := range a.Transfers {
		w.raw(w.semicolon, " ", escapeFact(t.Text))
		if t.Note != "" {
			w.raw(" ", cell(safeMarkdown(t.Note)))
		}
	}
}

// vendorTable is the table of the vendors.
var vendorTable = &table[*VendorView]{
	rowID: "vendor-", id: func(v *VendorView) string { return v.ID },
	columns: []column[*VendorView]{
		{"vendors.name",
			func(w *rowWriter, v *VendorView) {
				w.text(v.Name)
				if v.Description != "" {
					w.raw(`<br><span class="note">`)
					w.prose(v.Description)
					w.raw("</span>")
				}
				if v.Address != "" {
					w.raw(`<br><span class="note">`)
					w.text(v.Address)
					w.raw("</span>")
				}
			},
			func(w *rowWriter, v *VendorView) {
				w.raw(cell(escapeFact(v.Name)))
				if v.Description != "" {
					w.raw(", ", cell(safeMarkdown(v.Description)))
				}
				if v.Address != "" {
					w.raw(", ", cell(escapeFact(v.Address)))
				}
			}},
		{"vendors.country",
			func(w *rowWriter, v *VendorView) { w.factText(v.Country, true) },
			func(w *rowWriter, v *VendorView) { w.factText(v.Country, false) }},
		{"vendors.role",
			func(w *rowWriter, v *VendorView) { w.factText(v.Role, true) },
			func(w *rowWriter, v *VendorView) { w.factText(v.Role, false) }},
		{"vendors.links",
			func(w *rowWriter, v *VendorView) {
				if v.PrivacyPolicy != "" {
					w.linkHTML(w.doc.msgs.T("vendors.privacy_policy"), v.PrivacyPolicy)
				}
				if v.PrivacyPolicy != "" && v.OptOut != "" {
					w.raw(" · ")
				}
				if v.OptOut != "" {
					w.linkHTML(w.doc.msgs.T("vendors.opt_out"), v.OptOut)
				}
				if v.PrivacyPolicy == "" && v.OptOut == "" {
					w.gapHTML()
				}
			},
			func(w *rowWriter, v *VendorView) {
				if v.PrivacyPolicy != "" {
					w.raw(markdownLinkText(w.doc.msgs.T("vendors.privacy_policy"), v.PrivacyPolicy))
				}
				if v.PrivacyPolicy != "" && v.OptOut != "" {
					w.raw(" · ")
				}
				if v.OptOut != "" {
					w.raw(markdownLinkText(w.doc.msgs.T("vendors.opt_out"), v.OptOut))
				}
				if v.PrivacyPolicy == "" && v.OptOut == "" {
					w.gapMD()
				}
			}},
	},
}

// factsOrGap writes facts, or the gap mark when there are none.
func (w *rowWriter) factsOrGap(fs []Fact, escape func(string) string) {
	switch {
	case len(fs) > 0:
		w.facts(fs, escape)
	case escape == nil:
		w.gapHTML()
	default:
		w.gapMD()
	}
}

// factText writes the text of f, escaped for HTML when html, or the gap
// mark when there is none.
func (w *rowWriter) factText(f *Fact, html bool) {
	switch {
	case f == nil && html:
		w.gapHTML()
	case f == nil:
		w.gapMD()
	case html:
		w.text(f.Text)
	default:
		w.raw(f.Text)
	}
}

// hrefTemplate escapes a link's destination as html/template escapes an
// href: the row writers and the templates write links alike.
var hrefTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("href").Parse(`<a href="{{.}}">`))
})

// linkHTML writes a link with text to a validated URL.
func (w *rowWriter) linkHTML(text, u string) {
	if err := hrefTemplate().Execute(w.out, u); err != nil {
		w.note(0, err) // only writing can fail: a string into a parsed template cannot
	}
	w.text(text)
	w.raw("</a>")
}
