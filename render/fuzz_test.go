package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// FuzzRender fills every text and free string of a golden policy with
// fuzz strings (markup, Unicode, control characters) and renders it in
// one of its languages as HTML (a page or a fragment), Markdown (for one
// of the sites) and JSON, and the index page. No output may panic the
// renderer, be invalid UTF-8, or carry something that runs: the HTML
// holds no script, no on* attribute and no script URL; the Markdown,
// read by goldmark with raw HTML allowed, holds no raw HTML but the
// template's headings and links only to what the policy names; the front
// matter is YAML; the JSON is JSON.
//
// shape picks the policy (low bits), the text the fields start from (bits
// 8 on) and the options (top bits); texts holds the strings, separated by
// NUL.
func FuzzRender(f *testing.F) {
	policies := load(f, "testdata/golden/policies")
	payloads := readPayloads(f)
	for i := 0; i < len(payloads); i += 10 {
		// Every policy, site and variant in turn.
		f.Add(uint64(i)|uint64(i)<<55, strings.Join(payloads[i:min(i+10, len(payloads))], "\x00"))
	}
	f.Add(uint64(1), strings.Join(injections, "\x00"))
	f.Add(uint64(2), "")
	f.Add(uint64(3), "x\u0085y\x00\u2028\x00\ufeff{{ .Title }}\x00{% raw %}\x00---\n\x00é\x00{duration 13 months}")
	// The links the templates write: to the other languages and formats.
	templateLinks := map[string]bool{}
	for _, p := range policies {
		for _, lang := range p.Languages {
			for _, site := range Sites {
				out, err := Render(p, lang, "md", Options{Site: site})
				if err != nil {
					f.Fatal(err)
				}
				for _, dest := range markdownLinks(f, out) {
					templateLinks[dest] = true
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, shape uint64, texts string) {
		p := policies[shape%uint64(len(policies))]
		values := strings.Split(strings.ToValidUTF8(texts, "\uFFFD"), "\x00")
		n := int(shape>>8) % len(values)
		poisonWith(reflect.ValueOf(p), func() string {
			n = (n + 1) % len(values)
			return values[n]
		})
		// What the policy names, as the Markdown may link to it.
		named := texts + "\x00https://x.example/" + strings.Join(values, "\x00https://x.example/")
		opts := Options{TitleHeading: shape&(1<<56) != 0, Fragment: shape&(1<<57) != 0, Site: Sites[shape>>58%uint64(len(Sites))]}
		if shape&(1<<62) != 0 {
			opts.BaseURL = "https://example.org/privacy/"
		}
		// One language per run keeps a run short enough to fuzz; the
		// language's own words and fact formats are what differ.
		lang := p.Languages[shape>>60%uint64(len(p.Languages))]
		out := render(t, p, lang, "html", opts)
		checkHTML(t, out, fmt.Sprintf("%s/%s.html (fragment %v)", lang, p.ID, opts.Fragment))
		out = render(t, p, lang, "md", opts)
		checkMarkdown(t, out, fmt.Sprintf("%s/%s.md (%s)", lang, p.ID, opts.Site), func(dest string) bool {
			return templateLinks[dest] || namedLink(dest, named)
		})
		out = render(t, p, lang, "json", opts)
		if !json.Valid(out) {
			t.Errorf("%s/%s.json is not valid JSON:\n%s", lang, p.ID, out)
		}
		index, err := Index([]*model.Policy{p}, opts)
		if err != nil {
			t.Fatal(err)
		}
		checkHTML(t, index, "index.html")
	})
}

func render(t *testing.T, p *model.Policy, lang, format string, opts Options) []byte {
	t.Helper()
	out, err := Render(p, lang, format, opts)
	if err != nil {
		t.Fatalf("%s/%s.%s: %v", lang, p.ID, format, err)
	}
	if !utf8.Valid(out) {
		t.Errorf("%s/%s.%s is not valid UTF-8", lang, p.ID, format)
	}
	return out
}

// scriptURL reports whether an attribute value would run script or embed
// a document when followed.
func scriptURL(v string) bool {
	v = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")
}

// checkHTML fails when the page holds a script element, an event handler
// attribute or a script URL: the templates write none.
func checkHTML(t *testing.T, page []byte, name string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" {
			t.Errorf("%s holds a script element", name)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			}
			if scriptURL(a.Val) {
				t.Errorf("%s: <%s %s=%q>, a script URL", name, n.Data, a.Key, a.Val)
			}
		}
	}
}

// frontMatter splits a Markdown page into its front matter and body.
func frontMatter(md []byte) (fm, body []byte) {
	if rest, ok := bytes.CutPrefix(md, []byte("---\n")); ok {
		if fm, body, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			return fm, body
		}
	}
	return nil, md
}

