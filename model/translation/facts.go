package translation

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// RuleFact is the finding of Facts.
var RuleFact = model.Rule{ID: "TRANSLATED_FACT", Doc: "prose writes out by hand a duration, or a country the policy holds as data, instead of an inline fact (warning)"}

// durationWords maps the unit words of each language, singular and plural,
// to the units of the duration grammar.
var durationWords = map[string]map[string]string{
	"en": {"minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour", "day": "day", "days": "day",
		"week": "week", "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year"},
	"nl": {"minuut": "minute", "minuten": "minute", "uur": "hour", "uren": "hour", "dag": "day", "dagen": "day",
		"week": "week", "weken": "week", "maand": "month", "maanden": "month", "jaar": "year", "jaren": "year"},
	"fr": {"minute": "minute", "minutes": "minute", "heure": "hour", "heures": "hour", "jour": "day", "jours": "day",
		"semaine": "week", "semaines": "week", "mois": "month", "an": "year", "ans": "year", "année": "year", "années": "year"},
}

// amountUnit is a number followed by a word, with ordinary, no-break or
// narrow no-break spaces or a hyphen between ("13 months", "13-month").
// amountUnits finds its matches by hand; the tests hold the two equal.
var amountUnit = regexp.MustCompile(`(\d+)[ \x{00A0}\x{202F}-]+(\pL+)`)

// Facts reports facts written out by hand in the prose of p, in any
// language, the source included. Such a text is a translation of the fact
// made by hand: when the fact changes, some language keeps the old value.
// The way to state a fact in prose is an inline fact ({duration 13 months},
// {country US}), which every language renders from the catalogue. It finds
//
//   - a duration: a number and a unit word of the text's language ("13
//     maanden", "24 hours", "6 mois"), in every text in English, Dutch or
//     French;
//   - a country that the policy holds as data (the country of a vendor, an
//     address, a tracker, a recipient or a transfer), by its name as the
//     pages render it in the text's language.
//
// It stays narrow on purpose: other numbers, dates and countries the policy
// does not name as data are left alone, and so is text inside inline facts.
func Facts(p *model.Policy) model.Diagnostics {
	var ds model.Diagnostics
	names := countryNames{codes: dataCountries(p), byLang: map[string][]countryName{}}
	seen := make(map[model.Pos]bool, len(p.Texts))
	var langs [8]string
	var found [4]duration
	for _, f := range p.Texts {
		if seen[f.Text.Pos] {
			continue // a text reached through an alias is checked once
		}
		seen[f.Text.Pos] = true
		for _, lang := range f.Text.Languages(langs[:0]) {
			text := withoutInline(f.Text.Values[lang])
			for _, d := range findDurations(found[:0], lang, text) {
				ds.Warnf(f.Text.At(lang), RuleFact, "write {duration "+d.canonical+"}, which every language renders from the catalogue",
					"%s (%s) writes the duration %q by hand", f.Path, lang, d.text)
			}
			for _, c := range names.of(lang) {
				if hasWord(text, c.name) {
					ds.Warnf(f.Text.At(lang), RuleFact, "write {country "+c.code+"}, which every language renders from the catalogue",
						"%s (%s) writes the country %q by hand", f.Path, lang, c.name)
				}
			}
		}
	}
	return ds
}

