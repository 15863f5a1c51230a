package model

import (
	"regexp"
	"strings"
)

// NamePart is one part of a tracker name pattern: literal text, a
// placeholder for a value set per site or visitor ("<container-id>"), or
// "*", any text.
type NamePart struct {
	Text        string // the literal text, or the placeholder's name
	Placeholder bool
	Any         bool
}

// NamePatternMarks are the characters that give a tracker name parts: a
// name without any of them is one literal part.
const NamePatternMarks = "<>*"

var placeholderName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ParseNamePattern splits a tracker name into its parts. A name without
// "<" and "*" is one literal part; "_ga_<container-id>" is "_ga_" and the
// placeholder container-id; "_pk_id.*" is "_pk_id." and any text. A
// placeholder and "*" each stand for one or more characters.
func ParseNamePattern(s string) ([]NamePart, error) {
	var parts []NamePart
	literal := func(t string) {
		if t != "" {
			parts = append(parts, NamePart{Text: t})
		}
	}
	rest := s
	for rest != "" {
		i := strings.IndexAny(rest, NamePatternMarks)
		if i < 0 {
			literal(rest)
			break
		}
		literal(rest[:i])
		switch rest[i] {
		case '*':
			if len(parts) > 0 && (parts[len(parts)-1].Any || parts[len(parts)-1].Placeholder) {
				return nil, valueErr("put text between two variable parts, or write one", "invalid tracker name %q: two variable parts in a row", s)
			}
			parts = append(parts, NamePart{Text: "*", Any: true})
			rest = rest[i+1:]
		case '>':
			return nil, valueErr(`write a placeholder as <name>, as in "_ga_<container-id>"`, "invalid tracker name %q: %q closes no placeholder", s, ">")
		case '<':
			end := strings.IndexByte(rest[i:], '>')
			if end < 0 {
				return nil, valueErr(`close it with ">", as in "_ga_<container-id>"`, "invalid tracker name %q: the placeholder %q is not closed", s, rest[i:])
			}
			name := rest[i+1 : i+end]
			if !placeholderName.MatchString(name) {
				return nil, valueErr(`name it with lower-case letters, digits and hyphens, as in "_ga_<container-id>"`,
					"invalid tracker name %q: placeholder <%s>", s, name)
			}
			if len(parts) > 0 && (parts[len(parts)-1].Any || parts[len(parts)-1].Placeholder) {
				return nil, valueErr("put text between two variable parts, or write one", "invalid tracker name %q: two variable parts in a row", s)
			}
			parts = append(parts, NamePart{Text: name, Placeholder: true})
			rest = rest[i+end+1:]
		}
	}
	return parts, nil
}

// IsPattern reports whether the name stands for many keys.
func (n TrackerName) IsPattern() bool { return strings.ContainsAny(n.Name, "<*") }

// NameRegexp is the regular expression, in the syntax Go, JavaScript and
// most consent tools share, that matches the keys a name stands for: the
// whole key, each variable part one or more characters.
func NameRegexp(parts []NamePart) string {
	var b strings.Builder
	b.WriteByte('^')
	for _, p := range parts {
		if p.Any || p.Placeholder {
			b.WriteString(".+")
		} else {
			b.WriteString(regexp.QuoteMeta(p.Text))
		}
	}
	b.WriteByte('$')
	return b.String()
}
