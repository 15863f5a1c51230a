package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// NoController reports a policy that names no controller.
var NoController = &Analyzer{
	ID: "NO_CONTROLLER", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(1)(a), 14(1)(a)",
	Doc: "the policy names no controller",
	Run: func(pass *Pass) any {
		if len(pass.Policy.Controllers) == 0 && pass.Policy.ID != "" {
			pass.Reportf(pass.Policy.Pos, `add "controllers:" with at least one controller`, "the policy names no controller")
		}
		return nil
	},
}

// NoLegalBasis reports processing activities without a legal basis.
var NoLegalBasis = &Analyzer{
	ID: "NO_LEGAL_BASIS", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(1)(c), 14(1)(c)",
	Doc: "a processing activity has no legal basis, neither its own nor its group's",
	Run: func(pass *Pass) any {
		for _, a := range pass.Policy.Processing {
			if len(bases(pass.Policy, a)) == 0 {
				pass.ReportItemf("processing."+a.ID, a.Pos, `add "legal-bases: [...]" to the activity or its group`,
					"processing activity %q has no legal basis", a.ID)
			}
		}
		return nil
	},
}

// NoLegitimateInterest reports activities resting on legitimate interests
// without saying which.
var NoLegitimateInterest = &Analyzer{
	ID: "NO_LEGITIMATE_INTEREST", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 13(1)(d), 14(2)(b)",
	Doc: "legitimate interests is a basis of an activity or a tracker but the interest pursued is not stated",
	Run: func(pass *Pass) any {
		for _, a := range pass.Policy.Processing {
			if hasBasis(bases(pass.Policy, a), "legitimate-interests") && a.LegitimateInterest.IsZero() {
				pass.ReportItemf("processing."+a.ID, a.Pos, `add "legitimate-interest: ..." stating the interest pursued`,
					"processing activity %q rests on legitimate interests but does not state them", a.ID)
			}
		}
		for _, t := range pass.Policy.Trackers {
			if hasBasis(t.LegalBases, "legitimate-interests") && t.LegitimateInterest.IsZero() {
				pass.ReportItemf("trackers."+t.ID, t.At("legal-bases"), `add "legitimate-interest: ..." to the tracker, stating the interest pursued`,
					"tracker %q rests on legitimate interests but does not state them", t.ID)
			}
		}
		return nil
	},
}

// ControllerContact reports a controller with no way to reach it.
var ControllerContact = &Analyzer{
	ID: "CONTROLLER_CONTACT", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(1)(a), 14(1)(a)",
	Doc: "a controller gives no contact details: no address, e-mail or form",
	Run: func(pass *Pass) any {
		for _, c := range pass.Policy.Controllers {
			if c != nil && c.Address == nil && c.Email == "" && c.Form.URL == "" {
				pass.ReportItemf("controllers."+c.ID, c.Pos, `add "address:", "email:" or "form:"`, "controller %q gives no contact details", c.Name)
			}
		}
		return nil
	},
}

// dpoWords are how the texts of a policy speak of a data protection
// officer, in each language.
var dpoWords = newWordList(`\b`, `\b`, "data protection officer", "DPO", "functionaris voor gegevensbescherming", "délégué à la protection des données")

// NoDPO reports a policy that shows or speaks of a data protection officer
// without declaring one: a block placed for it is an error, prose that
// mentions one a warning.
var NoDPO = &Analyzer{
	ID: "NO_DPO", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(1)(b), 14(1)(b)",
	Doc: "a data protection officer is shown or spoken of, but the policy declares none",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if p.DPO != nil {
			return nil
		}
		placed := false
		var walk func([]*model.Section)
		walk = func(ss []*model.Section) {
			for _, s := range ss {
				for _, b := range s.Blocks {
					if b.Kind == "dpo" {
						placed = true
						pass.ReportItemf("sections."+s.ID, b.Pos, `add "dpo:" with the officer's contact details, or remove the block`,
							"section %q shows the data protection officer, but the policy declares none", s.ID)
					}
				}
				walk(s.Sections)
			}
		}
		walk(p.Sections)
		if placed {
			return nil
		}
		var buf [8]string
		for _, f := range p.Texts {
			for _, l := range f.Text.Languages(buf[:0]) {
				if dpoWords.MatchString(f.Text.Values[l]) {
					pass.Report(model.Diagnostic{Pos: f.Text.At(l), Severity: model.Warning, Path: f.Path,
						Fix:     `add "dpo:" with the officer's contact details`,
						Summary: fmt.Sprintf("%s speaks of a data protection officer, but the policy declares none", f.Path)})
					return nil
				}
			}
		}
		return nil
	},
}

