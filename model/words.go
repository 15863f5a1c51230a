package model

import (
	"regexp"
	"strings"
)

// WordSegment is a run of words of a word diff: kept ("="), removed ("-") or
// added ("+"). Its text is the words as written, separated by a single space
// where the text had any whitespace, as Markdown renders it. Glued says the
// run follows the one before with no space between, as "." follows a
// changed {duration 13 months}; a run added in place of a removed one is
// never glued to it.
type WordSegment struct {
	Op    string `json:"op"`
	Text  string `json:"text"`
	Glued bool   `json:"glued,omitempty"`
}

// Token is a word of a text, or an inline fact such as
// "{duration 13 months}" kept whole so that a changed fact reads as one
// replacement and an excerpt never cuts one. Glued says it follows the
// token before with no whitespace between.
type Token struct {
	Text  string
	Glued bool
}

var token = regexp.MustCompile(inlinePattern.String() + `|[^\s{]+|\{`)

// Tokens splits s into its words and inline facts.
func Tokens(s string) []Token {
	var out []Token
	end := -1
	for _, m := range token.FindAllStringIndex(s, -1) {
		out = append(out, Token{Text: s[m[0]:m[1]], Glued: m[0] == end})
		end = m[1]
	}
	return out
}

// JoinTokens writes tokens back as text: verbatim, but for each run of
// whitespace written as one space.
func JoinTokens(ts []Token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && !t.Glued {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// maxCells bounds the table of the longest common subsequence; beyond it
// the differing middle of two texts is shown as one replacement.
const maxCells = 4 << 20

// WordDiff compares two texts word by word: the longest common subsequence
// of their words is kept, the rest removed or added.
func WordDiff(old, new string) []WordSegment {
	a, b := Tokens(old), Tokens(new)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].Text == b[pre].Text {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].Text == b[len(b)-1-suf].Text {
		suf++
	}
	var ops []op
	for _, w := range b[:pre] {
		ops = append(ops, op{'=', w})
	}
	ops = append(ops, lcs(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, w := range b[len(b)-suf:] {
		ops = append(ops, op{'=', w})
	}
	return join(ops)
}

// op is a token kept, removed or added; a kept token is spaced as in the
// new text.
type op struct {
	kind byte
	word Token
}

func lcs(a, b []Token) []op {
	var ops []op
	if len(a)*len(b) > maxCells {
		for _, w := range a {
			ops = append(ops, op{'-', w})
		}
		for _, w := range b {
			ops = append(ops, op{'+', w})
		}
		return ops
	}
	// n[i][j] is the length of the common subsequence of a[i:] and b[j:].
	w := len(b) + 1
	n := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i].Text == b[j].Text {
				n[i*w+j] = n[(i+1)*w+j+1] + 1
			} else {
				n[i*w+j] = max(n[(i+1)*w+j], n[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].Text == b[j].Text:
			ops = append(ops, op{'=', b[j]})
			i++
			j++
		case n[(i+1)*w+j] >= n[i*w+j+1]:
			ops = append(ops, op{'-', a[i]})
			i++
		default:
			ops = append(ops, op{'+', b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		ops = append(ops, op{'-', a[i]})
	}
	for ; j < len(b); j++ {
		ops = append(ops, op{'+', b[j]})
	}
	return ops
}

// join merges runs of one kind into segments, putting each run of removed
// words before the added words that replace it.
func join(ops []op) []WordSegment {
	var out []WordSegment
	var del, ins []Token
	segment := func(kind string, ts []Token) {
		glued := ts[0].Glued
		if kind == "+" && len(out) > 0 && out[len(out)-1].Op == "-" {
			glued = false
		}
		if len(out) == 0 {
			glued = false
		}
		ts[0].Glued = false
		out = append(out, WordSegment{kind, JoinTokens(ts), glued})
	}
	flush := func() {
		if len(del) > 0 {
			segment("-", del)
		}
		if len(ins) > 0 {
			segment("+", ins)
		}
		del, ins = nil, nil
	}
	var same []Token
	for _, o := range ops {
		switch o.kind {
		case '=':
			if len(del)+len(ins) > 0 {
				flush()
			}
			same = append(same, o.word)
		default:
			if len(same) > 0 {
				segment("=", same)
				same = nil
			}
			if o.kind == '-' {
				del = append(del, o.word)
			} else {
				ins = append(ins, o.word)
			}
		}
	}
	flush()
	if len(same) > 0 {
		segment("=", same)
	}
	return out
}
