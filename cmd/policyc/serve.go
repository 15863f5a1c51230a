package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/render"
	"github.com/policyc/policyc/templates"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	Paths      []string
	Addr       string
	AllowHosts []string
	IO         *streams
}

func newServeCmd(s *streams) *cobra.Command {
	opts := &serveOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Preview the policies in a browser; pages reload by themselves when the YAML is saved",
		Long: `Serve previews the policies under each PATH (default "policies") in a
browser: the pages of build, /index.html and /<lang>/<id>.html, .md and
.json, rendered from the YAML as it is saved. It watches the policy files,
loads again only the policy whose files changed, renders only the page asked
for, and tells the open pages to reload themselves.

While a policy has errors, every HTML page shows them in a panel, each
linked to its line in the YAML, over the last version of the page without
errors; Markdown and JSON pages list the errors instead. Stale translations
are shown as they are, as with build --allow-stale.

It listens on 127.0.0.1:8080 unless --addr says otherwise, answers only GET
and HEAD requests addressed to that host or to localhost (--allow-host adds
a name, for instance when the preview runs in a container), shows no file
but the pages and the YAML of the served policies, and writes nothing to
disk.`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runServe(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.StringSliceVar(&opts.AllowHosts, "allow-host", nil, "another host name the preview may be reached by (repeatable)")
	return cmd
}

func runServe(opts *serveOptions) error {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return failure{fmt.Errorf("cannot listen on %s: %v", opts.Addr, err)}
	}
	defer ln.Close()
	p := newPreview(paths, opts.IO.Err)
	p.refresh()
	stop, err := p.startWatching()
	if err != nil {
		return failure{fmt.Errorf("watching the policy files: %v", err)}
	}
	defer stop()
	addr := ln.Addr().String()
	if ip := net.ParseIP(hostOf(addr)); ip != nil && !ip.IsLoopback() {
		fmt.Fprintf(opts.IO.Err, "policyc serve: %s is not a loopback address: whoever can reach it can read the policies\n", addr)
	}
	fmt.Fprintf(opts.IO.Out, "previewing %s at http://%s/index.html\n", strings.Join(paths, ", "), addr)
	if err := previewServer(p, addr, opts.AllowHosts).Serve(ln); err != nil {
		return failure{err}
	}
	return nil
}

// previewServer serves p on a listener bound to addr. The timeouts keep
// half-open connections from holding the server; the event stream lifts
// them for itself.
func previewServer(p *preview, addr string, allowHosts []string) *http.Server {
	return &http.Server{
		Handler:           p.handler(addr, allowHosts),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

var previewTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(templates.FS, "preview.html.tmpl"))
})

// previewScript is the script every preview page loads, and its address,
// which names a hash of its contents.
var previewScript = sync.OnceValue(func() struct {
	data []byte
	url  string
} {
	data, err := templates.FS.ReadFile("preview.js")
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(data)
	return struct {
		data []byte
		url  string
	}{data, "/_policyc/preview.js?v=" + hex.EncodeToString(sum[:6])}
})

// overlay is what the preview adds to an HTML page: the errors, if any, and
// the script that reloads the page.
type overlay struct {
	Errors []diagView
	Stale  bool   // the page is older than its YAML
	Policy string // the id of the policy the page shows; empty: any
}

// Script is the address of the preview's script.
func (overlay) Script() string { return previewScript().url }

// pagePath matches the pages of a policy: /<lang>/<id>.<format>.
var pagePath = regexp.MustCompile(`^/([a-z]{2})/([a-z0-9-]+)\.(html|md|json)$`)

// handler answers the requests of the preview: GET or HEAD only, and only
// when addressed by the name the preview was opened with (a page that
// rebinds its own name to 127.0.0.1 must not read the policies).
func (p *preview) handler(addr string, allowHosts []string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_policyc/events", p.serveEvents)
	mux.HandleFunc("/_policyc/preview.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		// Its address changes with its contents: a reloading page need
		// not ask for it again.
		w.Header().Set("Cache-Control", "max-age=31536000, immutable")
		w.Write(previewScript().data)
	})
	mux.HandleFunc("/_policyc/source", p.serveSource)
	mux.HandleFunc("/", p.servePage)
	bound := hostOf(addr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "the preview answers only GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		if !hostAllowed(hostOf(r.Host), bound, allowHosts) {
			http.Error(w, fmt.Sprintf("the preview answers only requests for %s or localhost; add a host name with --allow-host", bound), http.StatusMisdirectedRequest)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		mux.ServeHTTP(w, r)
	})
}

