package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
	"github.com/policyc/policyc/model/translation"
)

// preview holds the served policies, each loaded once and kept until one of
// its files changes on disk, and the pages rendered from them on demand.
type preview struct {
	paths   []string
	log     io.Writer
	renders chan struct{} // one slot per render that may run at once

	mu      sync.Mutex
	entries map[string]*previewEntry // by policy file
	files   []string                 // the policy files, in the order Find lists them
	shared  model.Diagnostics        // findings about ids two policies use
	errs    []diagView               // every error, sorted
	index   *pageRender              // the index page of the current policies
	clients map[chan string]bool     // the open event streams
}

// previewEntry is one policy file as last loaded.
type previewEntry struct {
	file   string
	stamps []fileStamp // the files read, as they were just before loading
	policy *model.Policy
	diags  model.Diagnostics
	// shown is the policy the pages show: the last one loaded without
	// errors, so that a mistake being fixed leaves the page in place.
	shown *model.Policy
	pages map[string]*pageRender // by "lang.format", rendered from shown
}

// fileStamp is what tells that a file changed: its size and modification
// time, or that it did not exist.
type fileStamp struct {
	path   string
	size   int64
	mod    time.Time
	exists bool
}

func stampOf(path string) fileStamp {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{path: path}
	}
	return fileStamp{path: path, size: info.Size(), mod: info.ModTime(), exists: true}
}

// pageRender is a page rendered once for every request that wants it.
type pageRender struct {
	done chan struct{}
	data []byte
	err  error
}

func newPreview(paths []string, log io.Writer) *preview {
	return &preview{
		paths:   paths,
		log:     log,
		renders: make(chan struct{}, runtime.GOMAXPROCS(0)),
		entries: map[string]*previewEntry{},
		clients: map[chan string]bool{},
	}
}

// current reports whether none of the files e was loaded from changed.
func (e *previewEntry) current() bool {
	for _, s := range e.stamps {
		if stampOf(s.path) != s {
			return false
		}
	}
	return true
}

// loadEntry loads the policy in file. The files old was read from are
// stamped before loading, so that a write while loading is seen next time.
func loadEntry(file string, old *previewEntry) *previewEntry {
	seen := map[string]bool{}
	e := &previewEntry{file: file}
	stamp := func(path string) {
		if !seen[path] {
			seen[path] = true
			e.stamps = append(e.stamps, stampOf(path))
		}
	}
	stamp(file)
	stamp(lockFileOf(file))
	if old != nil {
		for _, s := range old.stamps {
			stamp(s.path)
		}
	}
	e.policy, e.diags = loadPreviewPolicy(file)
	if e.policy != nil {
		for _, inc := range e.policy.Includes {
			stamp(inc)
		}
	}
	switch {
	case e.policy != nil && !e.diags.HasErrors():
		e.shown, e.pages = e.policy, map[string]*pageRender{}
	case old != nil:
		e.shown, e.pages = old.shown, old.pages
	}
	return e
}

// id is the id the entry's pages are served under.
func (e *previewEntry) id() string {
	switch {
	case e.shown != nil:
		return e.shown.ID
	case e.policy != nil:
		return e.policy.ID
	}
	return ""
}

// refresh loads again the policies whose files changed, and those added
// since, and tells the open pages what changed. Every request calls it, so
// that no page is older than its YAML even where file events are lost.
func (p *preview) refresh() {
	p.mu.Lock()
	defer p.mu.Unlock()
	files, findDiags := model.Find(p.paths)
	entries := make(map[string]*previewEntry, len(files))
	changed := map[string]bool{}
	var unique []string
	for _, f := range files {
		if _, dup := entries[f]; dup {
			continue
		}
		unique = append(unique, f)
		old := p.entries[f]
		if old != nil && old.current() {
			entries[f] = old
			continue
		}
		e := loadEntry(f, old)
		entries[f] = e
		if old != nil {
			changed[old.id()] = true
		}
		changed[e.id()] = true
		if err := model.WriteText(p.log, e.diags); err != nil {
			fmt.Fprintf(p.log, "policyc serve: %v\n", err)
		}
		fmt.Fprintf(p.log, "policyc serve: loaded %s: %d error(s), %d warning(s)\n",
			model.DisplayPath(f), e.diags.Count(model.Error), e.diags.Count(model.Warning))
	}
	for f, old := range p.entries {
		if entries[f] == nil {
			changed[old.id()] = true
		}
	}
	p.entries, p.files = entries, unique
	if len(changed) == 0 && len(findDiags) == 0 && len(p.errs) == 0 {
		return
	}
	if len(changed) > 0 {
		p.shared = p.sharedIDs()
	}
	diags := append(findDiags, p.shared...)
	for _, f := range p.files {
		diags = append(diags, entries[f].diags...)
	}
	errs := errorViews(diags)
	if !slices.Equal(errs, p.errs) {
		changed["*"] = true
	}
	p.errs = errs
	if len(changed) == 0 {
		return
	}
	p.index = nil
	delete(changed, "")
	p.broadcast(strings.Join(slices.Sorted(maps.Keys(changed)), " "))
}

// diagView is an error as the preview shows it.
type diagView struct {
	Pos     string // file:line:col as check prints it
	File    string
	Line    int
	Message string
	Rule    string
}

