package model

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// ValueError is a value that does not follow its grammar: what is wrong and,
// where one can be guessed, the fix.
type ValueError struct {
	Msg string
	Fix string
}

func (e *ValueError) Error() string {
	if e.Fix == "" {
		return e.Msg
	}
	return e.Msg + "; " + e.Fix
}

func valueErr(fix, format string, args ...any) *ValueError {
	return &ValueError{Msg: fmt.Sprintf(format, args...), Fix: fix}
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ParseID checks an id: lower-case letters, digits and hyphens, not starting
// with a hyphen.
func ParseID(s string) error {
	if isID(s) {
		return nil
	}
	fix := ""
	if s != "" {
		if cleaned := slug(s); cleaned != "" && idPattern.MatchString(cleaned) {
			fix = fmt.Sprintf("use %q", cleaned)
		}
	}
	return valueErr(fix, "invalid id %q: use lower-case letters, digits and hyphens", s)
}

// isID is idPattern.MatchString by hand: every item of a policy has an id,
// and the expression costs more than the rest of the id's checks.
func isID(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// ParseDuration parses a lifetime or period: "session", "30 minutes",
// "24 hours", "380 days", "13 months", "1 year", "session, at most 10
// minutes", "at most 2 years", "persistent".
func ParseDuration(s string) (*Duration, error) {
	switch s {
	case "session":
		return &Duration{Session: true}, nil
	case "persistent":
		return &Duration{Persistent: true}, nil
	}
	if rest, ok := strings.CutPrefix(s, "session, at most "); ok {
		max, err := parseAmount(rest, s)
		if err != nil {
			return nil, err
		}
		return &Duration{Session: true, Max: max}, nil
	}
	if rest, ok := strings.CutPrefix(s, "at most "); ok {
		max, err := parseAmount(rest, s)
		if err != nil {
			return nil, err
		}
		return &Duration{Max: max}, nil
	}
	if fix := durationForm(s); fix != "" {
		return nil, valueErr(fix, "invalid duration %q", s)
	}
	return parseAmount(s, s)
}

// durationForm names the accepted form of a lifetime written as tables
// and people write it: "up to 2 years", "max. 365 days", "per session",
// "no expiry".
func durationForm(s string) string {
	l := strings.ToLower(strings.TrimSpace(s))
	session := ""
	if rest, ok := strings.CutPrefix(l, "session"); ok && strings.TrimLeft(rest, " ,;") != rest {
		session, l = "session, ", strings.TrimLeft(rest, " ,;")
	}
	for _, p := range []string{"up to ", "upto ", "maximum of ", "maximum ", "max. ", "max ", "no more than ", "not more than ", "less than ", "until ", "at most"} {
		if rest, ok := strings.CutPrefix(l, p); ok && rest != "" {
			rest = strings.TrimSpace(rest)
			if d, err := parseAmount(rest, rest); err == nil {
				return fmt.Sprintf("write %q: \"at most\" states an upper bound", session+"at most "+d.String())
			}
			return fmt.Sprintf("write %q, with a number and a unit such as \"at most 2 years\"", session+"at most <number> <unit>")
		}
	}
	switch l {
	case "per session", "session only", "end of session", "end of the session", "browser session", "session cookie",
		"until the browser is closed", "until browser close", "until the browser closes", "sessie", "de session":
		return `write "session": it ends when the browser closes`
	case "persistent cookie", "no expiry", "no expiration", "never expires", "never", "permanent", "forever", "unlimited",
		"indefinite", "indefinitely", "does not expire", "none", "n/a", "-":
		return `write "persistent" for storage that does not expire, such as local storage`
	}
	return ""
}

func parseAmount(s, whole string) (*Duration, error) {
	fields := strings.Fields(s)
	if len(fields) != 2 || strings.Join(fields, " ") != s {
		return nil, valueErr(`write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
			"invalid duration %q", whole)
	}
	n, err := strconv.Atoi(fields[0])
	if strings.Trim(fields[0], "0123456789") != "" {
		// Atoi takes a sign, which a duration never has.
		err = strconv.ErrSyntax
	}
	if err != nil || n <= 0 || n > 10000 {
		return nil, valueErr("the amount must be a whole number from 1 to 10000", "invalid duration %q: %q is not a whole number of units", whole, fields[0])
	}
	unit := strings.TrimSuffix(fields[1], "s")
	if !contains(DurationUnits, unit) {
		plural := make([]string, len(DurationUnits))
		for i, u := range DurationUnits {
			plural[i] = u + "s"
		}
		fix := "use one of minutes, hours, days, weeks, months, years"
		if m := suggest(fields[1], plural); m != "" {
			fix = fmt.Sprintf("did you mean %q?", fields[0]+" "+m)
		}
		return nil, valueErr(fix, "invalid duration %q: unknown unit %q", whole, fields[1])
	}
	return &Duration{Amount: n, Unit: unit}, nil
}

// String writes the duration in the grammar it was parsed from.
func (d *Duration) String() string {
	if d == nil {
		return ""
	}
	switch {
	case d.Persistent:
		return "persistent"
	case d.Session && d.Max != nil:
		return "session, at most " + d.Max.String()
	case d.Session:
		return "session"
	case d.Max != nil:
		return "at most " + d.Max.String()
	}
	if d.Amount == 1 {
		return "1 " + d.Unit
	}
	return strconv.Itoa(d.Amount) + " " + d.Unit + "s"
}

// ParseRetention parses a retention rule:
//
//	[typically] <duration> [from <event>] [, then <duration> in archive] [, then anonymised] [, at most <duration>]
//	until <event> [+ <duration>] [, then <duration> in archive] [, then anonymised] [, at most <duration>]
//	at most <duration>
func ParseRetention(s string) (*Retention, error) {
	r := &Retention{Rule: s}
	clauses := strings.Split(s, ", ")
	first := clauses[0]
	var err error
	switch {
	case strings.HasPrefix(first, "until "):
		ev, plus, _ := strings.Cut(strings.TrimPrefix(first, "until "), " + ")
		if r.Until, err = parseEvent(ev, s); err != nil {
			return nil, err
		}
		if plus != "" {
			if r.Plus, err = parseRetentionDuration(plus, s); err != nil {
				return nil, err
			}
		}
	case strings.HasPrefix(first, "at most "):
		if r.Max, err = parseRetentionDuration(strings.TrimPrefix(first, "at most "), s); err != nil {
			return nil, err
		}
		if len(clauses) > 1 {
			return nil, valueErr(`put "at most" last`, "invalid retention %q: nothing may follow %q", s, first)
		}
		return r, nil
	case strings.HasPrefix(first, "then "):
		return nil, valueErr(`a comma inside [...] splits a rule in two: put the whole rule in quotes or on its own "- " line`,
			"invalid retention %q: a rule cannot start with \"then\"", s)
	default:
		// "typically 25 months": the usual period, which some data outlast.
		first, r.Typical = strings.CutPrefix(first, "typically ")
		period, ev, hasFrom := strings.Cut(first, " from ")
		if r.Period, err = parseRetentionDuration(period, s); err != nil {
			return nil, err
		}
		if hasFrom {
			if r.From, err = parseEvent(ev, s); err != nil {
				return nil, err
			}
		}
	}
	for i, c := range clauses[1:] {
		switch {
		case strings.HasPrefix(c, "then ") && strings.HasSuffix(c, " in archive") && r.Archive == nil && r.Max == nil:
			if r.Archive, err = parseRetentionDuration(strings.TrimSuffix(strings.TrimPrefix(c, "then "), " in archive"), s); err != nil {
				return nil, err
			}
		case c == "then anonymised" && !r.Anonymised && r.Max == nil:
			r.Anonymised = true
		case strings.HasPrefix(c, "at most ") && i == len(clauses)-2:
			if r.Max, err = parseRetentionDuration(strings.TrimPrefix(c, "at most "), s); err != nil {
				return nil, err
			}
		default:
			return nil, valueErr(`after the first part only ", then <duration> in archive", ", then anonymised" and ", at most <duration>" may follow, in that order`,
				"invalid retention %q: unexpected %q", s, c)
		}
	}
	return r, nil
}

func parseRetentionDuration(s, whole string) (*Duration, error) {
	d, err := parseAmount(s, s)
	if err != nil {
		ve := err.(*ValueError)
		if len(strings.Fields(s)) != 2 {
			return nil, valueErr(`write a rule such as "13 months from collection", "until contract-end + 90 days" or "at most 5 years", or give "criteria"`,
				"invalid retention %q", whole)
		}
		return nil, &ValueError{Msg: fmt.Sprintf("invalid retention %q: %s", whole, strings.TrimPrefix(ve.Msg, "invalid ")), Fix: ve.Fix}
	}
	return d, nil
}

func parseEvent(s, whole string) (string, error) {
	if contains(Events, s) {
		return s, nil
	}
	fix := "use one of " + strings.Join(Events, ", ")
	if m := suggest(s, Events); m != "" {
		fix = fmt.Sprintf("did you mean %q?", m)
	}
	return "", valueErr(fix, "invalid retention %q: unknown event %q", whole, s)
}

// ParseCountry checks an ISO 3166-1 alpha-2 country code, or EU or EEA.
func ParseCountry(s string) error {
	if s == "EU" || s == "EEA" {
		return nil
	}
	if s == "UK" {
		return valueErr(`did you mean "GB"?`, "invalid country %q", s)
	}
	if len(s) == 2 && strings.ToUpper(s) == s {
		if r, err := language.ParseRegion(s); err == nil && r.IsCountry() && !r.IsPrivateUse() {
			return nil
		}
	}
	fix := "use an ISO 3166-1 alpha-2 code such as FR, DE or US, or EU or EEA"
	if up := strings.ToUpper(s); up != s && ParseCountry(up) == nil {
		fix = fmt.Sprintf("did you mean %q?", up)
	}
	return valueErr(fix, "invalid country %q", s)
}

// ParseLanguage checks a language code that policyc can render.
func ParseLanguage(s string) error {
	if contains(RenderLanguages, s) {
		// Every language policyc renders is a well-formed tag; a policy
		// names one for each text, so the parser is kept for the others.
		return nil
	}
	tag, err := language.Parse(s)
	if err != nil {
		return valueErr("use a BCP 47 language code such as nl, en or fr", "invalid language %q", s)
	}
	if !contains(RenderLanguages, s) {
		fix := "policyc renders " + strings.Join(RenderLanguages, ", ")
		if base, _ := tag.Base(); contains(RenderLanguages, base.String()) {
			fix = fmt.Sprintf("use %q", base.String())
		}
		return valueErr(fix, "unsupported language %q", s)
	}
	return nil
}

// ParseDate parses an ISO 8601 calendar date, YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, valueErr("write the date as YYYY-MM-DD, e.g. 2021-03-22", "invalid date %q", s)
	}
	if t.Year() == 0 {
		// Year 0 is how a Date says it was not given: accepting it would
		// drop the date in silence.
		return Date{}, valueErr("write a year from 0001 on, e.g. 2021-03-22", "invalid date %q: there is no year 0000", s)
	}
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, nil
}

// ParseURL checks a link: absolute, with scheme https, http or mailto.
func ParseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return valueErr(`write an absolute link starting with "https://" or "mailto:"`, "invalid link %q", s)
	}
	switch strings.ToLower(u.Scheme) {
	case "https", "http":
		if u.Host == "" {
			return valueErr("", "invalid link %q: no host", s)
		}
		return nil
	case "mailto":
		if u.Opaque == "" {
			return valueErr("", "invalid link %q: no address", s)
		}
		return nil
	}
	return valueErr("only https, http and mailto links are allowed", "invalid link %q: scheme %q not allowed", s, u.Scheme)
}

// ParseKey checks a key of a closed vocabulary.
func ParseKey(what, s string, keys []string) error {
	if contains(keys, s) {
		return nil
	}
	fix := "use one of " + strings.Join(keys, ", ")
	if m := suggest(s, keys); m != "" {
		fix = fmt.Sprintf("did you mean %q?", m)
	}
	return valueErr(fix, "unknown %s %q", what, s)
}

// suggest returns the candidate closest to s when it is close enough to be a
// likely typo, as HCL's didyoumean does.
// Suggest returns the candidate closest to s, or "" when none is close
// enough to be what was meant.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

func suggest(s string, candidates []string) string {
	allowed := 1
	switch {
	case len(s) >= 9:
		allowed = 3
	case len(s) >= 3:
		allowed = 2
	}
	best, bestDist := "", allowed+1
	for _, c := range candidates {
		if d := levenshtein(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
