package model

import (
	"regexp"
	"slices"
)

// validate reports the values whose grammar the decoder cannot see alone:
// the languages as a list, the policy id, the ids of items, and the fixed
// vocabularies of kind, vendor role and tracker party.
func validate(p *Policy, diags *Diagnostics) {
	seen := map[string]bool{}
	for i, l := range p.Languages {
		if err := ParseLanguage(l); err != nil {
			diags.AddValueError(p.At("languages"), RuleInvalidValue, err)
		}
		if seen[l] {
			diags.Errorf(p.At("languages"), RuleDuplicateKey, "", "language %q is listed twice (entry %d)", l, i+1)
		}
		seen[l] = true
	}
	id := func(n Node, id string) {
		if id != "" {
			if err := ParseID(id); err != nil {
				diags.AddValueError(n.At("id"), RuleInvalidValue, err)
			}
		}
	}
	id(p.Node, p.ID)
	for _, c := range p.Controllers {
		id(c.Node, c.ID)
	}
	for _, v := range p.Vendors {
		id(v.Node, v.ID)
	}
	for _, r := range p.Recipients {
		id(r.Node, r.ID)
	}
	for _, c := range p.DataCategories {
		id(c.Node, c.ID)
	}
	for _, s := range p.DataSubjects {
		id(s.Node, s.ID)
	}
	for _, c := range p.TrackerCategories {
		id(c.Node, c.ID)
	}
	for _, t := range p.Trackers {
		id(t.Node, t.ID)
	}
	for _, g := range p.ProcessingGroups {
		id(g.Node, g.ID)
	}
	for _, a := range p.Processing {
		id(a.Node, a.ID)
	}
	for _, f := range p.Footnotes {
		id(f.Node, f.ID)
	}
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			id(s.Node, s.ID)
			walk(s.Sections)
		}
	}
	walk(p.Sections)
	key := func(pos Pos, what, value string, keys []string) {
		if value != "" {
			if err := ParseKey(what, value, keys); err != nil {
				diags.AddValueError(pos, RuleInvalidValue, err)
			}
		}
	}
	key(p.At("kind"), "kind", p.Kind, Kinds)
	for i, l := range p.Law {
		key(p.At("law"), "law", l, Laws)
		if slices.Contains(p.Law[:i], l) {
			diags.Errorf(p.At("law"), RuleDuplicateKey, "remove one of them", "law %q is listed twice", l)
		}
	}
	for _, v := range p.Vendors {
		key(v.At("role"), "role", v.Role, Roles)
	}
	for _, t := range p.Trackers {
		key(t.At("party"), "party", t.Party, Parties)
		key(t.At("storage"), "storage", t.Storage, Storages)
		if t.Storage == "none" && len(t.Names) > 0 {
			diags.Errorf(t.At("names"), RuleInvalidValue, `remove "names", or "storage: none" if the row does store them`,
				"tracker %q stores nothing on the device (storage: none) but names %q", t.ID, t.Names[0].Name)
		}
	}
	for _, c := range p.TrackerCategories {
		key(c.At("exemption"), "exemption", c.Exemption, Exemptions)
	}
	domains := func(n Node, list []string) {
		for _, d := range list {
			if !domainPattern.MatchString(d) {
				diags.Errorf(n.At("domains"), RuleInvalidValue, `write a host name such as "example.com", or "*.example.com" for its subdomains, without "https://" or a path`,
					"invalid domain %q", d)
			}
		}
	}
	domains(p.Node, p.Domains)
	for _, v := range p.Vendors {
		domains(v.Node, v.Domains)
	}
}

// nameAuthorities gives an authority whose name is localized its name in
// the source language, which keys it in the translation lock and the diff.
func nameAuthorities(p *Policy) {
	if p.Rights == nil || len(p.Languages) == 0 {
		return
	}
	for _, a := range p.Rights.Authorities {
		if a != nil && a.Authority != nil && a.Authority.Name == "" {
			a.Authority.Name = a.Authority.LocalName.Get(p.Languages[0])
		}
	}
}

// domainPattern is a host name, optionally "*." for its subdomains, as the
// TCF device-storage disclosure writes domains.
var domainPattern = regexp.MustCompile(`^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
