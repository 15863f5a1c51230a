package model

import (
	"bytes"
	"embed"
	"encoding/json"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/invopop/jsonschema"
)

// The JSON Schema is reflected from the model types, so a field added to the
// model is in the schema without anyone writing it twice. The types whose
// YAML form is not their Go shape (a duration is a string, a localized text a
// mapping of languages) are mapped to the grammar the decoder accepts, and
// the descriptions are the field comments of the source, embedded here.

//go:embed model.go values.go
var modelSource embed.FS

// SchemaURL is where editors find the committed copy of the schema.
const SchemaURL = "https://raw.githubusercontent.com/policyc/policyc/main/docs/policy.schema.json"

// Schema returns the JSON Schema (2020-12) of a policy file, or, with
// include, of a file a policy includes.
func Schema(include bool) ([]byte, error) {
	g := newSchemaGen()
	var s *jsonschema.Schema
	if include {
		s = g.reflect(reflect.TypeFor[includeFile]())
		s.Title = "policyc included file"
		s.Description = "A file included by a policy: vendors, categories, trackers and other lists it adds to the policy."
	} else {
		s = g.reflect(reflect.TypeFor[Policy]())
		s.Title = "policyc policy"
		s.Description = "A privacy or cookie policy compiled by policyc (policy.yaml)."
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type schemaGen struct {
	comments map[string]string             // "Type" or "Type.Field" → doc
	types    map[string]reflect.Type       // definition name → type
	values   map[string]*jsonschema.Schema // definitions of the value types, by name
}

func newSchemaGen() *schemaGen {
	return &schemaGen{comments: sourceComments(), types: map[string]reflect.Type{}, values: map[string]*jsonschema.Schema{}}
}

func (g *schemaGen) reflector(inline bool) *jsonschema.Reflector {
	return &jsonschema.Reflector{
		Anonymous:                  true,
		RequiredFromJSONSchemaTags: true, // required keys come from the yaml tags, below
		DoNotReference:             inline,
		FieldNameTag:               "yaml",
		KeyNamer:                   kebab,
		Namer: func(t reflect.Type) string {
			g.types[t.Name()] = t
			return t.Name()
		},
		Mapper: g.mapType,
		LookupComment: func(t reflect.Type, field string) string {
			if field == "" {
				return g.comments[t.Name()]
			}
			return g.comments[t.Name()+"."+field]
		},
	}
}

// reflect returns the schema of t with its definitions completed.
func (g *schemaGen) reflect(t reflect.Type) *jsonschema.Schema {
	s := g.reflector(false).ReflectFromType(t)
	for _, name := range slices.Sorted(maps.Keys(s.Definitions)) {
		if typ, ok := g.types[name]; ok {
			g.complete(s.Definitions[name], typ)
		}
	}
	maps.Copy(s.Definitions, g.values)
	return s
}

// inline returns the schema of a small mapping type, without definitions.
func (g *schemaGen) inline(t reflect.Type) *jsonschema.Schema {
	s := g.reflector(true).ReflectFromType(t)
	s.Version, s.Definitions = "", nil
	g.complete(s, t)
	return s
}

// complete adds what reflection cannot see: the keys the decoder requires,
// and the grammar of ids, languages and the vocabularies held in strings.
func (g *schemaGen) complete(s *jsonschema.Schema, t reflect.Type) {
	if s.Properties == nil {
		return
	}
	s.Required = nil
	for _, f := range fields(t) {
		if f.required {
			s.Required = append(s.Required, f.key)
		}
	}
	types := map[string]reflect.Type{}
	for _, f := range fields(t) {
		types[f.key] = t.FieldByIndex(f.index).Type
	}
	for pair := s.Properties.Oldest(); pair != nil; pair = pair.Next() {
		key, p := pair.Key, pair.Value
		if vocab, ok := stringVocabularies[t.Name()+"."+key]; ok {
			*p = jsonschema.Schema{Description: p.Description, Type: "string", Enum: anyList(vocab)}
		}
		switch {
		case key == "id":
			*p = jsonschema.Schema{Description: p.Description, Type: "string", Pattern: idPattern.String()}
		case t == reflect.TypeFor[Policy]() && key == "languages":
			p.Items = &jsonschema.Schema{Type: "string", Enum: anyList(RenderLanguages)}
			p.MinItems = ptr[uint64](1)
			p.UniqueItems = true
		case t == reflect.TypeFor[Policy]() && key == "law":
			p.Items = &jsonschema.Schema{Type: "string", Enum: anyList(Laws)}
			p.UniqueItems = true
		}
		if ft := types[key]; ft != nil && ft.Kind() == reflect.Slice && scalarElem(ft.Elem()) && p.Items != nil {
			// A list of one name, country or key may be written without brackets.
			one, list := *p.Items, *p
			list.Description = ""
			*p = jsonschema.Schema{Description: p.Description, AnyOf: []*jsonschema.Schema{&one, &list}}
		}
	}
}

// stringVocabularies are the fields held as plain strings whose values come
// from a closed vocabulary.
var stringVocabularies = map[string][]string{
	"Policy.kind":               Kinds,
	"Vendor.role":               Roles,
	"Tracker.party":             Parties,
	"Tracker.storage":           Storages,
	"TrackerCategory.exemption": Exemptions,
	"legalBasisEntry.basis":     LegalBases,
}

// Patterns of the value grammars, in the ECMA 262 dialect JSON Schema uses;
// the tests check them against the parsers.
var (
	durationAmount   = `(?:[1-9][0-9]{0,3}|10000) (?:` + strings.Join(DurationUnits, "|") + `)s?`
	durationPattern  = `^(?:session|persistent|(?:session, )?at most ` + durationAmount + `|` + durationAmount + `)$`
	eventPattern     = `(?:` + strings.Join(Events, "|") + `)`
	retentionPattern = `^(?:(?:(?:typically )?` + durationAmount + `(?: from ` + eventPattern + `)?|until ` + eventPattern + `(?: \+ ` + durationAmount + `)?)` +
		`(?:, then ` + durationAmount + ` in archive)?(?:, then anonymised)?(?:, at most ` + durationAmount + `)?|at most ` + durationAmount + `)$`
	countryPattern = `^(?:[A-Z]{2}|EU|EEA)$`
	datePattern    = `^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$`
	urlPattern     = `^(?:[Hh][Tt][Tt][Pp][Ss]?://[^/?#]+|[Mm][Aa][Ii][Ll][Tt][Oo]:.+)`
)

// mapType gives the schema of the types whose YAML form the decoder reads
// itself. Every call returns a fresh value: the reflector writes the field's
// description into it.
func (g *schemaGen) mapType(t reflect.Type) *jsonschema.Schema {
	if t.Kind() == reflect.String {
		return g.valueType(t)
	}
	name := strings.TrimPrefix(t.String(), "model.")
	if _, done := g.values[name]; !done {
		s := g.valueType(t)
		if s == nil {
			return nil
		}
		s.Description = g.comments[name]
		g.values[name] = s
	}
	return &jsonschema.Schema{Ref: "#/$defs/" + name}
}

// valueType is the schema of a value type, or nil for the types reflected
// as they are.
func (g *schemaGen) valueType(t reflect.Type) *jsonschema.Schema {
	str := func(pattern string) *jsonschema.Schema { return &jsonschema.Schema{Type: "string", Pattern: pattern} }
	enum := func(keys []string) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", Enum: anyList(keys)}
	}
	switch t {
	case reflect.TypeFor[string]():
		// The decoder takes any scalar as text: a postcode may be written 75001.
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "string"}, {Type: "number"}}}
	case textType:
		return &jsonschema.Schema{
			Type:                 "object",
			PropertyNames:        enum(RenderLanguages),
			AdditionalProperties: &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "string"}, {Type: "number"}}},
		}
	case sourceType:
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{enum(sourceKeys), g.valueType(textType)}}
	case refType:
		return str(idPattern.String())
	case includeType:
		return str(`\.ya?ml$`)
	case dateType:
		return str(datePattern)
	case urlType:
		return str(urlPattern)
	case countryType:
		return &jsonschema.Schema{Type: "string", Pattern: countryPattern, Not: &jsonschema.Schema{Const: "UK"}}
	case durationType.Elem():
		return str(durationPattern)
	case legalBasisType:
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{enum(LegalBases), g.inline(reflect.TypeFor[legalBasisEntry]())}}
	case dataUseType:
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{str(idPattern.String()), g.inline(reflect.TypeFor[dataUseEntry]())}}
	case localNameType:
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{{Type: "string"}, g.valueType(textType)}}
	case technologyType:
		return enum(Technologies)
	case safeguardType:
		return enum(Safeguards)
	case rightType:
		return enum(RightKeys)
	case tcfPurposeType:
		return &jsonschema.Schema{Type: "integer", Minimum: json.Number("1"), Maximum: json.Number(strconv.Itoa(MaxTCFPurpose))}
	case trackerName:
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{{Type: "string"}, g.inline(reflect.TypeFor[trackerNameEntry]())}}
	case recipientUse:
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{str(idPattern.String()), g.inline(reflect.TypeFor[recipientUseEntry]())}}
	case retentionType.Elem():
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{str(retentionPattern), g.inline(reflect.TypeFor[retentionEntry]())}}
	case authorityType.Elem():
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{enum(slices.Sorted(maps.Keys(Authorities))), g.inline(reflect.TypeFor[authorityEntry]())}}
	case blockType:
		var plain []string
		for _, k := range BlockKinds {
			if k != "trackers" && k != "processing" {
				plain = append(plain, k)
			}
		}
		one := func(key, what string) *jsonschema.Schema {
			props := jsonschema.NewProperties()
			props.Set(key, &jsonschema.Schema{Type: "string", Pattern: idPattern.String(), Description: "the id of the " + what + " to show"})
			return &jsonschema.Schema{Type: "object", Properties: props, Required: []string{key}, AdditionalProperties: jsonschema.FalseSchema}
		}
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{enum(plain), one("trackers", "tracker category"), one("processing", "processing group")}}
	}
	return nil
}