// withoutInline blanks the inline facts of s, which state facts the right
// way.
func withoutInline(s string) string {
	facts := model.InlineFacts(s)
	if len(facts) == 0 {
		return s
	}
	b := []byte(s)
	for _, f := range facts {
		for i := f.Start; i < f.End; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// dataCountries lists, sorted, the countries p holds as data.
func dataCountries(p *model.Policy) []string {
	set := map[string]bool{}
	add := func(cs ...model.Country) {
		for _, c := range cs {
			if c.Code != "" {
				set[c.Code] = true
			}
		}
	}
	addAddress := func(a *model.Address) {
		if a != nil {
			add(a.Country)
		}
	}
	var addParty func(*model.Party)
	addParty = func(pt *model.Party) {
		if pt != nil {
			addAddress(pt.Address)
			addParty(pt.Parent)
		}
	}
	for _, c := range p.Controllers {
		addParty(c)
	}
	addParty(p.DPO)
	for _, v := range p.Vendors {
		add(v.Country)
		addAddress(v.Address)
	}
	for _, r := range p.Recipients {
		add(r.Country)
	}
	for _, t := range p.Trackers {
		add(t.Countries...)
	}
	transfers := slices.Clone(p.Transfers)
	for _, a := range p.Processing {
		transfers = append(transfers, a.Transfers...)
	}
	for _, t := range transfers {
		if t != nil {
			add(t.Countries...)
		}
	}
	if p.Rights != nil {
		for _, c := range p.Rights.Channels {
			if c != nil {
				addAddress(c.Post)
			}
		}
	}
	return sortedKeys(set)
}

type duration struct {
	text      string // as written
	canonical string // in the duration grammar
}

// amountUnits returns the submatch indexes of every match of amountUnit
// in text, as FindAllStringSubmatchIndex would: a scan that looks only at
// the digits it meets costs a fraction of the regular expression's
// backtracking over every text of a large policy.
func amountUnits(text string) [][6]int { return appendAmountUnits(nil, text) }

// appendAmountUnits is amountUnits appending to out.
func appendAmountUnits(out [][6]int, text string) [][6]int {
	for i := 0; i < len(text); {
		if !isASCIIDigit(text[i]) {
			i++
			continue
		}
		start := i
		for i < len(text) && isASCIIDigit(text[i]) {
			i++
		}
		numEnd := i
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if r != ' ' && r != '\u00A0' && r != '\u202F' && r != '-' {
				break
			}
			j += size
		}
		if j == numEnd {
			continue
		}
		unitStart := j
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		if j == unitStart {
			continue
		}
		out = append(out, [6]int{start, j, start, numEnd, unitStart, j})
		i = j
	}
	return out
}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }

// findDurations appends to out the durations written out in text.
func findDurations(out []duration, lang, text string) []duration {
	words := durationWords[lang]
	if words == nil {
		return out
	}
	var buf [4][6]int
	for _, m := range appendAmountUnits(buf[:0], text) {
		unit, ok := words[strings.ToLower(text[m[4]:m[5]])]
		if !ok {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); unicode.IsDigit(r) || r == '.' || r == ',' {
			continue // part of a decimal number
		}
		d := &model.Duration{Unit: unit}
		d.Amount, _ = strconv.Atoi(text[m[2]:m[3]])
		out = append(out, duration{text: text[m[0]:m[1]], canonical: d.String()})
	}
	return out
}

// countryNames are the names of countries as the pages render them, by
// language, looked up once per language for every text.
type countryNames struct {
	codes  []string // sorted
	byLang map[string][]countryName
}

type countryName struct{ code, name string }

// of returns the countries that have a name in lang, in the order of their
// codes.
func (c countryNames) of(lang string) []countryName {
	names, ok := c.byLang[lang]
	if ok {
		return names
	}
	msgs, err := locales.For(lang)
	for _, code := range c.codes {
		name := ""
		if err == nil {
			name = msgs.Country(code)
		}
		if name != "" && name != code { // else no name in this language
			names = append(names, countryName{code, name})
		}
	}
	c.byLang[lang] = names
	return names
}

// hasWord reports whether text holds word as a whole word, not as the end
// of a name such as "Facebook Ireland Ltd", which is a company and no
// country.
func hasWord(text, word string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) && !afterCapitalized(text[:start]) {
			return true
		}
		i = start + 1
	}
}

// afterCapitalized reports whether s ends with a capitalized word and
// white space.
func afterCapitalized(s string) bool {
	if r, _ := utf8.DecodeLastRuneInString(s); !unicode.IsSpace(r) {
		return false
	}
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return false
	}
	last := fields[len(fields)-1]
	first, _ := utf8.DecodeRuneInString(last)
	end, _ := utf8.DecodeLastRuneInString(last)
	return unicode.IsUpper(first) && unicode.IsLetter(end)
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
