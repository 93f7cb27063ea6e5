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
)

var knownKeys sync.Map // reflect.Type -> map[string]bool

// fieldNames returns the JSON names of t's fields (t is a struct type).
func fieldNames(t reflect.Type) map[string]bool {
	if v, ok := knownKeys.Load(t); ok {
		return v.(map[string]bool)
	}
	names := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		names[name] = true
	}
	knownKeys.Store(t, names)
	return names
}

// UnmarshalExtra decodes data into known (a pointer to a struct without
// custom methods) and returns the object members that known's fields do not
// name, or nil when there are none.
func UnmarshalExtra(data []byte, known any) (map[string]json.RawMessage, error) {
	if err := json.Unmarshal(data, known); err != nil {
		return nil, err
	}
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil, nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	names := fieldNames(reflect.TypeOf(known).Elem())
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
