// Package jsonx holds the JSON helpers shared by the SDK's types: keeping
// fields the SDK does not model, so decoding then encoding loses nothing.
package jsonx

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

var knownKeys sync.Map // reflect.Type -> map[string]bool

// fieldNames returns the JSON names of t's fields (t is a struct type),
// including those promoted from embedded structs, as encoding/json sees
// them.
func fieldNames(t reflect.Type) map[string]bool {
	if v, ok := knownKeys.Load(t); ok {
		return v.(map[string]bool)
	}
	names := map[string]bool{}
	addFieldNames(t, names)
	knownKeys.Store(t, names)
	return names
}

func addFieldNames(t reflect.Type, names map[string]bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFieldNames(ft, names) // promoted, even from an unexported type
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names[name] = true
	}
}

// UnmarshalExtra decodes data into known (a pointer to a struct without
// custom methods) and returns the object members that known's fields do not
// name, or nil when there are none.
func UnmarshalExtra(data []byte, known any) (map[string]json.RawMessage, error) {
	if err := json.Unmarshal(data, known); err != nil {
		return nil, err
	}
	names := fieldNames(reflect.TypeOf(known).Elem())
	var extra map[string]json.RawMessage
	ok := scanMembers(data, func(key, value []byte) {
		if names[string(key)] {
			return
		}
		if extra == nil {
			extra = map[string]json.RawMessage{}
		}
		extra[string(key)] = append(json.RawMessage(nil), value...)
	})
	if ok {
		return extra, nil
	}
	// A key with escapes: let encoding/json unquote every key.
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	for k := range all {
		if names[k] {
			delete(all, k)
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	return all, nil
}

// scanMembers calls fn with each top-level member of the JSON object in
// data, which encoding/json has already accepted as valid. It reports false,
// having possibly called fn for some members, when a key holds an escape
// sequence or invalid UTF-8 (the caller then falls back to full decoding,
// which unquotes and repairs keys); null or a
// non-object reports true with no calls.
func scanMembers(data []byte, fn func(key, value []byte)) bool {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return true
	}
	i++
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] == '}' {
			return true
		}
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
		end := stringEnd(data, i)
		key := data[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 || !utf8.Valid(key) {
			return false
		}
		i = skipSpace(data, end)
		i = skipSpace(data, i+1) // the colon
		vend := valueEnd(data, i)
		fn(key, data[i:vend])
		i = vend
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the string starting at b[i] ('"').
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// valueEnd returns the index just past the JSON value starting at b[i].
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = stringEnd(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	default: // number, true, false, null
		j := i
		for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
			j++
		}
		return j
	}
}

// MarshalExtra encodes known (a struct without custom methods) and adds the
// members of extra whose names known does not already write. Members of
// extra never replace a modelled field.
func MarshalExtra[V any](known any, extra map[string]V) ([]byte, error) {
	b, err := json.Marshal(known)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var present map[string]json.RawMessage
	if err := json.Unmarshal(b, &present); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Write(b[:len(b)-1]) // drop the closing brace
	first := len(present) == 0
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, ok := present[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
