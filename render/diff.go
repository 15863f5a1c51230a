package render

import (
	"bytes"
	"fmt"
	"html"
	htmltemplate "html/template"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
	"github.com/policyc/policyc/templates"
)

// The "what changed" page is its own template set: it shares no template
// with the policy pages, so that either can change without the other.
var diffTemplate = sync.OnceValue(func() *htmltemplate.Template {
	return htmltemplate.Must(htmltemplate.New("").ParseFS(templates.FS, "diff.html.tmpl"))
})

type diffPageView struct {
	Lang     string
	Title    string
	TabTitle string // Title, cut at a word to fit a browser tab (70 characters)
	Note     string
	Before   string
	After    string
	Single   bool
	Policies []*diffPolicyView
}

type diffPolicyView struct {
	ID       string
	Title    string
	Versions string
	Summary  string
	Areas    []*diffAreaView
}

type diffAreaView struct {
	ID      string
	Title   string
	Changes []diffChangeView
}

type diffChangeView struct {
	Material bool
	Class    string
	Kind     string
	Subject  htmltemplate.HTML
	Old, New htmltemplate.HTML
	Added    bool
	Removed  bool
	OldNone  bool
	NewNone  bool
	Words    []model.WordSegment
}

// DiffHTML writes the report as a standalone page in lang, for the people
// the policy is about: every fact rendered from the locales as on the
// policy's own page, prose changes as a word diff of the text in lang, and
// each change marked material or editorial. An empty lang is the source
// language of the first policy.
func DiffHTML(r *diff.Report, lang string) ([]byte, error) {
	if lang == "" {
		lang = "en"
		if len(r.Policies) > 0 {
			lang = r.Policies[0].Lang()
		}
	}
	m, err := locales.For(lang)
	if err != nil {
		return nil, err
	}
	page := &diffPageView{Lang: lang, Note: m.T("diff.material_note"), Before: m.T("diff.before"), After: m.T("diff.after"), Single: len(r.Policies) == 1}
	for _, d := range r.Policies {
		p := d.New
		if p == nil {
			p = d.Old
		}
		if p == nil {
			continue
		}
		if !slices.Contains(p.Languages, lang) {
			return nil, fmt.Errorf("policy %s is not written in %s; it is written in %s", d.ID, lang, strings.Join(p.Languages, ", "))
		}
		res := &resolver{p: p, lang: lang, m: m}
		page.Policies = append(page.Policies, res.diffPolicy(d))
	}
	switch len(page.Policies) {
	case 1:
		page.Title = m.T("diff.title", "Title", page.Policies[0].Title)
	default:
		page.Title = m.T("diff.title_all")
	}
	page.TabTitle = shortTitle(page.Title, 70)
	var buf bytes.Buffer
	if err := diffTemplate().ExecuteTemplate(&buf, "diff", page); err != nil {
		return nil, err
	}
	if err := m.Err(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (r *resolver) diffPolicy(d *diff.PolicyDiff) *diffPolicyView {
	m := r.m
	v := &diffPolicyView{ID: d.ID, Title: r.text(r.p.Title)}
	if d.Old != nil && d.New != nil && (d.Old.Version != d.New.Version || d.Old.Effective.String() != d.New.Effective.String()) {
		v.Versions = m.T("diff.versions", "Old", d.Old.Version, "OldDate", r.date(d.Old.Effective).Text,
			"New", d.New.Version, "NewDate", r.date(d.New.Effective).Text)
	}
	shown, material := 0, 0
	for _, c := range d.Changes {
		words := c.Words[r.lang]
		if c.Words != nil && words == nil {
			// Reworded in other languages only: this page reads the same.
			continue
		}
		if len(v.Areas) == 0 || v.Areas[len(v.Areas)-1].ID != c.Area {
			v.Areas = append(v.Areas, &diffAreaView{ID: c.Area, Title: m.T("diff.area." + c.Area)})
		}
		cv := diffChangeView{
			Material: c.Class == diff.Material, Class: m.T("diff." + string(c.Class)), Kind: m.T("diff.kind." + c.Kind),
			Added: c.Old == nil && strings.HasSuffix(c.Kind, ".added"), Removed: c.New == nil && strings.HasSuffix(c.Kind, ".removed"),
			Words: diff.Context(words),
		}
		if s := c.Subject; s != nil && (s.Type != "name" || s.Text[r.lang] != "") {
			// An item known only by its id is not named: ids mean nothing
			// to the reader.
			cv.Subject = r.diffValue(s)
		}
		cv.Old, cv.New = r.diffValue(c.Old), r.diffValue(c.New)
		cv.OldNone, cv.NewNone = c.Old == nil, c.New == nil
		for i, s := range cv.Words {
			cv.Words[i].Text = r.text(model.Text{Values: map[string]string{r.lang: s.Text}})
		}
		area := v.Areas[len(v.Areas)-1]
		area.Changes = append(area.Changes, cv)
		shown++
		if cv.Material {
			material++
		}
	}
	switch {
	case shown == 0:
		v.Summary = m.T("diff.none")
	case material == 0:
		v.Summary = m.T("diff.summary_editorial", "Changes", m.Plural("diff.changes", shown))
	default:
		v.Summary = m.T("diff.summary", "Changes", m.Plural("diff.changes", shown), "Material", m.Plural("diff.material_count", material))
	}
	return v
}

// diffValue renders one side of a change as the policy's page renders the
// same fact, followed by the facts that qualify it; "—" stands for an
// absent value.
func (r *resolver) diffValue(v *diff.Value) htmltemplate.HTML {
	if v == nil || v.IsZero() {
		return "—"
	}
	s := r.diffBase(v)
	if len(v.Items) > 0 && v.Type != "list" {
		parts := make([]string, len(v.Items))
		for i := range v.Items {
			parts[i] = string(r.diffValue(&v.Items[i]))
			if t := v.Items[i].Type; t == "consent" || t == "special" {
				// A column heading elsewhere, a qualifier here.
				parts[i] = lowerFirst(parts[i])
			}
		}
		s += " — " + htmltemplate.HTML(strings.Join(parts, ", "))
	}
	return s
}

func (r *resolver) diffBase(v *diff.Value) htmltemplate.HTML {
	m := r.m
	esc := func(s string) htmltemplate.HTML { return htmltemplate.HTML(html.EscapeString(s)) }
	prose := func(t map[string]string) htmltemplate.HTML {
		s := r.text(model.Text{Values: t})
		if s == "" {
			return "—"
		}
		return markdownInline(s)
	}
	switch v.Type {
	case "list":
		parts := make([]string, len(v.Items))
		for i := range v.Items {
			parts[i] = string(r.diffValue(&v.Items[i]))
		}
		return htmltemplate.HTML(strings.Join(parts, ", "))
	case "text":
		return prose(v.Text)
	case "name":
		if _, ok := v.Text[r.lang]; ok {
			return prose(v.Text)
		}
	case "duration":
		if v.Duration != nil {
			return esc(r.durationText(v.Duration))
		}
	case "retention":
		if v.Retention != nil {
			return esc(r.retention(v.Retention))
		}
	case "date":
		if v.Date != nil {
			return esc(r.date(*v.Date).Text)
		}
	case "country":
		return esc(m.Country(v.Raw))
	case "language":
		if n := languageName(v.Raw); n != "" {
			return esc(n)
		}
	case "consent":
		if v.Raw == "required" {
			return esc(m.T("trackers.consent_required"))
		}
		return esc(m.T("trackers.consent_not_required"))
	case "special":
		return esc(m.T("processing.special"))
	case "right":
		if v.Raw == "complaint" {
			return esc(m.T("rights.complaint-right"))
		}
		return esc(m.T("rights." + v.Raw))
	case "basis", "safeguard", "technology", "role", "party", "kind":
		return esc(m.T(v.Type + "." + v.Raw))
	case "storage":
		return esc(m.T("trackers.no_storage"))
	case "general":
		return esc(m.T("recipients.general"))
	case "on-device":
		return esc(m.T("processing.on_device"))
	}
	return esc(v.Raw)
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// shortTitle cuts s at the last space that leaves it, with an ellipsis, at
// most max characters long.
func shortTitle(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := string(r[:max-1])
	if i := strings.LastIndexAny(cut, " \u202f"); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:\u202f") + "…"
}
