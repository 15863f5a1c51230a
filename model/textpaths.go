package model

import (
	"strconv"
	"strings"
)

// textFields lists every localized text of p in document order. Paths are built
// from ids and other language-neutral keys, never from list positions, so
// that reordering a list changes no path: a translation stays tied to its
// text. Items without an id are keyed by what identifies them: a changelog
// entry by its version, a recipient use by the recipient, a transfer by its
// countries, a retention rule by the data categories it is for or else by
// the rule itself.
func textFields(p *Policy) []TextField {
	w := &walker{used: map[string]bool{}}
	w.text("title", p.Title)
	for _, c := range p.Changelog {
		w.text(w.key("changelog", pathSafe(c.Version))+".summary", c.Summary)
	}
	if p.Banner != nil {
		w.text("banner.text", p.Banner.Text)
	}
	for _, c := range p.Controllers {
		w.party(w.key("controllers", partyKey(c)), c)
	}
	if p.DPO != nil {
		w.party("dpo", p.DPO)
	}
	for _, v := range p.Vendors {
		w.address(w.key("vendors", v.ID)+".address", v.Address)
	}
	for _, r := range p.Recipients {
		prefix := w.key("recipients", r.ID)
		w.text(prefix+".name", r.Name)
		w.text(prefix+".note", r.Note)
	}
	for _, c := range p.DataCategories {
		prefix := w.key("data-categories", c.ID)
		w.text(prefix+".name", c.Name)
		w.text(prefix+".description", c.Description)
	}
	for _, s := range p.DataSubjects {
		w.text(w.key("data-subjects", s.ID)+".name", s.Name)
	}
	for _, c := range p.TrackerCategories {
		prefix := w.key("tracker-categories", c.ID)
		w.text(prefix+".name", c.Name)
		w.text(prefix+".description", c.Description)
	}
	for _, t := range p.Trackers {
		w.text(w.key("trackers", t.ID)+".purpose", t.Purpose)
	}
	for _, g := range p.ProcessingGroups {
		w.text(w.key("processing-groups", g.ID)+".title", g.Title)
	}
	for _, a := range p.Processing {
		w.activity(a)
	}
	for _, f := range p.Footnotes {
		w.text(w.key("footnotes", f.ID)+".text", f.Text)
	}
	w.transfers("transfers", p.Transfers)
	if r := p.Rights; r != nil {
		for _, c := range r.Channels {
			if c != nil && c.Post != nil && !c.Post.Department.IsZero() {
				w.address(w.key("rights.channels", "post"), c.Post)
			}
		}
		for _, a := range r.Authorities {
			if a != nil && !a.Scope.IsZero() {
				w.text(w.key("rights.authorities", authorityKey(a.Authority))+".scope", a.Scope)
			}
		}
		w.text("rights.note", r.Note)
	}
	w.sections(p.Sections)
	return w.fields
}

type walker struct {
	fields []TextField
	used   map[string]bool // item paths given out, to keep them unique
}

// key returns the path of the item called name in the list at prefix. When
// two items would share a path, as two items with the same id or two
// retention rules for the same categories do, the later ones are numbered
// in order: "_2", "_3". Items without an id take a key only when they have
// a text, so that adding one without text moves no other.
func (w *walker) key(prefix, name string) string {
	if name == "" {
		name = "item"
	}
	path := prefix + "." + name
	for n := 2; w.used[path]; n++ {
		path = prefix + "." + name + "_" + strconv.Itoa(n)
	}
	w.used[path] = true
	return path
}

func (w *walker) text(path string, t Text) {
	if !t.IsZero() {
		w.fields = append(w.fields, TextField{Path: path, Text: t})
	}
}

func (w *walker) party(prefix string, p *Party) {
	if p == nil {
		return
	}
	w.text(prefix+".description", p.Description)
	w.address(prefix+".address", p.Address)
	if p.Registration != nil {
		w.text(prefix+".registration.register", p.Registration.Register)
	}
	w.party(prefix+".parent", p.Parent)
}

func (w *walker) address(prefix string, a *Address) {
	if a != nil {
		w.text(prefix+".department", a.Department)
	}
}

func (w *walker) activity(a *Activity) {
	prefix := w.key("processing", a.ID)
	w.text(prefix+".purpose", a.Purpose)
	w.text(prefix+".legitimate-interest", a.LegitimateInterest)
	for _, r := range a.Retention {
		if r == nil || r.Criteria.IsZero() && r.Note.IsZero() {
			continue
		}
		item := w.key(prefix+".retention", retentionKey(r))
		w.text(item+".criteria", r.Criteria)
		w.text(item+".note", r.Note)
	}
	for _, r := range a.Recipients {
		if r != nil && !r.Note.IsZero() {
			w.text(w.key(prefix+".recipients", r.Recipient.ID)+".note", r.Note)
		}
	}
	w.text(prefix+".source", a.Source)
	w.transfers(prefix+".transfers", a.Transfers)
	w.text(prefix+".requirement", a.Requirement)
	w.text(prefix+".automated-decisions", a.AutomatedDecisions)
}

func (w *walker) transfers(prefix string, ts []*Transfer) {
	for _, t := range ts {
		if t == nil || t.Note.IsZero() {
			continue
		}
		codes := make([]string, len(t.Countries))
		for i, c := range t.Countries {
			codes[i] = strings.ToLower(c.Code)
		}
		w.text(w.key(prefix, strings.Join(codes, "_"))+".note", t.Note)
	}
}

// sections gives every section the path sections.<id>, however deep it is
// nested: section ids are unique in a policy, and moving a section under
// another heading leaves its translations confirmed.
func (w *walker) sections(ss []*Section) {
	for _, s := range ss {
		if s == nil {
			continue
		}
		prefix := w.key("sections", s.ID)
		w.text(prefix+".title", s.Title)
		w.text(prefix+".body", s.Body)
		w.sections(s.Sections)
	}
}

func partyKey(p *Party) string {
	if p.ID != "" {
		return p.ID
	}
	return pathSafe(p.Name)
}

func authorityKey(a *Authority) string {
	switch {
	case a == nil:
		return ""
	case a.Key != "":
		return a.Key
	}
	return pathSafe(a.Name)
}

func retentionKey(r *Retention) string {
	if len(r.For) > 0 {
		ids := make([]string, len(r.For))
		for i, f := range r.For {
			ids[i] = f.ID
		}
		return strings.Join(ids, "_")
	}
	if r.Rule != "" {
		return pathSafe(r.Rule)
	}
	return "criteria"
}

// pathSafe turns free text into a path segment of lower-case letters,
// digits, dots and hyphens, which XLIFF accepts in a unit id.
func pathSafe(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-.")
}
