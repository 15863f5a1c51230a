package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strings"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
	"github.com/xuri/excelize/v2"
)

// Record is the record of processing activities of Art. 30(1) GDPR in one
// language: a header row, then one row per controller and processing
// activity, each cell plain text with one item a line.
type Record struct {
	Lang   string
	Header []string
	Rows   [][]string
}

// recordColumns are the message ids of the record's columns, in order,
// with the width of each column in the spreadsheet (in characters).
var recordColumns = []struct {
	id    string
	width float64
}{
	{"ropa.controller", 32},
	{"ropa.joint_controllers", 28},
	{"ropa.dpo", 32},
	{"ropa.purpose", 40},
	{"ropa.legal_bases", 28},
	{"ropa.data_subjects", 28},
	{"ropa.data_categories", 36},
	{"ropa.recipients", 36},
	{"ropa.third_country_recipients", 28},
	{"ropa.transfers", 40},
	{"ropa.retention", 40},
	{"ropa.security_measures", 60},
}

// HasRecord reports whether p has processing activities to record; a
// cookie policy of trackers alone has none.
func HasRecord(p *model.Policy) bool { return len(p.Processing) > 0 }

// ROPA builds the record of processing activities of p in lang: for each
// controller, one row per activity, in the order the page lists them.
func ROPA(p *model.Policy, lang string) (*Record, error) {
	msgs, err := locales.For(lang)
	if err != nil {
		return nil, err
	}
	r := &resolver{p: p, lang: lang, m: msgs}
	doc := r.document()
	rec := &Record{Lang: lang}
	for _, c := range recordColumns {
		rec.Header = append(rec.Header, msgs.T(c.id))
	}
	activities := map[string]*model.Activity{}
	for _, a := range p.Processing {
		activities[a.ID] = a
	}
	dpo := r.contact(doc.DPO)
	general := cellText(r.text(p.SecurityMeasures))
	var policyTransfers []string
	for _, t := range doc.Transfers {
		policyTransfers = append(policyTransfers, transferLine(t))
	}
	for _, c := range doc.Controllers {
		controller := r.contact(c)
		for _, g := range doc.Groups {
			for _, a := range g.Activities {
				row := []string{controller, r.jointControllers(a), dpo, cellText(a.Purpose),
					factLines(a.LegalBases), factLines(a.DataSubjects), factLines(a.DataCategories),
					r.recipientLines(a.Recipients, false), r.recipientLines(a.Recipients, true),
					r.transferLines(a, policyTransfers), r.retentionLines(a), general}
				if m := activities[a.ID]; m != nil && !m.SecurityMeasures.IsZero() {
					row[len(row)-1] = cellText(r.text(m.SecurityMeasures))
				}
				rec.Rows = append(rec.Rows, row)
			}
		}
	}
	return rec, msgs.Err()
}

// contact is a party's name and how to reach it, one item a line.
func (r *resolver) contact(p *PartyView) string {
	if p == nil {
		return ""
	}
	lines := []string{p.Name}
	if p.Description != "" {
		lines[0] += " " + cellText(p.Description)
	}
	if len(p.Address) > 0 {
		lines = append(lines, strings.Join(p.Address, ", "))
	}
	if p.Registration != "" {
		lines = append(lines, p.Registration)
	}
	for _, x := range []struct{ id, value string }{
		{"controllers.email", p.Email}, {"controllers.phone", p.Phone},
		{"controllers.website", p.URL}, {"controllers.form", p.Form},
	} {
		if x.value != "" {
			lines = append(lines, r.m.Label(r.m.T(x.id))+" "+x.value)
		}
	}
	if p.Parent != nil {
		lines = append(lines, r.m.Label(r.m.T("controllers.parent"))+" "+strings.ReplaceAll(r.contact(p.Parent), "\n", ", "))
	}
	return strings.Join(lines, "\n")
}

