package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/policyc/policyc/model"
)

// areaTitles head the areas in the text and Markdown reports.
var areaTitles = map[string]string{
	"policy": "Policy", "parties": "Controller and DPO", "vendors": "Vendors", "trackers": "Trackers",
	"processing": "Processing", "transfers": "Transfers", "rights": "Rights", "sections": "Sections",
}

// Plain writes a value for the text and Markdown reports: facts as the
// YAML writes them, references by id, texts in lang between quotes, and the
// qualifying items in brackets.
func Plain(v *Value, lang string) string {
	if v == nil || v.IsZero() {
		return "(none)"
	}
	s := plainBase(v, lang)
	if len(v.Items) > 0 && v.Type != "list" {
		parts := make([]string, len(v.Items))
		for i := range v.Items {
			it := &v.Items[i]
			parts[i] = Plain(it, lang)
			if it.Type == "safeguard" {
				parts[i] = "safeguard: " + it.Raw
			}
		}
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

func plainBase(v *Value, lang string) string {
	switch v.Type {
	case "list":
		parts := make([]string, len(v.Items))
		for i := range v.Items {
			parts[i] = Plain(&v.Items[i], lang)
		}
		return strings.Join(parts, ", ")
	case "text":
		return strconv.Quote(normalize(pick(v.Text, lang)))
	case "consent":
		if v.Raw == "required" {
			return "consent required"
		}
		return "no consent required"
	case "special":
		return "special category"
	case "storage":
		return "nothing stored on the device"
	}
	return v.Raw
}

// pick returns the text in lang, or else in the first language it has.
func pick(t map[string]string, lang string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	if ls := langs(t); len(ls) > 0 {
		return t[ls[0]]
	}
	return ""
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// Summary is the one-line count of a policy's changes.
func (d *PolicyDiff) Summary() string {
	if len(d.Changes) == 0 {
		return "no changes"
	}
	return fmt.Sprintf("%s, %d material", plural(len(d.Changes), "change"), d.Count(Material))
}

// groups splits changes, already sorted, into their areas.
func groups(cs []Change) [][]Change {
	var out [][]Change
	for i, c := range cs {
		if i == 0 || c.Area != cs[i-1].Area {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], c)
	}
	return out
}

// TextOptions say how the text report looks.
type TextOptions struct {
	Color bool // ANSI colours, for a terminal
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiCyan  = "\x1b[36m"
	ansiDim   = "\x1b[2m"
)

// WriteText writes the report for a terminal or a log: per policy a
// summary line, then the changes grouped by area, one line each, prose as a
// word diff per language with [-removed-] and {+added+} words.
func WriteText(w io.Writer, r *Report, opts TextOptions) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	for i, d := range r.Policies {
		if i > 0 && (len(d.Changes) > 0 || len(r.Policies[i-1].Changes) > 0) {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "%s: %s\n", paint(ansiBold, d.ID), d.Summary())
		lang := d.Lang()
		for _, g := range groups(d.Changes) {
			fmt.Fprintf(bw, "\n%s\n", paint(ansiBold, areaTitles[g[0].Area]))
			for _, c := range g {
				label := fmt.Sprintf("%-9s", c.Class)
				if c.Class == Material {
					label = paint(ansiBold+ansiRed, label)
				} else {
					label = paint(ansiCyan, label)
				}
				fmt.Fprintf(bw, "  %s  %s %s\n", label, visible(textLine(&c, d.ID, lang)), paint(ansiDim, "["+c.Rule+"]"))
				for _, l := range slices.Sorted(maps.Keys(c.Words)) {
					var b strings.Builder
					for j, s := range Context(c.Words[l]) {
						if j > 0 && !s.Glued {
							b.WriteByte(' ')
						}
						switch s.Op {
						case "-":
							b.WriteString(paint(ansiRed, "[-"+visible(s.Text)+"-]"))
						case "+":
							b.WriteString(paint(ansiGreen, "{+"+visible(s.Text)+"+}"))
						default:
							b.WriteString(visible(s.Text))
						}
					}
					fmt.Fprintf(bw, "               %s: %s\n", l, b.String())
				}
			}
		}
	}
	return bw.Flush()
}

// visible replaces control characters in what a policy says, so that it
// cannot send escape sequences to the reviewer's terminal.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return '\uFFFD'
		}
		return r
	}, s)
}

// textLine is a change without its class and rule: the path and what
// changed.
func textLine(c *Change, id, lang string) string {
	path := c.Path
	if path == "" {
		path = id
	}
	switch {
	case strings.HasSuffix(c.Kind, ".added"):
		return path + " added: " + Plain(c.New, lang)
	case strings.HasSuffix(c.Kind, ".removed"):
		return path + " removed: " + Plain(c.Old, lang)
	case c.Words != nil:
		return path
	}
	return path + ": " + Plain(c.Old, lang) + " → " + Plain(c.New, lang)
}

