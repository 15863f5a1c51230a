package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fill sets every field of v, recursively: every list gets two items, every
// pointer a value, every id a distinct name, and every localized text a
// distinct marker, which it returns. Recursive types stop after two levels.
func fill(v reflect.Value, depth map[reflect.Type]int, n *int) []string {
	*n++
	switch {
	case v.Type() == textType:
		marker := fmt.Sprintf("text-%d", *n)
		v.Set(reflect.ValueOf(Text{Pos: Pos{Line: *n}, Values: map[string]string{"en": marker}}))
		return []string{marker}
	case v.Kind() == reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
		return nil
	case v.Kind() == reflect.Pointer:
		t := v.Type().Elem()
		if depth[t] >= 2 {
			return nil
		}
		depth[t]++
		defer func() { depth[t]-- }()
		v.Set(reflect.New(t))
		return fill(v.Elem(), depth, n)
	case v.Kind() == reflect.Slice:
		t := v.Type().Elem()
		if depth[t] >= 2 {
			return nil
		}
		depth[t]++
		defer func() { depth[t]-- }()
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		var out []string
		for i := range 2 {
			out = append(out, fill(v.Index(i), depth, n)...)
		}
		return out
	case v.Kind() == reflect.Struct:
		var out []string
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Tag.Get("yaml") == "-" || !f.IsExported() {
				continue // derived by the loader, not read from the file
			}
			out = append(out, fill(v.Field(i), depth, n)...)
		}
		return out
	}
	return nil
}

// TestFieldsCoverEveryText fails when the model gains a localized text that
// Fields does not list: such a text would escape the translation lock.
func TestFieldsCoverEveryText(t *testing.T) {
	var p Policy
	n := 0
	markers := fill(reflect.ValueOf(&p).Elem(), map[reflect.Type]int{}, &n)
	if len(markers) < 20 {
		t.Fatalf("filled only %d texts", len(markers))
	}
	fields := textFields(&p)
	found := map[string]string{}
	paths := map[string]bool{}
	for _, f := range fields {
		found[f.Text.Get("en")] = f.Path
		if paths[f.Path] {
			t.Errorf("path %s is given twice", f.Path)
		}
		paths[f.Path] = true
	}
	for _, m := range markers {
		if _, ok := found[m]; !ok {
			t.Errorf("Fields does not list the localized text %s; add its type's texts to Fields", m)
		}
	}
}

// TestFieldPaths pins the paths of the full example: they are the keys of
// every lock file.
func TestFieldPaths(t *testing.T) {
	p, _ := LoadFile("testdata/full/policies/full/policy.yaml")
	var got []string
	for _, f := range textFields(p) {
		got = append(got, f.Path)
	}
	want := []string{
		"title",
		"changelog.3.1.summary",
		"banner.text",
		"controllers.acme.description",
		"controllers.acme.address.department",
		"controllers.acme.registration.register",
		"controllers.acme.parent.registration.register",
		"vendors.google.description",
		"recipients.ads.name",
		"recipients.ads.note",
		"recipients.host.name",
		"recipients.host.description",
		"data-categories.health.name",
		"data-categories.health.description",
		"data-subjects.visitors.name",
		"tracker-categories.ads.name",
		"tracker-categories.ads.description",
		"trackers.ide.purpose",
		"trackers.cookieless.purpose",
		"trackers.cookieless.legal-bases.legitimate-interests.applies-to",
		"trackers.cookieless.legitimate-interest",
		"processing-groups.care.title",
		"processing-groups.care.short-title",
		"processing.allergy.purpose",
		"processing.allergy.legitimate-interest",
		"processing.allergy.conditions",
		"processing.allergy.retention.health.note",
		"processing.allergy.retention.criteria.criteria",
		"processing.allergy.recipients.ads_2.note",
		"processing.allergy.source",
		"processing.allergy.transfers.US.note",
		"processing.allergy.requirement",
		"processing.allergy.automated-decisions",
		"processing.allergy.security-measures",
		"footnotes.star.text",
		"rights.authorities.cnil.scope",
		"rights.authorities.data-protection-authority-of-monaco.name",
		"rights.authorities.data-protection-authority-of-monaco.description",
		"rights.note",
		"security-measures",
		"sections.intro.title",
		"sections.intro.body",
		"sections.sub.title",
	}
	if !slices.Equal(got, want) {
		t.Errorf("paths:\n%s", strings.Join(got, "\n"))
	}
}
