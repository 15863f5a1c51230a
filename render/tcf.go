package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/policyc/policyc/model"
)

// RuleTCF is the rule of the findings of the TCF device-storage export: a
// fact the disclosure needs that the policy does not give.
var RuleTCF = model.Rule{ID: "TCF_DISCLOSURE", Doc: "a fact the IAB TCF device-storage disclosure needs is missing from the policy"}

// TCFFile is the name of the device-storage disclosure of a policy.
func TCFFile(id string) string { return id + ".deviceStorage.json" }

// tcfDisclosure is one item of the "disclosures" array of the IAB TCF
// "Vendor Device Storage & Operational Disclosures" specification, with its
// keys in the specification's order.
type tcfDisclosure struct {
	Identifier    string   `json:"identifier"`
	Type          string   `json:"type"`
	MaxAgeSeconds *int64   `json:"maxAgeSeconds"`
	CookieRefresh *bool    `json:"cookieRefresh,omitempty"`
	Domains       []string `json:"domains"`
	Purposes      []int    `json:"purposes"`
}

type tcfDomain struct {
	Domain string `json:"domain"`
}

type tcfDocument struct {
	Disclosures []tcfDisclosure `json:"disclosures"`
	Domains     []tcfDomain     `json:"domains"`
}

// anyDomain is the TCF wildcard for "any domain", given to a tracker whose
// domains the policy does not state.
const anyDomain = "*"

// TCFDisclosure returns the device-storage disclosure of the policy's
// trackers, and a warning for each fact it had to leave out or stand in
// for. Every tracker that stores something on the device is disclosed
// under each of its names, as a "cookie" when it is an HTTP cookie (or
// names no storage technology: a script, pixel or beacon that stores sets
// cookies) and as "web" for local and session storage:
//   - a name pattern's variable parts become the "*" wildcard;
//   - maxAgeSeconds is the lifetime in seconds, 0 for a session cookie,
//     the cap of "session, at most ..." and the bound of "at most ...";
//     null for web storage, whose duration cannot be set;
//   - a cookie without a lifetime, or with a persistent one, cannot be
//     given in seconds and is left out with a warning;
//   - domains are the provider's domains for a third-party tracker, the
//     policy's own domains otherwise, and "*" with a warning when the
//     policy gives none;
//   - purposes are the category's TCF purposes, with purpose 1 when the
//     category needs consent.
func TCFDisclosure(p *model.Policy) ([]byte, model.Diagnostics) {
	var diags model.Diagnostics
	categories := map[string]*model.TrackerCategory{}
	for _, c := range p.TrackerCategories {
		categories[c.ID] = c
	}
	vendors := map[string]*model.Vendor{}
	for _, v := range p.Vendors {
		vendors[v.ID] = v
	}
	warned := map[string]bool{}
	domainsOf := func(t *model.Tracker) []string {
		if v := vendors[t.Provider.ID]; v != nil && t.Party != "first" {
			if len(v.Domains) > 0 {
				return v.Domains
			}
			if !warned["vendor "+v.ID] {
				warned["vendor "+v.ID] = true
				diags.Warnf(v.Pos, RuleTCF, `add the domains its trackers are set on, e.g. domains: ["*.vendor.example"]`,
					"vendor %q declares no domains; the TCF disclosure gives its trackers the domain %q (any domain)", v.ID, anyDomain)
			}
			return []string{anyDomain}
		}
		if len(p.Domains) > 0 {
			return p.Domains
		}
		if !warned["policy"] {
			warned["policy"] = true
			diags.Warnf(p.At("id"), RuleTCF, `add the site's domains, e.g. domains: [example.com, "*.example.com"]`,
				"policy %q declares no domains; the TCF disclosure gives its own trackers the domain %q (any domain)", p.ID, anyDomain)
		}
		return []string{anyDomain}
	}
	doc := tcfDocument{Disclosures: []tcfDisclosure{}, Domains: []tcfDomain{}}
	for _, t := range p.Trackers {
		if t.Storage == "none" {
			continue
		}
		if len(t.Names) == 0 {
			diags.Warnf(t.Pos, RuleTCF, "add the names of the cookies or storage keys it sets",
				"tracker %q names no cookie or storage key; the TCF disclosure leaves it out", t.ID)
			continue
		}
		purposes := tcfPurposes(categories[t.Category.ID])
		domains := domainsOf(t)
		var timeless []string // cookies left out for want of a lifetime in seconds
		var timelessAt model.Pos
		for _, typ := range tcfTypes(t) {
			for _, n := range t.Names {
				id, ok := tcfIdentifier(n.Name)
				if !ok {
					diags.Warnf(n.Pos, RuleTCF, "give the fixed part of the name, e.g. \"_ga_*\"",
						"tracker name %q has no fixed part, and TCF does not allow a wildcard alone; the disclosure leaves it out", n.Name)
					continue
				}
				d := tcfDisclosure{Identifier: id, Type: typ, Domains: domains, Purposes: purposes}
				if typ == "cookie" {
					life := n.Lifetime
					if life == nil {
						life = t.Lifetime
					}
					secs, ok := cookieSeconds(life)
					if !ok {
						if len(timeless) == 0 {
							timelessAt = t.Pos
							if life != nil {
								timelessAt = life.Pos
							}
						}
						timeless = append(timeless, n.Name)
						continue
					}
					refresh := t.Refresh
					d.MaxAgeSeconds, d.CookieRefresh = &secs, &refresh
				}
				doc.Disclosures = append(doc.Disclosures, d)
			}
		}
		if len(timeless) > 0 {
			what := "no lifetime"
			if t.Lifetime != nil && t.Lifetime.Persistent {
				what = "a persistent lifetime"
			}
			diags.Warnf(timelessAt, RuleTCF, "give the cookies' lifetime, e.g. 13 months or session",
				"tracker %q gives %s for %s, which a TCF disclosure must give in seconds; the disclosure leaves %s out",
				t.ID, what, quoteList(timeless), plural(len(timeless), "it", "them"))
		}
	}
	for _, d := range p.Domains {
		doc.Domains = append(doc.Domains, tcfDomain{Domain: d})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		// Only strings, numbers and booleans: encoding cannot fail.
		panic(err)
	}
	return b.Bytes(), diags
}

