// Package templates holds the page templates: html/template for HTML pages
// and fragments, text/template for Markdown.
package templates

import "embed"

// FS holds the template files and the script of the live preview.
//
//go:embed *.tmpl *.js
var FS embed.FS
