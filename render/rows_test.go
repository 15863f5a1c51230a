package render

import (
	"html"
	"html/template"
	"strings"
	"testing"
)

// TestRowEscapes checks the byte tables the rows escape with against what
// they stand for: html/template's escaping of text for textEscapes, and
// html.EscapeString, which markdownHTML uses for plain prose, for
// plainEscapes. Every byte is tried alone and inside a word.
func TestRowEscapes(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`{{.}}`))
	for c := range 256 {
		for _, s := range []string{string(rune(c)), string([]byte{byte(c)}), "a" + string([]byte{byte(c)}) + "é"} {
			var want strings.Builder
			if err := tmpl.Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			if got := escapeHTMLText(s); got != want.String() {
				t.Errorf("escapeHTMLText(%q) = %q, html/template writes %q", s, got, want.String())
			}
			var b strings.Builder
			(&rowWriter{out: &b}).escaped(s, &plainEscapes)
			if got, want := b.String(), html.EscapeString(s); got != want {
				t.Errorf("plain escape of %q = %q, html.EscapeString writes %q", s, got, want)
			}
		}
	}
}
