package translation

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// XLIFFNamespace is the namespace of XLIFF 2.0 documents.
const XLIFFNamespace = "urn:oasis:names:tc:xliff:document:2.0"

// Export writes the translations of the policies into lang as an XLIFF 2.0
// document: one <file> per policy, one <unit> per localized text, its id
// the text's path. Only translations in one of the states in only are
// written, all when only is empty. Each unit carries notes with the path,
// where the text is written, and, for a stale translation, the source text
// it was made from. Every policy must translate from the same source
// language into lang.
func Export(states []*State, lang string, only []Status) (data []byte, units int, err error) {
	if len(states) == 0 {
		return nil, 0, errors.New("no policy to export")
	}
	src := states[0].Source
	for _, s := range states {
		switch {
		case s.Source == lang:
			return nil, 0, fmt.Errorf("%s is the source language of policy %s; export a language it is translated into", lang, s.Policy.ID)
		case !slices.Contains(Targets(s.Policy), lang):
			return nil, 0, fmt.Errorf("policy %s is not translated into %s (its languages are %s)", s.Policy.ID, lang, strings.Join(s.Policy.Languages, ", "))
		case s.Source != src:
			return nil, 0, fmt.Errorf("policies %s and %s translate from different source languages (%s and %s); export them separately",
				states[0].Policy.ID, s.Policy.ID, src, s.Source)
		}
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff xmlns=%s version=\"2.0\" srcLang=%s trgLang=%s>\n", attr(XLIFFNamespace), attr(src), attr(lang))
	for _, s := range states {
		fmt.Fprintf(&b, "  <file id=%s original=%s>\n", attr(s.Policy.ID), attr(model.DisplayPath(s.Policy.File)))
		for _, u := range s.Units {
			if u.Lang != lang || len(only) > 0 && !slices.Contains(only, u.Status) {
				continue
			}
			if err := writeUnit(&b, u); err != nil {
				return nil, 0, fmt.Errorf("policy %s: %v", s.Policy.ID, err)
			}
			units++
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
	return []byte(b.String()), units, nil
}

func writeUnit(b *strings.Builder, u Unit) error {
	for _, s := range []string{u.Source, u.Target, u.Previous} {
		if !xmlChars(s) {
			return fmt.Errorf("%s holds a control character that XML cannot hold", u.Path)
		}
	}
	pos := u.Pos()
	pos.File = model.DisplayPath(pos.File)
	fmt.Fprintf(b, "    <unit id=%s>\n      <notes>\n", attr(u.Path))
	fmt.Fprintf(b, "        <note category=\"path\">%s</note>\n", text(u.Path))
	fmt.Fprintf(b, "        <note category=\"location\">%s</note>\n", text(pos.String()))
	fmt.Fprintf(b, "        <note category=\"%s\">%s</note>\n", noteLanguage, text(u.Lang))
	if u.Status == Stale {
		fmt.Fprintf(b, "        <note category=\"previous-source\">%s</note>\n", text(u.Previous))
	}
	b.WriteString("      </notes>\n")
	switch u.Status {
	case Confirmed:
		b.WriteString("      <segment state=\"final\">\n")
	case Missing:
		b.WriteString("      <segment state=\"initial\">\n")
	default:
		fmt.Fprintf(b, "      <segment state=\"translated\" subState=\"policyc:%s\">\n", u.Status)
	}
	fmt.Fprintf(b, "        <source xml:space=\"preserve\">%s</source>\n", text(u.Source))
	if u.Status != Missing {
		fmt.Fprintf(b, "        <target xml:space=\"preserve\">%s</target>\n", text(u.Target))
	}
	b.WriteString("      </segment>\n    </unit>\n")
	return nil
}

// text escapes s as XML character data, keeping line breaks as they are so
// that a translator reads the Markdown as written.
func text(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;").Replace(s)
}

func attr(s string) string {
	return `"` + strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\n", "&#xA;", "\r", "&#xD;", "\t", "&#x9;").Replace(s) + `"`
}

// xmlChars reports whether XML 1.0 can hold every character of s.
func xmlChars(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xfffe || r == 0xffff {
			return false
		}
	}
	return true
}

// Document is an XLIFF document read back for import.
type Document struct {
	Path             string // the file, for findings
	SrcLang, TrgLang string
	Pos              model.Pos // of the <xliff> element
	Files            []DocFile
}

// DocFile is one <file> of a Document: the units of one policy.
type DocFile struct {
	ID    string
	Pos   model.Pos
	Units []DocUnit
}

// DocUnit is one <unit>: a localized text's source and, when the
// translator gave one, its target.
type DocUnit struct {
	ID        string
	Pos       model.Pos
	Source    string
	Target    string
	HasTarget bool
	// Lang is the language the unit was exported for, from its notes;
	// empty in files of earlier versions, which did not record it.
	Lang string
}

// noteLanguage is the category of the note that records the language a
// unit was exported for: a trgLang edited by hand must not pour one
// language's translations into another.
const noteLanguage = "target-language"

type xliffUnit struct {
	ID       string         `xml:"id,attr"`
	Notes    []xliffNote    `xml:"notes>note"`
	Segments []xliffSegment `xml:"segment"`
}

type xliffNote struct {
	Category string `xml:"category,attr"`
	Text     string `xml:",chardata"`
}

type xliffSegment struct {
	Source *xliffText `xml:"source"`
	Target *xliffText `xml:"target"`
}

type xliffText struct {
	Text   string     `xml:",chardata"`
	Inline []xml.Name `xml:",any"`
}

// ReadXLIFF reads the XLIFF 2.0 document in file.
func ReadXLIFF(file string) (*Document, model.Diagnostics) {
	data, err := readFile(file)
	if err != nil {
		var ds model.Diagnostics
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "no such file or folder"
		}
		ds.Errorf(model.Pos{File: file, Line: 1, Col: 1}, RuleImport, "", "cannot read the file: %s", msg)
		return nil, ds
	}
	return ParseXLIFF(file, data)
}

