package model

import "fmt"

// Unplaced content: everything a policy defines that a visitor must be told
// is shown on the page, either where a section places it or, when no
// section does, appended at the end of the page. Check warns about each
// appended block (UNPLACED) and the renderers append exactly the blocks
// Unplaced returns, so the warning and the page cannot disagree.

// UnplacedSectionID is the id of the section the renderers append to hold
// unplaced blocks; a policy section with the same id moves it to
// UnplacedSectionID + "-2" and so on.
const UnplacedSectionID = "further-information"

// RuleUnplaced is the check that reports blocks no section places.
var RuleUnplaced = Rule{"UNPLACED", "content the policy defines but no section places; it is appended at the end of the page"}

// UnplacedBlock is a block no section places: what the renderers append,
// and where the content it shows is defined.
type UnplacedBlock struct {
	Block
	Defined Pos    // where the category, group, list or block is defined
	What    string // "tracker category", "processing group", "rights", …
}

// Unplaced returns the blocks that hold content no section places, in the
// order the renderers append them: controllers, data protection officer,
// tracker categories, processing groups, the activities of no group, policy-wide
// transfers, vendors, rights, changelog.
func (p *Policy) Unplaced() []UnplacedBlock {
	placed := map[string]bool{}
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			for _, b := range s.Blocks {
				placed[b.Kind+"\x00"+b.Ref.ID] = true
			}
			walk(s.Sections)
		}
	}
	walk(p.Sections)
	var out []UnplacedBlock
	add := func(kind, ref string, pos Pos, what string) {
		if !placed[kind+"\x00"+ref] {
			out = append(out, UnplacedBlock{Block: Block{Pos: pos, Kind: kind, Ref: Ref{Pos: pos, ID: ref}}, Defined: pos, What: what})
		}
	}
	if len(p.Controllers) > 0 {
		add("controllers", "", p.Controllers[0].Pos, "controllers")
	}
	if p.DPO != nil {
		add("dpo", "", p.DPO.Pos, "data protection officer")
	}
	for _, c := range p.TrackerCategories {
		if c.ID != "" {
			add("trackers", c.ID, c.Pos, "tracker category")
		}
	}
	for _, g := range p.ProcessingGroups {
		if g.ID != "" {
			add("processing", g.ID, g.Pos, "processing group")
		}
	}
	for _, a := range p.Processing {
		if a.Group.ID == "" {
			add("processing", "", a.Pos, "ungrouped processing")
			break
		}
	}
	if len(p.Transfers) > 0 {
		add("transfers", "", p.Transfers[0].Pos, "transfers")
	}
	if len(p.Vendors) > 0 {
		add("vendors", "", p.Vendors[0].Pos, "vendor list")
	}
	if p.Rights != nil {
		add("rights", "", p.Rights.Pos, "rights")
	}
	if len(p.Changelog) > 0 {
		add("changelog", "", p.Changelog[0].Pos, "changelog")
	}
	return out
}

func checkUnplaced(pass *Pass) {
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
		pass.report(RuleUnplaced, Warning, b.Defined, fix,
			"%s is placed in no section; it is shown at the end of the page, under \"Further information\"", what)
	}
	for _, a := range pass.Policy.Processing {
		if a.Group.ID == "" && a.ID != "" {
			pass.report(RuleUnplaced, Warning, a.Pos, `add "group: <processing group id>" and place the group in a section`,
				"processing activity %q belongs to no processing group; it is shown at the end of the page, under \"Further information\"", a.ID)
		}
	}
}

// RuleUnused is the check that reports items no page can show because
// nothing refers to them.
var RuleUnused = Rule{"UNUSED", "a recipient, data category, data subject or footnote that no processing activity refers to, so no page shows it"}

func checkUnused(pass *Pass) {
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
	report := func(kind, key string, n Node, id string) {
		if id != "" && !used[kind+"\x00"+id] {
			pass.report(RuleUnused, Warning, n.At("id"), fmt.Sprintf("refer to it from a processing activity's %q, or remove it", key),
				"%s %q is used by no processing activity, so no page shows it", kind, id)
		}
	}
	for _, r := range p.Recipients {
		report("recipient", "recipients", r.Node, r.ID)
	}
	for _, c := range p.DataCategories {
		report("data category", "data-categories", c.Node, c.ID)
	}
	for _, s := range p.DataSubjects {
		report("data subject", "data-subjects", s.Node, s.ID)
	}
	for _, f := range p.Footnotes {
		report("footnote", "footnotes", f.Node, f.ID)
	}
}
