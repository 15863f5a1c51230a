package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// resolve builds the document of p in lang.
func resolve(p *model.Policy, lang string, msgs *locales.Messages) *Document {
	r := &resolver{p: p, lang: lang, m: msgs}
	return r.document()
}

// The resolver renders each distinct fact once: thousands of rows share a
// handful of lifetimes, retention rules, legal bases and vocabulary keys,
// and each would otherwise go through a message template, or build its
// message id, once per row.
type resolver struct {
	p    *model.Policy
	lang string
	m    *locales.Messages
	// durations holds each distinct duration as a fact, which the rows
	// with that duration share.
	durations map[durationKey]*Fact
	// retentions holds each retention rule's phrase by the rule as
	// written, which its other fields are parsed from.
	retentions map[string]string
	keys       map[[2]string]*Fact // vocabulary keys by prefix and key
	countries  map[string]string   // country names by code
	legals     map[[2]string]Fact  // legal terms by concept and key
}

// durationKey is a duration without its position: equal durations have
// equal keys, and a key is made without formatting the duration. A
// duration's cap ("session, at most 1 year") is part of its key; a cap of
// a cap, which the grammar does not write, has no key.
type durationKey struct {
	unit, capUnit     string
	amount, capAmount int
	flags             uint8
}

const (
	durationSession = 1 << iota
	durationPersistent
	durationCapped
	durationCapSession
	durationCapPersistent
)

func keyOf(d *model.Duration) (durationKey, bool) {
	k := durationKey{unit: d.Unit, amount: d.Amount}
	if d.Session {
		k.flags |= durationSession
	}
	if d.Persistent {
		k.flags |= durationPersistent
	}
	if c := d.Max; c != nil {
		if c.Max != nil {
			return durationKey{}, false
		}
		k.capUnit, k.capAmount = c.Unit, c.Amount
		k.flags |= durationCapped
		if c.Session {
			k.flags |= durationCapSession
		}
		if c.Persistent {
			k.flags |= durationCapPersistent
		}
	}
	return k, true
}

// text returns t in the document's language, its inline facts rendered
// from the locales.
func (r *resolver) text(t model.Text) string {
	return r.m.Typeset(model.ExpandInline(t.Get(r.lang), r.inlineFact))
}

func (r *resolver) inlineFact(f model.InlineFact) (string, bool) {
	switch f.Kind {
	case "duration":
		d, err := model.ParseDuration(f.Value)
		if err != nil {
			return "", false
		}
		return r.durationText(d), true
	case "country":
		if model.ParseCountry(f.Value) != nil {
			return "", false
		}
		return r.m.Country(f.Value), true
	case "date":
		d, err := model.ParseDate(f.Value)
		if err != nil {
			return "", false
		}
		return r.date(d).Text, true
	}
	return "", false
}

// duration returns d as a fact, shared by every use of an equal duration:
// the document is read, never changed.
func (r *resolver) duration(d *model.Duration) *Fact {
	if d == nil {
		return nil
	}
	format := func() *Fact { return &Fact{Raw: d.String(), Text: r.formatDuration(d)} }
	k, ok := keyOf(d)
	if !ok {
		return format()
	}
	return memo(&r.durations, k, format)
}

func (r *resolver) durationText(d *model.Duration) string { return r.duration(d).Text }

func (r *resolver) formatDuration(d *model.Duration) string {
	switch {
	case d.Persistent:
		return r.m.T("duration.persistent")
	case d.Session && d.Max != nil:
		return r.m.T("duration.session_max", "Max", r.durationText(d.Max))
	case d.Session:
		return r.m.T("duration.session")
	case d.Max != nil:
		return r.m.T("duration.at_most", "Max", r.durationText(d.Max))
	}
	return r.m.Plural("duration."+d.Unit, d.Amount)
}

func (r *resolver) country(c model.Country) Fact {
	return Fact{Raw: c.Code, Text: memo(&r.countries, c.Code, func() string { return r.m.Country(c.Code) })}
}

func (r *resolver) date(d model.Date) Fact {
	if d.IsZero() {
		return Fact{}
	}
	return Fact{Raw: d.String(), Text: r.m.T("date.format", "Day", r.m.Day(d.Day), "Month", r.m.T(monthID[d.Month]), "Year", d.Year)}
}

var monthID = [...]string{"", "month.1", "month.2", "month.3", "month.4", "month.5", "month.6", "month.7", "month.8", "month.9", "month.10", "month.11", "month.12"}

