package diff

import (
	"hash/maphash"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// A policy is compared by flattening each version into entries keyed by
// their id path, then matching keys. An item (a tracker, an activity, a
// recipient of an activity) is reported as added or removed as a whole; a
// field (a lifetime, a purpose) as changed. Fields of an item that exists
// on one side only are not reported on their own.
type entry struct {
	segs   []string
	key    string // segs joined by sep
	parent string // key of the enclosing item; "" for the policy itself
	kind   string // a field's change kind, or an item's kind before ".added"/".removed"
	item   bool
	// silent items are definitions shown only where they are used (a
	// recipient, a data category): their use is added or removed, not they.
	silent bool
	// compare, for an item, is the kind under which a change of the item's
	// own value is reported; "" when only its fields are compared.
	compare string
	// weak marks a value inherited from elsewhere, such as the row lifetime
	// of a tracker name: a change of it is reported where it is written.
	weak  bool
	value Value
}

type flat struct {
	entries []entry
	// byHash finds an entry by a hash of its key, and other by the key
	// itself when another key has the same hash. A map of the keys made
	// comparing a large policy slower than linear: each lookup read the
	// key's bytes far from the map, and a 10,000-row policy has 150,000
	// keys.
	seed   maphash.Seed
	byHash map[uint64]int32
	other  map[string]int
}

func newFlat(size int) flat {
	return flat{entries: make([]entry, 0, size), seed: maphash.MakeSeed(), byHash: make(map[uint64]int32, size)}
}

// find returns the index of the entry under key.
func (f *flat) find(key string) (int, bool) {
	if i, ok := f.byHash[maphash.String(f.seed, key)]; ok && f.entries[i].key == key {
		return int(i), true
	}
	i, ok := f.other[key]
	return i, ok
}

// has reports whether an entry is under key.
func (f *flat) has(key string) bool {
	_, ok := f.find(key)
	return ok
}

// insert indexes the last entry under its key, which no other entry has.
func (f *flat) insert(key string) {
	i := len(f.entries) - 1
	h := maphash.String(f.seed, key)
	if _, taken := f.byHash[h]; !taken {
		f.byHash[h] = int32(i)
		return
	}
	if f.other == nil {
		f.other = map[string]int{}
	}
	f.other[key] = i
}

// sep joins path segments into keys; ids cannot hold it, cookie names
// could hold a dot.
const sep = "\x00"

type flattener struct {
	p *model.Policy
	flat
	block      []string
	vendors    map[string]*model.Vendor
	vendorName map[string]map[string]string
	categories map[string]*model.TrackerCategory
	// categoryRefs are made once per category: thousands of trackers share
	// a few.
	categoryRefs map[string]Value
	groups       map[string]*model.ProcessingGroup
	recipients   map[string]*model.Recipient
	dataCats     map[string]*model.DataCategory
	subjects     map[string]*model.DataSubject
}

func flatten(p *model.Policy) *flat {
	// About 12 entries per tracker row and 16 per activity.
	size := 12*len(p.Trackers) + 16*len(p.Processing) + 8*(len(p.Vendors)+len(p.Recipients)+len(p.DataCategories)) + 64
	f := &flattener{p: p, flat: newFlat(size)}
	f.lookups()
	f.meta()
	f.parties()
	f.vendorList()
	f.trackers()
	f.processing()
	f.transfers(root, p.Transfers)
	f.rights()
	f.field(root, "policy.security-measures", text(p.SecurityMeasures), "security-measures")
	f.sections()
	return &f.flat
}

func (f *flattener) lookups() {
	p := f.p
	f.vendors = map[string]*model.Vendor{}
	f.vendorName = map[string]map[string]string{}
	for _, v := range p.Vendors {
		f.vendors[v.ID] = v
		names := make(map[string]string, len(p.Languages))
		for _, l := range p.Languages {
			names[l] = v.Name
		}
		f.vendorName[v.ID] = names
	}
	f.categories = byID(p.TrackerCategories, func(c *model.TrackerCategory) string { return c.ID })
	f.categoryRefs = map[string]Value{}
	f.groups = byID(p.ProcessingGroups, func(g *model.ProcessingGroup) string { return g.ID })
	f.recipients = byID(p.Recipients, func(r *model.Recipient) string { return r.ID })
	f.dataCats = byID(p.DataCategories, func(c *model.DataCategory) string { return c.ID })
	f.subjects = byID(p.DataSubjects, func(s *model.DataSubject) string { return s.ID })
}

func byID[T any](items []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(items))
	for _, it := range items {
		m[id(it)] = it
	}
	return m
}

