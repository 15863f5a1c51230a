package lint

import (
	"regexp"
	"strings"
)

// wordList is a case-insensitive regular expression that matches one of a
// list of words, with a test that rules a text out before the expression
// runs: most texts hold none of the words, and a backtracking search for
// a dozen alternatives in every purpose of a large policy costs more than
// all the rest of its check.
type wordList struct {
	re    *regexp.Regexp
	words []string // lower case; a match of re holds one of them
}

// newWordList compiles prefix followed by the words as alternatives and
// suffix, case-insensitively.
func newWordList(prefix, suffix string, words ...string) *wordList {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(w)
		words[i] = strings.ToLower(w)
	}
	return &wordList{re: regexp.MustCompile(`(?i)` + prefix + `(` + strings.Join(quoted, "|") + `)` + suffix), words: words}
}

// mayMatch reports whether s can match. Every character the expression
// folds to a letter of a word lowers to that letter, except the long s (ſ),
// which the expression takes for an s.
func (w *wordList) mayMatch(s string) bool {
	if strings.ContainsRune(s, 'ſ') {
		return true
	}
	lower := strings.ToLower(s)
	for _, word := range w.words {
		if strings.Contains(lower, word) {
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
