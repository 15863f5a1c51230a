package locales

import (
	"strings"
	"unicode/utf8"
)

// The article a country's name takes in running text ("transfers to the
// United States", "vers les États-Unis", "naar de Verenigde Staten"). Most
// names take none in English and Dutch; French gives nearly every country an
// article, whose form follows the name's gender and number.
var (
	englishThe = set("US", "GB", "NL", "PH", "AE", "BS", "GM", "DO", "CF", "KM", "MV", "MH", "SB", "KY", "VG", "VI",
		"FO", "FK", "TC", "CK", "VA", "EU", "EEA")
	dutchDe  = set("US", "PH", "AE", "BS", "MV", "DO", "CF", "KM", "SC", "EU", "EEA")
	dutchHet = set("GB", "VA")
	// French names that take no article, and masculine names that end in
	// -e (the others ending in -e are feminine).
	frenchBare = set("SG", "MC", "IL", "CY", "MT", "CU", "MG", "MU", "BH", "OM", "TW", "SM", "JE", "GG", "ST", "KN",
		"LC", "VC", "TT", "AG", "NR", "TV", "KI", "PW", "HT", "DJ", "BB", "GD", "DM", "KW", "QA", "BN", "NU")
	frenchPlural = set("US", "NL", "PH", "AE", "BS", "SC", "KM", "MV", "FJ")
	frenchMasc   = set("MX", "KH", "MZ", "ZW", "BZ", "SR")
	frenchFem    = set("HK")
)

func set(codes ...string) map[string]bool {
	m := make(map[string]bool, len(codes))
	for _, c := range codes {
		m[c] = true
	}
	return m
}

// CountryInText is a country's name with the article running text gives it
// in the language: "the United States", "de Verenigde Staten",
// "l'Irlande", "le Canada", "Singapour".
func (m *Messages) CountryInText(code string) string {
	name := m.Country(code)
	switch m.Lang {
	case "en":
		if englishThe[code] || strings.HasSuffix(name, " Islands") {
			return "the " + name
		}
	case "nl":
		switch {
		case dutchDe[code] || strings.HasSuffix(name, "eilanden"):
			return "de " + name
		case dutchHet[code]:
			return "het " + name
		}
	case "fr":
		return frenchArticle(code, name) + name
	}
	return name
}

func frenchArticle(code, name string) string {
	first, _ := utf8.DecodeRuneInString(name)
	switch {
	case frenchBare[code]:
		return ""
	case frenchPlural[code] || strings.HasPrefix(name, "Îles ") || strings.HasPrefix(name, "Iles "):
		return "les "
	case strings.ContainsRune("AEIOUYÉÈÊÎÏÔÀÂaeiouyéèêîïôàâ", first):
		return "l'"
	case frenchFem[code] || (!frenchMasc[code] && strings.HasSuffix(name, "e")):
		return "la "
	}
	return "le "
}

// CountryList joins the names of countries as running text does, each with
// its article: "the United States and Canada", "les États-Unis et le
// Canada".
func (m *Messages) CountryList(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = m.CountryInText(c)
	}
	return m.List(names)
}
