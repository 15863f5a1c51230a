package locales

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// pluralForms are the CLDR plural categories each language's cardinal
// numbers use.
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"nl": {"one", "other"},
	"fr": {"one", "many", "other"},
}

func catalog(t *testing.T, lang string) map[string]any {
	t.Helper()
	data, err := fs.ReadFile(Files(), lang+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.yaml: %v", lang, err)
	}
	return m
}

func TestCatalogsComplete(t *testing.T) {
	en := catalog(t, "en")
	for _, lang := range Languages {
		c := catalog(t, lang)
		for id := range en {
			if _, ok := c[id]; !ok {
				t.Errorf("%s.yaml lacks %q", lang, id)
			}
		}
		for id, v := range c {
			if _, ok := en[id]; !ok {
				t.Errorf("%s.yaml has %q, which en.yaml lacks", lang, id)
			}
			forms, plural := v.(map[string]any)
			if !plural {
				continue
			}
			var got []string
			for f := range forms {
				got = append(got, f)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(pluralForms[lang]))
			if !slices.Equal(got, want) {
				t.Errorf("%s.yaml %q has plural forms %v, want %v", lang, id, got, want)
			}
		}
	}
}

// TestPluralsRender asks go-i18n for every duration in every language at
// counts that reach each CLDR category, including French "many".
func TestPluralsRender(t *testing.T) {
	for _, lang := range Languages {
		m, err := For(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, unit := range []string{"minute", "hour", "day", "week", "month", "year"} {
			for _, n := range []int{0, 1, 2, 13, 1000000} {
				if s := m.Plural("duration."+unit, n); !strings.HasPrefix(s, m.Number(n)+" ") {
					t.Errorf("%s duration.%s(%d) = %q", lang, unit, n, s)
				}
			}
		}
		if err := m.Err(); err != nil {
			t.Error(err)
		}
	}
}

// sameAsEnglish lists messages that are rightly the same in English:
// cognates and formats.
var sameAsEnglish = map[string][]string{
	"nl": {"technology.pixel", "technology.script", "technology.fingerprinting", "country.EU", "changelog.version", "date.day_first", "vendors.links"},
	"fr": {"page.version", "technology.pixel", "technology.script", "technology.fingerprinting", "duration.session", "changelog.version", "changelog.date", "trackers.technology", "processing.transfers", "vendors.links", "trackers.purpose", "consent.service", "consent.services"},
}

var onlyPlaceholders = regexp.MustCompile(`^[\s\p{P}]*(\{\{\.\w+\}\}[\s\p{P}]*)*$`)

// TestNoEnglish fails where a Dutch or French message is its English one.
func TestNoEnglish(t *testing.T) {
	en := catalog(t, "en")
	for _, lang := range []string{"nl", "fr"} {
		c := catalog(t, lang)
		for id, v := range en {
			s, ok := v.(string)
			// An authority's official name is the same in every language.
			if !ok || onlyPlaceholders.MatchString(s) || slices.Contains(sameAsEnglish[lang], id) || strings.HasPrefix(id, "authority.") {
				continue
			}
			if c[id] == s {
				t.Errorf("%s.yaml %q is the English text %q", lang, id, s)
			}
		}
	}
}
