package translation

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/policyc/policyc/model"
	"go.yaml.in/yaml/v3"
)

// LockFile is the name of the translation state beside a policy's
// policy.yaml.
const LockFile = "translations.lock"

// LockFormat names the lock file's format and its version. Version 1,
// which recorded only the source texts, is read and migrated to this one
// when confirm or import next writes the lock; a lock of another version is
// refused rather than guessed at.
const LockFormat = "policyc-translations/2"

// lockFormatV1 is the first version of the format.
const lockFormatV1 = "policyc-translations/1"

const lockFormatPrefix = "policyc-translations/"

// langCode is the shape of a language code in a lock. A language policyc
// cannot render is no error here: its entries are dropped at the next
// confirm.
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// lockHeader opens every lock file, for the reviewer who meets one in a diff.
const lockHeader = `# Translation state, written by "policyc i18n confirm" and "policyc i18n import".
# For each localized text it records the source-language text that each
# translation was confirmed against, and the translation as confirmed;
# "policyc check" reports a translation as stale once its source text differs,
# and as modified once the translation itself does. Commit it with the policy;
# do not edit it.
`

// Entry is what one translation was confirmed against, the source text,
// and what was confirmed, the translation, each with its hash.
type Entry struct {
	Hash   string
	Source string
	// Translation is the translation as confirmed and TranslationHash its
	// hash; both are "" in an entry read from a version 1 lock.
	TranslationHash string
	Translation     string
}

// Lock is the translation state of one policy.
type Lock struct {
	// Source is the source language the entries were confirmed from.
	Source string
	// Version is the format version the lock was read in; a lock is
	// always written in the current one.
	Version int
	// Entries maps a field path and a target language to what that
	// translation was confirmed against.
	Entries map[string]map[string]Entry

	sourcePos model.Pos // where the file names the source language
}

// NewLock returns an empty lock for translations from source.
func NewLock(source string) *Lock {
	return &Lock{Source: source, Entries: map[string]map[string]Entry{}}
}

// Get returns the entry of the translation of path into lang.
func (l *Lock) Get(path, lang string) (Entry, bool) {
	if l == nil {
		return Entry{}, false
	}
	e, ok := l.Entries[path][lang]
	return e, ok
}

// Set records that translation, the text of path in lang, was confirmed
// against source.
func (l *Lock) Set(path, lang, source, translation string) {
	if l.Entries[path] == nil {
		l.Entries[path] = map[string]Entry{}
	}
	l.Entries[path][lang] = Entry{Hash: Hash(l.Source, source), Source: source,
		TranslationHash: Hash(lang, translation), Translation: translation}
}

// Hash is the SHA-256, in lower-case hex, of the language code and the text,
// each preceded by its length in bytes as an unsigned 64-bit big-endian
// number. The length prefixes keep two different pairs from ever encoding to
// the same bytes.
func Hash(lang, text string) string {
	h := sha256.New()
	var n [8]byte
	for _, s := range []string{lang, text} {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// LockPath is the lock file of p: translations.lock in the folder of its
// policy.yaml.
func LockPath(p *model.Policy) string {
	return filepath.Join(filepath.Dir(p.File), LockFile)
}

// ReadLock reads the lock file at path. It returns nil and no findings when
// there is no such file.
func ReadLock(path string) (*Lock, model.Diagnostics) {
	data, err := readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		var ds model.Diagnostics
		ds.Errorf(model.Pos{File: path, Line: 1, Col: 1}, RuleLock, "", "cannot read the translation lock: %v", err)
		return nil, ds
	}
	return ParseLock(path, data)
}

// readFile reads a file of at most model.MaxFileSize bytes, the limit of
// every file policyc reads. Its errors do not repeat the file name.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, model.MaxFileSize+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if len(data) > model.MaxFileSize {
		return nil, fmt.Errorf("the file is larger than %d MiB", model.MaxFileSize>>20)
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) {
		return pe.Err
	}
	return err
}

// lockFix is the way out of any unreadable lock.
const lockFix = `restore it from version control, or delete it and run "policyc i18n confirm" once every translation is reviewed`

// ParseLock reads a lock file's bytes; file names it in findings. Every
// problem is reported at its line, and the lock is nil when there is any.
func ParseLock(file string, data []byte) (*Lock, model.Diagnostics) {
	if l, ok := readLockFast(data); ok {
		l.sourcePos.File = file
		return l, nil
	}
	return parseLockYAML(file, data)
}

