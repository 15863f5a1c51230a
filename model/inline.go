package model

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Prose may state a fact inline as {duration 13 months}, {country US} or
// {date 2021-03-22}. The fact is written in its language-neutral grammar in
// every language's text and rendered from the locales, so a translator never
// translates it, and a check can see that every language states the same
// facts.

// InlineKinds are the kinds of inline facts.
var InlineKinds = []string{"country", "date", "duration"}

// InlineFact is one {kind value} in a text.
type InlineFact struct {
	Kind  string
	Value string
	Start int // byte offsets of the braces in the text
	End   int
}

// inlinePattern matches what is meant as an inline fact: a lower-case word
// and a value in braces, on one line. Other braces are left as text.
var inlinePattern = regexp.MustCompile(`\{([a-z][a-z-]*) ([^{}\n]+)\}`)

// InlineFacts returns the inline facts of s, in order.
func InlineFacts(s string) []InlineFact {
	if !strings.Contains(s, "{") {
		return nil
	}
	var out []InlineFact
	for _, m := range inlinePattern.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, InlineFact{Kind: s[m[2]:m[3]], Value: strings.TrimSpace(s[m[4]:m[5]]), Start: m[0], End: m[1]})
	}
	return out
}

// Canonical parses the fact and returns its value in canonical form, so that
// "13 month" and "13 months" compare equal.
func (f InlineFact) Canonical() (string, error) {
	switch f.Kind {
	case "duration":
		d, err := ParseDuration(f.Value)
		if err != nil {
			return "", err
		}
		return d.String(), nil
	case "country":
		if err := ParseCountry(f.Value); err != nil {
			return "", err
		}
		return f.Value, nil
	case "date":
		d, err := ParseDate(f.Value)
		if err != nil {
			return "", err
		}
		return d.String(), nil
	}
	fix := "use one of " + strings.Join(InlineKinds, ", ")
	if s := suggest(f.Kind, InlineKinds); s != "" {
		fix = fmt.Sprintf("did you mean {%s %s}?", s, f.Value)
	}
	return "", &ValueError{Msg: fmt.Sprintf("unknown inline fact {%s ...}", f.Kind), Fix: fix}
}

func (f InlineFact) String() string { return "{" + f.Kind + " " + f.Value + "}" }

// ExpandInline replaces each inline fact of s with what render returns for
// it; a fact render cannot show is left as written.
func ExpandInline(s string, render func(InlineFact) (string, bool)) string {
	facts := InlineFacts(s)
	if len(facts) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, f := range facts {
		text, ok := render(f)
		if !ok {
			continue
		}
		b.WriteString(s[last:f.Start])
		b.WriteString(text)
		last = f.End
	}
	b.WriteString(s[last:])
	return b.String()
}

var (
	RuleInlineFact = Rule{"INLINE_FACT", "an inline fact in prose ({duration ...}, {country ...}, {date ...}) is not valid"}
	RuleFactDrift  = Rule{"FACT_DRIFT", "the languages of a text state different inline facts"}
	RuleBannerTerm = Rule{"BANNER_CHOICE_LIFETIME", "the banner text states how long the choice is kept, and it is not banner.choice-lifetime"}
)

// checkBannerChoice reports a banner whose text states durations none of
// which is the choice lifetime the banner declares: the text would tell the
// visitor one period while the consent tool keeps another.
func checkBannerChoice(pass *Pass) {
	b := pass.Policy.Banner
	if b == nil || b.ChoiceLifetime == nil || len(pass.Policy.Languages) == 0 {
		return
	}
	lang := pass.Policy.Languages[0]
	var stated []string
	for _, f := range InlineFacts(b.Text.Get(lang)) {
		if f.Kind != "duration" {
			continue
		}
		c, err := f.Canonical()
		if err != nil {
			return // INLINE_FACT reports it
		}
		if c == b.ChoiceLifetime.String() {
			return
		}
		stated = append(stated, f.String())
	}
	if len(stated) > 0 {
		pass.report(RuleBannerTerm, Error, b.Text.At(lang),
			fmt.Sprintf("write {duration %s} in the text, or change choice-lifetime", b.ChoiceLifetime),
			"banner.text states %s but choice-lifetime is %s", strings.Join(stated, " "), b.ChoiceLifetime)
	}
}

// checkInlineFacts reports inline facts that do not parse, and texts whose
// languages do not state the same facts: the drift of "13 months" in one
// language and "24 months" in another.
func checkInlineFacts(pass *Pass) {
	p := pass.Policy
	for _, f := range p.Texts {
		canon := map[string][]string{}
		valid := true
		for _, l := range p.Languages {
			v, ok := f.Text.Values[l]
			if !ok {
				continue
			}
			facts := []string{}
			for _, fact := range InlineFacts(v) {
				c, err := fact.Canonical()
				if err != nil {
					msg, fix := err.Error(), ""
					if ve, ok := err.(*ValueError); ok {
						msg, fix = ve.Msg, ve.Fix
					}
					pass.report(RuleInlineFact, Error, f.Text.At(l), fix, "%s (%s): %s in %s", f.Path, l, msg, fact)
					valid = false
					continue
				}
				facts = append(facts, "{"+fact.Kind+" "+c+"}")
			}
			slices.Sort(facts)
			canon[l] = facts
		}
		if !valid {
			// Comparing languages would repeat the invalid facts as drift.
			continue
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
			pass.report(RuleFactDrift, Error, f.Text.At(l), fix,
				"%s states %s in %s but %s in %s", f.Path, listFacts(facts), l, listFacts(canon[source]), source)
		}
	}
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
