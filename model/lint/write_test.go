package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// hostile is a policy whose values carry ESC, BEL, CR and a right-to-left
// override, written as YAML escapes, into every kind of finding that quotes
// what the policy says: keys, ids, references, durations, countries,
// languages, vocabulary keys, rule names and texts.
const hostile = `id: "shop\e[2J"
kind: "cookie\a-policy"
title: {en: "Shop\r\u202Eevil", "x\e": Laden}
languages: [en, "n\u202El"]
version: "1"
effective: 2026-01-01
"lifet\e[2Jime": 13 months
controllers:
  - {id: "c\a", name: "Shop\e[31m BV"}
vendors:
  - {id: v, name: V, country: "U\u202ES"}
tracker-categories:
  - {id: a, name: {en: Analytics}, consent-required: true}
trackers:
  - {id: t, names: ["\e]0;x\a"], provider: "g\e[1mogle", category: a, purpose: {en: "Kept \e13 months\r."}, lifetime: "13 mo\anths", technology: "http\u202E-cookie", party: first}
  - {id: t, category: "a\r", purpose: {en: "as long as necessary"}}
lint: {ignore: [{rule: "NO\e_SUCH", reason: "\u202Ebecause"}]}
sections:
  - id: main
    title: {en: "Main\e[2J"}
    body: {en: "{duration 13 mo\e[2Jnths}"}
    blocks: [controllers, {trackers: "a\a"}]
`

// TestControlCharacters feeds control characters and bidi overrides through
// every finding that quotes the YAML, and wants none of them in any output
// format: only their escapes.
func TestControlCharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, model.PolicyFile), []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := lint.Run([]string{dir}, lint.Options{})
	quoting := 0
	for _, d := range diags {
		m := d.Message()
		if strings.ContainsFunc(m, hostileRune) || strings.Contains(m, `\x1b`) || strings.Contains(m, `\a`) || strings.Contains(m, `\u202e`) || strings.Contains(m, `\r`) {
			quoting++
		}
	}
	if quoting < 10 {
		t.Fatalf("only %d findings quote the hostile values; the test no longer covers them:\n%v", quoting, diags)
	}
	writers := map[string]func(*bytes.Buffer) error{
		"text":   func(b *bytes.Buffer) error { return model.WriteText(b, diags) },
		"json":   func(b *bytes.Buffer) error { return model.WriteJSON(b, diags) },
		"sarif":  func(b *bytes.Buffer) error { return lint.WriteSARIF(b, diags, "test") },
		"github": func(b *bytes.Buffer) error { return lint.WriteGitHub(b, diags) },
	}
	for name, write := range writers {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if strings.ContainsFunc(line, hostileRune) {
				t.Errorf("%s output, line %d, holds a control or bidi character: %q", name, i+1, line)
			}
		}
		if !strings.Contains(b.String(), `\x1b`) || !strings.Contains(b.String(), `\u202e`) {
			t.Errorf("%s output does not show the escapes \\x1b and \\u202e", name)
		}
	}
}

func hostileRune(r rune) bool {
	return r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r))
}

// sarifSchema compiles the official SARIF 2.1.0 schema.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// validateSARIF writes diags as SARIF and validates the log.
func validateSARIF(t *testing.T, schema *jsonschema.Schema, diags model.Diagnostics) {
	t.Helper()
	var b bytes.Buffer
	if err := lint.WriteSARIF(&b, diags, "test"); err != nil {
		t.Fatal(err)
	}
	log, err := jsonschema.UnmarshalJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(log); err != nil {
		t.Errorf("SARIF output does not validate: %v", err)
	}
}

// TestSARIFSchemaAudit validates the SARIF log of audit findings, of every
// audit rule and each severity (an unseen cookie is a note), against the
// official schema.
func TestSARIFSchemaAudit(t *testing.T) {
	schema := sarifSchema(t)
	var diags model.Diagnostics
	for _, a := range lint.Analyzers {
		if a.Category == "audit" {
			diags = append(diags, runAudit(t, a, filepath.Join("testdata", a.ID))...)
		}
	}
	rules := map[string]bool{}
	for _, d := range diags {
		rules[d.Rule] = true
	}
	if len(rules) != 6 || diags.Count(model.Info) == 0 {
		t.Fatalf("the audit fixtures no longer give a finding of each audit rule: %v", diags)
	}
	validateSARIF(t, schema, diags)
	var b bytes.Buffer
	if err := lint.WriteSARIF(&b, diags, "test"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"level": "note"`) || strings.Contains(b.String(), `"level": "info"`) {
		t.Errorf("information is not a SARIF note:\n%s", b.String())
	}
}

// TestSARIFSchema validates check's SARIF output, on fixtures with findings
// of every kind of position, against the official SARIF 2.1.0 schema.
func TestSARIFSchema(t *testing.T) {
	schema := sarifSchema(t)
	_, diags := lint.Run([]string{"testdata/NO_DPO", "testdata/FILE", "testdata/UNDECLARED_TRANSFER", "testdata/INVALID_VALUE"}, lint.Options{})
	if len(diags) < 5 {
		t.Fatalf("too few findings to validate: %v", diags)
	}
	validateSARIF(t, schema, diags)
	// A log that breaks the schema is refused, so the test can fail.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version": "2.1.0", "runs": [{"results": []}]}`))
	if schema.Validate(bad) == nil {
		t.Error("the schema accepts a run without a tool")
	}
}