func (r *resolver) key(prefix, key string) Fact { return *r.keyFact(prefix, key) }

// keyFact returns the fact of a vocabulary key, shared by every use of the
// key: the document is read, never changed.
func (r *resolver) keyFact(prefix, key string) *Fact {
	return memo(&r.keys, [2]string{prefix, key}, func() *Fact { return &Fact{Raw: key, Text: r.m.T(prefix + key)} })
}

// legal renders a legal term with its article reference in each of the
// policy's laws: "consent (Art. 6(1)(a) GDPR)", or "consent (Art. 6(1)(a)
// GDPR; Art. 6(1)(a) UK GDPR)" under two laws. A law with no such provision
// adds no reference.
func (r *resolver) legal(concept, key string) Fact {
	return memo(&r.legals, [2]string{concept, key}, func() Fact { return r.formatLegal(concept, key) })
}

func (r *resolver) formatLegal(concept, key string) Fact {
	var refs []string
	for _, law := range r.p.PolicyLaws() {
		if ref := r.m.T("ref." + law + "." + concept); ref != "-" {
			refs = append(refs, ref)
		}
	}
	text := r.m.T("legal." + concept)
	if laws := r.p.PolicyLaws(); lawTerms[concept] && !slices.Contains(laws, "eu-gdpr") {
		text = r.m.T("legal." + laws[0] + "." + concept)
	}
	if len(refs) > 0 {
		text += " (" + strings.Join(refs, r.m.T("punct.semicolon")+" ") + ")"
	}
	return Fact{Raw: key, Text: text}
}

// lawTerms are the terms a law names otherwise than the GDPR: an adequacy
// decision is the Commission's under the GDPR, the UK's own regulations
// under the UK GDPR.
var lawTerms = map[string]bool{"safeguard.adequacy": true, "safeguard.scc-2021-914": true}

func (r *resolver) bases(bs []model.LegalBasis) []Fact {
	out := make([]Fact, 0, len(bs))
	for _, b := range bs {
		f := r.legal("basis."+b.Key, b.Key)
		if scope := r.text(b.AppliesTo); scope != "" {
			f.AppliesTo = scope
			f.Text = r.m.T("legal.applies_to", "Basis", f.Text, "Scope", scope)
		}
		out = append(out, f)
	}
	return out
}

func (r *resolver) address(a *model.Address) []string {
	if a == nil {
		return nil
	}
	var lines []string
	if s := r.text(a.Department); s != "" {
		lines = append(lines, s)
	}
	if a.Street != "" {
		lines = append(lines, a.Street)
	}
	if place := strings.TrimSpace(a.Postcode + " " + a.City); place != "" {
		lines = append(lines, place)
	}
	return append(lines, r.m.Country(a.Country.Code))
}

func (r *resolver) party(p *model.Party) *PartyView {
	if p == nil {
		return nil
	}
	v := &PartyView{ID: p.ID, Name: p.Name, Description: r.text(p.Description), Address: r.address(p.Address),
		Email: p.Email, Phone: p.Phone, URL: p.URL.URL, Form: p.Form.URL, Parent: r.party(p.Parent)}
	if p.Registration != nil {
		v.Registration = strings.TrimSpace(r.m.T("controllers.registration", "Register", r.text(p.Registration.Register), "Number", p.Registration.Number))
	}
	return v
}

