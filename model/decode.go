package model

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Rules the loader reports.
var (
	RuleSyntax        = Rule{"YAML_SYNTAX", "the file is not valid YAML"}
	RuleFile          = Rule{"FILE", "a file cannot be read, is too large, or holds no policy"}
	RuleUnknownKey    = Rule{"UNKNOWN_KEY", "a key the format does not define"}
	RuleDuplicateKey  = Rule{"DUPLICATE_KEY", "a key given twice in one mapping"}
	RuleWrongType     = Rule{"WRONG_TYPE", "a value of the wrong shape: a list where a mapping belongs, text where a yes/no belongs"}
	RuleMissingField  = Rule{"MISSING_FIELD", "a required key is absent or empty"}
	RuleInvalidValue  = Rule{"INVALID_VALUE", "a value that does not follow its grammar: a duration, retention rule, country, language, date, link, id or key"}
	RuleAliasBudget   = Rule{"ALIAS_LIMIT", "YAML aliases expand to more values than a policy can hold"}
	RuleInclude       = Rule{"INCLUDE", "an include that cannot be resolved: missing file, cycle, or a path leaving the policy tree"}
	RuleMissingLang   = Rule{"MISSING_TRANSLATION", "a localized text lacks a declared language"}
	RuleUndeclaredLng = Rule{"UNDECLARED_LANGUAGE", "a localized text has a language the policy does not declare"}
	RuleTextComment   = Rule{"TEXT_COMMENT", "an unquoted \" #\" in a text starts a YAML comment and cuts the text short"}
)

// maxAliasValues bounds how many values aliases may expand to in one file,
// so that an alias bomb ends with an error instead of exhausting memory.
// Values written out are bounded by the file size limit.
const maxAliasValues = 100_000

// maxAliasBytes bounds the text that aliases may repeat in one file: one
// long value behind an anchor, aliased by every tracker, would otherwise
// multiply into gigabytes while staying under the value count.
const maxAliasBytes = MaxFileSize

type decoder struct {
	diags      *Diagnostics
	file       string
	src        []byte     // the file's text, where a text cut short by a comment is found
	lineStarts []int      // the offset in src of each line, once a text needs them
	aliased    int        // depth of alias expansions being decoded
	values     int        // values decoded inside alias expansions
	bytes      int        // text decoded inside alias expansions
	via        *yaml.Node // the outermost alias being expanded, where the budget errors point
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

// exhausted reports whether aliases have expanded past the limit.
func (d *decoder) exhausted() bool { return d.values > maxAliasValues || d.bytes > maxAliasBytes }

// resolve follows aliases and charges values reached through them to the
// budget; it returns nil once the budget is spent.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if d.aliased == 0 || n == nil {
		return n
	}
	if d.exhausted() {
		return nil
	}
	d.values++
	if n.Kind == yaml.ScalarNode {
		d.bytes += len(n.Value)
	} else if n.Kind == yaml.MappingNode {
		// Keys are not resolved one by one; charge them here.
		for i := 0; i < len(n.Content); i += 2 {
			d.bytes += len(n.Content[i].Value)
		}
	}
	at := d.pos(n)
	if d.via != nil {
		at = d.pos(d.via)
	}
	if d.values > maxAliasValues {
		d.diags.Errorf(at, RuleAliasBudget, "remove the aliases that nest inside each other",
			"aliases expand to more than %d values", maxAliasValues)
		return nil
	}
	if d.bytes > maxAliasBytes {
		d.diags.Errorf(at, RuleAliasBudget, "write long texts once, or repeat them without an alias",
			"aliases repeat more than %d MiB of text", maxAliasBytes>>20)
		return nil
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "a yes/no value"
		case "!!int", "!!float":
			return "a number"
		}
		return "text"
	}
	return "a document"
}

