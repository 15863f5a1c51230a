package translation

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policyc/policyc/internal/journal"
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
	Tree  string // the policy tree the file belongs to, which it must not leave
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
		state *State
	}
	var targets []target
	confirmed := map[*State][]Unit{}
	seenFile := map[string]bool{}
	filePos := map[*State]model.Pos{}
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
		filePos[s] = f.Pos
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
			targets = append(targets, target{text: u.Text, lang: u.Lang, value: du.Target, unit: du, state: s})
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
	firstEdit := map[string]target{} // by file: where a refusal to write it points
	for _, t := range targets {
		k := textKey{t.text.Pos, t.lang}
		if prev, dup := chosen[k]; dup {
			if prev.value != t.value {
				fail(t.unit.Pos, "give both units the same target", "unit %s shares its text with unit %s at line %d, with a different target", t.unit.ID, prev.unit.ID, prev.unit.Pos.Line)
			}
			continue
		}
		chosen[k] = t
		ds = append(ds, checkFacts(t.state.Policy, t.text, t.lang, t.value, t.unit)...)
		if t.text.Values[t.lang] == t.value {
			plan.Kept++
			continue
		}
		plan.Written++
		file := filepath.Clean(t.text.Pos.File)
		if _, ok := firstEdit[file]; !ok {
			firstEdit[file] = t
		}
		edits[file] = append(edits[file], TextEdit{Text: t.text, Lang: t.lang, Value: t.value})
	}
	for _, file := range sortedKeys(edits) {
		t := firstEdit[file]
		tree := model.Tree(t.state.Policy.File)
		if msg := CheckWrite(tree, file); msg != "" {
			fail(t.unit.Pos, "replace the link by a copy of the file, or import into the tree the link leads to", "unit %s is to be written to %s, which %s", t.unit.ID, model.DisplayPath(file), msg)
			continue
		}
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
		plan.Files = append(plan.Files, PlannedFile{Path: file, Tree: tree, Data: out, Count: len(edits[file])})
	}
	for _, s := range states {
		units := confirmed[s]
		if len(units) == 0 {
			continue
		}
		tree := model.Tree(s.Policy.File)
		if msg := CheckWrite(tree, s.LockPath); msg != "" {
			fail(filePos[s], "replace the link by a copy of the file", "the translations of policy %s are to be confirmed in %s, which %s", s.Policy.ID, model.DisplayPath(s.LockPath), msg)
			continue
		}
		lock := s.keptLock()
		changed := 0
		for _, u := range units {
			lock.Set(u.Path, u.Lang, u.Source, u.Target)
			// A new translation of a confirmed text is confirmed anew.
			if u.Status != Confirmed || u.Text.Values[u.Lang] != u.Target {
				changed++
			}
		}
		data, err := lock.Marshal()
		if err != nil {
			fail(model.Pos{File: s.LockPath, Line: 1, Col: 1}, "", "%v", err)
			continue
		}
		plan.Locks = append(plan.Locks, PlannedFile{Path: s.LockPath, Tree: tree, Data: data, Count: changed})
	}
	if len(ds) > 0 {
		return nil, ds
	}
	return plan, nil
}

// Write writes the planned files: all of them or none.
func (plan *ImportPlan) Write() error { return Commit(slices.Concat(plan.Files, plan.Locks)) }

// Commit writes files, all of them or, should the process die or fail
// before it is done, none: in each policy tree a journal records the
// write, and the next command that loads a policy of the tree finishes or
// rolls back what a killed one left (cmd/policyc: loadChecked). Files of
// different trees are written tree after tree.
func Commit(files []PlannedFile) error {
	byTree := map[string][]journal.File{}
	for _, f := range files {
		byTree[f.Tree] = append(byTree[f.Tree], journal.File{Path: f.Path, Data: f.Data})
	}
	for _, tree := range sortedKeys(byTree) {
		if err := journal.Write(tree, byTree[tree]); err != nil {
			return fmt.Errorf("writing into %s: %v", model.DisplayPath(tree), err)
		}
	}
	return nil
}

