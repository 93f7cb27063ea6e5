package jsonx

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"unsafe"
)

// encoder is the state of one Marshal call. The output is passed from
// function to function as a slice (b in, b out), never stored in the
// encoder while encoding, so appends do not pay for heap writes.
type encoder struct {
	depth int
}

// encodeState is what Marshal takes from its pool: an encoder and a
// buffer.
type encodeState struct {
	e   encoder
	buf []byte
}

var states = sync.Pool{New: func() any { return &encodeState{buf: make([]byte, 0, 2048)} }}

// Marshal returns the JSON encoding of v, byte for byte what encoding/json
// writes for the same value, except that a struct with an Extra field
// (see the package documentation) is followed by its Extra members.
func Marshal(v any) ([]byte, error) {
	st := states.Get().(*encodeState)
	b, err := st.e.value(st.buf[:0], reflect.ValueOf(v))
	return st.finish(b, err)
}

// finish returns a copy of the output b and puts the state back.
func (st *encodeState) finish(b []byte, err error) ([]byte, error) {
	var out []byte
	if err == nil {
		out = slices.Clone(b)
	}
	if cap(b) <= 64<<10 {
		st.buf = b
		st.e = encoder{}
		states.Put(st)
	}
	return out, err
}

// value appends any value, including an invalid (nil interface) one.
func (e *encoder) value(b []byte, v reflect.Value) ([]byte, error) {
	if !v.IsValid() {
		return append(b, "null"...), nil
	}
	return codecFor(v.Type()).enc(e, b, v)
}

// encoder returns how to write a t from a reflect.Value and, when it has
// one, from the address of an addressable t (nil: through reflect.NewAt).
func (b *builder) encoder(t reflect.Type) (encodeFunc, encodeAtFunc) {
	switch {
	case t == timeType:
		return encodeTime, nil
	case isPlainString(t):
		return encodeString, encodeStringAt
	case t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && declares(t, appenderType, false):
		return encodeAppender, nil
	case isInline(t):
		return b.plainEncoder(t)
	case t.Kind() == reflect.Pointer && (isInline(t.Elem()) || t.Elem() == timeType || declares(t.Elem(), appenderType, false)):
		return b.plainEncoder(t) // the pointer's method set holds T's methods
	case t.Implements(marshalerType):
		return encodeMarshaler, nil
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshalerType):
		plain, _ := b.plainEncoder(t)
		return condAddr(encodeMarshaler, plain), nil
	case t.Implements(textMarshalerType):
		return encodeTextMarshaler, nil
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textMarshalerType):
		plain, _ := b.plainEncoder(t)
		return condAddr(encodeTextMarshaler, plain), nil
	}
	return b.plainEncoder(t)
}

// condAddr uses the pointer-receiver method when v is addressable, as
// encoding/json does.
func condAddr(addr, plain encodeFunc) encodeFunc {
	return func(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
		if v.CanAddr() {
			return addr(e, b, v)
		}
		return plain(e, b, v)
	}
}

// sliceHeader is the layout of every slice value.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

