package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

// v is a value of typ as the YAML writes it; a duration or retention rule
// carries its model value, as flatten gives it.
func v(typ, raw string, items ...Value) *Value {
	val := &Value{Type: typ, Raw: raw, Items: items}
	switch typ {
	case "duration":
		val.Duration, _ = model.ParseDuration(raw)
	case "retention":
		val.Retention, _ = model.ParseRetention(raw)
	}
	return val
}

func texts(en string) *Value { return &Value{Type: "text", Text: map[string]string{"en": en}} }

func ls(typ string, raws ...string) *Value {
	out := &Value{Type: "list"}
	for _, r := range raws {
		out.Items = append(out.Items, Value{Type: typ, Raw: r})
	}
	return out
}

var (
	needs   = Value{Type: "consent", Raw: "required"}
	noNeeds = Value{Type: "consent", Raw: "not-required"}
)

// ruleCases are changes with the rule that must class them: for every rule
// at least one change it catches, and changes next to it that it must not.
var ruleCases = []struct {
	name string
	c    Change
	want string
}{
	{"activity added", Change{Kind: "activity.added", New: v("name", "ads")}, "NEW_PURPOSE"},
	{"policy added", Change{Kind: "policy.added", New: texts("Shop")}, "NEW_PURPOSE"},
	{"activity removed", Change{Kind: "activity.removed", Old: v("name", "ads")}, "REMOVED"},

	{"tracker added, consent", Change{Kind: "tracker.added", New: v("string", "_ga", needs)}, "NEW_CONSENT_TRACKER"},
	{"tracker added, no consent", Change{Kind: "tracker.added", New: v("string", "SESSION", noNeeds)}, "EDITORIAL"},
	{"cookie name added, consent", Change{Kind: "tracker.name.added", New: v("string", "_gid", needs)}, "NEW_CONSENT_TRACKER"},
	{"tracker removed, consent", Change{Kind: "tracker.removed", Old: v("string", "_ga", needs)}, "REMOVED"},
	{"tracker into consent category", Change{Kind: "tracker.category", Old: v("name", "essential", noNeeds), New: v("name", "analytics", needs)}, "NEW_CONSENT_TRACKER"},
	{"tracker between consent categories", Change{Kind: "tracker.category", Old: v("name", "analytics", needs), New: v("name", "marketing", needs)}, "NEW_CONSENT_TRACKER"},
	{"tracker between free categories", Change{Kind: "tracker.category", Old: v("name", "essential", noNeeds), New: v("name", "security", noNeeds)}, "EDITORIAL"},
	{"category now requires consent", Change{Kind: "tracker-category.consent", Old: &noNeeds, New: &needs}, "NEW_CONSENT_TRACKER"},

	{"category no longer requires consent", Change{Kind: "tracker-category.consent", Old: &needs, New: &noNeeds}, "CONSENT_DROPPED"},
	{"tracker out of consent category", Change{Kind: "tracker.category", Old: v("name", "analytics", needs), New: v("name", "essential", noNeeds)}, "CONSENT_DROPPED"},

	{"lifetime longer", Change{Kind: "tracker.lifetime", Old: v("duration", "13 months"), New: v("duration", "24 months")}, "LONGER_RETENTION"},
	{"lifetime shorter", Change{Kind: "tracker.lifetime", Old: v("duration", "24 months"), New: v("duration", "13 months")}, "SHORTER_RETENTION"},
	{"lifetime in other units, longer", Change{Kind: "tracker.lifetime", Old: v("duration", "1 year"), New: v("duration", "380 days")}, "LONGER_RETENTION"},
	{"lifetime in other units, shorter", Change{Kind: "tracker.lifetime", Old: v("duration", "1 year"), New: v("duration", "360 days")}, "SHORTER_RETENTION"},
	{"12 months is a year", Change{Kind: "tracker.lifetime", Old: v("duration", "1 year"), New: v("duration", "12 months")}, "EDITORIAL"},
	{"session to period", Change{Kind: "tracker.lifetime", Old: v("duration", "session"), New: v("duration", "30 minutes")}, "LONGER_RETENTION"},
	{"session capped", Change{Kind: "tracker.lifetime", Old: v("duration", "session"), New: v("duration", "session, at most 30 minutes")}, "SHORTER_RETENTION"},
	{"cap raised", Change{Kind: "tracker.name.lifetime", Old: v("duration", "session, at most 10 minutes"), New: v("duration", "session, at most 1 hour")}, "LONGER_RETENTION"},
	{"period to capped session", Change{Kind: "tracker.lifetime", Old: v("duration", "30 minutes"), New: v("duration", "session, at most 30 minutes")}, "SHORTER_RETENTION"},
	{"choice kept longer", Change{Kind: "banner.choice-lifetime", Old: v("duration", "6 months"), New: v("duration", "1 year")}, "LONGER_RETENTION"},
	{"retention longer", Change{Kind: "retention.rule", Old: v("retention", "15 months from last-contact"), New: v("retention", "24 months from last-contact")}, "LONGER_RETENTION"},
	{"archive longer", Change{Kind: "retention.rule", Old: v("retention", "1 year from interaction, then 4 years in archive"), New: v("retention", "1 year from interaction, then 9 years in archive")}, "LONGER_RETENTION"},
	{"cap lifted", Change{Kind: "retention.rule", Old: v("retention", "until contract-end + 1 year, at most 5 years"), New: v("retention", "until contract-end + 1 year")}, "LONGER_RETENTION"},
	{"extra time after the event", Change{Kind: "retention.rule", Old: v("retention", "until contract-end"), New: v("retention", "until contract-end + 90 days")}, "LONGER_RETENTION"},
	{"retention shorter", Change{Kind: "retention.rule", Old: v("retention", "at most 5 years"), New: v("retention", "at most 3 years")}, "SHORTER_RETENTION"},
	{"cap added", Change{Kind: "retention.rule", Old: v("retention", "until account-closure"), New: v("retention", "until account-closure, at most 10 years")}, "SHORTER_RETENTION"},
	{"same length, archived", Change{Kind: "retention.rule", Old: v("retention", "5 years from collection"), New: v("retention", "1 year from collection, then 4 years in archive")}, "EDITORIAL"},

	{"period to event", Change{Kind: "retention.rule", Old: v("retention", "13 months from collection"), New: v("retention", "until consent-withdrawal")}, "RETENTION_UNCLEAR"},
	{"another event", Change{Kind: "retention.rule", Old: v("retention", "1 year from collection"), New: v("retention", "1 year from last-contact")}, "RETENTION_UNCLEAR"},
	{"longer period, lower cap", Change{Kind: "retention.rule", Old: v("retention", "1 year from collection, at most 5 years"), New: v("retention", "2 years from collection, at most 3 years")}, "RETENTION_UNCLEAR"},
	{"criteria reworded", Change{Kind: "retention.rule", Old: texts("While open"), New: texts("While open, and a year after")}, "RETENTION_UNCLEAR"},
	{"criteria to rule", Change{Kind: "retention.rule", Old: nil, New: v("retention", "1 year from collection")}, "RETENTION_UNCLEAR"},
	{"retention rule added", Change{Kind: "retention.added", New: v("retention", "3 years from interaction")}, "RETENTION_UNCLEAR"},
	{"retention rule removed", Change{Kind: "retention.removed", Old: v("retention", "3 years from interaction")}, "RETENTION_UNCLEAR"},
	{"lifetime newly stated", Change{Kind: "tracker.lifetime", New: v("duration", "13 months")}, "RETENTION_UNCLEAR"},
	{"usual period longer", Change{Kind: "retention.rule", Old: v("retention", "typically 25 months"), New: v("retention", "typically 26 months")}, "LONGER_RETENTION"},
	{"usual period shorter", Change{Kind: "retention.rule", Old: v("retention", "typically 26 months from collection"), New: v("retention", "typically 25 months from collection")}, "SHORTER_RETENTION"},
	{"usual period becomes fixed", Change{Kind: "retention.rule", Old: v("retention", "typically 25 months"), New: v("retention", "25 months")}, "RETENTION_UNCLEAR"},
	{"fixed period becomes usual", Change{Kind: "retention.rule", Old: v("retention", "2 years"), New: v("retention", "typically 1 year")}, "RETENTION_UNCLEAR"},

	{"activity leaves the device", Change{Kind: "activity.on-device", Old: v("on-device", "on-device")}, "LEAVES_DEVICE"},
	{"activity stays on the device", Change{Kind: "activity.on-device", New: v("on-device", "on-device")}, "EDITORIAL"},
	{"tracker basis scope", Change{Kind: "tracker.legal-bases", Old: v("list", "", *v("basis", "legitimate-interests")), New: v("list", "", *v("basis", "legitimate-interests", *texts("only for crash reports")))}, "LEGAL_BASIS_CHANGED"},
	{"cookieless row stores", Change{Kind: "tracker.storage", Old: v("storage", "none")}, "NEW_TECHNOLOGY"},
	{"row becomes cookieless", Change{Kind: "tracker.storage", New: v("storage", "none")}, "EDITORIAL"},
	{"recipient of all processing", Change{Kind: "recipient.general", New: v("general", "general")}, "NEW_RECIPIENT"},

	{"data category added", Change{Kind: "activity.data-category.added", New: v("name", "health")}, "NEW_DATA_CATEGORY"},
	{"data category now special", Change{Kind: "data-category.special", New: v("special", "special")}, "NEW_DATA_CATEGORY"},
	{"data category no longer special", Change{Kind: "data-category.special", Old: v("special", "special")}, "EDITORIAL"},
	{"data category removed", Change{Kind: "activity.data-category.removed", Old: v("name", "health")}, "REMOVED"},

	{"data subjects added", Change{Kind: "activity.data-subject.added", New: v("name", "prospects")}, "NEW_DATA_SUBJECT"},

	{"recipient added", Change{Kind: "activity.recipient.added", New: v("name", "ads", Value{Type: "country", Raw: "US"})}, "NEW_RECIPIENT"},
	{"tracker provider changed", Change{Kind: "tracker.provider", Old: v("name", "hotjar"), New: v("name", "google")}, "NEW_RECIPIENT"},
	{"tracker provider dropped", Change{Kind: "tracker.provider", Old: v("name", "hotjar")}, "EDITORIAL"},
	{"tracker becomes third-party", Change{Kind: "tracker.party", Old: v("party", "first"), New: v("party", "third")}, "NEW_RECIPIENT"},
	{"tracker becomes first-party", Change{Kind: "tracker.party", Old: v("party", "third"), New: v("party", "first")}, "EDITORIAL"},
	{"recipient is another company", Change{Kind: "recipient.vendor", Old: v("name", "stripe"), New: v("name", "adyen")}, "NEW_RECIPIENT"},
	{"vendor becomes controller", Change{Kind: "vendor.role", Old: v("role", "processor"), New: v("role", "controller")}, "NEW_RECIPIENT"},
	{"vendor becomes joint controller", Change{Kind: "vendor.role", Old: v("role", "processor"), New: v("role", "joint-controller")}, "NEW_RECIPIENT"},
	{"vendor becomes processor", Change{Kind: "vendor.role", Old: v("role", "controller"), New: v("role", "processor")}, "EDITORIAL"},

	{"transfer added", Change{Kind: "transfer.added", New: v("country", "US")}, "NEW_TRANSFER"},
	{"tracker processed in the US too", Change{Kind: "tracker.countries", Old: ls("country", "IE"), New: ls("country", "IE", "US")}, "NEW_TRANSFER"},
	{"tracker processed in Germany too", Change{Kind: "tracker.countries", Old: ls("country", "IE"), New: ls("country", "DE", "IE")}, "EDITORIAL"},
	{"tracker processed in fewer countries", Change{Kind: "tracker.countries", Old: ls("country", "IE", "US"), New: ls("country", "IE")}, "EDITORIAL"},
	{"vendor moves to the US", Change{Kind: "vendor.country", Old: v("country", "IE"), New: v("country", "US")}, "NEW_TRANSFER"},
	{"vendor moves to Norway", Change{Kind: "vendor.country", Old: v("country", "US"), New: v("country", "NO")}, "EDITORIAL"},
	{"recipient in India", Change{Kind: "recipient.country", New: v("country", "IN")}, "NEW_TRANSFER"},
	{"transfer removed", Change{Kind: "transfer.removed", Old: v("country", "US")}, "REMOVED"},

	{"adequacy to SCC", Change{Kind: "transfer.safeguard", Old: v("safeguard", "adequacy"), New: v("safeguard", "scc-2021-914")}, "WEAKER_SAFEGUARD"},
	{"SCC to none", Change{Kind: "transfer.safeguard", Old: v("safeguard", "scc-2021-914"), New: v("safeguard", "none")}, "WEAKER_SAFEGUARD"},
	{"BCR to SCC", Change{Kind: "transfer.safeguard", Old: v("safeguard", "bcr"), New: v("safeguard", "scc-2021-914")}, "WEAKER_SAFEGUARD"},
	{"Art. 49 to adequacy", Change{Kind: "transfer.safeguard", Old: v("safeguard", "art49"), New: v("safeguard", "adequacy")}, "EDITORIAL"},

	{"activity basis changed", Change{Kind: "activity.legal-bases", Old: ls("basis", "legitimate-interests"), New: ls("basis", "consent")}, "LEGAL_BASIS_CHANGED"},
	{"activity basis added", Change{Kind: "activity.legal-bases", Old: ls("basis", "contract"), New: ls("basis", "contract", "legal-obligation")}, "LEGAL_BASIS_CHANGED"},
	{"category basis changed", Change{Kind: "tracker-category.legal-bases", Old: ls("basis", "contract"), New: ls("basis", "legitimate-interests")}, "LEGAL_BASIS_CHANGED"},

	{"controller added", Change{Kind: "controller.added", New: v("string", "Alpha Ireland Ltd")}, "NEW_CONTROLLER"},
	{"controller renamed", Change{Kind: "party.name", segs: []string{"controllers", "alpha", "name"}, Old: v("string", "Alpha SAS"), New: v("string", "Alpha Europe SAS")}, "NEW_CONTROLLER"},
	{"parent company renamed", Change{Kind: "party.name", segs: []string{"controllers", "alpha", "parent", "name"}, Old: v("string", "A"), New: v("string", "B")}, "EDITORIAL"},
	{"DPO renamed", Change{Kind: "party.name", segs: []string{"dpo", "name"}, Old: v("string", "A"), New: v("string", "B")}, "EDITORIAL"},
	{"controller removed", Change{Kind: "controller.removed", Old: v("string", "Alpha Belgium SRL")}, "REMOVED"},

	{"technology added", Change{Kind: "tracker.technology", Old: ls("technology", "http-cookie"), New: ls("technology", "fingerprinting", "http-cookie")}, "NEW_TECHNOLOGY"},
	{"technology dropped", Change{Kind: "tracker.technology", Old: ls("technology", "http-cookie", "script"), New: ls("technology", "http-cookie")}, "EDITORIAL"},

	{"right removed", Change{Kind: "right.removed", Old: v("right", "portability")}, "RIGHT_REMOVED"},
	{"right added", Change{Kind: "right.added", New: v("right", "restriction")}, "EDITORIAL"},

	{"section removed", Change{Kind: "section.removed", Old: v("name", "contact")}, "REMOVED"},
	{"purpose reworded", Change{Kind: "activity.purpose", Old: texts("Orders"), New: texts("Handling orders")}, "WORDING"},
	{"body reworded", Change{Kind: "section.body", Old: texts("a"), New: texts("b")}, "WORDING"},
	{"version", Change{Kind: "policy.version", Old: v("string", "1"), New: v("string", "2")}, "EDITORIAL"},
}