// CheckWrite says why a write to file, which belongs to the policy tree
// tree, is refused, or returns "": the file it replaces, after resolving
// symbolic links, must lie inside the tree, and be a regular file.
func CheckWrite(tree, file string) string {
	realTree, err := journal.Resolve(tree)
	if err != nil {
		return fmt.Sprintf("cannot be resolved (%v)", unwrapPath(err))
	}
	real, err := journal.Resolve(file)
	if err != nil {
		return fmt.Sprintf("cannot be resolved (%v)", unwrapPath(err))
	}
	if rel, err := filepath.Rel(realTree, real); err != nil || !filepath.IsLocal(rel) {
		return fmt.Sprintf("leads through a symbolic link out of the policy tree %s", model.DisplayPath(tree))
	}
	if info, err := os.Stat(real); err == nil && !info.Mode().IsRegular() {
		return "is not a regular file"
	}
	return ""
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

// The findings of checkFacts carry the IDs of the rules "policyc check"
// would report on the imported text, so that an agency's file is refused
// for the reasons a writer already knows.
var (
	ruleInlineFact = model.Rule{ID: "INLINE_FACT"}
	ruleFactDrift  = model.Rule{ID: "FACT_DRIFT"}
)

// checkFacts checks an imported target before it is written: each inline
// fact must parse, and together they must be the facts the text states in
// the policy's other languages (the source first), as the INLINE_FACT and
// FACT_DRIFT rules require. The findings point at the unit.
func checkFacts(p *model.Policy, text model.Text, lang, value string, u DocUnit) model.Diagnostics {
	var ds model.Diagnostics
	facts, bad := canonicalFacts(value)
	for _, b := range bad {
		ds.Errorf(u.Pos, ruleInlineFact, b.fix, "unit %s: %s in %s", u.ID, b.msg, b.fact)
	}
	if len(bad) > 0 {
		return ds
	}
	for _, ref := range p.Languages {
		v, ok := text.Values[ref]
		if ref == lang || !ok {
			continue
		}
		want, refBad := canonicalFacts(v)
		if len(refBad) > 0 || slices.Equal(facts, want) {
			return ds // INLINE_FACT already reports the policy's own text
		}
		missing, extra := factDifference(want, facts), factDifference(facts, want)
		fix := fmt.Sprintf("state the same facts as the %s text", ref)
		if len(extra) == 0 {
			fix = fmt.Sprintf("write %s in the target too", listFacts(missing))
		}
		ds.Errorf(u.Pos, ruleFactDrift, fix, "unit %s: the target states %s, but the %s text states %s", u.ID, listFacts(facts), ref, listFacts(want))
		return ds
	}
	return ds
}

type badFact struct {
	fact     model.InlineFact
	msg, fix string
}

// canonicalFacts returns the inline facts of s in canonical form, sorted,
// and those that do not parse.
func canonicalFacts(s string) ([]string, []badFact) {
	facts := []string{}
	var bad []badFact
	for _, f := range model.InlineFacts(s) {
		c, err := f.Canonical()
		if err != nil {
			b := badFact{fact: f, msg: err.Error()}
			if ve, ok := err.(*model.ValueError); ok {
				b.msg, b.fix = ve.Msg, ve.Fix
			}
			bad = append(bad, b)
			continue
		}
		facts = append(facts, "{"+f.Kind+" "+c+"}")
	}
	slices.Sort(facts)
	return facts, bad
}

// factDifference returns the facts of a not in b, both sorted, counting
// repeats.
func factDifference(a, b []string) []string {
	var out []string
	b = slices.Clone(b)
	for _, x := range a {
		if i := slices.Index(b, x); i >= 0 {
			b = slices.Delete(b, i, i+1)
			continue
		}
		out = append(out, x)
	}
	return out
}

func listFacts(facts []string) string {
	if len(facts) == 0 {
		return "no inline facts"
	}
	return strings.Join(facts, " ")
}