func (b *builder) plainEncoder(t reflect.Type) (encodeFunc, encodeAtFunc) {
	switch t.Kind() {
	case reflect.Struct:
		p := b.structPlan(t)
		return p.encode, p.encodeAt
	case reflect.Pointer:
		elem := b.codec(t.Elem())
		return func(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
				if v.IsNil() {
					return append(b, "null"...), nil
				}
				return e.pointee(b, v.UnsafePointer(), elem)
			}, func(e *encoder, b []byte, p unsafe.Pointer) ([]byte, error) {
				if q := *(*unsafe.Pointer)(p); q != nil {
					return e.pointee(b, q, elem)
				}
				return append(b, "null"...), nil
			}
	case reflect.Interface:
		return func(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			return e.value(b, v.Elem())
		}, nil
	case reflect.String:
		if t == numberType {
			return encodeNumber, nil
		}
		return encodeString, encodeStringAt
	case reflect.Bool:
		return func(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
				return strconv.AppendBool(b, v.Bool()), nil
			}, func(_ *encoder, b []byte, p unsafe.Pointer) ([]byte, error) {
				return strconv.AppendBool(b, *(*bool)(p)), nil
			}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
			return strconv.AppendInt(b, v.Int(), 10), nil
		}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
			return strconv.AppendUint(b, v.Uint(), 10), nil
		}, nil
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(_ *encoder, b []byte, v reflect.Value) ([]byte, error) { return appendFloat(b, v.Float(), bits) }, nil
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !t.Elem().Implements(marshalerType) && !t.Elem().Implements(textMarshalerType) &&
			!reflect.PointerTo(t.Elem()).Implements(marshalerType) && !reflect.PointerTo(t.Elem()).Implements(textMarshalerType) {
			return encodeBytes, nil
		}
		elem, size := b.codec(t.Elem()), t.Elem().Size()
		return func(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
				if v.IsNil() {
					return append(b, "null"...), nil
				}
				return e.elements(b, v.UnsafePointer(), v.Len(), size, elem)
			}, func(e *encoder, b []byte, p unsafe.Pointer) ([]byte, error) {
				s := (*sliceHeader)(p)
				if s.data == nil {
					return append(b, "null"...), nil
				}
				return e.elements(b, s.data, s.len, size, elem)
			}
	case reflect.Array:
		elem, size, n := b.codec(t.Elem()), t.Elem().Size(), t.Len()
		return func(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
				return e.list(b, v, elem) // an array held by value is not addressable
			}, func(e *encoder, b []byte, p unsafe.Pointer) ([]byte, error) {
				return e.elements(b, p, n, size, elem)
			}
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !t.Key().Implements(textMarshalerType) {
			elem := b.codec(t.Elem())
			return func(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
				if v.IsNil() {
					return append(b, "null"...), nil
				}
				return e.stringMap(b, v, elem)
			}, nil
		}
	}
	return encodeFallback, nil
}

// pointee writes the value a non-nil pointer points to, which is
// addressable.
func (e *encoder) pointee(b []byte, p unsafe.Pointer, elem *codec) ([]byte, error) {
	if err := e.enter(); err != nil {
		return b, err
	}
	b, err := elem.encAt(e, b, p)
	e.depth--
	return b, err
}

func encodeString(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
	return appendString(b, v.String()), nil
}

func encodeStringAt(_ *encoder, b []byte, p unsafe.Pointer) ([]byte, error) {
	return appendString(b, *(*string)(p)), nil
}

// encodeFallback hands kinds the engine does not model (maps with other
// keys, and those encoding/json refuses) to encoding/json.
func encodeFallback(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
	out, err := json.Marshal(v.Interface())
	if err != nil {
		return b, err
	}
	return append(b, out...), nil
}

func (e *encoder) enter() error {
	e.depth++
	if e.depth > maxDepth {
		return fmt.Errorf("jsonx: value nested deeper than %d levels (a cycle?)", maxDepth)
	}
	return nil
}

// elements writes the n addressable elements of size bytes from data (a
// slice's, or an addressable array's), as reflect's Index would reach them.
func (e *encoder) elements(b []byte, data unsafe.Pointer, n int, size uintptr, elem *codec) ([]byte, error) {
	if err := e.enter(); err != nil {
		return b, err
	}
	b = append(b, '[')
	var err error
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = elem.encAt(e, b, unsafe.Add(data, uintptr(i)*size)); err != nil {
			return b, err
		}
	}
	e.depth--
	return append(b, ']'), nil
}

// list writes the elements of an array that is not addressable.
func (e *encoder) list(b []byte, v reflect.Value, elem *codec) ([]byte, error) {
	if err := e.enter(); err != nil {
		return b, err
	}
	b = append(b, '[')
	var err error
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = elem.enc(e, b, v.Index(i)); err != nil {
			return b, err
		}
	}
	e.depth--
	return append(b, ']'), nil
}