func (r *resolver) document() *Document {
	p, m := r.p, r.m
	doc := &Document{
		Schema: SchemaVersion, ID: p.ID, Lang: r.lang, Kind: r.key("kind.", p.Kind), Title: r.text(p.Title),
		Version: p.Version, Effective: r.date(p.Effective), msgs: m, languages: p.Languages,
		categoryByID: map[string]*CategoryView{}, groupByID: map[string]*GroupView{},
		Controllers: []*PartyView{}, Categories: []*CategoryView{}, Groups: []*GroupView{}, Vendors: []*VendorView{},
		Transfers: []*TransferView{}, Changelog: []*ChangeView{}, Sections: []*SectionView{},
	}
	for _, law := range p.PolicyLaws() {
		doc.Laws = append(doc.Laws, r.key("law.", law))
	}
	doc.ShowLaws = len(p.Law) > 0
	for _, l := range p.Languages {
		if l != r.lang {
			doc.Alternates = append(doc.Alternates, Alternate{Lang: l, Name: languageName(l), Href: "../" + l + "/" + p.ID})
		}
	}
	if p.Banner != nil {
		doc.Banner = &BannerView{Text: r.text(p.Banner.Text), ChoiceLifetime: r.duration(p.Banner.ChoiceLifetime)}
		if lt := doc.Banner.ChoiceLifetime; lt != nil {
			doc.Banner.ChoiceStated = strings.Contains(doc.Banner.Text, lt.Text)
		}
	}
	for _, c := range p.Controllers {
		doc.Controllers = append(doc.Controllers, r.party(c))
	}
	doc.DPO = r.party(p.DPO)

	vendors := map[string]*VendorView{}
	for _, v := range p.Vendors {
		vv := &VendorView{ID: v.ID, Name: v.Name, Description: r.text(v.Description), PrivacyPolicy: v.PrivacyPolicy.URL, OptOut: v.OptOut.URL}
		if v.Country.Code != "" {
			c := r.country(v.Country)
			vv.Country = &c
		}
		if v.Role != "" {
			vv.Role = r.keyFact("role.", v.Role)
		}
		if v.Address != nil {
			vv.Address = strings.Join(r.address(v.Address), ", ")
		}
		vendors[v.ID] = vv
		doc.Vendors = append(doc.Vendors, vv)
	}

	for _, c := range p.TrackerCategories {
		cv := &CategoryView{ID: c.ID, Name: r.text(c.Name), Description: r.text(c.Description), ConsentRequired: c.ConsentRequired,
			LegalBases: r.bases(c.LegalBases), Transfers: []*TransferView{}, Trackers: []*TrackerView{}}
		cv.Consent = m.T("trackers.consent_not_required")
		if c.ConsentRequired {
			cv.Consent = m.T("trackers.consent_required")
		}
		for _, t := range c.Transfers {
			cv.Transfers = append(cv.Transfers, r.transfer(t))
		}
		doc.categoryByID[c.ID] = cv
		doc.Categories = append(doc.Categories, cv)
	}
	// The trackers' views, and their lists of names and of facts, are cut
	// from one array each rather than allocated row by row: a policy of
	// 100,000 trackers has half a million of them per language.
	views := make([]TrackerView, len(p.Trackers))
	var nNames, nFacts int
	for _, t := range p.Trackers {
		nNames += len(t.Names)
		nFacts += len(t.Technologies) + len(t.Countries)
	}
	names, facts := make([]NameView, nNames), make([]Fact, nFacts)
	literals := make([]model.NamePart, nNames) // the one part of each plain name
	for i, t := range p.Trackers {
		tv := &views[i]
		*tv = TrackerView{ID: t.ID, Provider: vendors[t.Provider.ID], Purpose: r.text(t.Purpose), Lifetime: r.duration(t.Lifetime),
			Names: cut(&names, len(t.Names)), Technologies: cut(&facts, len(t.Technologies)), Countries: cut(&facts, len(t.Countries))}
		tv.Storage = "device"
		if t.Storage != "" {
			tv.Storage = t.Storage
		}
		if len(t.LegalBases) > 0 {
			tv.LegalBases = r.bases(t.LegalBases)
		}
		tv.LegitimateInterest = r.text(t.LegitimateInterest)
		for _, n := range t.Names {
			nv := NameView{Name: n.Name, Lifetime: r.duration(n.Lifetime)}
			if strings.ContainsAny(n.Name, model.NamePatternMarks) {
				nv.parts, _ = model.ParseNamePattern(n.Name)
			} else if n.Name != "" {
				nv.parts = append(cut(&literals, 1), model.NamePart{Text: n.Name}) // as ParseNamePattern parses it
			}
			if n.IsPattern() {
				nv.Pattern, nv.Regexp = true, model.NameRegexp(nv.parts)
				doc.categoryByID[t.Category.ID].notePatterns()
			}
			tv.Names = append(tv.Names, nv)
		}
		for _, tech := range t.Technologies {
			tv.Technologies = append(tv.Technologies, r.key("technology.", tech.Key))
		}
		for _, c := range t.Countries {
			tv.Countries = append(tv.Countries, r.country(c))
		}
		if t.Party != "" {
			tv.Party = r.keyFact("party.", t.Party)
		}
		if cv := doc.categoryByID[t.Category.ID]; cv != nil {
			tv.ConsentReq = cv.ConsentRequired
			cv.Trackers = append(cv.Trackers, tv)
		}
	}

	doc.DataCategories = make([]*DataCategoryView, 0, len(p.DataCategories))
	for _, c := range p.DataCategories {
		doc.DataCategories = append(doc.DataCategories, &DataCategoryView{ID: c.ID, Name: r.text(c.Name), Description: r.text(c.Description), Special: c.Special})
	}
	r.processing(doc, vendors)

	for _, t := range p.Transfers {
		doc.Transfers = append(doc.Transfers, r.transfer(t))
	}
	if p.Rights != nil {
		doc.Rights = r.rights(p.Rights)
	}
	for _, c := range p.Changelog {
		doc.Changelog = append(doc.Changelog, &ChangeView{Version: c.Version, Date: r.date(c.Date), Summary: r.text(c.Summary)})
	}
	doc.Sections = r.sections(doc, p.Sections, 2)
	if extra := r.unplaced(doc); extra != nil {
		doc.Sections = append(doc.Sections, extra)
	}
	doc.rows = len(p.Trackers) + len(p.Processing)
	return doc
}

