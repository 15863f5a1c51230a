package render

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/policyc/policyc/model/diff"
)

var (
	styleElement = regexp.MustCompile(`(?s)<style>.*?</style>|<title>.*?</title>`)
	// A colon, semicolon, exclamation or question mark that ends a word
	// without the narrow no-break space French sets before it.
	frenchUnspaced = regexp.MustCompile(`[^\x{202f}\n][:;!?](\s|$)`)
)

// frenchPages are the French pages of every bundled policy, of the golden
// policy, and the French "what changed" page of the bundled diff case, by
// name.
func frenchPages(t *testing.T) map[string]string {
	t.Helper()
	pages := map[string]string{}
	for _, p := range load(t, "../policies", "testdata/golden/policies") {
		out, err := Render(p, "fr", "html", Options{})
		if err != nil {
			t.Fatal(err)
		}
		pages["fr/"+p.ID+".html"] = string(out)
	}
	old := load(t, filepath.Join("../model/diff/testdata/bundled/old"))
	cur := load(t, filepath.Join("../model/diff/testdata/bundled/new"))
	page, err := DiffHTML(diff.Compare(old, cur), "fr")
	if err != nil {
		t.Fatal(err)
	}
	pages["diff fr"] = string(page)
	return pages
}

// TestFrenchPunctuation wants a narrow no-break space before every colon,
// semicolon, exclamation and question mark that ends a word in the text a
// reader sees on a French page, whether the text comes from the catalogues,
// the renderer or the policy's prose.
func TestFrenchPunctuation(t *testing.T) {
	for name, page := range frenchPages(t) {
		text := visibleText(styleElement.ReplaceAllString(page, ""))
		for _, m := range frenchUnspaced.FindAllStringIndex(text, -1) {
			from, to := max(0, m[0]-40), min(len(text), m[1]+20)
			t.Errorf("%s: %q lacks the narrow no-break space", name, strings.TrimSpace(text[from:to]))
		}
	}
}