func (d *decoder) wrongType(n *yaml.Node, want, fix string) {
	d.diags.Errorf(d.pos(n), RuleWrongType, fix, "expected %s, found %s", want, kindName(n))
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// scalar returns the text of a scalar node, reporting other shapes.
func (d *decoder) scalar(n *yaml.Node, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.wrongType(n, want, "")
		return "", false
	}
	return n.Value, true
}

var (
	textType       = reflect.TypeFor[Text]()
	refType        = reflect.TypeFor[Ref]()
	dateType       = reflect.TypeFor[Date]()
	urlType        = reflect.TypeFor[URL]()
	countryType    = reflect.TypeFor[Country]()
	durationType   = reflect.TypeFor[*Duration]()
	retentionType  = reflect.TypeFor[*Retention]()
	legalBasisType = reflect.TypeFor[LegalBasis]()
	dataUseType    = reflect.TypeFor[DataUse]()
	localNameType  = reflect.TypeFor[localName]()
	technologyType = reflect.TypeFor[Technology]()
	safeguardType  = reflect.TypeFor[Safeguard]()
	rightType      = reflect.TypeFor[Right]()
	trackerName    = reflect.TypeFor[TrackerName]()
	recipientUse   = reflect.TypeFor[RecipientUse]()
	blockType      = reflect.TypeFor[Block]()
	authorityType  = reflect.TypeFor[*Authority]()
	nodeType       = reflect.TypeFor[Node]()
	includeType    = reflect.TypeFor[IncludePath]()
	sourceType     = reflect.TypeFor[Source]()
	tcfPurposeType = reflect.TypeFor[TCFPurpose]()
)

// sourceKeys are the sources a policy names by key rather than by text.
var sourceKeys = []string{"data-subject"}

// value decodes n into v.
func (d *decoder) value(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		if d.aliased == 0 {
			d.via = n
			defer func() { d.via = nil }()
		}
		d.aliased++
		defer func() { d.aliased-- }()
	}
	if n = d.resolve(n); n == nil {
		return
	}
	switch v.Type() {
	case textType:
		d.text(n, v.Addr().Interface().(*Text))
		return
	case sourceType:
		src := Source{Pos: d.pos(n)}
		if n.Kind == yaml.ScalarNode {
			if _, ok := d.key(n, "source", sourceKeys); !ok {
				return
			}
			src.DataSubject = true
		} else {
			d.text(n, &src.Text)
		}
		v.Set(reflect.ValueOf(src))
		return
	case refType:
		if s, ok := d.scalar(n, "an id"); ok {
			v.Set(reflect.ValueOf(Ref{Pos: d.pos(n), ID: s}))
		}
		return
	case includeType:
		if s, ok := d.scalar(n, "a file path"); ok {
			v.Set(reflect.ValueOf(IncludePath{Pos: d.pos(n), Path: s}))
		}
		return
	case dateType:
		if s, ok := d.scalar(n, "a date"); ok {
			date, err := ParseDate(s)
			if err != nil {
				d.diags.AddValueError(d.pos(n), RuleInvalidValue, err)
				return
			}
			date.Pos = d.pos(n)
			v.Set(reflect.ValueOf(date))
		}
		return
	case urlType:
		if s, ok := d.scalar(n, "a link"); ok {
			if err := ParseURL(s); err != nil {
				d.diags.AddValueError(d.pos(n), RuleInvalidValue, err)
				return
			}
			v.Set(reflect.ValueOf(URL{Pos: d.pos(n), URL: s}))
		}
		return
	case countryType:
		if s, ok := d.scalar(n, "a country code"); ok {
			if err := ParseCountry(s); err != nil {
				d.diags.AddValueError(d.pos(n), RuleInvalidValue, err)
				return
			}
			v.Set(reflect.ValueOf(Country{Pos: d.pos(n), Code: s}))
		}
		return
	case durationType:
		if s, ok := d.scalar(n, "a duration"); ok {
			dur, err := ParseDuration(s)
			if err != nil {
				d.diags.AddValueError(d.pos(n), RuleInvalidValue, err)
				return
			}
			dur.Pos = d.pos(n)
			v.Set(reflect.ValueOf(dur))
		}
		return
	case legalBasisType:
		d.legalBasis(n, v.Addr().Interface().(*LegalBasis))
		return
	case dataUseType:
		d.dataUse(n, v.Addr().Interface().(*DataUse))
		return
	case localNameType:
		d.localName(n, v.Addr().Interface().(*localName))
		return
	case technologyType:
		if s, ok := d.key(n, "technology", Technologies); ok {
			v.Set(reflect.ValueOf(Technology{Pos: d.pos(n), Key: s}))
		}
		return
	case safeguardType:
		if s, ok := d.key(n, "safeguard", Safeguards); ok {
			v.Set(reflect.ValueOf(Safeguard{Pos: d.pos(n), Key: s}))
		}
		return
	case rightType:
		if s, ok := d.key(n, "right", RightKeys); ok {
			v.Set(reflect.ValueOf(Right{Pos: d.pos(n), Key: s}))
		}
		return
	case trackerName:
		d.trackerName(n, v.Addr().Interface().(*TrackerName))
		return
	case tcfPurposeType:
		d.tcfPurpose(n, v.Addr().Interface().(*TCFPurpose))
		return
	case recipientUse:
		d.recipientUse(n, v.Addr().Interface().(*RecipientUse))
		return
	case blockType:
		d.block(n, v.Addr().Interface().(*Block))
		return
	case retentionType:
		v.Set(reflect.ValueOf(d.retention(n)))
		return
	case authorityType:
		v.Set(reflect.ValueOf(d.authority(n)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if s, ok := d.scalar(n, "text"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.wrongType(n, "true or false", "")
			return
		}
		v.SetBool(n.Value == "true")
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.value(n, elem.Elem())
		v.Set(elem)
	case reflect.Slice:
		d.list(n, v)
	case reflect.Struct:
		d.mapping(n, v, nil)
	default:
		panic("model: no decoder for " + v.Type().String())
	}
}

func (d *decoder) key(n *yaml.Node, what string, keys []string) (string, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.wrongType(n, "a "+what, "")
		return "", false
	}
	s := n.Value
	if err := ParseKey(what, s, keys); err != nil {
		d.diags.AddValueError(d.pos(n), RuleInvalidValue, err)
		return "", false
	}
	return s, true
}

