package lint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// loaderRule is an analyzer of one kind of the loader's findings: the
// decoder meets these while it reads the YAML, and the analyzer passes them
// on, with the checks of the same rule that need the whole policy.
func loaderRule(id, doc string, more func(*Pass)) *Analyzer {
	return &Analyzer{ID: id, Severity: model.Error, Category: "structure", Doc: doc, Loader: true,
		Run: func(pass *Pass) any {
			for _, d := range pass.Loaded {
				if d.Rule == id {
					pass.Report(d)
				}
			}
			if more != nil && pass.Policy != nil {
				more(pass)
			}
			return nil
		}}
}

var (
	YAMLSyntax   = loaderRule(model.RuleSyntax.ID, "the file is not valid YAML", nil)
	File         = loaderRule(model.RuleFile.ID, "a file cannot be read, is over 10 MiB, or no policy was found", nil)
	UnknownKey   = loaderRule(model.RuleUnknownKey.ID, "a key the format does not define (with \"did you mean\")", nil)
	DuplicateKey = loaderRule(model.RuleDuplicateKey.ID, "a key given twice in one mapping, or a language listed twice", nil)
	WrongType    = loaderRule(model.RuleWrongType.ID, "a value of the wrong shape: a list where a mapping belongs, text where true/false belongs", nil)
	MissingField = loaderRule(model.RuleMissingField.ID, "a required key is absent or empty", nil)
	InvalidValue = loaderRule(model.RuleInvalidValue.ID,
		"a duration, retention rule, country, language, date, link, id or vocabulary key that does not follow its grammar", nil)
	AliasLimit         = loaderRule(model.RuleAliasBudget.ID, "YAML aliases expand to more than 100,000 values", nil)
	Include            = loaderRule(model.RuleInclude.ID, "an included file is missing, forms a cycle, or lies outside the policy tree", nil)
	MissingTranslation = loaderRule(model.RuleMissingLang.ID, "a localized text lacks a declared language, or is empty", checkMissingTranslations)
	UndeclaredLanguage = loaderRule(model.RuleUndeclaredLng.ID, "a localized text has a language the policy does not declare", checkUndeclaredLanguages)
	TextComment        = warning(loaderRule(model.RuleTextComment.ID, "an unquoted \" #\" in a text starts a YAML comment, which cuts the text short", nil))
)

// warning makes a loader rule's findings warnings: the file loads, but not
// as its author meant.
func warning(a *Analyzer) *Analyzer {
	a.Severity = model.Warning
	return a
}

func checkMissingTranslations(pass *Pass) {
	p := pass.Policy
	var buf [8]string
	for _, f := range p.Texts {
		for _, l := range p.Languages {
			if _, ok := f.Text.Values[l]; !ok {
				pass.Reportf(f.Text.Pos, fmt.Sprintf("add \"%s: ...\"", l), "%s has no %s text", f.Path, l)
			}
		}
		for _, l := range f.Text.Languages(buf[:0]) {
			if strings.TrimSpace(f.Text.Values[l]) == "" {
				pass.Reportf(f.Text.At(l), "write the text or remove the key", "%s has an empty %s text", f.Path, l)
			}
		}
	}
}

func checkUndeclaredLanguages(pass *Pass) {
	p := pass.Policy
	if len(p.Languages) == 0 {
		return
	}
	var buf [8]string
	for _, f := range p.Texts {
		for _, l := range f.Text.Languages(buf[:0]) {
			if !slices.Contains(p.Languages, l) {
				pass.Reportf(f.Text.At(l), fmt.Sprintf("add %s to languages or remove the text", l),
					"%s has a %s text but the policy does not declare %s", f.Path, l, l)
			}
		}
	}
}

// item is one thing with an id: its kind, as messages name it, and where.
type item struct {
	kind string
	id   string
	node model.Node
}

