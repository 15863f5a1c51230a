// Package consent keeps the revision of a policy's consent banner: a number
// that changes only when visitors must be asked again, because what they
// would consent to grew. A record beside the policy (consent.lock) holds the
// revision and the consent facts it was issued for; the exports compare the
// policy with it under the materiality rules of policyc diff.
package consent

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/diff"
	"go.yaml.in/yaml/v3"
)

// RecordFile is the name of the record beside a policy's policy.yaml.
const RecordFile = "consent.lock"

// RecordPath is where the record of p is.
func RecordPath(p *model.Policy) string {
	return filepath.Join(filepath.Dir(p.File), RecordFile)
}

// Facts are what a visitor consents to: which tracker categories need
// consent and, of every tracker in one that does, its names with their
// lifetimes, technologies, provider, party and countries.
type Facts struct {
	// Categories maps each tracker category to whether it needs consent.
	Categories map[string]bool `yaml:"consent-required"`
	Trackers   []Tracker       `yaml:"trackers,omitempty"`
}

// Tracker is one tracker of a category that needs consent.
type Tracker struct {
	ID           string   `yaml:"id"`
	Category     string   `yaml:"category"`
	Provider     string   `yaml:"provider,omitempty"`
	Party        string   `yaml:"party,omitempty"`
	Technologies []string `yaml:"technologies,omitempty,flow"`
	// Countries are the countries the data go to: the provider's and the
	// tracker's own.
	Countries []string `yaml:"countries,omitempty,flow"`
	Names     []Name   `yaml:"names"`
}

// Name is a cookie or key with the lifetime in force for it; empty when
// the policy states none.
type Name struct {
	Name     string `yaml:"name"`
	Lifetime string `yaml:"lifetime,omitempty"`
}

// FactsOf returns the consent facts of p, sorted so that the order of the
// YAML does not matter.
func FactsOf(p *model.Policy) Facts {
	f := Facts{Categories: map[string]bool{}}
	for _, c := range p.TrackerCategories {
		f.Categories[c.ID] = c.ConsentRequired
	}
	vendors := map[string]*model.Vendor{}
	for _, v := range p.Vendors {
		vendors[v.ID] = v
	}
	for _, t := range p.Trackers {
		if !f.Categories[t.Category.ID] {
			continue
		}
		r := Tracker{ID: t.ID, Category: t.Category.ID, Provider: t.Provider.ID, Party: t.Party}
		for _, tech := range t.Technologies {
			r.Technologies = append(r.Technologies, tech.Key)
		}
		if v := vendors[t.Provider.ID]; v != nil && v.Country.Code != "" {
			r.Countries = append(r.Countries, v.Country.Code)
		}
		for _, c := range t.Countries {
			r.Countries = append(r.Countries, c.Code)
		}
		for _, n := range t.Names {
			l := n.Lifetime
			if l == nil {
				l = t.Lifetime
			}
			name := Name{Name: n.Name}
			if l != nil {
				name.Lifetime = l.String()
			}
			r.Names = append(r.Names, name)
		}
		slices.Sort(r.Technologies)
		r.Technologies = slices.Compact(r.Technologies)
		slices.Sort(r.Countries)
		r.Countries = slices.Compact(r.Countries)
		slices.SortFunc(r.Names, func(a, b Name) int { return strings.Compare(a.Name, b.Name) })
		f.Trackers = append(f.Trackers, r)
	}
	slices.SortFunc(f.Trackers, func(a, b Tracker) int { return strings.Compare(a.ID, b.ID) })
	return f
}

// A Change is a material change of the consent facts: the reason visitors
// are asked again. Rule is the ID of the diff rule it falls under.
type Change struct {
	Rule    string
	Summary string
}

