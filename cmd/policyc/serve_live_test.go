package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/policyc/policyc/internal/cputime"
	"github.com/policyc/policyc/internal/gen"
)

// livePreview is policyc serve in the test: the preview of the policies
// under root, watching their files, on a loopback port.
type livePreview struct {
	tb      testing.TB
	root    string
	base    string // http://127.0.0.1:port
	preview *preview
}

func startLivePreview(tb testing.TB, root string) *livePreview {
	tb.Helper()
	p := newPreview([]string{root}, io.Discard)
	p.refresh()
	stop, err := p.startWatching()
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = previewServer(p, srv.Listener.Addr().String(), nil)
	srv.Start()
	tb.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		stop()
	})
	return &livePreview{tb: tb, root: root, base: srv.URL, preview: p}
}

// get returns the body of a page, which must be answered with 200 OK.
func (l *livePreview) get(path string) string {
	l.tb.Helper()
	resp, err := http.Get(l.base + path)
	if err != nil {
		l.tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		l.tb.Fatal(err)
	}
	if resp.StatusCode != 200 {
		l.tb.Fatalf("GET %s: %s\n%s", path, resp.Status, body)
	}
	return string(body)
}

// eventStream is a page listening to the preview's events.
type eventStream struct {
	tb   testing.TB
	body io.Closer
	r    *bufio.Reader
}

// listen opens the event stream and returns once it is subscribed.
func (l *livePreview) listen() *eventStream {
	l.tb.Helper()
	resp, err := http.Get(l.base + "/_policyc/events")
	if err != nil {
		l.tb.Fatal(err)
	}
	l.tb.Cleanup(func() { resp.Body.Close() })
	if got := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || got != "text/event-stream" {
		l.tb.Fatalf("GET /_policyc/events: %s %s", resp.Status, got)
	}
	s := &eventStream{tb: l.tb, body: resp.Body, r: bufio.NewReader(resp.Body)}
	if first := s.line(); first != ": policyc serve" {
		l.tb.Fatalf("the event stream starts with %q", first)
	}
	return s
}

func (s *eventStream) line() string {
	s.tb.Helper()
	line, err := s.r.ReadString('\n')
	if err != nil {
		s.tb.Fatalf("reading the event stream: %v", err)
	}
	return strings.TrimSuffix(line, "\n")
}

