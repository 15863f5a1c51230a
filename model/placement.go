package model

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
// transfers, vendors, recipients of all processing, rights, changelog.
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
	for _, r := range p.Recipients {
		if r.General {
			add("recipients", "", r.Pos, "recipients of all processing")
			break
		}
	}
	if p.Rights != nil {
		add("rights", "", p.Rights.Pos, "rights")
	}
	if len(p.Changelog) > 0 {
		add("changelog", "", p.Changelog[0].Pos, "changelog")
	}
	return out
}

// RuleUnused is the rule that reports items no page can show because
// nothing refers to them.
var RuleUnused = Rule{"UNUSED", "a recipient, data category, data subject or footnote that no processing activity refers to, so no page shows it"}

// PlacesBlock reports whether a section places a block of kind.
func (p *Policy) PlacesBlock(kind string) bool {
	var walk func([]*Section) bool
	walk = func(ss []*Section) bool {
		for _, s := range ss {
			for _, b := range s.Blocks {
				if b.Kind == kind {
					return true
				}
			}
			if walk(s.Sections) {
				return true
			}
		}
		return false
	}
	return walk(p.Sections)
}