// node is where an entry is: its segments and its key. The zero node is
// the policy itself.
type node struct {
	segs []string
	key  string
}

var root node

// add records an entry at owner's segments followed by rel, and returns
// its node; owner is the enclosing item. Keys come from the identity scheme
// of the model (model/identity.go), which the translation lock uses too; a
// key already taken gets model.DuplicateKey, so that two entries never
// merge.
func (f *flattener) add(owner node, kind string, item bool, v Value, rel ...string) node {
	// Segments come out of one shared block: a policy has a great many
	// short paths, and allocating each on its own dominates flattening.
	n := len(owner.segs) + len(rel)
	if len(f.block)+n > cap(f.block) {
		f.block = make([]string, 0, max(4096, n))
	}
	start := len(f.block)
	f.block = append(append(f.block, owner.segs...), rel...)
	segs := f.block[start : start+n : start+n]
	key := joinKey(owner.key, rel)
	// A key already taken is found by the index, never by scanning the
	// entries: an activity with several retention rules repeats its key,
	// and a scan made that quadratic in the size of the policy.
	if f.has(key) {
		last := rel[len(rel)-1]
		for n := 2; ; n++ {
			segs[len(segs)-1] = model.DuplicateKey(last, n)
			key = joinKey(owner.key, segs[len(owner.segs):])
			if !f.has(key) {
				break
			}
		}
	}
	f.entries = append(f.entries, entry{segs: segs, key: key, parent: owner.key, kind: kind, item: item, value: v})
	f.insert(key)
	return node{segs, key}
}

