package translation

import (
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
	"go.yaml.in/yaml/v3"
)

// textAt returns the localized text under the dotted key path in src, with
// the position EditYAML looks for.
func textAt(t *testing.T, src, path string) model.Text {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	n := doc.Content[0]
	for _, key := range strings.Split(path, ".") {
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				n, found = n.Content[i+1], true
				break
			}
		}
		if !found {
			t.Fatalf("no %s in %q", path, src)
		}
	}
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return model.Text{Pos: model.Pos{File: "f.yaml", Line: n.Line, Col: n.Column}}
}

func TestEditYAML(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		path  string
		lang  string
		value string
		want  string
	}{
		{
			name: "plain stays plain, comments stay",
			src:  "# head\nt:\n  en: Counts visits. # note\n  nl: Telt bezoeken.\nu: 1\n",
			path: "t", lang: "nl", value: "Telt bezoeken per dag.",
			want: "# head\nt:\n  en: Counts visits. # note\n  nl: Telt bezoeken per dag.\nu: 1\n",
		},
		{
			name: "plain that needs quotes",
			src:  "t:\n  en: A\n  nl: B\n",
			path: "t", lang: "nl", value: "Let op: dit",
			want: "t:\n  en: A\n  nl: \"Let op: dit\"\n",
		},
		{
			name: "plain over lines",
			src:  "t:\n  en: A\n  nl: one\n    two\n\n    three # c\nu: 1\n",
			path: "t", lang: "nl", value: "four",
			want: "t:\n  en: A\n  nl: four # c\nu: 1\n",
		},
		{
			name: "flow mapping",
			src:  "t: {en: Counts visits., nl: Telt bezoeken., fr: 'Compte les visites.'}\n",
			path: "t", lang: "fr", value: "Compte l'ensemble des visites.",
			want: "t: {en: Counts visits., nl: Telt bezoeken., fr: 'Compte l''ensemble des visites.'}\n",
		},
		{
			name: "flow plain with a comma",
			src:  "t: {en: A, nl: B}\n",
			path: "t", lang: "nl", value: "B, C",
			want: "t: {en: A, nl: \"B, C\"}\n",
		},
		{
			name: "double quoted",
			src:  "t:\n  en: \"A\"\n  nl: \"B \\\"x\\\"\"\nu: 2\n",
			path: "t", lang: "nl", value: "C \"y\"",
			want: "t:\n  en: \"A\"\n  nl: \"C \\\"y\\\"\"\nu: 2\n",
		},
		{
			name: "folded rewrapped",
			src:  "t:\n  en: >-\n    A\n  nl: >-\n    oude tekst\n    over twee regels\n\n  # between\nu: 1\n",
			path: "t", lang: "nl", value: strings.Repeat("woord ", 20) + "eind",
			want: "t:\n  en: >-\n    A\n  nl: >-\n    woord woord woord woord woord woord woord woord woord woord woord woord\n    woord woord woord woord woord woord woord woord eind\n\n  # between\nu: 1\n",
		},
		{
			name: "literal with paragraphs",
			src:  "t:\n  en: |\n    A\n\n    B\n  nl: |\n    C\n\n    D\nu: 1\n",
			path: "t", lang: "nl", value: "E\n\nF\n",
			want: "t:\n  en: |\n    A\n\n    B\n  nl: |\n    E\n\n    F\nu: 1\n",
		},
		{
			name: "plain becomes literal for paragraphs",
			src:  "t:\n  en: A\n  nl: B\n",
			path: "t", lang: "nl", value: "C\n\nD",
			want: "t:\n  en: A\n  nl: |-\n    C\n\n    D\n",
		},
		{
			name: "missing language added in block",
			src:  "t:\n  en: A\n  nl: B # nl\nu: 1\n",
			path: "t", lang: "fr", value: "C",
			want: "t:\n  en: A\n  nl: B # nl\n  fr: C\nu: 1\n",
		},
		{
			name: "missing language added in flow",
			src:  "t: {en: A, nl: B}\n",
			path: "t", lang: "fr", value: "C d'e",
			want: "t: {en: A, nl: B, fr: C d'e}\n",
		},
		{
			name: "anchored text",
			src:  "t: &x\n  en: A\n  nl: &y B\nu: *x\n",
			path: "t", lang: "nl", value: "C",
			want: "t: &x\n  en: A\n  nl: &y C\nu: *x\n",
		},
		{
			name: "value looking like a number or null",
			src:  "t:\n  en: A\n  nl: B\n",
			path: "t", lang: "nl", value: "null",
			want: "t:\n  en: A\n  nl: \"null\"\n",
		},
		{
			name: "non-ASCII before the value",
			src:  "é: {ü: x, en: A, nl: B}\n",
			path: "é", lang: "nl", value: "Ç",
			want: "é: {ü: x, en: A, nl: Ç}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EditYAML([]byte(tt.src), []TextEdit{{Text: textAt(t, tt.src, tt.path), Lang: tt.lang, Value: tt.value}})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestEditYAMLTwoLanguagesAdded(t *testing.T) {
	src := "t:\n  en: A\nu: 1\n"
	text := textAt(t, src, "t")
	got, err := EditYAML([]byte(src), []TextEdit{{Text: text, Lang: "nl", Value: "B"}, {Text: text, Lang: "fr", Value: "C"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "t:\n  en: A\n  nl: B\n  fr: C\nu: 1\n"; string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestEditYAMLRefuses(t *testing.T) {
	tests := []struct {
		name, src, path, lang, want string
	}{
		{"alias value", "a: &a B\nt:\n  en: A\n  nl: *a\n", "t", "nl", "the nl text at line 4 is an alias (*a) shared with other texts; replace the alias by a text first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EditYAML([]byte(tt.src), []TextEdit{{Text: textAt(t, tt.src, tt.path), Lang: tt.lang, Value: "x"}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got error %v, want %q", err, tt.want)
			}
		})
	}
	_, err := EditYAML([]byte("t: {en: A}\n"), []TextEdit{{Text: model.Text{Pos: model.Pos{Line: 9, Col: 1}}, Lang: "nl", Value: "x"}})
	if want := "no localized text at line 9, column 1: was the file changed meanwhile?"; err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
}

func TestEditYAMLCheckCatchesOtherChanges(t *testing.T) {
	parse := func(s string) *yaml.Node {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(s), &n); err != nil {
			t.Fatal(err)
		}
		return &n
	}
	e := &yamlEditor{changed: map[*yaml.Node]bool{}}
	for _, tt := range []struct{ a, b, want string }{
		{"a: 1\n", "a: 2\n", `line 1 reads "2" instead of "1"`},
		{"a: [1]\n", "a: [1, 2]\n", "line 1 changed shape"},
		{"a: &x 1\nb: *x\n", "a: &y 1\nb: *y\n", "line 1 changed anchor"},
		{"a: '1'\n", "a: 1\n", "line 1 changed type"},
	} {
		if err := e.same(parse(tt.a), parse(tt.b)); err == nil || err.Error() != tt.want {
			t.Errorf("%q vs %q: %v", tt.a, tt.b, err)
		}
	}
}

func TestEditYAMLKeepsIndicatorComment(t *testing.T) {
	src := "t:\n  en: |- # source\n    A\n  nl: >- # checked by legal\n    B\n    C\nu: 1\n"
	got, err := EditYAML([]byte(src), []TextEdit{{Text: textAt(t, src, "t"), Lang: "nl", Value: "D E"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "t:\n  en: |- # source\n    A\n  nl: >- # checked by legal\n    D E\nu: 1\n"; string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// firstMapping returns the position of the first mapping nested in a
// mapping of src, as a localized text's position.
func firstMapping(src string) *model.Text {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	var find func(*yaml.Node, int) *yaml.Node
	find = func(n *yaml.Node, depth int) *yaml.Node {
		if n.Kind == yaml.MappingNode && depth > 0 {
			return n
		}
		for _, c := range n.Content {
			if m := find(c, depth+1); m != nil {
				return m
			}
		}
		return nil
	}
	m := find(doc.Content[0], 0)
	if m == nil {
		return nil
	}
	return &model.Text{Pos: model.Pos{Line: m.Line, Col: m.Column}}
}
