package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// previewFixture is a preview of a copy of render's golden policy.
type previewFixture struct {
	t       *testing.T
	file    string // the policy.yaml
	good    []byte // its contents as committed
	preview *preview
	handler http.Handler
	log     bytes.Buffer
}

func newPreviewFixture(t *testing.T, allowHosts ...string) *previewFixture {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "policies", "demo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile("../../render/testdata/golden/policies/demo/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := &previewFixture{t: t, file: filepath.Join(dir, "policy.yaml"), good: good}
	f.write(good)
	f.preview = newPreview([]string{filepath.Dir(dir)}, &f.log)
	f.handler = f.preview.handler("127.0.0.1:8080", allowHosts)
	return f
}

func (f *previewFixture) write(data []byte) {
	f.t.Helper()
	if err := os.WriteFile(f.file, data, 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// breakIt writes the policy with a misspelt duration, on the line
// brokenLine returns.
func (f *previewFixture) breakIt() {
	f.write([]byte(strings.Replace(string(f.good), "choice-lifetime: 13 months", "choice-lifetime: 13 mnths", 1)))
}

// brokenLine returns the line breakIt misspells, as a string.
func (f *previewFixture) brokenLine() string {
	before, _, _ := strings.Cut(string(f.good), "choice-lifetime: 13 months")
	return strconv.Itoa(strings.Count(before, "\n") + 1)
}

// do sends a request addressed to host and returns the status, the
// content type and the body.
func (f *previewFixture) do(method, host, target string) (int, string, string) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, target, nil)
	req.Host = host
	f.handler.ServeHTTP(rec, req)
	return rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()
}

func (f *previewFixture) get(target string) (int, string, string) {
	return f.do("GET", "127.0.0.1:8080", target)
}

