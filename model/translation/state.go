package translation

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// Rules of the translation checks.
var (
	RuleStale       = model.Rule{ID: "TRANSLATION_STALE", Doc: "a translation was confirmed against a source text that has changed since (a warning with --allow-stale)"}
	RuleUnconfirmed = model.Rule{ID: "TRANSLATION_UNCONFIRMED", Doc: "a translation was never confirmed (warning)"}
	RuleModified    = model.Rule{ID: "TRANSLATION_MODIFIED", Doc: "a translation was changed after it was confirmed: what the pages say is not what was reviewed (warning)"}
	RuleLock        = model.Rule{ID: "TRANSLATION_LOCK", Doc: "translations.lock cannot be used: unreadable, edited by hand, of another format version, or made from another source language"}
	RuleImport      = model.Rule{ID: "TRANSLATION_IMPORT", Doc: "an XLIFF file that cannot be imported: malformed, an unknown policy or unit, a wrong language, or a source text that changed since the export"}
)

// Rules lists the rules of this package, for documentation.
var Rules = []model.Rule{RuleStale, RuleModified, RuleUnconfirmed, RuleLock, RuleImport, RuleFact}

// SourceLang is the language p's translations are made from: the first of
// its languages.
func SourceLang(p *model.Policy) string {
	if len(p.Languages) == 0 {
		return ""
	}
	return p.Languages[0]
}

// Targets are the languages p is translated into: all but the first.
func Targets(p *model.Policy) []string {
	if len(p.Languages) < 2 {
		return nil
	}
	return p.Languages[1:]
}

// Status is the state of one translation.
type Status int

// The states of a translation, in the order status reports them.
const (
	Confirmed   Status = iota // confirmed against the current source text, and unchanged since
	Stale                     // confirmed against a source text that has changed since
	Modified                  // changed itself since it was confirmed
	Unconfirmed               // never confirmed
	Missing                   // no text, or an empty one
)

var statusNames = []string{"confirmed", "stale", "modified", "unconfirmed", "missing"}

func (s Status) String() string { return statusNames[s] }

// ParseStatus reads a status name.
func ParseStatus(s string) (Status, error) {
	if i := slices.Index(statusNames, s); i >= 0 {
		return Status(i), nil
	}
	return 0, fmt.Errorf("unknown translation state %q; use %s", s, strings.Join(statusNames, ", "))
}

// Unit is one translation: a field in one target language.
type Unit struct {
	Path   string
	Lang   string
	Text   model.Text
	Source string // the current source text
	Target string // the current translation
	Status Status
	// Previous is the source text the translation was confirmed against,
	// when that differs from the current one.
	Previous string
	// Reviewed is the translation as it was confirmed, when it has been
	// modified since.
	Reviewed string
}

// Pos is where the translation is written, or where it belongs when it is
// missing.
func (u Unit) Pos() model.Pos { return u.Text.At(u.Lang) }

// State is the translation state of one policy.
type State struct {
	Policy   *model.Policy
	Source   string // the source language
	LockPath string
	Lock     *Lock // nil when the policy has no lock file
	Fields   []model.TextField
	Units    []Unit // by field in document order, then by language in the policy's order
}

// Load reads the lock of p and compares it with p's texts. A lock that
// cannot be used gives findings and no state.
func Load(p *model.Policy) (*State, model.Diagnostics) {
	path := LockPath(p)
	lock, ds := ReadLock(path)
	if len(ds) > 0 {
		return nil, ds
	}
	src := SourceLang(p)
	if lock != nil && src != "" && lock.Source != src {
		ds.Errorf(lock.sourcePos, RuleLock,
			`check the translations against the new source, then delete the lock and run "policyc i18n confirm"`,
			"the lock records translations from %s, but the source language of policy %s is now %s (the first of its languages)",
			lock.Source, p.ID, src)
		return nil, ds
	}
	s := &State{Policy: p, Source: src, LockPath: path, Lock: lock, Fields: p.Texts}
	if n := len(s.Fields) * len(Targets(p)); n > 0 {
		s.Units = make([]Unit, 0, n)
	}
	for _, f := range s.Fields {
		for _, lang := range Targets(p) {
			s.Units = append(s.Units, s.unit(f, lang))
		}
	}
	return s, nil
}

