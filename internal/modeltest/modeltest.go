// Package modeltest changes loaded policies for tests that need hostile or
// random texts in a model that is otherwise valid.
package modeltest

import (
	"maps"
	"reflect"
	"slices"

	"github.com/policyc/policyc/model"
)

// Fill sets every prose text and every free string reachable from v to the
// value of next, called once per text and language in a fixed order; URLs
// become https://x.example/ followed by the value. Ids, keys, codes and
// structured values (countries, dates, durations, references) keep theirs,
// because their grammars refuse anything else, so the policy stays valid.
func Fill(v reflect.Value, next func() string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			Fill(v.Elem(), next)
		}
	case reflect.Slice:
		for i := range v.Len() {
			Fill(v.Index(i), next)
		}
	case reflect.Struct:
		if t, ok := v.Addr().Interface().(*model.Text); ok {
			for _, lang := range slices.Sorted(maps.Keys(t.Values)) {
				t.Values[lang] = next()
			}
			return
		}
		switch v.Type() {
		case reflect.TypeFor[model.Ref](), reflect.TypeFor[model.Pos](), reflect.TypeFor[model.Node](),
			reflect.TypeFor[model.Country](), reflect.TypeFor[model.Date](), reflect.TypeFor[model.Duration]():
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			switch f.Name {
			case "ID", "Key", "Code", "Unit", "Rule", "Kind", "Party", "Role", "File", "Languages", "From", "Until":
				continue
			}
			if f.Type == reflect.TypeFor[model.URL]() {
				v.Field(i).Field(1).SetString("https://x.example/" + next())
				continue
			}
			if f.Type.Kind() == reflect.String {
				v.Field(i).SetString(next())
				continue
			}
			Fill(v.Field(i), next)
		}
	}
}
