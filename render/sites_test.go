package render

import (
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/model"
)

// siteSyntax is what Hugo, Jekyll and Eleventy would run if the Markdown
// passed it on.
const siteSyntax = "{{< youtube x >}} {% include x %} {{ .Site }}"

// sitePolicies are the bundled and golden policies, and the golden policy
// with siteSyntax in every text, as "site-syntax".
func sitePolicies(t *testing.T) []*model.Policy {
	policies := load(t, "../policies", "testdata/golden/policies")
	syntax := load(t, "testdata/golden/policies/demo")[0]
	poison(reflect.ValueOf(syntax), siteSyntax)
	syntax.ID = "site-syntax"
	return append(policies, syntax)
}

// readmeBlock returns the first fenced block of lang in the README after
// the line holding marker: the configuration the README documents.
func readmeBlock(t *testing.T, marker, lang string) string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), marker)
	if ok {
		_, rest, ok = strings.Cut(rest, "```"+lang+"\n")
	}
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatalf("README.md has no %s block after %q", lang, marker)
	}
	var lines []string
	for _, l := range strings.Split(block, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "  "))
	}
	return strings.Join(lines, "\n")
}

var (
	external = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*:|//)`)
	idAttr   = regexp.MustCompile(`\sid="?([^"\s>]+)`)
	hrefAttr = regexp.MustCompile(`\shref="?([^"\s>]*)`)
)

// checkSite checks every internal link of the HTML files under root, as a
// web server serving root at / would answer them, and returns the pages
// by URL path.
func checkSite(t *testing.T, name, root string) map[string]string {
	t.Helper()
	pages := map[string]string{}
	ids := map[string]map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		u := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		pages[u] = string(b)
		ids[u] = map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(string(b), -1) {
			ids[u][html.UnescapeString(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	broken, links := 0, 0
	defer func() { t.Logf("%s: %d pages, %d internal links checked", name, len(pages), links) }()
	for page, body := range pages {
		base, _ := url.Parse(page)
		for _, m := range hrefAttr.FindAllStringSubmatch(body, -1) {
			href := html.UnescapeString(m[1])
			if external.MatchString(href) {
				continue
			}
			ref, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s %s: bad link %q", name, page, href)
				continue
			}
			if ref.Scheme != "" || ref.Host != "" {
				continue
			}
			links++
			target := base.ResolveReference(ref)
			path := target.Path
			if !strings.HasSuffix(path, "/") && !strings.HasSuffix(path, ".html") {
				if _, ok := pages[path+"/"]; ok {
					path += "/"
				}
			}
			targetIDs, ok := ids[path]
			if !ok {
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(path))); err == nil {
					continue // a feed, a stylesheet
				}
				broken++
				if broken <= 20 {
					t.Errorf("%s %s: link to %q: no such page", name, page, href)
				}
				continue
			}
			if target.Fragment != "" && !targetIDs[target.Fragment] {
				broken++
				if broken <= 20 {
					t.Errorf("%s %s: link to %q: no element with id %q", name, page, href, target.Fragment)
				}
			}
		}
	}
	return pages
}

