package render

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestSummaryGolden writes the short notice of the bundled OVHcloud
// privacy policy in each language, as HTML and Markdown, and wants each
// at most 300 words, as a first layer must be short, with no English
// message in the Dutch and French ones.
func TestSummaryGolden(t *testing.T) {
	p := load(t, "../policies/ovhcloud-privacy")[0]
	files, err := Build(load(t, "../policies/ovhcloud-privacy"), Options{Formats: []string{SummaryFormat}})
	if err != nil {
		t.Fatal(err)
	}
	words := regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’().-]*`)
	for _, lang := range p.Languages {
		for _, ext := range []string{"html", "md"} {
			name := SummaryFile(lang, p.ID, ext)
			got, ok := files[name]
			if !ok {
				t.Fatalf("no %s among %d files", name, len(files))
			}
			path := filepath.Join("testdata/summary", filepath.FromSlash(name))
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test ./render -update and review the diff", name, path)
			}
		}
		page := files[SummaryFile(lang, p.ID, "html")]
		body := string(page[bytes.Index(page, []byte("<main>")):])
		if n := len(words.FindAllString(visibleText(body), -1)); n > 300 || n < 150 {
			t.Errorf("%s: the short notice has %d words, want at most 300 (and a real first layer, over 150)", lang, n)
		} else {
			t.Logf("%s: %d words", lang, n)
		}
		if lang != "en" {
			noEnglish(t, lang+" short notice", lang, visibleText(body))
		}
	}
}
