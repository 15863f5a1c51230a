package render

import (
	"fmt"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// FactText renders one fact as a page in lang shows it: kind is an inline
// fact kind (duration, country, date) or a vocabulary whose keys have
// messages (basis for legal bases, technology, safeguard, right, event).
// The language server shows it on hover.
func FactText(lang, kind, value string) (string, error) {
	m, err := locales.For(lang)
	if err != nil {
		return "", err
	}
	r := &resolver{lang: lang, m: m}
	switch kind {
	case "duration", "country", "date":
		if s, ok := r.inlineFact(model.InlineFact{Kind: kind, Value: value}); ok {
			return m.Typeset(s), nil
		}
		return "", fmt.Errorf("invalid %s %q", kind, value)
	}
	return m.Typeset(r.key(kind+".", value).Text), nil
}