func errorViews(ds model.Diagnostics) []diagView {
	var out []diagView
	for _, d := range ds.Sorted() {
		if d.Severity != model.Error {
			continue
		}
		pos := d.Pos
		pos.File = model.DisplayPath(pos.File)
		v := diagView{Pos: pos.String(), File: pos.File, Line: pos.Line, Message: d.Message(), Rule: d.Rule}
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// startWatching refreshes the policies whenever a file changes in a folder
// that holds one of their files or may hold a new policy, until stop.
func (p *preview) startWatching() (stop func() error, err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	p.updateWatches(w)
	go p.watch(w)
	return w.Close, nil
}

// watch handles the events of w until it is closed. Editors save in
// several steps (write a temporary file, rename it, change its mode): the
// events of a moment are gathered and handled once.
func (p *preview) watch(w *fsnotify.Watcher) {
	const settle = 10 * time.Millisecond
	var timer <-chan time.Time
	for {
		select {
		case _, ok := <-w.Events:
			if !ok {
				return
			}
			if timer == nil {
				timer = time.After(settle)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(p.log, "policyc serve: watching the policy files: %v\n", err)
		case <-timer:
			timer = nil
			p.refresh()
			if p.updateWatches(w) {
				// A file written into a new folder before it was
				// watched sent no event.
				p.refresh()
			}
		}
	}
}

// updateWatches watches the folders of every file the policies were read
// from, the served folders and their sub-folders, where new policies
// appear. It reports whether it watches a folder it did not before.
func (p *preview) updateWatches(w *fsnotify.Watcher) bool {
	want := map[string]bool{}
	for _, path := range p.paths {
		info, err := os.Stat(path)
		if err != nil || !info.IsDir() {
			want[filepath.Dir(path)] = true
			continue
		}
		want[path] = true
		entries, _ := os.ReadDir(path)
		for _, e := range entries {
			if e.IsDir() {
				want[filepath.Join(path, e.Name())] = true
			}
		}
	}
	p.mu.Lock()
	for _, e := range p.entries {
		for _, s := range e.stamps {
			want[filepath.Dir(s.path)] = true
		}
	}
	p.mu.Unlock()
	have := map[string]bool{}
	for _, dir := range w.WatchList() {
		have[dir] = true
		if !want[dir] {
			w.Remove(dir)
		}
	}
	added := false
	for _, dir := range slices.Sorted(maps.Keys(want)) {
		// A folder that does not exist yet is watched once it appears
		// in a watched one.
		if !have[dir] && w.Add(dir) == nil {
			added = true
		}
	}
	return added
}

// subscribe returns a channel that receives the changed policy ids of every
// refresh until unsubscribe.
func (p *preview) subscribe() chan string {
	ch := make(chan string, 8)
	p.mu.Lock()
	p.clients[ch] = true
	p.mu.Unlock()
	return ch
}

func (p *preview) unsubscribe(ch chan string) {
	p.mu.Lock()
	delete(p.clients, ch)
	p.mu.Unlock()
}

// broadcast sends ids to every open page; p.mu is held. A page so far
// behind that its queue is full has reloads pending anyway.
func (p *preview) broadcast(ids string) {
	for ch := range p.clients {
		select {
		case ch <- ids:
		default:
		}
	}
}

// renderOnce renders a page once for all the requests that want it, with at
// most one render per processor at a time: a crowd of requests waits its
// turn instead of taking all the memory at once.
func (p *preview) renderOnce(ctx context.Context, pr *pageRender, owner bool, do func() ([]byte, error)) ([]byte, error) {
	if owner {
		p.renders <- struct{}{}
		pr.data, pr.err = do()
		<-p.renders
		close(pr.done)
	}
	select {
	case <-pr.done:
		return pr.data, pr.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// previewScope is how the preview checks: as check does, with stale
// translations shown as they are.
var previewScope = checkScope{Translations: true, AllowStale: true}

// loadPreviewPolicy loads and checks the policy in file.
func loadPreviewPolicy(file string) (*model.Policy, model.Diagnostics) {
	policies, diags := loadChecked([]string{file}, previewScope)
	if len(policies) == 0 {
		return nil, diags
	}
	return policies[0], diags
}

// sharedIDs returns the findings that policies loaded one by one cannot
// see: an id used by two policies. The policies sharing one are checked
// together, and what is said about their ids kept; p.mu is held.
func (p *preview) sharedIDs() model.Diagnostics {
	byID := map[string][]string{}
	for _, f := range p.files {
		if e := p.entries[f]; e.policy != nil && e.policy.ID != "" {
			byID[e.policy.ID] = append(byID[e.policy.ID], f)
		}
	}
	var out model.Diagnostics
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		files := byID[id]
		if len(files) < 2 {
			continue
		}
		policies, diags := loadChecked(files, previewScope)
		for _, d := range diags {
			if d.Rule == lint.DuplicateID.ID && slices.ContainsFunc(policies, func(q *model.Policy) bool { return d.Pos == q.At("id") }) {
				out = append(out, d)
			}
		}
	}
	return out
}

func lockFileOf(policyFile string) string {
	return filepath.Join(filepath.Dir(policyFile), translation.LockFile)
}
