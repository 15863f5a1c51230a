package diff_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
	"github.com/policyc/policyc/render"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

var update = flag.Bool("update", false, "rewrite the want.* files in testdata")

func load(t testing.TB, path string) []*model.Policy {
	t.Helper()
	policies, diags := model.Load([]string{path})
	if diags.HasErrors() {
		var buf bytes.Buffer
		_ = model.WriteText(&buf, diags)
		t.Fatalf("loading %s:\n%s", path, buf.String())
	}
	return policies
}

// outputs renders a report in the four formats, by golden file name.
func outputs(t testing.TB, r *diff.Report) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var text, md, js bytes.Buffer
	if err := diff.WriteText(&text, r, diff.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := diff.WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := diff.WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	page, err := render.DiffHTML(r, "")
	if err != nil {
		t.Fatal(err)
	}
	out["want.txt"], out["want.md"], out["want.json"], out["want.html"] = text.Bytes(), md.Bytes(), js.Bytes(), page
	return out
}

// TestGolden compares testdata/<case>/old with testdata/<case>/new and wants
// the report in each format to be testdata/<case>/want.*; the HTML page is in
// the source language of the case's policy.
func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob("testdata/*/old")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		dir := filepath.Dir(c)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r := diff.Compare(load(t, filepath.Join(dir, "old")), load(t, filepath.Join(dir, "new")))
			for name, got := range outputs(t, r) {
				path := filepath.Join(dir, name)
				if *update {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./model/diff -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs; run go test ./model/diff -update and review the diff\ngot:\n%s", path, got)
				}
			}
		})
	}
}

// TestEveryKindCovered wants each kind of change in some golden case, and
// no kind in a golden case that Kinds does not document.
func TestEveryKindCovered(t *testing.T) {
	seen := map[string]bool{}
	rules := map[string]bool{}
	cases, _ := filepath.Glob("testdata/*/old")
	for _, c := range cases {
		dir := filepath.Dir(c)
		r := diff.Compare(load(t, filepath.Join(dir, "old")), load(t, filepath.Join(dir, "new")))
		for _, d := range r.Policies {
			for _, ch := range d.Changes {
				seen[ch.Kind] = true
				rules[ch.Rule] = true
			}
		}
	}
	var documented []string
	for _, k := range diff.Kinds {
		documented = append(documented, k.ID)
		if !seen[k.ID] {
			t.Errorf("kind %s appears in no case of testdata", k.ID)
		}
	}
	for k := range seen {
		if !slices.Contains(documented, k) {
			t.Errorf("kind %s is reported but not in Kinds", k)
		}
	}
	for _, r := range diff.Rules {
		if !rules[r.ID] {
			t.Errorf("rule %s classes no change in testdata", r.ID)
		}
	}
}

