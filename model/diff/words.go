package diff

import (
	"slices"

	"github.com/policyc/policyc/model"
)

// wordDiffs returns the word diff of each language of ls (every language
// when nil) whose text differs.
func wordDiffs(old, new *Value, ls []string) map[string][]model.WordSegment {
	var o, n map[string]string
	if old != nil {
		o = old.Text
	}
	if new != nil {
		n = new.Text
	}
	out := map[string][]model.WordSegment{}
	if ls == nil {
		ls = langs(o, n)
	}
	for _, l := range ls {
		if normalize(o[l]) != normalize(n[l]) {
			out[l] = model.WordDiff(o[l], n[l])
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// langs returns the languages of texts, sorted.
func langs(texts ...map[string]string) []string {
	var out []string
	for _, t := range texts {
		for l := range t {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	slices.Sort(out)
	return out
}

// contextWords is how many unchanged words a report shows on each side of
// a change.
const contextWords = 5

// Context shortens the unchanged runs of a word diff to contextWords on
// each side of a change, marking what it leaves out with "…". It counts an
// inline fact as one word and never cuts one.
func Context(segs []model.WordSegment) []model.WordSegment {
	out := make([]model.WordSegment, 0, len(segs))
	ellipsis := model.Token{Text: "…"}
	for i, s := range segs {
		if s.Op != "=" {
			out = append(out, s)
			continue
		}
		ws := model.Tokens(s.Text)
		first, last := i == 0, i == len(segs)-1
		switch {
		case first && last:
		case first && len(ws) > contextWords:
			ws = append([]model.Token{ellipsis}, unglued(ws[len(ws)-contextWords:])...)
		case last && len(ws) > contextWords:
			ws = append(ws[:contextWords:contextWords], ellipsis)
		case !first && !last && len(ws) > 2*contextWords+1:
			ws = append(append(ws[:contextWords:contextWords], ellipsis), unglued(ws[len(ws)-contextWords:])...)
		}
		out = append(out, model.WordSegment{Op: "=", Text: model.JoinTokens(ws), Glued: s.Glued})
	}
	return out
}

// unglued returns ts with a space before its first token, which follows
// an ellipsis.
func unglued(ts []model.Token) []model.Token {
	ts = slices.Clone(ts)
	ts[0].Glued = false
	return ts
}
