package model

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// A Check is one rule run on a loaded policy: a stable ID, a one-line doc,
// and the function that reports its findings.
type Check struct {
	Rule
	Run func(*Pass)
}

// Pass is what a check sees: the policy, its ids by kind, and where to
// report.
type Pass struct {
	Policy *Policy
	Diags  *Diagnostics
	ids    map[string]map[string]Pos // kind → id → where it is defined
}

// Report records a finding of c.
func (pass *Pass) report(c Rule, sev Severity, pos Pos, fix, format string, args ...any) {
	pass.Diags.Add(pos, sev, c, fix, format, args...)
}

// Rules of the checks; the loader's own rules are in decode.go.
var (
	RuleDuplicateID   = Rule{"DUPLICATE_ID", "two items of one kind share an id, or two sections share a heading id"}
	RuleUnresolvedRef = Rule{"UNRESOLVED_REF", "a reference to an id that is not defined"}
	RulePolicyID      = Rule{"POLICY_ID", "the policy id differs from its folder name"}
	RuleNoName        = Rule{"TRACKER_NO_NAME", "a tracker row names no cookie or storage key"}
	RuleNoProvider    = Rule{"TRACKER_NO_PROVIDER", "a tracker row names no provider"}
	RuleNoPurpose     = Rule{"TRACKER_NO_PURPOSE", "a tracker row states no purpose"}
	RuleNoLifetime    = Rule{"TRACKER_NO_LIFETIME", "a tracker, or one of its names, has no lifetime"}
	RuleNoTechnology  = Rule{"TRACKER_NO_TECHNOLOGY", "a tracker row gives no technology"}
	RuleNoLegalBasis  = Rule{"NO_LEGAL_BASIS", "a processing activity has no legal basis, neither its own nor its group's"}
	RuleNoInterest    = Rule{"NO_LEGITIMATE_INTEREST", "legitimate interests is a basis but the interest pursued is not stated"}
)

// Checks are run, in this order, on every loaded policy.
var Checks = []Check{
	{Rule{"LANGUAGES", "languages are valid, renderable and not repeated"}, checkLanguages},
	{RulePolicyID, checkPolicyID},
	{Rule{"VOCABULARY", "kind, vendor role and tracker party take one of their fixed values"}, checkVocabulary},
	{RuleDuplicateID, checkDuplicateIDs},
	{RuleUnresolvedRef, checkReferences},
	{RuleMissingLang, checkTranslations},
	{RuleInlineFact, checkInlineFacts},
	{RuleBannerTerm, checkBannerChoice},
	{Rule{"TRACKER_GAPS", "tracker rows that lack a name, provider, purpose, lifetime or technology (warnings)"}, checkTrackerGaps},
	{RuleNoLegalBasis, checkLegalBases},
	{Rule{"CONTROLLER", "a policy names at least one controller"}, checkController},
	{RuleUnplaced, checkUnplaced},
	{RuleUnused, checkUnused},
}

// RunChecks runs every check on p.
func RunChecks(p *Policy, diags *Diagnostics) {
	pass := &Pass{Policy: p, Diags: diags, ids: map[string]map[string]Pos{}}
	for _, c := range Checks {
		c.Run(pass)
	}
}

func checkLanguages(pass *Pass) {
	p := pass.Policy
	seen := map[string]bool{}
	for i, l := range p.Languages {
		pos := p.At("languages")
		if err := ParseLanguage(l); err != nil {
			pass.Diags.AddValueError(pos, RuleInvalidValue, err)
		}
		if seen[l] {
			pass.report(RuleDuplicateKey, Error, pos, "", "language %q is listed twice (entry %d)", l, i+1)
		}
		seen[l] = true
	}
}

func checkPolicyID(pass *Pass) {
	p := pass.Policy
	if p.ID == "" {
		return
	}
	if err := ParseID(p.ID); err != nil {
		pass.Diags.AddValueError(p.At("id"), RuleInvalidValue, err)
		return
	}
	if folder := filepath.Base(filepath.Dir(absPath(p.File))); folder != p.ID && filepath.Base(p.File) == PolicyFile {
		pass.report(RulePolicyID, Error, p.At("id"), fmt.Sprintf("rename the folder or write \"id: %s\"", folder),
			"policy id %q differs from its folder %q", p.ID, folder)
	}
}

