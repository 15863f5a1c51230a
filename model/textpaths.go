package model

import (
	"strings"
)

// textFields lists every localized text of p in document order, each by the
// path the identity scheme gives it (identity.go).
func textFields(p *Policy) []TextField {
	// Most items have one text or more: their number is a fair first
	// size for the list and the sets of paths.
	n := len(p.Vendors) + len(p.Recipients) + len(p.DataCategories) + len(p.TrackerCategories) + len(p.Trackers) + len(p.Processing) + len(p.Sections)
	w := &walker{fields: make([]TextField, 0, n), used: make(map[string]bool, n), usedV1: make(map[string]bool, n)}
	root := item{}
	w.fieldText(root, "title", p.Title)
	for _, c := range p.Changelog {
		w.fieldText(w.item(root, "changelog", ChangelogKey(c)), "summary", c.Summary)
	}
	if p.Banner != nil {
		w.fieldText(root, "banner.text", p.Banner.Text)
	}
	for _, c := range p.Controllers {
		w.party(w.item(root, "controllers", PartyKey(c)), c)
	}
	if p.DPO != nil {
		w.party(root.field("dpo"), p.DPO)
	}
	for _, v := range p.Vendors {
		at := w.item(root, "vendors", v.ID)
		w.fieldText(at, "description", v.Description)
		w.address(at.field("address"), v.Address)
	}
	for _, r := range p.Recipients {
		at := w.item(root, "recipients", r.ID)
		w.fieldText(at, "name", r.Name)
		w.fieldText(at, "note", r.Note)
		w.fieldText(at, "description", r.Description)
	}
	for _, c := range p.DataCategories {
		at := w.item(root, "data-categories", c.ID)
		w.fieldText(at, "name", c.Name)
		w.fieldText(at, "description", c.Description)
		w.fieldText(at, "source", c.Source.Text)
	}
	for _, s := range p.DataSubjects {
		w.fieldText(w.item(root, "data-subjects", s.ID), "name", s.Name)
	}
	for _, c := range p.TrackerCategories {
		at := w.item(root, "tracker-categories", c.ID)
		w.fieldText(at, "name", c.Name)
		w.fieldText(at, "description", c.Description)
		w.bases(at, c.LegalBases)
		w.transfers(at, c.Transfers)
	}
	for _, t := range p.Trackers {
		at := w.item(root, "trackers", t.ID)
		w.fieldText(at, "purpose", t.Purpose)
		w.bases(at, t.LegalBases)
		w.fieldText(at, "legitimate-interest", t.LegitimateInterest)
	}
	for _, g := range p.ProcessingGroups {
		at := w.item(root, "processing-groups", g.ID)
		w.fieldText(at, "title", g.Title)
		w.bases(at, g.LegalBases)
		w.fieldText(at, "short-title", g.ShortTitle)
	}
	for _, a := range p.Processing {
		w.activity(a)
	}
	for _, f := range p.Footnotes {
		w.fieldText(w.item(root, "footnotes", f.ID), "text", f.Text)
	}
	w.transfers(root, p.Transfers)
	if r := p.Rights; r != nil {
		for _, c := range r.Channels {
			if c != nil && c.Post != nil && !c.Post.Department.IsZero() {
				w.address(w.item(root, "rights.channels", ChannelKey(c)), c.Post)
			}
		}
		for _, a := range r.Authorities {
			if a == nil {
				continue
			}
			var own Authority
			if a.Authority != nil {
				own = *a.Authority
			}
			if !a.Scope.IsZero() || !own.LocalName.IsZero() || !own.Description.IsZero() {
				at := w.member(root, "rights.authorities", AuthorityKey(a.Authority), AuthorityKey(a.Authority), !a.Scope.IsZero())
				w.fieldText(at, "name", own.LocalName)
				w.fieldText(at, "description", own.Description)
				w.fieldText(at, "scope", a.Scope)
			}
		}
		w.fieldText(root, "rights.note", r.Note)
	}
	w.fieldText(root, "security-measures", p.SecurityMeasures)
	w.sections(p.Sections)
	return w.fields
}

// item is where a text is: its path, and its path in a lock of format
// policyc-translations/1, which keyed some items otherwise.
type item struct{ path, v1 string }

func (it item) field(name string) item {
	if it.path == "" {
		return item{name, name}
	}
	path := it.path + "." + name
	if it.v1 == it.path {
		return item{path, path}
	}
	return item{path, it.v1 + "." + name}
}

type walker struct {
	fields []TextField
	used   map[string]bool // item paths given out, to keep them unique
	usedV1 map[string]bool // the same in a lock of version 1
}

