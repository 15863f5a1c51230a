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
// Where an authority publishes no figure of its own, its profile takes the
// common benchmark (the CNIL's 13 months) and its sources say so.
var Profiles = []Profile{
	{
		Authority:       "cnil",
		TrackerLifetime: months(13), ChoiceLifetime: months(13),
		AudienceExemption: true, ExemptLifetime: months(13), ExemptThirdParty: true,
		ExemptNote: "the trackers serve audience measurement only, for the publisher alone, produce anonymous statistics, are not extended on each visit, and their data are kept at most 25 months",
		Sources: []string{
			// Art. 5: the conditions of the exemption for audience measurement.
			"CNIL, délibération n° 2020-091 du 17 septembre 2020 portant adoption de lignes directrices relatives à l'application de l'article 82 de la loi du 6 janvier 1978 modifiée aux opérations de lecture ou écriture dans le terminal d'un utilisateur (notamment aux « cookies et autres traceurs »), art. 5",
			// Art. 5: exempt audience trackers live at most 13 months, not
			// extended on new visits; choices kept 6 months as good practice.
			"CNIL, délibération n° 2020-092 du 17 septembre 2020 portant adoption d'une recommandation proposant des modalités pratiques de mise en conformité en cas de recours aux « cookies et autres traceurs », art. 5 (JORF, Legifrance JORFTEXT000042388197)",
			// 13 months for the trackers, 25 months for their data.
			"CNIL, « Cookies : solutions pour les outils de mesure d'audience », cnil.fr, 4 juillet 2025",
		},
	},
	{
		Authority:       "ap",
		TrackerLifetime: months(13), ChoiceLifetime: months(13),
		AudienceExemption: true, ExemptLifetime: months(13), ExemptThirdParty: false,
		ExemptNote: "analytics are exempt only when set up privacy-friendly: a processor agreement with the provider, IP addresses masked, data sharing with the provider switched off, no other services combined with them; a third party's own tracker is a tracking cookie, and a cookie wall is not valid consent",
		Sources: []string{
			"Telecommunicatiewet, art. 11.7a",
			"Autoriteit Persoonsgegevens, « Google Analytics » (Google Analytics privacyvriendelijk instellen; Handleiding privacyvriendelijk instellen Google Analytics), autoriteitpersoonsgegevens.nl",
			"Autoriteit Persoonsgegevens, « Websites moeten toegankelijk blijven na weigering tracking cookies », maart 2019 (cookiewalls)",
			// No lifetime of its own found: the common benchmark.
			"13 months for trackers and choices: the common benchmark of CNIL délibération n° 2020-092; the AP publishes no figure of its own",
		},
	},
	{
		Authority:       "apd-gba",
		TrackerLifetime: months(13), ChoiceLifetime: months(13),
		AudienceExemption: false,
		ExemptNote:        "the Belgian authority grants no exemption for analytics: they need consent",
		Sources: []string{
			"Loi du 30 juillet 2018 relative à la protection des personnes physiques à l'égard des traitements de données à caractère personnel, art. 10/2 (as the authority's cookie policy cites it, 13 October 2023)",
			"Autorité de protection des données, checklist cookies and cookie guidance, 2020 (analytics need consent; cookie walls are not allowed)",
			// No lifetime of its own found: the common benchmark.
			"13 months for trackers and choices: the common benchmark of CNIL délibération n° 2020-092; the APD publishes no figure of its own",
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
