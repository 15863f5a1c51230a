package translation

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// ImportPlan is an import checked in full and ready to write: the new
// bytes of every YAML file a translation is written to and of every lock
// that confirms them.
type ImportPlan struct {
	Files   []PlannedFile
	Locks   []PlannedFile
	Written int // translations whose text changes
	Kept    int // translations imported unchanged, only confirmed
	Skipped int // units without a target, left alone
}

// PlannedFile is a file and its new content, with the number of
// translations it writes, or for a lock the number it newly confirms.
type PlannedFile struct {
	Path  string
	Data  []byte
	Count int
}

// PlanImport checks every unit of doc against the policies and prepares
// the writes: each target replaces the text of its language, and the lock
// records it as confirmed against the unit's source. A unit whose file or
// id names no policy or text, a document whose languages are not the
// policy's, or a unit whose source is no longer the policy's, is an error;
// any error and the plan is nil, so that nothing is written. Units without
// a target are skipped.
func PlanImport(doc *Document, states []*State) (*ImportPlan, model.Diagnostics) {
	var ds model.Diagnostics
	fail := func(pos model.Pos, fix, format string, args ...any) {
		ds.Errorf(pos, RuleImport, fix, format, args...)
	}
	byID := map[string]*State{}
	for _, s := range states {
		byID[s.Policy.ID] = s
	}
	plan := &ImportPlan{}
	type target struct {
		text  model.Text
		lang  string
		value string
		unit  DocUnit
	}
	var targets []target
	confirmed := map[*State][]Unit{}
	seenFile := map[string]bool{}
	for _, f := range doc.Files {
		s := byID[f.ID]
		switch {
		case seenFile[f.ID]:
			fail(f.Pos, "", "policy %s has two <file> elements", f.ID)
			continue
		case s == nil:
			fail(f.Pos, "give the folder of the policy as PATH", "no policy %q among the policies loaded", f.ID)
			continue
		case doc.SrcLang != s.Source:
			fail(doc.Pos, "export the file again", "the document translates from %s, but policy %s translates from %s", doc.SrcLang, f.ID, s.Source)
			continue
		case !slices.Contains(Targets(s.Policy), doc.TrgLang):
			fail(doc.Pos, "", "the document translates into %s, which is not a translation of policy %s (%s)", doc.TrgLang, f.ID, strings.Join(Targets(s.Policy), ", "))
			continue
		}
		seenFile[f.ID] = true
		units := map[string]Unit{}
		for _, u := range s.Units {
			if u.Lang == doc.TrgLang {
				units[u.Path] = u
			}
		}
		seenUnit := map[string]bool{}
		for _, du := range f.Units {
			u, ok := units[du.ID]
			switch {
			case seenUnit[du.ID]:
				fail(du.Pos, "", "unit %s is given twice", du.ID)
				continue
			case !ok:
				fail(du.Pos, "", "unknown unit id %q: policy %s has no localized text with that path", du.ID, f.ID)
				continue
			case du.Source != u.Source:
				fail(du.Pos, "export the file again and carry the translation over", "the source of %s changed since the export: %s", du.ID, WordDiff(du.Source, u.Source))
				continue
			}
			seenUnit[du.ID] = true
			if !du.HasTarget || strings.TrimSpace(du.Target) == "" {
				plan.Skipped++
				continue
			}
			targets = append(targets, target{text: u.Text, lang: u.Lang, value: du.Target, unit: du})
			u.Target = du.Target
			confirmed[s] = append(confirmed[s], u)
		}
	}
	// One text can be reached by more than one path (a YAML alias) or
	// policy (an included file); it takes one translation.
	type textKey struct {
		pos  model.Pos
		lang string
	}
	chosen := map[textKey]target{}
	edits := map[string][]TextEdit{}
	for _, t := range targets {
		k := textKey{t.text.Pos, t.lang}
		if prev, dup := chosen[k]; dup {
			if prev.value != t.value {
				fail(t.unit.Pos, "give both units the same target", "unit %s shares its text with unit %s at line %d, with a different target", t.unit.ID, prev.unit.ID, prev.unit.Pos.Line)
			}
			continue
		}
		chosen[k] = t
		if t.text.Values[t.lang] == t.value {
			plan.Kept++
			continue
		}
		plan.Written++
		file := filepath.Clean(t.text.Pos.File)
		edits[file] = append(edits[file], TextEdit{Text: t.text, Lang: t.lang, Value: t.value})
	}
	for _, file := range sortedKeys(edits) {
		src, err := os.ReadFile(file)
		if err != nil {
			fail(model.Pos{File: file, Line: 1, Col: 1}, "", "cannot read the file: %v", err)
			continue
		}
		out, err := EditYAML(src, edits[file])
		if err != nil {
			fail(model.Pos{File: file, Line: 1, Col: 1}, "", "cannot write the translations: %v", err)
			continue
		}
		plan.Files = append(plan.Files, PlannedFile{Path: file, Data: out, Count: len(edits[file])})
	}
	for _, s := range states {
		units := confirmed[s]
		if len(units) == 0 {
			continue
		}
		lock := s.keptLock()
		changed := 0
		for _, u := range units {
			lock.Set(u.Path, u.Lang, u.Source, u.Target)
			if u.Status != Confirmed {
				changed++
			}
		}
		data, err := lock.Marshal()
		if err != nil {
			fail(model.Pos{File: s.LockPath, Line: 1, Col: 1}, "", "%v", err)
			continue
		}
		plan.Locks = append(plan.Locks, PlannedFile{Path: s.LockPath, Data: data, Count: changed})
	}
	if len(ds) > 0 {
		return nil, ds
	}
	return plan, nil
}

// Write writes the planned files, the policy texts before the locks, each
// replaced atomically.
func (plan *ImportPlan) Write() error {
	for _, f := range slices.Concat(plan.Files, plan.Locks) {
		if err := WriteFile(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// WriteFile replaces file with data atomically, leaving it untouched when
// it already holds data.
func WriteFile(file string, data []byte) error {
	if old, err := os.ReadFile(file); err == nil && string(old) == string(data) {
		return nil
	}
	if err := writeAtomic(file, data); err != nil {
		return fmt.Errorf("writing %s: %v", model.DisplayPath(file), err)
	}
	return nil
}
