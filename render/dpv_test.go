package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// dpvExports is the DPV export of every bundled policy by file name.
func dpvExports(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range load(t, "../policies") {
		b, err := DPV(p)
		if err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		out[DPVFile(p.ID)] = b
	}
	if len(out) != 4 {
		t.Fatalf("%d DPV exports, want one per bundled policy (4)", len(out))
	}
	return out
}

// TestDPVGolden compares the DPV export of each bundled policy with
// testdata/golden/dpv; -update rewrites them.
func TestDPVGolden(t *testing.T) {
	for name, got := range dpvExports(t) {
		path := filepath.Join("testdata/golden/dpv", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./render -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs; run go test ./render -update and review the diff", path)
		}
		again, _ := DPV(load(t, "../policies/"+strings.TrimSuffix(name, ".dpv.jsonld"))[0])
		if !bytes.Equal(got, again) {
			t.Errorf("%s: two exports differ", name)
		}
	}
}

// vocabulary reads the DPV term list vendored in testdata/dpv/terms.txt.
func vocabulary(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("testdata/dpv/terms.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	terms := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			terms[line] = true
		}
	}
	if len(terms) < 1500 {
		t.Fatalf("only %d terms in testdata/dpv/terms.txt", len(terms))
	}
	return terms
}

// TestDPVTermsExist checks that every DPV, EU GDPR and location term an
// export uses is a term of DPV 2.3: a misspelt class, property or article
// would be an IRI no DPV tool knows.
func TestDPVTermsExist(t *testing.T) {
	vocab := vocabulary(t)
	used := map[string]bool{}
	for name, doc := range dpvExports(t) {
		terms, err := dpvTerms(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, iri := range terms {
			used[iri] = true
			if !vocab[iri] {
				t.Errorf("%s uses %s, which DPV 2.3 does not define", name, iri)
			}
		}
	}
	// The terms of the mapping table that the bundled policies exercise.
	for _, iri := range []string{DPVNS + "PrivacyNotice", DPVNS + "hasDataController", DPVNS + "hasLegalBasis",
		GDPRNS + "A6-1-a", GDPRNS + "A6-1-b", GDPRNS + "A15", GDPRNS + "A46-2-c", GDPRNS + "A49-1-b",
		DPVNS + "StorageDuration", DPVNS + "CrossBorderTransfer", DPVNS + "hasThirdCountry", LocNS + "US"} {
		if !used[iri] {
			t.Errorf("no bundled policy's export uses %s", iri)
		}
	}
}

// TestDPVMapping checks single facts of the mapping: legal bases, rights
// and safeguards under the EU GDPR, and DPV's law-neutral terms under
// another law.
func TestDPVMapping(t *testing.T) {
	w := &dpvWriter{eu: true}
	for key, want := range map[string]string{
		"consent": "eu-gdpr:A6-1-a", "legitimate-interests": "eu-gdpr:A6-1-f",
		"art9-2-a": "eu-gdpr:A9-2-a", "art9-2-j": "eu-gdpr:A9-2-j", "art49-1-g": "eu-gdpr:A49-1-g",
	} {
		if got := fmt.Sprint(w.basis(key)); got != fmt.Sprint(ref(want)) {
			t.Errorf("basis %s = %s, want %s", key, got, want)
		}
	}
	w.eu = false
	if got := fmt.Sprint(w.basis("contract")); got != fmt.Sprint(ref("dpv:Contract")) {
		t.Errorf("basis contract under another law = %s", got)
	}
	if got, _ := json.Marshal(w.basis("art9-2-a")); string(got) != `{"@type":"dpv:LegalBasis","policyc:legalBasis":"art9-2-a"}` {
		t.Errorf("art9-2-a under another law = %s", got)
	}
	if got, _ := json.Marshal(w.source(model.Source{DataSubject: true})); string(got) != `{"@type":"dpv:DataSubjectDataSource"}` {
		t.Errorf("source: data-subject = %s", got)
	}
	if got := w.source(model.Source{}); got != nil {
		t.Errorf("no source = %v", got)
	}
	for in, want := range map[string]string{"13 months": "P13M", "2 weeks": "P14D", "30 minutes": "PT30M", "24 hours": "PT24H", "1 year": "P1Y", "session": ""} {
		d, err := model.ParseDuration(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := xsdDuration(d); got != want {
			t.Errorf("xsdDuration(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestDPVJSONLD expands each export and converts it to RDF with the npm
// jsonld processor in safe mode, which fails on any value it would drop,
// and checks that every key and type of the document is in the expanded
// form: a key the context could not expand would vanish silently.
func TestDPVJSONLD(t *testing.T) {
	modules := testtool.NodeModules(t, "jsonld")
	dir := t.TempDir()
	var files []string
	for name, doc := range dpvExports(t) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	slices.Sort(files)
	script := filepath.Join(dir, "check.js")
	if err := os.WriteFile(script, []byte(jsonldCheck), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", append([]string{script}, files...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(files) {
		t.Fatalf("node printed:\n%s", out)
	}
	for _, line := range lines {
		// "<file>: <keys> keys, <types> types, <quads> quads"
		var name string
		var keys, types, quads int
		if _, err := fmt.Sscanf(line, "%s %d keys, %d types, %d quads", &name, &keys, &types, &quads); err != nil {
			t.Errorf("node printed %q: %v", line, err)
			continue
		}
		if keys < 30 || types < 8 || quads < 500 {
			t.Errorf("%s", line)
		}
	}
}

// jsonldCheck is run by node with the export files as arguments.
const jsonldCheck = `
const fs = require("fs");
const path = require("path");
const jsonld = require("jsonld");

function compactTerms(doc, keys, types) {
  if (Array.isArray(doc)) { doc.forEach(d => compactTerms(d, keys, types)); return; }
  if (doc === null || typeof doc !== "object") return;
  for (const [k, v] of Object.entries(doc)) {
    if (k === "@context") continue;
    if (k === "@type" && !("@value" in doc)) { [].concat(v).forEach(t => types.add(t)); continue; }
    if (!k.startsWith("@")) keys.add(k);
    compactTerms(v, keys, types);
  }
}

function expandedTerms(doc, keys, types) {
  if (Array.isArray(doc)) { doc.forEach(d => expandedTerms(d, keys, types)); return; }
  if (doc === null || typeof doc !== "object") return;
  for (const [k, v] of Object.entries(doc)) {
    if (k === "@type" && !("@value" in doc)) { [].concat(v).forEach(t => types.add(t)); continue; }
    if (!k.startsWith("@")) keys.add(k);
    expandedTerms(v, keys, types);
  }
}

(async () => {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    const context = doc["@context"];
    const iri = term => {
      const i = term.indexOf(":");
      const prefix = term.slice(0, i);
      if (i < 0 || !(prefix in context)) throw new Error(file + ": " + term + " is not a compact IRI of the context");
      return context[prefix] + term.slice(i + 1);
    };
    const expanded = await jsonld.expand(doc, {safe: true});
    const quads = await jsonld.toRDF(doc, {format: "application/n-quads", safe: true});
    const ck = new Set(), ct = new Set(), ek = new Set(), et = new Set();
    compactTerms(doc, ck, ct);
    expandedTerms(expanded, ek, et);
    const name = path.basename(file);
    for (const k of ck) if (!ek.has(iri(k))) { console.log(name + ": key " + k + " is dropped by expansion"); failed = true; }
    for (const t of ct) if (!et.has(iri(t))) { console.log(name + ": type " + t + " is dropped by expansion"); failed = true; }
    for (const k of ek) if (!quads.includes("<" + k + ">")) { console.log(name + ": key " + k + " is not in the RDF"); failed = true; }
    const n = quads.trim().split("\n").length;
    console.log(name + ": " + ck.size + " keys, " + ct.size + " types, " + n + " quads");
  }
  process.exit(failed ? 1 : 0);
})().catch(e => { console.log(String(e && e.stack || e)); process.exit(1); });
`

// dpvTerms lists the DPV, EU GDPR and location terms doc uses, sorted: the
// IRIs of its keys, types and references in those namespaces.
func dpvTerms(doc []byte) ([]string, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, err
	}
	prefixes := map[string]string{"dpv": DPVNS, "eu-gdpr": GDPRNS, "loc": LocNS}
	seen := map[string]bool{}
	add := func(s string) {
		if prefix, local, ok := strings.Cut(s, ":"); ok {
			if ns, ok := prefixes[prefix]; ok {
				seen[ns+local] = true
			}
		}
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "@context" {
					continue
				}
				add(k)
				switch k {
				case "@type":
					switch t := e.(type) {
					case string:
						add(t)
					case []any:
						for _, s := range t {
							add(fmt.Sprint(s))
						}
					}
				case "@id":
					add(fmt.Sprint(e))
				default:
					walk(e)
				}
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	out := make([]string, 0, len(seen))
	for iri := range seen {
		out = append(out, iri)
	}
	slices.Sort(out)
	return out, nil
}

// TestDPVKeepsEveryText exports the model's full example, which sets every
// field, and wants each of its localized texts in the export, in each
// language: a text DPV has no term for is kept with a policyc term. Only
// the prose of the sections is the page's alone.
func TestDPVKeepsEveryText(t *testing.T) {
	p := load(t, "../model/testdata/full/policies")[0]
	b, err := DPV(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	values := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["@value"].(string); ok {
				values[fmt.Sprint(x["@language"])+"\x00"+s] = true
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	checked := 0
	for _, f := range p.Texts {
		if strings.HasPrefix(f.Path, "sections.") {
			continue
		}
		for _, lang := range p.Languages {
			m, err := locales.For(lang)
			if err != nil {
				t.Fatal(err)
			}
			r := &resolver{p: p, lang: lang, m: m}
			if s := r.text(f.Text); !values[lang+"\x00"+s] && !slices.ContainsFunc(slices.Collect(maps.Keys(values)), func(v string) bool {
				return strings.HasPrefix(v, lang+"\x00") && strings.Contains(v, s)
			}) {
				t.Errorf("%s (%s) is not in the export: %q", f.Path, lang, s)
			}
			checked++
		}
	}
	if checked < 40 {
		t.Errorf("checked only %d texts", checked)
	}
}