// DPOContact reports a data protection officer with no contact details.
var DPOContact = &Analyzer{
	ID: "DPO_CONTACT", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(1)(b), 14(1)(b)",
	Doc: "the data protection officer is declared without contact details",
	Run: func(pass *Pass) any {
		d := pass.Policy.DPO
		if d != nil && d.Address == nil && d.Email == "" && d.Form.URL == "" && d.Phone == "" && d.URL.URL == "" {
			pass.ReportItemf("dpo", d.Pos, `add "email:", "form:" or "address:"`, "the data protection officer has no contact details")
		}
		return nil
	},
}

// NoDataCategories reports activities that name no category of data.
var NoDataCategories = &Analyzer{
	ID: "NO_DATA_CATEGORIES", Severity: model.Error, Category: "legal", Law: "GDPR Art. 14(1)(d)",
	Doc: "a processing activity names no category of personal data",
	Run: func(pass *Pass) any {
		for _, a := range pass.Policy.Processing {
			if a.Has("data-categories") && len(a.DataCategories) == 0 {
				pass.ReportItemf("processing."+a.ID, a.At("data-categories"), "list the data categories by id", "processing activity %q names no category of personal data", a.ID)
			}
		}
		return nil
	},
}

// NoRecipients reports activities without recipients: a judgement call, as
// processing may stay within the controller, which the policy should say.
var NoRecipients = &Analyzer{
	ID: "NO_RECIPIENTS", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 13(1)(e), 14(1)(e)",
	Doc: "a processing activity names no recipients or categories of recipients, and neither its data stay on the device nor the policy names recipients of all processing",
	Run: func(pass *Pass) any {
		for _, r := range pass.Policy.Recipients {
			if r.General {
				return nil
			}
		}
		for _, a := range pass.Policy.Processing {
			if len(a.Recipients) == 0 && !a.OnDevice {
				pass.ReportItemf("processing."+a.ID, a.Pos, `add "recipients: [...]", naming them where possible (WP260)`,
					"processing activity %q names no recipients", a.ID)
			}
		}
		return nil
	},
}

// TransferNoSafeguard reports transfers outside the EEA without a ground.
var TransferNoSafeguard = &Analyzer{
	ID: "TRANSFER_NO_SAFEGUARD", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(1)(f), 14(1)(f), 44–49",
	Doc: "a transfer outside the EEA has no adequacy decision or safeguard",
	Run: func(pass *Pass) any {
		for _, t := range transfers(pass.Policy) {
			if key, pos := safeguard(t.Transfer); key == "none" || key == "" {
				if !pos.IsValid() {
					pos = t.Pos
				}
				pass.ReportItemf(t.path, pos, "give its ground: adequacy, scc-2021-914, bcr or art49",
					"transfer to %s has no safeguard", countryList(t.Countries))
			}
		}
		return nil
	},
}

func countryList(cs []model.Country) string {
	codes := make([]string, len(cs))
	for i, c := range cs {
		codes[i] = c.Code
	}
	return strings.Join(codes, ", ")
}

// TransferArt49 warns of transfers resting on an Art. 49 derogation: the
// derogations are for occasional transfers, and one a policy describes is
// regular (EDPB guidelines 2/2018).
var TransferArt49 = &Analyzer{
	ID: "TRANSFER_ART49", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 49; EDPB Guidelines 2/2018",
	Doc: "a regular transfer rests on an Art. 49 derogation alone",
	Run: func(pass *Pass) any {
		for _, t := range transfers(pass.Policy) {
			if key, pos := safeguard(t.Transfer); key == "art49" {
				pass.ReportItemf(t.path, pos, "use an adequacy decision, standard contractual clauses or binding corporate rules",
					"transfer to %s rests on an Art. 49 derogation, which is for occasional transfers, not regular ones", countryList(t.Countries))
			}
		}
		return nil
	},
}

