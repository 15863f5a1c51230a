package translation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
)

const (
	diffContext  = 2  // words of unchanged text shown on each side of a change
	diffMaxRuns  = 3  // changes shown before "and N more"
	diffMaxWords = 12 // words shown of one side of a change
)

// WordDiff tells what changed from old to new, word by word, as a writer
// would say it: 'up to 13 months' → 'up to 24 months'. Each change is shown
// with two words of context; changes close together are shown as one.
// Excerpts are verbatim but for runs of whitespace, written as one space,
// and never cut an inline fact.
func WordDiff(old, new string) string {
	if slices.Equal(strings.Fields(old), strings.Fields(new)) {
		if old == new {
			return "no change"
		}
		return "spacing or line breaks only"
	}
	runs := changes(model.WordDiff(old, new))
	var parts []string
	for i, r := range runs {
		if i == diffMaxRuns {
			parts = append(parts, fmt.Sprintf("and %d more %s", len(runs)-i, plural(len(runs)-i, "change", "changes")))
			break
		}
		parts = append(parts, quoteWords(r.old)+" → "+quoteWords(r.new))
	}
	return strings.Join(parts, ", ")
}

// change is a changed stretch of words with its context, on both sides.
type change struct{ old, new []model.Token }

// tokens are the words and facts of a segment, the first glued to what
// comes before as the segment is.
func tokens(s model.WordSegment) []model.Token {
	ts := model.Tokens(s.Text)
	if len(ts) > 0 {
		ts[0].Glued = s.Glued
	}
	return ts
}

// changes groups a word diff into changes, each with diffContext kept words
// on either side; changes whose context would meet are one change.
func changes(segs []model.WordSegment) []change {
	var out []change
	var cur *change
	for i, s := range segs {
		words := tokens(s)
		switch {
		case s.Op == "-" || s.Op == "+":
			if cur == nil {
				var before []model.Token
				if i > 0 {
					kept := tokens(segs[i-1])
					before = kept[max(len(kept)-diffContext, 0):]
				}
				out = append(out, change{old: slices.Clone(before), new: slices.Clone(before)})
				cur = &out[len(out)-1]
			}
			if s.Op == "-" {
				cur.old = append(cur.old, words...)
			} else {
				if i > 0 && segs[i-1].Op == "-" {
					// In place of the removed words: as close to the text
					// before as they were.
					words[0].Glued = segs[i-1].Glued
				}
				cur.new = append(cur.new, words...)
			}
		case cur != nil:
			if i < len(segs)-1 && len(words) <= 2*diffContext {
				cur.old = append(cur.old, words...)
				cur.new = append(cur.new, words...)
				continue
			}
			after := words[:min(diffContext, len(words))]
			cur.old = append(cur.old, after...)
			cur.new = append(cur.new, after...)
			cur = nil
		}
	}
	return out
}

func quoteWords(words []model.Token) string {
	if len(words) > diffMaxWords {
		ellipsis := model.Token{Text: "…"}
		tail := slices.Clone(words[len(words)-3:])
		tail[0].Glued = false
		words = append(append(slices.Clone(words[:diffMaxWords-4]), ellipsis), tail...)
	}
	if len(words) > 0 {
		words = slices.Clone(words)
		words[0].Glued = false
	}
	return "'" + model.JoinTokens(words) + "'"
}
