package lint

import (
	"github.com/policyc/policyc/model"
)

// Profile is what one supervisory authority has published about trackers,
// applied when a policy names it as its complaint authority. Each number
// comes from the sources listed with it.
type Profile struct {
	Authority string // the key of the authority, as policies name it
	// TrackerLifetime is the longest lifetime of a tracker before a
	// warning; zero takes the common benchmark of 13 months.
	TrackerLifetime *model.Duration
	// ChoiceLifetime is the longest time a visitor's choice may be kept
	// before a warning.
	ChoiceLifetime *model.Duration
	// AudienceExemption says whether trackers for audience measurement
	// may be set without consent, and on which terms.
	AudienceExemption bool
	ExemptLifetime    *model.Duration // the longest lifetime of an exempt tracker
	ExemptThirdParty  bool            // whether an exempt tracker may be a third party's
	// ExemptNote is what the authority requires beyond the numbers, told
	// in the finding.
	ExemptNote string
	Sources    []string
}

func months(n int) *model.Duration { return &model.Duration{Amount: n, Unit: "month"} }

// Profiles are the authorities whose published benchmarks policyc applies.
var Profiles = []Profile{
	{
		Authority:       "cnil",
		TrackerLifetime: months(13), ChoiceLifetime: months(13),
		AudienceExemption: true, ExemptLifetime: months(13), ExemptThirdParty: true,
		ExemptNote: "the trackers serve audience measurement only, are not extended on each visit, and their data are kept at most 25 months",
		Sources: []string{
			"CNIL, délibération n° 2020-091 du 17 septembre 2020 (lignes directrices cookies et autres traceurs), art. 5",
			"CNIL, délibération n° 2020-092 du 17 septembre 2020 (recommandation cookies et autres traceurs)",
			"CNIL, « Cookies : solutions pour les outils de mesure d'audience »",
		},
	},
	{
		Authority:       "ap",
		TrackerLifetime: months(13), ChoiceLifetime: months(13),
		AudienceExemption: true, ExemptLifetime: months(13), ExemptThirdParty: false,
		ExemptNote: "analytics are exempt only when privacy-friendly: first party, IP addresses masked, data not shared for other purposes; a cookie wall is not valid consent",
		Sources: []string{
			"Autoriteit Persoonsgegevens, « Cookies » (veelgestelde vragen: analytische cookies, tracking cookies, cookiewalls)",
			"Telecommunicatiewet art. 11.7a",
		},
	},
	{
		Authority:       "apd-gba",
		TrackerLifetime: months(13), ChoiceLifetime: months(13),
		AudienceExemption: false,
		ExemptNote:        "the Belgian authority grants no exemption for analytics: they need consent",
		Sources: []string{
			"Autorité de protection des données, « Cookies » (checklist cookies, 2020)",
			"Loi du 13 juin 2005 relative aux communications électroniques, art. 129",
		},
	},
}

// defaultProfile holds the common benchmarks where no profile applies.
var defaultProfile = Profile{TrackerLifetime: months(13), ChoiceLifetime: months(13), AudienceExemption: true, ExemptLifetime: months(13), ExemptThirdParty: true,
	ExemptNote: "the trackers serve audience measurement only and are strictly limited"}

// profileOf returns the profile of the first complaint authority of p that
// has one, or nil.
func profileOf(p *model.Policy) *Profile {
	if p.Rights == nil {
		return nil
	}
	for _, a := range p.Rights.Authorities {
		if a == nil || a.Authority == nil {
			continue
		}
		for i := range Profiles {
			if Profiles[i].Authority == a.Authority.Key {
				return &Profiles[i]
			}
		}
	}
	return nil
}

// profile returns the profile in force, or the common benchmarks.
func (pass *Pass) profile() *Profile {
	if pass.Profile != nil {
		return pass.Profile
	}
	return &defaultProfile
}
