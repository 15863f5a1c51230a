package diff

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

// Rule classes a change: the first rule of Rules that matches a change
// gives its class and its rule ID. The ID is stable; tools and CI gates
// rely on it.
type Rule struct {
	ID    string
	Doc   string
	Class Class
	Match func(c *Change) bool
}

// Rules are tried in this order; the last matches every change.
var Rules = []Rule{
	{"NEW_PURPOSE", "a processing activity, or a whole policy, is added", Material,
		kindIs("activity.added", "policy.added")},
	{"NEW_CONSENT_TRACKER", "a tracker or cookie name is added in a category that requires consent, a tracker moves into such a category, or a category starts to require it", Material,
		newConsentTracker},
	{"CONSENT_DROPPED", "a tracker category no longer requires consent, or a tracker moves out of one that does into one that does not", Material,
		consentDropped},
	{"LONGER_RETENTION", "a retention period, tracker lifetime or the banner's choice lifetime gets longer", Material,
		lengthIs(longer)},
	{"RETENTION_UNCLEAR", "a retention rule or lifetime is added, removed or changed so that old and new cannot be compared: another event, free-text criteria, a lifetime newly stated", Material,
		retentionUnclear},
	{"NEW_DATA_CATEGORY", "a processing activity gains a category of personal data, or a data category becomes special (Art. 9 GDPR)", Material,
		func(c *Change) bool {
			return c.Kind == "activity.data-category.added" || c.Kind == "data-category.special" && c.New != nil
		}},
	{"NEW_DATA_SUBJECT", "a processing activity gains a category of data subjects", Material,
		kindIs("activity.data-subject.added")},
	{"NEW_RECIPIENT", "data go to a new party: an activity gains a recipient, a tracker another provider or becomes third-party, a recipient another vendor, a vendor becomes a controller", Material,
		newRecipient},
	{"NEW_TRANSFER", "data go to a new country outside the EEA: a transfer is added, or a tracker, vendor or recipient adds or moves to such a country", Material,
		newTransfer},
	{"WEAKER_SAFEGUARD", "a transfer's safeguard is replaced by a weaker one (adequacy, then BCR, then SCC, then Art. 49, then none)", Material,
		func(c *Change) bool {
			return c.Kind == "transfer.safeguard" && c.Old != nil && c.New != nil && strength(c.New.Raw) < strength(c.Old.Raw)
		}},
	{"LEGAL_BASIS_CHANGED", "the legal bases of a processing activity or a tracker category change", Material,
		kindIs("activity.legal-bases", "tracker-category.legal-bases")},
	{"NEW_CONTROLLER", "a controller is added, or a controller's legal name changes", Material,
		func(c *Change) bool {
			return c.Kind == "controller.added" || c.Kind == "party.name" && len(c.segs) == 3 && c.segs[0] == "controllers"
		}},
	{"NEW_TECHNOLOGY", "a tracker uses a technology it did not use before", Material,
		func(c *Change) bool { return c.Kind == "tracker.technology" && len(added(c)) > 0 }},
	{"RIGHT_REMOVED", "a data subject right is no longer listed", Material,
		kindIs("right.removed")},
	{"SHORTER_RETENTION", "a retention period or lifetime gets shorter", Editorial,
		lengthIs(shorter)},
	{"REMOVED", "an item is removed: a tracker, activity, recipient, data category, transfer, vendor, section, channel", Editorial,
		func(c *Change) bool { return strings.HasSuffix(c.Kind, ".removed") }},
	{"WORDING", "prose is reworded: a purpose, name, description, note or section text", Editorial,
		func(c *Change) bool { return isText(c.Old) || isText(c.New) }},
	{"EDITORIAL", "any other change: version and dates, contact details and links, structure, a stronger safeguard, an added right or channel, an equal period written otherwise", Editorial,
		func(*Change) bool { return true }},
}

func classify(c *Change) {
	for _, r := range Rules {
		if r.Match(c) {
			c.Class, c.Rule = r.Class, r.ID
			return
		}
	}
}

func kindIs(kinds ...string) func(*Change) bool {
	return func(c *Change) bool { return slices.Contains(kinds, c.Kind) }
}

func required(v *Value) bool { return v.Part("consent").Raw == "required" }

func newConsentTracker(c *Change) bool {
	switch c.Kind {
	case "tracker.added", "tracker.name.added", "tracker.category":
		return required(c.New)
	case "tracker-category.consent":
		return c.New != nil && c.New.Raw == "required"
	}
	return false
}

func consentDropped(c *Change) bool {
	switch c.Kind {
	case "tracker.category":
		return required(c.Old) && !required(c.New)
	case "tracker-category.consent":
		return c.New != nil && c.New.Raw == "not-required"
	}
	return false
}

func newRecipient(c *Change) bool {
	switch c.Kind {
	case "activity.recipient.added":
		return true
	case "tracker.provider", "recipient.vendor":
		return c.New != nil
	case "tracker.party":
		return c.New != nil && c.New.Raw == "third"
	case "vendor.role":
		return c.New != nil && (c.New.Raw == "controller" || c.New.Raw == "joint-controller")
	}
	return false
}

