package diff_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policyc/policyc/internal/modeltest"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
	"github.com/policyc/policyc/render"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// markdown reads the Markdown report as a site would, raw HTML allowed.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))

// fill sets the texts of p from texts (separated by NUL) in turn,
// starting at the one start picks.
func fill(p *model.Policy, texts string, start uint64) {
	values := strings.Split(strings.ToValidUTF8(texts, "\uFFFD"), "\x00")
	n := int(start % uint64(len(values)))
	modeltest.Fill(reflect.ValueOf(p), func() string {
		n = (n + 1) % len(values)
		return values[n]
	})
}

// wordMarks is the raw HTML the Markdown report writes itself: the marks
// of a word diff.
var wordMarks = map[string]bool{"<del>": true, "</del>": true, "<ins>": true, "</ins>": true}

// commonLanguages returns the languages every policy is written in, those
// a report page can be shown in.
func commonLanguages(sets ...[]*model.Policy) []string {
	langs := []string{"en", "nl", "fr"}
	for _, set := range sets {
		for _, p := range set {
			langs = slices.DeleteFunc(langs, func(l string) bool { return !slices.Contains(p.Languages, l) })
		}
	}
	return langs
}

// truncate keeps the first n%(len+1) elements of s.
func truncate[T any](s []T, n uint64) []T { return s[:n%uint64(len(s)+1)] }

// FuzzDiff compares two versions of a policy of testdata, each with its
// texts filled from fuzz strings and the new one with some trackers,
// activities, vendors and sections dropped, and writes the report in every
// format: no panic, every report valid UTF-8, the JSON valid, the Markdown
// without raw HTML when read with raw HTML allowed. A policy compared with
// an identical copy of itself has no change.
func FuzzDiff(f *testing.F) {
	cases, _ := filepath.Glob("testdata/*/old")
	if len(cases) == 0 {
		f.Fatal("no cases in testdata")
	}
	f.Add(uint64(0), "", "")
	f.Add(uint64(1), "a\x00b", "a\x00c")
	f.Add(uint64(2)|0xffff<<16, "x\n\n<img src=x onerror=alert(1)>\x00`code`", "[y]: <javascript:alert(1)>\x00\u0085")
	f.Add(uint64(3)|0x1234<<16, "Kept {duration 13 months}.", "Kept {duration 2 years}.")
	for i := range cases {
		f.Add(uint64(i)|uint64(i)<<16, "same", "same")
	}
	f.Fuzz(func(t *testing.T, shape uint64, oldTexts, newTexts string) {
		c := filepath.Dir(cases[shape%uint64(len(cases))])
		old, same, new := load(t, filepath.Join(c, "old")), load(t, filepath.Join(c, "old")), load(t, filepath.Join(c, "new"))
		for _, p := range old {
			fill(p, oldTexts, shape>>8)
		}
		for _, p := range same {
			fill(p, oldTexts, shape>>8)
		}
		cut := shape >> 16
		for _, p := range new {
			fill(p, newTexts, shape>>8)
			p.Trackers = truncate(p.Trackers, cut)
			p.Processing = truncate(p.Processing, cut>>4)
			p.Vendors = truncate(p.Vendors, cut>>8)
			p.Sections = truncate(p.Sections, cut>>12)
		}
		if r := diff.Compare(old, same); r.Len() != 0 {
			var buf bytes.Buffer
			_ = diff.WriteText(&buf, r, diff.TextOptions{})
			t.Errorf("a policy differs from an identical copy of itself:\n%s", buf.String())
		}
		for _, r := range []*diff.Report{diff.Compare(old, new), diff.Compare(new, old), diff.Compare(nil, new), diff.Compare(old, nil)} {
			out := outputs(t, r)
			var colored bytes.Buffer
			if err := diff.WriteText(&colored, r, diff.TextOptions{Color: true}); err != nil {
				t.Fatal(err)
			}
			out["color.txt"] = colored.Bytes()
			for _, lang := range commonLanguages(old, new) {
				page, err := render.DiffHTML(r, lang)
				if err != nil {
					t.Fatal(err)
				}
				out[lang+".html"] = page
			}
			for name, b := range out {
				if !utf8.Valid(b) {
					t.Errorf("%s is not valid UTF-8", name)
				}
			}
			if !json.Valid(out["want.json"]) {
				t.Errorf("the JSON report is not JSON:\n%s", out["want.json"])
			}
			md := out["want.md"]
			_ = ast.Walk(markdown.Parser().Parse(text.NewReader(md)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				switch n.Kind() {
				case ast.KindHTMLBlock:
					t.Errorf("the Markdown report holds an HTML block:\n%s", md)
				case ast.KindRawHTML:
					segs := n.(*ast.RawHTML).Segments
					var raw []byte
					for i := range segs.Len() {
						seg := segs.At(i)
						raw = append(raw, seg.Value(md)...)
					}
					if !wordMarks[string(raw)] {
						t.Errorf("the Markdown report holds raw HTML %q:\n%s", raw, md)
					}
				}
				return ast.WalkContinue, nil
			})
		}
	})
}