// markdownEscaper escapes what Markdown gives meaning to inside a line,
// raw HTML included, so that a policy cannot inject markup into a pull
// request comment.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"|", `\|`, "~", `\~`, "&", `\&`, "#", `\#`, "{", `\{`, "\n", " ", "\r", " ",
)

// code writes s as a code span on one line: a line break would end the
// span and let what follows be read as Markdown.
func code(s string) string {
	return "`" + strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "`", "'") + "`"
}

// WriteMarkdown writes the report for a pull-request comment: per policy a
// heading with the summary, per area a list of changes; removed words are
// marked <del>, added ones <ins>.
func WriteMarkdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for i, d := range r.Policies {
		if i > 0 {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "### %s: %s\n", code(d.ID), d.Summary())
		lang := d.Lang()
		for _, g := range groups(d.Changes) {
			fmt.Fprintf(bw, "\n#### %s\n\n", areaTitles[g[0].Area])
			for _, c := range g {
				class := string(c.Class)
				if c.Class == Material {
					class = "**material**"
				}
				path := c.Path
				if path == "" {
					path = d.ID
				}
				line := code(path)
				switch {
				case strings.HasSuffix(c.Kind, ".added"):
					line += " added: " + markdownEscaper.Replace(Plain(c.New, lang))
				case strings.HasSuffix(c.Kind, ".removed"):
					line += " removed: " + markdownEscaper.Replace(Plain(c.Old, lang))
				case c.Words == nil:
					line += ": " + markdownEscaper.Replace(Plain(c.Old, lang)) + " → " + markdownEscaper.Replace(Plain(c.New, lang))
				}
				fmt.Fprintf(bw, "- %s %s · %s\n", class, line, code(c.Rule))
				for _, l := range slices.Sorted(maps.Keys(c.Words)) {
					var b strings.Builder
					for j, s := range Context(c.Words[l]) {
						if j > 0 && !s.Glued {
							b.WriteByte(' ')
						}
						t := markdownEscaper.Replace(s.Text)
						switch s.Op {
						case "-":
							b.WriteString("<del>" + t + "</del>")
						case "+":
							b.WriteString("<ins>" + t + "</ins>")
						default:
							b.WriteString(t)
						}
					}
					fmt.Fprintf(bw, "  - %s: %s\n", l, b.String())
				}
			}
		}
	}
	return bw.Flush()
}

// SchemaVersion names the JSON shape of the report; it changes when the
// shape does.
const SchemaVersion = "policyc-diff/v1"

type jsonVersion struct {
	Version   string `json:"version"`
	Effective string `json:"effective"`
}

type jsonSummary struct {
	Changes   int `json:"changes"`
	Material  int `json:"material"`
	Editorial int `json:"editorial"`
}

type jsonPolicy struct {
	ID      string       `json:"id"`
	Old     *jsonVersion `json:"old"`
	New     *jsonVersion `json:"new"`
	Summary jsonSummary  `json:"summary"`
	Changes []Change     `json:"changes"`
}

func version(p *model.Policy) *jsonVersion {
	if p == nil {
		return nil
	}
	return &jsonVersion{Version: p.Version, Effective: p.Effective.String()}
}

// WriteJSON writes the report as documented in docs/diff.md.
func WriteJSON(w io.Writer, r *Report) error {
	out := struct {
		Schema   string       `json:"schema"`
		Summary  jsonSummary  `json:"summary"`
		Policies []jsonPolicy `json:"policies"`
	}{Schema: SchemaVersion, Policies: []jsonPolicy{}}
	out.Summary = jsonSummary{Changes: r.Len(), Material: r.Count(Material), Editorial: r.Count(Editorial)}
	for _, d := range r.Policies {
		changes := d.Changes
		if changes == nil {
			changes = []Change{}
		}
		out.Policies = append(out.Policies, jsonPolicy{
			ID: d.ID, Old: version(d.Old), New: version(d.New), Changes: changes,
			Summary: jsonSummary{Changes: len(d.Changes), Material: d.Count(Material), Editorial: d.Count(Editorial)},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// WriteFacts writes every fact of one policy, one per line as "path:
// value", sorted by path: the form `git diff` compares through a textconv
// driver, so that reordering shows no difference and a change shows as the
// lines of the facts it touches. Texts give one line per language.
func WriteFacts(w io.Writer, p *model.Policy) error {
	f := flatten(p)
	order := make([]int, len(f.entries))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return slices.Compare(f.entries[a].segs, f.entries[b].segs) })
	bw := bufio.NewWriter(w)
	for _, i := range order {
		e := &f.entries[i]
		if e.weak {
			continue
		}
		path := strings.Join(e.segs, ".")
		// The qualifying items of a value are facts of other entries.
		v := e.value
		if v.Type != "list" {
			v = v.Label()
		}
		if v.Type == "text" {
			for _, l := range langs(v.Text) {
				fmt.Fprintf(bw, "%s.%s: %s\n", path, l, normalize(v.Text[l]))
			}
			continue
		}
		fmt.Fprintf(bw, "%s: %s\n", path, Plain(&v, ""))
	}
	return bw.Flush()
}
