package render

import (
	"reflect"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// TestNothingUnplacedIsLost walks every collection of the model: a fixture
// that places nothing in its sections has one item in each, and each item
// must reach the HTML, Markdown and JSON of every language. A collection
// added to the model fails here until it says how its items are found on
// the page.
func TestNothingUnplacedIsLost(t *testing.T) {
	en := func(x model.Text) string { return x.Get("en") }
	markers := map[string]func(p *model.Policy) []string{
		"Changelog": func(p *model.Policy) []string {
			return each(p.Changelog, func(c model.Change) string { return en(c.Summary) })
		},
		"Banner": func(p *model.Policy) []string { return []string{en(p.Banner.Text)} },
		"Controllers": func(p *model.Policy) []string {
			return each(p.Controllers, func(c *model.Party) string { return c.Name })
		},
		"DPO":     func(p *model.Policy) []string { return []string{p.DPO.Name} },
		"Rights":  func(p *model.Policy) []string { return []string{en(p.Rights.Note)} },
		"Vendors": func(p *model.Policy) []string { return each(p.Vendors, func(v *model.Vendor) string { return v.Name }) },
		"Recipients": func(p *model.Policy) []string {
			return each(p.Recipients, func(r *model.Recipient) string { return en(r.Name) })
		},
		"DataCategories": func(p *model.Policy) []string {
			return each(p.DataCategories, func(c *model.DataCategory) string { return en(c.Name) })
		},
		"DataSubjects": func(p *model.Policy) []string {
			return each(p.DataSubjects, func(s *model.DataSubject) string { return en(s.Name) })
		},
		"TrackerCategories": func(p *model.Policy) []string {
			return each(p.TrackerCategories, func(c *model.TrackerCategory) string { return en(c.Name) })
		},
		"Trackers": func(p *model.Policy) []string {
			return each(p.Trackers, func(t *model.Tracker) string { return en(t.Purpose) + "\x00" + t.Names[0].Name })
		},
		"ProcessingGroups": func(p *model.Policy) []string {
			return each(p.ProcessingGroups, func(g *model.ProcessingGroup) string { return en(g.Title) })
		},
		"Processing": func(p *model.Policy) []string {
			return each(p.Processing, func(a *model.Activity) string { return en(a.Purpose) })
		},
		"Footnotes": func(p *model.Policy) []string {
			return each(p.Footnotes, func(f *model.Footnote) string { return en(f.Text) })
		},
		"Transfers": func(p *model.Policy) []string {
			return each(p.Transfers, func(t *model.Transfer) string { return en(t.Note) })
		},
	}
	// Fields that are not content a page shows.
	notContent := map[string]bool{"Node": true, "File": true, "ID": true, "Kind": true, "Title": true, "Languages": true,
		"Version": true, "Effective": true, "Include": true, "Sections": true, "Lists": true, "Includes": true, "Texts": true,
		"Lint": true,
		// The record of processing's, not the page's: Art. 13 and 14 do
		// not ask for it (ropa_test.go shows it is exported).
		"SecurityMeasures": true,
		// The TCF device-storage disclosure's (tcf_test.go).
		"Domains": true,
		"Law":     true} // a setting: it shows in the article references, tested in laws_test.go

	p := load(t, "testdata/unplaced")[0]
	var fields []string
	for _, typ := range []reflect.Type{reflect.TypeFor[model.Policy](), reflect.TypeFor[model.Lists]()} {
		for f := range typ.Fields() {
			if !notContent[f.Name] {
				fields = append(fields, f.Name)
			}
		}
	}
	for _, lang := range p.Languages {
		pages := map[string]string{}
		for _, format := range Formats {
			out, err := Render(p, lang, format, Options{})
			if err != nil {
				t.Fatal(err)
			}
			pages[format] = string(out)
		}
		for _, field := range fields {
			find := markers[field]
			if find == nil {
				t.Errorf("the model's %s is not covered: add it to the fixture and to this test", field)
				continue
			}
			items := find(p)
			if len(items) == 0 {
				t.Errorf("the fixture has no item in %s", field)
			}
			for _, item := range items {
				for _, marker := range strings.Split(item, "\x00") {
					for _, format := range Formats {
						if !strings.Contains(pages[format], marker) {
							t.Errorf("%s: %s item %q is missing from the %s page", lang, field, marker, format)
						}
					}
				}
			}
		}
	}
}

func each[T any](items []T, marker func(T) string) []string {
	out := make([]string, len(items))
	for i, x := range items {
		out[i] = marker(x)
	}
	return out
}