func checkVocabulary(pass *Pass) {
	p := pass.Policy
	key := func(pos Pos, what, value string, keys []string) {
		if value != "" {
			if err := ParseKey(what, value, keys); err != nil {
				pass.Diags.AddValueError(pos, RuleInvalidValue, err)
			}
		}
	}
	key(p.At("kind"), "kind", p.Kind, Kinds)
	for _, v := range p.Vendors {
		key(v.At("role"), "role", v.Role, Roles)
	}
	for _, t := range p.Trackers {
		key(t.At("party"), "party", t.Party, Parties)
	}
}

// define records the ids of one kind, reporting bad and repeated ones.
func (pass *Pass) define(kind string, n Node, id string) {
	if pass.ids[kind] == nil {
		pass.ids[kind] = map[string]Pos{}
	}
	if id == "" {
		return
	}
	pos := n.At("id")
	if err := ParseID(id); err != nil {
		pass.Diags.AddValueError(pos, RuleInvalidValue, err)
		return
	}
	if first, dup := pass.ids[kind][id]; dup {
		pass.report(RuleDuplicateID, Error, pos, "give each "+kind+" its own id",
			"duplicate %s id %q, first defined at %s", kind, id, first.display())
		return
	}
	pass.ids[kind][id] = pos
}

func (p Pos) display() string {
	p.File = DisplayPath(p.File)
	return p.String()
}

func checkDuplicateIDs(pass *Pass) {
	p := pass.Policy
	for _, c := range p.Controllers {
		pass.define("controller", c.Node, c.ID)
	}
	for _, v := range p.Vendors {
		pass.define("vendor", v.Node, v.ID)
	}
	for _, r := range p.Recipients {
		pass.define("recipient", r.Node, r.ID)
	}
	for _, c := range p.DataCategories {
		pass.define("data category", c.Node, c.ID)
	}
	for _, s := range p.DataSubjects {
		pass.define("data subject", s.Node, s.ID)
	}
	for _, c := range p.TrackerCategories {
		pass.define("tracker category", c.Node, c.ID)
	}
	for _, t := range p.Trackers {
		pass.define("tracker", t.Node, t.ID)
	}
	for _, g := range p.ProcessingGroups {
		pass.define("processing group", g.Node, g.ID)
	}
	for _, a := range p.Processing {
		pass.define("processing activity", a.Node, a.ID)
	}
	for _, f := range p.Footnotes {
		pass.define("footnote", f.Node, f.ID)
	}
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			pass.define("section", s.Node, s.ID)
			walk(s.Sections)
		}
	}
	walk(p.Sections)
}

// resolve reports ref when no item of kind has its id.
func (pass *Pass) resolve(kind string, ref Ref) {
	if ref.ID == "" {
		return
	}
	if _, ok := pass.ids[kind][ref.ID]; ok {
		return
	}
	fix := ""
	known := make([]string, 0, len(pass.ids[kind]))
	for id := range pass.ids[kind] {
		known = append(known, id)
	}
	slices.Sort(known)
	if m := suggest(ref.ID, known); m != "" {
		fix = fmt.Sprintf("did you mean %q?", m)
	} else if len(known) == 0 {
		fix = fmt.Sprintf("define it under %q", kindKey[kind])
	} else {
		fix = fmt.Sprintf("define it under %q or use one of %s", kindKey[kind], strings.Join(known, ", "))
		if len(known) > 8 {
			fix = fmt.Sprintf("define it under %q", kindKey[kind])
		}
	}
	pass.report(RuleUnresolvedRef, Error, ref.Pos, fix, "undefined %s %q", kind, ref.ID)
}

var kindKey = map[string]string{
	"vendor": "vendors", "recipient": "recipients", "data category": "data-categories", "data subject": "data-subjects",
	"tracker category": "tracker-categories", "processing group": "processing-groups", "footnote": "footnotes",
}

func checkReferences(pass *Pass) {
	p := pass.Policy
	for _, r := range p.Recipients {
		pass.resolve("vendor", r.Vendor)
	}
	for _, t := range p.Trackers {
		pass.resolve("vendor", t.Provider)
		pass.resolve("tracker category", t.Category)
	}
	for _, a := range p.Processing {
		pass.resolve("processing group", a.Group)
		for _, r := range a.DataSubjects {
			pass.resolve("data subject", r)
		}
		for _, r := range a.DataCategories {
			pass.resolve("data category", r)
		}
		for _, r := range a.Recipients {
			pass.resolve("recipient", r.Recipient)
		}
		for _, r := range a.Footnotes {
			pass.resolve("footnote", r)
		}
		for _, ret := range a.Retention {
			if ret == nil {
				continue
			}
			for _, r := range ret.For {
				pass.resolve("data category", r)
			}
		}
	}
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			for _, b := range s.Blocks {
				switch b.Kind {
				case "trackers":
					pass.resolve("tracker category", b.Ref)
				case "processing":
					pass.resolve("processing group", b.Ref)
				}
			}
			walk(s.Sections)
		}
	}
	walk(p.Sections)
}

