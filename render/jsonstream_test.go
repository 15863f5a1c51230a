package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// selfEncoded encodes itself through a method on its pointer, which the
// encoder calls only on an addressable value.
type selfEncoded struct{ N int }

func (s *selfEncoded) MarshalJSON() ([]byte, error) { return []byte(`"self"`), nil }

type streamLeaf struct {
	Text  string            `json:"text"`
	Note  string            `json:"note,omitempty"`
	Tags  []string          `json:"tags"`
	Map   map[string]string `json:"map,omitempty"`
	Bytes []byte            `json:"bytes,omitempty"`
}

type streamEmbedded struct {
	streamLeaf
	Extra int `json:"extra"`
}

type streamDoc struct {
	Title      string `json:"title"`
	Hidden     string `json:"-"`
	Untagged   int
	Zero       int            `json:"zero,omitempty"`
	Flag       bool           `json:"flag,omitempty"`
	Ptr        *streamLeaf    `json:"ptr"`
	NilPtr     *streamLeaf    `json:"nilPtr"`
	OmitPtr    *streamLeaf    `json:"omitPtr,omitempty"`
	Leaves     []*streamLeaf  `json:"leaves"`
	NilList    []streamLeaf   `json:"nilList"`
	Empty      []streamLeaf   `json:"empty"`
	Nested     [][]streamLeaf `json:"nested"`
	Self       selfEncoded    `json:"self"`
	SelfList   []selfEncoded  `json:"selfList"`
	Embedded   streamEmbedded `json:"embedded"`
	Any        any            `json:"any"`
	Options    streamOptions  `json:"options"`
	unexported int
}

// streamOptions has a tag option writeJSON leaves to the encoder.
type streamOptions struct {
	AsString int `json:"asString,string"`
}

// TestWriteJSON compares writeJSON with the encoder it stands in for, on a
// value with every case it treats apart, and on the bundled policies'
// documents.
func TestWriteJSON(t *testing.T) {
	leaf := &streamLeaf{Text: `<b>"quoted" & escaped</b>`, Tags: []string{"a", "\u2028"}, Map: map[string]string{"z": "1", "a": "2"}, Bytes: []byte{1, 2}}
	values := []any{
		&streamDoc{
			Title: "T", Hidden: "h", Untagged: 3, Ptr: leaf, Leaves: []*streamLeaf{leaf, nil, {}},
			Empty: []streamLeaf{}, Nested: [][]streamLeaf{{*leaf}, nil, {}}, SelfList: []selfEncoded{{1}, {2}},
			Embedded: streamEmbedded{streamLeaf: *leaf, Extra: 1}, Any: leaf, Options: streamOptions{7}, unexported: 1,
		},
		streamDoc{},
	}
	for _, p := range load(t, "../policies") {
		for _, lang := range p.Languages {
			doc, err := Resolve(p, lang)
			if err != nil {
				t.Fatal(err)
			}
			values = append(values, doc)
		}
	}
	for i, v := range values {
		var want, got bytes.Buffer
		if err := json.NewEncoder(&want).Encode(v); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("value %d:\n got %s\nwant %s", i, got.String(), want.String())
		}
	}
}
