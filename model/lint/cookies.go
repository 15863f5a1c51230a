package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/policyc/policyc/model"
)

// What a tracker category is for, read from its id and names in every
// language: trackers for these purposes are never strictly necessary.
var (
	advertisingWords = regexp.MustCompile(`(?i)(advertis|\bads?\b|marketing|targeting|retargeting|remarketing|reclame|advertentie|publicit|ciblage|social|sociale|sociaux|réseaux)`)
	analyticsWords   = regexp.MustCompile(`(?i)(analytic|analyse|analys|audience|statisti|measurement|meting|mesure|performance|improvement|verbetering|amélioration)`)
)

// trackingPurpose finds, in a tracker's purpose, that it serves analytics
// or advertising.
var trackingPurpose = newWordList("", "", "web analytics", "analytical data", "audience measurement", "measure of audience", "targeted advertising",
	"advertising purposes", "webanalyse", "analyse d'audience", "mesure d'audience", "publicité ciblée", "gerichte advertenties",
	"website improvement", "verbetering van de website", "amélioration du site")

func purposeWord(m string) string {
	if advertisingWords.MatchString(m) {
		return "advertising"
	}
	return "analytics"
}

// purposeOf says what c's trackers are for: "advertising", "analytics" or "".
func purposeOf(c *model.TrackerCategory) string {
	words := append([]string{c.ID}, texts(c.Name)...)
	text := strings.Join(words, " ")
	switch {
	case advertisingWords.MatchString(text):
		return "advertising"
	case analyticsWords.MatchString(text):
		return "analytics"
	}
	return ""
}

// ConsentFreeTracking reports a category of analytics, advertising or
// social-media trackers that asks no consent: none of them is strictly
// necessary for a service the user asked for. Analytics may rely on the
// audience-measurement exemption where the policy says so.
var ConsentFreeTracking = &Analyzer{
	ID: "CONSENT_FREE_TRACKING", Severity: model.Error, Category: "cookies", Law: "ePrivacy Directive Art. 5(3)",
	Doc: "a category of analytics, advertising or social-media trackers needs no consent",
	Run: func(pass *Pass) any {
		p := pass.Policy
		for _, c := range p.TrackerCategories {
			if c.ConsentRequired || !hasTrackers(p, c) || pass.loaderErrorAt(c.At("consent-required")) {
				continue
			}
			if c.Exemption == "" {
				var buf [8]string
				for _, t := range trackersOf(p, c) {
					for _, l := range t.Purpose.Languages(buf[:0]) {
						if m := trackingPurpose.FindString(t.Purpose.Values[l]); m != "" {
							pass.ReportItemf("trackers."+t.ID, t.Purpose.Pos, fmt.Sprintf("move it to a category that asks consent, or correct its purpose"),
								"tracker %q is for %s (%q), but its category %q asks no consent", t.ID, purposeWord(m), m, c.ID)
							break
						}
					}
				}
			}
			switch purposeOf(c) {
			case "advertising":
				pass.ReportItemf("tracker-categories."+c.ID, c.At("consent-required"), `write "consent-required: true"`,
					"tracker category %q is for advertising or social media, which always needs consent", c.ID)
			case "analytics":
				if c.Exemption == "" {
					pass.ReportItemf("tracker-categories."+c.ID, c.At("consent-required"),
						`write "consent-required: true", or "exemption: audience-measurement" if the trackers meet its conditions`,
						"tracker category %q is for analytics and needs consent unless it meets the audience-measurement exemption", c.ID)
				}
			}
		}
		return nil
	},
}

// AudienceExemption reports a category that claims the audience-measurement
// exemption and does not meet the conditions of the authority in force.
var AudienceExemption = &Analyzer{
	ID: "AUDIENCE_EXEMPTION", Severity: model.Error, Category: "cookies", Law: "ePrivacy Directive Art. 5(3); CNIL guidelines 2020-091 art. 5",
	Doc: "a category claims the audience-measurement exemption but its trackers do not meet the authority's conditions",
	Run: func(pass *Pass) any {
		p := pass.Policy
		prof := pass.profile()
		for _, c := range p.TrackerCategories {
			if c.Exemption != "audience-measurement" {
				continue
			}
			path := "tracker-categories." + c.ID
			if c.ConsentRequired {
				pass.ReportItemf(path, c.At("exemption"), `remove "exemption:" or write "consent-required: false"`,
					"tracker category %q claims an exemption from consent but requires consent", c.ID)
				continue
			}
			if !prof.AudienceExemption {
				pass.ReportItemf(path, c.At("exemption"), `write "consent-required: true"`, "tracker category %q claims the audience-measurement exemption: %s", c.ID, prof.ExemptNote)
				continue
			}
			if purposeOf(c) == "advertising" {
				pass.ReportItemf(path, c.At("exemption"), `write "consent-required: true"`, "tracker category %q is for advertising or social media, which no exemption covers", c.ID)
			}
			for _, t := range trackersOf(p, c) {
				if life := longestLifetime(t); life != nil && life.Compare(prof.ExemptLifetime) > 0 {
					pass.ReportItemf("trackers."+t.ID, life.Pos, fmt.Sprintf("keep it at most %s, or ask consent", prof.ExemptLifetime),
						"tracker %q lives %s, longer than the %s an exempt audience-measurement tracker may", t.ID, life, prof.ExemptLifetime)
				}
				if t.Party == "third" && !prof.ExemptThirdParty {
					pass.ReportItemf("trackers."+t.ID, t.At("party"), "ask consent, or measure audience first-party", "tracker %q is a third party's: %s", t.ID, prof.ExemptNote)
				}
			}
		}
		return nil
	},
}

