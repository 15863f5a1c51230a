// Package render turns a loaded policy into HTML, Markdown and JSON pages in
// each of its languages.
package render

import (
	"bufio"
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
	"github.com/policyc/policyc/templates"
)

// Formats are the output formats, by file extension, that a build writes
// unless told otherwise; SummaryFormat is written only when asked for.
var Formats = []string{"html", "md", "json"}

// Options say what a build renders.
type Options struct {
	Langs    []string // the languages to render; empty means each policy's own
	Formats  []string // html, md, json; empty means all
	Fragment bool     // HTML without <html>, <head> and <body>, to embed in a site's layout
	// Site is the site generator the Markdown is for: hugo (the default),
	// jekyll, eleventy or plain (see Sites).
	Site string
	// TitleHeading writes the title as the Markdown page's first heading
	// also when the front matter has it (a site's layout usually shows
	// the title itself); plain Markdown always has it.
	TitleHeading bool
	// BaseURL is the absolute URL the output folder is published at, ending
	// in "/". With it, pages name their language versions by absolute URL,
	// as search engines require of hreflang; without it, by relative URL.
	BaseURL string
	// Previous are the policies as they were in an earlier version (build
	// --rev): a policy found there by id gets, in each language, a "what
	// changed" page, and its feed's current entry lists the changes.
	Previous []*model.Policy
}

// HreflangLink is a language version of a page, for <link rel="alternate">:
// every language including the page's own, and x-default, the source
// language.
type HreflangLink struct{ Lang, Href string }

// hreflang lists the language versions of doc's HTML page, and its
// canonical URL when the base URL is known.
func hreflang(doc *Document, baseURL string) (links []HreflangLink, canonical string) {
	href := func(lang string) string {
		if baseURL == "" {
			return "../" + lang + "/" + doc.ID + ".html"
		}
		return baseURL + lang + "/" + doc.ID + ".html"
	}
	if baseURL != "" {
		canonical = href(doc.Lang)
	}
	if len(doc.languages) < 2 {
		return nil, canonical
	}
	for _, l := range doc.languages {
		links = append(links, HreflangLink{Lang: l, Href: href(l)})
	}
	links = append(links, HreflangLink{Lang: "x-default", Href: href(doc.languages[0])})
	return links, canonical
}

// funcs are bound per document; these are placeholders with the same
// signatures so the templates parse.
func placeholderFuncs() map[string]any {
	return map[string]any{
		"t":              func(string, ...any) string { return "" },
		"doc":            func() *Document { return nil },
		"md":             markdownHTML,
		"mdInline":       markdownInline,
		"facts":          func([]Fact) string { return "" },
		"namedLifetimes": namedLifetimes,
		"prose":          proseMarkdown,
		"line":           proseLine,
		"esc":            escapeFact,
		"cell":           cell,
		"code":           codeSpan,
		"heading":        func(int, string, string) string { return "" },
		"languageHref":   func(string) string { return "" },
		"colon":          func() string { return ":" },
		"yaml":           yamlString,
		"link":           markdownLink,
		"linkText":       markdownLinkText,
		"mdfacts":        func(fs []Fact) string { return "" },
		"tableHead":      func(string) htmltemplate.HTML { return "" },
		"mdTableHead":    func(string) string { return "" },
		"trackerRows":    func(*CategoryView) (htmltemplate.HTML, error) { return "", nil },
		"activityRows":   func(*GroupView) (htmltemplate.HTML, error) { return "", nil },
		"vendorRows":     func([]*VendorView) (htmltemplate.HTML, error) { return "", nil },
		"mdTrackerRows":  func(*CategoryView) (string, error) { return "", nil },
		"mdActivityRows": func(*GroupView) (string, error) { return "", nil },
		"mdVendorRows":   func([]*VendorView) (string, error) { return "", nil },
	}
}

var (
	htmlTemplates = sync.OnceValue(func() *htmltemplate.Template {
		return htmltemplate.Must(htmltemplate.New("").Funcs(placeholderFuncs()).ParseFS(templates.FS, "*.html.tmpl"))
	})
	mdTemplates = sync.OnceValue(func() *texttemplate.Template {
		return texttemplate.Must(texttemplate.New("").Funcs(placeholderFuncs()).ParseFS(templates.FS, "*.md.tmpl"))
	})
)