// Material returns the material changes from the facts old to the facts
// now, by the rules policyc diff applies to the whole policy: a tracker or
// name in a category that needs consent that old did not have there
// (NEW_CONSENT_TRACKER, which a category that starts to need consent
// gives for each of its trackers), a longer lifetime, or one that can no
// longer be compared (LONGER_RETENTION, RETENTION_UNCLEAR), another
// provider or a first-party tracker become third-party (NEW_RECIPIENT), a
// new country outside the EEA (NEW_TRANSFER), a new technology
// (NEW_TECHNOLOGY). A removed tracker or name, a shorter lifetime and a
// category that stops needing consent ask nothing more of visitors.
func Material(old, now Facts) []Change {
	var out []Change
	add := func(rule, format string, args ...any) {
		out = append(out, Change{rule, fmt.Sprintf(format, args...)})
	}
	before := map[string]Tracker{}
	for _, t := range old.Trackers {
		before[t.ID] = t
	}
	for _, t := range now.Trackers {
		o, ok := before[t.ID]
		switch {
		case !ok && hasCategory(old, t.Category) && !old.Categories[t.Category]:
			add("NEW_CONSENT_TRACKER", "category %q needs consent now, for tracker %q", t.Category, t.ID)
			continue
		case !ok:
			add("NEW_CONSENT_TRACKER", "tracker %q is new in category %q, which needs consent", t.ID, t.Category)
			continue
		case o.Category != t.Category:
			add("NEW_CONSENT_TRACKER", "tracker %q moved from category %q to %q", t.ID, o.Category, t.Category)
			continue
		}
		names := map[string]Name{}
		for _, n := range o.Names {
			names[n.Name] = n
		}
		for _, n := range t.Names {
			was, ok := names[n.Name]
			switch {
			case !ok:
				add("NEW_CONSENT_TRACKER", "tracker %q has the new name %q", t.ID, n.Name)
			case was.Lifetime == n.Lifetime:
			case was.Lifetime == "" || n.Lifetime == "":
				add("RETENTION_UNCLEAR", "the lifetime of %q of tracker %q is %s, was %s", n.Name, t.ID, orNone(n.Lifetime), orNone(was.Lifetime))
			default:
				a, errA := model.ParseDuration(was.Lifetime)
				b, errB := model.ParseDuration(n.Lifetime)
				if errA != nil || errB != nil {
					add("RETENTION_UNCLEAR", "the lifetime of %q of tracker %q is %s, was %s", n.Name, t.ID, n.Lifetime, was.Lifetime)
				} else if b.Compare(a) > 0 {
					add("LONGER_RETENTION", "the lifetime of %q of tracker %q is %s, longer than %s", n.Name, t.ID, n.Lifetime, was.Lifetime)
				}
			}
		}
		if t.Provider != o.Provider && t.Provider != "" {
			add("NEW_RECIPIENT", "tracker %q has the provider %q, was %s", t.ID, t.Provider, orNone(o.Provider))
		}
		if t.Party == "third" && o.Party != "third" {
			add("NEW_RECIPIENT", "tracker %q is third-party, was %s", t.ID, orNone(o.Party))
		}
		for _, c := range t.Countries {
			if !slices.Contains(o.Countries, c) && !diff.InEEA(c) {
				add("NEW_TRANSFER", "tracker %q sends data to %s, outside the EEA", t.ID, c)
			}
		}
		for _, tech := range t.Technologies {
			if !slices.Contains(o.Technologies, tech) {
				add("NEW_TECHNOLOGY", "tracker %q uses %s", t.ID, tech)
			}
		}
	}
	return out
}

func hasCategory(f Facts, id string) bool { _, ok := f.Categories[id]; return ok }

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// Record is the committed state of a policy's banner: the revision and the
// consent facts it was issued for.
type Record struct {
	Revision int `yaml:"revision"`
	Facts    `yaml:",inline"`
}

const recordHeader = `# The revision of this policy's consent banner and the consent facts it was
# issued for. policyc export cookieconsent|klaro writes it: the revision goes
# up by one when the facts change materially (visitors are asked again).
# Commit it with the policy; do not edit it.
`

// ReadRecord reads the record at path; nil, nil when there is none.
func ReadRecord(path string) (*Record, error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r Record
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not a consent record: %v", err)
	}
	if r.Revision < 1 {
		return nil, fmt.Errorf("not a consent record: revision must be 1 or more")
	}
	if r.Categories == nil {
		r.Categories = map[string]bool{}
	}
	return &r, nil
}

// Recorded reports whether the file at path is exactly the record of the
// facts of p now, as the exports write it: the common case of a check,
// answered without reading the file as YAML.
func Recorded(path string, p *model.Policy) bool {
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte(recordHeader+"revision: ")) {
		return false
	}
	rest := b[len(recordHeader)+len("revision: "):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return false
	}
	rev, err := strconv.Atoi(string(rest[:end]))
	if err != nil || rev < 1 {
		return false
	}
	return bytes.Equal(b, (&Record{Revision: rev, Facts: FactsOf(p)}).Marshal())
}

// Marshal returns the record as written to disk: the same bytes for the
// same record.
func (r *Record) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString(recordHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(r); err != nil {
		panic(err) // a Record always encodes
	}
	enc.Close()
	return b.Bytes()
}

// Next returns the record for the facts of p now, after old (nil when p
// has none yet): revision 1 for a first record, old's revision plus one
// after a material change, old's revision otherwise; and the changes that
// made it go up.
func Next(old *Record, p *model.Policy) (*Record, []Change) {
	now := FactsOf(p)
	if old == nil {
		return &Record{Revision: 1, Facts: now}, nil
	}
	changes := Material(old.Facts, now)
	r := &Record{Revision: old.Revision, Facts: now}
	if len(changes) > 0 {
		r.Revision++
	}
	return r, changes
}