func (d *decoder) list(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.ScalarNode && !isNull(n) && scalarElem(v.Type().Elem()) {
		// A list of one name, country or key may be written without brackets.
		s := reflect.MakeSlice(v.Type(), 1, 1)
		d.value(n, s.Index(0))
		v.Set(s)
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.wrongType(n, "a list", "")
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	items := isItem(v.Type().Elem())
	k := 0
	for _, item := range n.Content {
		if items {
			// An item that is not a mapping is reported and left out, so
			// that no check later finds an item without a position.
			if r := d.peek(item); r == nil || r.Kind != yaml.MappingNode {
				if r != nil {
					d.wrongType(r, "a mapping", "")
				}
				continue
			}
		}
		d.value(item, s.Index(k))
		k++
	}
	v.Set(s.Slice(0, k))
}

// isItem reports whether list elements of type t are items written as
// mappings: a pointer to a struct that has no decoder of its own.
func isItem(t reflect.Type) bool {
	switch t {
	case durationType, retentionType, authorityType:
		return false
	}
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return false
	}
	switch t.Elem() {
	case textType, refType, dateType, urlType, countryType, legalBasisType, technologyType,
		safeguardType, rightType, trackerName, recipientUse, blockType, includeType, dataUseType, localNameType, tcfPurposeType:
		return false
	}
	return true
}

