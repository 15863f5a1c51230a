package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/model/diff"
)

var browserPages = flag.String("browser-pages", "", "check only the pages whose name matches this regexp (to iterate locally)")

var screenshots = flag.String("screenshots", "", "folder to write PNGs of one page per language at 390 and 1280 px (make screenshots)")

// browserPage is a page the browser script loads.
type browserPage struct {
	Name       string `json:"name"`
	File       string `json:"file"`
	Screenshot string `json:"screenshot,omitempty"`
}

type browserResult struct {
	Page        string `json:"page"`
	Width       int    `json:"width"`
	ScrollWidth int    `json:"scrollWidth"`
	InnerWidth  int    `json:"innerWidth"`
	Wide        []string
	Violations  []struct {
		ID    string   `json:"id"`
		Help  string   `json:"help"`
		Nodes []string `json:"nodes"`
		Count int      `json:"count"`
	} `json:"violations"`
}

// screenshotPolicy is the page shown per language by make screenshots: the
// one with the widest tracker tables.
const screenshotPolicy = "kimsufi"

// TestBrowser loads, in one Chromium, every bundled page in every language,
// the golden page, the index, the "what changed" page in each language and a
// fragment of each language in a host page that links policyc.css. At 1280
// and 390 px wide axe-core must find no WCAG 2.1 A/AA or WCAG 2.2 AA (target
// size) violation; at 390 and 320 px no page may scroll sideways.
func TestBrowser(t *testing.T) {
	chromium := testtool.Chromium(t)
	modules := testtool.NodeModules(t, "axe-core", "puppeteer-core")
	dir := t.TempDir()
	policies := load(t, "../policies", "testdata/golden/policies")
	pages, err := Build(policies, Options{Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(filepath.Join(dir, "site"), pages); err != nil {
		t.Fatal(err)
	}
	fragments, err := Build(load(t, "testdata/golden/policies"), Options{Formats: []string{"html"}, Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(filepath.Join(dir, "fragments"), fragments); err != nil {
		t.Fatal(err)
	}
	var list []browserPage
	for name := range pages {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		bp := browserPage{Name: name, File: filepath.Join(dir, "site", filepath.FromSlash(name))}
		if lang, id, ok := strings.Cut(strings.TrimSuffix(name, ".html"), "/"); ok && id == screenshotPolicy {
			bp.Screenshot = screenshotPolicy + "-" + lang
		}
		list = append(list, bp)
	}
	old := load(t, "../model/diff/testdata/bundled/old")
	cur := load(t, "../model/diff/testdata/bundled/new")
	report := diff.Compare(old, cur)
	for _, lang := range []string{"nl", "en", "fr"} {
		page, err := DiffHTML(report, lang)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "diff-"+lang+".html")
		if err := os.WriteFile(file, page, 0o644); err != nil {
			t.Fatal(err)
		}
		list = append(list, browserPage{Name: "diff " + lang, File: file})

		fragment := fragments[lang+"/demo.html"]
		host := fmt.Sprintf(`<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host</title><link rel="stylesheet" href="fragments/policyc.css"></head>
<body><header><p>A site's own header</p></header><main>
%s</main></body></html>
`, lang, fragment)
		file = filepath.Join(dir, "host-"+lang+".html")
		if err := os.WriteFile(file, []byte(host), 0o644); err != nil {
			t.Fatal(err)
		}
		list = append(list, browserPage{Name: "fragment " + lang, File: file})
	}
	slicesSortPages(list)
	if *browserPages != "" {
		re := regexp.MustCompile(*browserPages)
		list = slices.DeleteFunc(list, func(p browserPage) bool { return !re.MatchString(p.Name) })
	}
	spec := map[string]any{
		"chromium":    chromium,
		"axe":         filepath.Join(modules, "axe-core", "axe.min.js"),
		"pages":       list,
		"widths":      []int{1280, 390, 320},
		"axeWidths":   []int{1280, 390},
		"screenshots": *screenshots,
	}
	if *screenshots != "" {
		if err := os.MkdirAll(*screenshots, 0o755); err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(*screenshots)
		spec["screenshots"] = abs
	}
	specFile := filepath.Join(dir, "spec.json")
	b, _ := json.Marshal(spec)
	if err := os.WriteFile(specFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(testtool.Root(t), "render", "testdata", "browser.js"), specFile)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("browser.js: %v\n%s", err, stderr.String())
	}
	var results []browserResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("browser.js report: %v\n%s", err, out)
	}
	if len(results) != 3*len(list) {
		t.Fatalf("%d results for %d pages at 3 widths", len(results), len(list))
	}
	for _, r := range results {
		for _, v := range r.Violations {
			t.Errorf("%s at %d px: axe %s (%s), %d element(s): %s", r.Page, r.Width, v.ID, v.Help, v.Count, strings.Join(v.Nodes, "; "))
		}
		if r.Width <= 390 && r.ScrollWidth > r.InnerWidth {
			t.Errorf("%s at %d px scrolls sideways: scrollWidth %d > %d; wide: %s", r.Page, r.Width, r.ScrollWidth, r.InnerWidth, strings.Join(r.Wide, ", "))
		}
	}
}

func slicesSortPages(list []browserPage) {
	slices.SortFunc(list, func(a, b browserPage) int { return strings.Compare(a.Name, b.Name) })
}