func (e *encoder) stringMap(b []byte, v reflect.Value, elem *codec) ([]byte, error) {
	if err := e.enter(); err != nil {
		return b, err
	}
	if m, ok := v.Interface().(map[string]any); ok {
		return e.anyMap(b, m) // the common case, without a reflect.Value per entry
	}
	keys := make([]string, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		keys = append(keys, it.Key().String())
	}
	slices.Sort(keys)
	b = append(b, '{')
	kt := v.Type().Key()
	var err error
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		if b, err = elem.enc(e, b, v.MapIndex(reflect.ValueOf(k).Convert(kt))); err != nil {
			return b, err
		}
	}
	e.depth--
	return append(b, '}'), nil
}

func (e *encoder) anyMap(b []byte, m map[string]any) ([]byte, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	var err error
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		if b, err = e.value(b, reflect.ValueOf(m[k])); err != nil {
			return b, err
		}
	}
	e.depth--
	return append(b, '}'), nil
}

// methodValue returns v as an interface for calling its JSON or text
// method: through its address when it has one, which also avoids copying
// the value into an interface.
func methodValue(v reflect.Value) any {
	if v.Kind() != reflect.Pointer && v.CanAddr() {
		return v.Addr().Interface()
	}
	return v.Interface()
}

func encodeMarshaler(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return append(b, "null"...), nil
	}
	out, err := methodValue(v).(json.Marshaler).MarshalJSON()
	if err != nil {
		return b, &json.MarshalerError{Type: v.Type(), Err: err}
	}
	return appendCompact(b, out, v.Type())
}

func encodeAppender(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
	return methodValue(v).(appender).JSONAppend(Inline{}, b), nil
}

func encodeTextMarshaler(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return append(b, "null"...), nil
	}
	text, err := methodValue(v).(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return b, &json.MarshalerError{Type: v.Type(), Err: err}
	}
	return appendString(b, text), nil
}

// appendCompact appends the JSON text src (a MarshalJSON result or a raw
// member) without insignificant spaces and with <, >, & and U+2028/U+2029
// escaped, as encoding/json does; invalid JSON is an error.
func appendCompact(b, src []byte, t reflect.Type) ([]byte, error) {
	if plainJSONString(src) {
		return append(b, src...), nil // the common case: nothing to check or change
	}
	if !valid(src) {
		return b, &json.MarshalerError{Type: t, Err: fmt.Errorf("invalid JSON %.40q", src)}
	}
	inString := false
	start := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			b = append(b, src[start:i]...)
			start = i + 1
		case c == '<' || c == '>' || c == '&':
			b = append(b, src[start:i]...)
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			start = i + 1
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && src[i+2]&^1 == 0xA8:
			b = append(b, src[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[src[i+2]&0xF])
			start = i + 3
			i += 2
		}
	}
	return append(b, src[start:]...), nil
}

// encode writes the struct v: its members as encoding/json would, then the
// members of Extra that no field names, sorted.
func (p *structPlan) encode(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
	base := addressOf(v)
	return p.encodeWith(e, b, v, base, p.extraOf(v, base))
}

// encodeAt writes the struct at ptr.
func (p *structPlan) encodeAt(e *encoder, b []byte, ptr unsafe.Pointer) ([]byte, error) {
	v := reflect.NewAt(p.typ, ptr).Elem()
	return p.encodeWith(e, b, v, ptr, p.extraOf(v, ptr))
}

// addressOf returns v's address, or nil when v is not addressable.
func addressOf(v reflect.Value) unsafe.Pointer {
	if v.CanAddr() {
		return v.Addr().UnsafePointer()
	}
	return nil
}

// extraOf returns the struct v's Extra map (base is v's address or nil), or
// the zero Value when it has none or it is nil (most values: a nil map is
// told from its address without reflect).
func (p *structPlan) extraOf(v reflect.Value, base unsafe.Pointer) reflect.Value {
	if p.extra < 0 || base != nil && *(*unsafe.Pointer)(unsafe.Add(base, p.extraOffset)) == nil {
		return reflect.Value{}
	}
	return v.Field(p.extra)
}