// next returns the data of the next reload event.
func (s *eventStream) next() string {
	s.tb.Helper()
	var event, data string
	for {
		line := s.line()
		switch {
		case line == "" && event == "reload":
			return data
		case line == "":
			event, data = "", ""
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
	}
}

// TestPreviewReloadEvent edits, breaks, fixes and adds policies while a page
// listens on the event stream, as the script of every page does: each
// change reaches it with the ids of the policies to reload, "*" when the
// errors changed.
func TestPreviewReloadEvent(t *testing.T) {
	f := newPreviewFixture(t)
	root := filepath.Dir(filepath.Dir(f.file))
	live := startLivePreview(t, root)
	events := live.listen()

	f.write(append(bytes.Clone(f.good), "# edited\n"...))
	if got := events.next(); got != "demo" {
		t.Errorf("after an edit: reload %q, want demo", got)
	}
	f.breakIt()
	if got := events.next(); got != "* demo" {
		t.Errorf("after a mistake: reload %q, want \"* demo\"", got)
	}
	f.write(f.good)
	if got := events.next(); got != "* demo" {
		t.Errorf("after the fix: reload %q, want \"* demo\"", got)
	}
	other := filepath.Join(root, "other", "policy.yaml")
	if err := os.MkdirAll(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, bytes.Replace(f.good, []byte("id: demo"), []byte("id: other"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := events.next(); got != "other" {
		t.Errorf("after a new policy: reload %q, want other", got)
	}
	if body := live.get("/en/other.html"); !strings.Contains(body, `data-policy="other"`) {
		t.Errorf("the new policy's page:\n%s", body)
	}
}

// TestPreviewUnderLoad sends 40 requests at once for the pages of the
// generated 10,000-tracker policy to policyc serve, as a loaded preview
// would get them: all are answered, queued rather than rendered all at
// once, and the process stays under 1 GiB.
func TestPreviewUnderLoad(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc to read the peak memory")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "generated")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policy.yaml"), gen.Policy(10000, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("policyc", "serve", root, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	// policyc serve prints its address once it listens.
	first, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("policyc serve printed %q: %v", first, err)
	}
	m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/index\.html`).FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("policyc serve printed %q", first)
	}
	var pages []string
	for _, lang := range []string{"en", "nl", "fr"} {
		for _, format := range []string{"html", "md", "json"} {
			pages = append(pages, "/"+lang+"/generated."+format)
		}
	}
	pages = append(pages, "/index.html")
	var wg sync.WaitGroup
	codes := make([]int, 40)
	sizes := make([]int, 40)
	starts := make([]string, 40) // the start of each body, to tell why it failed
	for i := range codes {
		wg.Go(func() {
			resp, err := http.Get(m[1] + pages[i%len(pages)])
			if err != nil {
				t.Errorf("request %d: %v", i, err)
				return
			}
			defer resp.Body.Close()
			start := make([]byte, 300)
			k, _ := io.ReadFull(resp.Body, start)
			n, _ := io.Copy(io.Discard, resp.Body)
			codes[i], sizes[i], starts[i] = resp.StatusCode, k+int(n), string(start[:k])
		})
	}
	wg.Wait()
	for i, code := range codes {
		if code != 200 || sizes[i] < 1000 {
			t.Errorf("GET %s: %d, %d bytes:\n%s", pages[i%len(pages)], code, sizes[i], starts[i])
		}
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	m = regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindStringSubmatch(string(status))
	if m == nil {
		t.Fatalf("no VmHWM in\n%s", status)
	}
	peak, _ := strconv.Atoi(m[1])
	t.Logf("peak resident memory of policyc serve: %d MiB", peak>>10)
	if peak > 1<<20 {
		t.Errorf("peak resident memory %d MiB, want at most 1 GiB", peak>>10)
	}
}

// copyPolicies copies the bundled policies into a temporary folder.
func copyPolicies(tb testing.TB) string {
	tb.Helper()
	root := filepath.Join(tb.TempDir(), "policies")
	if err := os.CopyFS(root, os.DirFS("../../policies")); err != nil {
		tb.Fatal(err)
	}
	return root
}

// BenchmarkPreviewReload measures a saved edit of a bundled policy until
// the page has the new version: the file event, loading the policy again,
// the reload event to the open page, and the page's request. Target: 100 ms.
func BenchmarkPreviewReload(b *testing.B) {
	root := copyPolicies(b)
	file := filepath.Join(root, "kimsufi", "policy.yaml")
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	live := startLivePreview(b, root)
	live.get("/en/kimsufi.html")
	events := live.listen()
	n := 0
	defer cputime.Measure(b)()
	for b.Loop() {
		n++
		version := fmt.Sprintf(`version: "1.%d"`, n)
		if err := os.WriteFile(file, bytes.Replace(original, []byte(`version: "1.0"`), []byte(version), 1), 0o644); err != nil {
			b.Fatal(err)
		}
		for !strings.Contains(" "+events.next()+" ", " kimsufi ") {
		}
		if page := live.get("/en/kimsufi.html"); !strings.Contains(page, fmt.Sprintf("1.%d", n)) {
			b.Fatalf("the page after the edit lacks version 1.%d", n)
		}
	}
}

// BenchmarkPreviewRequest measures one request for a page: of a bundled
// policy and of the generated 10,000-tracker one, when nothing changed
// (target: 50 ms) and after an edit (target: loading that policy plus
// rendering the one page, which load measures alone).
func BenchmarkPreviewRequest(b *testing.B) {
	bundled := copyPolicies(b)
	generated := filepath.Join(b.TempDir(), "policies")
	if err := os.MkdirAll(filepath.Join(generated, "generated"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(generated, "generated", "policy.yaml"), gen.Policy(10000, 1000), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct{ name, root, id string }{
		{"kimsufi", bundled, "kimsufi"},
		{"generated-10k", generated, "generated"},
	} {
		file := filepath.Join(tc.root, tc.id, "policy.yaml")
		original, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		live := startLivePreview(b, tc.root)
		page := "/en/" + tc.id + ".html"
		b.Run(tc.name+"/warm", func(b *testing.B) {
			live.get(page)
			defer cputime.Measure(b)()
			for b.Loop() {
				live.get(page)
			}
		})
		b.Run(tc.name+"/edited", func(b *testing.B) {
			n := 0
			defer cputime.Measure(b)()
			for b.Loop() {
				n++
				if err := os.WriteFile(file, fmt.Appendf(bytes.Clone(original), "# edit %d\n", n), 0o644); err != nil {
					b.Fatal(err)
				}
				live.get(page)
			}
		})
		b.Run(tc.name+"/load", func(b *testing.B) {
			defer cputime.Measure(b)()
			for b.Loop() {
				if _, diags := loadPreviewPolicy(file); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
	}
}