// items lists the items of p that have ids, in document order by kind.
func items(p *model.Policy) []item {
	out := make([]item, 0, len(p.Controllers)+len(p.Vendors)+len(p.Recipients)+len(p.DataCategories)+len(p.DataSubjects)+
		len(p.TrackerCategories)+len(p.Trackers)+len(p.ProcessingGroups)+len(p.Processing)+len(p.Footnotes)+len(p.Sections))
	for _, c := range p.Controllers {
		out = append(out, item{"controller", c.ID, c.Node})
	}
	for _, v := range p.Vendors {
		out = append(out, item{"vendor", v.ID, v.Node})
	}
	for _, r := range p.Recipients {
		out = append(out, item{"recipient", r.ID, r.Node})
	}
	for _, c := range p.DataCategories {
		out = append(out, item{"data category", c.ID, c.Node})
	}
	for _, s := range p.DataSubjects {
		out = append(out, item{"data subject", s.ID, s.Node})
	}
	for _, c := range p.TrackerCategories {
		out = append(out, item{"tracker category", c.ID, c.Node})
	}
	for _, t := range p.Trackers {
		out = append(out, item{"tracker", t.ID, t.Node})
	}
	for _, g := range p.ProcessingGroups {
		out = append(out, item{"processing group", g.ID, g.Node})
	}
	for _, a := range p.Processing {
		out = append(out, item{"processing activity", a.ID, a.Node})
	}
	for _, f := range p.Footnotes {
		out = append(out, item{"footnote", f.ID, f.Node})
	}
	var walk func([]*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			out = append(out, item{"section", s.ID, s.Node})
			walk(s.Sections)
		}
	}
	walk(p.Sections)
	return out
}

// IDIndex maps a kind of item to its ids and where each is defined: the
// result of DuplicateID, read by the rules that follow references.
type IDIndex map[string]map[string]model.Pos

// DuplicateID reports ids given twice within one kind, and policy ids
// shared by two policies; its result is the index of ids.
var DuplicateID = &Analyzer{
	ID: "DUPLICATE_ID", Severity: model.Error, Category: "structure",
	Doc: "two items of one kind share an id, or two policies share one",
	Run: func(pass *Pass) any {
		p := pass.Policy
		index := IDIndex{}
		its := items(p)
		for i, it := range its {
			if index[it.kind] == nil {
				// The items of a kind come in one run, but for sections:
				// its length is the size the index of the kind needs.
				n := 1
				for i+n < len(its) && its[i+n].kind == it.kind {
					n++
				}
				index[it.kind] = make(map[string]model.Pos, n)
			}
			if it.id == "" || model.ParseID(it.id) != nil {
				continue
			}
			pos := it.node.At("id")
			if first, dup := index[it.kind][it.id]; dup {
				pass.Reportf(pos, "give each "+it.kind+" its own id", "duplicate %s id %q, first defined at %s", it.kind, it.id, display(first))
				continue
			}
			index[it.kind][it.id] = pos
		}
		for _, other := range pass.All {
			if other == p {
				break
			}
			if other.ID == p.ID && p.ID != "" {
				pass.Reportf(p.At("id"), "give each policy its own id", "policy id %q is also used by %s", p.ID, model.DisplayPath(other.File))
				break
			}
		}
		return index
	},
}

func display(p model.Pos) string {
	p.File = model.DisplayPath(p.File)
	return p.String()
}

var kindKey = map[string]string{
	"vendor": "vendors", "recipient": "recipients", "data category": "data-categories", "data subject": "data-subjects",
	"tracker category": "tracker-categories", "processing group": "processing-groups", "footnote": "footnotes",
}

// UnresolvedRef reports references to ids no item of their kind has.
var UnresolvedRef = &Analyzer{
	ID: "UNRESOLVED_REF", Severity: model.Error, Category: "structure",
	Doc:      "a reference to an undefined vendor, category, recipient, …",
	Requires: []*Analyzer{DuplicateID},
	Run: func(pass *Pass) any {
		index := pass.ResultOf[DuplicateID].(IDIndex)
		resolve := func(kind string, ref model.Ref) {
			if ref.ID == "" {
				return
			}
			if _, ok := index[kind][ref.ID]; ok {
				return
			}
			known := sortedKeys(index[kind])
			var fix string
			switch m := model.Suggest(ref.ID, known); {
			case m != "":
				fix = fmt.Sprintf("did you mean %q?", m)
			case len(known) == 0 || len(known) > 8:
				fix = fmt.Sprintf("define it under %q", kindKey[kind])
			default:
				fix = fmt.Sprintf("define it under %q or use one of %s", kindKey[kind], strings.Join(known, ", "))
			}
			pass.Reportf(ref.Pos, fix, "undefined %s %q", kind, ref.ID)
		}
		p := pass.Policy
		for _, r := range p.Recipients {
			resolve("vendor", r.Vendor)
		}
		for _, t := range p.Trackers {
			resolve("vendor", t.Provider)
			resolve("tracker category", t.Category)
		}
		for _, a := range p.Processing {
			resolve("processing group", a.Group)
			for _, r := range a.DataSubjects {
				resolve("data subject", r)
			}
			for _, r := range a.DataCategories {
				resolve("data category", r.Ref)
			}
			for _, r := range a.Recipients {
				resolve("recipient", r.Recipient)
			}
			for _, r := range a.Footnotes {
				resolve("footnote", r)
			}
			for _, ret := range a.Retention {
				if ret != nil {
					for _, r := range ret.For {
						resolve("data category", r)
					}
				}
			}
		}
		var walk func([]*model.Section)
		walk = func(ss []*model.Section) {
			for _, s := range ss {
				for _, b := range s.Blocks {
					switch b.Kind {
					case "trackers":
						resolve("tracker category", b.Ref)
					case "processing":
						resolve("processing group", b.Ref)
					}
				}
				walk(s.Sections)
			}
		}
		walk(p.Sections)
		return nil
	},
}

