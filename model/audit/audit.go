// Package audit compares what a site really stores and contacts (from HAR
// files or a Chromium visit) with the trackers and vendors its policy
// declares.
package audit

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/policyc/policyc/model"
)

// The IDs of audit findings. The rules themselves, with their severity,
// law and doc, are analyzers of the lint registry, so that check, audit,
// policyc rules and SARIF share them; Audit only finds.
const (
	Undeclared       = "AUDIT_UNDECLARED"
	NotSeen          = "AUDIT_NOT_SEEN"
	LifetimeLonger   = "AUDIT_LIFETIME_LONGER"
	SetBeforeConsent = "AUDIT_BEFORE_CONSENT"
	UndeclaredHost   = "AUDIT_UNDECLARED_HOST"
	CategoryMismatch = "AUDIT_CATEGORY_MISMATCH"
)

// declaredName is one name of a tracker, with the regexp its keys match.
type declaredName struct {
	tracker *model.Tracker
	name    model.TrackerName
	re      *regexp.Regexp // nil for a literal name
	seen    bool
}

func (d *declaredName) matches(key string) bool {
	if d.re == nil {
		return d.name.Name == key
	}
	return d.re.MatchString(key)
}

func (d *declaredName) lifetime() *model.Duration {
	if d.name.Lifetime != nil {
		return d.name.Lifetime
	}
	return d.tracker.Lifetime
}

func (d *declaredName) pos() model.Pos {
	if d.name.Pos.IsValid() {
		return d.name.Pos
	}
	return d.tracker.Pos
}

// storesIn reports whether the tracker says it uses technology, or, naming
// no technology, may be a cookie.
func storesIn(t *model.Tracker, technology string) bool {
	if t.Storage == "none" {
		return false
	}
	if len(t.Technologies) == 0 {
		return technology == "http-cookie"
	}
	return slices.ContainsFunc(t.Technologies, func(x model.Technology) bool { return x.Key == technology })
}

