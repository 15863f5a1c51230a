package diff

import (
	"hash/maphash"
	"testing"
)

// TestFlatSharedHash checks that two keys with one hash are both found: the
// second goes to the map of keys. Such keys are too rare to meet, so the
// test gives the second key's hash to the first entry.
func TestFlatSharedHash(t *testing.T) {
	f := newFlat(4)
	f.entries = append(f.entries, entry{key: "a"})
	f.insert("a")
	f.byHash[maphash.String(f.seed, "b")] = 0
	f.entries = append(f.entries, entry{key: "b"})
	f.insert("b")
	for key, want := range map[string]int{"a": 0, "b": 1} {
		if i, ok := f.find(key); !ok || i != want {
			t.Errorf("find(%q) = %d, %v; want %d, true", key, i, ok, want)
		}
	}
	if f.has("c") {
		t.Error(`has("c") with no such entry`)
	}
	if len(f.other) != 1 {
		t.Errorf("%d keys in the map of keys, want 1", len(f.other))
	}
}
