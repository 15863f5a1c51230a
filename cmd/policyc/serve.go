package main

import (
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/render"
	"github.com/policyc/policyc/templates"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	Paths []string
	Addr  string
	IO    *streams
}

func newServeCmd(s *streams) *cobra.Command {
	opts := &serveOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Preview the policies in a browser, rendered afresh from the YAML on every request",
		Long: `Serve renders the policies under each PATH (default "policies") on every
request, so that a page shows the YAML as it is saved: edit, save, reload.
The pages are those of build: /index.html, /<lang>/<id>.html, .md and .json.
While the policies have errors, every page lists them instead. Stale
translations are shown as they are, as with build --allow-stale.

It listens on 127.0.0.1:8080 unless --addr says otherwise, and writes
nothing to disk.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runServe(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	return cmd
}

func runServe(opts *serveOptions) error {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	fmt.Fprintf(opts.IO.Out, "previewing %s at http://%s/index.html\n", strings.Join(paths, ", "), opts.Addr)
	if err := http.ListenAndServe(opts.Addr, previewHandler(paths, opts.IO.Err)); err != nil {
		return failure{err}
	}
	return nil
}

var previewErrors = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(templates.FS, "preview.html.tmpl")).Lookup("preview-errors")
})

// previewHandler loads and renders the policies under paths on each
// request: a preview must never show a page older than its YAML.
func previewHandler(paths []string, log io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		policies, diags := loadChecked(paths, checkScope{Translations: true, AllowStale: true})
		if diags.HasErrors() {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			if err := previewErrors().Execute(w, errorsOnly(diags)); err != nil {
				fmt.Fprintf(log, "policyc serve: %v\n", err)
			}
			return
		}
		files, err := render.Build(policies, render.Options{})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		page, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		kind := mime.TypeByExtension(path.Ext(name))
		if path.Ext(name) == ".md" {
			kind = "text/markdown; charset=utf-8"
		}
		w.Header().Set("Content-Type", kind)
		w.Write(page)
	})
}

// errorsOnly returns the errors of ds with paths as check prints them.
func errorsOnly(ds model.Diagnostics) model.Diagnostics {
	var out model.Diagnostics
	for _, d := range ds.Sorted() {
		if d.Severity == model.Error {
			d.Pos.File = model.DisplayPath(d.Pos.File)
			out = append(out, d)
		}
	}
	return out
}
