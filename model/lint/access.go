package lint

import (
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// Small accessors through which the rules read the model, so that a change
// of its shape is met here once.

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

func hasBasisPrefix(bs []model.LegalBasis, prefix string) bool {
	return slices.ContainsFunc(bs, func(b model.LegalBasis) bool { return strings.HasPrefix(b.Key, prefix) })
}

// allBases are the legal bases of every activity and tracker category of p.
func allBases(p *model.Policy) []model.LegalBasis {
	var out []model.LegalBasis
	for _, a := range p.Processing {
		out = append(out, bases(p, a)...)
	}
	for _, c := range p.TrackerCategories {
		out = append(out, c.LegalBases...)
	}
	for _, t := range p.Trackers {
		out = append(out, t.LegalBases...)
	}
	return out
}

// consentBased reports whether any processing or tracker of p rests on
// consent: a consent basis, or trackers in a category that needs consent.
func consentBased(p *model.Policy) (model.Pos, bool) {
	for _, a := range p.Processing {
		for _, b := range bases(p, a) {
			if b.Key == "consent" {
				return b.Pos, true
			}
		}
	}
	for _, c := range p.TrackerCategories {
		if c.ConsentRequired && hasTrackers(p, c) {
			return c.At("consent-required"), true
		}
		for _, b := range c.LegalBases {
			if b.Key == "consent" {
				return b.Pos, true
			}
		}
	}
	for _, t := range p.Trackers {
		for _, b := range t.LegalBases {
			if b.Key == "consent" {
				return b.Pos, true
			}
		}
	}
	return model.Pos{}, false
}

// trackersOf returns the trackers in category c.
func trackersOf(p *model.Policy, c *model.TrackerCategory) []*model.Tracker {
	var out []*model.Tracker
	for _, t := range p.Trackers {
		if t.Category.ID == c.ID {
			out = append(out, t)
		}
	}
	return out
}

// hasTrackers reports whether category c has trackers.
func hasTrackers(p *model.Policy, c *model.TrackerCategory) bool {
	return slices.ContainsFunc(p.Trackers, func(t *model.Tracker) bool { return t.Category.ID == c.ID })
}

// isPrivacyNotice reports whether p informs about processing activities in
// the sense of Art. 13 and 14, not only about trackers.
func isPrivacyNotice(p *model.Policy) bool { return len(p.Processing) > 0 }

func isCookiePolicy(p *model.Policy) bool {
	return p.Kind == "cookie-policy" || p.Kind == "privacy-and-cookie-policy"
}

func hasRight(p *model.Policy, key string) bool {
	return p.Rights != nil && slices.ContainsFunc(p.Rights.List, func(r model.Right) bool { return r.Key == key })
}

// rightsPos is where the rights list is, or where it belongs.
func rightsPos(p *model.Policy) model.Pos {
	if p.Rights != nil {
		return p.Rights.At("list")
	}
	return p.Pos
}

// transfer is a transfer outside the EEA with the item path it belongs to.
type transfer struct {
	*model.Transfer
	path string
}

// transfers returns the transfers of p: the policy's and each activity's.
func transfers(p *model.Policy) []transfer {
	var out []transfer
	for _, t := range p.Transfers {
		if t != nil {
			out = append(out, transfer{t, "transfers"})
		}
	}
	for _, a := range p.Processing {
		for _, t := range a.Transfers {
			if t != nil {
				out = append(out, transfer{t, "processing." + a.ID})
			}
		}
	}
	return out
}

// safeguard is the ground of a transfer, as a vocabulary key.
func safeguard(t *model.Transfer) (string, model.Pos) { return t.Safeguard.Key, t.Safeguard.Pos }

func inEEA(code string) bool { return code == "" || model.InEEA(code) }

// adequate are the countries with an adequacy decision of the European
// Commission under Art. 45 GDPR (the United States for organisations
// certified under the EU-US Data Privacy Framework).
var adequate = []string{"AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "UY", "US"}

// texts returns every language of t, in a fixed order.
func texts(t model.Text) []string {
	var out []string
	for _, l := range sortedKeys(t.Values) {
		out = append(out, t.Values[l])
	}
	return out
}
