package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// recipeBase is the policy each recipe of docs/format.md is written into:
// a recipe's keys replace the base's.
const recipeBase = `
id: recipe
kind: privacy-and-cookie-policy
title: {en: Recipe, nl: Recept, fr: Recette}
languages: [en, nl, fr]
version: "1"
effective: "2026-01-15"
controllers: [{id: site, name: Site BV, address: {city: Utrecht, country: NL}}]
vendors: [{id: site, name: Site BV, country: NL}, {id: google, name: Google Ireland Limited, country: IE}]
tracker-categories:
  - {id: essential, name: {en: Essential, nl: Noodzakelijk, fr: Essentiels}, consent-required: false}
  - {id: analytics, name: {en: Analytics, nl: Analyse, fr: Mesure d'audience}, consent-required: true}
trackers:
  - {id: base, names: [base], provider: site, category: essential, lifetime: 1 day, technology: http-cookie, party: first,
     purpose: {en: Base., nl: Basis., fr: Base.}}
sections:
  - {id: about, title: {en: About, nl: Over, fr: À propos}, blocks: [controllers]}
`

var (
	recipeHeading = regexp.MustCompile("(?m)^### (.+)$")
	recipeYAML    = regexp.MustCompile("(?s)```yaml\n(.*?)```")
	recipeQuoted  = regexp.MustCompile(`"([^"]+)"`)
)

// TestRecipes renders each recipe of docs/format.md in the base policy and
// wants every phrase of its "Renders:" line in its language's Markdown.
func TestRecipes(t *testing.T) {
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, recipes, found := strings.Cut(string(doc), "\n## Recipes\n")
	if !found {
		t.Fatal("docs/format.md has no Recipes section")
	}
	if i := strings.Index(recipes, "\n## "); i >= 0 {
		recipes = recipes[:i]
	}
	heads := recipeHeading.FindAllStringSubmatchIndex(recipes, -1)
	if len(heads) < 7 {
		t.Fatalf("%d recipes, want at least 7", len(heads))
	}
	for i, h := range heads {
		end := len(recipes)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		name, body := recipes[h[2]:h[3]], recipes[h[1]:end]
		t.Run(name, func(t *testing.T) {
			snippet := recipeYAML.FindStringSubmatch(body)
			_, rendersLine, ok := strings.Cut(body, "\nRenders: ")
			if snippet == nil || !ok {
				t.Fatal("no yaml block or no Renders: line")
			}
			rendersLine, _, _ = strings.Cut(rendersLine, "\n")
			phrases := recipeQuoted.FindAllStringSubmatch(rendersLine, -1)
			if len(phrases) != 3 {
				t.Fatalf("Renders: gives %d phrases, want en, nl and fr", len(phrases))
			}
			var base, recipe map[string]any
			if err := yaml.Unmarshal([]byte(recipeBase), &base); err != nil {
				t.Fatal(err)
			}
			if err := yaml.Unmarshal([]byte(snippet[1]), &recipe); err != nil {
				t.Fatal(err)
			}
			for k, v := range recipe {
				base[k] = v
			}
			src, _ := yaml.Marshal(base)
			dir := filepath.Join(t.TempDir(), "recipe")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "policy.yaml"), src, 0o644)
			p := load(t, dir)[0]
			for j, lang := range []string{"en", "nl", "fr"} {
				out, err := Render(p, lang, "md", Options{})
				if err != nil {
					t.Fatal(err)
				}
				// French pages set a narrow no-break space before ; and :.
				page := strings.ReplaceAll(string(out), "\u202f", " ")
				if want := phrases[j][1]; !strings.Contains(page, want) {
					t.Errorf("%s page lacks %q", lang, want)
				}
			}
		})
	}
}
