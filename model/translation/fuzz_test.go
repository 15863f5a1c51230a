package translation

import "testing"

// The readers of files a person may have edited must never panic.

func FuzzParseLock(f *testing.F) {
	l := NewLock("en")
	l.Set("trackers.ga.purpose", "nl", "Counts visits.", "Telt bezoeken.")
	l.Set("sections.about.body", "fr", "We keep\n\nlittle.", "Nous gardons\n\npeu.")
	data, _ := l.Marshal()
	f.Add(data)
	f.Add([]byte("format: policyc-translations/1\nsource: en\nfields:\n  title: *a\n"))
	f.Add([]byte("- [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, ds := ParseLock("translations.lock", data)
		if (l == nil) == (len(ds) == 0) {
			t.Fatalf("lock %v with findings %v", l, ds)
		}
		if l != nil {
			if _, err := l.Marshal(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzParseXLIFF(f *testing.F) {
	f.Add([]byte(wantXLIFF))
	f.Add([]byte(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="a"><group><unit id="x"><segment><source>a<b/></source></segment></unit></group></file></xliff>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, ds := ParseXLIFF("fr.xlf", data)
		if (doc == nil) == (len(ds) == 0) {
			t.Fatalf("document %v with findings %v", doc, ds)
		}
	})
}

func FuzzEditYAML(f *testing.F) {
	f.Add("t:\n  en: A\n  nl: B # c\n", "nl", "x: y")
	f.Add("t: {en: A, nl: 'B'}\n", "fr", "a\n\nb")
	f.Add("t:\n  en: >-\n    A\n    B\n  nl: |\n    C\n", "nl", " lead")
	f.Fuzz(func(t *testing.T, src, lang, value string) {
		if m := firstMapping(src); m != nil {
			_, _ = EditYAML([]byte(src), []TextEdit{{Text: *m, Lang: lang, Value: value}})
		}
	})
}

// FuzzReadLockFast: whatever the fast lock reader accepts, the YAML reader
// reads into the same lock.
func FuzzReadLockFast(f *testing.F) {
	l := NewLock("en")
	l.Set("trackers.ga.purpose", "nl", "Counts visits.", "Telt bezoeken.")
	l.Set("sections.about.body", "fr", "We keep\n\nlittle.", "Nous gardons\n\npeu.")
	l.Set("sections.about.title", "fr", "it's: 'this'", "#x")
	data, _ := l.Marshal()
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsYAML(t, data)
	})
}
