package jsonx

import (
	"fmt"
	"reflect"
)

// MarshalExtra encodes known (a struct, usually a method-less alias of the
// caller's type) with extra as its Extra members, following Marshal's rules:
// an extra member named like a field takes that field's place only when the
// field holds its zero value, and the others follow the fields, sorted.
// known's own Extra field, if any, is ignored in favour of extra.
func MarshalExtra[V any](known any, extra map[string]V) ([]byte, error) {
	v := reflect.ValueOf(known)
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, fmt.Errorf("jsonx: MarshalExtra of %T, want a struct", known)
	}
	p := planFor(v.Type())
	st := states.Get().(*encodeState)
	b, err := p.encodeWith(&st.e, st.buf[:0], v, addressOf(v), reflect.ValueOf(extra))
	return st.finish(b, err)
}