// PolicyID reports a policy whose id is not the name of its folder: the id
// names the output files, the folder is what writers find.
var PolicyID = &Analyzer{
	ID: "POLICY_ID", Severity: model.Error, Category: "structure",
	Doc: "the policy id differs from its folder name",
	Run: func(pass *Pass) any {
		p := pass.Policy
		if p.ID == "" || model.ParseID(p.ID) != nil || filepath.Base(p.File) != model.PolicyFile {
			return nil
		}
		abs, err := filepath.Abs(p.File)
		if err != nil {
			return nil
		}
		if folder := filepath.Base(filepath.Dir(abs)); folder != p.ID {
			pass.Reportf(p.At("id"), fmt.Sprintf("rename the folder or write \"id: %s\"", folder),
				"policy id %q differs from its folder %q", p.ID, folder)
		}
		return nil
	},
}

// trackerGap is a warning about a field of a tracker row left out: the row
// is still rendered, with the gap visible, until the fact is known.
func trackerGap(id, field, doc, law, fix, msg string) *Analyzer {
	return &Analyzer{ID: id, Severity: model.Warning, Category: "cookies", Law: law, Doc: doc,
		Run: func(pass *Pass) any {
			for _, t := range pass.Policy.Trackers {
				if !t.Has(field) && !(field == "names" && t.Storage == "none") {
					pass.ReportItemf("trackers."+t.ID, t.Pos, fix, msg, t.ID)
				}
			}
			return nil
		}}
}

var (
	TrackerNoName = trackerGap("TRACKER_NO_NAME", "names", "a tracker row names no cookie or storage key", "",
		`add "names: [...]" when the name is known`, "tracker %q names no cookie or storage key")
	TrackerNoProvider = trackerGap("TRACKER_NO_PROVIDER", "provider", "a tracker row names no provider", "CJEU C-673/17 (Planet49)",
		`add "provider: <vendor id>" when the provider is known`, "tracker %q has no provider")
	TrackerNoPurpose = trackerGap("TRACKER_NO_PURPOSE", "purpose", "a tracker row states no purpose", "ePrivacy Directive Art. 5(3)",
		`add "purpose: ..." when it is known`, "tracker %q states no purpose")
	TrackerNoTechnology = trackerGap("TRACKER_NO_TECHNOLOGY", "technology", "a tracker row gives no technology", "",
		`add "technology: ..." when it is known`, "tracker %q gives no technology")
	TrackerNoParty = trackerGap("TRACKER_NO_PARTY", "party", "a tracker row does not say whether it is first or third party, so whether third parties can access it", "CJEU C-673/17 (Planet49)",
		`add "party: first" or "party: third"`, "tracker %q does not say whether third parties can access it")
)

// TrackerNoLifetime reports trackers without a lifetime: for the row, or for
// the names that lack their own while others have one.
var TrackerNoLifetime = &Analyzer{
	ID: "TRACKER_NO_LIFETIME", Severity: model.Warning, Category: "cookies", Law: "CJEU C-673/17 (Planet49)",
	Doc: "a tracker, or one of its names, has no lifetime",
	Run: func(pass *Pass) any {
		for _, t := range pass.Policy.Trackers {
			if t.Has("lifetime") || t.Lifetime != nil || t.Storage == "none" {
				continue
			}
			named := 0
			for _, n := range t.Names {
				if n.Lifetime != nil {
					named++
				}
			}
			switch {
			case named == 0:
				pass.ReportItemf("trackers."+t.ID, t.Pos, `add "lifetime: ..." when it is known`, "tracker %q has no lifetime", t.ID)
			case named < len(t.Names):
				for _, n := range t.Names {
					if n.Lifetime == nil {
						pass.ReportItemf("trackers."+t.ID, n.Pos, "add its lifetime when it is known", "tracker name %q in %q has no lifetime", n.Name, t.ID)
					}
				}
			}
		}
		return nil
	},
}
