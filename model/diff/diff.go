// Package diff compares two versions of a policy and reports the changes
// in substance: each keyed by the stable ids of what changed, so that moving
// or reordering an item is no change, and each classed as material or
// editorial by the rules in rules.go.
package diff

import (
	"cmp"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// Class says whether a change needs a notice period or fresh consent
// (material) or is only a matter of presentation (editorial).
type Class string

const (
	Material  Class = "material"
	Editorial Class = "editorial"
)

// Value is one side of a change, kept structured so that each report can
// render it in its own way: the text report as the YAML writes it, the HTML
// page through the locales. Type says what it is: a fact of the policy
// format (duration, retention, date, country, language, basis, safeguard,
// technology, role, party, right, kind, consent, special), a string as the
// YAML writes it, a localized text, a name (Raw is the id, Text the item's
// localized name), or a list of values. Items are the facts that qualify
// the value, shown after it: the provider, category and lifetime of an
// added tracker, the country of a new recipient. docs/diff.md describes
// each type.
//
// A duration, retention rule or date carries the model's value beside Raw,
// its display string: rules compare and pages render that, never Raw.
type Value struct {
	Type  string            `json:"type"`
	Raw   string            `json:"raw,omitempty"`
	Text  map[string]string `json:"text,omitempty"`
	Items []Value           `json:"items,omitempty"`

	Duration  *model.Duration  `json:"-"`
	Retention *model.Retention `json:"-"`
	Date      *model.Date      `json:"-"`
}

// IsZero reports whether the value is absent.
func (v Value) IsZero() bool { return v.Type == "" }

// Part returns the first item of type typ, or a zero value.
func (v *Value) Part(typ string) Value {
	if v == nil {
		return Value{}
	}
	for _, it := range v.Items {
		if it.Type == typ {
			return it
		}
	}
	return Value{}
}

// Label returns the value without its qualifying items.
func (v Value) Label() Value {
	v.Items = nil
	return v
}

// Change is one difference between the old and the new version.
type Change struct {
	Kind string `json:"kind"` // one of Kinds, e.g. "tracker.lifetime"
	Area string `json:"area"` // one of Areas
	Path string `json:"path"` // the ids leading to the value, e.g. "trackers.ga.lifetime"
	// Subject is the item the change is in, when it is not the policy
	// itself: the tracker whose lifetime changed, the activity that gained
	// a recipient.
	Subject *Value `json:"subject,omitempty"`
	Old     *Value `json:"old"` // nil when added
	New     *Value `json:"new"` // nil when removed
	Class   Class  `json:"class"`
	Rule    string `json:"rule"` // the ID of the rule that gave the class
	// Words is the word diff of a localized text, per language whose text
	// changed.
	Words map[string][]model.WordSegment `json:"words,omitempty"`

	segs []string
}

// PolicyDiff is the comparison of two versions of one policy. Old is nil
// when the policy is new, New when it was withdrawn.
type PolicyDiff struct {
	ID       string
	Old, New *model.Policy
	Changes  []Change
}

// Count returns the number of changes of class c.
func (d *PolicyDiff) Count(c Class) int {
	n := 0
	for _, ch := range d.Changes {
		if ch.Class == c {
			n++
		}
	}
	return n
}

// Lang is the language the report shows prose in: the source language of
// the new version, or of the old when the policy was withdrawn.
func (d *PolicyDiff) Lang() string {
	for _, p := range []*model.Policy{d.New, d.Old} {
		if p != nil && len(p.Languages) > 0 {
			return p.Languages[0]
		}
	}
	return "en"
}

// Report is the comparison of two sets of policies, by policy id.
type Report struct {
	Policies []*PolicyDiff
}

// Count returns the number of changes of class c in every policy.
func (r *Report) Count(c Class) int {
	n := 0
	for _, d := range r.Policies {
		n += d.Count(c)
	}
	return n
}

// Len returns the number of changes in every policy.
func (r *Report) Len() int {
	n := 0
	for _, d := range r.Policies {
		n += len(d.Changes)
	}
	return n
}

// Compare pairs the old and new policies by id and compares each pair. When
// each side holds exactly one policy they are paired whatever their ids, so
// that two folders can be compared directly.
func Compare(old, new []*model.Policy) *Report {
	r := &Report{}
	if len(old) == 1 && len(new) == 1 {
		r.Policies = append(r.Policies, ComparePolicy(old[0], new[0]))
		return r
	}
	byID := map[string]*model.Policy{}
	for _, p := range old {
		byID[p.ID] = p
	}
	seen := map[string]bool{}
	for _, p := range new {
		seen[p.ID] = true
		r.Policies = append(r.Policies, ComparePolicy(byID[p.ID], p))
	}
	for _, p := range old {
		if !seen[p.ID] {
			r.Policies = append(r.Policies, ComparePolicy(p, nil))
		}
	}
	slices.SortFunc(r.Policies, func(a, b *PolicyDiff) int { return cmp.Compare(a.ID, b.ID) })
	return r
}

// ComparePolicy compares two versions of a policy; either may be nil.
func ComparePolicy(old, new *model.Policy) *PolicyDiff {
	d := &PolicyDiff{Old: old, New: new}
	switch {
	case old == nil && new == nil:
		return d
	case old == nil:
		d.ID = new.ID
		v := Value{Type: "text", Text: new.Title.Values}
		d.Changes = append(d.Changes, finish(Change{Kind: "policy.added", New: &v}, nil))
		return d
	case new == nil:
		d.ID = old.ID
		v := Value{Type: "text", Text: old.Title.Values}
		d.Changes = append(d.Changes, finish(Change{Kind: "policy.removed", Old: &v}, nil))
		return d
	}
	d.ID = new.ID
	// A language added or removed is one change of languages, not a change
	// of every text.
	var common []string
	for _, l := range new.Languages {
		if slices.Contains(old.Languages, l) {
			common = append(common, l)
		}
	}
	// The two versions flatten independently: on two cores, at once.
	var of *flat
	done := make(chan struct{})
	go func() {
		defer close(done)
		of = flatten(old)
	}()
	nf := flatten(new)
	<-done
	d.Changes = compareFlat(of, nf, common)
	return d
}

// finish fills in what follows from the kind, path and values: the area,
// the word diff of texts in langs, and the class.
func finish(c Change, langs []string) Change {
	c.Path = strings.Join(c.segs, ".")
	c.Area = areaOf(c.segs)
	if (isText(c.Old) || isText(c.New)) && !isPresence(c.Kind) {
		c.Words = wordDiffs(c.Old, c.New, langs)
	}
	classify(&c)
	return c
}

func isText(v *Value) bool { return v != nil && v.Type == "text" }

// isPresence reports whether a kind is an item added or removed as a whole.
func isPresence(kind string) bool {
	return strings.HasSuffix(kind, ".added") || strings.HasSuffix(kind, ".removed")
}

// compareFlat reports every difference between two flattened policies;
// texts are compared in langs.
func compareFlat(old, new *flat, langs []string) []Change {
	var out []Change
	subject := func(parent string) *Value {
		if parent == "" {
			return nil
		}
		if i, ok := new.find(parent); ok {
			v := new.entries[i].value.Label()
			return &v
		}
		if i, ok := old.find(parent); ok {
			v := old.entries[i].value.Label()
			return &v
		}
		return nil
	}
	present := func(f *flat, key string) bool {
		return key == "" || f.has(key)
	}
	add := func(kind string, e *entry, o, n *Value) {
		out = append(out, finish(Change{Kind: kind, segs: e.segs, Subject: subject(e.parent), Old: o, New: n}, langs))
	}
	for i := range new.entries {
		e := &new.entries[i]
		j, inOld := old.find(e.key)
		switch {
		case inOld:
			o := &old.entries[j]
			if e.item && e.compare == "" {
				continue
			}
			if e.weak && o.weak {
				continue
			}
			if !equal(o.value, e.value, langs) {
				kind := e.kind
				if e.item {
					kind = e.compare
				}
				add(kind, e, &o.value, &e.value)
			}
		case !present(old, e.parent):
			// Inside an item that is new as a whole: reported with it.
		case e.item:
			if !e.silent {
				add(e.kind+".added", e, nil, &e.value)
			}
		case !e.weak:
			add(e.kind, e, nil, &e.value)
		}
	}
	for i := range old.entries {
		e := &old.entries[i]
		if new.has(e.key) || !present(new, e.parent) {
			continue
		}
		switch {
		case e.item:
			if !e.silent {
				add(e.kind+".removed", e, &e.value, nil)
			}
		case !e.weak:
			add(e.kind, e, &e.value, nil)
		}
	}
	sortChanges(out)
	return out
}

// sortChanges orders changes by area, then by path segment by segment, so
// that an item's changes stay together whatever characters its ids hold.
func sortChanges(cs []Change) {
	slices.SortFunc(cs, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(areaRank(a.Area), areaRank(b.Area)),
			slices.Compare(a.segs, b.segs),
			cmp.Compare(a.Kind, b.Kind),
		)
	})
}

