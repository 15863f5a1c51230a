package model

import (
	"regexp"
	"strings"
)

// WordSegment is a run of words of a word diff: kept ("="), removed ("-") or
// added ("+"). Words are separated by single spaces, as Markdown renders
// any run of whitespace.
type WordSegment struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// token is a word, or an inline fact such as "{duration 13 months}" kept
// whole so that a changed fact reads as one replacement.
var token = regexp.MustCompile(inlinePattern.String() + `|\S+`)

func words(s string) []string { return token.FindAllString(s, -1) }

// maxCells bounds the table of the longest common subsequence; beyond it
// the differing middle of two texts is shown as one replacement.
const maxCells = 4 << 20

// WordDiff compares two texts word by word: the longest common subsequence
// of their words is kept, the rest removed or added.
func WordDiff(old, new string) []WordSegment {
	a, b := words(old), words(new)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for _, w := range a[:pre] {
		ops = append(ops, op{'=', w})
	}
	ops = append(ops, lcs(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, w := range a[len(a)-suf:] {
		ops = append(ops, op{'=', w})
	}
	return join(ops)
}

type op struct {
	kind byte
	word string
}

func lcs(a, b []string) []op {
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
			if a[i] == b[j] {
				n[i*w+j] = n[(i+1)*w+j+1] + 1
			} else {
				n[i*w+j] = max(n[(i+1)*w+j], n[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			ops = append(ops, op{'=', a[i]})
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
	var del, ins []string
	flush := func() {
		if len(del) > 0 {
			out = append(out, WordSegment{"-", strings.Join(del, " ")})
		}
		if len(ins) > 0 {
			out = append(out, WordSegment{"+", strings.Join(ins, " ")})
		}
		del, ins = nil, nil
	}
	var same []string
	for _, o := range ops {
		switch o.kind {
		case '=':
			if len(del)+len(ins) > 0 {
				flush()
			}
			same = append(same, o.word)
		default:
			if len(same) > 0 {
				out = append(out, WordSegment{"=", strings.Join(same, " ")})
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
		out = append(out, WordSegment{"=", strings.Join(same, " ")})
	}
	return out
}
