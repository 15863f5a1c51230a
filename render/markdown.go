package render

import (
	"bytes"
	"html"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// prose is the one goldmark set-up for policy prose: GFM, no raw HTML, and
// links restricted to https, http, mailto and in-page anchors. Raw HTML in
// prose is shown as text, so nothing a policy writes becomes markup.
var prose = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(linkFilter{}, 100))),
	goldmark.WithRendererOptions(
		ghtml.WithXHTML(),
		renderer.WithNodeRenderers(util.Prioritized(rawHTMLAsText{}, 100)),
	),
)

// AllowedLink reports whether a link destination may appear on a page.
func AllowedLink(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "mailto:") ||
		(strings.HasPrefix(d, "#") && !strings.ContainsAny(d, "\"'<> "))
}

// linkFilter replaces links and images whose destination is not allowed by
// their text.
type linkFilter struct{}

func (linkFilter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			if !AllowedLink(string(l.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			// Images would load from a third party when the page is read.
			unsafe = append(unsafe, n)
		case *ast.AutoLink:
			if !AllowedLink(string(l.URL(reader.Source()))) && l.AutoLinkType != ast.AutoLinkEmail {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		if al, ok := n.(*ast.AutoLink); ok {
			parent.InsertBefore(parent, n, ast.NewString(al.Label(reader.Source())))
		}
		parent.RemoveChild(parent, n)
	}
}

// rawHTMLAsText renders raw HTML found in prose as escaped text.
type rawHTMLAsText struct{}

func (rawHTMLAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := range segs.Len() {
				s := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(s.Value(source))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		_, _ = w.WriteString("<p>")
		lines := b.Lines()
		for i := range lines.Len() {
			s := lines.At(i)
			_, _ = w.WriteString(html.EscapeString(string(s.Value(source))))
		}
		if b.HasClosure() {
			_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(source))))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

// plain reports whether s has no Markdown syntax, so it can skip goldmark.
func plain(s string) bool {
	for i := range len(s) {
		if markdownSyntax[s[i]] {
			return false
		}
	}
	return !startsBlock(s)
}

// markdownSyntax are the bytes that may start Markdown syntax, as a table:
// every row's prose is scanned for them.
var markdownSyntax = func() (t [256]bool) {
	for _, c := range []byte("\n\r\t*_[]<>&`!#|\\~:{}$") {
		t[c] = true
	}
	return t
}()

func startsBlock(s string) bool {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return true
	}
	switch t[0] {
	case '-', '+', '=', '>', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	return len(s) != len(t)
}

// markdownHTML renders prose to HTML.
func markdownHTML(src string) template.HTML {
	if src == "" {
		return ""
	}
	if plain(src) {
		return template.HTML("<p>" + html.EscapeString(src) + "</p>\n")
	}
	var buf bytes.Buffer
	if err := prose.Convert([]byte(src), &buf); err != nil {
		return template.HTML("<p>" + html.EscapeString(src) + "</p>\n")
	}
	return template.HTML(buf.String())
}

// markdownInline renders prose for a table cell: a single paragraph loses
// its <p>.
func markdownInline(src string) template.HTML {
	h := string(markdownHTML(src))
	if strings.Count(h, "<p>") == 1 && strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>\n") {
		return template.HTML(strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>\n"))
	}
	return template.HTML(h)
}

// oneLine reports whether s is its words joined by single spaces, as
// strings.Join(strings.Fields(s), " ") writes it.
func oneLine(s string) bool {
	space := true // a space here would be a leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\t', '\n', '\v', '\f', '\r':
				return false
			case ' ':
				if space {
					return false
				}
				space = true
			default:
				space = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		space = false
		i += n
	}
	return !space || s == ""
}

// safeMarkdown returns prose as one line of Markdown for a table cell or
// a line of its own kind (see mdwriter.go).
func safeMarkdown(src string) string { return cell(proseLine(src)) }

// escapeFact escapes a fact (a name, an address line) for any inline place
// in Markdown.
func escapeFact(s string) string { return escapeLine(s) }

// cell prepares Markdown for a GFM table cell: one line, pipes escaped.
func cell(s string) string {
	if oneLine(s) && strings.IndexByte(s, '|') < 0 {
		return s // as cellRewrite would write it: most cells, row after row
	}
	return cellRewrite(s)
}

func cellRewrite(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for i := range len(s) {
		if s[i] == '|' && (i == 0 || s[i-1] != '\\') {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
