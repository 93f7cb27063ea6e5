package jsonx

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// encoder is the state of one Marshal call.
type encoder struct {
	buf   []byte
	depth int
}

var encoders = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 1024)} }}

// Marshal returns the JSON encoding of v, byte for byte what encoding/json
// writes for the same value, except that a struct with an Extra field
// (see the package documentation) is followed by its Extra members.
func Marshal(v any) ([]byte, error) {
	e := encoders.Get().(*encoder)
	e.buf = e.buf[:0]
	err := e.value(reflect.ValueOf(v))
	var out []byte
	if err == nil {
		out = slices.Clone(e.buf)
	}
	if cap(e.buf) <= 64<<10 {
		encoders.Put(e)
	}
	return out, err
}

// value appends any value, including an invalid (nil interface) one.
func (e *encoder) value(v reflect.Value) error {
	if !v.IsValid() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	return codecFor(v.Type()).enc(e, v)
}

func (b *builder) encoder(t reflect.Type) encodeFunc {
	switch {
	case t == timeType:
		return encodeTime
	case isInline(t):
		return b.structPlan(t).encode
	case t.Kind() == reflect.Pointer && isInline(t.Elem()):
		return b.plainEncoder(t) // the pointer's method set holds T's methods
	case t.Implements(marshalerType):
		return encodeMarshaler
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshalerType):
		return condAddr(encodeAddrMarshaler, b.plainEncoder(t))
	case t.Implements(textMarshalerType):
		return encodeTextMarshaler
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textMarshalerType):
		return condAddr(encodeAddrTextMarshaler, b.plainEncoder(t))
	}
	return b.plainEncoder(t)
}

// condAddr uses the pointer-receiver method when v is addressable, as
// encoding/json does.
func condAddr(addr, plain encodeFunc) encodeFunc {
	return func(e *encoder, v reflect.Value) error {
		if v.CanAddr() {
			return addr(e, v)
		}
		return plain(e, v)
	}
}

func (b *builder) plainEncoder(t reflect.Type) encodeFunc {
	switch t.Kind() {
	case reflect.Struct:
		return b.structPlan(t).encode
	case reflect.Pointer:
		elem := b.codec(t.Elem())
		return func(e *encoder, v reflect.Value) error {
			if v.IsNil() {
				e.buf = append(e.buf, "null"...)
				return nil
			}
			if err := e.enter(); err != nil {
				return err
			}
			err := elem.enc(e, v.Elem())
			e.depth--
			return err
		}
	case reflect.Interface:
		return func(e *encoder, v reflect.Value) error {
			if v.IsNil() {
				e.buf = append(e.buf, "null"...)
				return nil
			}
			return e.value(v.Elem())
		}
	case reflect.String:
		if t == numberType {
			return encodeNumber
		}
		return func(e *encoder, v reflect.Value) error {
			e.buf = appendString(e.buf, v.String())
			return nil
		}
	case reflect.Bool:
		return func(e *encoder, v reflect.Value) error {
			e.buf = strconv.AppendBool(e.buf, v.Bool())
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(e *encoder, v reflect.Value) error {
			e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(e *encoder, v reflect.Value) error {
			e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
			return nil
		}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(e *encoder, v reflect.Value) error { return e.float(v.Float(), bits) }
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !t.Elem().Implements(marshalerType) && !t.Elem().Implements(textMarshalerType) &&
			!reflect.PointerTo(t.Elem()).Implements(marshalerType) && !reflect.PointerTo(t.Elem()).Implements(textMarshalerType) {
			return encodeBytes
		}
		elem := b.codec(t.Elem())
		return func(e *encoder, v reflect.Value) error {
			if v.IsNil() {
				e.buf = append(e.buf, "null"...)
				return nil
			}
			return e.list(v, elem)
		}
	case reflect.Array:
		elem := b.codec(t.Elem())
		return func(e *encoder, v reflect.Value) error { return e.list(v, elem) }
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !t.Key().Implements(textMarshalerType) {
			elem := b.codec(t.Elem())
			return func(e *encoder, v reflect.Value) error {
				if v.IsNil() {
					e.buf = append(e.buf, "null"...)
					return nil
				}
				return e.stringMap(v, elem)
			}
		}
	}
	return encodeFallback
}

// encodeFallback hands kinds the engine does not model (maps with other
// keys, and those encoding/json refuses) to encoding/json.
func encodeFallback(e *encoder, v reflect.Value) error {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	e.buf = append(e.buf, b...)
	return nil
}

func (e *encoder) enter() error {
	e.depth++
	if e.depth > maxDepth {
		return fmt.Errorf("jsonx: value nested deeper than %d levels (a cycle?)", maxDepth)
	}
	return nil
}

func (e *encoder) list(v reflect.Value, elem *codec) error {
	if err := e.enter(); err != nil {
		return err
	}
	e.buf = append(e.buf, '[')
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := elem.enc(e, v.Index(i)); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, ']')
	e.depth--
	return nil
}

func (e *encoder) stringMap(v reflect.Value, elem *codec) error {
	if err := e.enter(); err != nil {
		return err
	}
	keys := make([]string, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		keys = append(keys, it.Key().String())
	}
	slices.Sort(keys)
	e.buf = append(e.buf, '{')
	kt := v.Type().Key()
	for i, k := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendString(e.buf, k)
		e.buf = append(e.buf, ':')
		if err := elem.enc(e, v.MapIndex(reflect.ValueOf(k).Convert(kt))); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	e.depth--
	return nil
}

func (e *encoder) float(f float64, bits int) error {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, bits)}
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(e.buf, f, format, -1, bits)
	if format == 'e' {
		// e-09 is written e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.buf = b
	return nil
}