// ParseXLIFF reads an XLIFF 2.0 document; path names it in findings. Its
// units must hold plain text: inline markup, which a tool may add for
// formatting, has no place in Markdown and is refused.
func ParseXLIFF(path string, data []byte) (*Document, model.Diagnostics) {
	var ds model.Diagnostics
	doc := &Document{Path: path}
	d := xml.NewDecoder(bytes.NewReader(data))
	at := func(line, col int) model.Pos { return model.Pos{File: path, Line: line, Col: col} }
	fail := func(pos model.Pos, fix, format string, args ...any) {
		ds.Errorf(pos, RuleImport, fix, format, args...)
	}
	var file *DocFile
	depth, root := 0, false
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				fail(at(max(se.Line, 1), 1), "", "not well-formed XML: %s", se.Msg)
			} else {
				fail(at(line, col), "", "cannot read the XML: %v", err)
			}
			return nil, ds
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				if t.Name.Local != "xliff" || t.Name.Space != XLIFFNamespace {
					fail(at(line, col), `export the file again with "policyc i18n export"`,
						"not an XLIFF 2.0 document: the root element is <%s> in namespace %q", t.Name.Local, t.Name.Space)
					return nil, ds
				}
				root = true
				doc.Pos = at(line, col)
				version := attrOf(t, "version")
				doc.SrcLang, doc.TrgLang = attrOf(t, "srcLang"), attrOf(t, "trgLang")
				if !strings.HasPrefix(version, "2.") {
					fail(doc.Pos, "save it as XLIFF 2.0", "XLIFF version %q is not supported", version)
					return nil, ds
				}
				if doc.SrcLang == "" || doc.TrgLang == "" {
					fail(doc.Pos, "", "<xliff> needs srcLang and trgLang")
					return nil, ds
				}
			case t.Name.Local == "file" && depth == 2:
				doc.Files = append(doc.Files, DocFile{ID: attrOf(t, "id"), Pos: at(line, col)})
				file = &doc.Files[len(doc.Files)-1]
			case t.Name.Local == "unit" && file != nil:
				var u xliffUnit
				if err := d.DecodeElement(&u, &t); err != nil {
					fail(at(line, col), "", "cannot read the unit: %v", err)
					return nil, ds
				}
				depth--
				if du, ok := readUnit(u, at(line, col), fail); ok {
					file.Units = append(file.Units, du)
				}
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "file" && depth == 1 {
				file = nil
			}
		}
	}
	if !root {
		fail(at(1, 1), "", "not an XLIFF 2.0 document: it has no <xliff> element")
	}
	checkUnitLangs(doc, fail)
	if len(ds) > 0 {
		return nil, ds
	}
	return doc, nil
}

// checkUnitLangs refuses a document whose trgLang is not the language its
// units were exported for: one finding per language found instead, at the
// <xliff> element, naming the first unit.
func checkUnitLangs(doc *Document, fail func(model.Pos, string, string, ...any)) {
	type wrong struct {
		first DocUnit
		count int
	}
	byLang := map[string]*wrong{}
	var langs []string
	for _, f := range doc.Files {
		for _, u := range f.Units {
			if u.Lang == "" || u.Lang == doc.TrgLang {
				continue
			}
			if byLang[u.Lang] == nil {
				byLang[u.Lang] = &wrong{first: u}
				langs = append(langs, u.Lang)
			}
			byLang[u.Lang].count++
		}
	}
	for _, l := range langs {
		w := byLang[l]
		more := ""
		if w.count > 1 {
			more = fmt.Sprintf(" and %d more", w.count-1)
		}
		fail(doc.Pos, fmt.Sprintf(`set trgLang back to %q, or export the file again with --lang %s`, l, doc.TrgLang),
			"the document's trgLang is %s, but its units were exported for %s (unit %s at line %d%s)", doc.TrgLang, l, w.first.ID, w.first.Pos.Line, more)
	}
}

func readUnit(u xliffUnit, pos model.Pos, fail func(model.Pos, string, string, ...any)) (DocUnit, bool) {
	if u.ID == "" {
		fail(pos, "", "a <unit> has no id")
		return DocUnit{}, false
	}
	if len(u.Segments) != 1 || u.Segments[0].Source == nil {
		fail(pos, "keep the unit as exported, with one <segment>", "unit %s must have exactly one segment with a <source>", u.ID)
		return DocUnit{}, false
	}
	seg := u.Segments[0]
	du := DocUnit{ID: u.ID, Pos: pos, Source: seg.Source.Text}
	for _, n := range u.Notes {
		if n.Category == noteLanguage {
			du.Lang = strings.TrimSpace(n.Text)
		}
	}
	for _, t := range []*xliffText{seg.Source, seg.Target} {
		if t != nil && len(t.Inline) > 0 {
			fail(pos, "write the text as plain Markdown, without the tool's formatting codes",
				"unit %s holds inline markup <%s>, which a policy text cannot take", u.ID, t.Inline[0].Local)
			return DocUnit{}, false
		}
	}
	if seg.Target != nil {
		du.Target, du.HasTarget = seg.Target.Text, true
	}
	return du, true
}

func attrOf(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}
