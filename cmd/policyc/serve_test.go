package main

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreview serves the golden policy of render and wants the very bytes
// build writes, then the errors once the YAML breaks, then the page again
// once it is fixed: each request reads the YAML as it is.
func TestPreview(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "policies", "demo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile("../../render/testdata/golden/policies/demo/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "policy.yaml")
	write := func(data []byte) {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	handler := previewHandler([]string{filepath.Dir(dir)}, io.Discard)
	get := func(path string) (int, string, string) {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()
	}
	golden := func(name string) string {
		data, err := os.ReadFile(filepath.Join("../../render/testdata/golden/out", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	write(good)
	for _, tc := range []struct{ path, file, kind string }{
		{"/nl/demo.html", "nl/demo.html", "text/html; charset=utf-8"},
		{"/fr/demo.md", "fr/demo.md", "text/markdown; charset=utf-8"},
		{"/en/demo.json", "en/demo.json", "application/json"},
	} {
		code, kind, body := get(tc.path)
		if code != 200 || kind != tc.kind || body != golden(tc.file) {
			t.Errorf("GET %s: %d %s, body equal to the golden page: %t", tc.path, code, kind, body == golden(tc.file))
		}
	}
	if code, _, body := get("/"); code != 200 || !strings.Contains(body, `href="nl/demo.html"`) {
		t.Errorf("GET /: %d, want the index linking nl/demo.html:\n%s", code, body)
	}
	if code, _, _ := get("/de/demo.html"); code != 404 {
		t.Errorf("GET /de/demo.html: %d, want 404", code)
	}

	write([]byte(strings.Replace(string(good), "lifetime: 13 months", "lifetime: 13 mnths", 1)))
	code, _, body := get("/nl/demo.html")
	want := `<code>` + filepath.ToSlash(file)
	if code != 500 || !strings.Contains(body, "<h1>The policies have errors</h1>") || !strings.Contains(body, `invalid duration &#34;13 mnths&#34;: unknown unit &#34;mnths&#34;; did you mean &#34;13 months&#34;? <code>[INVALID_VALUE]</code>`) || !strings.Contains(body, want) {
		t.Errorf("GET with an error: %d\n%s", code, body)
	}

	write(good)
	if code, _, body := get("/nl/demo.html"); code != 200 || body != golden("nl/demo.html") {
		t.Errorf("GET after the fix: %d, body equal to the golden page: %t", code, body == golden("nl/demo.html"))
	}
}