// peek follows aliases without charging the budget.
func (d *decoder) peek(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// scalarElem reports whether list items of type t are written as scalars.
func scalarElem(t reflect.Type) bool {
	switch t {
	case refType, countryType, legalBasisType, technologyType, safeguardType, rightType, trackerName, includeType, dataUseType, tcfPurposeType:
		return true
	}
	return t.Kind() == reflect.String
}

type fieldInfo struct {
	key      string
	index    []int
	required bool
}

var fieldCache sync.Map // reflect.Type → []fieldInfo

var nodeFieldCache sync.Map // reflect.Type → []int

// nodeField returns the index of the Node that struct type t embeds, or nil.
func nodeField(t reflect.Type) []int {
	if i, ok := nodeFieldCache.Load(t); ok {
		return i.([]int)
	}
	var i []int
	if f, ok := t.FieldByName("Node"); ok && f.Type == nodeType {
		i = f.Index
	}
	nodeFieldCache.Store(t, i)
	return i
}

// fields lists the YAML keys of a struct type: the kebab-case Go field name
// unless a yaml tag names it, with embedded Lists flattened.
func fields(t reflect.Type) []fieldInfo {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]fieldInfo)
	}
	var out []fieldInfo
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == nodeType {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous {
			for _, sub := range fields(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		if name == "" {
			name = kebab(f.Name)
		}
		out = append(out, fieldInfo{key: name, index: []int{i}, required: opts == "required"})
	}
	fieldCache.Store(t, out)
	return out
}

func kebab(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) && (unicode.IsLower(r[i-1]) || (i+1 < len(r) && unicode.IsLower(r[i+1]))) {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// mapping decodes a YAML mapping into struct v, reporting unknown, repeated
// and missing keys. allowed, when not nil, restricts the keys accepted.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, allowed map[string]bool) {
	if n.Kind != yaml.MappingNode {
		d.wrongType(n, "a mapping", "")
		return
	}
	fs := fields(v.Type())
	var node *Node
	if i := nodeField(v.Type()); i != nil {
		node = v.FieldByIndex(i).Addr().Interface().(*Node)
		node.Pos = d.pos(n)
		node.Fields = make([]KeyPos, 0, len(n.Content)/2)
	}
	seen := newKeySet(len(n.Content) / 2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.wrongType(k, "a key", "")
			continue
		}
		if !seen.add(k.Value) {
			d.diags.Errorf(d.pos(k), RuleDuplicateKey, "remove one of them", "key %q is given twice", k.Value)
			continue
		}
		var fi *fieldInfo
		for j := range fs {
			if fs[j].key == k.Value && (allowed == nil || allowed[k.Value]) {
				fi = &fs[j]
				break
			}
		}
		if fi == nil {
			d.unknownKey(k, fs, allowed)
			continue
		}
		if node != nil {
			node.Fields = append(node.Fields, KeyPos{Key: k.Value, Line: val.Line, Col: val.Column})
		}
		if isNull(val) {
			if fi.required {
				d.diags.Errorf(d.pos(val), RuleMissingField, "", "%q has no value", k.Value)
			}
			continue
		}
		if fi.required && (val.Kind == yaml.SequenceNode || val.Kind == yaml.MappingNode) && len(val.Content) == 0 {
			d.diags.Errorf(d.pos(val), RuleMissingField, "", "%q is empty", k.Value)
			continue
		}
		d.value(val, v.FieldByIndex(fi.index))
	}
	for _, f := range fs {
		if f.required && !seen.has(f.key) && (allowed == nil || allowed[f.key]) {
			d.diags.Errorf(d.pos(n), RuleMissingField, fmt.Sprintf("add %q", f.key+": ..."), "missing required key %q", f.key)
		}
	}
}

// keySet holds the keys of one mapping seen so far. A mapping has a few
// keys, searched faster in a list than in a map that every mapping of a
// large policy would allocate; a long one, which only a mistake or an
// attack writes, gets a map.
type keySet struct {
	list []string
	m    map[string]bool
}

const keySetListMax = 32

func newKeySet(n int) keySet {
	if n > keySetListMax {
		return keySet{m: make(map[string]bool, n)}
	}
	return keySet{list: make([]string, 0, n)}
}