// checkSitePages wants every policy page in every language to link to its
// translations and to have its sections' ids, and the site-syntax payloads
// shown as text.
func checkSitePages(t *testing.T, name string, pages map[string]string, policies []*model.Policy, pageURL func(lang, id string) string) {
	t.Helper()
	for _, p := range policies {
		for _, lang := range p.Languages {
			u := pageURL(lang, p.ID)
			body, ok := pages[u]
			if !ok {
				t.Errorf("%s: no page %s", name, u)
				continue
			}
			for _, other := range p.Languages {
				if other == lang {
					continue
				}
				target := pageURL(other, p.ID)
				found := false
				base, _ := url.Parse(u)
				for _, m := range hrefAttr.FindAllStringSubmatch(body, -1) {
					if ref, err := url.Parse(html.UnescapeString(m[1])); err == nil && base.ResolveReference(ref).Path == target {
						found = true
					}
				}
				if !found {
					t.Errorf("%s %s: no link to the %s translation %s", name, u, other, target)
				}
			}
			// No policy text has a backslash: one on the page is an escape
			// the generator did not take.
			if text := visibleText(body); strings.Contains(text, `\`) {
				i := strings.Index(text, `\`)
				t.Errorf("%s %s: a backslash shows: %q", name, u, text[max(0, i-30):min(len(text), i+30)])
			}
			var sections func([]*model.Section)
			sections = func(ss []*model.Section) {
				for _, s := range ss {
					if !strings.Contains(body, ` id="`+s.ID+`"`) {
						t.Errorf("%s %s: no heading with the id %q", name, u, s.ID)
					}
					sections(s.Sections)
				}
			}
			sections(p.Sections)
			if p.ID == "site-syntax" {
				text := strings.Join(strings.Fields(visibleText(body)), " ")
				for _, s := range []string{"{{< youtube x >}}", "{% include x %}", "{{ .Site }}"} {
					if n := strings.Count(text, s); n < 20 {
						t.Errorf("%s %s: %q shows as text %d times, want it in every text", name, u, s, n)
					}
				}
				if strings.Contains(body, "<iframe") || strings.Contains(body, "youtube.com") {
					t.Errorf("%s %s: the shortcode ran", name, u)
				}
			}
		}
	}
}

// TestHugoSite builds a multilingual Hugo site from the Markdown of
// sitePolicies with the configuration the README gives: Hugo prints no
// warning, every internal link resolves, every page links its translations
// (in its text, and through translationKey in the layout), and site syntax
// in every text shows as text.
func TestHugoSite(t *testing.T) {
	hugo := testtool.Program(t, "hugo")
	policies := sitePolicies(t)
	files, err := Build(policies, Options{Formats: []string{"md"}, Site: "hugo"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	config := readmeBlock(t, "**Hugo** (`--site hugo`)", "toml")
	writeFile(t, filepath.Join(dir, "hugo.toml"), []byte(config))
	layout := `<!doctype html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1>{{ .Content }}
<ul class="translations">{{ range .Translations }}<li><a hreflang="{{ .Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>
</body></html>
`
	writeFile(t, filepath.Join(dir, "layouts/_default/single.html"), []byte(layout))
	writeFile(t, filepath.Join(dir, "layouts/_default/list.html"), []byte(`<!doctype html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
`))
	for name, b := range files {
		lang, file, ok := strings.Cut(name, "/")
		if !ok {
			continue
		}
		writeFile(t, filepath.Join(dir, "content", lang, file), b)
	}
	out, err := exec.Command(hugo, "--source", dir, "--config", "hugo.toml", "--destination", "public").CombinedOutput()
	if err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	if regexp.MustCompile(`(?i)\bwarn|\berror`).Match(out) {
		t.Errorf("hugo printed warnings:\n%s", out)
	}
	pages := checkSite(t, "hugo", filepath.Join(dir, "public"))
	defaultLang := regexp.MustCompile(`defaultContentLanguage = "([a-z]+)"`).FindStringSubmatch(config)[1]
	checkSitePages(t, "hugo", pages, policies, func(lang, id string) string {
		if lang == defaultLang {
			return "/" + id + "/"
		}
		return "/" + lang + "/" + id + "/"
	})
	// translationKey: the layout's list of translations has every other
	// language.
	for _, p := range policies {
		body := pages["/en/"+p.ID+"/"]
		_, list, _ := strings.Cut(body, `<ul class="translations">`)
		if got := strings.Count(list, "hreflang="); got != len(p.Languages)-1 {
			t.Errorf("hugo /en/%s/: %d translations listed, want %d", p.ID, got, len(p.Languages)-1)
		}
	}
}

// TestEleventySite builds an Eleventy site from the Markdown of
// sitePolicies with no configuration, as the README says: Eleventy prints
// no warning, every internal link resolves, every page links its
// translations and site syntax in every text shows as text.
func TestEleventySite(t *testing.T) {
	modules := testtool.NodeModules(t, "@11ty/eleventy")
	policies := sitePolicies(t)
	files, err := Build(policies, Options{Formats: []string{"md"}, Site: "eleventy"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range files {
		if strings.Contains(name, "/") {
			writeFile(t, filepath.Join(dir, "src", filepath.FromSlash(name)), b)
		}
	}
	cmd := exec.Command("node", filepath.Join(modules, "@11ty/eleventy/cmd.cjs"), "--input=src", "--output=_site")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("eleventy: %v\n%s", err, out)
	}
	if regexp.MustCompile(`(?i)\bwarn|\berror`).Match(out) {
		t.Errorf("eleventy printed warnings:\n%s", out)
	}
	pages := checkSite(t, "eleventy", filepath.Join(dir, "_site"))
	checkSitePages(t, "eleventy", pages, policies, func(lang, id string) string { return "/" + lang + "/" + id + "/" })
}

// TestJekyllSite builds a Jekyll site from the Markdown of sitePolicies
// with no configuration, as the README says: Jekyll (kramdown) prints no
// warning, every internal link resolves, every page links its translations
// and has its sections' ids, and site syntax in every text shows as text.
func TestJekyllSite(t *testing.T) {
	jekyll := testtool.Program(t, "jekyll")
	policies := sitePolicies(t)
	files, err := Build(policies, Options{Formats: []string{"md"}, Site: "jekyll"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range files {
		if strings.Contains(name, "/") {
			writeFile(t, filepath.Join(dir, "src", filepath.FromSlash(name)), b)
		}
	}
	cmd := exec.Command(jekyll, "build", "--source", "src", "--destination", "_site")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("jekyll: %v\n%s", err, out)
	}
	if regexp.MustCompile(`(?i)\bwarn|\berror|deprecat`).Match(out) {
		t.Errorf("jekyll printed warnings:\n%s", out)
	}
	pages := checkSite(t, "jekyll", filepath.Join(dir, "_site"))
	checkSitePages(t, "jekyll", pages, policies, func(lang, id string) string { return "/" + lang + "/" + id + "/" })
}
