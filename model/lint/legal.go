package lint

import (
	"slices"

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

// bases returns the legal bases of a: its own, or else its group's.
func bases(p *model.Policy, a *model.Activity) []model.LegalBasis {
	if len(a.LegalBases) > 0 {
		return a.LegalBases
	}
	for _, g := range p.ProcessingGroups {
		if g.ID == a.Group.ID && a.Group.ID != "" {
			return g.LegalBases
		}
	}
	return nil
}

func hasBasis(bs []model.LegalBasis, key string) bool {
	return slices.ContainsFunc(bs, func(b model.LegalBasis) bool { return b.Key == key })
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
	Doc: "legitimate interests is a basis but the interest pursued is not stated",
	Run: func(pass *Pass) any {
		for _, a := range pass.Policy.Processing {
			if hasBasis(bases(pass.Policy, a), "legitimate-interests") && a.LegitimateInterest.IsZero() {
				pass.ReportItemf("processing."+a.ID, a.Pos, `add "legitimate-interest: ..." stating the interest pursued`,
					"processing activity %q rests on legitimate interests but does not state them", a.ID)
			}
		}
		return nil
	},
}