func encodeNumber(e *encoder, v reflect.Value) error {
	s := v.String()
	if s == "" {
		s = "0"
	}
	if !validNumber([]byte(s)) {
		return fmt.Errorf("json: invalid number literal %q", s)
	}
	e.buf = append(e.buf, s...)
	return nil
}

func encodeBytes(e *encoder, v reflect.Value) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	e.buf = append(e.buf, '"')
	e.buf = base64.StdEncoding.AppendEncode(e.buf, v.Bytes())
	e.buf = append(e.buf, '"')
	return nil
}

// encodeTime writes what time.Time's MarshalJSON writes (RFC 3339 with
// nanoseconds), without the intermediate buffer.
func encodeTime(e *encoder, v reflect.Value) error {
	var t time.Time
	if v.CanAddr() {
		t = *v.Addr().Interface().(*time.Time)
	} else {
		t = v.Interface().(time.Time)
	}
	if y := t.Year(); y < 0 || y > 9999 {
		return encodeMarshaler(e, v) // its error
	}
	e.buf = append(e.buf, '"')
	e.buf = t.AppendFormat(e.buf, time.RFC3339Nano)
	e.buf = append(e.buf, '"')
	return nil
}

func encodeMarshaler(e *encoder, v reflect.Value) error {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	var m json.Marshaler
	if v.Kind() != reflect.Pointer && v.CanAddr() {
		m = v.Addr().Interface().(json.Marshaler) // no copy of the value into an interface
	} else {
		m = v.Interface().(json.Marshaler)
	}
	b, err := m.MarshalJSON()
	if err != nil {
		return &json.MarshalerError{Type: v.Type(), Err: err}
	}
	return e.compact(b, v.Type())
}

func encodeAddrMarshaler(e *encoder, v reflect.Value) error {
	b, err := v.Addr().Interface().(json.Marshaler).MarshalJSON()
	if err != nil {
		return &json.MarshalerError{Type: v.Type(), Err: err}
	}
	return e.compact(b, v.Type())
}

func encodeTextMarshaler(e *encoder, v reflect.Value) error {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return &json.MarshalerError{Type: v.Type(), Err: err}
	}
	e.buf = appendString(e.buf, b)
	return nil
}

func encodeAddrTextMarshaler(e *encoder, v reflect.Value) error {
	b, err := v.Addr().Interface().(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return &json.MarshalerError{Type: v.Type(), Err: err}
	}
	e.buf = appendString(e.buf, b)
	return nil
}

// compact appends the JSON text b (a MarshalJSON result or a raw member)
// without insignificant spaces and with <, >, & and U+2028/U+2029 escaped,
// as encoding/json does; invalid JSON is an error.
func (e *encoder) compact(b []byte, t reflect.Type) error {
	if !valid(b) {
		return &json.MarshalerError{Type: t, Err: fmt.Errorf("invalid JSON %.40q", b)}
	}
	inString := false
	start := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			e.buf = append(e.buf, b[start:i]...)
			start = i + 1
		case c == '<' || c == '>' || c == '&':
			e.buf = append(e.buf, b[start:i]...)
			e.buf = append(e.buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			start = i + 1
		case c == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && b[i+2]&^1 == 0xA8:
			e.buf = append(e.buf, b[start:i]...)
			e.buf = append(e.buf, '\\', 'u', '2', '0', '2', hex[b[i+2]&0xF])
			start = i + 3
			i += 2
		}
	}
	e.buf = append(e.buf, b[start:]...)
	return nil
}

