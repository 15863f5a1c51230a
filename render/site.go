package render

import (
	"html"
	"strings"
)

// Sites are the site generators the Markdown output is written for, by the
// name --site takes. Each reads a different dialect: Hugo (goldmark) and
// Jekyll (kramdown) take {#id} after a heading, Eleventy (markdown-it) does
// not; a link between two Markdown files resolves in none of them.
var Sites = []string{"hugo", "jekyll", "eleventy", "plain"}

// site says how a page's Markdown fits one site generator.
type site struct {
	name string
	// frontMatter: the page starts with YAML front matter.
	frontMatter bool
	// permalink: the front matter fixes the page's URL as /<lang>/<id>/, so
	// that the links between languages resolve wherever the files are
	// copied.
	permalink bool
}

func siteFor(name string) site {
	switch name {
	case "jekyll", "eleventy":
		return site{name: name, frontMatter: true, permalink: true}
	case "plain":
		return site{name: name}
	}
	return site{name: "hugo", frontMatter: true}
}

// heading writes a heading line with its stable id in the generator's
// syntax. Eleventy's markdown-it has no heading attributes, so there the
// heading is HTML, its text escaped for HTML; plain Markdown has no ids.
func (s site) heading(level int, title, id string) string {
	marks := strings.Repeat("#", level)
	switch s.name {
	case "eleventy":
		tag := "h" + string(rune('0'+level))
		return "<" + tag + ` id="` + id + `">` + htmlText(title) + "</" + tag + ">"
	case "plain":
		return marks + " " + escapeFact(title)
	}
	return marks + " " + escapeFact(title) + " {#" + id + "}"
}

// htmlText escapes text for HTML, with braces as references so that no
// template language of the site reads them.
func htmlText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("{", "&#123;", "}", "&#125;").Replace(html.EscapeString(s))
}

// languageHref is the link from a page to the same policy in lang: Hugo's
// relref finds the translation wherever the files are in content/; with
// permalinks the path is fixed; plain Markdown links file to file.
func (s site) languageHref(lang, id string) string {
	switch s.name {
	case "hugo":
		return `{{< relref path="` + id + `.md" lang="` + lang + `" >}}`
	case "plain":
		return "../" + lang + "/" + id + ".md"
	}
	return "../../" + lang + "/" + id + "/"
}

// permalinkOf is the URL the front matter gives a page.
func permalinkOf(lang, id string) string { return "/" + lang + "/" + id + "/" }