// parseLockYAML is ParseLock through a YAML node tree: any lock, and the
// findings on one that is wrong.
func parseLockYAML(file string, data []byte) (*Lock, model.Diagnostics) {
	var ds model.Diagnostics
	pos := func(n *yaml.Node) model.Pos { return model.Pos{File: file, Line: n.Line, Col: n.Column} }
	fail := func(n *yaml.Node, format string, args ...any) {
		p := model.Pos{File: file, Line: 1, Col: 1}
		if n != nil {
			p = pos(n)
		}
		ds.Errorf(p, RuleLock, lockFix, format, args...)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
			_, msg, _ = strings.Cut(msg, ": ")
		}
		ds.Errorf(model.Pos{File: file, Line: line, Col: 1}, RuleLock, lockFix, "translation lock is not valid YAML: %s", msg)
		return nil, ds
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		fail(nil, "translation lock is empty or not a mapping")
		return nil, ds
	}
	root := doc.Content[0]
	l := NewLock("")
	var fields *yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			fail(k, "key %q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "format":
			switch {
			case v.Kind != yaml.ScalarNode:
				fail(v, "format must be %q", LockFormat)
			case v.Value == LockFormat:
				l.Version = 2
			case v.Value == lockFormatV1:
				l.Version = 1
			case strings.HasPrefix(v.Value, lockFormatPrefix):
				ds.Errorf(pos(v), RuleLock, "update policyc, or regenerate the lock with this version: delete it and run \"policyc i18n confirm\"",
					"translation lock has format %q; this policyc reads %q and %q", v.Value, lockFormatV1, LockFormat)
			default:
				fail(v, "not a translation lock: format is %q, expected %q", v.Value, LockFormat)
			}
		case "source":
			if v.Kind != yaml.ScalarNode || !langCode.MatchString(v.Value) {
				fail(v, "source must be a language code such as en")
				continue
			}
			l.Source, l.sourcePos = v.Value, pos(v)
		case "fields":
			fields = v
		default:
			fail(k, "unknown key %q in the translation lock", k.Value)
		}
	}
	for _, key := range []string{"format", "source", "fields"} {
		if !seen[key] {
			fail(root, "translation lock has no %q", key)
		}
	}
	if fields != nil && l.Source != "" && l.Version != 0 {
		parseFields(l, fields, fail)
	}
	if len(ds) > 0 {
		return nil, ds
	}
	return l, nil
}

func parseFields(l *Lock, fields *yaml.Node, fail func(*yaml.Node, string, ...any)) {
	if fields.Kind != yaml.MappingNode {
		if fields.Kind == yaml.ScalarNode && fields.Tag == "!!null" {
			return
		}
		fail(fields, "fields must be a mapping from field path to entries")
		return
	}
	for i := 0; i+1 < len(fields.Content); i += 2 {
		k, v := fields.Content[i], fields.Content[i+1]
		path := k.Value
		if k.Kind != yaml.ScalarNode || path == "" {
			fail(k, "a field path must be text")
			continue
		}
		if l.Entries[path] != nil {
			fail(k, "field %s is given twice", path)
			continue
		}
		l.Entries[path] = map[string]Entry{}
		if v.Kind != yaml.SequenceNode {
			fail(v, "the entries of %s must be a list", path)
			continue
		}
		for _, item := range v.Content {
			parseEntry(l, path, item, fail)
		}
	}
}

