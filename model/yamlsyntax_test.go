package model

import (
	"strings"
	"testing"
)

// TestYAMLSyntaxMistakes: the mistakes newcomers make in YAML, each as the
// line that holds it, with the message, position and fix check prints.
func TestYAMLSyntaxMistakes(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"tab indentation", "title:\n\ten: Cookies\n",
			`2:1: a tab indents this line; YAML indents with spaces; replace the tab with spaces`},
		{"tab after a list dash", "trackers:\n  -\tid: ga\n",
			`2:4: a tab indents this line; YAML indents with spaces; replace the tab with spaces`},
		{"question marks in a {…} text", "title: {en: What is a cookie?, fr: Qu'est-ce ?}\n",
			`1:29: a question mark inside {…} is read as YAML syntax; quote this text: "What is a cookie?"`},
		{"French question mark in a {…} text", "title: {en: Cookies, fr: Qu'est-ce ?}\n",
			`1:36: a question mark inside {…} is read as YAML syntax; quote this text: "Qu'est-ce ?"`},
		{"colon in a text", "purpose:\n  en: Note: this counts visits\n",
			`2:11: a colon followed by a space starts a mapping inside this text; quote this text: "Note: this counts visits"`},
		{"French colon in a text", "purpose:\n  fr: Remarque : ceci compte les visites\n",
			`2:16: a colon followed by a space starts a mapping inside this text; quote this text: "Remarque : ceci compte les visites"`},
		{"colon in a {…} text", "title: {en: Cookies: what they are, nl: Cookies}\n",
			`1:20: a colon followed by a space starts a mapping inside this text; quote this text: "Cookies: what they are"`},
		{"hash in a {…} text", "title: {en: Visit #1 page, nl: Bezoek}\n",
			`1:19: " #" starts a comment inside {…}, which cuts this text short; quote this text: "Visit #1 page"`},
		{"comma missing between languages", "title: {en: Cookies nl: Cookies}\n",
			`1:21: a comma is missing before "nl:"; write ", nl:", or quote this text: "Cookies nl: Cookies"`},
		{"two commas", "title: {en: Cookies,, nl: Cookies}\n",
			`1:21: two commas in a row; remove one comma`},
		{"quote never closed", "purpose:\n  en: \"Counts visits\n  nl: Telt bezoeken\n",
			`2:7: this quoted text is not closed; end it with " on the same line`},
		{"apostrophe in a single-quoted text", "purpose:\n  fr: 'Mesure l'audience'\n",
			`2:16: this apostrophe ends the text quoted with '; write the apostrophe twice (''), or quote with double quotes: "'Mesure l'audience'"`},
		{"text after a closing quote", "purpose:\n  en: \"Cookies\" are small files\n",
			`2:17: text follows the closing quote; quote this text: '"Cookies" are small files'`},
		{"text starting with an inline fact", "purpose:\n  en: {duration 13 months} is how long it lasts\n",
			`2:7: a text starting with "{" is read as a mapping; quote this text: "{duration 13 months} is how long it lasts"`},
		{"text starting with a bracket", "purpose:\n  en: [beta] Tests a new menu\n",
			`2:7: a text starting with "[" is read as a list; quote this text: "[beta] Tests a new menu"`},
		{"text starting with @", "name: @home\n",
			`1:7: a text cannot start with "@" in YAML; quote this text: "@home"`},
		{"text starting with a backtick", "purpose:\n  en: `_ga` counts visits\n",
			"2:7: a text cannot start with \"`\" in YAML; quote this text: \"`_ga` counts visits\""},
		{"text starting with %", "purpose:\n  en: 100% of visits\n  nl: x\ntitle: %off\n",
			`4:8: a text cannot start with "%" in YAML; quote this text: "%off"`},
		{"name starting with *", "names: [*_ga]\n",
			`1:9: a text starting with "*" is read as a reference to an anchor; quote this text: "*_ga"`},
		{"key without colon", "title\n  en: Cookies\n",
			`1:6: the key "title" has no colon; write "title:"`},
		{"list item keys not lined up", "trackers:\n  - id: ga\n   names: [_ga]\n",
			`3:4: this key is indented 3 spaces; the keys of the list item above start at column 5; indent it by 4 spaces`},
		{"key indented too deep", "vendors:\n  - id: ga\n    name: Google\n      country: IE\n",
			`4:7: this line is indented deeper than the line above, which holds a value, not a mapping; indent it by 4 spaces, as the line above`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ds Diagnostics
			if _, err := parseYAML("p.yaml", []byte(c.src), &ds); err == nil {
				t.Fatalf("parses")
			}
			var got []string
			for _, d := range ds {
				got = append(got, strings.TrimPrefix(d.Pos.String(), "p.yaml:")+": "+d.Message())
			}
			if strings.Join(got, "\n") != c.want {
				t.Errorf("\n got %s\nwant %s", strings.Join(got, "\n"), c.want)
			}
		})
	}
}
