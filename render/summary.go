package render

import (
	"bytes"
	htmltemplate "html/template"
	"slices"
	"strings"
	"sync"

	"github.com/policyc/policyc/model"
)

// SummaryFormat is the build format of the layered notice's first layer:
// the short notice WP260 recommends, written beside the full policy as
// <id>.summary.html and <id>.summary.md.
const SummaryFormat = "summary"

// SummaryFile is the file of the short notice of a policy in lang, with
// extension html or md.
func SummaryFile(lang, id, ext string) string { return lang + "/" + id + ".summary." + ext }

// summaryView is the first layer of a policy in one language: every text
// plain, prepared from the facts of the resolved document.
type summaryView struct {
	Lang     string
	Title    string
	Parts    []summaryPart
	LinkText string
	Link     string
	Fragment bool
}

// summaryPart is one question of the first layer and its answer in lines.
type summaryPart struct {
	ID      string
	Heading string
	Lines   []string
}

// summary builds the first layer of doc: who is responsible, each purpose
// (a group of processing activities, or a category of trackers) on one
// line with its legal basis, who receives the data, transfers outside the
// EEA, how long data are kept, the rights and how to exercise them, and the
// link to the full policy. Article references are left to the full policy.
func summary(doc *Document, p *model.Policy, opts Options) *summaryView {
	m := doc.msgs
	r := &resolver{p: p, lang: doc.Lang, m: m}
	v := &summaryView{Lang: doc.Lang, Title: m.T("summary.title", "Title", doc.Title), LinkText: m.T("summary.full_policy"),
		Fragment: opts.Fragment}
	v.Link = p.ID + ".html"
	if opts.BaseURL != "" {
		v.Link = opts.BaseURL + doc.Lang + "/" + p.ID + ".html"
	}
	add := func(id, heading string, lines ...string) {
		var kept []string
		for _, l := range lines {
			if l != "" {
				kept = append(kept, l)
			}
		}
		if len(kept) > 0 {
			v.Parts = append(v.Parts, summaryPart{ID: id, Heading: heading, Lines: kept})
		}
	}

	var who []string
	for _, c := range doc.Controllers {
		who = append(who, joinNonEmpty(", ", c.Name, c.Email))
	}
	if doc.DPO != nil {
		who = append(who, m.T("dpo.heading")+m.T("punct.colon")+" "+cmpOr(doc.DPO.Email, doc.DPO.Name))
	}
	add("controller", m.T("summary.controller"), who...)

	// withBases writes a purpose and its legal bases, or the purpose alone
	// when the policy gives none (NO_LEGAL_BASIS reports that).
	withBases := func(purpose string, bs []model.LegalBasis) string {
		var out []string
		for _, b := range bs {
			out = append(out, m.T("legal.basis."+b.Key))
		}
		if len(out) == 0 {
			return purpose
		}
		return purpose + m.T("punct.colon") + " " + m.List(out)
	}
	var purposes []string
	for _, g := range p.ProcessingGroups {
		title := g.ShortTitle
		if title.IsZero() {
			title = g.Title
		}
		purposes = append(purposes, withBases(r.text(title), g.LegalBases))
	}
	for _, a := range p.Processing {
		if a.Group.ID == "" {
			purposes = append(purposes, withBases(r.text(a.Purpose), a.LegalBases))
		}
	}
	for _, c := range doc.Categories {
		consent := m.T("trackers.consent_not_required")
		if c.ConsentRequired {
			consent = m.T("trackers.consent_required")
		}
		purposes = append(purposes, c.Name+m.T("punct.colon")+" "+lowerFirst(consent))
	}
	add("purposes", m.T("summary.purposes"), purposes...)

	var recipients []string
	for _, g := range doc.Groups {
		for _, a := range g.Activities {
			for _, rc := range a.Recipients {
				name := rc.Name
				if rc.Country != nil && rc.Country.Raw != "" {
					name += " (" + rc.Country.Text + ")"
				}
				if !slices.Contains(recipients, name) {
					recipients = append(recipients, name)
				}
			}
		}
	}
	for _, c := range doc.Categories {
		for _, t := range c.Trackers {
			if t.Provider != nil && !slices.Contains(recipients, t.Provider.Name) {
				recipients = append(recipients, t.Provider.Name)
			}
		}
	}
	if len(recipients) > 0 {
		add("recipients", m.T("summary.recipients"), m.List(recipients))
	}

	var transfers []string
	addTransfers := func(ts []*TransferView) {
		for _, t := range ts {
			if !slices.Contains(transfers, t.Text) {
				transfers = append(transfers, t.Text)
			}
		}
	}
	addTransfers(doc.Transfers)
	for _, g := range doc.Groups {
		for _, a := range g.Activities {
			addTransfers(a.Transfers)
		}
	}
	for _, c := range doc.Categories {
		addTransfers(c.Transfers)
	}
	if len(transfers) == 0 {
		transfers = []string{m.T("summary.no_transfers")}
	}
	add("transfers", m.T("summary.transfers"), transfers...)

	var keep []string
	if len(p.Processing) > 0 {
		keep = append(keep, m.T("summary.retention"))
	}
	if longest := longestLifetime(p); longest != nil {
		if longest.Persistent {
			keep = append(keep, m.T("summary.trackers_persistent"))
		} else {
			keep = append(keep, m.T("summary.trackers_lifetime", "Duration", r.durationText(longest)))
		}
	}
	add("retention", m.T("summary.how_long"), keep...)

	if doc.Rights != nil {
		var rights []string
		for _, f := range doc.Rights.List {
			key := f.Raw
			if key == "complaint" {
				key = "complaint-right"
			}
			name := m.T("legal.rights." + key)
			if len(rights) > 0 {
				name = lowerFirst(name)
			}
			rights = append(rights, name)
		}
		var ways []string
		for _, c := range doc.Rights.Channels {
			switch c.Kind {
			case "form", "email":
				ways = append(ways, c.Value)
			case "post":
				ways = append(ways, strings.Join(c.Address, ", "))
			}
		}
		var authorities []string
		for _, a := range doc.Rights.Authorities {
			authorities = append(authorities, a.Name)
		}
		lines := []string{m.List(rights)}
		if len(ways) > 0 {
			lines = append(lines, m.T("rights.exercise")+m.T("punct.colon")+" "+strings.Join(ways, "; "))
		}
		if len(authorities) > 0 {
			lines = append(lines, m.T("rights.complaint")+m.T("punct.colon")+" "+m.List(authorities))
		}
		add("rights", m.T("rights.heading"), lines...)
	}
	return v
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, s := range parts {
		if s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, sep)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// longestLifetime is the longest lifetime of a tracker or one of its
// names, or nil when none is given.
func longestLifetime(p *model.Policy) *model.Duration {
	var longest *model.Duration
	consider := func(d *model.Duration) {
		if d != nil && (longest == nil || d.Compare(longest) > 0) {
			longest = d
		}
	}
	for _, t := range p.Trackers {
		consider(t.Lifetime)
		for _, n := range t.Names {
			consider(n.Lifetime)
		}
	}
	return longest
}

var summaryTemplate = sync.OnceValue(func() *htmltemplate.Template {
	return htmltemplate.Must(htmltemplate.New("summary").Parse(`{{if not .Fragment}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { margin: 0 auto; max-width: 46rem; padding: 0 1rem 2rem; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .3rem; }
ul { margin: 0; padding-left: 1.2rem; }
</style>
</head>
<body>
<main>
{{end}}<section class="policy-summary" lang="{{.Lang}}" aria-labelledby="summary-title">
<h1 id="summary-title">{{.Title}}</h1>
{{- range .Parts}}
<h2 id="summary-{{.ID}}">{{.Heading}}</h2>
<ul>
{{- range .Lines}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
<p><a href="{{.Link}}" hreflang="{{.Lang}}">{{.LinkText}}</a></p>
</section>
{{if not .Fragment}}</main>
</body>
</html>
{{end}}`))
})

// SummaryHTML and SummaryMarkdown render the first layer.
func summaryHTML(v *summaryView) ([]byte, error) {
	var b bytes.Buffer
	if err := summaryTemplate().Execute(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func summaryMarkdown(v *summaryView) []byte {
	var b strings.Builder
	b.WriteString("# " + escapeLine(v.Title) + "\n")
	for _, part := range v.Parts {
		b.WriteString("\n## " + escapeLine(part.Heading) + "\n\n")
		for _, l := range part.Lines {
			b.WriteString("- " + escapeText(l) + "\n")
		}
	}
	// The link is relative to the page or under --base-url, never a
	// value of the policy, so it needs no scheme check.
	b.WriteString("\n[" + escapeText(v.LinkText) + "](" + destination(v.Link) + ")\n")
	return []byte(b.String())
}
