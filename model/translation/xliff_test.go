package translation

import (
	"os"
	"strings"
	"testing"
)

const wantXLIFF = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
  <file id="shop" original="POLICY">
    <unit id="trackers.ga.purpose">
      <notes>
        <note category="path">trackers.ga.purpose</note>
        <note category="location">POLICY:17:11</note>
        <note category="target-language">fr</note>
        <note category="previous-source">Kept for up to 13 months.</note>
      </notes>
      <segment state="translated" subState="policyc:stale">
        <source xml:space="preserve">Kept for up to 24 months &amp; more &lt;b&gt;.</source>
        <target xml:space="preserve">Conservé jusqu'à 13 mois.</target>
      </segment>
    </unit>
    <unit id="sections.cookies.body">
      <notes>
        <note category="path">sections.cookies.body</note>
        <note category="location">POLICY:19:73</note>
        <note category="target-language">fr</note>
      </notes>
      <segment state="initial">
        <source xml:space="preserve">We use
cookies.</source>
      </segment>
    </unit>
  </file>
</xliff>
`

// shopState is the shop policy with its translations confirmed, then its
// tracker purpose changed and a section body added in English and Dutch
// only.
func shopState(t *testing.T) (*State, string) {
	t.Helper()
	p, dir := writePolicy(t, map[string]string{"shop/policy.yaml": shopPolicy})
	lock, _, _ := loadState(t, p).Confirm(Selection{})
	data, _ := lock.Marshal()
	if err := os.WriteFile(LockPath(p), data, 0o644); err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(shopPolicy, "Kept for up to 13 months.", "Kept for up to 24 months & more <b>.", 1)
	changed = strings.Replace(changed, "{id: cookies, title: {en: Cookies, nl: Cookies, fr: Cookies},",
		"{id: cookies, title: {en: Cookies, nl: Cookies, fr: Cookies}, body: {en: \"We use\\ncookies.\", nl: Wij gebruiken cookies.},", 1)
	if err := os.WriteFile(p.File, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	p2, ds := loadPolicy(p.File)
	if p2 == nil {
		t.Fatal(ds)
	}
	return loadState(t, p2), dir
}

func TestExport(t *testing.T) {
	s, _ := shopState(t)
	data, n, err := Export([]*State{s}, "fr", []Status{Stale, Missing})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(string(data), displayed(s.Policy.File), "POLICY")
	if got != wantXLIFF || n != 2 {
		t.Errorf("%d units:\n%s\nwant\n%s", n, got, wantXLIFF)
	}

	doc, ds := ParseXLIFF("fr.xlf", data)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	units := doc.Files[0].Units
	if doc.SrcLang != "en" || doc.TrgLang != "fr" || len(units) != 2 ||
		units[0].Source != "Kept for up to 24 months & more <b>." || units[0].Target != "Conservé jusqu'à 13 mois." || !units[0].HasTarget ||
		units[1].Source != "We use\ncookies." || units[1].HasTarget || units[1].Pos.Line != 16 || units[0].Lang != "fr" || units[1].Lang != "fr" {
		t.Errorf("read back %+v", doc)
	}

	for _, tt := range []struct{ lang, want string }{
		{"en", "en is the source language of policy shop; export a language it is translated into"},
		{"de", "policy shop is not translated into de (its languages are en, nl, fr)"},
	} {
		if _, _, err := Export([]*State{s}, tt.lang, nil); err == nil || err.Error() != tt.want {
			t.Errorf("export %s: %v", tt.lang, err)
		}
	}
}

func TestParseXLIFFErrors(t *testing.T) {
	head := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">` + "\n"
	unit := func(body string) string {
		return head + `<file id="shop">` + "\n" + `<unit id="title">` + body + "</unit>\n</file>\n</xliff>\n"
	}
	tests := []struct{ name, data, want string }{
		{"not XML", "<xliff", "fr.xlf:1:1: error: not well-formed XML: unexpected EOF"},
		{"empty", "", "fr.xlf:1:1: error: not an XLIFF 2.0 document: it has no <xliff> element"},
		{"XLIFF 1.2", `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>`,
			`fr.xlf:1:1: error: not an XLIFF 2.0 document: the root element is <xliff> in namespace "urn:oasis:names:tc:xliff:document:1.2"; export the file again with "policyc i18n export"`},
		{"no target language", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"/>`,
			"fr.xlf:1:1: error: <xliff> needs srcLang and trgLang"},
		{"inline markup", unit(`<segment><source>Cookies</source><target>Les <pc id="1">cookies</pc></target></segment>`),
			"fr.xlf:4:1: error: unit title holds inline markup <pc>, which a policy text cannot take; write the text as plain Markdown, without the tool's formatting codes"},
		{"two segments", unit(`<segment><source>A</source></segment><segment><source>B</source></segment>`),
			"fr.xlf:4:1: error: unit title must have exactly one segment with a <source>; keep the unit as exported, with one <segment>"},
		{"trgLang edited", strings.Replace(unit(`<notes><note category="target-language">fr</note></notes><segment><source>A</source></segment>`), `trgLang="fr"`, `trgLang="nl"`, 1),
			`fr.xlf:2:1: error: the document's trgLang is nl, but its units were exported for fr (unit title at line 4); set trgLang back to "fr", or export the file again with --lang nl`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ds := ParseXLIFF("fr.xlf", []byte(tt.data))
			if doc != nil {
				t.Error("a document with errors was returned")
			}
			if got := strings.TrimSuffix(messages(ds, ""), " [TRANSLATION_IMPORT]\n"); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestImport(t *testing.T) {
	s, _ := shopState(t)
	data, _, _ := Export([]*State{s}, "fr", nil)
	before, _ := os.ReadFile(s.Policy.File)
	xlf := strings.Replace(string(data), "<target xml:space=\"preserve\">Conservé jusqu'à 13 mois.</target>",
		"<target xml:space=\"preserve\">Conservé jusqu'à 24 mois et plus.</target>", 1)
	xlf = strings.Replace(xlf, "cookies.</source>\n", "cookies.</source>\n        <target>Nous utilisons\ndes cookies.</target>\n", 1)
	doc, ds := ParseXLIFF("fr.xlf", []byte(xlf))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	plan, ds := PlanImport(doc, []*State{s})
	if len(ds) > 0 {
		t.Fatal(messages(ds, ""))
	}
	if plan.Written != 2 || plan.Kept != 3 || plan.Skipped != 0 || len(plan.Files) != 1 || len(plan.Locks) != 1 || plan.Locks[0].Count != 2 {
		t.Errorf("plan %+v", plan)
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(s.Policy.File)
	want := strings.Replace(string(before), "fr: Conservé jusqu'à 13 mois.", "fr: Conservé jusqu'à 24 mois et plus.", 1)
	want = strings.Replace(want, "nl: Wij gebruiken cookies.}", "nl: Wij gebruiken cookies., fr: \"Nous utilisons\\ndes cookies.\"}", 1)
	if string(after) != want {
		t.Errorf("policy after import:\n%s\nwant\n%s", after, want)
	}
	p, _ := loadPolicy(s.Policy.File)
	s2 := loadState(t, p)
	for _, u := range s2.Units {
		if u.Lang == "fr" && u.Status != Confirmed {
			t.Errorf("%s %s is %s after the import", u.Path, u.Lang, u.Status)
		}
	}
}

func TestImportRefuses(t *testing.T) {
	s, _ := shopState(t)
	data, _, _ := Export([]*State{s}, "fr", nil)
	xlf := string(data)
	tests := []struct {
		name, from, to, want string
		// legacy drops the notes that record the unit's language, as
		// files exported by earlier versions lack them.
		legacy bool
	}{
		{"unknown unit", `<unit id="title">`, `<unit id="titel">`,
			`fr.xlf:4:5: error: unknown unit id "titel": policy shop has no localized text with that path`, false},
		{"unknown policy", `<file id="shop"`, `<file id="shops"`,
			`fr.xlf:3:3: error: no policy "shops" among the policies loaded; give the folder of the policy as PATH`, false},
		{"wrong language", `trgLang="fr"`, `trgLang="de"`,
			`fr.xlf:2:1: error: the document translates into de, which is not a translation of policy shop (nl, fr)`, true},
		{"changed source", `Kept for up to 24 months &amp; more &lt;b&gt;.`, `Kept for up to 12 months &amp; more &lt;b&gt;.`,
			`fr.xlf:26:5: error: the source of trackers.ga.purpose changed since the export: 'up to 12 months &' → 'up to 24 months &'; export the file again and carry the translation over`, false},
		{"fact that does not parse", `<target xml:space="preserve">Conservé jusqu'à 13 mois.</target>`, `<target xml:space="preserve">Conservé {duration 13 moiss}.</target>`,
			"fr.xlf:26:5: error: unit trackers.ga.purpose: invalid duration \"13 moiss\": unknown unit \"moiss\" in {duration 13 moiss}; use one of minutes, hours, days, weeks, months, years [INLINE_FACT]\n", false},
		{"fact the source does not state", `<target xml:space="preserve">Conservé jusqu'à 13 mois.</target>`, `<target xml:space="preserve">Conservé {duration 13 months}.</target>`,
			"fr.xlf:26:5: error: unit trackers.ga.purpose: the target states {duration 13 months}, but the en text states no inline facts; state the same facts as the en text [FACT_DRIFT]\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := xlf
			if tt.legacy {
				base = strings.ReplaceAll(base, "        <note category=\"target-language\">fr</note>\n", "")
			}
			changed := strings.Replace(base, tt.from, tt.to, 1)
			if changed == base {
				t.Fatalf("%q not in the export", tt.from)
			}
			doc, ds := ParseXLIFF("fr.xlf", []byte(changed))
			if len(ds) > 0 {
				t.Fatal(ds)
			}
			plan, ds := PlanImport(doc, []*State{s})
			if plan != nil {
				t.Error("a plan was made")
			}
			got := strings.TrimSuffix(messages(ds, ""), " [TRANSLATION_IMPORT]\n")
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
