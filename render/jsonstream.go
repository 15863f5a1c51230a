package render

import (
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// jsonStreamDepth is how deep writeJSON writes objects and arrays itself:
// the document, its lists, their items, and the tracker and activity lists
// inside them. What lies deeper, such as one tracker row, is encoded whole.
const jsonStreamDepth = 4

// writeJSON writes v to w as a json.Encoder would, byte for byte, without
// holding the whole text: the encoder builds all of it in memory before
// writing, which for a 100,000-row policy was 70 MB per language, more than
// the policy itself keeps live, and most of the collector's work.
func writeJSON(w io.Writer, v any) error {
	s := &jsonStream{w: w}
	s.enc = json.NewEncoder(&s.buf)
	if err := s.value(reflect.ValueOf(v), 0); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type jsonStream struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

func (s *jsonStream) value(v reflect.Value, depth int) error {
	if depth < jsonStreamDepth {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() && v.Elem().Kind() == reflect.Struct && streamableStruct(v.Type().Elem()) {
				return s.object(v.Elem(), depth)
			}
		case reflect.Struct:
			if streamableStruct(v.Type()) {
				return s.object(v, depth)
			}
		case reflect.Slice:
			if !v.IsNil() && v.Type().Elem().Kind() != reflect.Uint8 && !marshals(v.Type()) {
				return s.array(v, depth)
			}
		}
	}
	return s.encode(v)
}

// encode writes v through the encoder, without the newline it ends with.
func (s *jsonStream) encode(v reflect.Value) error {
	s.buf.Reset()
	x := v.Interface()
	if v.Kind() != reflect.Pointer && v.CanAddr() {
		// As addressable as in the whole document, for methods on
		// pointers.
		x = v.Addr().Interface()
	}
	if err := s.enc.Encode(x); err != nil {
		return err
	}
	_, err := s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
	return err
}

func (s *jsonStream) array(v reflect.Value, depth int) error {
	if _, err := io.WriteString(s.w, "["); err != nil {
		return err
	}
	for i := range v.Len() {
		if i > 0 {
			if _, err := io.WriteString(s.w, ","); err != nil {
				return err
			}
		}
		if err := s.value(v.Index(i), depth+1); err != nil {
			return err
		}
	}
	_, err := io.WriteString(s.w, "]")
	return err
}

func (s *jsonStream) object(v reflect.Value, depth int) error {
	if _, err := io.WriteString(s.w, "{"); err != nil {
		return err
	}
	t := v.Type()
	first := true
	for i := range t.NumField() {
		name, omitEmpty, ok := jsonField(t.Field(i))
		if !ok {
			continue
		}
		f := v.Field(i)
		if omitEmpty && emptyJSONValue(f) {
			continue
		}
		sep := `,"`
		if first {
			sep = `"`
		}
		first = false
		if _, err := io.WriteString(s.w, sep+name+`":`); err != nil {
			return err
		}
		if err := s.value(f, depth+1); err != nil {
			return err
		}
	}
	_, err := io.WriteString(s.w, "}")
	return err
}

// jsonField returns the name a struct field has in JSON and whether it has
// omitempty, or false when encoding/json leaves it out.
func jsonField(f reflect.StructField) (name string, omitEmpty, ok bool) {
	if !f.IsExported() {
		return "", false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, opts == "omitempty", true
}

// streamableStruct reports whether writeJSON can write a struct of type t
// field by field exactly as encoding/json does: it has no method of its own
// that encodes it, no embedded fields, which encoding/json merges, no tag
// options but omitempty, and names that need no escaping.
func streamableStruct(t reflect.Type) bool {
	if marshals(t) {
		return false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return false
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if opts != "" && opts != "omitempty" {
			return false
		}
		for _, c := range name {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
				return false
			}
		}
	}
	return true
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// marshals reports whether t or *t encodes itself.
func marshals(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return t.Implements(jsonMarshaler) || t.Implements(textMarshaler) || pt.Implements(jsonMarshaler) || pt.Implements(textMarshaler)
}

// emptyJSONValue is encoding/json's test for omitempty.
func emptyJSONValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
