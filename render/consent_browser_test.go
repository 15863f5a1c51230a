package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/locales"
)

type consentCase struct {
	Policy    string   `json:"policy"`
	Necessary []string `json:"-"`
	Consent   []string `json:"-"`
	Lang      string   `json:"lang"`
	Format    string   `json:"format"`
	URL       string   `json:"url"`
	Cookies   []string `json:"cookies"`
}

type consentResult struct {
	Policy, Lang, Format string
	Errors               []string
	Title, Banner        string
	Buttons              []string
	BeforeReject         []string
	AfterReject          []string
	AfterAccept          []string
	AfterAcceptReject    []string
	Headers              []string
	ModalNames           []string
	ModalTitle           string
	// Visible is every text Klaro's notice and preferences show.
	Visible []string
}

// cookieToken is what a cookie name the test page sets may hold.
var cookieToken = regexp.MustCompile(`^[A-Za-z0-9_.\-]+$`)

// sampleName is a cookie name a declared name or pattern stands for: each
// variable part becomes "x1".
func sampleName(n NameView) string {
	if !n.Pattern {
		return n.Name
	}
	var b strings.Builder
	for _, p := range n.parts {
		if p.Any || p.Placeholder {
			b.WriteString("x1")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// TestConsentBrowser loads, in one Chromium, the exported CookieConsent
// and Klaro configuration of every bundled cookie policy in nl, en and fr,
// with the real npm packages, from a loopback server: the banner shows the
// policy's text and the catalogue's labels, rejecting leaves only the
// cookies that need no consent, accepting then rejecting clears the
// declared ones (patterns included), and CookieConsent's preferences list
// every declared cookie under the translated headers.
func TestConsentBrowser(t *testing.T) {
	chromium := testtool.Chromium(t)
	modules := testtool.NodeModules(t, "puppeteer-core", "vanilla-cookieconsent", "klaro")
	files := map[string][]byte{}
	var cases []consentCase
	type want struct {
		necessary, consent []string
		names              []string // every declared name, for the preferences
		doc                *Document
	}
	wants := map[string]want{}
	// klaroTexts are, per policy and language, the texts of the exported
	// Klaro configuration: all that Klaro may show.
	klaroTexts := map[string][]string{}
	for _, p := range load(t, "../policies") {
		if len(p.TrackerCategories) == 0 {
			continue
		}
		var docs []*Document
		for _, l := range p.Languages {
			d, err := Resolve(p, l)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
		config := klaroConfig(p, docs, ConsentOptions{})
		for _, l := range p.Languages {
			texts := jsTexts(get(get(config, "translations"), l))
			for _, s := range get(config, "services").(jsArray) {
				texts = append(texts, jsTexts(get(get(s, "translations"), l))...)
			}
			klaroTexts[p.ID+"/"+l] = texts
		}
		for _, format := range ConsentFormats {
			b, err := Consent(p, format, ConsentOptions{})
			if err != nil {
				t.Fatal(err)
			}
			files["/config/"+ConsentFile(format, p.ID)] = b
		}
		for _, lang := range []string{"nl", "en", "fr"} {
			doc, err := Resolve(p, lang)
			if err != nil {
				t.Fatal(err)
			}
			w := want{doc: doc}
			for _, c := range doc.Categories {
				for _, r := range cookieRows(c) {
					w.names = append(w.names, r.name.Name)
					if r.tracker.Storage == "none" {
						continue
					}
					n := sampleName(r.name)
					if !cookieToken.MatchString(n) {
						continue
					}
					if c.ConsentRequired {
						w.consent = append(w.consent, n)
					} else {
						w.necessary = append(w.necessary, n)
					}
				}
			}
			wants[p.ID+"/"+lang] = w
			for _, format := range ConsentFormats {
				page := fmt.Sprintf("/page/%s/%s/%s.html", format, p.ID, lang)
				files[page] = consentPage(format, p.ID, lang)
				// Chromium keeps at most 180 cookies of a site, so the
				// consent cookies are set a part at a time, each on a fresh
				// visit.
				for part := range slices.Chunk(unique(w.consent), 80) {
					cases = append(cases, consentCase{Policy: p.ID, Lang: lang, Format: format, URL: page,
						Necessary: unique(w.necessary), Consent: part,
						Cookies: append(append([]string{}, unique(w.necessary)...), part...)})
				}
			}
		}
	}
	if len(cases) == 0 {
		t.Fatal("no bundled policy declares tracker categories")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b []byte
		var err error
		switch {
		case strings.HasPrefix(r.URL.Path, "/node_modules/"):
			b, err = os.ReadFile(filepath.Join(modules, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/node_modules/"))))
		default:
			var ok bool
			if b, ok = files[r.URL.Path]; !ok {
				err = os.ErrNotExist
			}
		}
		if err != nil {
			http.NotFound(w, r)
			return
		}
		switch filepath.Ext(r.URL.Path) {
		case ".js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		case ".css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write(b)
	}))
	defer srv.Close()
	for i := range cases {
		cases[i].URL = srv.URL + cases[i].URL
	}
	dir := t.TempDir()
	specFile := filepath.Join(dir, "spec.json")
	spec, _ := json.Marshal(map[string]any{"chromium": chromium, "cases": cases})
	if err := os.WriteFile(specFile, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(testtool.Root(t), "render", "testdata", "consent.js"), specFile)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("consent.js: %v\n%s", err, stderr.String())
	}
	// CONSENT_REPORT=FILE keeps the spec and the report, to look into a failure.
	if d := os.Getenv("CONSENT_REPORT"); d != "" {
		_ = os.WriteFile(d, out, 0o644)
		_ = os.WriteFile(d+".spec", spec, 0o644)
	}
	var results []consentResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("consent.js report: %v\n%s", err, out)
	}
	if len(results) != len(cases) {
		t.Fatalf("%d results for %d cases", len(results), len(cases))
	}
	en, err := locales.For("en")
	if err != nil {
		t.Fatal(err)
	}
	uiIDs := []string{"consent.title", "consent.accept", "consent.reject", "consent.settings", "consent.preferences_title",
		"trackers.name", "trackers.provider", "trackers.purpose", "trackers.lifetime"}
	for i, r := range results {
		name := r.Format + " " + r.Policy + " " + r.Lang
		w := wants[r.Policy+"/"+r.Lang]
		m := w.doc.msgs
		c := cases[i]
		for _, e := range r.Errors {
			t.Errorf("%s: page error %s", name, e)
		}
		if w.doc.Banner != nil && collapse(r.Banner) != collapse(w.doc.Banner.Text) {
			t.Errorf("%s: banner text\n%q\nwant\n%q", name, collapse(r.Banner), collapse(w.doc.Banner.Text))
		}
		buttons := []string{m.T("consent.accept"), m.T("consent.reject"), m.T("consent.settings")}
		if got := sorted(r.Buttons); !slices.Equal(got, sorted(buttons)) {
			t.Errorf("%s: buttons %q, want %q", name, got, sorted(buttons))
		}
		cc := "cc_cookie_" + r.Policy
		if r.Format == "klaro" {
			cc = "klaro-" + r.Policy + "-"
		}
		consentCookie := func(cs []string) []string {
			return slices.DeleteFunc(slices.Clone(cs), func(c string) bool { return strings.HasPrefix(c, cc) })
		}
		all := unique(append(slices.Clone(c.Necessary), c.Consent...))
		for _, step := range []struct {
			what      string
			got, want []string
		}{
			{"set by the page", r.BeforeReject, all},
			{"after reject", r.AfterReject, c.Necessary},
			{"after accept", r.AfterAccept, all},
			{"after accept then reject", r.AfterAcceptReject, c.Necessary},
		} {
			if got := consentCookie(step.got); !slices.Equal(got, unique(step.want)) {
				t.Errorf("%s: cookies %s %q, want %q", name, step.what, got, unique(step.want))
			}
		}
		shown := append([]string{r.Title}, r.Buttons...)
		if r.Format == "klaro" {
			if r.ModalTitle != m.T("consent.preferences_title") {
				t.Errorf("%s: preferences title %q", name, r.ModalTitle)
			}
			if len(r.Visible) < 10 {
				t.Errorf("%s: only %d texts seen in Klaro: %q", name, len(r.Visible), r.Visible)
			}
			texts := klaroTexts[r.Policy+"/"+r.Lang]
			for _, v := range unique(r.Visible) {
				v = strings.Join(strings.Fields(v), " ")
				// Klaro's arrows and counts are no words.
				if !strings.ContainsFunc(v, unicode.IsLetter) {
					continue
				}
				if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, v) }) {
					t.Errorf("%s: Klaro shows %q, which is no text of the policy or of policyc's catalogues", name, v)
				}
			}
			shown = append(append(shown, r.ModalTitle), r.Visible...)
		}
		if r.Format == "cookieconsent" {
			if r.Title != m.T("consent.title") || r.ModalTitle != m.T("consent.preferences_title") {
				t.Errorf("%s: titles %q and %q", name, r.Title, r.ModalTitle)
			}
			headers := []string{m.T("trackers.name"), m.T("trackers.provider"), m.T("trackers.purpose"), m.T("trackers.lifetime")}
			if len(w.names) == 0 {
				headers = nil
			}
			if !slices.Equal(r.Headers, headers) {
				t.Errorf("%s: preferences headers %q, want %q", name, r.Headers, headers)
			}
			if !slices.Equal(sorted(r.ModalNames), sorted(w.names)) {
				t.Errorf("%s: the preferences list %d cookies %q, want the %d declared %q", name, len(r.ModalNames), sorted(r.ModalNames), len(w.names), sorted(w.names))
			}
			shown = append(append(shown, r.ModalTitle), r.Headers...)
		}
		if r.Lang != "en" {
			for _, id := range uiIDs {
				if e := en.T(id); slices.Contains(shown, e) && e != m.T(id) {
					t.Errorf("%s: the English %q is shown", name, e)
				}
			}
		}
	}
}

