package lint

import (
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/audit"
)

// The audit rules compare what a site was seen to store and contact
// (Options.Observation, from policyc audit) with what its policy declares.
// Without an observation they report nothing, so check, which has none,
// runs them to no effect.

// auditFindings finds every audit finding of a policy once; each audit
// analyzer reports those of its own ID.
var auditFindings = &Analyzer{
	ID: "audit", Category: "audit", Doc: "the findings of an audit, for the audit rules",
	Run: func(pass *Pass) any {
		if pass.Options.Observation == nil || pass.Policy == nil {
			return model.Diagnostics(nil)
		}
		return audit.Audit(pass.Policy, pass.Options.Observation)
	},
}

func auditAnalyzer(id string, sev model.Severity, law, doc string) *Analyzer {
	return &Analyzer{ID: id, Severity: sev, Category: "audit", Law: law, Doc: doc,
		Requires: []*Analyzer{auditFindings},
		Run: func(pass *Pass) any {
			for _, d := range pass.ResultOf[auditFindings].(model.Diagnostics) {
				if d.Rule == id {
					d.Severity = pass.Analyzer.Severity
					pass.Report(d)
				}
			}
			return nil
		},
	}
}

var (
	AuditUndeclared = auditAnalyzer(audit.Undeclared, model.Error, "ePrivacy Directive Art. 5(3); GDPR Art. 13(1)(c)",
		"the site sets a cookie or storage key no tracker of the policy declares")
	AuditNotSeen = auditAnalyzer(audit.NotSeen, model.Info, "GDPR Art. 5(1)(a), 12(1)",
		"a cookie or storage key the policy declares was not seen on the site: the visit may not have reached what sets it")
	AuditLifetimeLonger = auditAnalyzer(audit.LifetimeLonger, model.Error, "GDPR Art. 13(2)(a); CJEU C-673/17 (Planet49)",
		"the site keeps a cookie longer than the lifetime the policy declares")
	AuditBeforeConsent = auditAnalyzer(audit.SetBeforeConsent, model.Error, "ePrivacy Directive Art. 5(3)",
		"a cookie or storage key of a category that needs consent is set before the visitor consents")
	AuditUndeclaredHost = auditAnalyzer(audit.UndeclaredHost, model.Error, "GDPR Art. 13(1)(e), 14(1)(e)",
		"the site contacts a third-party host of no vendor the policy declares")
	AuditCategoryMismatch = auditAnalyzer(audit.CategoryMismatch, model.Error, "ePrivacy Directive Art. 5(3); Open Cookie Database",
		"a well-known cookie is declared in a category without consent that the Open Cookie Database lists as analytics or marketing")
)