// tcfTypes are the TCF storage types of a tracker's technologies, in the
// specification's order.
func tcfTypes(t *model.Tracker) []string {
	cookie, web := false, false
	for _, tech := range t.Technologies {
		switch tech.Key {
		case "http-cookie":
			cookie = true
		case "local-storage", "session-storage":
			web = true
		}
	}
	var types []string
	if cookie || !web {
		types = append(types, "cookie")
	}
	if web {
		types = append(types, "web")
	}
	return types
}

// tcfPurposes are the TCF purposes of a category, sorted: purpose 1,
// "Store and/or access information on a device", is the one that says
// the storage needs consent under the ePrivacy Directive.
func tcfPurposes(c *model.TrackerCategory) []int {
	purposes := []int{}
	if c == nil {
		return purposes
	}
	if c.ConsentRequired {
		purposes = append(purposes, 1)
	}
	for _, p := range c.TCFPurposes {
		if !slices.Contains(purposes, p.ID) {
			purposes = append(purposes, p.ID)
		}
	}
	slices.Sort(purposes)
	return purposes
}

// tcfIdentifier writes a tracker name as a TCF identifier: each variable
// part of a pattern becomes "*". A name that is only variable has no TCF
// form.
func tcfIdentifier(name string) (string, bool) {
	parts, err := model.ParseNamePattern(name)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	fixed := false
	for _, p := range parts {
		if p.Any || p.Placeholder {
			b.WriteByte('*')
		} else {
			b.WriteString(p.Text)
			fixed = true
		}
	}
	return b.String(), fixed
}

// cookieSeconds is a cookie's lifetime in seconds, 0 for a session cookie;
// false when the lifetime is unknown or persistent.
func cookieSeconds(d *model.Duration) (int64, bool) {
	switch {
	case d == nil || d.Persistent:
		return 0, false
	case d.Max != nil:
		return d.Max.Minutes() * 60, true
	case d.Session:
		return 0, true
	}
	return d.Minutes() * 60, true
}

// quoteList names up to three names, and how many more there are.
func quoteList(names []string) string {
	var q []string
	for _, n := range names[:min(3, len(names))] {
		q = append(q, strconv.Quote(n))
	}
	s := strings.Join(q, ", ")
	if len(names) > 3 {
		s += fmt.Sprintf(" and %d more", len(names)-3)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