// encode writes the struct v: its members as encoding/json would, then the
// members of Extra that no field names, sorted.
func (p *structPlan) encode(e *encoder, v reflect.Value) error {
	var extra reflect.Value
	if p.extra >= 0 {
		extra = v.Field(p.extra)
	}
	return p.encodeWith(e, v, extra)
}

// encodeWith writes v's members with extra (a map with string keys, or the
// zero Value) as its Extra: an Extra member named like a field takes that
// field's place when the field holds its zero value, and is dropped
// otherwise; the others follow the fields, sorted by name.
func (p *structPlan) encodeWith(e *encoder, v, extra reflect.Value) error {
	if err := e.enter(); err != nil {
		return err
	}
	hasExtra := extra.IsValid() && extra.Len() > 0
	e.buf = append(e.buf, '{')
	first := true
	for i := range p.fields {
		f := &p.fields[i]
		fv, ok := fieldToEncode(v, f.index)
		if !ok {
			continue
		}
		if hasExtra && fv.IsZero() {
			if xv := extra.MapIndex(reflect.ValueOf(f.name)); xv.IsValid() {
				if !first {
					e.buf = append(e.buf, ',')
				}
				first = false
				e.buf = append(e.buf, f.key...)
				if err := e.extraValue(xv); err != nil {
					return err
				}
				continue
			}
		}
		if f.omitEmpty && isEmptyValue(fv) || f.omitZero && isZeroValue(fv) {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(e.buf, f.key...)
		var err error
		if f.quoted {
			err = e.quoted(fv, f.codec)
		} else {
			err = f.codec.enc(e, fv)
		}
		if err != nil {
			return err
		}
	}
	if hasExtra {
		keys := make([]string, 0, extra.Len())
		for it := extra.MapRange(); it.Next(); {
			if k := it.Key().String(); p.byName[k] == nil {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.buf = appendString(e.buf, k)
			e.buf = append(e.buf, ':')
			if err := e.extraValue(extra.MapIndex(reflect.ValueOf(k).Convert(extra.Type().Key()))); err != nil {
				return err
			}
		}
	}
	e.buf = append(e.buf, '}')
	e.depth--
	return nil
}

// extraValue writes one Extra member: raw JSON compacted, any other value
// encoded.
func (e *encoder) extraValue(v reflect.Value) error {
	if v.Type() == rawType {
		b := v.Bytes()
		if len(b) == 0 {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.compact(b, rawType)
	}
	return e.value(v)
}

// quoted writes a ",string" field: the value's JSON inside a JSON string.
func (e *encoder) quoted(v reflect.Value, c *codec) error {
	start := len(e.buf)
	if err := c.enc(e, v); err != nil {
		return err
	}
	if v.Kind() == reflect.String {
		inner := string(e.buf[start:])
		e.buf = appendString(e.buf[:start], inner)
		return nil
	}
	e.buf = append(e.buf, '"')
	copy(e.buf[start+1:], e.buf[start:len(e.buf)-1])
	e.buf[start] = '"'
	e.buf = append(e.buf, '"')
	return nil
}

// fieldToEncode walks to a (possibly promoted) field; ok is false when an
// embedded pointer on the way is nil.
func fieldToEncode(v reflect.Value, index []int) (reflect.Value, bool) {
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

// isZeroValue is encoding/json's omitzero test: an IsZero method when the
// type has one, reflect's zero otherwise.
func isZeroValue(v reflect.Value) bool {
	type isZeroer interface{ IsZero() bool }
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return true
	}
	if z, ok := v.Interface().(isZeroer); ok {
		return z.IsZero()
	}
	if v.CanAddr() {
		if z, ok := v.Addr().Interface().(isZeroer); ok {
			return z.IsZero()
		}
	}
	return v.IsZero()
}

const hex = "0123456789abcdef"

// appendString writes s as a JSON string exactly as encoding/json does
// (HTML-sensitive characters, U+2028 and U+2029 escaped; invalid UTF-8
// replaced by U+FFFD).
func appendString[S []byte | string](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		n := min(len(s)-i, utf8.UTFMax)
		r, size := utf8.DecodeRuneInString(string(s[i : i+n]))
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
