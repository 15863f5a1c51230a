package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compileSchema compiles the policy or include schema.
func compileSchema(t *testing.T, include bool) *jsonschema.Schema {
	t.Helper()
	b, err := model.Schema(include)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("policy.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("policy.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlValue turns a YAML file into the value an editor's YAML language
// server validates: plain scalars typed by the YAML 1.2 core schema, dates as
// strings.
func yamlValue(t *testing.T, src []byte) any {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		t.Fatal(err)
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.DocumentNode:
			return conv(n.Content[0])
		case yaml.AliasNode:
			return conv(n.Alias)
		case yaml.SequenceNode:
			out := []any{}
			for _, c := range n.Content {
				out = append(out, conv(c))
			}
			return out
		case yaml.MappingNode:
			out := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				out[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return out
		}
		switch n.Tag {
		case "!!null":
			return nil
		case "!!bool":
			return n.Value == "true"
		case "!!int", "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
				return f
			}
		}
		return n.Value
	}
	return conv(&root)
}

// TestSchemaAcceptsPolicies validates every bundled and testdata policy, and
// the files they include, against the schema.
func TestSchemaAcceptsPolicies(t *testing.T) {
	policySchema, includeSchema := compileSchema(t, false), compileSchema(t, true)
	var files []string
	for _, root := range []string{"../../policies", "../testdata", "../diff/testdata", "../../render/testdata"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == model.PolicyFile {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 20 {
		t.Fatalf("found only %d policies", len(files))
	}
	for _, file := range files {
		// The schema speaks of shape, not of the law: the structure rules decide.
		policies, diags := lint.Run([]string{file}, lint.Options{AllowStale: true, Categories: []string{"structure"}})
		if diags.HasErrors() || len(policies) != 1 {
			t.Errorf("%s does not pass check: %v", file, diags)
			continue
		}
		validate := func(file string, s *jsonschema.Schema) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(yamlValue(t, src)); err != nil {
				t.Errorf("%s: %v", file, err)
			}
		}
		validate(file, policySchema)
		for _, inc := range policies[0].Includes {
			validate(inc, includeSchema)
		}
	}
}

// schemaBase is a policy that passes check with no errors; each mistake
// below is one edit of it.
const schemaBase = `id: shop
kind: privacy-and-cookie-policy
title: {en: Shop, nl: Winkel}
languages: [en, nl]
version: "1.0"
effective: 2026-01-15
controllers: [{id: shop, name: Shop BV, address: {city: Utrecht, country: NL}}]
vendors:
  - {id: google, name: Google Ireland Limited, country: IE, role: processor, privacy-policy: "https://policies.google.com/privacy"}
tracker-categories:
  - {id: analytics, name: {en: Analytics, nl: Analyse}, consent-required: true}
trackers:
  - {id: ga, names: [_ga], provider: google, category: analytics, lifetime: 13 months, technology: http-cookie, party: third,
     purpose: {en: Counts visits., nl: Telt bezoeken.}}
data-categories: [{id: contact, name: {en: Contact details, nl: Contactgegevens}}]
processing:
  - id: orders
    purpose: {en: Delivering orders., nl: Bestellingen leveren.}
    legal-bases: [contract]
    data-categories: [contact]
    retention: [7 years from contract-end]
sections:
  - {id: cookies, title: {en: Our cookies, nl: Onze cookies}, blocks: [{trackers: analytics}, rights]}
`

// TestSchemaRejectsMistakes checks that typical mistakes check rejects are
// rejected by the schema too, so an editor shows them while typing.
func TestSchemaRejectsMistakes(t *testing.T) {
	s := compileSchema(t, false)
	load := func(src string) model.Diagnostics {
		dir := filepath.Join(t.TempDir(), "shop")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, model.PolicyFile)
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := lint.Run([]string{file}, lint.Options{Categories: []string{"structure"}})
		return diags
	}
	if diags := load(schemaBase); diags.HasErrors() {
		t.Fatalf("the base policy has errors: %v", diags)
	}
	if err := s.Validate(yamlValue(t, []byte(schemaBase))); err != nil {
		t.Fatalf("the schema rejects the base policy: %v", err)
	}
	for _, m := range []struct{ name, old, new, rule string }{
		{"misspelt key", "lifetime: 13", "lifetme: 13", "UNKNOWN_KEY"},
		{"misspelt top-level key", "tracker-categories:", "tracker-categorys:", "UNKNOWN_KEY"},
		{"text where yes/no belongs", "consent-required: true", "consent-required: yes", "WRONG_TYPE"},
		{"plain text where a localized text belongs", "title: {en: Shop, nl: Winkel}", "title: Shop", "WRONG_TYPE"},
		{"mapping where a list belongs", "legal-bases: [contract]", "legal-bases: {contract: true}", "WRONG_TYPE"},
		{"unknown vocabulary key", "technology: http-cookie", "technology: http-cookies", "INVALID_VALUE"},
		{"unknown legal basis", "legal-bases: [contract]", "legal-bases: [contrat]", "INVALID_VALUE"},
		{"unknown kind", "kind: privacy-and-cookie-policy", "kind: cookie-statement", "INVALID_VALUE"},
		{"unknown role", "role: processor", "role: sub-processor", "INVALID_VALUE"},
		{"invalid duration", "lifetime: 13 months", "lifetime: 13 mnths", "INVALID_VALUE"},
		{"invalid retention", "7 years from contract-end", "7 years from signup", "INVALID_VALUE"},
		{"invalid country", "country: IE", "country: UK", "INVALID_VALUE"},
		{"lower-case country", "country: NL", "country: nl", "INVALID_VALUE"},
		{"invalid id", "id: google", "id: Google Ireland", "INVALID_VALUE"},
		{"invalid date", "effective: 2026-01-15", "effective: 15-01-2026", "INVALID_VALUE"},
		{"link with a scheme not allowed", `"https://policies.google.com/privacy"`, `"ftp://policies.google.com/privacy"`, "INVALID_VALUE"},
		{"unsupported language", "languages: [en, nl]", "languages: [en, nl, de]", "INVALID_VALUE"},
		{"missing required key", "category: analytics, ", "", "MISSING_FIELD"},
		{"unknown block", "{trackers: analytics}", "{trakers: analytics}", "UNKNOWN_KEY"},
		{"language twice in the list", "languages: [en, nl]", "languages: [en, nl, nl]", "DUPLICATE_KEY"},
	} {
		t.Run(m.name, func(t *testing.T) {
			if !strings.Contains(schemaBase, m.old) {
				t.Fatalf("the base policy has no %q", m.old)
			}
			src := strings.Replace(schemaBase, m.old, m.new, 1)
			found := false
			for _, d := range load(src) {
				if d.Severity == model.Error && d.Rule == m.rule {
					found = true
				}
			}
			if !found {
				t.Errorf("check reports no %s error", m.rule)
			}
			if err := s.Validate(yamlValue(t, []byte(src))); err == nil {
				t.Errorf("the schema accepts it")
			}
		})
	}
}