// equal reports whether two values say the same. Names compare by id only:
// a renamed vendor or category is reported once, where it is defined, not
// at every tracker that refers to it. Texts compare in langs (every
// language when nil), with whitespace collapsed as Markdown renders it.
func equal(a, b Value, langs []string) bool {
	if a.Type != b.Type {
		return false
	}
	if a.Type == "name" {
		return a.Raw == b.Raw
	}
	if a.Raw != b.Raw || len(a.Items) != len(b.Items) || !sameText(a.Text, b.Text, langs) {
		return false
	}
	for i := range a.Items {
		if !equal(a.Items[i], b.Items[i], langs) {
			return false
		}
	}
	return true
}

func sameText(a, b map[string]string, langs []string) bool {
	if langs == nil {
		if len(a) != len(b) {
			return false
		}
		for l, s := range a {
			if t, ok := b[l]; !ok || !sameWords(s, t) {
				return false
			}
		}
		return true
	}
	for _, l := range langs {
		s, inA := a[l]
		t, inB := b[l]
		if inA != inB || !sameWords(s, t) {
			return false
		}
	}
	return true
}

func sameWords(s, t string) bool { return s == t || normalize(s) == normalize(t) }

func normalize(s string) string {
	if !strings.ContainsAny(s, " \t\n\r") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Areas are the parts of a policy changes are grouped by, in report order.
var Areas = []string{"policy", "parties", "vendors", "trackers", "processing", "transfers", "rights", "sections"}

// areaOfKey maps the first segment of a path to its area.
var areaOfKey = map[string]string{
	"id": "policy", "version": "policy", "effective": "policy", "title": "policy", "kind": "policy", "languages": "policy", "banner": "policy", "changelog": "policy",
	"controllers": "parties", "dpo": "parties",
	"vendors":            "vendors",
	"tracker-categories": "trackers", "trackers": "trackers",
	"processing-groups": "processing", "processing": "processing", "recipients": "processing",
	"data-categories": "processing", "data-subjects": "processing", "footnotes": "processing",
	"security-measures": "processing",
	"transfers":         "transfers",
	"rights":            "rights",
	"sections":          "sections",
}

func areaOf(segs []string) string {
	if len(segs) == 0 {
		return "policy"
	}
	return areaOfKey[segs[0]]
}

func areaRank(a string) int { return slices.Index(Areas, a) }