func (r *resolver) transfer(t *model.Transfer) *TransferView {
	tv := &TransferView{Safeguard: r.legal("safeguard."+t.Safeguard.Key, t.Safeguard.Key), Note: r.text(t.Note), Countries: make([]Fact, 0, len(t.Countries))}
	codes := make([]string, 0, len(t.Countries))
	if len(t.Countries) == 0 {
		// No country named: third countries in general.
		tv.Countries = append(tv.Countries, Fact{Raw: "third-countries", Text: r.m.T("transfers.third_countries")})
	}
	for _, c := range t.Countries {
		tv.Countries = append(tv.Countries, r.country(c))
		codes = append(codes, c.Code)
	}
	countries := r.m.CountryList(codes)
	if len(codes) == 0 {
		countries = r.m.T("transfers.third_countries")
	}
	tv.Text = r.m.Label(r.m.T("transfers.to", "Countries", countries)) + " " + tv.Safeguard.Text + "."
	return tv
}

func (r *resolver) processing(doc *Document, vendors map[string]*VendorView) {
	p := r.p
	categories := map[string]*model.DataCategory{}
	for _, c := range p.DataCategories {
		categories[c.ID] = c
	}
	subjects := map[string]*model.DataSubject{}
	for _, s := range p.DataSubjects {
		subjects[s.ID] = s
	}
	recipients := map[string]*model.Recipient{}
	for _, rc := range p.Recipients {
		recipients[rc.ID] = rc
		if rc.General {
			doc.Recipients = append(doc.Recipients, r.recipient(rc, vendors))
		}
	}
	footnotes := map[string]*model.Footnote{}
	for _, f := range p.Footnotes {
		footnotes[f.ID] = f
	}
	for _, g := range p.ProcessingGroups {
		gv := &GroupView{ID: g.ID, Title: r.text(g.Title), LegalBases: r.bases(g.LegalBases), Activities: []*ActivityView{}, Footnotes: []FootnoteView{}}
		doc.groupByID[g.ID] = gv
		doc.Groups = append(doc.Groups, gv)
	}
	for _, a := range p.Processing {
		gv := doc.groupByID[a.Group.ID]
		if gv == nil && a.Group.ID == "" {
			// Activities of no group form a table of their own, which the
			// page shows at its end.
			gv = &GroupView{Title: r.m.T("processing.ungrouped"), LegalBases: []Fact{}, Activities: []*ActivityView{}, Footnotes: []FootnoteView{}}
			doc.groupByID[""] = gv
			doc.Groups = append(doc.Groups, gv)
		}
		if gv == nil {
			continue
		}
		av := &ActivityView{ID: a.ID, Purpose: r.text(a.Purpose), LegalBases: r.bases(a.LegalBases),
			LegitimateInterest: r.text(a.LegitimateInterest), Source: r.text(a.Source.Text), Requirement: r.text(a.Requirement),
			AutomatedDecisions: r.text(a.AutomatedDecisions), Conditions: r.text(a.Conditions), OnDevice: a.OnDevice,
			DataSubjects: []Fact{}, DataCategories: []Fact{}, Retention: []RetentionView{}, Recipients: []RecipientView{}, Transfers: []*TransferView{}}
		if len(av.LegalBases) == 0 {
			av.LegalBases = gv.LegalBases
		}
		for _, s := range a.DataSubjects {
			if sv := subjects[s.ID]; sv != nil {
				av.DataSubjects = append(av.DataSubjects, Fact{Raw: s.ID, Text: r.text(sv.Name)})
			}
		}
		for _, c := range a.DataCategories {
			if cv := categories[c.ID]; cv != nil {
				name := r.text(cv.Name)
				av.Special = av.Special || cv.Special
				if c.OnDevice && !a.OnDevice {
					av.OnDeviceData = append(av.OnDeviceData, c.ID)
					name = r.m.T("processing.on_device_item", "Category", name)
				}
				av.DataCategories = append(av.DataCategories, Fact{Raw: c.ID, Text: name})
			}
		}
		for _, ret := range a.Retention {
			if ret == nil {
				continue
			}
			rv := RetentionView{Raw: ret.Rule, Text: r.retention(ret), Note: r.text(ret.Note), Criteria: r.text(ret.Criteria)}
			for _, f := range ret.For {
				if cv := categories[f.ID]; cv != nil {
					rv.For = append(rv.For, Fact{Raw: f.ID, Text: r.text(cv.Name)})
				}
			}
			av.Retention = append(av.Retention, rv)
		}
		for _, ru := range a.Recipients {
			rc := recipients[ru.Recipient.ID]
			if rc == nil {
				continue
			}
			rv := r.recipient(rc, vendors)
			rv.Note = r.text(ru.Note)
			av.Recipients = append(av.Recipients, rv)
		}
		for _, t := range a.Transfers {
			av.Transfers = append(av.Transfers, r.transfer(t))
		}
		var markers []string
		for _, f := range a.Footnotes {
			fn := footnotes[f.ID]
			if fn == nil {
				continue
			}
			marker := ""
			for _, existing := range gv.Footnotes {
				if existing.ID == fn.ID {
					marker = existing.Marker
				}
			}
			if marker == "" {
				marker = "(" + strings.Repeat("*", len(gv.Footnotes)+1) + ")"
				gv.Footnotes = append(gv.Footnotes, FootnoteView{ID: fn.ID, Marker: marker, Text: r.text(fn.Text)})
			}
			markers = append(markers, marker)
		}
		av.Markers = strings.Join(markers, " ")
		m := r.m
		for _, x := range []struct{ id, text string }{
			{"processing.conditions", av.Conditions},
			{"processing.legitimate_interest", av.LegitimateInterest}, {"processing.source", av.Source},
			{"processing.requirement", av.Requirement}, {"processing.automated", av.AutomatedDecisions},
		} {
			if x.text != "" {
				av.Notes = append(av.Notes, LabelledText{Label: m.T(x.id), Text: x.text})
			}
		}
		gv.Activities = append(gv.Activities, av)
	}
}

