package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// bannerButtonIDs are the catalogue messages of the buttons the exported
// consent banners show (policyc export cookieconsent|klaro): the one source
// of their labels.
var bannerButtonIDs = []string{"consent.accept", "consent.reject", "consent.settings"}

// buttonCue finds where a text names a button: after a word for clicking
// or choosing (click, press, tap, select, choose; klik, druk, kies,
// selecteer; cliquez, appuyez, sélectionnez, choisissez) with its
// preposition and article, or after the word for button (the button, de
// knop, le bouton). The label follows it, quoted or not.
var buttonCue = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:(?:click|press|tap|select|choose|klik|druk|kies|selecteer|cliqu|appuy|sélectionn|choisi)\p{L}*(?:\s+(?:on|op|sur))?|button|knop|bouton)(?:\s+(?:the|de|het|le|la))?(?:\s+(?:button|knop|bouton))?\s+|(?:^|[^\p{L}])(?:l['’]\s*|the\s+)(?:button|bouton)\s+`)

// labelButton finds the English "the Accept button" and the Dutch "de
// Accepteren-knop", whose label comes before the word for button.
var labelButton = regexp.MustCompile(`(?:^|[^\p{L}])(?:[Tt]he|[Dd]e)\s+(["“„«‘]?\p{Lu}[^.,;:!?()\n"“”„«»]{0,40}?["”“»’]?)(?:\s+button|-knop)\b`)

// quoted are the quotation marks of English, Dutch and French.
var quoted = regexp.MustCompile(`^(?:"([^"\n]{1,40})"|“([^”\n]{1,40})”|„([^“”\n]{1,40})[“”]|«\s*([^»\n]{1,40}?)\s*»|‘([^’\n]{1,40})’)`)

// labelStop are the words that end an unquoted label: what follows a
// label in "click Accept to continue", "klik op Accepteren om verder te
// gaan", "cliquez sur Accepter pour continuer".
var labelStop = map[string]bool{
	"to": true, "or": true, "and": true, "if": true, "for": true, "button": true, "below": true, "above": true, "at": true, "in": true, "on": true,
	"om": true, "of": true, "en": true, "als": true, "voor": true, "knop": true, "hieronder": true, "hierboven": true, "in-": true,
	"pour": true, "ou": true, "et": true, "si": true, "afin": true, "bouton": true, "ci-dessous": true, "ci-dessus": true, "en-": true,
}

// listGoesOn is what joins the labels of a list: ", ", " or ", " of op ",
// " ou sur ".
var listGoesOn = regexp.MustCompile(`^\s*(?:,\s*(?:(?:or|of|ou|and|en|et)\s+)?|\s+(?:or|of|ou|and|en|et)\s+)(?:(?:on|op|sur)\s+)?(?:(?:the|de|het|le|la)\s+)?`)

// labelAt reads the label that starts text: a quoted one, or a run of up
// to four words that begins with a capital and ends before punctuation or
// a word of labelStop; and how many bytes of text it takes. The label is
// "" when none starts there (click here, klik hier, cliquez ici).
func labelAt(text string) (string, int) {
	if m := quoted.FindStringSubmatchIndex(text); m != nil {
		var label string
		for i := 2; i < len(m); i += 2 {
			if m[i] >= 0 {
				label = text[m[i]:m[i+1]]
			}
		}
		return strings.TrimSpace(label), m[1]
	}
	r, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(r) {
		return "", 0
	}
	var words []string
	end := 0
	for end < len(text) && len(words) < 4 {
		start := end + len(text[end:]) - len(strings.TrimLeft(text[end:], " "))
		stop := strings.IndexFunc(text[start:], func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' })
		if stop < 0 {
			stop = len(text) - start
		}
		word := text[start : start+stop]
		if label, ok := strings.CutSuffix(word, "-knop"); ok { // de Weigeren-knop
			words = append(words, label)
			end = start + stop
			break
		}
		if word == "" || labelStop[strings.ToLower(word)] {
			break
		}
		words = append(words, word)
		end = start + stop
		if end >= len(text) || text[end] != ' ' { // punctuation ends the label
			break
		}
	}
	return strings.Join(words, " "), end
}

// namedButtons returns the labels text names buttons by, each once, in
// the order they appear.
func namedButtons(text string) []string {
	var out []string
	add := func(label string) {
		if label != "" && !slices.Contains(out, label) {
			out = append(out, label)
		}
	}
	for _, m := range buttonCue.FindAllStringIndex(text, -1) {
		rest := text[m[1]:]
		// A list goes on: click Accept, Refuse or Set.
		for {
			label, n := labelAt(rest)
			if label == "" {
				break
			}
			add(label)
			next := listGoesOn.FindStringIndex(rest[n:])
			if next == nil {
				break
			}
			rest = rest[n+next[1]:]
		}
	}
	for _, m := range labelButton.FindAllStringSubmatch(text, -1) {
		add(strings.Trim(m[1], `"“”„«»‘’ `))
	}
	return out
}

// BannerButtons reports a banner text that tells visitors to click a
// button by a label the banner's buttons do not carry: the exported banner
// shows the catalogue's labels, and the text must name those.
var BannerButtons = &Analyzer{
	ID: "BANNER_BUTTONS", Severity: model.Error, Category: "cookies",
	Doc: "the banner text names a button by a label the banner does not show",
	Run: func(pass *Pass) any {
		b := pass.Policy.Banner
		if b == nil {
			return nil
		}
		for _, lang := range pass.Policy.Languages {
			text, ok := b.Text.Values[lang]
			if !ok {
				continue
			}
			m, err := locales.For(lang)
			if err != nil {
				continue // UNDECLARED_LANGUAGE or the loader reports it
			}
			var labels []string
			for _, id := range bannerButtonIDs {
				labels = append(labels, m.T(id))
			}
			for _, label := range namedButtons(text) {
				if slices.Contains(labels, label) {
					continue
				}
				pass.Reportf(b.Text.At(lang), fmt.Sprintf("name one of the banner's buttons: %s", quoteAll(labels)),
					"banner.text (%s) tells visitors to click %q, a button the banner does not show", lang, label)
			}
		}
		return nil
	},
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
