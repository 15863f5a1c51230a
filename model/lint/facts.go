package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// BannerChoiceLifetime reports a banner whose text states durations none of
// which is the choice lifetime the banner declares: the text would tell the
// visitor one period while the consent tool keeps another.
var BannerChoiceLifetime = &Analyzer{
	ID: "BANNER_CHOICE_LIFETIME", Severity: model.Error, Category: "cookies",
	Doc: "the banner text states how long the choice is kept, and it is not banner.choice-lifetime",
	Run: func(pass *Pass) any {
		b := pass.Policy.Banner
		if b == nil || b.ChoiceLifetime == nil || len(pass.Policy.Languages) == 0 {
			return nil
		}
		lang := pass.Policy.Languages[0]
		var stated []string
		for _, f := range model.InlineFacts(b.Text.Get(lang)) {
			if f.Kind != "duration" {
				continue
			}
			c, err := f.Canonical()
			if err != nil {
				return nil // INLINE_FACT reports it
			}
			if c == b.ChoiceLifetime.String() {
				return nil
			}
			stated = append(stated, f.String())
		}
		if len(stated) > 0 {
			pass.Reportf(b.Text.At(lang), fmt.Sprintf("write {duration %s} in the text, or change choice-lifetime", b.ChoiceLifetime),
				"banner.text states %s but choice-lifetime is %s", strings.Join(stated, " "), b.ChoiceLifetime)
		}
		return nil
	},
}

// mayHoldFacts reports whether a language of t may hold an inline fact:
// most texts hold none, and need no more work.
func mayHoldFacts(t model.Text) bool {
	var buf [8]string
	for _, l := range t.Languages(buf[:0]) {
		if strings.Contains(t.Values[l], "{") {
			return true
		}
	}
	return false
}

// inlineFacts returns, per language, the canonical inline facts of a text,
// and calls bad for each one that does not parse.
func inlineFacts(p *model.Policy, f model.TextField, bad func(lang string, fact model.InlineFact, err error)) (map[string][]string, bool) {
	canon := map[string][]string{}
	valid := true
	for _, l := range p.Languages {
		v, ok := f.Text.Values[l]
		if !ok {
			continue
		}
		facts := []string{}
		for _, fact := range model.InlineFacts(v) {
			c, err := fact.Canonical()
			if err != nil {
				bad(l, fact, err)
				valid = false
				continue
			}
			facts = append(facts, "{"+fact.Kind+" "+c+"}")
		}
		slices.Sort(facts)
		canon[l] = facts
	}
	return canon, valid
}

// InlineFact reports inline facts that do not parse.
var InlineFact = &Analyzer{
	ID: "INLINE_FACT", Severity: model.Error, Category: "structure",
	Doc: "an inline fact in prose ({duration 13 months}, {country US}, {date 2021-03-22}) does not parse",
	Run: func(pass *Pass) any {
		for _, f := range pass.Policy.Texts {
			if !mayHoldFacts(f.Text) {
				continue
			}
			inlineFacts(pass.Policy, f, func(l string, fact model.InlineFact, err error) {
				msg, fix := err.Error(), ""
				if ve, ok := err.(*model.ValueError); ok {
					msg, fix = ve.Msg, ve.Fix
				}
				pass.Reportf(f.Text.At(l), fix, "%s (%s): %s in %s", f.Path, l, msg, fact)
			})
		}
		return nil
	},
}

// FactDrift reports texts whose languages do not state the same facts: the
// drift of "13 months" in one language and "24 months" in another.
var FactDrift = &Analyzer{
	ID: "FACT_DRIFT", Severity: model.Error, Category: "translation",
	Doc: "the languages of a text state different inline facts",
	Run: func(pass *Pass) any {
		p := pass.Policy
		for _, f := range p.Texts {
			if !mayHoldFacts(f.Text) {
				continue // no language states a fact: none can drift
			}
			canon, valid := inlineFacts(p, f, func(string, model.InlineFact, error) {})
			if !valid {
				continue // comparing would repeat INLINE_FACT's findings as drift
			}
			source := ""
			for _, l := range p.Languages {
				if _, ok := canon[l]; ok {
					source = l
					break
				}
			}
			for _, l := range p.Languages {
				facts, ok := canon[l]
				if !ok || l == source || slices.Equal(facts, canon[source]) {
					continue
				}
				missing, extra := difference(canon[source], facts), difference(facts, canon[source])
				fix := fmt.Sprintf("state the same facts as the %s text", source)
				if len(extra) == 0 {
					fix = fmt.Sprintf("write %s in the %s text too", listFacts(missing), l)
				}
				pass.Reportf(f.Text.At(l), fix, "%s states %s in %s but %s in %s", f.Path, listFacts(facts), l, listFacts(canon[source]), source)
			}
		}
		return nil
	},
}

// difference returns the items of a not in b, both sorted, counting repeats.
func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if i := slices.Index(b, x); i >= 0 {
			b = slices.Delete(slices.Clone(b), i, i+1)
			continue
		}
		out = append(out, x)
	}
	return out
}

func listFacts(facts []string) string {
	if len(facts) == 0 {
		return "no inline facts"
	}
	return strings.Join(facts, " ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