// TestSelf compares each bundled policy with itself.
func TestSelf(t *testing.T) {
	policies := load(t, "../../policies")
	r := diff.Compare(policies, load(t, "../../policies"))
	var buf bytes.Buffer
	if err := diff.WriteText(&buf, r, diff.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, p := range policies {
		want.WriteString(p.ID + ": no changes\n")
	}
	if got := buf.String(); got != want.String() {
		t.Errorf("got\n%s\nwant\n%s", got, want.String())
	}
}

// TestMessages wants the HTML page's label of every kind, area and class in
// every language.
func TestMessages(t *testing.T) {
	for _, lang := range locales.Languages {
		m, err := locales.For(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range diff.Kinds {
			m.T("diff.kind." + k.ID)
		}
		for _, a := range diff.Areas {
			m.T("diff.area." + a)
		}
		m.T("diff." + string(diff.Material))
		m.T("diff." + string(diff.Editorial))
		if err := m.Err(); err != nil {
			t.Error(err)
		}
	}
}

// TestDocumented wants every rule in the README's table and every kind in
// docs/diff.md, so that neither falls behind the code.
func TestDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range diff.Rules {
		if !bytes.Contains(readme, []byte("| `"+r.ID+"` | "+string(r.Class)+" | ")) {
			t.Errorf("README.md lacks the row of rule %s", r.ID)
		}
	}
	doc, err := os.ReadFile("../../docs/diff.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range diff.Kinds {
		if !bytes.Contains(doc, []byte("| `"+k.ID+"` | ")) {
			t.Errorf("docs/diff.md lacks the row of kind %s", k.ID)
		}
	}
}

// TestInertReports puts markup and link payloads in the texts and names a
// report shows: the Markdown and HTML reports must show them as text.
func TestInertReports(t *testing.T) {
	payloads := []string{
		"<script>alert(1)</script>",
		"[x](javascript:alert(1))",
		`<img src=x onerror=alert(1)>`,
		`" onmouseover="alert(1)`,
	}
	old := load(t, "testdata/trackers/old")
	for i, payload := range payloads {
		changed := load(t, "testdata/trackers/old")
		p := changed[0]
		for _, tr := range p.Trackers {
			for l := range tr.Purpose.Values {
				tr.Purpose.Values[l] = "Counts " + payload
			}
			for n := range tr.Names {
				tr.Names[n].Name = payload
			}
		}
		for _, v := range p.Vendors {
			v.Name = payload
		}
		out := outputs(t, diff.Compare(old, changed))
		// The Markdown is judged by what it renders to, with raw HTML let
		// through as a careless renderer would.
		var md bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe())).Convert(out["want.md"], &md); err != nil {
			t.Fatal(err)
		}
		for file, page := range map[string][]byte{"want.md": md.Bytes(), "want.html": out["want.html"]} {
			for _, raw := range []string{"<script", "<img", `href="javascript`, `" onmouseover="`} {
				if bytes.Contains(page, []byte(raw)) {
					t.Errorf("payload %d: %s renders %q:\n%s", i, file, raw, page)
				}
			}
		}
		if !bytes.Contains(out["want.md"], []byte("alert(1)")) {
			t.Errorf("payload %d: the Markdown report does not show the changed texts", i)
		}
	}
}

// TestTextShowsNoControlCharacters: a policy cannot send escape sequences
// to the terminal of whoever reads the report.
func TestTextShowsNoControlCharacters(t *testing.T) {
	old := load(t, "testdata/trackers/old")
	changed := load(t, "testdata/trackers/old")
	for _, tr := range changed[0].Trackers {
		for l := range tr.Purpose.Values {
			tr.Purpose.Values[l] = "Counts \x1b[2J\x1b]0;title\x07 visits"
		}
		tr.Names[0].Name = "x\x1b[31m"
	}
	var text bytes.Buffer
	if err := diff.WriteText(&text, diff.Compare(old, changed), diff.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(text.Bytes(), "\x1b\x07") {
		t.Errorf("the text report passes control characters on:\n%q", text.String())
	}
	if !bytes.Contains(text.Bytes(), []byte("Counts \uFFFD[2J\uFFFD]0;title\uFFFD visits")) {
		t.Errorf("the text report does not show the changed purpose:\n%s", text.String())
	}
}

// TestMarkdownPathsInert: a change path or value with line breaks and
// markup stays text in the Markdown report, rendered with raw HTML allowed.
func TestMarkdownPathsInert(t *testing.T) {
	r := diff.Compare(load(t, "testdata/trackers/old"), load(t, "testdata/trackers/new"))
	payload := "x\n\n<img src=x onerror=alert(1)>\r<script>alert(1)</script>"
	for _, d := range r.Policies {
		for i := range d.Changes {
			d.Changes[i].Path = "a" + payload
		}
	}
	var md, page bytes.Buffer
	if err := diff.WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe())).Convert(md.Bytes(), &page); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "<img") || strings.Contains(page.String(), "<script") {
		t.Errorf("a path became markup:\n%s", page.String())
	}
}
