package render

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// ownSyntax is the site syntax policyc writes itself: heading ids and
// Hugo's links to a translation.
var ownSyntax = regexp.MustCompile(`(?m) \{#[a-z0-9-]+\}$|\{\{< relref path="[a-z0-9-]+\.md" lang="[a-z]+" >\}\}`)

// TestSiteSyntaxInert puts site-generator syntax in every field and wants
// no "{{", "{%" or "{#" in the Markdown, where Hugo, Jekyll or Eleventy
// would run them, and the text still shown.
func TestSiteSyntaxInert(t *testing.T) {
	for _, c := range []struct{ payload, shown string }{
		{"{{< youtube abc >}}", "youtube abc"}, {"{% include x %}", "include x"}, {"{{ .Site }}", ".Site"}, {"{#c#}", "c#"},
		{"x\n\n```\n{{% x %}}\n```", "% x %"}, {"`{{< y >}}`", "y >"},
	} {
		payload := c.payload
		p := goldenDemo(t)
		poison(reflect.ValueOf(p), payload)
		for _, lang := range p.Languages {
			for _, site := range Sites {
				out, err := Render(p, lang, "md", Options{Site: site, TitleHeading: true})
				if err != nil {
					t.Fatal(err)
				}
				body := ownSyntax.ReplaceAllString(string(out), "")
				if hasTemplate(body) {
					i := strings.Index(strings.ReplaceAll(strings.ReplaceAll(body, "{{", "{%"), "{#", "{%"), "{%")
					t.Errorf("payload %q: %s/%s.md for %s holds site-generator syntax: %q", payload, lang, p.ID, site, body[max(0, i-40):min(len(body), i+40)])
				}
				if !strings.Contains(visibleText(markdownAsHTML(t, out)), c.shown) {
					t.Errorf("payload %q vanished from %s/%s.md for %s", payload, lang, p.ID, site)
				}
			}
		}
	}
}

// TestReferenceDefinitionsScoped: a link-reference definition in one text
// does not serve a reference in another.
func TestReferenceDefinitionsScoped(t *testing.T) {
	p := goldenDemo(t)
	p.Sections[0].Body.Values["en"] = "[r]: https://evil.example\n\n[s]: javascript:alert(1)"
	p.Trackers[0].Purpose.Values["en"] = "[click][r] [also][s]"
	out, err := Render(p, "en", "md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := markdownAsHTML(t, out)
	if strings.Contains(page, "evil.example") || strings.Contains(page, "javascript:") {
		t.Errorf("a definition in one text served another:\n%s", out)
	}
	if !strings.Contains(visibleText(page), "[click][r]") {
		t.Errorf("the reference does not show as text:\n%s", out)
	}
}

func TestProseMarkdown(t *testing.T) {
	for _, c := range []struct{ in, block, line string }{
		{"a *b*\nc", "a *b* c", "a *b* c"},
		{"x\n\n    code", "x\n\n```\ncode\n```", "x `code`"},
		{"x\n\n~~~\n<b>\n~~~", "x\n\n```\n<b>\n```", "x `<b>`"},
		{"- a\n- b\n\n1. c", "- a\n- b\n\n1. c", "a b c"},
		{"[y]: <javascript:alert(1)>\n\n[y] [z](https://z.example) <https://a.example>", `y [z](https://z.example) [https\://a.example](https://a.example)`, `y [z](https://z.example) [https\://a.example](https://a.example)`},
		{"<b>x</b>", `\<b\>x\</b\>`, `\<b\>x\</b\>`},
		{"a | b {{< x >}} `c|{{d}}`", "a \\| b \\{\\{\\< x \\>}} `c`\\|\\{`{d}}`", "a \\| b \\{\\{\\< x \\>}} `c`\\|\\{`{d}}`"},
		{"# H {#id}\ntext", "# H \\{\\#id}\n\ntext", "H \\{\\#id} text"},
		{"x\n\n```\n{{< y >}}\n```", "x\n\n\\{`{< y >}}`", "x \\{`{< y >}}`"},
		{"1) a\n\n- b\n\n  > c\n  >\n  >     d", "1. a\n\n- b\n\n  > c\n  >\n  > ```\n  > d\n  > ```", "a b c `d`"},
	} {
		if got := proseMarkdown(c.in); got != c.block {
			t.Errorf("proseMarkdown(%q) =\n%q\nwant\n%q", c.in, got, c.block)
		}
		if got := proseLine(c.in); got != c.line {
			t.Errorf("proseLine(%q) =\n%q\nwant\n%q", c.in, got, c.line)
		}
	}
}

// TestYAMLString: every front-matter value reads back as itself.
func TestYAMLString(t *testing.T) {
	for _, s := range []string{"plain", "a\u0085b", "\u2028\u2029\ufeff", "\x00\x1b\t\n\"\\", "é ü « »", "a: b # c", "- x", "invalid \xff"} {
		var got string
		if err := yaml.Unmarshal([]byte("v: "+yamlString(s)), &struct{ V *string }{&got}); err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); got != want {
			t.Errorf("yamlString(%q) reads back as %q", s, got)
		}
	}
}

// TestSiteGolden renders the golden policy in English for each site
// generator and compares it with testdata/golden/sites/<site>.md.
func TestSiteGolden(t *testing.T) {
	p := goldenDemo(t)
	for _, site := range Sites {
		got, err := Render(p, "en", "md", Options{Site: site})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata/golden/sites", site+".md")
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
			t.Fatalf("%v (run go test ./render -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs; run go test ./render -update and review the diff", path)
		}
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                     "plain",
		"WWW.x.example a@b.example": `WWW\.x.example a&#64;b.example`,
		"https://x.example/a_b":     `https\://x.example/a\_b`,
		"A & B ~ {% x %} {{ y }}":   `A &amp; B &#126; \{&#37; x %} \{\{ y }}`,
		"a\nb\r\tc | d":             `a b  c \| d`,
		"<b>[x](y)</b>":             `\<b\>\[x\](y)\</b\>`,
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCellShortcuts checks that cell and codeSpan, which return a text
// that needs no change without rewriting it, write what the full rewrite
// does, on every string of up to four pieces: spaces, line breaks, Unicode
// spaces (a no-break space, the narrow one French typography sets),
// letters, a pipe, a backslash, a backtick, a brace and a byte that is not
// UTF-8.
func TestCellShortcuts(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\u00a0", "\u202f", "a", "é", "|", "\\", "`", "{", "\xff"}
	var walk func(s string, n int)
	walk = func(s string, n int) {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " ") == s; got != want {
			t.Errorf("oneLine(%q) = %v, want %v", s, got, want)
		}
		if got, want := cell(s), cellRewrite(s); got != want {
			t.Errorf("cell(%q) = %q, want %q", s, got, want)
		}
		if got, want := codeSpan(s), codeSpanRewrite(s); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", s, got, want)
		}
		if n == 0 {
			return
		}
		for _, p := range pieces {
			walk(s+p, n-1)
		}
	}
	walk("", 4)
}
