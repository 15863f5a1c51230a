package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/model"
)

const feedBaseURL = "https://example.com/policies/"

// demoVersions loads the golden demo policy and a previous version of it:
// version 1.0 of 2020-01-01, whose support activity had no transfer to
// the United States.
func demoVersions(t *testing.T) (old, cur *model.Policy) {
	t.Helper()
	cur = load(t, "testdata/golden/policies/demo")[0]
	src, err := os.ReadFile("testdata/golden/policies/demo/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	for _, edit := range [][2]string{
		{`version: "2.0"` + "\neffective: 2021-03-22", `version: "1.0"` + "\neffective: 2020-01-01"},
		{"    transfers: [{countries: [US], safeguard: scc-2021-914}]\n", ""},
	} {
		if strings.Count(text, edit[0]) != 1 {
			t.Fatalf("%q occurs %d times", edit[0], strings.Count(text, edit[0]))
		}
		text = strings.Replace(text, edit[0], edit[1], 1)
	}
	dir := filepath.Join(t.TempDir(), "demo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return load(t, dir)[0], cur
}

// TestFeedGolden writes the demo policy's feed in each language, with the
// previous version and a base URL, and without either.
func TestFeedGolden(t *testing.T) {
	old, cur := demoVersions(t)
	for _, lang := range cur.Languages {
		for name, opts := range map[string]FeedOptions{
			"demo." + lang + ".atom":          {BaseURL: feedBaseURL, Previous: old},
			"demo." + lang + ".relative.atom": {},
		} {
			got, err := Feed(cur, lang, opts)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata/feed", name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs; run go test ./render -update and review the diff\n%s", path, got)
			}
			checkFeedRules(t, name, got, opts.BaseURL)
		}
	}
}

// checkFeedRules checks what the W3C feed validator checks that needs no
// network: a feed id, title, updated and author; every entry with an id,
// a title, an updated date and a link; ids unique; dates in RFC 3339,
// the feed's the newest; with a base URL, absolute links and a self link
// to the feed's own address.
func checkFeedRules(t *testing.T, name string, b []byte, baseURL string) {
	t.Helper()
	var f struct {
		Lang    string `xml:"lang,attr"`
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f.ID == "" || f.Title == "" || f.Author == "" || f.Lang == "" {
		t.Errorf("%s: feed id %q, title %q, author %q, xml:lang %q: each is required", name, f.ID, f.Title, f.Author, f.Lang)
	}
	updated, err := time.Parse(time.RFC3339, f.Updated)
	if err != nil {
		t.Errorf("%s: feed updated: %v", name, err)
	}
	ids := map[string]bool{f.ID: true}
	var hrefs []string
	for _, l := range f.Links {
		hrefs = append(hrefs, l.Href)
	}
	for _, e := range f.Entries {
		if ids[e.ID] {
			t.Errorf("%s: id %s is used twice", name, e.ID)
		}
		ids[e.ID] = true
		if !strings.HasPrefix(e.ID, "urn:uuid:") || e.Title == "" || e.Link.Href == "" {
			t.Errorf("%s: entry id %q, title %q, link %q", name, e.ID, e.Title, e.Link.Href)
		}
		u, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("%s: entry updated: %v", name, err)
		} else if u.After(updated) {
			t.Errorf("%s: entry updated %s after the feed's %s", name, e.Updated, f.Updated)
		}
		hrefs = append(hrefs, e.Link.Href)
	}
	if len(f.Entries) == 0 {
		t.Errorf("%s: no entries", name)
	}
	if baseURL == "" {
		return
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, baseURL) {
			t.Errorf("%s: link %q is not absolute under %s", name, h, baseURL)
		}
	}
	self := false
	for _, l := range f.Links {
		self = self || (l.Rel == "self" && l.Href == baseURL+f.Lang+"/demo.atom")
	}
	if !self {
		t.Errorf("%s: no self link to %sdemo.atom", name, baseURL+f.Lang+"/")
	}
}

type parsedFeed struct {
	Bozo     int        `json:"bozo"`
	Version  string     `json:"version"`
	Language string     `json:"language"`
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Updated  string     `json:"updated"`
	Author   string     `json:"author"`
	Links    [][]string `json:"links"`
	Entries  []struct {
		ID      string   `json:"id"`
		Title   string   `json:"title"`
		Updated string   `json:"updated"`
		Link    string   `json:"link"`
		Summary string   `json:"summary"`
		Content []string `json:"content"`
	} `json:"entries"`
}

// parseFeeds reads feeds with Debian's python3-feedparser.
func parseFeeds(t *testing.T, paths ...string) []parsedFeed {
	t.Helper()
	python := testtool.PythonWith(t, "feedparser", "python3-feedparser")
	script, _ := filepath.Abs("testdata/feed/parse.py")
	cmd := exec.Command(python, append([]string{script}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("feedparser: %v\n%s", err, stderr.String())
	}
	var feeds []parsedFeed
	if err := json.Unmarshal(out, &feeds); err != nil {
		t.Fatal(err)
	}
	return feeds
}

// TestFeedParser: a real feed reader reads the golden feeds without a
// complaint (bozo 0), in their language, with each version as an entry,
// newest first, and the material change in the current one.
func TestFeedParser(t *testing.T) {
	paths := []string{"testdata/feed/demo.en.atom", "testdata/feed/demo.nl.atom", "testdata/feed/demo.fr.atom", "testdata/feed/demo.en.relative.atom"}
	feeds := parseFeeds(t, paths...)
	want := []struct {
		lang, title, entry, change string
	}{
		{"en", "Changes: Demo privacy and cookie policy", "Version 2.0 of 22 March 2021", "United States"},
		{"nl", "Wijzigingen: Demo privacy- en cookiebeleid", "Versie 2.0 van 22 maart 2021", "Verenigde Staten"},
		{"fr", "Modifications\u202f: Politique de démonstration relative à la vie privée et aux cookies", "Version 2.0 du 22 mars 2021", "États-Unis"},
	}
	for i, f := range feeds {
		w := want[min(i, 2)]
		if i == 3 {
			w = want[0]
		}
		name := paths[i]
		if f.Bozo != 0 || f.Version != "atom10" || f.Language != w.lang || f.Title != w.title || f.Author != "Acme BV" || f.Updated != "2021-03-22T00:00:00Z" {
			t.Errorf("%s: bozo %d, version %q, language %q, title %q, author %q, updated %q", name, f.Bozo, f.Version, f.Language, f.Title, f.Author, f.Updated)
		}
		if len(f.Entries) != 2 {
			t.Fatalf("%s: %d entries, want 2 (versions 2.0 and 1.0)", name, len(f.Entries))
		}
		e := f.Entries[0]
		if e.Title != w.entry || e.Updated != "2021-03-22T00:00:00Z" || !strings.HasPrefix(f.Entries[1].Updated, "2020-01-01") {
			t.Errorf("%s: entries %q of %s, then %s", name, e.Title, e.Updated, f.Entries[1].Updated)
		}
		if i < 3 {
			if e.Link != feedBaseURL+w.lang+"/demo.changes.html" || len(e.Content) != 1 || !strings.Contains(e.Content[0], w.change) {
				t.Errorf("%s: current entry links %q, content %q; want the changes page and the transfer to %s", name, e.Link, e.Content, w.change)
			}
		} else if e.Link != "demo.html" || len(e.Content) != 0 {
			t.Errorf("%s: without a previous version the entry links %q, content %q; want the page and no changes", name, e.Link, e.Content)
		}
	}
}