// encodeWith writes v's members with extra (a map with string keys, or the
// zero Value) as its Extra: an Extra member named like a field takes that
// field's place when the field holds its zero value, and is dropped
// otherwise; the others follow the fields, sorted by name. A tagged type's
// tag is one more Extra member that replaces any of the same name.
func (p *structPlan) encodeWith(e *encoder, b []byte, v reflect.Value, base unsafe.Pointer, extra reflect.Value) ([]byte, error) {
	if err := e.enter(); err != nil {
		return b, err
	}
	var tag, tagValue string
	tagPos := -1 // the field the tag names, if any
	if p.tagged {
		tag, tagValue = methodValue(v).(tagger).JSONTag(Inline{})
		if f := p.byName[tag]; f != nil {
			tagPos = f.pos
		}
	}
	hasExtra := extra.IsValid() && extra.Len() > 0
	inPlace := base != nil && !hasExtra // members may be read from base
	b = append(b, '{')
	first := true
	var err error
	for i := range p.enc {
		ef := &p.enc[i]
		if inPlace && ef.inPlace && i != tagPos {
			// The common member of an addressable struct (a request passed
			// by pointer, anything under a pointer or in a slice): read in
			// place, as reflect would, without building a Value.
			fp := unsafe.Add(base, ef.offset)
			if ef.plainStr {
				// Most members: written here, without a call through the
				// codec.
				s := *(*string)(fp)
				if ef.omitEmpty && s == "" {
					continue
				}
				b = appendString(append(nextMember(b, &first), ef.key...), s)
				continue
			}
			if ef.omitEmpty && ef.emptyAt(fp) {
				continue
			}
			b = append(nextMember(b, &first), ef.key...)
			if b, err = ef.codec.encAt(e, b, fp); err != nil {
				return b, err
			}
			continue
		}
		f := ef.f
		if ef.plainStr && !hasExtra && i != tagPos {
			// A string member of a struct held by value: without the
			// generic checks and call.
			fv, ok := fieldToEncode(v, f.index)
			if !ok || f.omitEmpty && fv.Len() == 0 {
				continue
			}
			b = appendString(append(nextMember(b, &first), ef.key...), fv.String())
			continue
		}
		fv, ok := fieldToEncode(v, f.index)
		if !ok {
			continue
		}
		if i == tagPos && fv.IsZero() {
			b = appendString(append(nextMember(b, &first), ef.key...), tagValue)
			continue
		}
		if hasExtra && fv.IsZero() {
			if xv := extra.MapIndex(reflect.ValueOf(f.name).Convert(extra.Type().Key())); xv.IsValid() {
				b = append(nextMember(b, &first), ef.key...)
				if b, err = e.extraValue(b, xv); err != nil {
					return b, err
				}
				continue
			}
		}
		if f.omitEmpty && isEmptyValue(fv) || f.isZero != nil && f.isZero(fv) {
			continue
		}
		b = append(nextMember(b, &first), ef.key...)
		if f.quoted {
			b, err = e.quoted(b, fv, f.codec)
		} else {
			b, err = f.codec.enc(e, b, fv)
		}
		if err != nil {
			return b, err
		}
	}
	tagAfter := p.tagged && tagPos < 0
	if hasExtra {
		keys := make([]string, 0, extra.Len()+1)
		for it := extra.MapRange(); it.Next(); {
			if k := it.Key().String(); p.byName[k] == nil && !(p.tagged && k == tag) {
				keys = append(keys, k)
			}
		}
		if tagAfter {
			keys = append(keys, tag)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b = append(appendString(nextMember(b, &first), k), ':')
			if tagAfter && k == tag {
				b = appendString(b, tagValue)
				continue
			}
			if b, err = e.extraValue(b, extra.MapIndex(reflect.ValueOf(k).Convert(extra.Type().Key()))); err != nil {
				return b, err
			}
		}
	} else if tagAfter {
		b = appendString(append(appendString(nextMember(b, &first), tag), ':'), tagValue)
	}
	e.depth--
	return append(b, '}'), nil
}

