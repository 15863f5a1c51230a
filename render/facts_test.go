package render

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/locales"
	"go.yaml.in/yaml/v3"
)

var spaces = regexp.MustCompile(`\s+`)

func normalize(s string) string { return spaces.ReplaceAllString(s, " ") }

// TestFidelity checks that every fact of a bundled policy's source document
// (testdata/facts/<id>.txt) appears in every language's HTML and Markdown.
// A line "nl: text" is a fact of one language only.
func TestFidelity(t *testing.T) {
	lists, _ := filepath.Glob("testdata/facts/*.txt")
	if len(lists) == 0 {
		t.Fatal("no fact lists in testdata/facts")
	}
	for _, list := range lists {
		id := strings.TrimSuffix(filepath.Base(list), ".txt")
		p := load(t, filepath.Join("../policies", id))[0]
		facts := readFacts(t, list)
		for _, lang := range p.Languages {
			page, err := Render(p, lang, "html", Options{Fragment: true})
			if err != nil {
				t.Fatal(err)
			}
			md, err := Render(p, lang, "md", Options{})
			if err != nil {
				t.Fatal(err)
			}
			texts := map[string]string{
				"html": normalize(visibleText(string(page))),
				"md":   normalize(visibleText(markdownAsHTML(t, md))),
			}
			for _, f := range facts {
				if f.lang != "" && f.lang != lang {
					continue
				}
				for format, text := range texts {
					if !strings.Contains(text, f.text) {
						t.Errorf("%s/%s.%s lacks %q (%s:%d)", lang, id, format, f.text, list, f.line)
					}
				}
			}
		}
	}
}

type fact struct {
	lang, text string
	line       int
}

func readFacts(t *testing.T, path string) []fact {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var facts []fact
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fa := fact{text: normalize(line), line: n}
		if lang, rest, ok := strings.Cut(line, ": "); ok && slices.Contains(locales.Languages, lang) {
			fa.lang, fa.text = lang, normalize(rest)
		}
		facts = append(facts, fa)
	}
	return facts
}

// englishAllowed are English messages that may appear on Dutch and French
// pages because they are the same words there, or names.
var englishAllowed = []string{"cookie", "script", "pixel", "session", "fingerprinting", "Version", "E-mail", "Cookies", "service", "services"}

// TestNoEnglishOnPages renders every bundled policy in Dutch and French and
// fails where a fixed English string shows on the page.
func TestNoEnglishOnPages(t *testing.T) {
	for _, p := range load(t, "../policies", "testdata/golden/policies") {
		for _, lang := range []string{"nl", "fr"} {
			if !slices.Contains(p.Languages, lang) {
				continue
			}
			page, err := Render(p, lang, "html", Options{Fragment: true})
			if err != nil {
				t.Fatal(err)
			}
			noEnglish(t, lang+"/"+p.ID, lang, visibleText(string(page)))
		}
	}
}

// noEnglish fails where text, in lang, holds a fixed English message of
// the catalogue that lang words otherwise.
func noEnglish(t *testing.T, name, lang, text string) {
	t.Helper()
	data, err := os.ReadFile("../locales/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]any
	if err := yaml.Unmarshal(data, &en); err != nil {
		t.Fatal(err)
	}
	msgs, err := locales.For(lang)
	if err != nil {
		t.Fatal(err)
	}
	text = " " + normalize(text) + " "
	for id, v := range en {
		s, ok := v.(string)
		if !ok || strings.Contains(s, "{{") || len(s) < 4 || slices.ContainsFunc(englishAllowed, func(a string) bool { return strings.EqualFold(a, s) }) {
			continue
		}
		if msgs.T(id) == s {
			continue
		}
		if strings.Contains(text, " "+s+" ") || strings.Contains(text, " "+s+":") || strings.Contains(text, " "+s+",") {
			t.Errorf("%s shows the English %q (%s)", name, s, id)
		}
	}
}
