package lint

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordList is a case-insensitive regular expression that matches one of a
// list of words, with a test that rules a text out before the expression
// runs: most texts hold none of the words, and a backtracking search for
// a dozen alternatives in every purpose of a large policy costs more than
// all the rest of its check.
type wordList struct {
	re    *regexp.Regexp
	words [][]byte // lower case; a match of re holds one of them
	// starts holds, as bits, the first two bytes of each word: the
	// positions of a text where no word starts are passed over with one
	// test each.
	starts [1 << 16 / 64]uint64
}

// newWordList compiles prefix followed by the words as alternatives and
// suffix, case-insensitively.
func newWordList(prefix, suffix string, words ...string) *wordList {
	quoted := make([]string, len(words))
	list := &wordList{words: make([][]byte, len(words))}
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(w)
		lower := []byte(strings.ToLower(w))
		if len(lower) < 2 {
			panic("wordList: a word of one byte: " + w)
		}
		list.words[i] = lower
		b := bigram(lower)
		list.starts[b/64] |= 1 << (b % 64)
	}
	list.re = regexp.MustCompile(`(?i)` + prefix + `(` + strings.Join(quoted, "|") + `)` + suffix)
	return list
}

// bigram is the first two bytes of s as one number.
func bigram(s []byte) uint16 { return uint16(s[0])<<8 | uint16(s[1]) }

// mayMatch reports whether s can match. Every character the expression
// folds to a letter of a word lowers to that letter, except the long s (ſ),
// which the expression takes for an s. The text is lowered into a buffer
// on the stack, as strings.ToLower would lower it, so that the test
// allocates nothing: it runs on every text of a large policy.
func (w *wordList) mayMatch(s string) bool {
	var buf [512]byte
	i := 0
	for ; i < len(s) && i < len(buf) && s[i] < utf8.RuneSelf; i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	lower := buf[:i]
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower = append(lower, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return w.mayMatchInvalid(s)
		}
		if r == 'ſ' {
			return true
		}
		lower = utf8.AppendRune(lower, unicode.ToLower(r))
		i += size
	}
	for i := 0; i+1 < len(lower); i++ {
		if b := bigram(lower[i:]); w.starts[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		for _, word := range w.words {
			if bytes.HasPrefix(lower[i:], word) {
				return true
			}
		}
	}
	return false
}

// mayMatchInvalid is mayMatch for a text that is not valid UTF-8, which
// strings.ToLower does not lower rune by rune.
func (w *wordList) mayMatchInvalid(s string) bool {
	if strings.ContainsRune(s, 'ſ') {
		return true
	}
	lower := strings.ToLower(s)
	for _, word := range w.words {
		if strings.Contains(lower, string(word)) {
			return true
		}
	}
	return false
}

func (w *wordList) FindString(s string) string {
	if !w.mayMatch(s) {
		return ""
	}
	return w.re.FindString(s)
}

func (w *wordList) MatchString(s string) bool {
	return w.mayMatch(s) && w.re.MatchString(s)
}
