package model

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/full/want.json")

// TestLoadFull loads a policy that sets every field of the model and
// compares the result, positions included, with the expected value.
func TestLoadFull(t *testing.T) {
	p, diags := LoadFile("testdata/full/policies/full/policy.yaml")
	if len(diags) > 0 {
		var buf bytes.Buffer
		_ = WriteText(&buf, diags)
		t.Fatalf("unexpected diagnostics:\n%s", buf.String())
	}
	got, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile("testdata/full/want.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/full/want.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("loaded policy differs from testdata/full/want.json; run go test ./model -update and review the diff")
	}
	for _, unset := range zeroFields(reflect.ValueOf(p).Elem(), "policy") {
		t.Errorf("the full example does not set %s", unset)
	}
}

// zeroFields lists the fields, by type, that are zero in every value of
// that type the example has, so that a field added to the model must be
// added to the example too.
func zeroFields(v reflect.Value, _ string) []string {
	set := map[string]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				f := v.Type().Field(i)
				key := v.Type().Name() + "." + f.Name
				set[key] = set[key] || !v.Field(i).IsZero()
				walk(v.Field(i))
			}
		}
	}
	walk(v)
	var out []string
	for key, ok := range set {
		if !ok {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

func TestFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "policy.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	line := "# " + strings.Repeat("x", 1022) + "\n"
	for range 50 * 1024 {
		f.WriteString(line)
	}
	f.Close()
	_, diags := LoadFile(big)
	want := big + ":1:1: error: file is 50.0 MiB; the limit is 10 MiB; split it into files of at most 10 MiB joined with include [FILE]\n"
	var buf bytes.Buffer
	_ = WriteText(&buf, diags)
	if buf.String() != want {
		t.Errorf("got\n%swant\n%s", buf.String(), want)
	}
}

func TestSyntaxError(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "policy.yaml")
	for src, want := range map[string]string{
		"id: x\nkind: a: b\n": ":2:8: error: a colon followed by a space starts a mapping inside this text; quote this text: \"a: b\" [YAML_SYNTAX]\n",
		// A mistake syntaxHint does not know keeps the parser's words.
		"id: x\n- kind\n": ":1:1: error: invalid YAML: did not find expected key [YAML_SYNTAX]\n",
	} {
		os.WriteFile(file, []byte(src), 0o644)
		_, diags := LoadFile(file)
		var buf bytes.Buffer
		_ = WriteText(&buf, diags)
		if buf.String() != file+want {
			t.Errorf("got\n%swant\n%s", buf.String(), file+want)
		}
	}
}

// TestDuplicateKeyInLongMapping checks a key given twice in a mapping of
// more keys than the decoder lists, which it then keeps in a map.
func TestDuplicateKeyInLongMapping(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: long\n")
	for i := range keySetListMax + 8 {
		fmt.Fprintf(&b, "x%d: 1\n", i)
	}
	b.WriteString("x3: 2\n")
	file := filepath.Join(t.TempDir(), "p", PolicyFile)
	overlay := Overlay{absPath(file): []byte(b.String())}
	_, diags := LoadFileOverlay(file, overlay)
	var got []string
	for _, d := range diags {
		if d.Rule == RuleDuplicateKey.ID {
			got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Message()))
		}
	}
	want := fmt.Sprintf(`%d:1 key "x3" is given twice; remove one of them`, keySetListMax+10)
	if len(got) != 1 || got[0] != want {
		t.Errorf("duplicate key findings %q, want [%q]", got, want)
	}
}
