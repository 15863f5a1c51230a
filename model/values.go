package model

import (
	"fmt"
	"slices"
)

// Node is embedded in every mapping type: the position of the mapping and of
// each of its values, keyed by YAML key, so checks can point at a value.
type Node struct {
	Pos    Pos      `yaml:"-"`
	Fields []KeyPos `yaml:"-"`
}

// KeyPos is where the value of one key starts, in the file of the mapping
// that holds it. A mapping has a few keys, so a list is searched faster than
// a map, and a 100,000-row policy holds a million of them.
type KeyPos struct {
	Key  string `json:"key"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// At returns the position of the value under key, or of the mapping when the
// key is absent.
func (n Node) At(key string) Pos {
	for _, f := range n.Fields {
		if f.Key == key {
			return Pos{File: n.Pos.File, Line: f.Line, Col: f.Col}
		}
	}
	return n.Pos
}

// Has reports whether the mapping gives key, even with an empty value.
func (n Node) Has(key string) bool {
	for _, f := range n.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

// Text is a localized text: Markdown per language code.
type Text struct {
	Pos       Pos
	Values    map[string]string
	Positions []KeyPos // where each language's text starts, keyed by language
}

// IsZero reports whether the text was not given.
func (t Text) IsZero() bool { return t.Values == nil }

// Source says where personal data come from (GDPR Art. 14(2)(f)): the
// data subject ("source: data-subject"), or the source named in a
// localized text, with whether it is publicly accessible.
type Source struct {
	Pos         Pos
	DataSubject bool
	Text        Text
}

// IsZero reports whether no source was given.
func (s Source) IsZero() bool { return !s.DataSubject && s.Text.IsZero() }

// Elsewhere reports whether the source is named, as one that is not the
// data subject.
func (s Source) Elsewhere() bool { return !s.DataSubject && !s.Text.IsZero() }

// Get returns the text in lang.
func (t Text) Get(lang string) string { return t.Values[lang] }

// At returns the position of the text in lang, or of the mapping.
func (t Text) At(lang string) Pos {
	for _, p := range t.Positions {
		if p.Key == lang {
			return Pos{File: t.Pos.File, Line: p.Line, Col: p.Col}
		}
	}
	return t.Pos
}

// Languages returns the languages of the text, sorted, in buf when they
// fit, so that the checks that walk every text of a large policy allocate
// nothing for it. The languages come from Positions, which the loader
// fills key for key with Values, unless the two differ in number or
// Positions repeats a key: that spares iterating the map.
func (t Text) Languages(buf []string) []string {
	keys := buf[:0]
	if len(t.Positions) == len(t.Values) {
		for _, p := range t.Positions {
			keys = append(keys, p.Key)
		}
		sortFew(keys)
		if !hasAdjacentDuplicate(keys) {
			return keys
		}
	}
	keys = keys[:0]
	for k := range t.Values {
		keys = append(keys, k)
	}
	sortFew(keys)
	return keys
}

// sortFew sorts a text's few languages by insertion, which costs a
// fraction of the general sort on three of them.
func sortFew(keys []string) {
	if len(keys) > 12 {
		slices.Sort(keys)
		return
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

func hasAdjacentDuplicate(sorted []string) bool {
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return true
		}
	}
	return false
}

// Ref is a reference by id to an item defined elsewhere in the policy.
type Ref struct {
	Pos Pos
	ID  string
}

// Date is an ISO 8601 calendar date.
type Date struct {
	Pos   Pos
	Year  int
	Month int
	Day   int
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// URL is a link with an allowed scheme (https, http or mailto).
type URL struct {
	Pos Pos
	URL string
}

// Country is an ISO 3166-1 alpha-2 code, or EU or EEA.
type Country struct {
	Pos  Pos
	Code string
}

// Duration is a tracker lifetime or a retention period: a session, an
// amount of a unit, a session capped by a maximum, a maximum alone ("at
// most 2 years": the table states only an upper bound), or persistent (no
// expiry, as local storage).
type Duration struct {
	Pos        Pos
	Session    bool
	Persistent bool
	Amount     int
	Unit       string // minute, hour, day, week, month, year
	Max        *Duration
}

// Retention is one storage rule of a processing activity. Exactly one of
// Period, Until, Max alone or Criteria describes the rule.
type Retention struct {
	Node
	Rule    string    // the rule as written
	Period  *Duration // kept for this long ...
	From    string    // ... counted from this event
	Until   string    // kept until this event ...
	Plus    *Duration // ... plus this long
	Archive *Duration // then kept in archive this long
	// Anonymised says the data are anonymised, not deleted, when the
	// period ends ("28 days, then anonymised").
	Anonymised bool
	// Typical says Period is the usual period, not a cap: "typically 25
	// months" keeps most data that long and some longer.
	Typical  bool
	Max      *Duration // at most this long
	Criteria Text      // the criteria used to determine the period, when no rule fits
	For      []Ref     // the data categories the rule applies to, when not all
	Note     Text      // a qualifier of the rule
}

// LegalBasis is a legal basis of processing: one of the six of Art. 6(1)
// GDPR, a condition of Art. 9(2) or a derogation of Art. 49(1), with the
// part of the processing it covers when not all ("only for crash reports").
type LegalBasis struct {
	Pos       Pos
	Key       string
	AppliesTo Text
}

// Technology is how a tracker stores or reads data.
type Technology struct {
	Pos Pos
	Key string
}

// Safeguard is the ground of a transfer outside the EEA.
type Safeguard struct {
	Pos Pos
	Key string
}

// Right is a data subject right.
type Right struct {
	Pos Pos
	Key string
}

// IncludePath is a file named by include, relative to the including file.
type IncludePath struct {
	Pos  Pos
	Path string
}

// The mapping forms of values that may also be written as one scalar. The
// decoder reads them and the JSON Schema describes them.

// trackerNameEntry is a tracker name with a lifetime of its own.
type trackerNameEntry struct {
	Node
	Name     string    `yaml:",required"` // the cookie or storage key
	Lifetime *Duration // overrides the lifetime of the row
}

// recipientUseEntry is a recipient of an activity with a qualifier.
type recipientUseEntry struct {
	Node
	Recipient Ref  `yaml:",required"` // a recipient id
	Note      Text // a qualifier such as "partial information only"
}

// retentionEntry is a retention rule with the data it applies to, or the
// criteria that determine the period when no rule fits.
type retentionEntry struct {
	Node
	Rule     string // "13 months from collection", "until contract-end + 90 days", "at most 5 years"
	Criteria Text   // the criteria used to determine the period, as a last resort
	For      []Ref  // the data categories the rule applies to, when not all
	Note     Text   // a qualifier of the rule
}

// authorityEntry is a supervisory authority policyc does not know by key.
type authorityEntry struct {
	Node
	Name        localName `yaml:",required"` // the name, as text or localized
	Country     Country   `yaml:",required"`
	URL         URL
	Description Text
}

// localName is a name written once, or localized when it differs by
// language.
type localName struct {
	Plain string
	Text  Text
}

// legalBasisEntry is a legal basis with the part of the processing it
// covers.
type legalBasisEntry struct {
	Node
	Basis     string `yaml:",required"` // the legal basis
	AppliesTo Text   // the part of the processing the basis covers, e.g. "only for crash reports"
}

// dataUseEntry is a data category of an activity with where its data stay.
type dataUseEntry struct {
	Node
	Category Ref  `yaml:",required"` // a data category id
	OnDevice bool // the data never leave the visitor's device
}

// TCFPurpose is a purpose id of the IAB Transparency and Consent Framework
// v2.2, 1 to 11 ("Store and/or access information on a device" is 1).
type TCFPurpose struct {
	Pos Pos
	ID  int
}

// MaxTCFPurpose is the highest purpose id of TCF v2.2.
const MaxTCFPurpose = 11
