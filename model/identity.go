package model

import (
	"slices"
	"strconv"
	"strings"
)

// The identity scheme: every item that can be referenced, translated or
// diffed is named by a path of keys, such as
// "processing.orders.retention.contact_identity.note". The translation lock
// (Policy.Texts) and the diff name items by these functions and no others,
// so a text has one path wherever it is shown. A key is an id where the
// item has one; otherwise it is built from language-neutral data that say
// what the item is, with members of sets sorted: never from a list
// position, never from prose or a figure that may change.

// KeySep joins the members of a set in a key: for: [identity, contact]
// gives "contact_identity". Ids cannot hold it.
const KeySep = "_"

// DuplicateKey is the key of the nth item (n ≥ 2) of one list whose key
// would be key: "key_2", "key_3". Two items with one id are an error
// (DUPLICATE_ID); two retention rules for the same categories are not.
func DuplicateKey(key string, n int) string { return key + KeySep + strconv.Itoa(n) }

// RetentionKey names a retention rule of an activity: by the data
// categories it is for, sorted; a rule for all the activity's data by the
// event it counts from or lasts until ("from-interaction",
// "until-contract-end", "at-most"), or "criteria" when it has none. The
// period is not part of the key: "1 year" may become "2 years" and the
// rule, its note and its translations stay the same.
func RetentionKey(r *Retention) string {
	if len(r.For) > 0 {
		ids := make([]string, len(r.For))
		for i, f := range r.For {
			ids[i] = f.ID
		}
		return sortedSet(ids)
	}
	switch {
	case r.Period != nil && r.From != "":
		return "from-" + r.From
	case r.Until != "":
		return "until-" + r.Until
	case r.Max != nil:
		return "at-most"
	}
	return "criteria"
}

// TransferKey names a transfer by its countries, sorted: "CH_US".
func TransferKey(t *Transfer) string {
	if len(t.Countries) == 0 {
		return "third-countries"
	}
	codes := make([]string, len(t.Countries))
	for i, c := range t.Countries {
		codes[i] = c.Code
	}
	return sortedSet(codes)
}

// PartyKey names a controller, the DPO's party or a parent company: by its
// id, or else by its name as a slug. Give a party an id to keep its key
// when it is renamed.
func PartyKey(p *Party) string {
	if p.ID != "" {
		return p.ID
	}
	return PathSafe(p.Name)
}

// AuthorityKey names a supervisory authority: by its known key (cnil, ap),
// or for one defined in the policy by its name as a slug.
func AuthorityKey(a *Authority) string {
	if a == nil {
		return ""
	}
	if a.Key != "" {
		return a.Key
	}
	return PathSafe(a.Name)
}

// ChannelKey names a way to exercise rights: a web form or an e-mail
// address by itself, a postal address, which a move rewrites, as "post".
// It is "" for an empty channel.
func ChannelKey(c *Channel) string {
	switch {
	case c == nil:
		return ""
	case c.Form.URL != "":
		return c.Form.URL
	case c.Email != "":
		return c.Email
	case c.Post != nil:
		return "post"
	}
	return ""
}

// ChangelogKey names an entry of the change history by its version.
func ChangelogKey(c Change) string { return PathSafe(c.Version) }

// sortedSet is the key of a set of ids or codes: sorted, without repeats,
// joined by KeySep, so that the order the YAML lists them in is no part of
// it.
func sortedSet(members []string) string {
	members = slices.Compact(slices.Sorted(slices.Values(members)))
	return strings.Join(members, KeySep)
}

// PathSafe turns free text into a path segment of lower-case letters,
// digits, dots and hyphens, which XLIFF accepts in a unit id.
func PathSafe(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-.")
}