func (s *State) unit(f model.TextField, lang string) Unit {
	u := Unit{Path: f.Path, Lang: lang, Text: f.Text, Source: f.Text.Values[s.Source], Target: f.Text.Values[lang]}
	e, ok := s.entry(f, lang)
	switch {
	case strings.TrimSpace(u.Target) == "":
		u.Status = Missing
	case strings.TrimSpace(u.Source) == "" || !ok:
		u.Status = Unconfirmed
	case e.Hash != Hash(s.Source, u.Source) && !(sameProse(e.Source, u.Source) && sameFacts(u.Source, u.Target)):
		u.Status, u.Previous = Stale, e.Source
	case e.TranslationHash != "" && e.Translation != u.Target && !sameProse(e.Translation, u.Target):
		u.Status, u.Reviewed = Modified, e.Translation
	default:
		u.Status = Confirmed
	}
	return u
}

// sameProse reports whether two texts differ at most in the values of their
// inline facts: a change of facts alone, made in every language, leaves a
// translation as it was confirmed, as the facts are data that no translator
// writes. FACT_DRIFT reports a language whose facts differ.
func sameProse(a, b string) bool {
	return maskFacts(a) == maskFacts(b)
}

// sameFacts reports whether two texts state the same inline facts.
func sameFacts(a, b string) bool {
	fa, fb := model.InlineFacts(a), model.InlineFacts(b)
	return slices.EqualFunc(fa, fb, func(x, y model.InlineFact) bool { return x.Kind == y.Kind && x.Value == y.Value })
}

// maskFacts writes each inline fact of s as its kind alone: {duration}.
func maskFacts(s string) string {
	return model.ExpandInline(s, func(f model.InlineFact) (string, bool) { return "{" + f.Kind + "}", true })
}

// entry is what the lock records for the translation of f into lang: under
// its path, or in a lock of version 1 under the path that version gave it.
func (s *State) entry(f model.TextField, lang string) (Entry, bool) {
	e, ok := s.Lock.Get(f.Path, lang)
	if !ok && f.V1Path != "" && s.Lock != nil && s.Lock.Version == 1 {
		e, ok = s.Lock.Get(f.V1Path, lang)
	}
	return e, ok
}

// Counts are the numbers of translations into one language by state.
type Counts struct {
	Lang        string `json:"lang"`
	Total       int    `json:"total"`
	Confirmed   int    `json:"confirmed"`
	Stale       int    `json:"stale"`
	Modified    int    `json:"modified"`
	Unconfirmed int    `json:"unconfirmed"`
	Missing     int    `json:"missing"`
}

// Counts counts the translations into each target language, in the
// policy's order of languages.
func (s *State) Counts() []Counts {
	var out []Counts
	for _, lang := range Targets(s.Policy) {
		c := Counts{Lang: lang}
		for _, u := range s.Units {
			if u.Lang != lang {
				continue
			}
			c.Total++
			switch u.Status {
			case Confirmed:
				c.Confirmed++
			case Stale:
				c.Stale++
			case Modified:
				c.Modified++
			case Unconfirmed:
				c.Unconfirmed++
			case Missing:
				c.Missing++
			}
		}
		out = append(out, c)
	}
	return out
}

// Unconfirmed reports translations never confirmed, as warnings at the
// translated text. A policy without a lock gets one warning instead of one
// per text: it has not started tracking its translations.
func (s *State) Unconfirmed() model.Diagnostics {
	var ds model.Diagnostics
	if s.Lock == nil {
		n := 0
		for _, u := range s.Units {
			if u.Status != Missing {
				n++
			}
		}
		if n > 0 {
			ds.Warnf(s.Policy.At("languages"), RuleUnconfirmed,
				fmt.Sprintf(`review them, then run "policyc i18n confirm %s"`, model.DisplayPath(dirOf(s.Policy))),
				"%d %s into %s %s unconfirmed: there is no %s", n, plural(n, "translation", "translations"),
				strings.Join(Targets(s.Policy), ", "), plural(n, "is", "are"), LockFile)
		}
		return ds
	}
	for _, u := range s.Units {
		if u.Status == Unconfirmed {
			ds.Warnf(u.Pos(), RuleUnconfirmed, "review it, then run "+s.confirmCommand(u), "%s translation of %s is unconfirmed", u.Lang, s.name(u))
		}
	}
	return ds
}

// Modified reports translations changed after they were confirmed, with
// the word diff from the translation as confirmed, as warnings at the
// translation.
func (s *State) Modified() model.Diagnostics {
	var ds model.Diagnostics
	for _, u := range s.Units {
		if u.Status == Modified {
			ds.Warnf(u.Pos(), RuleModified, "have the change reviewed, then run "+s.confirmCommand(u),
				"%s translation of %s was changed since it was confirmed: %s", u.Lang, s.name(u), WordDiff(u.Reviewed, u.Target))
		}
	}
	return ds
}

