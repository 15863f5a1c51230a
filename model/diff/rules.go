package diff

import (
	"slices"
	"strings"
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
	{"NEW_RECIPIENT", "data go to a new party: an activity gains a recipient, a tracker another provider or becomes third-party, a recipient another vendor or becomes a recipient of all processing, a vendor becomes a controller", Material,
		newRecipient},
	{"NEW_TRANSFER", "data go to a new country outside the EEA: a transfer is added, or a tracker, vendor or recipient adds or moves to such a country", Material,
		newTransfer},
	{"WEAKER_SAFEGUARD", "a transfer's safeguard is replaced by a weaker one (adequacy, then BCR, then SCC, then Art. 49, then none)", Material,
		func(c *Change) bool {
			return c.Kind == "transfer.safeguard" && c.Old != nil && c.New != nil && strength(c.New.Raw) < strength(c.Old.Raw)
		}},
	{"LEAVES_DEVICE", "data that stayed on the visitor's device no longer do: an activity, or a category of its data, is no longer on-device", Material,
		func(c *Change) bool { return c.Kind == "activity.on-device" && c.New == nil }},
	{"LEGAL_BASIS_CHANGED", "the legal bases of a processing activity, a tracker category or a tracker change, or the part of the processing one covers", Material,
		kindIs("activity.legal-bases", "tracker-category.legal-bases", "tracker.legal-bases")},
	{"NEW_CONTROLLER", "a controller is added, or a controller's legal name changes", Material,
		func(c *Change) bool {
			return c.Kind == "controller.added" || c.Kind == "party.name" && len(c.segs) == 3 && c.segs[0] == "controllers"
		}},
	{"NEW_TECHNOLOGY", "a tracker uses a technology it did not use before, or starts storing on the device", Material,
		func(c *Change) bool {
			return c.Kind == "tracker.technology" && len(added(c)) > 0 || c.Kind == "tracker.storage" && c.New == nil
		}},
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
	case "recipient.general":
		return c.New != nil
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

// length compares an old and a new period. A period absent on one side, a
// rule replaced by criteria, or rules that count from different events,
// cannot be compared.
func length(old, new *Value) int {
	if old == nil || new == nil || old.Type != new.Type {
		return unclear
	}
	switch {
	case old.Duration != nil && new.Duration != nil:
		return sign(new.Duration.Compare(old.Duration))
	case old.Retention != nil && new.Retention != nil:
		if c, ok := new.Retention.Compare(old.Retention); ok {
			return sign(c)
		}
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