func (r *resolver) recipient(rc *model.Recipient, vendors map[string]*VendorView) RecipientView {
	rv := RecipientView{ID: rc.ID, Name: r.text(rc.Name), Description: r.text(rc.Description), Vendor: vendors[rc.Vendor.ID]}
	if rc.Country.Code != "" {
		c := r.country(rc.Country)
		rv.Country = &c
	}
	return rv
}

// retention renders a retention rule as a phrase such as "1 year from the
// interaction concerned, then 4 years in archive".
func (r *resolver) retention(ret *model.Retention) string {
	if ret.Rule == "" {
		return r.formatRetention(ret)
	}
	return memo(&r.retentions, ret.Rule, func() string { return r.formatRetention(ret) })
}

func (r *resolver) formatRetention(ret *model.Retention) string {
	m := r.m
	var parts []string
	switch {
	case ret.Period != nil && ret.Typical && ret.From != "":
		parts = append(parts, m.T("retention.typically_from", "Period", r.durationText(ret.Period), "Event", m.T("event."+ret.From)))
	case ret.Period != nil && ret.Typical:
		parts = append(parts, m.T("retention.typically", "Period", r.durationText(ret.Period)))
	case ret.Period != nil && ret.From != "":
		parts = append(parts, m.T("retention.period_from", "Period", r.durationText(ret.Period), "Event", m.T("event."+ret.From)))
	case ret.Period != nil:
		parts = append(parts, m.T("retention.period", "Period", r.durationText(ret.Period)))
	case ret.Until != "" && ret.Plus != nil:
		parts = append(parts, m.T("retention.until_plus", "Event", m.T("event."+ret.Until), "Plus", r.durationText(ret.Plus)))
	case ret.Until != "":
		parts = append(parts, m.T("retention.until", "Event", m.T("event."+ret.Until)))
	}
	if ret.Archive != nil {
		parts = append(parts, m.T("retention.archive", "Archive", r.durationText(ret.Archive)))
	}
	if ret.Anonymised {
		parts = append(parts, m.T("retention.anonymised"))
	}
	if ret.Max != nil {
		parts = append(parts, m.T("retention.max", "Max", r.durationText(ret.Max)))
	}
	return strings.Join(parts, ", ")
}