// Art49LegalBasis reports an Art. 49(1) derogation given as a legal basis:
// it lets a transfer to a third country happen, it does not make the
// processing lawful, and the page would print it among the bases.
var Art49LegalBasis = &Analyzer{
	ID: "ART49_LEGAL_BASIS", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 6(1), 49(1)",
	Doc: "an Art. 49(1) derogation is given as a legal basis instead of as the ground of a transfer",
	Run: func(pass *Pass) any {
		p := pass.Policy
		check := func(list, id string, bs []model.LegalBasis) {
			for _, b := range bs {
				if strings.HasPrefix(b.Key, "art49-") {
					pass.ReportItemf(list+"."+id, b.Pos, fmt.Sprintf(`remove it from "legal-bases" and add "transfers: [{safeguard: %s}]"`, b.Key),
						"%s is a derogation for transfers to third countries (Art. 49(1) GDPR), not a legal basis", b.Key)
				}
			}
		}
		for _, c := range p.TrackerCategories {
			check("tracker-categories", c.ID, c.LegalBases)
		}
		for _, t := range p.Trackers {
			check("trackers", t.ID, t.LegalBases)
		}
		for _, g := range p.ProcessingGroups {
			check("processing-groups", g.ID, g.LegalBases)
		}
		for _, a := range p.Processing {
			check("processing", a.ID, a.LegalBases)
		}
		return nil
	},
}

// AdequacyCountry reports an adequacy decision claimed for a country that
// has none.
var AdequacyCountry = &Analyzer{
	ID: "ADEQUACY_COUNTRY", Severity: model.Error, Category: "legal", Law: "GDPR Art. 45",
	Doc: "a transfer claims an adequacy decision for a country that has none",
	Run: func(pass *Pass) any {
		for _, t := range transfers(pass.Policy) {
			if key, _ := safeguard(t.Transfer); key != "adequacy" {
				continue
			}
			for _, c := range t.Countries {
				if !inEEA(c.Code) && !slices.Contains(adequate, c.Code) {
					pass.ReportItemf(t.path, c.Pos, "use standard contractual clauses (scc-2021-914) or binding corporate rules",
						"%s has no adequacy decision", c.Code)
				}
			}
		}
		return nil
	},
}

// UndeclaredTransfer reports a vendor, tracker or recipient outside the EEA
// to which no transfer of the policy goes.
var UndeclaredTransfer = &Analyzer{
	ID: "UNDECLARED_TRANSFER", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(1)(f), 14(1)(f)",
	Doc: "a vendor, tracker or recipient is outside the EEA, and no transfer with a safeguard goes there",
	Run: func(pass *Pass) any {
		p := pass.Policy
		covered := map[string]bool{}
		for _, t := range transfers(p) {
			for _, c := range t.Countries {
				covered[c.Code] = true
			}
		}
		check := func(list, what, id string, c model.Country) {
			if c.Code != "" && !inEEA(c.Code) && !covered[c.Code] {
				pass.ReportItemf(list+"."+id, c.Pos, fmt.Sprintf(`add a transfer to %s with its safeguard under "transfers:"`, c.Code),
					"%s %q is in %s, outside the EEA, but no transfer to %s is declared", what, id, c.Code, c.Code)
			}
		}
		for _, v := range p.Vendors {
			check("vendors", "vendor", v.ID, v.Country)
		}
		for _, r := range p.Recipients {
			check("recipients", "recipient", r.ID, r.Country)
		}
		for _, t := range p.Trackers {
			for _, c := range t.Countries {
				check("trackers", "tracker", t.ID, c)
			}
		}
		return nil
	},
}

// vagueRetention matches criteria that only say the data are kept as long
// as needed, in English, Dutch or French (WP260 rev.01, paragraph 46).
var vagueRetention = regexp.MustCompile(`(?i)(as long as (is )?(necessary|needed|required)|(zo|zolang) ?lang (als|dat|nodig)|niet langer dan (nodig|noodzakelijk)|aussi longtemps que (n[ée]cessaire|besoin)|(le temps|la dur[ée]e) n[ée]cessaire)`)

