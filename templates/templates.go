// Package templates holds the page templates: html/template for HTML pages
// and fragments, text/template for Markdown.
package templates

import "embed"

// FS holds the template files.
//
//go:embed *.tmpl
var FS embed.FS