// hostOf returns the host of a host:port, without brackets.
func hostOf(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return strings.Trim(hostport, "[]")
}

// hostAllowed reports whether a request for host may be answered by a
// preview bound to the host bound. Listening on every address (0.0.0.0)
// admits any address, but still no other name.
func hostAllowed(host, bound string, allow []string) bool {
	switch {
	case host == "":
		return false
	case strings.EqualFold(host, "localhost"), strings.EqualFold(host, bound):
		return true
	case slices.ContainsFunc(allow, func(a string) bool { return strings.EqualFold(a, host) }):
		return true
	}
	if ip := net.ParseIP(bound); ip != nil && ip.IsUnspecified() {
		return net.ParseIP(host) != nil
	}
	return false
}

func (p *preview) servePage(w http.ResponseWriter, r *http.Request) {
	p.refresh()
	if r.URL.Path == "/" || r.URL.Path == "/index.html" {
		p.serveIndex(w, r)
		return
	}
	m := pagePath.FindStringSubmatch(r.URL.Path)
	if m == nil || !slices.Contains(locales.Languages, m[1]) {
		http.NotFound(w, r)
		return
	}
	lang, id, format := m[1], m[2], m[3]
	p.mu.Lock()
	errs := p.errs
	var e *previewEntry
	for _, f := range p.files {
		if c := p.entries[f]; c.id() == id {
			e = c
			break
		}
	}
	var pr *pageRender
	owner := false
	if e != nil && e.shown != nil && slices.Contains(e.shown.Languages, lang) {
		key := lang + "." + format
		if pr = e.pages[key]; pr == nil {
			pr, owner = &pageRender{done: make(chan struct{})}, true
			e.pages[key] = pr
		}
	}
	p.mu.Unlock()
	if pr == nil {
		if len(errs) > 0 {
			p.serveErrors(w, errs, format)
			return
		}
		http.NotFound(w, r)
		return
	}
	shown := e.shown
	page, err := p.renderOnce(r.Context(), pr, owner, func() ([]byte, error) {
		return render.Render(shown, lang, format, render.Options{})
	})
	if err != nil {
		p.renderFailed(w, err)
		return
	}
	if len(errs) > 0 && format != "html" {
		p.serveErrors(w, errs, format)
		return
	}
	w.Header().Set("Content-Type", contentType(format))
	if format != "html" {
		w.Write(page)
		return
	}
	if len(errs) > 0 {
		w.WriteHeader(http.StatusInternalServerError)
	}
	p.writeWithOverlay(w, page, overlay{Errors: errs, Stale: e.policy != shown, Policy: id})
}

func (p *preview) serveIndex(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	errs := p.errs
	pr, owner := p.index, false
	if pr == nil {
		pr, owner = &pageRender{done: make(chan struct{})}, true
		p.index = pr
	}
	var policies []*model.Policy
	for _, f := range p.files {
		if e := p.entries[f]; e.shown != nil {
			policies = append(policies, e.shown)
		}
	}
	p.mu.Unlock()
	page, err := p.renderOnce(r.Context(), pr, owner, func() ([]byte, error) {
		return render.Index(policies, render.Options{})
	})
	if err != nil {
		p.renderFailed(w, err)
		return
	}
	w.Header().Set("Content-Type", contentType("html"))
	if len(errs) > 0 {
		w.WriteHeader(http.StatusInternalServerError)
	}
	p.writeWithOverlay(w, page, overlay{Errors: errs})
}

// writeWithOverlay writes page with the overlay just before its </body>.
func (p *preview) writeWithOverlay(w http.ResponseWriter, page []byte, o overlay) {
	var extra strings.Builder
	if err := previewTemplates().ExecuteTemplate(&extra, "preview-overlay", o); err != nil {
		fmt.Fprintf(p.log, "policyc serve: %v\n", err)
	}
	at := strings.LastIndex(string(page), "</body>")
	if at < 0 {
		at = len(page)
	}
	w.Write(page[:at])
	io.WriteString(w, extra.String())
	w.Write(page[at:])
}