// docFuncs are the functions of doc's templates, which write to out. The
// rows of a table are written straight to out by the function the template
// calls where the rows go, which returns nothing itself: a template writes
// each piece of its output to out as it executes, so the rows land in their
// place, and they are never held as one string, then copied.
func docFuncs(doc *Document, out stringWriter) map[string]any {
	m := doc.msgs
	return map[string]any{
		"t":           m.T,
		"colon":       m.Colon,
		"doc":         func() *Document { return doc },
		"facts":       func(fs []Fact) string { return joinFacts(fs, nil) },
		"mdfacts":     func(fs []Fact) string { return joinFacts(fs, escapeFact) },
		"tableHead":   func(name string) htmltemplate.HTML { return tableHeadHTML(doc, name) },
		"mdTableHead": func(name string) string { return tableHeadMarkdown(doc, name) },
		"trackerRows": func(c *CategoryView) (htmltemplate.HTML, error) {
			return "", trackerTable.rowsHTML(doc, out, c.Trackers)
		},
		"activityRows": func(g *GroupView) (htmltemplate.HTML, error) {
			return "", activityTable.rowsHTML(doc, out, g.Activities)
		},
		"vendorRows": func(vs []*VendorView) (htmltemplate.HTML, error) {
			return "", vendorTable.rowsHTML(doc, out, vs)
		},
		"mdTrackerRows":  func(c *CategoryView) (string, error) { return "", trackerTable.rowsMarkdown(doc, out, c.Trackers) },
		"mdActivityRows": func(g *GroupView) (string, error) { return "", activityTable.rowsMarkdown(doc, out, g.Activities) },
		"mdVendorRows":   func(vs []*VendorView) (string, error) { return "", vendorTable.rowsMarkdown(doc, out, vs) },
	}
}

// tableHeadHTML writes the header of the generated table called name.
func tableHeadHTML(doc *Document, name string) htmltemplate.HTML {
	switch name {
	case "trackers":
		return trackerTable.headHTML(doc)
	case "processing":
		return activityTable.headHTML(doc)
	case "vendors":
		return vendorTable.headHTML(doc)
	}
	panic("no table " + name)
}

// tableHeadMarkdown writes the header of the generated table called name.
func tableHeadMarkdown(doc *Document, name string) string {
	switch name {
	case "trackers":
		return trackerTable.headMarkdown(doc)
	case "processing":
		return activityTable.headMarkdown(doc)
	case "vendors":
		return vendorTable.headMarkdown(doc)
	}
	panic("no table " + name)
}

// joinFacts lists the texts of facts, escaped by escape when it is given.
func joinFacts(fs []Fact, escape func(string) string) string {
	texts := make([]string, len(fs))
	for i, f := range fs {
		texts[i] = f.Text
		if escape != nil {
			texts[i] = escape(f.Text)
		}
	}
	return strings.Join(texts, ", ")
}

func namedLifetimes(names []NameView) bool {
	return slices.ContainsFunc(names, func(n NameView) bool { return n.Lifetime != nil })
}

// markdownLink writes a validated URL as a Markdown link whose text and
// destination cannot break out of it.
func markdownLink(u string) string { return markdownLinkText(u, u) }

// markdownLinkText writes a Markdown link with text to a validated URL.
func markdownLinkText(text, u string) string { return linkMarkdown(lineStart(escapeText(text)), u) }