// Audit compares what o observed with what p declares. Findings about a
// declared tracker point at its name; the others at the policy's trackers.
// Each carries its rule ID; its severity is the analyzer's to give.
func Audit(p *model.Policy, o *Observation) model.Diagnostics {
	var ds model.Diagnostics
	report := func(pos model.Pos, rule, fix, format string, args ...any) {
		ds = append(ds, model.Diagnostic{Pos: pos, Rule: rule, Fix: fix, Summary: fmt.Sprintf(format, args...)})
	}
	policyPos := p.At("trackers")
	if !policyPos.IsValid() {
		policyPos = model.Pos{File: p.File}
	}
	categories := map[string]*model.TrackerCategory{}
	for _, c := range p.TrackerCategories {
		categories[c.ID] = c
	}
	needsConsent := func(t *model.Tracker) bool {
		c := categories[t.Category.ID]
		return c != nil && c.ConsentRequired
	}
	var names []*declaredName
	for _, t := range p.Trackers {
		for _, n := range t.Names {
			d := &declaredName{tracker: t, name: n}
			if n.IsPattern() {
				parts, err := model.ParseNamePattern(n.Name)
				if err != nil {
					continue // check reports it
				}
				d.re = regexp.MustCompile(model.NameRegexp(parts))
			}
			names = append(names, d)
		}
	}
	// A literal name wins over a pattern that also matches the key.
	find := func(key, technology string) *declaredName {
		var pattern *declaredName
		for _, d := range names {
			if !d.matches(key) || !storesIn(d.tracker, technology) {
				continue
			}
			if d.re == nil {
				return d
			}
			if pattern == nil {
				pattern = d
			}
		}
		return pattern
	}

	type finding struct{ key, technology string }
	undeclared := map[finding]bool{}
	beforeConsent := map[*declaredName]bool{}
	longest := map[*declaredName]time.Duration{}
	observe := func(key, technology, where string, phase Phase, lifetime time.Duration, session bool) {
		d := find(key, technology)
		if d == nil {
			f := finding{key, technology}
			if undeclared[f] {
				return
			}
			undeclared[f] = true
			report(policyPos, Undeclared, suggestion(key),
				"%s %q (%s) is not declared", technologyName(technology), key, where)
			return
		}
		d.seen = true
		if phase == BeforeConsent && needsConsent(d.tracker) && !beforeConsent[d] {
			beforeConsent[d] = true
			report(d.pos(), SetBeforeConsent, "set it only after the visitor accepts, or declare it in a category that needs no consent",
				"%s %q of tracker %q (category %q, which needs consent) is set before consent", technologyName(technology), key, d.tracker.ID, d.tracker.Category.ID)
		}
		if lifetime > longest[d] && !session {
			longest[d] = lifetime
		}
	}
	for _, c := range o.Cookies {
		observe(c.Name, "http-cookie", c.Domain, c.Phase, c.Lifetime, c.Session)
	}
	for _, s := range o.Storage {
		observe(s.Key, s.Technology, s.Origin, s.Phase, 0, true)
	}
	for _, d := range names {
		l, ok := longest[d]
		declared := d.lifetime()
		if !ok || declared == nil || declared.Persistent {
			continue
		}
		days := int((l + 12*time.Hour) / (24 * time.Hour))
		observed := &model.Duration{Amount: days, Unit: "day"}
		if observed.Compare(declared) > 0 {
			report(d.pos(), LifetimeLonger, fmt.Sprintf("declare a lifetime of at least %s, or shorten the cookie's", observed),
				"cookie %q of tracker %q is kept %s, longer than the declared %s", d.name.Name, d.tracker.ID, observed, declared)
		}
	}
	for _, d := range names {
		if d.seen {
			continue
		}
		if storesIn(d.tracker, "http-cookie") ||
			o.StorageRecorded && (storesIn(d.tracker, "local-storage") || storesIn(d.tracker, "session-storage")) {
			report(d.pos(), NotSeen, "remove it if the site no longer sets it",
				"%q of tracker %q was not seen on the site", d.name.Name, d.tracker.ID)
		}
	}
	for _, h := range o.ThirdPartyHosts() {
		if !hostDeclared(p, h) {
			fix := "declare its company as a vendor with a privacy-policy address on that domain"
			if k := LookupHost(h); k != nil {
				fix = fmt.Sprintf("the Open Cookie Database names %s as its company: declare it as a vendor", k.Controller)
			}
			report(policyPos, UndeclaredHost, fix, "third-party host %q is contacted but no vendor is declared for it", h)
		}
	}
	for _, d := range names {
		if d.re != nil || needsConsent(d.tracker) {
			continue
		}
		k := LookupCookie(d.name.Name)
		if k == nil || (k.Category != "Analytics" && k.Category != "Marketing") {
			continue
		}
		if c := categories[d.tracker.Category.ID]; c != nil && c.Exemption != "" && k.Category == "Analytics" {
			continue // audience measurement exempt from consent
		}
		pos := d.tracker.Category.Pos
		if !pos.IsValid() {
			pos = d.pos()
		}
		report(pos, CategoryMismatch, "declare it in a category that needs consent",
			"%q is declared in category %q, which needs no consent, but the Open Cookie Database lists it as %s (%s)",
			d.name.Name, d.tracker.Category.ID, k.Category, k.Platform)
	}
	return ds.Sorted()
}

func technologyName(t string) string {
	switch t {
	case "local-storage":
		return "localStorage key"
	case "session-storage":
		return "sessionStorage key"
	}
	return "cookie"
}

// suggestion tells how to declare an undeclared key, from the Open Cookie
// Database when it knows the key.
func suggestion(key string) string {
	k := LookupCookie(key)
	if k == nil {
		return "declare it in a tracker with its provider, category and lifetime"
	}
	s := fmt.Sprintf("declare it in a tracker; the Open Cookie Database lists it as %s of %s", k.Category, k.Platform)
	if k.Retention != "" {
		s += ", kept " + strings.ToLower(k.Retention)
	}
	return s
}

// hostDeclared reports whether a vendor of p stands for host: its
// privacy-policy or opt-out address is on the host's site, or the Open
// Cookie Database names the vendor as the company behind the host.
func hostDeclared(p *model.Policy, host string) bool {
	site := siteOf(host)
	known := LookupHost(host)
	for _, v := range p.Vendors {
		for _, u := range []model.URL{v.PrivacyPolicy, v.OptOut} {
			if h := hostOf(u.URL); h != "" && siteOf(h) == site {
				return true
			}
		}
		if known != nil && known.Controller != "" && strings.Contains(strings.ToLower(v.Name), strings.ToLower(known.Controller)) {
			return true
		}
	}
	return false
}