func consentPage(format, id, lang string) []byte {
	var head, body string
	switch format {
	case "cookieconsent":
		head = `<link rel="stylesheet" href="/node_modules/vanilla-cookieconsent/dist/cookieconsent.css">
<script src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script src="/config/` + ConsentFile(format, id) + `"></script>`
		// CookieConsent hides itself from browsers driven by a program.
		body = `<script>policycCookieConsent.hideFromBots = false; CookieConsent.run(policycCookieConsent);</script>`
	case "klaro":
		head = `<script src="/config/` + ConsentFile(format, id) + `"></script>
<script>klaroConfig.lang = "` + lang + `";</script>
<script defer src="/node_modules/klaro/dist/klaro.js"></script>`
	}
	return []byte(`<!doctype html>
<html lang="` + lang + `"><head><meta charset="utf-8"><title>` + id + `</title>
` + head + `
</head><body><main><h1>` + id + `</h1></main>
` + body + `
</body></html>
`)
}

var (
	consentSpaces = regexp.MustCompile(`\s+`)
	htmlTag       = regexp.MustCompile(`<[^>]*>|\{(?:privacyPolicy|purposes|learnMoreLink|title|link)\}`)
)

// jsTexts are the texts of the strings in v, as a browser shows them: each
// run of text between tags and Klaro's {placeholders}, unescaped, spaces
// collapsed.
func jsTexts(v jsValue) []string {
	var out []string
	switch v := v.(type) {
	case jsString:
		for _, part := range htmlTag.Split(string(v), -1) {
			if s := strings.Join(strings.Fields(html.UnescapeString(part)), " "); s != "" {
				out = append(out, s)
			}
		}
	case jsObject:
		for _, kv := range v {
			out = append(out, jsTexts(kv.val)...)
		}
	case jsArray:
		for _, e := range v {
			out = append(out, jsTexts(e)...)
		}
	}
	return out
}

func collapse(s string) string { return strings.TrimSpace(consentSpaces.ReplaceAllString(s, " ")) }

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func unique(s []string) []string { return slices.Compact(sorted(s)) }