// add adds key and reports whether it was new.
func (s *keySet) add(key string) bool {
	if s.has(key) {
		return false
	}
	if s.m != nil {
		s.m[key] = true
	} else {
		s.list = append(s.list, key)
	}
	return true
}

func (s *keySet) has(key string) bool {
	if s.m != nil {
		return s.m[key]
	}
	return slices.Contains(s.list, key)
}

func (d *decoder) unknownKey(k *yaml.Node, fs []fieldInfo, allowed map[string]bool) {
	var keys []string
	for _, f := range fs {
		if allowed == nil || allowed[f.key] {
			keys = append(keys, f.key)
		}
	}
	fix := ""
	if m := suggest(k.Value, keys); m != "" {
		fix = fmt.Sprintf("did you mean %q?", m)
	} else if allowed != nil {
		for _, f := range fs {
			if f.key == k.Value {
				fix = "an included file may only hold " + strings.Join(keys, ", ")
			}
		}
	}
	d.diags.Errorf(d.pos(k), RuleUnknownKey, fix, "unknown key %q", k.Value)
}

// text decodes a localized text: a mapping from language code to Markdown.
func (d *decoder) text(n *yaml.Node, t *Text) {
	if n.Kind != yaml.MappingNode {
		d.wrongType(n, "a localized text (a mapping from language to text)", "write one entry per language, e.g. \"en: ...\"")
		return
	}
	t.Pos = d.pos(n)
	t.Values = make(map[string]string, len(n.Content)/2)
	t.Positions = make([]KeyPos, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if val.Kind == yaml.AliasNode {
			if d.aliased == 0 {
				d.via = val
			}
			d.aliased++
			val = d.resolve(val)
			d.aliased--
			if d.aliased == 0 {
				d.via = nil
			}
		} else {
			// Inside an alias expansion, the texts count too.
			val = d.resolve(val)
		}
		if val == nil {
			return
		}
		if i >= 2 && n.Style&yaml.FlowStyle != 0 && k.Style == 0 && strings.Contains(k.Value, " ") && val.Tag == "!!null" {
			// {en: Cookies, such as these, nl: ...}: the comma ended the
			// text, and the rest became a key without a value.
			prev, at := n.Content[i-1], d.pos(k)
			if prev.Style == 0 && prev.Line == k.Line && !strings.Contains(prev.Value, "\n") {
				at.Col = prev.Column + utf8.RuneCountInString(prev.Value)
			}
			d.diags.Errorf(at, RuleSyntax, quoteFix(prev.Value+", "+k.Value), "a comma inside {…} ends this text")
			continue
		}
		if _, dup := t.Values[k.Value]; dup {
			d.diags.Errorf(d.pos(k), RuleDuplicateKey, "remove one of them", "language %q is given twice", k.Value)
			continue
		}
		if err := ParseLanguage(k.Value); err != nil {
			d.diags.AddValueError(d.pos(k), RuleInvalidValue, err)
			continue
		}
		s, ok := d.scalar(val, "text")
		if !ok {
			continue
		}
		t.Values[k.Value] = s
		t.Positions = append(t.Positions, KeyPos{Key: k.Value, Line: val.Line, Col: val.Column})
		if d.aliased == 0 {
			d.commentAfter(val)
		}
	}
}

