package render

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// The DPV export describes a policy in the W3C Data Privacy Vocabulary 2.x
// and its EU GDPR extension, as JSON-LD. docs/exports.md has the mapping
// table; a fact DPV has no term for is written with a policyc term
// (PolicycNS) rather than left out, so the export holds every fact of the
// policy. Only the prose of the sections, which is the page's, is not
// exported.

// The namespaces of the export.
const (
	DPVNS     = "https://w3id.org/dpv#"
	GDPRNS    = "https://w3id.org/dpv/legal/eu/gdpr#"
	LocNS     = "https://w3id.org/dpv/loc#"
	PolicycNS = "https://github.com/policyc/policyc/blob/main/docs/exports.md#"
)

// DPVContext is the JSON-LD context of the export: prefixes only, so every
// key of the document is a compact IRI that expands to itself.
var DPVContext = [][2]string{
	{"dpv", DPVNS},
	{"eu-gdpr", GDPRNS},
	{"loc", LocNS},
	{"dct", "http://purl.org/dc/terms/"},
	{"skos", "http://www.w3.org/2004/02/skos/core#"},
	{"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"xsd", "http://www.w3.org/2001/XMLSchema#"},
	{"policyc", PolicycNS},
}

// gdprBases maps the legal bases to the EU GDPR extension; the Art. 9(2)
// and 49(1) keys map by their letters.
var gdprBases = map[string]string{
	"consent": "A6-1-a", "contract": "A6-1-b", "legal-obligation": "A6-1-c",
	"vital-interests": "A6-1-d", "public-interest": "A6-1-e", "legitimate-interests": "A6-1-f",
}

// dpvBases are the legal bases in DPV's law-neutral terms, for a policy
// written under another law than the EU GDPR.
var dpvBases = map[string]string{
	"consent": "Consent", "contract": "Contract", "legal-obligation": "LegalObligation",
	"vital-interests": "VitalInterest", "public-interest": "PublicInterest", "legitimate-interests": "LegitimateInterest",
}

// gdprSafeguards maps the grounds of a transfer to the EU GDPR extension;
// "art49" (a derogation not named) and "none" have no term.
var gdprSafeguards = map[string]string{"adequacy": "A45-3", "scc-2021-914": "A46-2-c", "bcr": "A46-2-b"}

// gdprRights maps the rights to the articles of the EU GDPR extension.
var gdprRights = map[string]string{
	"access": "A15", "rectification": "A16", "erasure": "A17", "restriction": "A18", "portability": "A20",
	"objection": "A21", "withdraw-consent": "A7-3", "automated-decisions": "A22", "complaint": "A77",
}

// dpvRoles are the DPV types of a vendor's role.
var dpvRoles = map[string]string{"processor": "dpv:DataProcessor", "controller": "dpv:DataController", "joint-controller": "dpv:DataController"}

// ld is a JSON-LD object whose keys keep the order they are added in.
type ld []ldKV

type ldKV struct {
	k string
	v any
}

func (o ld) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// set adds key with v unless v is empty: an absent fact is no statement.
func (o *ld) set(key string, v any) {
	switch x := v.(type) {
	case nil:
		return
	case string:
		if x == "" {
			return
		}
	case []any:
		if len(x) == 0 {
			return
		}
	case ld:
		if x == nil {
			return
		}
	}
	*o = append(*o, ldKV{key, v})
}

func ref(iri string) ld { return ld{{"@id", iri}} }

type dpvWriter struct {
	p   *model.Policy
	res []*resolver // one per language of the policy, in its order
	eu  bool        // written under the EU GDPR
}

// DPV writes p as JSON-LD in DPV terms.
func DPV(p *model.Policy) ([]byte, error) {
	w := &dpvWriter{p: p, eu: slices.Contains(p.PolicyLaws(), "eu-gdpr")}
	for _, lang := range p.Languages {
		m, err := locales.For(lang)
		if err != nil {
			return nil, err
		}
		w.res = append(w.res, &resolver{p: p, lang: lang, m: m})
	}
	doc := w.document()
	for _, r := range w.res {
		if err := r.m.Err(); err != nil {
			return nil, err
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// DPVFile is the name of the export of the policy id.
func DPVFile(id string) string { return id + ".dpv.jsonld" }

func (w *dpvWriter) iri(path ...string) string {
	return "urn:policyc:" + w.p.ID + ":" + strings.Join(path, ".")
}

// text is a localized text as language-tagged strings, its inline facts
// written out in each language.
func (w *dpvWriter) text(t model.Text) any {
	if t.IsZero() {
		return nil
	}
	var out []any
	for _, r := range w.res {
		if s := r.text(t); s != "" {
			out = append(out, ld{{"@value", s}, {"@language", r.lang}})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (w *dpvWriter) described(typ string, t model.Text) any {
	if t.IsZero() {
		return nil
	}
	return ld{{"@type", typ}, {"dct:description", w.text(t)}}
}

// source is where data come from: the data subject, or a source
// described in words.
func (w *dpvWriter) source(s model.Source) any {
	if s.DataSubject {
		return ld{{"@type", "dpv:DataSubjectDataSource"}}
	}
	return w.described("dpv:DataSource", s.Text)
}

func country(c model.Country) any {
	if c.Code == "" {
		return nil
	}
	return ref("loc:" + c.Code)
}

func link(u model.URL) any {
	if u.URL == "" {
		return nil
	}
	return ref(u.URL)
}

func date(d model.Date) any {
	if d.IsZero() {
		return nil
	}
	return ld{{"@value", d.String()}, {"@type", "xsd:date"}}
}

// xsdDuration is d as an xsd:duration ("P13M", "PT30M"); a week is seven
// days, as xsd:duration has no weeks. Sessions and persistent storage have
// none.
func xsdDuration(d *model.Duration) string {
	if d == nil || d.Session || d.Persistent || d.Unit == "" {
		return ""
	}
	n := strconv.Itoa(d.Amount)
	switch d.Unit {
	case "minute":
		return "PT" + n + "M"
	case "hour":
		return "PT" + n + "H"
	case "day":
		return "P" + n + "D"
	case "week":
		return "P" + strconv.Itoa(7*d.Amount) + "D"
	case "month":
		return "P" + n + "M"
	}
	return "P" + n + "Y"
}

func durationValue(d *model.Duration) any {
	if s := xsdDuration(d); s != "" {
		return ld{{"@value", s}, {"@type", "xsd:duration"}}
	}
	return nil
}

// duration is a tracker lifetime or a period as a DPV duration: its kind,
// its length, and the duration as written (policyc:duration), which also
// keeps a session's cap and "at most".
func (w *dpvWriter) duration(typ string, d *model.Duration) any {
	if d == nil {
		return nil
	}
	kind := "dpv:TemporalDuration"
	switch {
	case d.Persistent:
		kind = "dpv:EndlessDuration"
	case d.Session && d.Max == nil:
		kind = "dpv:UntilEventDuration"
	}
	o := ld{{"@type", []any{typ, kind}}}
	v := durationValue(d)
	if v == nil && d.Max != nil {
		v = durationValue(d.Max)
	}
	o.set("rdf:value", v)
	o.set("policyc:duration", d.String())
	return o
}

func (w *dpvWriter) bases(bs []model.LegalBasis) []any {
	var out []any
	for _, b := range bs {
		out = append(out, w.basis(b.Key))
	}
	return out
}

// scopes are the parts of the processing legal bases cover, for the
// bases that say so: DPV has no term for a basis limited to part of a
// process.
func (w *dpvWriter) scopes(bs []model.LegalBasis) []any {
	var out []any
	for _, b := range bs {
		if !b.AppliesTo.IsZero() {
			out = append(out, ld{{"policyc:legalBasis", b.Key}, {"policyc:appliesTo", w.text(b.AppliesTo)}})
		}
	}
	return out
}

// basis is a legal basis: the article of the EU GDPR extension, DPV's
// law-neutral term under another law, or the policyc key where DPV has
// none (an Art. 9(2) or 49(1) ground outside the EU GDPR).
func (w *dpvWriter) basis(key string) any {
	if w.eu {
		if a, ok := gdprBases[key]; ok {
			return ref("eu-gdpr:" + a)
		}
		for _, prefix := range []string{"art9-", "art49-"} {
			if rest, ok := strings.CutPrefix(key, prefix); ok {
				return ref("eu-gdpr:A" + strings.TrimSuffix(prefix[3:], "-") + "-" + rest)
			}
		}
	}
	if t, ok := dpvBases[key]; ok {
		return ref("dpv:" + t)
	}
	return ld{{"@type", "dpv:LegalBasis"}, {"policyc:legalBasis", key}}
}

func (w *dpvWriter) refs(list string, rs []model.Ref) []any {
	var out []any
	for _, r := range rs {
		out = append(out, ref(w.iri(list, r.ID)))
	}
	return out
}

func (w *dpvWriter) document() ld {
	p := w.p
	ctx := ld{}
	for _, c := range DPVContext {
		ctx = append(ctx, ldKV{c[0], c[1]})
	}
	doc := ld{{"@context", ctx}, {"@id", "urn:policyc:" + p.ID}, {"@type", "dpv:PrivacyNotice"}}
	doc.set("dct:title", w.text(p.Title))
	doc.set("dct:hasVersion", p.Version)
	doc.set("dct:valid", date(p.Effective))
	doc.set("dct:language", anys(p.Languages))
	doc.set("policyc:kind", p.Kind)
	doc.set("policyc:law", anys(p.PolicyLaws()))
	var controllers []any
	for _, c := range p.Controllers {
		controllers = append(controllers, w.party("dpv:DataController", w.iri("controllers", model.PartyKey(c)), c))
	}
	doc.set("dpv:hasDataController", controllers)
	if p.DPO != nil {
		doc.set("dpv:hasDataProtectionOfficer", w.party("dpv:DataProtectionOfficer", w.iri("dpo"), p.DPO))
	}
	doc.set("dpv:hasTechnicalOrganisationalMeasure", w.described("dpv:TechnicalOrganisationalMeasure", p.SecurityMeasures))

	var processes []any
	for _, a := range p.Processing {
		processes = append(processes, w.activity(a))
	}
	for _, c := range p.TrackerCategories {
		processes = append(processes, w.trackerCategory(c))
	}
	doc.set("dpv:hasProcess", processes)
	doc.set("policyc:transfer", w.transfers(p.Transfers))
	if p.Rights != nil {
		w.rights(&doc, p.Rights)
	}
	if p.Banner != nil {
		doc.set("policyc:bannerText", w.text(p.Banner.Text))
		if d := p.Banner.ChoiceLifetime; d != nil {
			doc.set("policyc:choiceLifetime", w.duration("dpv:StorageDuration", d))
		}
	}
	var changes []any
	for _, c := range p.Changelog {
		o := ld{{"@type", "policyc:Change"}}
		o.set("dct:hasVersion", c.Version)
		o.set("dct:date", date(c.Date))
		o.set("dct:description", w.text(c.Summary))
		changes = append(changes, o)
	}
	doc.set("policyc:change", changes)

	// The definitions the processing refers to, each once, by its IRI.
	var groups []any
	for _, g := range p.ProcessingGroups {
		o := ld{{"@id", w.iri("processing-groups", g.ID)}, {"@type", "policyc:ProcessingGroup"}}
		o.set("skos:prefLabel", w.text(g.Title))
		o.set("dpv:hasLegalBasis", w.bases(g.LegalBases))
		o.set("policyc:legalBasisScope", w.scopes(g.LegalBases))
		groups = append(groups, o)
	}
	doc.set("policyc:processingGroup", groups)
	var subjects []any
	for _, s := range p.DataSubjects {
		o := ld{{"@id", w.iri("data-subjects", s.ID)}, {"@type", "dpv:DataSubject"}}
		o.set("skos:prefLabel", w.text(s.Name))
		subjects = append(subjects, o)
	}
	doc.set("dpv:hasDataSubject", subjects)
	var categories []any
	for _, c := range p.DataCategories {
		typ := "dpv:PersonalData"
		if c.Special {
			typ = "dpv:SpecialCategoryPersonalData"
		}
		o := ld{{"@id", w.iri("data-categories", c.ID)}, {"@type", typ}}
		o.set("skos:prefLabel", w.text(c.Name))
		o.set("dct:description", w.text(c.Description))
		o.set("dpv:hasDataSource", w.source(c.Source))
		categories = append(categories, o)
	}
	doc.set("dpv:hasPersonalData", categories)
	var recipients []any
	for _, rc := range p.Recipients {
		o := ld{{"@id", w.iri("recipients", rc.ID)}, {"@type", "dpv:Recipient"}}
		o.set("dpv:hasName", w.text(rc.Name))
		if rc.Vendor.ID != "" {
			o.set("policyc:vendor", ref(w.iri("vendors", rc.Vendor.ID)))
		}
		o.set("dpv:hasCountry", country(rc.Country))
		o.set("policyc:note", w.text(rc.Note))
		o.set("dct:description", w.text(rc.Description))
		if rc.General {
			o.set("policyc:allProcessing", true)
		}
		recipients = append(recipients, o)
	}
	doc.set("dpv:hasRecipient", recipients)
	var vendors []any
	for _, v := range p.Vendors {
		types := []any{"dpv:LegalEntity"}
		if t, ok := dpvRoles[v.Role]; ok {
			types = append(types, t)
		}
		o := ld{{"@id", w.iri("vendors", v.ID)}, {"@type", types}}
		o.set("dpv:hasName", v.Name)
		o.set("dct:description", w.text(v.Description))
		o.set("policyc:role", v.Role)
		o.set("dpv:hasCountry", country(v.Country))
		o.set("dpv:hasAddress", w.address(v.Address))
		o.set("dpv:hasPolicy", link(v.PrivacyPolicy))
		o.set("policyc:optOut", link(v.OptOut))
		vendors = append(vendors, o)
	}
	doc.set("policyc:vendor", vendors)
	var notes []any
	for _, f := range p.Footnotes {
		o := ld{{"@id", w.iri("footnotes", f.ID)}, {"@type", "policyc:Footnote"}}
		o.set("dct:description", w.text(f.Text))
		notes = append(notes, o)
	}
	doc.set("policyc:footnote", notes)
	return doc
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// address is a postal address on one line in each language, the country
// named in that language.
func (w *dpvWriter) address(a *model.Address) any {
	if a == nil {
		return nil
	}
	var out []any
	for _, r := range w.res {
		out = append(out, ld{{"@value", strings.Join(r.address(a), ", ")}, {"@language", r.lang}})
	}
	return out
}

func (w *dpvWriter) party(typ, iri string, p *model.Party) ld {
	o := ld{{"@id", iri}, {"@type", typ}}
	o.set("dpv:hasName", p.Name)
	o.set("dct:description", w.text(p.Description))
	o.set("dpv:hasAddress", w.address(p.Address))
	if p.Address != nil {
		o.set("dpv:hasCountry", country(p.Address.Country))
	}
	if p.Registration != nil {
		reg := ld{{"@type", "policyc:Registration"}}
		reg.set("policyc:register", w.text(p.Registration.Register))
		reg.set("dct:identifier", p.Registration.Number)
		o.set("policyc:registration", reg)
	}
	var contacts []any
	if p.Email != "" {
		contacts = append(contacts, ref("mailto:"+p.Email))
	}
	if p.Form.URL != "" {
		contacts = append(contacts, ref(p.Form.URL))
	}
	o.set("dpv:hasContact", contacts)
	o.set("policyc:phone", p.Phone)
	o.set("policyc:url", link(p.URL))
	if p.Parent != nil {
		o.set("policyc:parent", w.party("dpv:LegalEntity", iri+".parent", p.Parent))
	}
	return o
}

func (w *dpvWriter) activity(a *model.Activity) ld {
	o := ld{{"@id", w.iri("processing", a.ID)}, {"@type", "dpv:Process"}}
	o.set("dpv:hasPurpose", w.described("dpv:Purpose", a.Purpose))
	bases := a.LegalBases
	if len(bases) == 0 {
		for _, g := range w.p.ProcessingGroups {
			if g.ID == a.Group.ID {
				bases = g.LegalBases
			}
		}
	}
	o.set("dpv:hasLegalBasis", w.bases(bases))
	o.set("policyc:legalBasisScope", w.scopes(a.LegalBases))
	o.set("policyc:conditions", w.text(a.Conditions))
	if a.OnDevice {
		o.set("policyc:onDevice", true)
	}
	var onDevice []model.Ref
	for _, c := range a.DataCategories {
		if c.OnDevice {
			onDevice = append(onDevice, c.Ref)
		}
	}
	o.set("policyc:onDeviceData", w.refs("data-categories", onDevice))
	if a.Group.ID != "" {
		o.set("policyc:processingGroup", ref(w.iri("processing-groups", a.Group.ID)))
	}
	o.set("policyc:legitimateInterest", w.text(a.LegitimateInterest))
	o.set("dpv:hasDataSubject", w.refs("data-subjects", a.DataSubjects))
	cats := make([]model.Ref, len(a.DataCategories))
	for i, c := range a.DataCategories {
		cats[i] = c.Ref
	}
	o.set("dpv:hasPersonalData", w.refs("data-categories", cats))
	var storage []any
	for _, r := range a.Retention {
		if r != nil {
			storage = append(storage, w.retention(r))
		}
	}
	o.set("dpv:hasStorageCondition", storage)
	var recipients, uses []any
	for _, ru := range a.Recipients {
		if ru == nil {
			continue
		}
		recipients = append(recipients, ref(w.iri("recipients", ru.Recipient.ID)))
		if !ru.Note.IsZero() {
			uses = append(uses, ld{{"@type", "policyc:RecipientUse"}, {"policyc:recipient", ref(w.iri("recipients", ru.Recipient.ID))}, {"policyc:note", w.text(ru.Note)}})
		}
	}
	o.set("dpv:hasRecipient", recipients)
	o.set("policyc:recipientUse", uses)
	o.set("dpv:hasDataSource", w.source(a.Source))
	o.set("dpv:hasThirdCountry", thirdCountries(a.Transfers))
	o.set("policyc:transfer", w.transfers(a.Transfers))
	o.set("policyc:requirement", w.text(a.Requirement))
	o.set("policyc:automatedDecisions", w.text(a.AutomatedDecisions))
	o.set("policyc:footnote", w.refs("footnotes", a.Footnotes))
	o.set("dpv:hasTechnicalOrganisationalMeasure", w.described("dpv:TechnicalOrganisationalMeasure", a.SecurityMeasures))
	return o
}

// retention is a storage rule as a DPV storage duration: until an event,
// a temporal duration, or an indeterminate one set by criteria; the rule
// as written, its parts and the data it is for in policyc terms.
func (w *dpvWriter) retention(r *model.Retention) ld {
	kind := "dpv:IndeterminateDuration"
	switch {
	case r.Until != "":
		kind = "dpv:UntilEventDuration"
	case r.Period != nil || r.Max != nil:
		kind = "dpv:TemporalDuration"
	}
	o := ld{{"@type", []any{"dpv:StorageDuration", kind}}}
	v := durationValue(r.Period)
	if v == nil && r.Until == "" {
		v = durationValue(r.Max)
	}
	o.set("rdf:value", v)
	o.set("policyc:rule", r.Rule)
	o.set("policyc:from", r.From)
	o.set("policyc:until", r.Until)
	o.set("policyc:plus", durationValue(r.Plus))
	o.set("policyc:archive", durationValue(r.Archive))
	if r.Anonymised {
		o.set("policyc:anonymised", true)
	}
	o.set("policyc:max", durationValue(r.Max))
	o.set("policyc:criteria", w.text(r.Criteria))
	o.set("policyc:appliesTo", w.refs("data-categories", r.For))
	o.set("policyc:note", w.text(r.Note))
	return o
}

func thirdCountries(ts []*model.Transfer) []any {
	var out []any
	seen := map[string]bool{}
	for _, t := range ts {
		for _, c := range t.Countries {
			if !seen[c.Code] {
				seen[c.Code] = true
				out = append(out, ref("loc:"+c.Code))
			}
		}
	}
	return out
}

// transfers are cross-border transfers to the countries named (none named:
// third countries in general), on the safeguard as a legal basis of the
// EU GDPR extension where it has one, and the policyc key always.
func (w *dpvWriter) transfers(ts []*model.Transfer) []any {
	var out []any
	for _, t := range ts {
		if t == nil {
			continue
		}
		o := ld{{"@type", "dpv:CrossBorderTransfer"}}
		var countries []any
		for _, c := range t.Countries {
			countries = append(countries, ref("loc:"+c.Code))
		}
		o.set("dpv:hasThirdCountry", countries)
		if w.eu {
			if a, ok := gdprSafeguards[t.Safeguard.Key]; ok {
				o.set("dpv:hasLegalBasis", ref("eu-gdpr:"+a))
			} else if rest, ok := strings.CutPrefix(t.Safeguard.Key, "art49-1-"); ok {
				o.set("dpv:hasLegalBasis", ref("eu-gdpr:A49-1-"+rest))
			}
		}
		o.set("policyc:safeguard", t.Safeguard.Key)
		o.set("policyc:note", w.text(t.Note))
		out = append(out, o)
	}
	return out
}

func (w *dpvWriter) trackerCategory(c *model.TrackerCategory) ld {
	o := ld{{"@id", w.iri("tracker-categories", c.ID)}, {"@type", "dpv:Process"}}
	o.set("skos:prefLabel", w.text(c.Name))
	o.set("dct:description", w.text(c.Description))
	o.set("dpv:hasLegalBasis", w.bases(c.LegalBases))
	o.set("policyc:legalBasisScope", w.scopes(c.LegalBases))
	o.set("policyc:consentRequired", c.ConsentRequired)
	o.set("policyc:exemption", c.Exemption)
	o.set("dpv:hasThirdCountry", thirdCountries(c.Transfers))
	o.set("policyc:transfer", w.transfers(c.Transfers))
	var trackers []any
	for _, t := range w.p.Trackers {
		if t.Category.ID == c.ID {
			trackers = append(trackers, w.tracker(t))
		}
	}
	o.set("policyc:tracker", trackers)
	return o
}

func (w *dpvWriter) tracker(t *model.Tracker) ld {
	o := ld{{"@id", w.iri("trackers", t.ID)}, {"@type", "policyc:Tracker"}}
	var names []any
	for _, n := range t.Names {
		no := ld{{"@type", "policyc:TrackerName"}, {"policyc:name", n.Name}}
		if n.IsPattern() {
			no.set("policyc:pattern", true)
		}
		if n.Lifetime != nil {
			no.set("dpv:hasStorageCondition", w.duration("dpv:StorageDuration", n.Lifetime))
		}
		names = append(names, no)
	}
	o.set("policyc:trackerName", names)
	if t.Provider.ID != "" {
		o.set("dpv:hasRecipient", ref(w.iri("vendors", t.Provider.ID)))
	}
	o.set("dpv:hasPurpose", w.described("dpv:Purpose", t.Purpose))
	if t.Lifetime != nil {
		o.set("dpv:hasStorageCondition", w.duration("dpv:StorageDuration", t.Lifetime))
	}
	var techs []any
	for _, x := range t.Technologies {
		techs = append(techs, x.Key)
	}
	o.set("policyc:technology", techs)
	var countries []any
	for _, c := range t.Countries {
		countries = append(countries, ref("loc:"+c.Code))
	}
	o.set("dpv:hasCountry", countries)
	o.set("policyc:party", t.Party)
	o.set("policyc:storage", t.Storage)
	o.set("dpv:hasLegalBasis", w.bases(t.LegalBases))
	o.set("policyc:legalBasisScope", w.scopes(t.LegalBases))
	o.set("policyc:legitimateInterest", w.text(t.LegitimateInterest))
	return o
}

// rights are the rights as articles of the EU GDPR extension (DPV's data
// subject right with the policyc key under another law), the ways to
// exercise them and the authorities to complain to.
func (w *dpvWriter) rights(doc *ld, rt *model.Rights) {
	var rights []any
	for _, r := range rt.List {
		if a, ok := gdprRights[r.Key]; ok && w.eu {
			rights = append(rights, ref("eu-gdpr:"+a))
		} else {
			rights = append(rights, ld{{"@type", "dpv:DataSubjectRight"}, {"policyc:right", r.Key}})
		}
	}
	doc.set("dpv:hasRight", rights)
	var channels []any
	for _, c := range rt.Channels {
		switch {
		case c == nil:
		case c.Form.URL != "":
			channels = append(channels, ref(c.Form.URL))
		case c.Email != "":
			channels = append(channels, ref("mailto:"+c.Email))
		case c.Post != nil:
			channels = append(channels, ld{{"@type", "policyc:PostalAddress"}, {"dpv:hasAddress", w.address(c.Post)}})
		}
	}
	doc.set("policyc:rightsChannel", channels)
	var authorities []any
	for _, a := range rt.Authorities {
		if a == nil || a.Authority == nil {
			continue
		}
		o := ld{{"@type", "dpv:DataProtectionAuthority"}}
		if localizedAuthorities[a.Authority.Key] {
			var names []any
			for _, r := range w.res {
				names = append(names, ld{{"@value", r.m.T("authority." + a.Authority.Key)}, {"@language", r.lang}})
			}
			o.set("dpv:hasName", names)
		} else if !a.Authority.LocalName.IsZero() {
			o.set("dpv:hasName", w.text(a.Authority.LocalName))
		} else {
			o.set("dpv:hasName", a.Authority.Name)
		}
		o.set("dct:description", w.text(a.Authority.Description))
		o.set("policyc:authority", a.Authority.Key)
		o.set("dpv:hasCountry", country(a.Authority.Country))
		o.set("policyc:url", link(a.Authority.URL))
		o.set("policyc:scope", w.text(a.Scope))
		authorities = append(authorities, o)
	}
	doc.set("dpv:hasAuthority", authorities)
	doc.set("policyc:rightsNote", w.text(rt.Note))
}
