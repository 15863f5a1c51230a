package model

import "testing"

func TestScalarEnd(t *testing.T) {
	src := []byte(`id: shop
lifetime: 13 mnths   # a comment
name: "Shop \" BV"
note: 'it''s'
city: Zürich
list: [a, b]
text: |
  block
long: first line
  continued
contries: [IE]
bare:
`)
	tests := []struct {
		line, col int
		want      string // "line:col", or "" when no end is given
	}{
		{1, 5, "1:9"},   // shop
		{2, 11, "2:19"}, // 13 mnths, without the comment
		{3, 7, "3:19"},  // a double-quoted scalar with an escaped quote
		{4, 7, "4:14"},  // a single-quoted scalar with a doubled quote
		{5, 7, "5:13"},  // columns count characters, not bytes
		{6, 9, ""},      // inside a flow sequence
		{7, 7, ""},      // a block scalar
		{9, 7, ""},      // a plain scalar continued on the next line
		{11, 1, "11:9"}, // a key ends at its colon
		{12, 1, "12:5"}, // a key at the end of its line
		{40, 1, ""},     // past the end
	}
	for _, tc := range tests {
		got := ""
		if line, col, ok := scalarEnd(src, tc.line, tc.col); ok {
			got = Pos{Line: line, Col: col}.String()[1:]
		}
		if got != tc.want {
			t.Errorf("scalarEnd(%d:%d) = %q, want %q", tc.line, tc.col, got, tc.want)
		}
	}
}