// commentAfter warns of a plain text followed on its line by " #": YAML
// reads the rest of the line as a comment, so "Cookie #1 of 3" becomes
// "Cookie" without a word of warning.
func (d *decoder) commentAfter(val *yaml.Node) {
	if val.Style != 0 || val.Kind != yaml.ScalarNode || strings.Contains(val.Value, "\n") || len(d.src) == 0 {
		return
	}
	if d.lineStarts == nil {
		d.lineStarts = append(d.lineStarts, 0)
		for i, c := range d.src {
			if c == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	if val.Line < 1 || val.Line > len(d.lineStarts) {
		return
	}
	from, to := d.lineStarts[val.Line-1], len(d.src)
	if val.Line < len(d.lineStarts) {
		to = d.lineStarts[val.Line] - 1
	}
	if bytes.IndexByte(d.src[from:to], '#') < 0 {
		// Most lines hold no comment; only those are read as runes.
		return
	}
	line := []rune(strings.TrimSuffix(string(d.src[from:to]), "\r"))
	end := val.Column - 1 + utf8.RuneCountInString(val.Value)
	if end < 0 || end >= len(line) || (line[end] != ' ' && line[end] != '\t') {
		return
	}
	i := end
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == '#' {
		d.diags.Warnf(Pos{File: d.file, Line: val.Line, Col: i + 1}, RuleTextComment,
			fmt.Sprintf("put the whole text in quotes if %q belongs to it, or move the comment to a line of its own", strings.TrimSpace(string(line[i:]))),
			"quote this text: \" #\" starts a comment, so the text ends at %q", val.Value)
	}
}

func (d *decoder) trackerName(n *yaml.Node, tn *TrackerName) {
	tn.Pos = d.pos(n)
	if n.Kind == yaml.ScalarNode {
		tn.Name, _ = d.scalar(n, "a tracker name")
		if _, err := ParseNamePattern(tn.Name); err != nil {
			d.diags.AddValueError(tn.Pos, RuleInvalidValue, err)
		}
		return
	}
	var m trackerNameEntry
	d.mapping(n, reflect.ValueOf(&m).Elem(), nil)
	tn.Name, tn.Lifetime = m.Name, m.Lifetime
	if _, err := ParseNamePattern(tn.Name); err != nil {
		d.diags.AddValueError(m.At("name"), RuleInvalidValue, err)
	}
}

func (d *decoder) legalBasis(n *yaml.Node, b *LegalBasis) {
	if n.Kind != yaml.MappingNode {
		if s, ok := d.key(n, "legal basis", LegalBases); ok {
			*b = LegalBasis{Pos: d.pos(n), Key: s}
		}
		return
	}
	var m legalBasisEntry
	d.mapping(n, reflect.ValueOf(&m).Elem(), nil)
	b.Pos, b.AppliesTo = m.At("basis"), m.AppliesTo
	if m.Basis == "" {
		return
	}
	if err := ParseKey("legal basis", m.Basis, LegalBases); err != nil {
		d.diags.AddValueError(b.Pos, RuleInvalidValue, err)
		return
	}
	b.Key = m.Basis
}

func (d *decoder) dataUse(n *yaml.Node, u *DataUse) {
	if n.Kind != yaml.MappingNode {
		if s, ok := d.scalar(n, "a data category id"); ok {
			u.Ref = Ref{Pos: d.pos(n), ID: s}
		}
		return
	}
	var m dataUseEntry
	d.mapping(n, reflect.ValueOf(&m).Elem(), nil)
	u.Ref, u.OnDevice = m.Category, m.OnDevice
}

// localName reads a name written as text, or as a localized text when it
// differs by language.
func (d *decoder) localName(n *yaml.Node, ln *localName) {
	if n.Kind == yaml.MappingNode {
		d.text(n, &ln.Text)
		return
	}
	ln.Plain, _ = d.scalar(n, "a name or a localized name")
}

// tcfPurpose reads a TCF purpose id, a whole number from 1 to
// MaxTCFPurpose.
func (d *decoder) tcfPurpose(n *yaml.Node, p *TCFPurpose) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.wrongType(n, "a TCF purpose number", "write a purpose of TCF v2.2 as a number from 1 to "+strconv.Itoa(MaxTCFPurpose))
		return
	}
	id, err := strconv.Atoi(n.Value)
	if err != nil || id < 1 || id > MaxTCFPurpose {
		d.diags.Errorf(d.pos(n), RuleInvalidValue, "write a purpose of TCF v2.2 as a number from 1 to "+strconv.Itoa(MaxTCFPurpose),
			"invalid TCF purpose %s", n.Value)
		return
	}
	*p = TCFPurpose{Pos: d.pos(n), ID: id}
}