// emptyAt is isEmptyValue of the field at p.
func (f *encField) emptyAt(p unsafe.Pointer) bool {
	switch reflect.Kind(f.kind) {
	case reflect.String:
		return *(*string)(p) == ""
	case reflect.Slice:
		return (*sliceHeader)(p).len == 0
	case reflect.Bool:
		return !*(*bool)(p)
	case reflect.Pointer:
		return *(*unsafe.Pointer)(p) == nil
	}
	return isEmptyValue(reflect.NewAt(f.f.typ, p).Elem())
}

// nextMember appends the ',' that goes before every member but the first.
func nextMember(b []byte, first *bool) []byte {
	if *first {
		*first = false
		return b
	}
	return append(b, ',')
}

// extraValue writes one Extra member: raw JSON compacted, any other value
// encoded.
func (e *encoder) extraValue(b []byte, v reflect.Value) ([]byte, error) {
	if v.Type() == rawType {
		raw := v.Bytes()
		if len(raw) == 0 {
			return append(b, "null"...), nil
		}
		return appendCompact(b, raw, rawType)
	}
	return e.value(b, v)
}

// quoted writes a ",string" field as encoding/json does: a bool's,
// number's or string's JSON inside a JSON string, through an unnamed
// pointer (nil: null); a value with a MarshalJSON or MarshalText of its own
// is written by it, unquoted.
func (e *encoder) quoted(b []byte, v reflect.Value, c *codec) ([]byte, error) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		v = v.Elem()
		c = codecFor(v.Type())
	}
	if writesItself(v) {
		return c.enc(e, b, v)
	}
	start := len(b)
	b, err := c.enc(e, b, v)
	if err != nil {
		return b, err
	}
	if v.Kind() == reflect.String {
		inner := string(b[start:])
		return appendString(b[:start], inner), nil
	}
	b = append(b, '"')
	copy(b[start+1:], b[start:len(b)-1])
	b[start] = '"'
	return append(b, '"'), nil
}

// writesItself reports whether encoding/json writes v through its own
// MarshalJSON or MarshalText (the pointer's, when v is addressable).
func writesItself(v reflect.Value) bool {
	t := v.Type()
	for _, m := range []reflect.Type{marshalerType, textMarshalerType} {
		if t.Implements(m) || v.CanAddr() && reflect.PointerTo(t).Implements(m) {
			return true
		}
	}
	return false
}

// fieldToEncode walks to a (possibly promoted) field; ok is false when an
// embedded pointer on the way is nil.
func fieldToEncode(v reflect.Value, index []int) (reflect.Value, bool) {
	if len(index) == 1 {
		return v.Field(index[0]), true
	}
	for k, i := range index {
		if k > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v, true
}

// isEmptyValue is encoding/json's omitempty test.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// zeroTest returns encoding/json's omitzero test for a field of type t,
// decided once per type: t's IsZero method when it has one (a nil pointer
// or interface is zero; a pointer receiver is called on an addressable
// copy), reflect's zero otherwise.
func zeroTest(t reflect.Type) func(reflect.Value) bool {
	type isZeroer interface{ IsZero() bool }
	zeroer := reflect.TypeFor[isZeroer]()
	switch {
	case t.Kind() == reflect.Interface && t.Implements(zeroer):
		return func(v reflect.Value) bool {
			return v.IsNil() || v.Elem().Kind() == reflect.Pointer && v.Elem().IsNil() || v.Interface().(isZeroer).IsZero()
		}
	case t.Kind() == reflect.Pointer && t.Implements(zeroer):
		return func(v reflect.Value) bool { return v.IsNil() || v.Interface().(isZeroer).IsZero() }
	case t.Implements(zeroer):
		return func(v reflect.Value) bool {
			return methodValue(v).(isZeroer).IsZero() // through its address when it has one: no copy
		}
	case reflect.PointerTo(t).Implements(zeroer):
		return func(v reflect.Value) bool {
			if !v.CanAddr() {
				c := reflect.New(t).Elem()
				c.Set(v)
				v = c
			}
			return v.Addr().Interface().(isZeroer).IsZero()
		}
	}
	return reflect.Value.IsZero
}