// markdownLinks returns the destinations of the links, images and
// autolinks of a Markdown page as goldmark reads it.
func markdownLinks(t testing.TB, md []byte) []string {
	t.Helper()
	var out []string
	_, body := frontMatter(md)
	doc := markdownViewer.Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			out = append(out, string(l.Destination))
		case *ast.Image:
			out = append(out, "image:"+string(l.Destination))
		case *ast.AutoLink:
			out = append(out, string(l.URL(body)))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// namedLink reports whether dest is a safe link the policy's texts name
// (a site's Markdown renderer may link a URL in prose).
func namedLink(dest, named string) bool {
	if strings.HasPrefix(dest, "#") && AllowedLink(dest) {
		return true
	}
	if !AllowedLink(dest) {
		return false
	}
	dest = percentDecoded(dest)
	// A scheme is case-insensitive: "htTps://x.example" is the link a
	// text wrote as such.
	for _, prefix := range []string{"mailto:", "http://", "https://"} {
		if len(dest) >= len(prefix) && strings.EqualFold(dest[:len(prefix)], prefix) {
			return strings.Contains(percentDecoded(named), dest[len(prefix):])
		}
	}
	return false
}

var percentEscape = regexp.MustCompile(`%[0-9A-Fa-f]{2}`)

// percentDecoded decodes every %XX of s and keeps any other %, so that a
// URL the writer escaped compares equal to the text it came from, which
// goes through the same decoding.
func percentDecoded(s string) string {
	return percentEscape.ReplaceAllStringFunc(s, func(e string) string {
		u, _ := url.PathUnescape(e)
		return u
	})
}

// templateHeading is the raw HTML the Eleventy Markdown writes on purpose:
// a heading with an id (markdown-it has no heading attributes), its text
// escaped.
var templateHeading = regexp.MustCompile(`^<(h[1-6]) id="[A-Za-z0-9_-]+">[^<>]*</h[1-6]>\n?$`)

// checkMarkdown parses the page as goldmark does with raw HTML allowed,
// and fails on raw HTML other than the template's headings and on a link
// linked does not accept; the front matter must be a YAML mapping.
func checkMarkdown(t *testing.T, md []byte, name string, linked func(string) bool) {
	t.Helper()
	fm, body := frontMatter(md)
	if fm != nil {
		var m map[string]any
		if err := yaml.Unmarshal(fm, &m); err != nil {
			t.Errorf("%s: the front matter is not YAML: %v\n%s", name, err, fm)
		}
	}
	doc := markdownViewer.Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindRawHTML, ast.KindHTMLBlock:
			var raw []byte
			if n.Type() == ast.TypeBlock {
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					raw = append(raw, seg.Value(body)...)
				}
			} else {
				segs := n.(*ast.RawHTML).Segments
				for i := range segs.Len() {
					seg := segs.At(i)
					raw = append(raw, seg.Value(body)...)
				}
			}
			if !templateHeading.Match(raw) {
				t.Errorf("%s holds raw HTML %q", name, raw)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, dest := range markdownLinks(t, md) {
		if !linked(dest) {
			t.Errorf("%s links to %q, which the policy does not name", name, dest)
		}
	}
}

// FuzzInlineFacts: any text with inline facts expands in every language
// without a panic and stays valid UTF-8; every fact the grammar accepts
// renders, in every language, as its canonical form does, and the
// canonical form is its own canonical form.
func FuzzInlineFacts(f *testing.F) {
	for _, s := range []string{
		"Kept {duration 13 months} in {country FR} until {date 2021-03-22}.",
		"{duration 13 month} {duration 1 years} {duration session, at most 10 minutes} {duration at most 2 years}",
		"{duration persistent} {duration session} {duration 99999999999999999999 days} {duration 0 days}",
		"{duration +5 days} {date 2021-02-29} {date 2020-02-29} {country XX} {country EU} {country eu}",
		"{{duration 1 day}} {duration {date 2021-01-01}} {unknown x} {duration} {",
		"{date 9999-12-31} {date 0001-01-01} {duration 1 day}\u0085{duration 2 days}",
	} {
		f.Add(s)
	}
	langs := []string{"en", "nl", "fr"}
	msgs := map[string]*locales.Messages{}
	for _, lang := range langs {
		m, err := locales.For(lang)
		if err != nil {
			f.Fatal(err)
		}
		msgs[lang] = m
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range langs {
			r := &resolver{lang: lang, m: msgs[lang]}
			out := r.text(model.Text{Values: map[string]string{lang: s}})
			if utf8.ValidString(s) && !utf8.ValidString(out) {
				t.Errorf("%s: %q expands to %q, which is not valid UTF-8", lang, s, out)
			}
		}
		for _, fact := range model.InlineFacts(s) {
			canonical, err := fact.Canonical()
			if err != nil {
				continue
			}
			again, err := model.InlineFact{Kind: fact.Kind, Value: canonical}.Canonical()
			if err != nil || again != canonical {
				t.Errorf("%s: canonical form %q gives %q, %v", fact, canonical, again, err)
			}
			for _, lang := range langs {
				got, err := FactText(lang, fact.Kind, fact.Value)
				if err != nil || got == "" {
					t.Errorf("%s accepted by the grammar but not rendered in %s: %q, %v", fact, lang, got, err)
					continue
				}
				if want, _ := FactText(lang, fact.Kind, canonical); got != want {
					t.Errorf("%s reads %q in %s, its canonical form {%s %s} %q", fact, got, lang, fact.Kind, canonical, want)
				}
			}
		}
	})
}