// serveErrors answers a request for a page that cannot be shown as it is
// now: the page listing the errors, or, for Markdown and JSON, the errors
// as check prints them.
func (p *preview) serveErrors(w http.ResponseWriter, errs []diagView, format string) {
	if format != "html" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "%d error(s): build would write nothing\n\n", len(errs))
		for _, d := range errs {
			fmt.Fprintf(w, "%s: error: %s [%s]\n", d.Pos, d.Message, d.Rule)
		}
		return
	}
	w.Header().Set("Content-Type", contentType("html"))
	w.WriteHeader(http.StatusInternalServerError)
	if err := previewTemplates().ExecuteTemplate(w, "preview-errors", overlay{Errors: errs}); err != nil {
		fmt.Fprintf(p.log, "policyc serve: %v\n", err)
	}
}

func (p *preview) renderFailed(w http.ResponseWriter, err error) {
	if err == context.Canceled || err == context.DeadlineExceeded {
		return
	}
	http.Error(w, err.Error(), http.StatusInternalServerError)
}

func contentType(format string) string {
	if format == "md" {
		return "text/markdown; charset=utf-8"
	}
	if format == "html" {
		return "text/html; charset=utf-8"
	}
	return mime.TypeByExtension("." + format)
}

// serveEvents streams a "reload" event with the ids of the changed
// policies after each change, for as long as the page stays open.
func (p *preview) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The stream stays open for hours: the server's read and write
	// timeouts are for requests, so each write gets its own deadline.
	rc.SetReadDeadline(time.Time{})
	ch := p.subscribe()
	defer p.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream")
	send := func(s string) bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.WriteString(w, s); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// The comment tells a client that it is subscribed.
	if !send(": policyc serve\n\n") {
		return
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		var ok bool
		select {
		case <-r.Context().Done():
			return
		case ids := <-ch:
			ok = send("event: reload\ndata: " + ids + "\n\n")
		case <-ping.C:
			ok = send(": ping\n\n")
		}
		if !ok {
			return
		}
	}
}

// sourceLine is a line of a YAML file in the source view.
type sourceLine struct {
	N      int
	Text   string
	Errors []diagView
}

// serveSource shows a YAML file with numbered lines, its errors under their
// lines: what the errors link to. It shows only the files the policies were
// read from (or that errors point at), and only inside the folders holding
// the served policies: no name in the address reaches any other file.
func (p *preview) serveSource(w http.ResponseWriter, r *http.Request) {
	p.refresh()
	name := r.URL.Query().Get("file")
	p.mu.Lock()
	file, ok := p.sourceFile(name)
	errs := p.errs
	p.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := readFileLimited(file, model.MaxFileSize)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	view := struct {
		File    string
		Lines   []sourceLine
		Overlay overlay
	}{File: name, Overlay: overlay{Errors: errs}}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		view.Lines = append(view.Lines, sourceLine{N: i + 1, Text: strings.TrimSuffix(line, "\r")})
	}
	for _, d := range errs {
		if d.File == name && d.Line >= 1 && d.Line <= len(view.Lines) {
			view.Lines[d.Line-1].Errors = append(view.Lines[d.Line-1].Errors, d)
		}
	}
	w.Header().Set("Content-Type", contentType("html"))
	if err := previewTemplates().ExecuteTemplate(w, "preview-source", view); err != nil {
		fmt.Fprintf(p.log, "policyc serve: %v\n", err)
	}
}

// sourceFile returns the file whose display path is name, if the source
// view may show it: a regular file the policies were read from or an error
// points at, whose real path lies in the folder holding a served policy's
// folder (where its shared files are); p.mu is held.
func (p *preview) sourceFile(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	path := filepath.FromSlash(name)
	known := slices.ContainsFunc(p.errs, func(d diagView) bool { return d.File == name })
	var trees []string
	for _, f := range p.files {
		for _, s := range p.entries[f].stamps {
			if model.DisplayPath(s.path) == name {
				known, path = true, s.path
			}
		}
		if tree, err := filepath.EvalSymlinks(filepath.Dir(filepath.Dir(absFile(f)))); err == nil {
			trees = append(trees, tree)
		}
	}
	if !known {
		return "", false
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", false
	}
	if info, err := os.Stat(real); err != nil || !info.Mode().IsRegular() {
		return "", false
	}
	real = absFile(real)
	inside := slices.ContainsFunc(trees, func(tree string) bool {
		rel, err := filepath.Rel(tree, real)
		return err == nil && filepath.IsLocal(rel)
	})
	return real, inside
}

// readFileLimited reads at most limit bytes of file.
func readFileLimited(file string, limit int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}
