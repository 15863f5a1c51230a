package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// tcfSchema compiles the JSON Schema written from the IAB specification
// (testdata/tcf/SOURCE.md).
func tcfSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/tcf/device-storage.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("device-storage.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("device-storage.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateTCF(t *testing.T, s *jsonschema.Schema, name string, b []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not follow the IAB specification:\n%v", name, err)
	}
}

// TestTCFDisclosureGolden exports a policy with every case of the
// disclosure: patterns, session and capped session cookies, web storage,
// the policy's and a vendor's domains, TCF purposes with purpose 1 for
// consent, a refreshed cookie, and the facts it must leave out with a
// warning each.
func TestTCFDisclosureGolden(t *testing.T) {
	p := load(t, "testdata/tcf/policies/bakery")[0]
	got, diags := TCFDisclosure(p)
	var warnings bytes.Buffer
	if err := model.WriteText(&warnings, diags.Sorted()); err != nil {
		t.Fatal(err)
	}
	got = append(got, "\n-- warnings --\n"...)
	got = append(got, warnings.Bytes()...)
	path := "testdata/tcf/bakery.deviceStorage.golden"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("disclosure differs from %s; run go test ./render -update and review the diff\n%s", path, got)
	}
	for _, w := range []string{
		`vendor "posthog" declares no domains`,
		`tracker "retarget" gives no lifetime for "rt_id"`,
		`tracker "pixel" names no cookie or storage key`,
	} {
		if !bytes.Contains(warnings.Bytes(), []byte(w)) {
			t.Errorf("no warning %q", w)
		}
	}
}

// TestTCFDisclosureSchema validates the disclosure of every bundled policy
// with trackers, of the full example and of the golden fixture against the
// schema of the IAB specification, and checks that the schema rejects
// what the specification forbids.
func TestTCFDisclosureSchema(t *testing.T) {
	s := tcfSchema(t)
	policies := load(t, "../policies", "testdata/tcf/policies", "../model/testdata/full/policies/full")
	n := 0
	for _, p := range policies {
		if len(p.Trackers) == 0 {
			continue
		}
		b, _ := TCFDisclosure(p)
		validateTCF(t, s, TCFFile(p.ID), b)
		again, _ := TCFDisclosure(p)
		if !bytes.Equal(b, again) {
			t.Errorf("%s: two exports differ", p.ID)
		}
		n++
	}
	if n != 5 {
		t.Errorf("validated %d disclosures, want the 3 bundled cookie policies, the fixture and the full example", n)
	}
	for name, doc := range map[string]string{
		"cookie without maxAgeSeconds": `{"disclosures":[{"identifier":"a","type":"cookie","maxAgeSeconds":null,"cookieRefresh":false,"domains":["x.example"],"purposes":[1]}],"domains":[]}`,
		"cookie without cookieRefresh": `{"disclosures":[{"identifier":"a","type":"cookie","maxAgeSeconds":0,"domains":["x.example"],"purposes":[1]}],"domains":[]}`,
		"web with an age":              `{"disclosures":[{"identifier":"a","type":"web","maxAgeSeconds":5,"domains":["x.example"],"purposes":[1]}],"domains":[]}`,
		"a wildcard alone":             `{"disclosures":[{"identifier":"*","type":"web","maxAgeSeconds":null,"domains":["x.example"],"purposes":[1]}],"domains":[]}`,
		"no domains":                   `{"disclosures":[{"identifier":"a","type":"web","maxAgeSeconds":null,"purposes":[1]}],"domains":[]}`,
		"purpose 12":                   `{"disclosures":[{"identifier":"a","type":"web","maxAgeSeconds":null,"domains":["x.example"],"purposes":[12]}],"domains":[]}`,
		"a scheme in a domain":         `{"disclosures":[],"domains":[{"domain":"https://x.example"}]}`,
		"no domains array":             `{"disclosures":[]}`,
	} {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(v) == nil {
			t.Errorf("the schema accepts %s", name)
		}
	}
}

// TestTCFPurposeValues: a purpose outside TCF v2.2 and a domain with a
// scheme are errors at their place.
func TestTCFPurposeValues(t *testing.T) {
	src, err := os.ReadFile("testdata/tcf/policies/bakery/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), "tcf-purposes: [7, 8, 9]", "tcf-purposes: [7, 12]", 1)
	text = strings.Replace(text, `domains: [bakery.example, "*.bakery.example"]`, `domains: ["https://bakery.example"]`, 1)
	dir := filepath.Join(t.TempDir(), "bakery")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := model.Load([]string{dir})
	var got []string
	for _, d := range diags {
		if d.Rule == "INVALID_VALUE" {
			got = append(got, d.Pos.String()[len(dir)+1:]+": "+d.Message())
		}
	}
	want := []string{
		`policy.yaml:11:10: invalid domain "https://bakery.example"; write a host name such as "example.com", or "*.example.com" for its subdomains, without "https://" or a path`,
		`policy.yaml:30:23: invalid TCF purpose 12; write a purpose of TCF v2.2 as a number from 1 to 11`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