// item returns the path of the item with key name in the list called list
// of owner. When two items would share a path, the later ones get
// DuplicateKey in order, as in the diff: every member of a list takes its
// key, with a text or without.
func (w *walker) item(owner item, list, name string) item {
	return w.member(owner, list, name, name, true)
}

// member is item for a list member whose key in a version 1 lock was
// v1name, and which took a key there only when it had a text.
func (w *walker) member(owner item, list, name, v1name string, hasText bool) item {
	if name == "" {
		name = "item"
	}
	at := owner.field(list)
	base := at.path + "." + name
	path := base
	for n := 2; w.used[path]; n++ {
		path = at.path + "." + DuplicateKey(name, n)
	}
	w.used[path] = true
	old := base // the same string when the keys of both formats agree
	if at.v1 != at.path || v1name != name {
		old = at.v1 + "." + v1name
	}
	if hasText {
		for n := 2; w.usedV1[old]; n++ {
			old = at.v1 + "." + DuplicateKey(v1name, n)
		}
		w.usedV1[old] = true
	}
	return item{path, old}
}

// fieldText is text for the field name of at: the path is built only for
// a text that is given, and most optional texts of a large policy are not.
func (w *walker) fieldText(at item, name string, t Text) {
	if !t.IsZero() {
		w.text(at.field(name), t)
	}
}

func (w *walker) text(at item, t Text) {
	if t.IsZero() {
		return
	}
	f := TextField{Path: at.path, Text: t}
	if at.v1 != at.path {
		f.V1Path = at.v1
	}
	w.fields = append(w.fields, f)
}

func (w *walker) party(at item, p *Party) {
	if p == nil {
		return
	}
	w.fieldText(at, "description", p.Description)
	w.address(at.field("address"), p.Address)
	if p.Registration != nil {
		w.fieldText(at, "registration.register", p.Registration.Register)
	}
	w.party(at.field("parent"), p.Parent)
}

func (w *walker) address(at item, a *Address) {
	if a != nil {
		w.fieldText(at, "department", a.Department)
	}
}

func (w *walker) activity(a *Activity) {
	at := w.item(item{}, "processing", a.ID)
	w.fieldText(at, "purpose", a.Purpose)
	w.bases(at, a.LegalBases)
	w.fieldText(at, "legitimate-interest", a.LegitimateInterest)
	w.fieldText(at, "conditions", a.Conditions)
	for _, r := range a.Retention {
		if r == nil {
			continue
		}
		rule := w.member(at, "retention", RetentionKey(r), v1RetentionKey(r), !r.Criteria.IsZero() || !r.Note.IsZero())
		w.fieldText(rule, "criteria", r.Criteria)
		w.fieldText(rule, "note", r.Note)
	}
	for _, r := range a.Recipients {
		if r != nil {
			w.fieldText(w.member(at, "recipients", r.Recipient.ID, r.Recipient.ID, !r.Note.IsZero()), "note", r.Note)
		}
	}
	w.fieldText(at, "source", a.Source.Text)
	w.transfers(at, a.Transfers)
	w.fieldText(at, "requirement", a.Requirement)
	w.fieldText(at, "automated-decisions", a.AutomatedDecisions)
	w.fieldText(at, "security-measures", a.SecurityMeasures)
}

// bases gives the scope note of a legal basis the path
// <owner>.legal-bases.<basis>.applies-to.
func (w *walker) bases(owner item, bs []LegalBasis) {
	for _, b := range bs {
		if !b.AppliesTo.IsZero() {
			w.fieldText(w.item(owner, "legal-bases", b.Key), "applies-to", b.AppliesTo)
		}
	}
}

func (w *walker) transfers(owner item, ts []*Transfer) {
	for _, t := range ts {
		if t != nil {
			w.fieldText(w.member(owner, "transfers", TransferKey(t), v1TransferKey(t), !t.Note.IsZero()), "note", t.Note)
		}
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
		at := w.item(item{}, "sections", s.ID)
		w.fieldText(at, "title", s.Title)
		w.fieldText(at, "body", s.Body)
		w.sections(s.Sections)
	}
}

// Keys of format policyc-translations/1, read only to migrate its locks: a
// retention rule by its categories in list order or else by the rule as a
// slug, a transfer by its countries in list order and lower case, and
// duplicates numbered "_2".

func v1RetentionKey(r *Retention) string {
	if len(r.For) > 0 {
		ids := make([]string, len(r.For))
		for i, f := range r.For {
			ids[i] = f.ID
		}
		return strings.Join(ids, "_")
	}
	if r.Rule != "" {
		return PathSafe(r.Rule)
	}
	return "criteria"
}

func v1TransferKey(t *Transfer) string {
	codes := make([]string, len(t.Countries))
	for i, c := range t.Countries {
		codes[i] = strings.ToLower(c.Code)
	}
	return strings.Join(codes, "_")
}
