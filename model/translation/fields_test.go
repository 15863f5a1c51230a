package translation

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
)

var textType = reflect.TypeFor[model.Text]()

// fill sets every field of v, recursively: every list gets two items, every
// pointer a value, every id a distinct name, and every localized text a
// distinct marker, which it returns. Recursive types stop after two levels.
func fill(v reflect.Value, depth map[reflect.Type]int, n *int) []string {
	*n++
	switch {
	case v.Type() == textType:
		marker := fmt.Sprintf("text-%d", *n)
		v.Set(reflect.ValueOf(model.Text{Pos: model.Pos{Line: *n}, Values: map[string]string{"en": marker}}))
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
	var p model.Policy
	n := 0
	markers := fill(reflect.ValueOf(&p).Elem(), map[reflect.Type]int{}, &n)
	if len(markers) < 20 {
		t.Fatalf("filled only %d texts", len(markers))
	}
	fields := Fields(&p)
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

// TestFieldsMatchLoader checks that Fields lists the very texts the loader
// read, one for one, in the model's example and in the bundled policies.
func TestFieldsMatchLoader(t *testing.T) {
	policies, _ := model.Load([]string{"../testdata/full/policies/full", "../../policies"})
	if len(policies) < 5 {
		t.Fatalf("loaded %d policies", len(policies))
	}
	for _, p := range policies {
		var want, got []string
		for _, f := range p.Texts {
			want = append(want, f.Text.Pos.String())
		}
		paths := map[string]bool{}
		for _, f := range Fields(p) {
			got = append(got, f.Text.Pos.String())
			if paths[f.Path] {
				t.Errorf("%s: path %s is given twice", p.ID, f.Path)
			}
			paths[f.Path] = true
			if strings.ContainsAny(f.Path, " /+") {
				t.Errorf("%s: path %q is not an XLIFF unit id", p.ID, f.Path)
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: Fields lists %d texts, the loader read %d", p.ID, len(got), len(want))
		}
	}
}

// TestFieldPaths pins the paths of the full example: they are the keys of
// every lock file.
func TestFieldPaths(t *testing.T) {
	p, _ := model.LoadFile("../testdata/full/policies/full/policy.yaml")
	var got []string
	for _, f := range Fields(p) {
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
		"recipients.ads.name",
		"recipients.ads.note",
		"data-categories.health.name",
		"data-categories.health.description",
		"data-subjects.visitors.name",
		"tracker-categories.ads.name",
		"tracker-categories.ads.description",
		"trackers.ide.purpose",
		"processing-groups.care.title",
		"processing.allergy.purpose",
		"processing.allergy.legitimate-interest",
		"processing.allergy.retention.health.note",
		"processing.allergy.retention.criteria.criteria",
		"processing.allergy.recipients.ads.note",
		"processing.allergy.source",
		"processing.allergy.transfers.us.note",
		"processing.allergy.requirement",
		"processing.allergy.automated-decisions",
		"footnotes.star.text",
		"rights.authorities.cnil.scope",
		"rights.note",
		"sections.intro.title",
		"sections.intro.body",
		"sections.sub.title",
	}
	if !slices.Equal(got, want) {
		t.Errorf("paths:\n%s", strings.Join(got, "\n"))
	}
}