func newTransfer(c *Change) bool {
	switch c.Kind {
	case "transfer.added":
		return true
	case "tracker.countries":
		return slices.ContainsFunc(added(c), func(v Value) bool { return !InEEA(v.Raw) })
	case "vendor.country", "recipient.country":
		return c.New != nil && !InEEA(c.New.Raw)
	}
	return false
}

// added returns the members of the new list that the old one lacks.
func added(c *Change) []Value {
	if c.New == nil {
		return nil
	}
	var out []Value
	for _, v := range c.New.Items {
		if c.Old == nil || !slices.ContainsFunc(c.Old.Items, func(o Value) bool { return o.Raw == v.Raw }) {
			out = append(out, v)
		}
	}
	return out
}

// strength orders safeguards from none to an adequacy decision.
func strength(safeguard string) int {
	return slices.Index([]string{"none", "art49", "scc-2021-914", "bcr", "adequacy"}, safeguard)
}

// Lengths of retention periods and lifetimes compared.
const (
	same = iota
	longer
	shorter
	unclear
)

// lengthKinds are the changes of a period.
var lengthKinds = []string{"tracker.lifetime", "tracker.name.lifetime", "banner.choice-lifetime", "retention.rule"}

func lengthIs(want int) func(*Change) bool {
	return func(c *Change) bool { return slices.Contains(lengthKinds, c.Kind) && length(c.Old, c.New) == want }
}

func retentionUnclear(c *Change) bool {
	return c.Kind == "retention.added" || c.Kind == "retention.removed" || lengthIs(unclear)(c)
}

// length compares an old and a new period. A period absent on one side, or
// rules that count from different events, cannot be compared.
func length(old, new *Value) int {
	if old == nil || new == nil || old.Type != new.Type {
		return unclear
	}
	switch old.Type {
	case "duration":
		a, errA := model.ParseDuration(old.Raw)
		b, errB := model.ParseDuration(new.Raw)
		if errA != nil || errB != nil {
			return unclear
		}
		return sign(compareDurations(b, a))
	case "retention":
		return compareRetention(old, new)
	}
	return unclear
}

func sign(c int) int {
	switch {
	case c > 0:
		return longer
	case c < 0:
		return shorter
	}
	return same
}

// minutes per unit: a month is a twelfth of a year of 365.25 days, so that
// 12 months and 1 year are the same length.
var minutes = map[string]int64{"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43830, "year": 525960}

func minutesOf(d *model.Duration) int64 {
	switch {
	case d == nil:
		return 0
	case d.Persistent:
		return math.MaxInt64 // outlives any period
	case d.Max != nil && !d.Session:
		return minutesOf(d.Max) // "at most" compares by its bound
	}
	return int64(d.Amount) * minutes[d.Unit]
}

// compareDurations orders lifetimes. A session ends when the browser
// closes, so it is shorter than any period, and a cap only shortens it; a
// capped session is compared with a period by its cap, and a period as long
// as the cap is the longer, as it outlives the browser session.
func compareDurations(a, b *model.Duration) int {
	switch {
	case a.Session && b.Session:
		switch {
		case a.Max == nil && b.Max == nil:
			return 0
		case a.Max == nil:
			return 1
		case b.Max == nil:
			return -1
		}
		return cmp.Compare(minutesOf(a.Max), minutesOf(b.Max))
	case a.Session:
		if a.Max == nil || minutesOf(a.Max) <= minutesOf(b) {
			return -1
		}
		return 1
	case b.Session:
		return -compareDurations(b, a)
	}
	return cmp.Compare(minutesOf(a), minutesOf(b))
}

// compareRetention compares two retention rules that count from the same
// event: by how long the data are kept in all (period or extra time, plus
// archive) and by the cap. Rules with criteria, whose text cannot be
// compared, are unclear when the criteria change.
func compareRetention(old, new *Value) int {
	if !sameText(old.Text, new.Text, nil) {
		return unclear
	}
	if old.Raw == "" || new.Raw == "" {
		if old.Raw == new.Raw {
			return same
		}
		return unclear
	}
	a, errA := model.ParseRetention(old.Raw)
	b, errB := model.ParseRetention(new.Raw)
	if errA != nil || errB != nil {
		return unclear
	}
	if shape(a) != shape(b) {
		return unclear
	}
	total := cmp.Compare(keptFor(b), keptFor(a))
	capped := cmp.Compare(capOf(b), capOf(a))
	switch {
	case total >= 0 && capped >= 0 && total+capped > 0:
		return longer
	case total <= 0 && capped <= 0 && total+capped < 0:
		return shorter
	case total == 0 && capped == 0:
		return same
	}
	return unclear
}

// shape is the event a rule counts from: "period from <event>", "until
// <event>", or "at most" alone.
func shape(r *model.Retention) string {
	switch {
	case r.Period != nil:
		return "period from " + r.From
	case r.Until != "":
		return "until " + r.Until
	}
	return "at most"
}

func keptFor(r *model.Retention) int64 {
	main := r.Period
	if main == nil {
		main = r.Plus
	}
	return minutesOf(main) + minutesOf(r.Archive)
}

func capOf(r *model.Retention) int64 {
	if r.Max == nil {
		return math.MaxInt64
	}
	return minutesOf(r.Max)
}