func (d *decoder) recipientUse(n *yaml.Node, ru *RecipientUse) {
	if n.Kind == yaml.ScalarNode {
		if s, ok := d.scalar(n, "a recipient id"); ok {
			ru.Recipient = Ref{Pos: d.pos(n), ID: s}
		}
		return
	}
	var m recipientUseEntry
	d.mapping(n, reflect.ValueOf(&m).Elem(), nil)
	ru.Recipient, ru.Note = m.Recipient, m.Note
}

func (d *decoder) block(n *yaml.Node, b *Block) {
	b.Pos = d.pos(n)
	if n.Kind == yaml.ScalarNode {
		s, ok := d.key(n, "block", BlockKinds)
		if !ok {
			return
		}
		if s == "trackers" || s == "processing" {
			d.diags.Errorf(d.pos(n), RuleInvalidValue, fmt.Sprintf("write %q", s+": <id>"), "block %q needs the id of the %s to show", s,
				map[string]string{"trackers": "tracker category", "processing": "processing group"}[s])
			return
		}
		b.Kind = s
		return
	}
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 {
		d.wrongType(n, "a block name or a mapping such as \"trackers: essential\"", "")
		return
	}
	k, val := n.Content[0], n.Content[1]
	if k.Value != "trackers" && k.Value != "processing" {
		fix := `use "trackers: <category>" or "processing: <group>"`
		if m := suggest(k.Value, []string{"trackers", "processing"}); m != "" {
			fix = fmt.Sprintf("did you mean %q?", m)
		}
		d.diags.Errorf(d.pos(k), RuleUnknownKey, fix, "unknown block %q", k.Value)
		return
	}
	if s, ok := d.scalar(val, "an id"); ok {
		b.Kind, b.Ref = k.Value, Ref{Pos: d.pos(val), ID: s}
	}
}

func (d *decoder) retention(n *yaml.Node) *Retention {
	if n.Kind == yaml.ScalarNode {
		s, ok := d.scalar(n, "a retention rule")
		if !ok {
			return nil
		}
		r, err := ParseRetention(s)
		if err != nil {
			d.diags.AddValueError(d.pos(n), RuleInvalidValue, err)
			return nil
		}
		r.Pos = d.pos(n)
		r.setPos(r.Pos)
		return r
	}
	var m retentionEntry
	d.mapping(n, reflect.ValueOf(&m).Elem(), nil)
	r := &Retention{}
	if m.Rule != "" {
		parsed, err := ParseRetention(m.Rule)
		if err != nil {
			d.diags.AddValueError(m.At("rule"), RuleInvalidValue, err)
			return nil
		}
		r = parsed
		r.setPos(m.At("rule"))
	} else if m.Criteria.IsZero() && m.Pos.IsValid() {
		d.diags.Errorf(m.Pos, RuleMissingField, `add "rule: ..." or, as a last resort, "criteria: ..."`, "retention has neither a rule nor criteria")
	}
	r.Node, r.Criteria, r.For, r.Note = m.Node, m.Criteria, m.For, m.Note
	return r
}

func (d *decoder) authority(n *yaml.Node) *Authority {
	if n.Kind == yaml.ScalarNode {
		s, ok := d.key(n, "supervisory authority", slices.Sorted(maps.Keys(Authorities)))
		if !ok {
			return nil
		}
		a := Authorities[s]
		return &a
	}
	var m authorityEntry
	d.mapping(n, reflect.ValueOf(&m).Elem(), nil)
	return &Authority{Name: m.Name.Plain, LocalName: m.Name.Text, Country: m.Country, URL: m.URL, Description: m.Description}
}

// setPos gives the durations of a rule the position of the rule's text.
func (r *Retention) setPos(p Pos) {
	for _, d := range []*Duration{r.Period, r.Plus, r.Archive, r.Max} {
		if d != nil {
			d.Pos = p
		}
	}
}
