package lint

import (
	"fmt"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/consent"
)

// ConsentRecord warns of a banner whose consent record (consent.lock) is
// missing or behind the policy: the revision the exports write is the
// record's, so a material change not yet recorded would reach visitors
// only at the next export, and a record never committed would start again
// from revision 1 on another checkout.
var ConsentRecord = &Analyzer{
	ID: "CONSENT_RECORD", Severity: model.Warning, Category: "cookies", Law: "GDPR Art. 7(1); EDPB Guidelines 05/2020 on consent",
	Doc: "the banner's consent record (consent.lock) is missing, unreadable, or behind a material change of what visitors consent to",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if p.Banner == nil || !hasConsentTrackers(p) {
			return nil
		}
		pos := p.Banner.Pos
		const fix = "run policyc export cookieconsent (or klaro) and commit " + consent.RecordFile
		path := consent.RecordPath(p)
		if consent.Recorded(path, p) {
			return nil
		}
		rec, err := consent.ReadRecord(path)
		switch {
		case err != nil:
			pass.ReportItemf("banner", pos, "delete it, "+fix, "%s: %v", model.DisplayPath(path), err)
		case rec == nil:
			pass.ReportItemf("banner", pos, fix, "the banner has no consent record (%s) to keep its revision", consent.RecordFile)
		default:
			changes := consent.Material(rec.Facts, consent.FactsOf(p))
			if len(changes) == 0 {
				return nil
			}
			more := ""
			if len(changes) > 1 {
				more = fmt.Sprintf(" (and %d more)", len(changes)-1)
			}
			pass.ReportItemf("banner", pos, fix, "%s is behind the policy: %s [%s]%s; the next export asks visitors again, as revision %d",
				consent.RecordFile, changes[0].Summary, changes[0].Rule, more, rec.Revision+1)
		}
		return nil
	},
}

func hasConsentTrackers(p *model.Policy) bool {
	for _, c := range p.TrackerCategories {
		if c.ConsentRequired && hasTrackers(p, c) {
			return true
		}
	}
	return false
}