func golden(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../render/testdata/golden/out", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// scriptTag is the script element the preview adds to the pages of a
// policy.
func scriptTag(policy string) string {
	return `<script src="` + previewScript().url + `" data-policy="` + policy + `" async></script>` + "\n"
}

// withOverlay is page as the preview serves it: with extra just before
// </body>.
func withOverlay(page, extra string) string {
	at := strings.LastIndex(page, "</body>")
	return page[:at] + extra + page[at:]
}

// TestPreview serves the golden policy of render: the very bytes build
// writes, with the reload script in HTML pages; then, once the YAML breaks,
// the last good page under the list of errors, the errors in Markdown and
// JSON, the YAML they link to; then the page again once it is fixed.
func TestPreview(t *testing.T) {
	f := newPreviewFixture(t)
	script := scriptTag("demo")
	for _, tc := range []struct{ path, want, kind string }{
		{"/nl/demo.html", withOverlay(golden(t, "nl/demo.html"), script), "text/html; charset=utf-8"},
		{"/fr/demo.md", golden(t, "fr/demo.md"), "text/markdown; charset=utf-8"},
		{"/en/demo.json", golden(t, "en/demo.json"), "application/json"},
	} {
		code, kind, body := f.get(tc.path)
		if code != 200 || kind != tc.kind || body != tc.want {
			t.Errorf("GET %s: %d %s, body as wanted: %t\n%s", tc.path, code, kind, body == tc.want, body)
		}
	}
	if code, _, body := f.get("/"); code != 200 || !strings.Contains(body, `href="nl/demo.html"`) ||
		!strings.HasSuffix(body, scriptTag("")+"</body>\n</html>\n") {
		t.Errorf("GET /: %d, want the index linking nl/demo.html, with the script:\n%s", code, body)
	}
	for _, path := range []string{"/de/demo.html", "/nl/other.html", "/nl/demo.pdf", "/demo/policy.yaml", "/_policyc/source?file=/etc/passwd"} {
		if code, _, _ := f.get(path); code != 404 {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
	}
	if code, _, body := f.get(previewScript().url); code != 200 || !strings.Contains(body, `new EventSource("/_policyc/events")`) {
		t.Errorf("GET /_policyc/preview.js: %d\n%s", code, body)
	}

	f.breakIt()
	display, line := filepath.ToSlash(f.file), f.brokenLine()
	errorList := `<div id="policyc-errors" role="alert" aria-labelledby="policyc-errors-title">`
	item := `<li><a href="/_policyc/source?file=` + strings.ReplaceAll(display, "/", "%2f") + `#L` + line + `"><code>` + display +
		`:` + line + `:20</code></a>: invalid duration &#34;13 mnths&#34;: unknown unit &#34;mnths&#34;; did you mean &#34;13 months&#34;? <code>[INVALID_VALUE]</code></li>`
	code, _, body := f.get("/nl/demo.html")
	if code != 500 || !strings.HasPrefix(body, golden(t, "nl/demo.html")[:strings.LastIndex(golden(t, "nl/demo.html"), "</body>")]+errorList) ||
		!strings.Contains(body, "<h2 id=\"policyc-errors-title\">1 error(s): build would write nothing</h2>\n<p>Behind this panel is the last version of the page without errors.</p>\n<ul>\n"+item+"\n</ul>\n") ||
		!strings.HasSuffix(body, "</div>\n"+script+"</body>\n</html>\n") {
		t.Errorf("GET /nl/demo.html with an error: %d, want the last good page under the error:\n%s", code, body)
	}
	wantText := "1 error(s): build would write nothing\n\n" + display +
		`:` + line + `:20: error: invalid duration "13 mnths": unknown unit "mnths"; did you mean "13 months"? [INVALID_VALUE]` + "\n"
	if code, kind, body := f.get("/fr/demo.md"); code != 500 || kind != "text/plain; charset=utf-8" || body != wantText {
		t.Errorf("GET /fr/demo.md with an error: %d %s\n%s", code, kind, body)
	}
	n, _ := strconv.Atoi(line)
	next := strconv.Itoa(n + 1)
	code, _, body = f.get("/_policyc/source?file=" + display)
	if code != 200 || !strings.Contains(body, `<li id="L`+line+`" class="error">  choice-lifetime: 13 mnths<span class="diagnostic">`+display+
		`:`+line+`:20: invalid duration &#34;13 mnths&#34;: unknown unit &#34;mnths&#34;; did you mean &#34;13 months&#34;? [INVALID_VALUE]</span></li>`+"\n"+
		`<li id="L`+next+`">controllers:</li>`) {
		t.Errorf("GET the YAML of the error: %d\n%s", code, body)
	}

	f.write(f.good)
	if code, _, body := f.get("/nl/demo.html"); code != 200 || body != withOverlay(golden(t, "nl/demo.html"), script) {
		t.Errorf("GET after the fix: %d, body as wanted: %t", code, body == withOverlay(golden(t, "nl/demo.html"), script))
	}
}

// TestPreviewStartsBroken shows the errors on a page never seen without
// them, and the plain list of errors for Markdown.
func TestPreviewStartsBroken(t *testing.T) {
	f := newPreviewFixture(t)
	f.breakIt()
	code, _, body := f.get("/en/demo.html")
	if code != 500 || !strings.Contains(body, "<h1>The policies have errors</h1>") || !strings.Contains(body, "INVALID_VALUE") ||
		!strings.HasSuffix(body, "</div>\n"+scriptTag("")+"\n</body>\n</html>\n") {
		t.Errorf("GET /en/demo.html: %d\n%s", code, body)
	}
	if code, _, body := f.get("/en/demo.json"); code != 500 || !strings.HasPrefix(body, "1 error(s): build would write nothing\n") {
		t.Errorf("GET /en/demo.json: %d\n%s", code, body)
	}
}

// TestPreviewRequests refuses methods other than GET and HEAD, and hosts
// other than the bound address, localhost and those allowed.
func TestPreviewRequests(t *testing.T) {
	f := newPreviewFixture(t, "preview.internal")
	for _, tc := range []struct {
		method, host string
		code         int
	}{
		{"GET", "127.0.0.1:8080", 200},
		{"GET", "localhost:8080", 200},
		{"GET", "LOCALHOST", 200},
		{"GET", "preview.internal:8080", 200},
		{"HEAD", "127.0.0.1:8080", 200},
		{"GET", "attacker.example:8080", 421},
		{"GET", "127.0.0.2:8080", 421},
		{"GET", "", 421},
		{"POST", "127.0.0.1:8080", 405},
		{"DELETE", "127.0.0.1:8080", 405},
		{"PUT", "localhost:8080", 405},
	} {
		code, _, body := f.do(tc.method, tc.host, "/en/demo.html")
		if code != tc.code {
			t.Errorf("%s /en/demo.html for %q: %d, want %d\n%s", tc.method, tc.host, code, tc.code, body)
		}
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/", nil)
	req.Host = "localhost"
	f.handler.ServeHTTP(rec, req)
	if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
		t.Errorf("Allow: %q", got)
	}
	if got := hostAllowed("192.168.1.20", "0.0.0.0", nil); !got {
		t.Errorf("an address when bound to every address: refused")
	}
	if got := hostAllowed("rebind.example", "0.0.0.0", nil); got {
		t.Errorf("a name when bound to every address: allowed")
	}
}

// TestPreviewSource shows only the YAML the policies were read from, and
// only inside the tree holding them, however the address names it.
func TestPreviewSource(t *testing.T) {
	f := newPreviewFixture(t)
	tree := filepath.Dir(filepath.Dir(f.file))
	outside := filepath.Join(filepath.Dir(tree), "outside.yaml")
	stray := filepath.Join(tree, "demo", "notes.yaml")
	for _, file := range []string{outside, stray} {
		if err := os.WriteFile(file, []byte("secret: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(tree, "demo", "link.yaml")); err != nil {
		t.Fatal(err)
	}
	display := filepath.ToSlash(f.file)
	if code, _, body := f.get("/_policyc/source?file=" + display); code != 200 || !strings.Contains(body, `<li id="L2">id: demo</li>`) {
		t.Errorf("the policy file: %d\n%s", code, body)
	}
	for _, name := range []string{outside, stray, filepath.Join(tree, "demo", "link.yaml"), filepath.Join(tree, "demo", "..", "..", "outside.yaml"), "/etc/passwd", tree, ""} {
		if code, _, _ := f.get("/_policyc/source?file=" + filepath.ToSlash(name)); code != 404 {
			t.Errorf("GET the source of %s: %d, want 404", name, code)
		}
	}
}

// TestPreviewLoadsOnlyWhatChanged loads a policy again only when one of
// its files changed, and renders a page once until then.
func TestPreviewLoadsOnlyWhatChanged(t *testing.T) {
	f := newPreviewFixture(t)
	other := filepath.Join(filepath.Dir(filepath.Dir(f.file)), "other", "policy.yaml")
	if err := os.MkdirAll(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, bytes.Replace(f.good, []byte("id: demo"), []byte("id: other"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	f.get("/en/demo.html")
	f.get("/en/other.html")
	loaded := func() string {
		var lines []string
		for line := range strings.Lines(f.log.String()) {
			if strings.HasPrefix(line, "policyc serve: loaded ") {
				lines = append(lines, strings.TrimSpace(line))
			}
		}
		f.log.Reset()
		return strings.Join(lines, "\n")
	}
	_, diags := loadPreviewPolicy(f.file)
	loadLine := func(file string) string {
		return fmt.Sprintf("policyc serve: loaded %s: 0 error(s), %d warning(s)", filepath.ToSlash(file), diags.Count(model.Warning))
	}
	if got, want := loaded(), loadLine(f.file)+"\n"+loadLine(other); got != want {
		t.Errorf("first requests loaded:\n%s\nwant:\n%s", got, want)
	}
	first := f.preview.entries[f.file].pages["en.html"]
	f.get("/en/demo.html")
	f.get("/")
	if got := loaded(); got != "" {
		t.Errorf("requests with nothing changed loaded:\n%s", got)
	}
	if again := f.preview.entries[f.file].pages["en.html"]; again != first {
		t.Errorf("the page was rendered again with nothing changed")
	}
	f.write(append(bytes.Clone(f.good), "# edited\n"...))
	f.get("/en/other.html")
	if got, want := loaded(), loadLine(f.file); got != want {
		t.Errorf("after an edit loaded:\n%s\nwant:\n%s", got, want)
	}
	if pages := f.preview.entries[f.file].pages; len(pages) != 0 {
		t.Errorf("after an edit, pages of the edited policy kept: %d", len(pages))
	}
}

// TestPreviewSharedID reports a policy id used by two policies, which the
// policies loaded one by one cannot see, and stops once it is changed.
func TestPreviewSharedID(t *testing.T) {
	f := newPreviewFixture(t)
	other := filepath.Join(filepath.Dir(filepath.Dir(f.file)), "other", "policy.yaml")
	if err := os.MkdirAll(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, f.good, 0o644); err != nil {
		t.Fatal(err)
	}
	line := func() string {
		before, _, _ := strings.Cut(string(f.good), "\nid: demo")
		return strconv.Itoa(strings.Count(before, "\n") + 2)
	}()
	want := "2 error(s): build would write nothing\n\n" + filepath.ToSlash(other) + ":" + line +
		`:5: error: policy id "demo" is also used by ` + filepath.ToSlash(f.file) + "; give each policy its own id [DUPLICATE_ID]\n" +
		filepath.ToSlash(other) + ":" + line + `:5: error: policy id "demo" differs from its folder "other"; rename the folder or write "id: other" [POLICY_ID]` + "\n"
	if code, _, body := f.get("/en/demo.json"); code != 500 || body != want {
		t.Errorf("GET /en/demo.json with a shared id: %d\n%s\nwant:\n%s", code, body, want)
	}
	if err := os.WriteFile(other, bytes.Replace(f.good, []byte("id: demo"), []byte("id: other"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, body := f.get("/en/demo.json"); code != 200 {
		t.Errorf("GET /en/demo.json once the id changed: %d\n%s", code, body)
	}
}
