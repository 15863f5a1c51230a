package render

import (
	"reflect"
	"slices"
	"testing"

	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// TestDurationKeyFields fails when model.Duration gains a field: keyOf,
// which tells durations apart without formatting them, must then take it
// in, or two durations that read differently would share one text.
func TestDurationKeyFields(t *testing.T) {
	var fields []string
	typ := reflect.TypeFor[model.Duration]()
	for i := range typ.NumField() {
		fields = append(fields, typ.Field(i).Name)
	}
	if want := []string{"Pos", "Session", "Persistent", "Amount", "Unit", "Max"}; !slices.Equal(fields, want) {
		t.Errorf("model.Duration has the fields %v, keyOf knows %v", fields, want)
	}
}

// TestDurationsShared checks that equal durations, wherever written, are
// one fact with the text of each, and that different ones are not.
func TestDurationsShared(t *testing.T) {
	msgs, err := locales.For("en")
	if err != nil {
		t.Fatal(err)
	}
	r := &resolver{lang: "en", m: msgs}
	parse := func(s string) *model.Duration {
		d, err := model.ParseDuration(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"13 months", "13 month", true},
		{"13 months", "13 days", false},
		{"session, at most 1 year", "session, at most 1 year", true},
		{"session, at most 1 year", "session, at most 2 years", false},
		{"session", "session, at most 1 year", false},
		{"persistent", "session", false},
	} {
		fa, fb := r.duration(parse(c.a)), r.duration(parse(c.b))
		if (fa == fb) != c.same {
			t.Errorf("%q and %q: one fact = %v, want %v", c.a, c.b, fa == fb, c.same)
		}
		if fa.Text != r.formatDuration(parse(c.a)) || fa.Raw != parse(c.a).String() {
			t.Errorf("%q: fact %+v", c.a, *fa)
		}
	}
}