// TestRules classes each change of ruleCases and wants its rule, so that a
// rule that stops catching what it should, or starts catching what it
// should not, fails here.
func TestRules(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range ruleCases {
		c := tc.c
		classify(&c)
		if c.Rule != tc.want {
			t.Errorf("%s: %s %v → %v: rule %s, want %s", tc.name, c.Kind, Plain(c.Old, "en"), Plain(c.New, "en"), c.Rule, tc.want)
		}
		i := slices.IndexFunc(Rules, func(r Rule) bool { return r.ID == tc.want })
		if i < 0 {
			t.Errorf("%s: no rule %s", tc.name, tc.want)
			continue
		}
		if c.Class != Rules[i].Class {
			t.Errorf("%s: class %s, want %s", tc.name, c.Class, Rules[i].Class)
		}
		covered[tc.want] = true
	}
	for _, r := range Rules {
		if !covered[r.ID] {
			t.Errorf("rule %s has no case in ruleCases", r.ID)
		}
	}
}

// TestRuleDocs wants each rule to have a unique upper-case ID and a one-line
// doc, as the README's table shows them.
func TestRuleDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || r.ID != strings.ToUpper(r.ID) || strings.ContainsAny(r.ID, " -") {
			t.Errorf("rule ID %q is repeated or not UPPER_SNAKE", r.ID)
		}
		seen[r.ID] = true
		if r.Doc == "" || strings.Contains(r.Doc, "\n") || r.Match == nil {
			t.Errorf("rule %s needs a one-line doc and a match", r.ID)
		}
	}
	if last := Rules[len(Rules)-1]; !last.Match(&Change{}) {
		t.Errorf("the last rule, %s, must class every change", last.ID)
	}
}

