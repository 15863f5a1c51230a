package render

import (
	"bytes"
	"flag"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/modeltest"
	"github.com/policyc/policyc/model"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/out")

func load(t testing.TB, paths ...string) []*model.Policy {
	t.Helper()
	policies, diags := model.Load(paths)
	if diags.HasErrors() {
		var buf bytes.Buffer
		_ = model.WriteText(&buf, diags)
		t.Fatalf("loading %v:\n%s", paths, buf.String())
	}
	return policies
}

func TestGolden(t *testing.T) {
	policies := load(t, "testdata/golden/policies")
	files, err := Build(policies, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 12*len(policies)+1 {
		t.Errorf("got %d files, want 3 languages × (3 formats and the feed) for each of %d policies and the index", len(files), len(policies))
	}
	for name, got := range files {
		path := filepath.Join("testdata/golden/out", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run go test ./render -update)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run go test ./render -update and review the diff", name, path)
		}
	}
}

// TestDeterministic builds twice, once from another working directory
// with an absolute path, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	first, err := Build(load(t, "../policies", "testdata/golden/policies"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("../policies")
	absGolden, _ := filepath.Abs("testdata/golden/policies")
	t.Chdir(t.TempDir())
	second, err := Build(load(t, abs, absGolden), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteAtomic(dir, map[string][]byte{"en/a.html": []byte("one"), "stale.txt": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(dir, map[string][]byte{"en/a.html": []byte("two")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "en/a.html")); string(b) != "two" {
		t.Errorf("en/a.html = %q, want two", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.txt")); !os.IsNotExist(err) {
		t.Errorf("a file of the previous build survived: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

var (
	tagPattern   = regexp.MustCompile(`(?s)<[^>]*>`)
	tokenPattern = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// visibleText is the text a reader sees in an HTML fragment.
func visibleText(h string) string {
	// <wbr> marks where a tracker name may break, inside the name.
	h = strings.ReplaceAll(h, "<wbr>", "")
	return html.UnescapeString(tagPattern.ReplaceAllString(h, " "))
}

var markdownViewer = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAttribute()),
	goldmark.WithRendererOptions(ghtml.WithUnsafe()),
)

// markdownAsHTML renders Markdown output as a static site would, with raw
// HTML let through, which is the worst case for injection.
func markdownAsHTML(t testing.TB, md []byte) string {
	t.Helper()
	if _, rest, ok := bytes.Cut(md, []byte("\n---\n")); ok && bytes.HasPrefix(md, []byte("---\n")) {
		md = rest
	}
	var buf bytes.Buffer
	if err := markdownViewer.Convert(md, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestMarkdownMatchesHTML renders the Markdown output with goldmark and
// wants the same words, in the same order, as the HTML page's article
// without its table of contents.
func TestMarkdownMatchesHTML(t *testing.T) {
	for _, p := range load(t, "../policies", "testdata/golden/policies") {
		for _, lang := range p.Languages {
			page, err := Render(p, lang, "html", Options{Fragment: true})
			if err != nil {
				t.Fatal(err)
			}
			md, err := Render(p, lang, "md", Options{Site: "plain"})
			if err != nil {
				t.Fatal(err)
			}
			h := string(page)
			if i, j := strings.Index(h, `<nav class="toc"`), strings.Index(h, "</nav>"); i >= 0 && j > i {
				h = h[:i] + h[j+len("</nav>"):]
			}
			// The language links are a line of their own in Markdown and a
			// nav outside the article in HTML.
			lines := strings.Split(string(md), "\n")
			lines = slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, "]("+"../") })
			htmlWords := tokenPattern.FindAllString(visibleText(h), -1)
			mdWords := tokenPattern.FindAllString(visibleText(markdownAsHTML(t, []byte(strings.Join(lines, "\n")))), -1)
			if !slices.Equal(htmlWords, mdWords) {
				i := 0
				for i < len(htmlWords) && i < len(mdWords) && htmlWords[i] == mdWords[i] {
					i++
				}
				t.Errorf("%s/%s: Markdown and HTML differ at word %d:\n html: %v\n   md: %v", lang, p.ID, i,
					htmlWords[max(0, i-8):min(len(htmlWords), i+8)], mdWords[max(0, i-8):min(len(mdWords), i+8)])
			}
		}
	}
}

// injections are values that would run script or change markup if any
// field reached a page unescaped.
var injections = []string{
	`<script>alert(1)</script>`,
	`[x](javascript:alert(1))`,
	`<img src=x onerror=alert(1)>`,
	`"onmouseover=alert(1) x="`,
	`<a href="javascript:alert(1)">y</a>`,
	`[z](JaVaScRiPt:alert(1))`,
	"![i](https://evil.example/x.png)",
	`&#x6A;avascript:alert(1)`,
	"x\n\n<img src=x onerror=alert(1)>",
	"x\n\n    <img src=x onerror=alert(1)>",
	"x\n\n~~~\n<img src=x onerror=alert(1)>\n~~~",
	"x\n\n```\n<img src=x onerror=alert(1)>\n```",
	"x\n\n[y]: <javascript:alert(1)>\n\n[y]",
	"x\r<img src=x onerror=alert(1)>",
	"- x\n\n      <img src=x onerror=alert(1)>",
	"> x\n>\n>     <img src=x onerror=alert(1)>",
	"| a |\n|---|\n| <img src=x onerror=alert(1)> |",
}

// poison sets every prose text and every free string of the policy to
// payload; ids, keys and codes keep their values because their grammars
// already refuse markup.
func poison(v reflect.Value, payload string) {
	poisonWith(v, func() string { return payload })
}

// poisonWith is poison with the value of each text or string in turn from
// next.
func poisonWith(v reflect.Value, next func() string) { modeltest.Fill(v, next) }

// dangerous matches a tag that runs script, loads a resource or links to
// script.
var dangerous = regexp.MustCompile(`(?i)^<(script|img|iframe|object|embed|svg|style)|\son\w+\s*=|href\s*=\s*"?\s*(javascript|vbscript|data):|\ssrc=`)

func TestInertOutput(t *testing.T) {
	for _, payload := range injections {
		p := goldenDemo(t)
		poison(reflect.ValueOf(p), payload)
		for _, lang := range p.Languages {
			for _, format := range []string{"html", "md"} {
				out, err := Render(p, lang, format, Options{Fragment: true})
				if err != nil {
					t.Fatal(err)
				}
				page := string(out)
				if format == "md" {
					page = markdownAsHTML(t, out)
				}
				for _, tag := range tagPattern.FindAllString(page, -1) {
					if dangerous.MatchString(tag) {
						t.Errorf("payload %q in %s/%s.%s became markup: %s", payload, lang, p.ID, format, tag)
					}
				}
				if !strings.Contains(visibleText(page), "alert(1)") && !strings.Contains(payload, "evil") {
					t.Errorf("payload %q vanished from %s/%s.%s instead of showing as text", payload, lang, p.ID, format)
				}
			}
		}
	}
}

// A build killed between the two renames of the fallback leaves the
// previous output beside dir; the next build puts it back before anything
// else, and removes the temporary folders of earlier killed builds.
func TestWriteAtomicRecovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	for _, stale := range []string{".out.policyc-old", ".out.policyc-new/en", ".out.new-123/en", ".out.new-456.old/en"} {
		if err := os.MkdirAll(filepath.Join(parent, stale), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(parent, ".out.policyc-old", OutputMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, oldDir, stale := tempNames(dir)
	if err := recoverOutput(dir, oldDir, stale); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, OutputMarker)); err != nil {
		t.Errorf("the previous output was not put back: %v", err)
	}
	if err := WriteAtomic(dir, map[string][]byte{"en/a.html": []byte("new")}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "out" {
		t.Errorf("left beside the output: %v", entries)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, OutputMarker)); string(b) != markerText {
		t.Errorf("marker = %q", b)
	}
}

// goldenDemo is the demo policy of the goldens, which the payload and
// escaping tests write their texts into: it has a section body and a
// tracker purpose in every language.
func goldenDemo(t *testing.T) *model.Policy {
	t.Helper()
	for _, p := range load(t, "testdata/golden/policies") {
		if p.ID == "demo" {
			return p
		}
	}
	t.Fatal("no demo policy among the goldens")
	return nil
}
