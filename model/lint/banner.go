package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// bannerButtonIDs are the catalogue messages of the buttons the exported
// consent banners show (policyc export cookieconsent|klaro): the one source
// of their labels.
var bannerButtonIDs = []string{"consent.accept", "consent.reject", "consent.settings"}

// clickedLabel finds a quoted label after a word for clicking, in the
// quotation marks of English, Dutch and French: click "Accept", klik op
// „Accepteren“, cliquez sur « Accepter ».
var clickedLabel = regexp.MustCompile(`(?i)\b(?:click|klik|cliqu)\p{L}*(?:\s+\p{L}+){0,2}\s+(?:"([^"\n]{1,40})"|“([^”\n]{1,40})”|„([^“”\n]{1,40})[“”]|«\s*([^»\n]{1,40}?)\s*»)`)

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
			for _, match := range clickedLabel.FindAllStringSubmatch(text, -1) {
				label := strings.Join(match[1:], "")
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