func TestContext(t *testing.T) {
	segs := []model.WordSegment{{Op: "=", Text: "one two three four five six seven"}, {Op: "-", Text: "x"}, {Op: "+", Text: "y"}, {Op: "=", Text: "a b c d e f g h i j k l"}, {Op: "-", Text: "z"}, {Op: "=", Text: "1 2 3 4 5 6"}}
	got := Context(segs)
	want := []model.WordSegment{{Op: "=", Text: "… three four five six seven"}, {Op: "-", Text: "x"}, {Op: "+", Text: "y"}, {Op: "=", Text: "a b c d e … h i j k l"}, {Op: "-", Text: "z"}, {Op: "=", Text: "1 2 3 4 5 …"}}
	if !slices.Equal(got, want) {
		t.Errorf("Context = %+v, want %+v", got, want)
	}
	// An inline fact counts as one word and is never cut; text glued to it
	// stays glued.
	segs = []model.WordSegment{{Op: "=", Text: "Now we keep your choice for"}, {Op: "-", Text: "{duration 13 months}"}, {Op: "+", Text: "{duration 6 months}"},
		{Op: "=", Text: ". Then we ask again, in {duration 1 day} or so.", Glued: true}}
	got = Context(segs)
	want = []model.WordSegment{{Op: "=", Text: "… we keep your choice for"}, {Op: "-", Text: "{duration 13 months}"}, {Op: "+", Text: "{duration 6 months}"},
		{Op: "=", Text: ". Then we ask again, …", Glued: true}}
	if !slices.Equal(got, want) {
		t.Errorf("Context = %+v, want %+v", got, want)
	}
}