// yamlString quotes s as a YAML double-quoted scalar that every YAML
// parser reads back as s: whatever YAML does not allow as printable, and
// the characters some parsers take as line breaks or a byte-order mark
// (NEL, LS, PS, BOM), are escaped, and so is a brace that opens
// site-generator syntax.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	s = strings.ToValidUTF8(s, "\uFFFD")
	for i, r := range s {
		switch {
		case opensTemplate(s, i):
			// Nothing reads front matter as a template today; this keeps
			// it so for any tool that scans the file's text.
			b.WriteString(`\x7B`)
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff ||
			r >= 0xd800 && r <= 0xdfff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Resolve returns the document of p in lang.
func Resolve(p *model.Policy, lang string) (*Document, error) {
	msgs, err := locales.For(lang)
	if err != nil {
		return nil, err
	}
	doc := resolve(p, lang, msgs)
	return doc, msgs.Err()
}

// Render writes p in lang as format (html, md or json).
func Render(p *model.Policy, lang, format string, opts Options) ([]byte, error) {
	doc, err := Resolve(p, lang)
	if err != nil {
		return nil, err
	}
	return renderDoc(doc, format, opts)
}

func renderDoc(doc *Document, format string, opts Options) ([]byte, error) {
	var buf bytes.Buffer
	// Sizing the buffer once saves growing and clearing it step by step,
	// which otherwise dominates large policies.
	perRow := map[string]int{"html": 350, "md": 230, "json": 700}[format]
	buf.Grow(32<<10 + perRow*doc.rows)
	if err := renderDocTo(&buf, doc, format, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderDocTo writes doc as format to w.
func renderDocTo(w io.Writer, doc *Document, format string, opts Options) error {
	out, ok := w.(stringWriter)
	var bw *bufio.Writer
	if !ok {
		bw = bufio.NewWriter(w)
		out = bw
	}
	var err error
	switch format {
	case "html":
		t := htmlTemplates()
		t, err = t.Clone()
		if err == nil {
			links, canonical := hreflang(doc, opts.BaseURL)
			err = t.Funcs(docFuncs(doc, out)).ExecuteTemplate(out, "page", struct {
				Doc       *Document
				Fragment  bool
				Hreflang  []HreflangLink
				Canonical string
			}{doc, opts.Fragment, links, canonical})
		}
	case "md":
		t := mdTemplates()
		t, err = t.Clone()
		if err == nil {
			s := siteFor(opts.Site)
			data := struct {
				Doc          *Document
				FrontMatter  bool
				Permalink    string
				TitleHeading bool
				Alternates   []Alternate
			}{Doc: doc, FrontMatter: s.frontMatter, TitleHeading: opts.TitleHeading || !s.frontMatter}
			if s.permalink {
				data.Permalink = permalinkOf(doc.Lang, doc.ID)
			}
			// Only the languages this build writes: a link to another is
			// a dead link in the site.
			for _, a := range doc.Alternates {
				if len(opts.Langs) == 0 || slices.Contains(opts.Langs, a.Lang) {
					data.Alternates = append(data.Alternates, a)
				}
			}
			err = t.Funcs(docFuncs(doc, out)).Funcs(map[string]any{
				"heading":      s.heading,
				"languageHref": func(lang string) string { return s.languageHref(lang, doc.ID) },
			}).ExecuteTemplate(out, "markdown", data)
		}
	case "json":
		// Compact: the JSON is for programs (a cookie banner, a site
		// build); indenting a large policy costs more than rendering it.
		err = writeJSON(out, doc)
	default:
		return fmt.Errorf("unknown format %q", format)
	}
	if err == nil {
		err = doc.msgs.Err()
	}
	if err == nil && bw != nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("%s (%s, %s): %w", doc.ID, doc.Lang, format, err)
	}
	return nil
}

// buildJob is one language of one policy, whose pages a build renders
// from one document.
type buildJob struct {
	p    *model.Policy
	lang string
}

// buildJobs returns the formats a build renders and its jobs, in the order
// of the policies and their languages.
func buildJobs(policies []*model.Policy, opts Options) ([]string, []buildJob) {
	formats := opts.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	var jobs []buildJob
	for _, p := range policies {
		for _, lang := range p.Languages {
			if len(opts.Langs) == 0 || slices.Contains(opts.Langs, lang) {
				jobs = append(jobs, buildJob{p, lang})
			}
		}
	}
	return formats, jobs
}

// Build renders every policy in every requested language and format, and
// the index page, into a map from output path (slash-separated, relative to
// the output folder) to contents.
func Build(policies []*model.Policy, opts Options) (map[string][]byte, error) {
	formats, jobs := buildJobs(policies, opts)
	previous := previousByID(opts)
	results := make([]map[string][]byte, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() {
			out := map[string][]byte{}
			doc, err := Resolve(j.p, j.lang)
			if err != nil {
				errs[i] = err
				return
			}
			for _, f := range formats {
				if f == SummaryFormat {
					continue // among the extras
				}
				b, err := renderDoc(doc, f, opts)
				if err != nil {
					errs[i] = err
					return
				}
				out[j.lang+"/"+j.p.ID+"."+f] = b
			}
			extra, err := languageExtras(j.p, doc, formats, opts, previous[j.p.ID])
			if err != nil {
				errs[i] = err
				return
			}
			maps.Copy(out, extra)
			results[i] = out
		})
	}
	wg.Wait()
	files := map[string][]byte{}
	for i := range jobs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		for k, v := range results[i] {
			files[k] = v
		}
	}
	index, err := renderIndex(policies, opts, formats)
	if err != nil {
		return nil, err
	}
	files["index.html"] = index
	if opts.Fragment && slices.Contains(formats, "html") {
		css, err := FragmentCSS()
		if err != nil {
			return nil, err
		}
		files[FragmentCSSFile] = css
	}
	return files, nil
}

func previousByID(opts Options) map[string]*model.Policy {
	previous := map[string]*model.Policy{}
	for _, p := range opts.Previous {
		previous[p.ID] = p
	}
	return previous
}

// languageExtras are the files of a policy in one language beside its
// pages: the change feed, the "what changed" page when the previous
// version old is known, and the short notice when its format is asked for.
func languageExtras(p *model.Policy, doc *Document, formats []string, opts Options, old *model.Policy) (map[string][]byte, error) {
	out := map[string][]byte{}
	if slices.Contains(formats, SummaryFormat) {
		v := summary(doc, p, opts)
		page, err := summaryHTML(v)
		if err != nil {
			return nil, err
		}
		out[SummaryFile(doc.Lang, p.ID, "html")] = page
		out[SummaryFile(doc.Lang, p.ID, "md")] = summaryMarkdown(v)
		if err := doc.msgs.Err(); err != nil {
			return nil, err
		}
	}
	feed, err := Feed(p, doc.Lang, FeedOptions{BaseURL: opts.BaseURL, Previous: old})
	if err != nil {
		return nil, err
	}
	out[FeedFile(doc.Lang, p.ID)] = feed
	if old != nil {
		page, err := DiffHTML(diff.Compare([]*model.Policy{old}, []*model.Policy{p}), doc.Lang)
		if err != nil {
			return nil, err
		}
		out[ChangesFile(doc.Lang, p.ID)] = page
	}
	return out, nil
}

// RenderError is a page BuildInto could not render, as opposed to one it
// could not write.
type RenderError struct{ Err error }

func (e *RenderError) Error() string { return e.Err.Error() }
func (e *RenderError) Unwrap() error { return e.Err }

// BuildInto renders what Build does and replaces dir with it as WriteAtomic
// does, returning the number of files written. Each page goes to its file
// as it is rendered, and each language is resolved only while its pages are
// written, at most one per core at a time: a large policy's pages and
// documents are never all in memory together, which would cost more than
// the policy itself. A page that cannot be rendered is a *RenderError, and
// leaves dir as it was like any other failure.
func BuildInto(dir string, policies []*model.Policy, opts Options) (int, error) {
	formats, jobs := buildJobs(policies, opts)
	langs := map[string]bool{}
	for _, j := range jobs {
		langs[j.lang] = true
	}
	written := 0
	err := replaceDir(dir, func(newDir string) error {
		for lang := range langs {
			if err := os.Mkdir(filepath.Join(newDir, lang), 0o755); err != nil {
				return err
			}
		}
		errs := make([]error, len(jobs))
		counts := make([]int, len(jobs)) // files written per job
		previous := previousByID(opts)
		next := make(chan int)
		var wg sync.WaitGroup
		for range min(buildWorkers(policies), len(jobs)) {
			wg.Go(func() {
				for i := range next {
					j := jobs[i]
					doc, err := Resolve(j.p, j.lang)
					if err != nil {
						errs[i] = &RenderError{err}
						continue
					}
					for _, f := range formats {
						if f == SummaryFormat {
							continue // among the extras
						}
						if err := writePage(filepath.Join(newDir, j.lang, j.p.ID+"."+f), doc, f, opts); err != nil {
							errs[i] = err
							break
						}
						counts[i]++
					}
					if errs[i] != nil {
						continue
					}
					extra, err := languageExtras(j.p, doc, formats, opts, previous[j.p.ID])
					if err != nil {
						errs[i] = &RenderError{err}
						continue
					}
					for _, name := range slices.Sorted(maps.Keys(extra)) {
						if err := os.WriteFile(filepath.Join(newDir, filepath.FromSlash(name)), extra[name], 0o644); err != nil {
							errs[i] = err
							break
						}
						counts[i]++
					}
				}
			})
		}
		for i := range jobs {
			next <- i
		}
		close(next)
		wg.Wait()
		// The first failure in the order of the jobs, whichever
		// finished first.
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		for _, c := range counts {
			written += c
		}
		index, err := renderIndex(policies, opts, formats)
		if err != nil {
			return &RenderError{err}
		}
		extra := map[string][]byte{"index.html": index}
		if opts.Fragment && slices.Contains(formats, "html") {
			css, err := FragmentCSS()
			if err != nil {
				return &RenderError{err}
			}
			extra[FragmentCSSFile] = css
		}
		for name, data := range extra {
			if err := os.WriteFile(filepath.Join(newDir, name), data, 0o644); err != nil {
				return err
			}
		}
		written += len(extra)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return written, nil
}

// bigPolicyRows is the size, in tracker rows and processing activities,
// from which a policy's languages are rendered one at a time: two documents
// of such a size, with a page each, hold more memory than the policy itself,
// and the build's peak memory would grow faster than its input.
const bigPolicyRows = 20000

// buildWorkers is the number of languages BuildInto renders at once: one per
// core, or one when a policy is big.
func buildWorkers(policies []*model.Policy) int {
	for _, p := range policies {
		if len(p.Trackers)+len(p.Processing) >= bigPolicyRows {
			return 1
		}
	}
	return runtime.GOMAXPROCS(0)
}

// writePage renders doc as format into the file path.
func writePage(path string, doc *Document, format string, opts Options) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	if err := renderDocTo(w, doc, format, opts); err != nil {
		f.Close()
		return &RenderError{err}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// FragmentCSSFile is the stylesheet a build with fragments writes beside
// them: the part of the pages' own stylesheet that styles the policy, every
// rule scoped to its .policy element.
const FragmentCSSFile = "policyc.css"

// FragmentCSS returns the stylesheet of fragments.
func FragmentCSS() ([]byte, error) {
	t, err := htmlTemplates().Clone()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "css-policy", nil); err != nil {
		return nil, err
	}
	return append(bytes.TrimLeft(buf.Bytes(), "\n"), '\n'), nil
}

type indexLink struct{ Label, Href string }

type indexCell struct {
	Lang, Title string
	Links       []indexLink
}

type indexRow struct {
	ID    string
	Cells []indexCell
}

// Index renders the index page of build: every policy in every language
// and format that opts select.
func Index(policies []*model.Policy, opts Options) ([]byte, error) {
	formats := opts.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	return renderIndex(policies, opts, formats)
}

func renderIndex(policies []*model.Policy, opts Options, formats []string) ([]byte, error) {
	langs := slices.Clone(locales.Languages)
	if len(opts.Langs) > 0 {
		langs = slices.DeleteFunc(langs, func(l string) bool { return !slices.Contains(opts.Langs, l) })
	}
	data := struct {
		Title string
		Langs []string
		Rows  []indexRow
	}{Title: "Policies · Beleid · Politiques", Langs: langs}
	for _, p := range policies {
		row := indexRow{ID: p.ID}
		for _, l := range langs {
			c := indexCell{Lang: l}
			if slices.Contains(p.Languages, l) {
				c.Title = p.Title.Get(l)
				for _, f := range formats {
					c.Links = append(c.Links, indexLink{Label: strings.ToUpper(f), Href: l + "/" + p.ID + "." + f})
				}
			}
			row.Cells = append(row.Cells, c)
		}
		data.Rows = append(data.Rows, row)
	}
	// The shared set must never execute: html/template cannot clone a set
	// that has.
	t, err := htmlTemplates().Clone()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "index", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