func anyList(keys []string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

func ptr[T any](v T) *T { return &v }

var (
	commentsOnce sync.Once
	comments     map[string]string
)

// typeDoc drops the Go name a type's doc begins with: "Text is a localized
// text" becomes "A localized text".
func typeDoc(name, doc string) string {
	for _, verb := range []string{" is ", " are ", " says "} {
		if rest, ok := strings.CutPrefix(doc, name+verb); ok {
			if verb == " says " {
				rest = "Says " + rest
			}
			return strings.ToUpper(rest[:1]) + rest[1:]
		}
	}
	return doc
}

// sourceComments reads the doc and line comments of the model types from
// the embedded source: "Type" → its doc, "Type.Field" → the field's.
func sourceComments() map[string]string {
	commentsOnce.Do(func() {
		comments = map[string]string{}
		fset := gotoken.NewFileSet()
		for _, name := range []string{"model.go", "values.go"} {
			src, err := modelSource.ReadFile(name)
			if err != nil {
				panic(err)
			}
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
			if err != nil {
				panic(err)
			}
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != gotoken.TYPE {
					continue
				}
				for _, spec := range gd.Specs {
					ts := spec.(*ast.TypeSpec)
					doc := ts.Doc
					if doc == nil && len(gd.Specs) == 1 {
						doc = gd.Doc
					}
					comments[ts.Name.Name] = typeDoc(ts.Name.Name, cleanComment(doc.Text()))
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					for _, f := range st.Fields.List {
						text := f.Doc.Text()
						if text == "" {
							text = f.Comment.Text()
						}
						for _, n := range f.Names {
							comments[ts.Name.Name+"."+n.Name] = cleanComment(text)
						}
					}
				}
			}
		}
	})
	return comments
}

var spaces = regexp.MustCompile(`\s+`)

// cleanComment joins a comment's lines into one.
func cleanComment(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }
