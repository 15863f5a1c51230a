package locales

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Colon is the colon that ends a label ("Legal basis:"), with the narrow
// no-break space French puts before it.
func (m *Messages) Colon() string { return m.T("punct.colon") }

// Label is s followed by the language's colon.
func (m *Messages) Label(s string) string { return s + m.Colon() }

// Number writes n with the language's digit grouping (CLDR 46, with a
// minimum of one grouping digit for nl, en and fr): 1,500 in English, 1.500
// in Dutch, 1 500 in French with a narrow no-break space.
func (m *Messages) Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	sep := m.T("number.group")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Day is the day of the month as a date writes it: French writes the first
// day as an ordinal, "1er".
func (m *Messages) Day(day int) string {
	if day == 1 {
		return m.T("date.day_first")
	}
	return strconv.Itoa(day)
}

// nnbsp is the narrow no-break space French sets before : ; ! ? and inside
// « ».
const nnbsp = '\u202f'

// Typeset applies the language's typography to a text written by hand:
// in French, a narrow no-break space before a colon, semicolon,
// exclamation or question mark that ends a word, and inside guillemets.
// A space the writer typed there becomes the narrow no-break one; a mark
// inside a word, a number or a URL ("10:30", "https://", "?q=") is left
// alone. Other languages are returned as they are.
func (m *Messages) Typeset(s string) string {
	if m.Lang != "fr" || !frenchMarks(s) {
		return s
	}
	return frenchSpacing(s)
}

// frenchMarks reports whether s holds a mark French spaces. The ASCII
// marks and the guillemets are looked for apart: strings.ContainsAny with
// a non-ASCII character decodes every rune of s, which cost more than the
// rest of a row.
func frenchMarks(s string) bool {
	return strings.ContainsAny(s, ":;!?") || strings.Contains(s, "«") || strings.Contains(s, "»")
}

func frenchSpacing(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	skipTo := 0 // the end of a link's address, copied as written
	for i, r := range s {
		if i < skipTo {
			b.WriteRune(r)
			continue
		}
		if end := linkAddressEnd(s, i); end > i {
			skipTo = end
			b.WriteRune(r)
			continue
		}
		switch r {
		case ':', ';', '!', '?':
			if !endsWord(s[i+1:]) {
				break
			}
			trimSpaceBefore(&b)
			if last, _ := utf8.DecodeLastRuneInString(b.String()); b.Len() > 0 && last != '\n' {
				b.WriteRune(nnbsp)
			}
		case '»':
			trimSpaceBefore(&b)
			if b.Len() > 0 {
				b.WriteRune(nnbsp)
			}
		}
		b.WriteRune(r)
		if r == '«' {
			next, size := utf8.DecodeRuneInString(s[i+len("«"):])
			if size > 0 && next != nnbsp && !unicode.IsSpace(next) {
				b.WriteRune(nnbsp)
			}
		}
	}
	out := b.String()
	// The space a writer typed after « becomes the narrow one.
	out = strings.ReplaceAll(out, "« ", "«\u202f")
	return strings.ReplaceAll(out, "«\u00a0", "«\u202f")
}

// linkAddressEnd returns, when s at i opens the address of a Markdown link
// ("](" or an autolink "<scheme:"), the index just past that address, and
// i otherwise: an address is not prose, and a space set in it before "?"
// or "!" ("mailto:a@b.fr?subject=RGPD!") would change where it leads.
func linkAddressEnd(s string, i int) int {
	switch {
	case strings.HasPrefix(s[i:], "]("):
		depth := 0
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					return j
				}
			case '\\':
				j++
			case '\n':
				return j
			}
		}
		return len(s)
	case s[i] == '<':
		j := i + 1
		for j < len(s) && j-i <= 33 && (isASCIILetter(s[j]) || j > i+1 && (s[j] >= '0' && s[j] <= '9' || s[j] == '+' || s[j] == '.' || s[j] == '-')) {
			j++
		}
		if j-i < 3 || j >= len(s) || s[j] != ':' {
			return i
		}
		if end := strings.IndexAny(s[j:], "> \t\n<"); end >= 0 && s[j+end] == '>' {
			return j + end
		}
	}
	return i
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// endsWord reports whether a punctuation mark followed by rest ends a word:
// it is followed by a space, the end of the text, closing punctuation or
// Markdown emphasis.
func endsWord(rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsSpace(r) || strings.ContainsRune(")]»\"'’”*_.,", r)
}

// trimSpaceBefore removes the spaces (not line breaks) at the end of b.
func trimSpaceBefore(b *strings.Builder) {
	s := b.String()
	t := strings.TrimRightFunc(s, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == nnbsp || r == '\t' })
	if len(t) != len(s) {
		b.Reset()
		b.WriteString(t)
	}
}