// RetentionVague warns of retention stated only as "as long as necessary".
var RetentionVague = &Analyzer{
	ID: "RETENTION_VAGUE", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 13(2)(a); WP260 rev.01",
	Doc: "retention is given only as \"as long as necessary\", without a period or the criteria that fix it",
	Run: func(pass *Pass) any {
		for _, a := range pass.Policy.Processing {
			for _, r := range a.Retention {
				if r == nil || r.Rule != "" || r.Criteria.IsZero() {
					continue
				}
				for _, l := range sortedKeys(r.Criteria.Values) {
					if vagueRetention.MatchString(r.Criteria.Values[l]) && len(strings.Fields(r.Criteria.Values[l])) < 12 {
						pass.ReportItemf("processing."+a.ID, r.Criteria.At(l), `give a period ("rule: 3 years from contract-end") or the criteria that fix it`,
							"processing activity %q keeps data \"as long as necessary\", which says neither a period nor its criteria", a.ID)
						break
					}
				}
			}
		}
		return nil
	},
}

// NoRetention reports activities with an empty retention list.
var NoRetention = &Analyzer{
	ID: "NO_RETENTION", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(2)(a), 14(2)(a)",
	Doc: "a processing activity states no storage period",
	Run: func(pass *Pass) any {
		for _, a := range pass.Policy.Processing {
			if a.Has("retention") && len(a.Retention) == 0 {
				pass.ReportItemf("processing."+a.ID, a.At("retention"), `add a rule such as "3 years from contract-end"`, "processing activity %q states no storage period", a.ID)
			}
		}
		return nil
	},
}

// NoRights reports a privacy notice that lists no data subject rights.
var NoRights = &Analyzer{
	ID: "NO_RIGHTS", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(2)(b), 14(2)(c)",
	Doc: "a privacy notice lists no data subject rights",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if !isPrivacyNotice(p) || (p.Rights != nil && len(p.Rights.List) > 0) {
			return nil
		}
		pass.ReportItemf("rights", rightsPos(p), `add "rights: {list: [access, rectification, erasure, restriction, objection, portability, complaint]}"`,
			"the policy lists no data subject rights")
		return nil
	},
}

// RightMissing reports a right of Art. 15–21 that applies but is not
// listed: access, rectification, erasure and restriction always;
// portability where consent or a contract is a basis; objection where
// legitimate or public interests are.
var RightMissing = &Analyzer{
	ID: "RIGHT_MISSING", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(2)(b), 15–18, 20, 21",
	Doc: "a data subject right that applies to the processing is not listed",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if p.Rights == nil || len(p.Rights.List) == 0 || !isPrivacyNotice(p) {
			return nil
		}
		bs := allBases(p)
		need := []struct{ key, art string }{{"access", "15"}, {"rectification", "16"}, {"erasure", "17"}, {"restriction", "18"}}
		if hasBasis(bs, "consent") || hasBasis(bs, "contract") {
			need = append(need, struct{ key, art string }{"portability", "20"})
		}
		if hasBasis(bs, "legitimate-interests") || hasBasis(bs, "public-interest") {
			need = append(need, struct{ key, art string }{"objection", "21"})
		}
		for _, n := range need {
			if !hasRight(p, n.key) {
				pass.ReportItemf("rights", rightsPos(p), fmt.Sprintf("add %s to the list", n.key), "the right of %s (Art. %s GDPR) is not listed", n.key, n.art)
			}
		}
		return nil
	},
}

// NoWithdrawConsent reports a policy relying on consent that does not list
// the right to withdraw it.
var NoWithdrawConsent = &Analyzer{
	ID: "NO_WITHDRAW_CONSENT", Severity: model.Error, Category: "legal", Law: "GDPR Art. 7(3), 13(2)(c), 14(2)(d)",
	Doc: "consent is a basis, but the right to withdraw it at any time is not listed",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if p.Rights == nil && !isPrivacyNotice(p) {
			return nil // a cookie policy that states no rights: NO_RIGHTS is for privacy notices
		}
		if _, ok := consentBased(p); ok && !hasRight(p, "withdraw-consent") {
			pass.ReportItemf("rights", rightsPos(p), `add withdraw-consent to "rights.list"`, "consent is a basis, but the right to withdraw consent is not listed")
		}
		return nil
	},
}

// NoAuthority reports a policy that names no supervisory authority.
var NoAuthority = &Analyzer{
	ID: "NO_AUTHORITY", Severity: model.Error, Category: "legal", Law: "GDPR Art. 13(2)(d), 14(2)(e), 77",
	Doc: "a privacy notice names no supervisory authority to complain to",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if !isPrivacyNotice(p) || (p.Rights != nil && len(p.Rights.Authorities) > 0) {
			return nil
		}
		pos := p.Pos
		if p.Rights != nil {
			pos = p.Rights.Pos
		}
		pass.ReportItemf("rights", pos, `add "authorities: [<key such as cnil, ap or apd-gba>]" under "rights:"`, "the policy names no supervisory authority to complain to")
		return nil
	},
}

