package model

import (
	"fmt"
	"regexp"
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
