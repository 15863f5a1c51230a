package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policyc/policyc/internal/testtool"
)

var recordHAR = flag.Bool("record-har", false, "record testdata/audit/shop.har from the loopback test site")

// auditSite serves the loopback test site: a first party on 127.0.0.1 that
// sets cookies by header and by script and a localStorage key, and loads a
// script from a third party on "localhost". What it plants for the audit to
// find: the undeclared cookie visitor_ab, the analytics cookie _pk_id.1.a1b2
// set before consent, prefs kept 400 days where the policy says 1 year, and
// the third-party host localhost of no declared vendor.
type auditSite struct {
	First, Third *httptest.Server
	mu           sync.Mutex
	entries      []map[string]any // HAR entries of every request, as served
}

func newAuditSite(t *testing.T) *auditSite {
	s := &auditSite{}
	s.Third = httptest.NewServer(s.record(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, "window.thirdPartyLoaded = true;\n")
	})))
	thirdURL := strings.Replace(s.Third.URL, "127.0.0.1", "localhost", 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" && r.URL.Path != "/about" {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Add("Set-Cookie", "sid=s1; Path=/; HttpOnly")
		h.Add("Set-Cookie", "prefs=p1; Path=/; Max-Age="+strconv.Itoa(400*24*3600))
		h.Add("Set-Cookie", "_pk_id.1.a1b2=v1; Path=/; Max-Age="+strconv.Itoa(30*24*3600))
		fmt.Fprintf(w, `<!doctype html><html><head><title>Shop</title>
<script>
document.cookie = "theme=dark; path=/; max-age=86400";
document.cookie = "visitor_ab=b; path=/; max-age=600";
localStorage.setItem("cart", "[]");
</script>
<script src="%s/tp.js"></script>
</head><body><p>Shop</p><img src="/pixel.gif" alt=""></body></html>
`, thirdURL)
	})
	mux.HandleFunc("/pixel.gif", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/gif")
		w.Write([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	})
	mux.HandleFunc("/favicon.ico", http.NotFound)
	s.First = httptest.NewServer(s.record(mux))
	t.Cleanup(func() { s.First.Close(); s.Third.Close() })
	return s
}

// record notes each request and its response headers as a HAR entry.
func (s *auditSite) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started := time.Now().UTC()
		next.ServeHTTP(w, r)
		headers := func(h http.Header) []map[string]string {
			var out []map[string]string
			for _, name := range []string{"Cookie", "Set-Cookie", "Content-Type"} {
				for _, v := range h.Values(name) {
					out = append(out, map[string]string{"name": name, "value": v})
				}
			}
			return out
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.entries = append(s.entries, map[string]any{
			"startedDateTime": started.Format(time.RFC3339Nano),
			"request":         map[string]any{"method": r.Method, "url": "http://" + r.Host + r.URL.RequestURI(), "headers": headers(r.Header), "cookies": []any{}},
			"response":        map[string]any{"status": 200, "headers": headers(w.Header()), "cookies": []any{}},
		})
	})
}

func (s *auditSite) har() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, _ := json.MarshalIndent(map[string]any{"log": map[string]any{
		"version": "1.2", "creator": map[string]string{"name": "policyc audit_test", "version": "1"},
		"entries": s.entries,
	}}, "", "  ")
	return append(b, '\n')
}

// chromiumChildren counts the Chromium processes this test process started
// that are still running.
func chromiumChildren(t *testing.T) int {
	n := 0
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, stat := range dirs {
		b, err := os.ReadFile(stat)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		comm := s[strings.IndexByte(s, '(')+1 : i]
		fields := strings.Fields(s[i+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) && strings.Contains(strings.ToLower(comm), "chrom") {
			n++
		}
	}
	return n
}

func TestAuditURL(t *testing.T) {
	browser := testtool.Chromium(t)
	site := newAuditSite(t)
	var out, errOut bytes.Buffer
	code := run([]string{"audit", "testdata/audit/shop", "--url", site.First.URL + "/", "--path", "about",
		"--browser", browser, "--timeout", "60s"}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit code %d, want 1 (findings that fail); stderr:\n%s", code, errOut.String())
	}
	want, err := os.ReadFile("testdata/audit/want.txt")
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("audit --url printed:\n%s\nwant:\n%s", out.String(), want)
	}
	if n := chromiumChildren(t); n != 0 {
		t.Errorf("%d Chromium processes left running", n)
	}
	if *recordHAR {
		if err := os.WriteFile("testdata/audit/shop.har", site.har(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditHAR(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"audit", "testdata/audit/shop", "--har", "testdata/audit/shop.har"}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit code %d, want 1; stderr:\n%s", code, errOut.String())
	}
	want, err := os.ReadFile("testdata/audit/want.txt")
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("audit --har printed:\n%s\nwant:\n%s", out.String(), want)
	}
}