func checkTranslations(pass *Pass) {
	p := pass.Policy
	for _, f := range p.Texts {
		for _, l := range p.Languages {
			if _, ok := f.Text.Values[l]; !ok {
				pass.report(RuleMissingLang, Error, f.Text.Pos, fmt.Sprintf("add \"%s: ...\"", l),
					"%s has no %s text", f.Path, l)
			}
		}
		for l, pos := range f.Text.Positions {
			if !slices.Contains(p.Languages, l) && len(p.Languages) > 0 {
				pass.report(RuleUndeclaredLng, Error, pos, fmt.Sprintf("add %s to languages or remove the text", l),
					"%s has a %s text but the policy does not declare %s", f.Path, l, l)
			}
		}
		for l, v := range f.Text.Values {
			if strings.TrimSpace(v) == "" {
				pass.report(RuleMissingLang, Error, f.Text.At(l), "write the text or remove the key", "%s has an empty %s text", f.Path, l)
			}
		}
	}
}

func checkTrackerGaps(pass *Pass) {
	for _, t := range pass.Policy.Trackers {
		if _, given := t.Fields["names"]; !given {
			pass.report(RuleNoName, Warning, t.Pos, `add "names: [...]" when the name is known`, "tracker %q names no cookie or storage key", t.ID)
		}
		if _, given := t.Fields["provider"]; !given {
			pass.report(RuleNoProvider, Warning, t.Pos, `add "provider: <vendor id>" when the provider is known`, "tracker %q has no provider", t.ID)
		}
		if _, given := t.Fields["purpose"]; !given {
			pass.report(RuleNoPurpose, Warning, t.Pos, `add "purpose: ..." when it is known`, "tracker %q states no purpose", t.ID)
		}
		if _, given := t.Fields["technology"]; !given {
			pass.report(RuleNoTechnology, Warning, t.Pos, `add "technology: ..." when it is known`, "tracker %q gives no technology", t.ID)
		}
		if _, given := t.Fields["lifetime"]; given || t.Lifetime != nil {
			continue
		}
		named := 0
		for _, n := range t.Names {
			if n.Lifetime != nil {
				named++
			}
		}
		switch {
		case named == 0:
			pass.report(RuleNoLifetime, Warning, t.Pos, `add "lifetime: ..." when it is known`, "tracker %q has no lifetime", t.ID)
		case named < len(t.Names):
			for _, n := range t.Names {
				if n.Lifetime == nil {
					pass.report(RuleNoLifetime, Warning, n.Pos, "add its lifetime when it is known", "tracker name %q in %q has no lifetime", n.Name, t.ID)
				}
			}
		}
	}
}

func checkLegalBases(pass *Pass) {
	groups := map[string]*ProcessingGroup{}
	for _, g := range pass.Policy.ProcessingGroups {
		groups[g.ID] = g
	}
	for _, a := range pass.Policy.Processing {
		bases := a.LegalBases
		if g := groups[a.Group.ID]; g != nil && len(bases) == 0 {
			bases = g.LegalBases
		}
		if len(bases) == 0 {
			pass.report(RuleNoLegalBasis, Error, a.Pos, `add "legal-bases: [...]" to the activity or its group`,
				"processing activity %q has no legal basis", a.ID)
		}
		if slices.ContainsFunc(bases, func(b LegalBasis) bool { return b.Key == "legitimate-interests" }) && a.LegitimateInterest.IsZero() {
			pass.report(RuleNoInterest, Warning, a.Pos, `add "legitimate-interest: ..." stating the interest pursued`,
				"processing activity %q rests on legitimate interests but does not state them", a.ID)
		}
	}
}

func checkController(pass *Pass) {
	if len(pass.Policy.Controllers) == 0 && pass.Policy.ID != "" {
		pass.report(RuleMissingField, Error, pass.Policy.Pos, `add "controllers:" with at least one controller`, "the policy names no controller")
	}
}