// NoRequirementStatement warns of a privacy notice that never says whether
// providing the data is required.
var NoRequirementStatement = &Analyzer{
	ID: "NO_REQUIREMENT_STATEMENT", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 13(2)(e)",
	Doc: "no processing activity says whether providing the data is a statutory or contractual requirement",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if len(p.Processing) == 0 || slices.ContainsFunc(p.Processing, func(a *model.Activity) bool { return !a.Requirement.IsZero() }) {
			return nil
		}
		pass.ReportItemf("processing", p.At("processing"), `add "requirement: ..." to the activities whose data the subject must provide, and the consequences of not providing it`,
			"no processing activity says whether providing the data is required, and what follows if it is not")
		return nil
	},
}

// NoAutomatedDecisions warns of a privacy notice that never says whether
// automated decisions or profiling take place.
var NoAutomatedDecisions = &Analyzer{
	ID: "NO_AUTOMATED_DECISIONS", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 13(2)(f), 14(2)(g), 22",
	Doc: "a privacy notice does not say whether automated decisions, including profiling, are made (or that none are)",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if len(p.Processing) == 0 || hasRight(p, "automated-decisions") ||
			slices.ContainsFunc(p.Processing, func(a *model.Activity) bool { return !a.AutomatedDecisions.IsZero() }) {
			return nil
		}
		pass.ReportItemf("processing", p.At("processing"), `add "automated-decisions: ..." to the activity that makes them, or state that none are made`,
			"the policy does not say whether automated decisions, including profiling, are made")
		return nil
	},
}

// SpecialCategoryCondition reports activities on special categories of
// data without a condition of Art. 9(2).
var SpecialCategoryCondition = &Analyzer{
	ID: "SPECIAL_CATEGORY_CONDITION", Severity: model.Error, Category: "legal", Law: "GDPR Art. 9(1), 9(2)",
	Doc: "a processing activity uses a special category of data without an Art. 9(2) condition",
	Run: func(pass *Pass) any {
		p := pass.Policy
		special := map[string]bool{}
		for _, c := range p.DataCategories {
			if c.Special {
				special[c.ID] = true
			}
		}
		for _, a := range p.Processing {
			if hasBasisPrefix(bases(p, a), "art9-2-") {
				continue
			}
			for _, r := range a.DataCategories {
				if special[r.ID] {
					pass.ReportItemf("processing."+a.ID, r.Pos, `add the Art. 9(2) condition to "legal-bases", e.g. art9-2-a for explicit consent`,
						"processing activity %q uses %q, a special category of data, without an Art. 9(2) condition", a.ID, r.ID)
					break
				}
			}
		}
		return nil
	},
}

// NoSource reports a processing activity that uses a data category whose
// source is not the data subject, and that does not name where its data
// come from: the page shows the activity's source, so the reader of an
// Art. 14 notice learns it there.
var NoSource = &Analyzer{
	ID: "NO_SOURCE", Severity: model.Warning, Category: "legal", Law: "GDPR Art. 14(2)(f)",
	Doc: "a processing activity uses data that do not come from the data subject and does not say where they come from",
	Run: func(pass *Pass) any {
		p := pass.Policy
		elsewhere := map[string]bool{}
		for _, c := range p.DataCategories {
			if c.Source.Elsewhere() {
				elsewhere[c.ID] = true
			}
		}
		const fix = `give the activity "source: {...}": where the data come from, and whether the source is publicly accessible`
		for _, a := range p.Processing {
			if a.Source.Elsewhere() {
				continue
			}
			for _, r := range a.DataCategories {
				if !elsewhere[r.ID] {
					continue
				}
				if a.Source.DataSubject {
					pass.ReportItemf("processing."+a.ID, a.Source.Pos, fix,
						"processing activity %q says its data come from the data subject, but data category %q comes from elsewhere", a.ID, r.ID)
				} else {
					pass.ReportItemf("processing."+a.ID, r.Pos, fix,
						"processing activity %q uses data category %q, which does not come from the data subject, and names no source", a.ID, r.ID)
				}
				break
			}
		}
		return nil
	},
}
