package lint

import (
	"fmt"

	"github.com/policyc/policyc/model"
)

// Unplaced reports content no section places: the renderers append it at
// the end of the page, exactly the blocks Policy.Unplaced returns, so the
// warning and the page cannot disagree.
var Unplaced = &Analyzer{
	ID: model.RuleUnplaced.ID, Severity: model.Warning, Category: "structure",
	Doc: "content the policy defines but no section places; it is appended at the end of the page",
	Run: func(pass *Pass) any {
		for _, b := range pass.Policy.Unplaced() {
			fix := "add \"- " + b.Kind + "\" to the blocks of a section"
			what := b.What
			if b.Ref.ID != "" {
				fix = "add \"- " + b.Kind + ": " + b.Ref.ID + "\" to the blocks of a section"
				what += " \"" + b.Ref.ID + "\""
			}
			if b.What == "ungrouped processing" {
				continue
			}
			pass.Reportf(b.Defined, fix, "%s is placed in no section; it is shown at the end of the page, under \"Further information\"", what)
		}
		for _, a := range pass.Policy.Processing {
			if a.Group.ID == "" && a.ID != "" {
				pass.ReportItemf("processing."+a.ID, a.Pos, `add "group: <processing group id>" and place the group in a section`,
					"processing activity %q belongs to no processing group; it is shown at the end of the page, under \"Further information\"", a.ID)
			}
		}
		return nil
	},
}

// Unused reports items nothing refers to, so no page shows them.
var Unused = &Analyzer{
	ID: model.RuleUnused.ID, Severity: model.Warning, Category: "structure",
	Doc: "a recipient, data category, data subject or footnote that no processing activity refers to, so no page shows it",
	Run: func(pass *Pass) any {
		p := pass.Policy
		used := map[string]bool{}
		for _, a := range p.Processing {
			for _, r := range a.DataSubjects {
				used["data subject\x00"+r.ID] = true
			}
			for _, r := range a.DataCategories {
				used["data category\x00"+r.ID] = true
			}
			for _, r := range a.Recipients {
				used["recipient\x00"+r.Recipient.ID] = true
			}
			for _, r := range a.Footnotes {
				used["footnote\x00"+r.ID] = true
			}
		}
		report := func(kind, key, list string, n model.Node, id string) {
			if id != "" && !used[kind+"\x00"+id] {
				pass.ReportItemf(list+"."+id, n.At("id"), fmt.Sprintf("refer to it from a processing activity's %q, or remove it", key),
					"%s %q is used by no processing activity, so no page shows it", kind, id)
			}
		}
		for _, r := range p.Recipients {
			if !r.General {
				report("recipient", "recipients", "recipients", r.Node, r.ID)
			}
		}
		if !p.PlacesBlock("data-categories") {
			for _, c := range p.DataCategories {
				report("data category", "data-categories", "data-categories", c.Node, c.ID)
			}
		}
		for _, s := range p.DataSubjects {
			report("data subject", "data-subjects", "data-subjects", s.Node, s.ID)
		}
		for _, f := range p.Footnotes {
			report("footnote", "footnotes", "footnotes", f.Node, f.ID)
		}
		return nil
	},
}