func parseEntry(l *Lock, path string, item *yaml.Node, fail func(*yaml.Node, string, ...any)) {
	keys := "sha256, source and translations"
	if l.Version == 1 {
		keys = "langs, sha256 and source"
	}
	if item.Kind != yaml.MappingNode {
		fail(item, "an entry of %s must be a mapping with %s", path, keys)
		return
	}
	var langs []*yaml.Node
	var hash, source, translations *yaml.Node
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		switch {
		case k.Value == "langs" && l.Version == 1:
			if v.Kind != yaml.SequenceNode {
				fail(v, "langs of %s must be a list of language codes", path)
				return
			}
			langs = v.Content
		case k.Value == "translations" && l.Version == 2:
			if v.Kind != yaml.MappingNode {
				fail(v, "translations of %s must map each language to its sha256 and text", path)
				return
			}
			translations = v
		case k.Value == "sha256":
			hash = v
		case k.Value == "source":
			source = v
		default:
			fail(k, "unknown key %q in an entry of %s", k.Value, path)
			return
		}
	}
	if hash == nil || source == nil || l.Version == 1 && langs == nil || l.Version == 2 && translations == nil {
		fail(item, "an entry of %s needs %s", path, keys)
		return
	}
	if !isText(hash) || !isText(source) {
		fail(item, "sha256 and source of %s must be text", path)
		return
	}
	if want := Hash(l.Source, source.Value); hash.Value != want {
		fail(hash, "sha256 of %s does not match its source text: the lock was edited by hand", path)
		return
	}
	e := Entry{Hash: hash.Value, Source: source.Value}
	add := func(ln *yaml.Node, e Entry) {
		switch {
		case ln.Kind != yaml.ScalarNode || !langCode.MatchString(ln.Value):
			fail(ln, "%q in the languages of %s is not a language code", ln.Value, path)
		case ln.Value == l.Source:
			fail(ln, "%s lists the source language %s as a translation", path, ln.Value)
		default:
			if _, dup := l.Entries[path][ln.Value]; dup {
				fail(ln, "%s has two entries for %s", path, ln.Value)
				return
			}
			l.Entries[path][ln.Value] = e
		}
	}
	for _, ln := range langs {
		add(ln, e)
	}
	if translations == nil {
		return
	}
	for i := 0; i+1 < len(translations.Content); i += 2 {
		ln, v := translations.Content[i], translations.Content[i+1]
		var th, text *yaml.Node
		if v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				switch v.Content[j].Value {
				case "sha256":
					th = v.Content[j+1]
				case "text":
					text = v.Content[j+1]
				default:
					fail(v.Content[j], "unknown key %q in the %s translation of %s", v.Content[j].Value, ln.Value, path)
					return
				}
			}
		}
		if !isText(th) || !isText(text) {
			fail(v, "the %s translation of %s needs sha256 and text", ln.Value, path)
			continue
		}
		if th.Value != Hash(ln.Value, text.Value) {
			fail(th, "sha256 of the %s translation of %s does not match its text: the lock was edited by hand", ln.Value, path)
			continue
		}
		e.TranslationHash, e.Translation = th.Value, text.Value
		add(ln, e)
	}
}

func isText(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag != "!!null"
}

// Marshal writes the lock in the current format: a header comment, the
// format, the source language, then the fields sorted by path, each with
// one entry per source text its translations were confirmed against, and in
// it each language's translation as confirmed, languages sorted. The same
// lock always gives the same bytes.
func (l *Lock) Marshal() ([]byte, error) {
	str := func(s string) *yaml.Node {
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
		if strings.Contains(s, "\n") && literalSafe(s) {
			n.Style = yaml.LiteralStyle
		}
		return n
	}
	fields := &yaml.Node{Kind: yaml.MappingNode}
	for _, path := range sortedKeys(l.Entries) {
		byHash := map[string][]string{}
		for lang, e := range l.Entries[path] {
			byHash[e.Hash] = append(byHash[e.Hash], lang)
		}
		if len(byHash) == 0 {
			continue
		}
		var groups [][]string
		for _, langs := range byHash {
			slices.Sort(langs)
			groups = append(groups, langs)
		}
		slices.SortFunc(groups, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
		list := &yaml.Node{Kind: yaml.SequenceNode}
		for _, langs := range groups {
			first := l.Entries[path][langs[0]]
			translations := &yaml.Node{Kind: yaml.MappingNode}
			for _, lang := range langs {
				e := l.Entries[path][lang]
				translations.Content = append(translations.Content, str(lang), &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
					str("sha256"), str(e.TranslationHash),
					str("text"), str(e.Translation),
				}})
			}
			list.Content = append(list.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				str("sha256"), str(first.Hash),
				str("source"), str(first.Source),
				str("translations"), translations,
			}})
		}
		fields.Content = append(fields.Content, str(path), list)
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		str("format"), str(LockFormat),
		str("source"), str(l.Source),
		str("fields"), fields,
	}}
	var buf bytes.Buffer
	buf.WriteString(lockHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("encoding the translation lock: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encoding the translation lock: %w", err)
	}
	return buf.Bytes(), nil
}

// literalSafe reports whether s reads back unchanged from a literal block:
// no carriage returns or other control characters, and no leading space
// that would need an indentation indicator.
func literalSafe(s string) bool {
	if strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\n") {
		return false
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff) {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
