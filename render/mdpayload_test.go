package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
)

var onlyPayloads = flag.String("payloads", "", "run TestMarkdownPayloads on the payloads matching this regular expression only")

// readPayloads reads testdata/payloads/markdown.txt.
func readPayloads(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("testdata/payloads/markdown.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, `"`) {
			s, err := strconv.Unquote(line)
			if err != nil {
				t.Fatalf("payloads line %d: %v", n, err)
			}
			line = s
		}
		out = append(out, line)
	}
	return out
}

// referenceProbe is written into every other text, so that a definition in
// one text that served a reference in another would show as a link.
const referenceProbe = "[click][r] [c][y] [d][1] [e][x] [f][ref] [g][a]"

const pageHead = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>`

// inspectedPage is what inspect.cjs found on one page.
type inspectedPage struct {
	File      string   `json:"file"`
	Calls     []string `json:"calls"`
	Requests  []string `json:"requests"`
	Dangerous []string `json:"dangerous"`
	Links     []string `json:"links"`
}

// inspectPages runs testdata/browser/inspect.cjs: markdown-it renders
// mdit (Markdown → HTML file), then one Chromium opens every page.
func inspectPages(t *testing.T, dir string, mdit [][2]string, pages []string) map[string]inspectedPage {
	t.Helper()
	chromium := testtool.Chromium(t)
	modules := testtool.NodeModules(t, "markdown-it", "puppeteer-core")
	type mditJob struct {
		MD   string `json:"md"`
		HTML string `json:"html"`
	}
	job := struct {
		Chromium   string    `json:"chromium"`
		MarkdownIt []mditJob `json:"markdownIt"`
		Pages      []string  `json:"pages"`
		Out        string    `json:"out"`
	}{Chromium: chromium, Pages: pages, Out: filepath.Join(dir, "inspected.json")}
	for _, m := range mdit {
		job.MarkdownIt = append(job.MarkdownIt, mditJob{m[0], m[1]})
	}
	jobFile := filepath.Join(dir, "job.json")
	b, _ := json.Marshal(job)
	if err := os.WriteFile(jobFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("testdata/browser/inspect.cjs")
	cmd := exec.Command("node", script, jobFile)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("inspect.cjs: %v\n%s", err, out)
	}
	b, err := os.ReadFile(job.Out)
	if err != nil {
		t.Fatal(err)
	}
	var results []inspectedPage
	if err := json.Unmarshal(b, &results); err != nil {
		t.Fatal(err)
	}
	byFile := map[string]inspectedPage{}
	for _, r := range results {
		byFile[r.File] = r
	}
	return byFile
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// normalLink is a link target as compared with the HTML page's: an in-page
// link by its fragment, any other decoded.
func normalLink(href, page string) string {
	if rest, ok := strings.CutPrefix(href, page); ok && (rest == "" || strings.HasPrefix(rest, "#")) {
		return rest
	}
	if u, err := url.PathUnescape(href); err == nil {
		return u
	}
	return href
}

// TestMarkdownPayloads places each payload of testdata/payloads/markdown.txt
// in every other text of the golden policy, renders the English Markdown,
// and has it rendered by goldmark with raw HTML allowed, by Hugo with
// markup.goldmark.renderer.unsafe true and with its default, and by
// markdown-it with html: true, with the "what changed" Markdown of the
// same change besides; then opens every page in one Chromium. No page may
// run script, request a resource, hold an element or attribute that could,
// or link anywhere the HTML page of the same policy does not.
func TestMarkdownPayloads(t *testing.T) {
	hugo := testtool.Program(t, "hugo")
	testtool.Chromium(t)
	testtool.NodeModules(t, "markdown-it", "puppeteer-core")
	payloads := readPayloads(t)
	if len(payloads) < 130 {
		t.Fatalf("%d payloads, want at least 130", len(payloads))
	}
	if *onlyPayloads != "" {
		re := regexp.MustCompile(*onlyPayloads)
		payloads = slices.DeleteFunc(payloads, func(p string) bool { return !re.MatchString(p) })
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "hugo")
	writeFile(t, filepath.Join(site, "layouts/_default/single.html"),
		[]byte(pageHead[:strings.Index(pageHead, "<title>")]+"<title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n"))
	const hugoBase = "baseURL = \"https://example.org/\"\nuglyURLs = true\ndisableKinds = [\"home\", \"section\", \"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"404\"]\n"
	writeFile(t, filepath.Join(site, "default.toml"), []byte(hugoBase))
	writeFile(t, filepath.Join(site, "unsafe.toml"), []byte(hugoBase+"[markup.goldmark.renderer]\nunsafe = true\n"))

	type renderer struct{ name, path string }
	type payloadPages struct {
		payload string
		ref     string
		pages   []renderer
	}
	golden := goldenDemo(t)
	// What the golden policy says, as YAML and as its page shows it (with
	// the URLs of known authorities).
	goldenText := ""
	yamlFiles, _ := filepath.Glob("testdata/golden/policies/demo/*.yaml")
	for _, f := range yamlFiles {
		b, _ := os.ReadFile(f)
		goldenText += string(b)
	}
	if b, err := Render(golden, "en", "html", Options{}); err == nil {
		goldenText += html.UnescapeString(string(b))
	}
	var all []payloadPages
	var mdit [][2]string
	for i, payload := range payloads {
		p := goldenDemo(t)
		n := 0
		poisonWith(reflect.ValueOf(p), func() string {
			n++
			if n%2 == 0 {
				return referenceProbe
			}
			return payload
		})
		// A change path holding the payload: a tracker whose id is it.
		p.Trackers[0].ID = "t" + payload
		name := fmt.Sprintf("p%03d", i)
		var changes bytes.Buffer
		if err := diff.WriteMarkdown(&changes, diff.Compare([]*model.Policy{golden}, []*model.Policy{p})); err != nil {
			t.Fatal(err)
		}
		p.ID = name
		pp := payloadPages{payload: payload, ref: filepath.Join(dir, "ref", name+".html")}
		page, err := Render(p, "en", "html", Options{Fragment: true})
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, pp.ref, append([]byte(pageHead), page...))

		hugoMD, err := Render(p, "en", "md", Options{Site: "hugo", Langs: []string{"en"}, TitleHeading: true})
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(site, "content", name+".md"), hugoMD)
		for _, cfg := range []string{"default", "unsafe"} {
			pp.pages = append(pp.pages, renderer{"hugo " + cfg, filepath.Join(dir, "hugo-"+cfg, name+".html")})
		}

		gm := filepath.Join(dir, "goldmark", name+".html")
		writeFile(t, gm, []byte(pageHead+markdownAsHTML(t, hugoMD)))
		pp.pages = append(pp.pages, renderer{"goldmark unsafe", gm})

		eleventyMD, err := Render(p, "en", "md", Options{Site: "eleventy", Langs: []string{"en"}, TitleHeading: true})
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, "markdown-it", name+".md")
		writeFile(t, src, eleventyMD)
		mdit = append(mdit, [2]string{src, strings.TrimSuffix(src, ".md") + ".html"})
		pp.pages = append(pp.pages, renderer{"markdown-it", strings.TrimSuffix(src, ".md") + ".html"})

		diffGM := filepath.Join(dir, "diff-goldmark", name+".html")
		writeFile(t, diffGM, []byte(pageHead+markdownAsHTML(t, changes.Bytes())))
		diffSrc := filepath.Join(dir, "diff-markdown-it", name+".md")
		writeFile(t, diffSrc, changes.Bytes())
		mdit = append(mdit, [2]string{diffSrc, strings.TrimSuffix(diffSrc, ".md") + ".html"})
		pp.pages = append(pp.pages, renderer{"diff goldmark unsafe", diffGM}, renderer{"diff markdown-it", strings.TrimSuffix(diffSrc, ".md") + ".html"})
		all = append(all, pp)
	}
	for _, cfg := range []string{"default", "unsafe"} {
		cmd := exec.Command(hugo, "--source", site, "--config", cfg+".toml", "--destination", filepath.Join(dir, "hugo-"+cfg), "--quiet")
		if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
			t.Fatalf("hugo with %s.toml: %v\n%s", cfg, err, out)
		}
	}

	var pages []string
	for _, pp := range all {
		pages = append(pages, pp.ref)
		for _, r := range pp.pages {
			pages = append(pages, r.path)
		}
	}
	found := inspectPages(t, dir, mdit, pages)

	failures := map[string]int{}
	fail := func(r renderer, pp payloadPages, format string, args ...any) {
		failures[r.name]++
		if failures[r.name] <= 10 {
			t.Errorf("%s, payload %q: %s", r.name, pp.payload, fmt.Sprintf(format, args...))
		}
	}
	for _, pp := range all {
		ref, ok := found[pp.ref]
		if !ok {
			t.Fatalf("%s was not inspected", pp.ref)
		}
		allowed := map[string]bool{}
		for _, l := range ref.Links {
			allowed[normalLink(l, "file://"+pp.ref)] = true
		}
		for _, r := range append([]renderer{{"HTML page", pp.ref}}, pp.pages...) {
			got, ok := found[r.path]
			if !ok {
				fail(r, pp, "%s was not inspected", r.path)
				continue
			}
			if len(got.Calls) > 0 {
				fail(r, pp, "script ran: %v", got.Calls)
			}
			if len(got.Requests) > 0 {
				fail(r, pp, "the page requested %v", got.Requests)
			}
			if len(got.Dangerous) > 0 {
				fail(r, pp, "the page holds %v", got.Dangerous)
			}
			for _, l := range got.Links {
				scheme, _, _ := strings.Cut(strings.ToLower(l), ":")
				if scheme != "http" && scheme != "https" && scheme != "mailto" && scheme != "file" {
					fail(r, pp, "link to %s", l)
					continue
				}
				if strings.HasPrefix(r.name, "diff") {
					// The report has no links of its own; a URL in a value
					// may be linked by the renderer.
					values := goldenText + " https://x.example/" + pp.payload + " https://x.example/" + referenceProbe
					target := strings.TrimSuffix(normalLink(l, ""), "/")
					for _, prefix := range []string{"mailto:", "http://", "https://"} {
						target = strings.TrimPrefix(target, prefix)
					}
					if !strings.Contains(values, target) {
						fail(r, pp, "link to %s, which the policy does not have", l)
					}
					continue
				}
				if n := normalLink(l, "file://"+r.path); !allowed[n] {
					fail(r, pp, "link to %s (%s), which the HTML page does not have", n, l)
				}
			}
		}
	}
	if len(failures) > 0 {
		t.Errorf("failures by renderer: %v", failures)
	}
	t.Logf("%d payloads, %d pages opened", len(payloads), len(pages))
}