// Stale reports translations confirmed against a source text that has
// changed since: errors, or warnings when allowStale. Missing translations
// are left to MISSING_TRANSLATION.
func (s *State) Stale(allowStale bool) model.Diagnostics {
	var ds model.Diagnostics
	if s.Lock == nil {
		return nil
	}
	sev := model.Error
	if allowStale {
		sev = model.Warning
	}
	for _, u := range s.Units {
		if u.Status == Stale {
			ds.Add(u.Pos(), sev, RuleStale, fmt.Sprintf("update the %s text, then run %s", u.Lang, s.confirmCommand(u)),
				"%s translation of %s is stale: source changed: %s", u.Lang, s.name(u), WordDiff(u.Previous, u.Source))
		}
	}
	return ds
}

// confirmCommand is the command that confirms u, runnable as it is from the
// working directory.
func (s *State) confirmCommand(u Unit) string {
	return fmt.Sprintf(`"policyc i18n confirm %s --lang %s --field %s"`, model.DisplayPath(dirOf(s.Policy)), u.Lang, u.Path)
}

// name is how a message names the text of u: by its path, and for a text
// written in a file that several policies may include, with the policy
// whose lock it is.
func (s *State) name(u Unit) string {
	if file := u.Text.At(s.Source).File; file != "" && filepath.Clean(file) != filepath.Clean(s.Policy.File) {
		return fmt.Sprintf("%s of policy %s", u.Path, s.Policy.ID)
	}
	return u.Path
}

// Selection picks the translations a command acts on: all when empty.
type Selection struct {
	Langs  []string
	Fields []string // a field path, or the path of an item to select all its texts
}

// Match reports whether the translation of path into lang is selected.
func (sel Selection) Match(path, lang string) bool {
	if len(sel.Langs) > 0 && !slices.Contains(sel.Langs, lang) {
		return false
	}
	return len(sel.Fields) == 0 || slices.ContainsFunc(sel.Fields, func(f string) bool { return matchField(f, path) })
}

func matchField(f, path string) bool {
	return path == f || strings.HasPrefix(path, f+".")
}

// Confirm records the selected translations as confirmed against the
// current source text and returns the new lock and the translations whose
// state it changed. Entries of texts and languages the policy no longer has
// are dropped. A selected translation that is missing or empty, or whose
// source text is, is refused: findings, and no lock.
func (s *State) Confirm(sel Selection) (*Lock, []Unit, model.Diagnostics) {
	lock := s.keptLock()
	var changed []Unit
	var ds model.Diagnostics
	for _, u := range s.Units {
		if !sel.Match(u.Path, u.Lang) {
			continue
		}
		switch {
		case strings.TrimSpace(u.Target) == "":
			ds.Errorf(u.Pos(), model.RuleMissingLang, fmt.Sprintf(`write the %s text first, or leave it out with --lang or --field`, u.Lang),
				"cannot confirm the %s translation of %s: it is empty or missing", u.Lang, u.Path)
		case strings.TrimSpace(u.Source) == "":
			ds.Errorf(u.Text.At(s.Source), model.RuleMissingLang, fmt.Sprintf("write the %s text first", s.Source),
				"cannot confirm the %s translation of %s: its %s source text is empty or missing", u.Lang, u.Path, s.Source)
		default:
			lock.Set(u.Path, u.Lang, u.Source, u.Target)
			if u.Status != Confirmed {
				changed = append(changed, u)
			}
		}
	}
	if len(ds) > 0 {
		return nil, nil, ds
	}
	return lock, changed, nil
}

// keptLock copies the entries of the current lock that still name a text
// and a target language of the policy, under the text's current path. An
// entry of a version 1 lock, which did not record the translation, takes
// the translation as it is now: the migration.
func (s *State) keptLock() *Lock {
	lock := NewLock(s.Source)
	if s.Lock == nil {
		return lock
	}
	for _, f := range s.Fields {
		for _, lang := range Targets(s.Policy) {
			e, ok := s.entry(f, lang)
			if !ok {
				continue
			}
			if e.TranslationHash == "" {
				target := f.Text.Values[lang]
				if strings.TrimSpace(target) == "" {
					continue
				}
				e.TranslationHash, e.Translation = Hash(lang, target), target
			}
			if lock.Entries[f.Path] == nil {
				lock.Entries[f.Path] = map[string]Entry{}
			}
			lock.Entries[f.Path][lang] = e
		}
	}
	return lock
}

func dirOf(p *model.Policy) string { return filepath.Dir(p.File) }

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
