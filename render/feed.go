package render

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
)

// FeedFile is the Atom feed of a policy's changes in lang, beside its page.
func FeedFile(lang, id string) string { return lang + "/" + id + ".atom" }

// ChangesFile is the "what changed" page of a policy in lang, written by a
// build that is given the previous version.
func ChangesFile(lang, id string) string { return lang + "/" + id + ".changes.html" }

// FeedOptions say where the build is published and what the policy was
// before.
type FeedOptions struct {
	// BaseURL is the URL the build's output folder is published at, ending
	// in "/"; with it every link is absolute and the feed names itself.
	BaseURL string
	// Previous is the policy's earlier version (policyc build --rev), or
	// nil. Its changes to the current version go into the current
	// version's entry, which links to the "what changed" page.
	Previous *model.Policy
}

// The Atom 1.0 document (RFC 4287), in the order its elements are written.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   atomText    `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string    `xml:"id"`
	Title   atomText  `xml:"title"`
	Updated string    `xml:"updated"`
	Link    atomLink  `xml:"link"`
	Summary *atomText `xml:"summary"`
	Content *atomText `xml:"content"`
}

// feedNamespace is the UUID namespace (RFC 9562, version 5) of the ids of
// feeds and entries: an id is derived from the policy id, the language and
// the version, never from the clock, so a rebuild keeps every id.
var feedNamespace = [16]byte{0x7b, 0x1f, 0x3c, 0x52, 0x9a, 0x44, 0x4e, 0x0d, 0xb6, 0x2e, 0x51, 0x8c, 0x0f, 0x93, 0xd7, 0x26}

func feedUUID(name string) string {
	h := sha1.New()
	h.Write(feedNamespace[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func atomDate(d model.Date) string { return d.String() + "T00:00:00Z" }

// Feed returns the Atom feed of p's versions in lang: one entry per
// version of the change history, newest first, and one for the current
// version when the history does not list it; each dated by the policy.
// An entry's text is the version's summary; with a previous version, the
// current version's entry lists its material changes and links to the
// "what changed" page.
func Feed(p *model.Policy, lang string, opts FeedOptions) ([]byte, error) {
	m, err := locales.For(lang)
	if err != nil {
		return nil, err
	}
	r := &resolver{p: p, lang: lang, m: m}
	link := func(name string) string {
		if opts.BaseURL == "" {
			// The feed lies beside the pages of its language.
			return name
		}
		return opts.BaseURL + lang + "/" + name
	}
	title := r.text(p.Title)
	author := title
	if len(p.Controllers) > 0 {
		author = p.Controllers[0].Name
	}
	feed := atomFeed{
		Lang:    lang,
		ID:      feedUUID("policyc feed " + p.ID + " " + lang),
		Title:   atomText{Type: "text", Text: m.T("feed.title", "Title", title)},
		Author:  atomPerson{Name: author},
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Hreflang: lang, Href: link(p.ID + ".html")}},
		Updated: atomDate(p.Effective),
	}
	if opts.BaseURL != "" {
		feed.Links = append(feed.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: link(p.ID + ".atom")})
	}
	type version struct {
		number  string
		date    model.Date
		summary model.Text
	}
	var versions []version
	current := false
	for _, c := range p.Changelog {
		versions = append(versions, version{c.Version, c.Date, c.Summary})
		current = current || c.Version == p.Version
	}
	if !current {
		versions = append(versions, version{number: p.Version, date: p.Effective})
	}
	// Newest first; versions of one day in the order the history gives.
	slices.SortStableFunc(versions, func(a, b version) int { return cmp.Compare(b.date.String(), a.date.String()) })
	var changes *diff.PolicyDiff
	if opts.Previous != nil {
		if r := diff.Compare([]*model.Policy{opts.Previous}, []*model.Policy{p}); len(r.Policies) == 1 && len(r.Policies[0].Changes) > 0 {
			changes = r.Policies[0]
		}
	}
	for _, v := range versions {
		e := atomEntry{
			ID:      feedUUID("policyc feed " + p.ID + " " + lang + " version " + v.number),
			Title:   atomText{Type: "text", Text: m.T("feed.entry", "Version", v.number, "Date", r.date(v.date).Text)},
			Updated: atomDate(v.date),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Hreflang: lang, Href: link(p.ID + ".html")},
		}
		if s := r.text(v.summary); s != "" {
			e.Summary = &atomText{Type: "text", Text: s}
		}
		if v.number == p.Version && changes != nil {
			e.Link.Href = link(p.ID + ".changes.html")
			e.Content = &atomText{Type: "html", Text: r.feedChanges(changes)}
		}
		if e.Updated > feed.Updated {
			feed.Updated = e.Updated
		}
		feed.Entries = append(feed.Entries, e)
	}
	if err := m.Err(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// feedChanges is the HTML of an entry's changes: the count, as the "what
// changed" page says it, and each material change with its new value.
func (r *resolver) feedChanges(d *diff.PolicyDiff) string {
	v := r.diffPolicy(d)
	var b strings.Builder
	b.WriteString("<p>" + html.EscapeString(v.Summary) + "</p>\n")
	var items []string
	for _, a := range v.Areas {
		for _, c := range a.Changes {
			if !c.Material {
				continue
			}
			item := "<strong>" + html.EscapeString(c.Kind) + "</strong>"
			if c.Subject != "" {
				item += r.m.T("punct.colon") + " " + string(c.Subject)
			}
			switch {
			case c.Removed:
				item += " — <del>" + string(c.Old) + "</del>"
			case !c.NewNone && len(c.Words) == 0:
				item += " — " + string(c.New)
			}
			items = append(items, "<li>"+item+"</li>")
		}
	}
	if len(items) > 0 {
		b.WriteString("<ul>\n" + strings.Join(items, "\n") + "\n</ul>\n")
	}
	return b.String()
}