// longestLifetime is the longest lifetime of t's row and names.
func longestLifetime(t *model.Tracker) *model.Duration {
	best := t.Lifetime
	for _, n := range t.Names {
		if n.Lifetime != nil && (best == nil || n.Lifetime.Compare(best) > 0) {
			best = n.Lifetime
		}
	}
	return best
}

// ConsentLegitimateInterest reports trackers that need consent resting on
// legitimate interests instead.
var ConsentLegitimateInterest = &Analyzer{
	ID: "CONSENT_LEGITIMATE_INTEREST", Severity: model.Error, Category: "cookies", Law: "ePrivacy Directive Art. 5(3); EDPB cookie banner taskforce report (2023)",
	Doc: "a category of trackers that needs consent, or a tracker in one, gives legitimate interests as its basis",
	Run: func(pass *Pass) any {
		needs := map[string]bool{}
		for _, c := range pass.Policy.TrackerCategories {
			if !c.ConsentRequired {
				continue
			}
			needs[c.ID] = true
			for _, b := range c.LegalBases {
				if b.Key == "legitimate-interests" {
					pass.ReportItemf("tracker-categories."+c.ID, b.Pos, "give consent as the basis", "tracker category %q needs consent but rests on legitimate interests", c.ID)
				}
			}
		}
		for _, t := range pass.Policy.Trackers {
			if !needs[t.Category.ID] {
				continue
			}
			for _, b := range t.LegalBases {
				if b.Key == "legitimate-interests" {
					pass.ReportItemf("trackers."+t.ID, b.Pos, "give consent as the basis, or move the tracker to a category that needs no consent",
						"tracker %q is in category %q, which needs consent, but rests on legitimate interests", t.ID, t.Category.ID)
				}
			}
		}
		return nil
	},
}

// TrackerLifetimeLong warns of trackers living longer than the benchmark of
// the authority in force, 13 months by default.
var TrackerLifetimeLong = &Analyzer{
	ID: "TRACKER_LIFETIME_LONG", Severity: model.Warning, Category: "cookies", Law: "CNIL recommendation 2020-092; CJEU C-673/17 (Planet49)",
	Doc: "a tracker lives longer than 13 months (or the authority's benchmark)",
	Run: func(pass *Pass) any {
		limit := pass.profile().TrackerLifetime
		for _, t := range pass.Policy.Trackers {
			// The tracker's name is formatted only for a finding: most
			// trackers have none.
			check := func(cookie *model.TrackerName, d *model.Duration) {
				if d == nil || d.Compare(limit) <= 0 {
					return
				}
				name := fmt.Sprintf("%q", t.ID)
				if cookie != nil {
					name = fmt.Sprintf("%q in %q", cookie.Name, t.ID)
				}
				pass.ReportItemf("trackers."+t.ID, d.Pos, fmt.Sprintf("keep it at most %s", limit), "tracker %s lives %s, longer than %s", name, d, limit)
			}
			check(nil, t.Lifetime)
			for i := range t.Names {
				check(&t.Names[i], t.Names[i].Lifetime)
			}
		}
		return nil
	},
}

// ChoiceLifetimeLong warns of a consent choice kept longer than the
// benchmark; about 6 months is good practice.
var ChoiceLifetimeLong = &Analyzer{
	ID: "CHOICE_LIFETIME_LONG", Severity: model.Warning, Category: "cookies", Law: "CNIL recommendation 2020-092",
	Doc: "the visitor's consent choice is kept longer than 13 months (about 6 months is recommended)",
	Run: func(pass *Pass) any {
		b := pass.Policy.Banner
		limit := pass.profile().ChoiceLifetime
		if b != nil && b.ChoiceLifetime != nil && b.ChoiceLifetime.Compare(limit) > 0 {
			pass.ReportItemf("banner", b.At("choice-lifetime"), "keep the choice about 6 months, at most "+limit.String(),
				"the consent choice is kept %s, longer than %s", b.ChoiceLifetime, limit)
		}
		return nil
	},
}

// NoChoiceLifetime warns of a cookie policy with consent trackers that
// does not say how long the visitor's choice is kept.
var NoChoiceLifetime = &Analyzer{
	ID: "NO_CHOICE_LIFETIME", Severity: model.Warning, Category: "cookies", Law: "CNIL recommendation 2020-092",
	Doc: "the banner of a cookie policy with trackers that need consent does not say how long the choice is kept",
	Run: func(pass *Pass) any {
		p := pass.Policy
		// Without a banner the consent tool is described elsewhere; a banner
		// the policy describes must say how long the choice is kept.
		if !isCookiePolicy(p) || p.Banner == nil || p.Banner.ChoiceLifetime != nil {
			return nil
		}
		for _, c := range p.TrackerCategories {
			if c.ConsentRequired && hasTrackers(p, c) {
				pass.ReportItemf("banner", p.Banner.Pos, `add "banner: {choice-lifetime: 6 months, ...}"`, "the policy does not say how long the visitor's consent choice is kept")
				return nil
			}
		}
		return nil
	},
}