// jointControllers are the recipients of a that are a vendor acting as
// joint controller (Art. 26 GDPR).
func (r *resolver) jointControllers(a *ActivityView) string {
	var lines []string
	for _, rc := range a.Recipients {
		if v := rc.Vendor; v != nil && v.Role != nil && v.Role.Raw == "joint-controller" {
			line := v.Name
			if v.Address != "" {
				line += ", " + v.Address
			} else if v.Country != nil {
				line += " (" + v.Country.Text + ")"
			}
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// recipientCountry is where a recipient is: its own country, or its
// vendor's.
func recipientCountry(rc RecipientView) *Fact {
	if rc.Country != nil {
		return rc.Country
	}
	if rc.Vendor != nil {
		return rc.Vendor.Country
	}
	return nil
}

// recipientLines lists the recipients of an activity with their
// qualifiers; thirdCountry keeps only those outside the EEA, with their
// country.
func (r *resolver) recipientLines(rs []RecipientView, thirdCountry bool) string {
	var lines []string
	for _, rc := range rs {
		country := recipientCountry(rc)
		outside := country != nil && !model.InEEA(country.Raw)
		if thirdCountry && !outside {
			continue
		}
		line := cellText(rc.Name)
		if outside {
			line += " (" + country.Text + ")"
		}
		if rc.Note != "" && !thirdCountry {
			line = r.m.Label(line) + " " + cellText(rc.Note)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// transferLines are the transfers of an activity, then those the policy
// states for all its processing.
func (r *resolver) transferLines(a *ActivityView, policy []string) string {
	var lines []string
	for _, t := range a.Transfers {
		lines = append(lines, transferLine(t))
	}
	return strings.Join(append(lines, policy...), "\n")
}

func transferLine(t *TransferView) string {
	line := cellText(t.Text)
	if t.Note != "" {
		line += " " + cellText(t.Note)
	}
	return line
}

// retentionLines are the storage rules of an activity, each with the data
// it applies to and its qualifier.
func (r *resolver) retentionLines(a *ActivityView) string {
	var lines []string
	for _, rv := range a.Retention {
		text := rv.Text
		if rv.Criteria != "" {
			text = strings.TrimSpace(text + " " + cellText(rv.Criteria))
		}
		if rv.Note != "" {
			text += " — " + cellText(rv.Note)
		}
		if len(rv.For) > 0 {
			names := make([]string, len(rv.For))
			for i, f := range rv.For {
				names[i] = cellText(f.Text)
			}
			text = r.m.Label(r.m.List(names)) + " " + text
		}
		lines = append(lines, text)
	}
	return strings.Join(lines, "\n")
}

func factLines(fs []Fact) string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = cellText(f.Text)
	}
	return strings.Join(lines, "\n")
}

// cellText turns the Markdown of a localized text into the plain text of a
// spreadsheet cell: paragraphs on lines of their own, list items on lines
// starting with a dash, no emphasis marks or link syntax.
func cellText(md string) string {
	md = strings.TrimSpace(md)
	if md == "" {
		return ""
	}
	md = strings.ReplaceAll(md, "\r\n", "\n")
	for strings.Contains(md, "\n\n\n") {
		md = strings.ReplaceAll(md, "\n\n\n", "\n\n")
	}
	md = strings.ReplaceAll(md, "\n\n", "\n")
	md = linkSyntax.ReplaceAllString(md, "$1 ($2)")
	md = strings.NewReplacer("**", "", "__", "", "\\*", "*", "\\_", "_").Replace(md)
	return md
}

var linkSyntax = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)

// CSV writes the record as RFC 4180 CSV in UTF-8, with line feeds (a
// cell's own lines would become CRLF too, otherwise, which spreadsheets
// read back as different text). A cell that a spreadsheet would run as a
// formula is written as text instead (see inertCell).
func (rec *Record) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	cells := make([]string, len(rec.Header))
	write := func(row []string) {
		cells = cells[:0]
		for _, c := range row {
			cells = append(cells, inertCell(c))
		}
		_ = w.Write(cells)
	}
	write(rec.Header)
	for _, row := range rec.Rows {
		write(row)
	}
	w.Flush()
	return b.Bytes()
}

// inertCell keeps a text that begins with a formula trigger from running
// when the CSV is opened in Excel, LibreOffice or Google Sheets: a leading
// apostrophe makes them read the cell as text ("=HYPERLINK(...)" in a
// purpose would otherwise become a live link or a data-exfiltration call).
// The workbook needs no such mark: its cells are typed as strings.
func inertCell(c string) string {
	if c == "" {
		return c
	}
	switch c[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + c
	}
	return c
}

// XLSX writes the records as one workbook, a sheet per language named by
// its code: the header row bold and frozen, a filter on every column, the
// cells wrapped at fixed column widths. Its document properties carry the
// policy's effective date and title, never the clock, so the same policy
// gives the same bytes.
func XLSX(p *model.Policy, recs []*Record) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	date := p.Effective.String() + "T00:00:00Z"
	title := ""
	if len(recs) > 0 {
		title = p.Title.Get(recs[0].Lang)
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Created: date, Modified: date, Creator: "policyc", LastModifiedBy: "policyc",
		Title: title, Identifier: p.ID, Version: p.Version,
	}); err != nil {
		return nil, err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, rec := range recs {
		sheet := rec.Lang
		if i == 0 {
			err = f.SetSheetName("Sheet1", sheet)
		} else {
			_, err = f.NewSheet(sheet)
		}
		if err != nil {
			return nil, err
		}
		if err := writeSheet(f, sheet, rec, head, body); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, sheet string, rec *Record, head, body int) error {
	last, err := excelize.ColumnNumberToName(len(rec.Header))
	if err != nil {
		return err
	}
	for i, c := range recordColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, c.width); err != nil {
			return err
		}
	}
	rows := append([][]string{rec.Header}, rec.Rows...)
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &cells); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", head); err != nil {
		return err
	}
	if len(rec.Rows) > 0 {
		if err := f.SetCellStyle(sheet, "A2", fmt.Sprintf("%s%d", last, len(rows)), body); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", last, len(rows)), nil)
}
