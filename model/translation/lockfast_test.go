package translation

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// sameAsYAML fails unless the fast reader, where it accepts data, gives the
// lock the YAML reader gives, without findings.
func sameAsYAML(t *testing.T, data []byte) (accepted bool) {
	t.Helper()
	fast, ok := readLockFast(data)
	if !ok {
		return false
	}
	fast.sourcePos.File = "translations.lock"
	slow, ds := parseLockYAML("translations.lock", data)
	if len(ds) > 0 {
		t.Fatalf("the fast reader accepts a lock the YAML reader reports:\n%s\n%v", data, ds)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("the fast reader reads\n%+v\nthe YAML reader\n%+v\nfrom\n%s", fast, slow, data)
	}
	return true
}

// TestReadLockFastBundled: every bundled lock is read by the fast reader,
// into what the YAML reader reads.
func TestReadLockFastBundled(t *testing.T) {
	files, _ := filepath.Glob("../../policies/*/" + LockFile)
	if len(files) == 0 {
		t.Fatal("no bundled lock")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !sameAsYAML(t, data) {
			t.Errorf("%s: the fast reader declines it", f)
		}
	}
}

// TestReadLockFastTexts writes locks holding texts that YAML quotes, folds
// or reads specially, and reads them back: the fast reader reads the plain,
// single-quoted and literal ones, declines the rest, and never differs.
func TestReadLockFastTexts(t *testing.T) {
	texts := []string{
		"Plain text.", "#hash", "a: b", "a #b", "a#b", "trailing ", " leading", "- dash", "-dash", "'quoted'", "it's",
		"\"double\"", "null", "Null", "~", "", "123", "0x1F", "true", "yes", "1.5e3", ".inf", "x\n\ny", "x\n", "x\n\n",
		"line\n  indented", "tab\there", "tab\n\tline", "ünïcödé ✓", "{braces}", "[x]", "*star", "&amp", "!bang", "%pct",
		"@at", "`tick", "|pipe", ">gt", "?q", ":colon", "end:", "a:b", "nel\u0085x", "ls\u2028x", "bom\ufeff",
		"\x01ctl", "cr\r\nlf", "a\n\n\nb\n", "  two\nlines", "--- x", "...", "a\n---\nb", "a\n# not a comment\nb",
		"é\n  é", "{duration 13 months}", "a,b", "long text that goes on and on past eighty characters, to see whether anything folds it",
	}
	accepted := 0
	for _, text := range texts {
		l := NewLock("en")
		l.Set("sections.a.body", "nl", text, "vertaling")
		l.Set("sections.a.body", "fr", text, text)
		l.Set("trackers."+"t1.purpose", "nl", "Counts.", text)
		data, err := l.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if sameAsYAML(t, data) {
			accepted++
		}
	}
	if accepted < len(texts)/2 {
		t.Errorf("the fast reader reads only %d of %d locks", accepted, len(texts))
	}
}