func (r *resolver) rights(rt *model.Rights) *RightsView {
	rv := &RightsView{List: []Fact{}, Channels: []ChannelView{}, Authorities: []AuthorityView{}, Note: r.text(rt.Note)}
	for _, k := range rt.List {
		concept := "rights." + k.Key
		if k.Key == "complaint" {
			concept = "rights.complaint-right"
		}
		rv.List = append(rv.List, r.legal(concept, k.Key))
	}
	for _, c := range rt.Channels {
		switch {
		case c.Form.URL != "":
			rv.Channels = append(rv.Channels, ChannelView{Kind: "form", Value: c.Form.URL, Href: c.Form.URL})
		case c.Email != "":
			rv.Channels = append(rv.Channels, ChannelView{Kind: "email", Value: c.Email, Href: "mailto:" + c.Email})
		case c.Post != nil:
			rv.Channels = append(rv.Channels, ChannelView{Kind: "post", Address: r.address(c.Post)})
		}
	}
	for _, a := range rt.Authorities {
		if a.Authority == nil {
			continue
		}
		name := a.Authority.Name
		if localizedAuthorities[a.Authority.Key] {
			name = r.m.T("authority." + a.Authority.Key)
		}
		if local := r.text(a.Authority.LocalName); local != "" {
			name = local
		}
		rv.Authorities = append(rv.Authorities, AuthorityView{Key: a.Authority.Key, Name: name, Description: r.text(a.Authority.Description),
			Country: r.country(a.Authority.Country), URL: a.Authority.URL.URL, Scope: r.text(a.Scope)})
	}
	return rv
}

// localizedAuthorities are the known authorities whose name the locales
// give, as it differs by language.
var localizedAuthorities = map[string]bool{"ico": true, "fdpic": true, "cai": true}

func (r *resolver) sections(doc *Document, ss []*model.Section, level int) []*SectionView {
	out := make([]*SectionView, 0, len(ss))
	for _, s := range ss {
		sv := &SectionView{ID: s.ID, Level: min(level, 6), Title: r.text(s.Title), Body: r.text(s.Body)}
		for _, b := range s.Blocks {
			bv := BlockView{Kind: b.Kind, Ref: b.Ref.ID, Level: min(level+1, 6)}
			switch b.Kind {
			case "trackers":
				bv.Category = doc.categoryByID[b.Ref.ID]
			case "processing":
				bv.Group = doc.groupByID[b.Ref.ID]
			}
			sv.Blocks = append(sv.Blocks, bv)
		}
		sv.Sections = r.sections(doc, s.Sections, level+1)
		out = append(out, sv)
	}
	return out
}

// unplaced is the section appended at the end of the page for the blocks
// no section places, or nil when every block is placed.
func (r *resolver) unplaced(doc *Document) *SectionView {
	blocks := r.p.Unplaced()
	if len(blocks) == 0 {
		return nil
	}
	taken := map[string]bool{}
	var walk func([]*SectionView)
	walk = func(ss []*SectionView) {
		for _, s := range ss {
			taken[s.ID] = true
			walk(s.Sections)
		}
	}
	walk(doc.Sections)
	id := model.UnplacedSectionID
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", model.UnplacedSectionID, n)
	}
	bs := make([]model.Block, len(blocks))
	for i, b := range blocks {
		bs[i] = b.Block
	}
	sv := r.sections(doc, []*model.Section{{ID: id, Blocks: bs}}, 2)[0]
	sv.Title = r.m.T("page.further_information")
	return sv
}

// memo returns the value under k in *m, made by make the first time and
// kept, the map made when first needed.
func memo[K comparable, V any](m *map[K]V, k K, make func() V) V {
	if v, ok := (*m)[k]; ok {
		return v
	}
	if *m == nil {
		*m = map[K]V{}
	}
	v := make()
	(*m)[k] = v
	return v
}

// cut returns the next n elements of *slab as an empty slice with room for
// n, and moves *slab past them.
func cut[T any](slab *[]T, n int) []T {
	s := (*slab)[:0:n]
	*slab = (*slab)[n:]
	return s
}

// languageName is a language's name in itself, for the language switcher.
func languageName(lang string) string {
	return map[string]string{"nl": "Nederlands", "en": "English", "fr": "Français"}[lang]
}