func joinKey(owner string, rel []string) string {
	n := len(owner) + len(rel)
	for _, r := range rel {
		n += len(r)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(owner)
	for i, r := range rel {
		if i > 0 || owner != "" {
			b.WriteString(sep)
		}
		b.WriteString(r)
	}
	return b.String()
}

// field records a field; an absent value is not recorded, and compares as
// absent with whatever the other side holds.
func (f *flattener) field(owner node, kind string, v Value, rel ...string) {
	if !v.IsZero() {
		f.add(owner, kind, false, v, rel...)
	}
}

func (f *flattener) last() *entry { return &f.entries[len(f.entries)-1] }

// Values of the model's types; an absent one gives the zero Value.

func str(s string) Value {
	if s == "" {
		return Value{}
	}
	return Value{Type: "string", Raw: s}
}

func text(t model.Text) Value {
	if len(t.Values) == 0 {
		return Value{}
	}
	return Value{Type: "text", Text: t.Values}
}

func duration(d *model.Duration) Value {
	if d == nil {
		return Value{}
	}
	return Value{Type: "duration", Raw: d.String(), Duration: d}
}

func retention(r *model.Retention) Value {
	if r.Rule == "" {
		return Value{}
	}
	return Value{Type: "retention", Raw: r.Rule, Retention: r}
}

func date(d model.Date) Value {
	if d.IsZero() {
		return Value{}
	}
	return Value{Type: "date", Raw: d.String(), Date: &d}
}

func key(typ, k string) Value {
	if k == "" {
		return Value{}
	}
	return Value{Type: typ, Raw: k}
}

func country(c model.Country) Value { return key("country", c.Code) }

func url(u model.URL) Value { return str(u.URL) }

func name(id string, t model.Text) Value {
	if id == "" {
		return Value{}
	}
	return Value{Type: "name", Raw: id, Text: t.Values}
}

func consent(required bool) Value {
	if required {
		return Value{Type: "consent", Raw: "required"}
	}
	return Value{Type: "consent", Raw: "not-required"}
}

// list is a list of the values that are present; it is absent when none is.
func list(vs ...Value) Value {
	vs = slices.DeleteFunc(vs, Value.IsZero)
	if len(vs) == 0 {
		return Value{}
	}
	return Value{Type: "list", Items: vs}
}

// set is a list whose order means nothing: sorted, so that reordering is
// no change.
func set(vs []Value) Value {
	v := list(vs...)
	slices.SortFunc(v.Items, func(a, b Value) int { return strings.Compare(a.Raw, b.Raw) })
	v.Items = slices.CompactFunc(v.Items, func(a, b Value) bool { return a.Raw == b.Raw && a.Type == b.Type })
	return v
}

// with returns v qualified by the items that are present.
func with(v Value, items ...Value) Value {
	for _, it := range items {
		if !it.IsZero() {
			v.Items = append(v.Items, it)
		}
	}
	return v
}

func (f *flattener) meta() {
	p := f.p
	f.field(root, "policy.version", str(p.Version), "version")
	f.field(root, "policy.effective", date(p.Effective), "effective")
	f.field(root, "policy.title", text(p.Title), "title")
	f.field(root, "policy.kind", key("kind", p.Kind), "kind")
	// Ordered: the first language is the one the others are translated from.
	langs := make([]Value, len(p.Languages))
	for i, l := range p.Languages {
		langs[i] = key("language", l)
	}
	f.field(root, "policy.languages", list(langs...), "languages")
	// Entries of the change history are shown only with the version they
	// describe; a reworded summary is a change of wording.
	for _, c := range p.Changelog {
		at := f.add(root, "changelog", true, str(c.Version), "changelog", model.ChangelogKey(c))
		f.last().silent = true
		f.field(at, "changelog.summary", text(c.Summary), "summary")
	}
	if b := p.Banner; b != nil {
		f.field(root, "banner.text", text(b.Text), "banner", "text")
		f.field(root, "banner.choice-lifetime", duration(b.ChoiceLifetime), "banner", "choice-lifetime")
	}
}

// address records a postal address at rel of owner: the department, which
// is prose, as a text of its own, and the rest as one value.
func (f *flattener) address(owner node, kind string, a *model.Address, rel ...string) {
	if a == nil {
		return
	}
	f.field(owner, kind, addressValue(a), rel...)
	f.field(owner, kind, text(a.Department), append(rel, "department")...)
}

func addressValue(a *model.Address) Value {
	return list(str(a.Street), str(strings.TrimSpace(a.Postcode+" "+a.City)), country(a.Country))
}

func (f *flattener) parties() {
	for _, c := range f.p.Controllers {
		f.party(root, "controller", c, "controllers", model.PartyKey(c))
	}
	if f.p.DPO != nil {
		f.party(root, "dpo", f.p.DPO, "dpo")
	}
}

func (f *flattener) party(owner node, kind string, p *model.Party, rel ...string) {
	var c model.Country
	if p.Address != nil {
		c = p.Address.Country
	}
	at := f.add(owner, kind, true, with(str(p.Name), country(c)), rel...)
	f.field(at, "party.name", str(p.Name), "name")
	f.field(at, "party.description", text(p.Description), "description")
	f.address(at, "party.address", p.Address, "address")
	if r := p.Registration; r != nil {
		f.field(at, "party.registration", text(r.Register), "registration", "register")
		f.field(at, "party.registration", str(r.Number), "registration", "number")
	}
	f.field(at, "party.contact", str(p.Email), "email")
	f.field(at, "party.contact", str(p.Phone), "phone")
	f.field(at, "party.contact", url(p.URL), "url")
	f.field(at, "party.contact", url(p.Form), "form")
	if p.Parent != nil {
		f.party(at, "party.parent", p.Parent, "parent")
	}
}

func (f *flattener) vendorList() {
	for _, v := range f.p.Vendors {
		at := f.add(root, "vendor", true, with(str(v.Name), country(v.Country), key("role", v.Role)), "vendors", v.ID)
		f.field(at, "vendor.name", str(v.Name), "name")
		f.field(at, "vendor.description", text(v.Description), "description")
		f.field(at, "vendor.country", country(v.Country), "country")
		f.field(at, "vendor.role", key("role", v.Role), "role")
		f.address(at, "vendor.address", v.Address, "address")
		f.field(at, "vendor.links", url(v.PrivacyPolicy), "privacy-policy")
		f.field(at, "vendor.links", url(v.OptOut), "opt-out")
	}
}

func (f *flattener) vendorRef(id string) Value {
	if id == "" {
		return Value{}
	}
	return Value{Type: "name", Raw: id, Text: f.vendorName[id]}
}

// categoryRef is a tracker category with whether it requires consent, which
// the rules on trackers need.
func (f *flattener) categoryRef(id string) Value {
	if v, ok := f.categoryRefs[id]; ok {
		return v
	}
	v := key("name", id)
	if c := f.categories[id]; c != nil {
		v = with(name(id, c.Name), consent(c.ConsentRequired))
	}
	f.categoryRefs[id] = v
	return v
}

func bases(bs []model.LegalBasis) Value {
	vs := make([]Value, len(bs))
	for i, b := range bs {
		vs[i] = key("basis", b.Key)
	}
	return set(vs)
}

// scopes records the part of the processing each basis covers, under the
// kind of the bases: a basis that comes to cover more or less is a change
// of the bases.
func (f *flattener) scopes(at node, kind string, bs []model.LegalBasis) {
	for _, b := range bs {
		f.field(at, kind, text(b.AppliesTo), "legal-bases", b.Key, "applies-to")
	}
}

func (f *flattener) trackers() {
	for _, c := range f.p.TrackerCategories {
		at := f.add(root, "tracker-category", true, with(name(c.ID, c.Name), consent(c.ConsentRequired)), "tracker-categories", c.ID)
		f.field(at, "tracker-category.name", text(c.Name), "name")
		f.field(at, "tracker-category.description", text(c.Description), "description")
		f.field(at, "tracker-category.consent", consent(c.ConsentRequired), "consent-required")
		f.field(at, "tracker-category.legal-bases", bases(c.LegalBases), "legal-bases")
		f.scopes(at, "tracker-category.legal-bases", c.LegalBases)
	}
	for _, t := range f.p.Trackers {
		cat := f.categoryRef(t.Category.ID)
		need := cat.Part("consent")
		var label Value
		if len(t.Names) > 0 {
			names := make([]string, len(t.Names))
			for i, n := range t.Names {
				names[i] = n.Name
			}
			label = str(strings.Join(names, ", "))
		} else {
			// A row without names is known by what it is for.
			label = name(t.ID, t.Purpose)
		}
		lifetime := duration(t.Lifetime)
		at := f.add(root, "tracker", true, with(label, f.vendorRef(t.Provider.ID), cat.Label(), lifetime, need), "trackers", t.ID)
		f.field(at, "tracker.provider", f.vendorRef(t.Provider.ID), "provider")
		f.field(at, "tracker.category", cat, "category")
		f.field(at, "tracker.purpose", text(t.Purpose), "purpose")
		f.field(at, "tracker.lifetime", lifetime, "lifetime")
		techs := make([]Value, len(t.Technologies))
		for i, k := range t.Technologies {
			techs[i] = key("technology", k.Key)
		}
		f.field(at, "tracker.technology", set(techs), "technology")
		countries := make([]Value, len(t.Countries))
		for i, c := range t.Countries {
			countries[i] = country(c)
		}
		f.field(at, "tracker.countries", set(countries), "countries")
		f.field(at, "tracker.party", key("party", t.Party), "party")
		// Only a cookieless row is recorded: "storage: device" and no
		// storage at all say the same.
		if t.Storage == "none" {
			f.field(at, "tracker.storage", key("storage", "none"), "storage")
		}
		f.field(at, "tracker.legal-bases", bases(t.LegalBases), "legal-bases")
		f.scopes(at, "tracker.legal-bases", t.LegalBases)
		f.field(at, "tracker.legitimate-interest", text(t.LegitimateInterest), "legitimate-interest")
		for _, n := range t.Names {
			own := duration(n.Lifetime)
			nameAt := f.add(at, "tracker.name", true, with(str(n.Name), own, need), "names", n.Name)
			switch {
			case !own.IsZero():
				f.add(nameAt, "tracker.name.lifetime", false, own, "lifetime")
			case !lifetime.IsZero():
				f.add(nameAt, "tracker.name.lifetime", false, lifetime, "lifetime")
				f.last().weak = true
			}
		}
	}
}

func (f *flattener) processing() {
	p := f.p
	for _, g := range p.ProcessingGroups {
		at := f.add(root, "group", true, name(g.ID, g.Title), "processing-groups", g.ID)
		f.field(at, "group.title", text(g.Title), "title")
		f.scopes(at, "activity.legal-bases", g.LegalBases)
		f.field(at, "group.short-title", text(g.ShortTitle), "short-title")
	}
	for _, r := range p.Recipients {
		at := f.add(root, "recipient", true, name(r.ID, r.Name), "recipients", r.ID)
		f.last().silent = true
		f.field(at, "recipient.name", text(r.Name), "name")
		f.field(at, "recipient.vendor", f.vendorRef(r.Vendor.ID), "vendor")
		f.field(at, "recipient.country", country(f.recipientCountry(r)), "country")
		f.field(at, "recipient.note", text(r.Note), "note")
		f.field(at, "recipient.description", text(r.Description), "description")
		if r.General {
			f.field(at, "recipient.general", key("general", "general"), "general")
		}
	}
	for _, c := range p.DataCategories {
		at := f.add(root, "data-category", true, name(c.ID, c.Name), "data-categories", c.ID)
		f.last().silent = true
		f.field(at, "data-category.name", text(c.Name), "name")
		f.field(at, "data-category.description", text(c.Description), "description")
		if c.Special {
			f.field(at, "data-category.special", key("special", "special"), "special")
		}
	}
	for _, s := range p.DataSubjects {
		at := f.add(root, "data-subject", true, name(s.ID, s.Name), "data-subjects", s.ID)
		f.last().silent = true
		f.field(at, "data-subject.name", text(s.Name), "name")
	}
	for _, fn := range p.Footnotes {
		at := f.add(root, "footnote", true, key("name", fn.ID), "footnotes", fn.ID)
		f.last().silent = true
		f.field(at, "footnote.text", text(fn.Text), "text")
	}
	for _, a := range p.Processing {
		f.activity(a)
	}
}

func (f *flattener) activity(a *model.Activity) {
	bs := a.LegalBases
	g := f.groups[a.Group.ID]
	if len(bs) == 0 && g != nil {
		bs = g.LegalBases
	}
	at := f.add(root, "activity", true, with(name(a.ID, a.Purpose), bases(bs)), "processing", a.ID)
	f.field(at, "activity.purpose", text(a.Purpose), "purpose")
	if g != nil {
		f.field(at, "activity.group", name(g.ID, g.Title), "group")
	} else {
		f.field(at, "activity.group", key("name", a.Group.ID), "group")
	}
	f.field(at, "activity.legal-bases", bases(bs), "legal-bases")
	f.scopes(at, "activity.legal-bases", a.LegalBases)
	f.field(at, "activity.legitimate-interest", text(a.LegitimateInterest), "legitimate-interest")
	f.field(at, "activity.conditions", text(a.Conditions), "conditions")
	if a.OnDevice {
		f.field(at, "activity.on-device", key("on-device", "on-device"), "on-device")
	}
	source := text(a.Source.Text)
	if a.Source.DataSubject {
		source = key("source", "data-subject")
	}
	f.field(at, "activity.source", source, "source")
	f.field(at, "activity.requirement", text(a.Requirement), "requirement")
	f.field(at, "activity.automated-decisions", text(a.AutomatedDecisions), "automated-decisions")
	f.field(at, "activity.security-measures", text(a.SecurityMeasures), "security-measures")
	notes := make([]Value, len(a.Footnotes))
	for i, r := range a.Footnotes {
		notes[i] = key("name", r.ID)
	}
	f.field(at, "activity.footnotes", set(notes), "footnotes")

	for _, r := range a.DataSubjects {
		var n model.Text
		if s := f.subjects[r.ID]; s != nil {
			n = s.Name
		}
		f.add(at, "activity.data-subject", true, name(r.ID, n), "data-subjects", r.ID)
	}
	for _, r := range a.DataCategories {
		v := key("name", r.ID)
		if c := f.dataCats[r.ID]; c != nil {
			v = name(r.ID, c.Name)
			if c.Special {
				v = with(v, key("special", "special"))
			}
		}
		useAt := f.add(at, "activity.data-category", true, v, "data-categories", r.ID)
		if r.OnDevice {
			f.field(useAt, "activity.on-device", key("on-device", "on-device"), "on-device")
		}
	}

	safeguards := map[string]string{}
	for _, ts := range [][]*model.Transfer{a.Transfers, f.p.Transfers} {
		for _, t := range ts {
			for _, c := range t.Countries {
				if _, ok := safeguards[c.Code]; !ok {
					safeguards[c.Code] = t.Safeguard.Key
				}
			}
		}
	}
	for _, ru := range a.Recipients {
		v := key("name", ru.Recipient.ID)
		if r := f.recipients[ru.Recipient.ID]; r != nil {
			c := f.recipientCountry(r)
			v = with(name(r.ID, r.Name), country(c))
			if c.Code != "" && !InEEA(c.Code) {
				sg := safeguards[c.Code]
				if sg == "" {
					sg = "none"
				}
				v = with(v, key("safeguard", sg))
			}
		}
		useAt := f.add(at, "activity.recipient", true, v, "recipients", ru.Recipient.ID)
		f.field(useAt, "activity.recipient.note", text(ru.Note), "note")
	}

	for _, r := range a.Retention {
		if r == nil {
			continue
		}
		rule := retention(r)
		shown := text(r.Criteria)
		if !rule.IsZero() {
			shown = with(rule, shown)
		}
		ruleAt := f.add(at, "retention", true, shown, "retention", model.RetentionKey(r))
		// The rule and the criteria are compared as one thing, a period:
		// either may replace the other.
		f.field(ruleAt, "retention.rule", rule, "rule")
		f.field(ruleAt, "retention.rule", text(r.Criteria), "criteria")
		f.field(ruleAt, "retention.note", text(r.Note), "note")
	}

	f.transfers(at, a.Transfers)
}

// recipientCountry is where a recipient is: its own country, or else its
// vendor's.
func (f *flattener) recipientCountry(r *model.Recipient) model.Country {
	if v := f.vendors[r.Vendor.ID]; r.Country.Code == "" && v != nil {
		return v.Country
	}
	return r.Country
}

// transfers records transfers by country: a transfer is what reaches one
// country on one ground, however the YAML groups the countries. The note
// of a transfer is the YAML's group's: it is kept at the group's key,
// which for a single country is the country's own.
func (f *flattener) transfers(owner node, ts []*model.Transfer) {
	for _, t := range ts {
		sg := key("safeguard", t.Safeguard.Key)
		var at node
		for _, c := range t.Countries {
			at = f.add(owner, "transfer", true, with(country(c), sg), "transfers", c.Code)
			f.field(at, "transfer.safeguard", sg, "safeguard")
		}
		if t.Note.IsZero() || len(t.Countries) == 0 {
			continue
		}
		if len(t.Countries) > 1 {
			countries := make([]Value, len(t.Countries))
			for i, c := range t.Countries {
				countries[i] = country(c)
			}
			at = f.add(owner, "transfer", true, set(countries), "transfers", model.TransferKey(t))
			f.last().silent = true
		}
		f.field(at, "transfer.note", text(t.Note), "note")
	}
}

func (f *flattener) rights() {
	rt := f.p.Rights
	if rt == nil {
		return
	}
	for _, r := range rt.List {
		f.add(root, "right", true, key("right", r.Key), "rights", "list", r.Key)
	}
	for _, c := range rt.Channels {
		seg := model.ChannelKey(c)
		if seg == "" {
			continue
		}
		v := str(seg)
		if c.Post != nil {
			v = addressValue(c.Post)
		}
		at := f.add(root, "channel", true, v, "rights", "channels", seg)
		f.last().compare = "channel.changed"
		if c.Post != nil {
			f.field(at, "channel.changed", text(c.Post.Department), "department")
		}
	}
	for _, a := range rt.Authorities {
		if a.Authority == nil {
			continue
		}
		seg := model.AuthorityKey(a.Authority)
		v := with(str(a.Authority.Name), country(a.Authority.Country), url(a.Authority.URL))
		at := f.add(root, "authority", true, v, "rights", "authorities", seg)
		f.last().compare = "authority.changed"
		f.field(at, "authority.changed", text(a.Authority.LocalName), "name")
		f.field(at, "authority.changed", text(a.Authority.Description), "description")
		f.field(at, "authority.scope", text(a.Scope), "scope")
	}
	f.field(root, "rights.note", text(rt.Note), "rights", "note")
}

func (f *flattener) sections() {
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			// Sections are keyed by id alone: moving one under another
			// heading is no change.
			at := f.add(root, "section", true, name(s.ID, s.Title), "sections", s.ID)
			f.field(at, "section.title", text(s.Title), "title")
			f.field(at, "section.body", text(s.Body), "body")
			blocks := make([]Value, len(s.Blocks))
			for i, b := range s.Blocks {
				raw := b.Kind
				if b.Ref.ID != "" {
					raw += ": " + b.Ref.ID
				}
				blocks[i] = str(raw)
			}
			f.field(at, "section.blocks", set(blocks), "blocks")
			walk(s.Sections)
		}
	}
	walk(f.p.Sections)
}

// eea are the member states of the European Economic Area.
var eea = map[string]bool{
	"AT": true, "BE": true, "BG": true, "HR": true, "CY": true, "CZ": true, "DK": true, "EE": true, "FI": true,
	"FR": true, "DE": true, "GR": true, "HU": true, "IE": true, "IT": true, "LV": true, "LT": true, "LU": true,
	"MT": true, "NL": true, "PL": true, "PT": true, "RO": true, "SK": true, "SI": true, "ES": true, "SE": true,
	"IS": true, "LI": true, "NO": true, "EU": true, "EEA": true,
}

// InEEA reports whether a country code is a member of the European Economic
// Area, or EU or EEA itself.
func InEEA(code string) bool { return eea[code] }
