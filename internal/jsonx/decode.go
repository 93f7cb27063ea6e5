package jsonx

import (
	"encoding/json"
	"reflect"
)

// decoder is the state of one Unmarshal call.
type decoder struct {
	scanner
}

// Unmarshal decodes the JSON value in data into v, a non-nil pointer, in one
// pass. It returns an error only when data is not one valid JSON value (a
// *json.SyntaxError as encoding/json reports it, or a *SyntaxError); values
// that are valid JSON but do not fit their Go field follow the package's
// drift rules and never fail the call. On a syntax error v may have been
// partly filled.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &json.InvalidUnmarshalError{Type: reflect.TypeOf(v)}
	}
	d := decoder{scanner{data: data}}
	err := codecFor(rv.Type().Elem()).dec(&d, rv.Elem())
	drift := err == errDrift
	if drift {
		err = nil
	}
	if err = d.end(err); err == nil && drift {
		rv.Elem().SetZero() // nothing to keep it in: the value reads as unset
	}
	return err
}

// end finishes reading one top-level value that ended with err: only space
// may follow it, and a syntax error becomes the *json.SyntaxError callers
// see.
func (s *scanner) end(err error) error {
	if err == nil {
		s.skipSpace()
		if s.off < len(s.data) {
			err = s.fail("invalid character after top-level value")
		}
	}
	if se, ok := err.(*syntaxErr); ok {
		return syntaxError(s.data, se)
	}
	return err
}

// drift consumes the value at d.off and reports it as not readable.
func (d *decoder) drift() error {
	if err := d.skipValue(); err != nil {
		return err
	}
	return errDrift
}

// opens reads the start of an object or list (open is '{' or '['). When
// one starts, it consumes the opening byte, enters a level and reports
// true. Otherwise it consumes the value and reports false with what the
// decoder returns: nil for null (v zeroed when zeroNull: null leaves structs
// and arrays as they are, as in encoding/json) and, when emptyUnset, for ""
// (unset); errDrift for anything else.
func (d *decoder) opens(open byte, v reflect.Value, zeroNull, emptyUnset bool) (bool, error) {
	switch c := d.peek(); {
	case c == open:
		if err := d.enter(); err != nil {
			return false, err
		}
		d.off++
		return true, nil
	case c == 'n':
		if err := d.readLiteral("null"); err != nil {
			return false, err
		}
		if zeroNull {
			v.SetZero()
		}
		return false, nil
	case c == '"' && emptyUnset && d.emptyString():
		return false, nil
	}
	return false, d.drift()
}

// emptyString consumes "" when it is next and reports whether it did.
func (d *decoder) emptyString() bool {
	if d.off+1 < len(d.data) && d.data[d.off] == '"' && d.data[d.off+1] == '"' {
		d.off += 2
		return true
	}
	return false
}

func (b *builder) decoder(t reflect.Type) decodeFunc {
	switch {
	case t == timeType:
		return decodeTime
	case hasDecodedHook(t):
		return b.hookDecoder(t)
	case isInline(t):
		return b.kindDecoder(t)
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(unmarshalerType):
		return decodeUnmarshaler
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textUnmarshalerType):
		return decodeText
	}
	return b.kindDecoder(t)
}

// kindDecoder decodes t by its kind, whatever methods it has.
func (b *builder) kindDecoder(t reflect.Type) decodeFunc {
	switch t.Kind() {
	case reflect.Struct:
		return b.structPlan(t).decode
	case reflect.Pointer:
		return b.pointerDecoder(t)
	case reflect.String:
		if t == numberType {
			return decodeNumber
		}
		return decodeString
	case reflect.Bool:
		return decodeBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return decodeInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return decodeUint
	case reflect.Float32, reflect.Float64:
		return decodeFloat
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return decodeInterface
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(unmarshalerType) && !reflect.PointerTo(t.Elem()).Implements(textUnmarshalerType) {
			return decodeBytes
		}
		return b.sliceDecoder(t)
	case reflect.Array:
		return b.arrayDecoder(t)
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !reflect.PointerTo(t.Key()).Implements(textUnmarshalerType) {
			return b.mapDecoder(t)
		}
	}
	return decodeFallback
}

// decodeFallback hands a value of a kind the engine does not model (maps
// with non-string keys, non-empty interfaces, channels...) to
// encoding/json; its refusal is drift.
func decodeFallback(d *decoder, v reflect.Value) error {
	d.skipSpace()
	start := d.off
	if err := d.skipValue(); err != nil {
		return err
	}
	if !v.CanAddr() || json.Unmarshal(d.data[start:d.off], v.Addr().Interface()) != nil {
		return errDrift
	}
	return nil
}

// structPlan returns the (shared) member table of t.
func (b *builder) structPlan(t reflect.Type) *structPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*structPlan)
	}
	if p, ok := b.plans[t]; ok {
		return p
	}
	p := &structPlan{}
	b.plans[t] = p
	*p = *b.plan(t)
	return p
}

// decode reads an object into the struct v. A struct with an Extra field
// is reset first (it holds exactly one document) and keeps the members no
// field names, and the raw text of members that drifted, in Extra.
func (p *structPlan) decode(d *decoder, v reflect.Value) error {
	if ok, err := d.opens('{', v, false, true); !ok {
		return err
	}
	if p.extra >= 0 {
		v.SetZero()
	}
	x := extraSink{p: p, v: v}
	if d.peek() == '}' {
		d.off++
		d.leave()
		return nil
	}
	next := 0 // members usually come in field order: try the next field first
	for {
		if d.peek() != '"' {
			return d.unexpected()
		}
		key, err := d.readString()
		if err != nil {
			return err
		}
		var f *field
		if next < len(p.fields) && p.fields[next].name == string(key) {
			f = &p.fields[next]
		} else {
			f = p.byName[string(key)]
		}
		if f != nil {
			next = f.pos + 1
		}
		name := ""
		if f != nil {
			name = f.name
		} else {
			var buf [64]byte
			f = p.byFold[string(appendFolded(buf[:0], string(key)))]
			if p.extra >= 0 {
				name = string(key) // before the value is read: key may be in the scratch buffer
			}
		}
		if err := d.colon(); err != nil {
			return err
		}
		d.skipSpace()
		start := d.off
		if f == nil {
			if err := d.skipValue(); err != nil {
				return err
			}
			if err := x.keep(name, d.data[start:d.off]); err != nil {
				return err
			}
		} else {
			fv, ok := fieldByIndex(v, f.index)
			if ok {
				err = f.decodeInto(d, fv)
			} else {
				err = d.drift()
			}
			if err == errDrift {
				if ok {
					fv.SetZero()
				}
				err = x.keep(name, d.data[start:d.off])
			}
			if err != nil {
				return err
			}
		}
		more, err := d.next('}')
		if err != nil {
			return err
		}
		if !more {
			d.leave()
			return nil
		}
	}
}

// extraSink collects the Extra members of one object as they are met,
// making the map on the first one.
type extraSink struct {
	p    *structPlan
	v    reflect.Value
	raw  map[string]json.RawMessage
	vals map[string]any
}

// keep stores a copy of raw under name, as raw JSON or as a Go value
// depending on the Extra field's type; a struct without Extra drops it.
func (x *extraSink) keep(name string, raw []byte) error {
	switch {
	case x.p.extra < 0:
		return nil
	case x.p.rawXtra:
		if x.raw == nil {
			x.raw = map[string]json.RawMessage{}
			x.v.Field(x.p.extra).Set(reflect.ValueOf(x.raw))
		}
		x.raw[name] = append(json.RawMessage(nil), raw...)
		return nil
	}
	if x.vals == nil {
		x.vals = map[string]any{}
		x.v.Field(x.p.extra).Set(reflect.ValueOf(x.vals))
	}
	val, err := anyFrom(raw)
	if err != nil {
		return err
	}
	x.vals[name] = val
	return nil
}

// decodeInto decodes the member's value into fv, honouring ",string" on a
// string field (the value is a JSON string holding a JSON string).
func (f *field) decodeInto(d *decoder, fv reflect.Value) error {
	if f.quoted && fv.Kind() == reflect.String && d.peek() == '"' {
		s, err := d.readString()
		if err != nil {
			return err
		}
		var inner string
		if json.Unmarshal(s, &inner) != nil {
			return errDrift
		}
		fv.SetString(inner)
		return nil
	}
	return f.codec.dec(d, fv)
}

// fieldByIndex walks to a (possibly promoted) field, allocating nil
// embedded pointers; ok is false when one cannot be set (an unexported
// embedded pointer).
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for k, i := range index {
		if k > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return v, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v, true
}

// hookDecoder reads an object into a T with the JSONDecoded hook from T's
// fields and then calls the hook; any other value goes to T's UnmarshalJSON
// (or, without one, to the struct's own rules).
func (b *builder) hookDecoder(t reflect.Type) decodeFunc {
	fields := b.structPlan(t).decode
	other := fields
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		other = decodeUnmarshaler
	}
	return func(d *decoder, v reflect.Value) error {
		if d.peek() != '{' {
			return other(d, v)
		}
		v.SetZero() // a T holds one document, as its UnmarshalJSON keeps it
		if err := fields(d, v); err != nil {
			return err
		}
		v.Addr().Interface().(decodedHook).JSONDecoded(Inline{})
		return nil
	}
}

func decodeUnmarshaler(d *decoder, v reflect.Value) error {
	d.skipSpace()
	start := d.off
	if err := d.skipValue(); err != nil {
		return err
	}
	if v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(d.data[start:d.off]) != nil {
		return errDrift
	}
	return nil
}

func (b *builder) pointerDecoder(t reflect.Type) decodeFunc {
	elem := b.codec(t.Elem())
	et := t.Elem()
	emptyUnset := emptyIsUnset(et)
	return func(d *decoder, v reflect.Value) error {
		switch d.peek() {
		case 'n':
			if err := d.readLiteral("null"); err != nil {
				return err
			}
			v.SetZero()
			return nil
		case '"':
			if emptyUnset && d.emptyString() {
				v.SetZero()
				return nil
			}
		}
		if v.IsNil() {
			v.Set(reflect.New(et))
		}
		return elem.dec(d, v.Elem())
	}
}

// emptyIsUnset reports whether "" means "no value" for t: true for the
// kinds that never hold text (objects, numbers, bools, times, lists, maps),
// including objects with their own UnmarshalJSON.
func emptyIsUnset(t reflect.Type) bool {
	if t == timeType || isInline(t) {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Interface, reflect.Pointer:
		return false
	case reflect.Struct:
		return reflect.PointerTo(t).Implements(unmarshalerType) || !reflect.PointerTo(t).Implements(textUnmarshalerType)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return false
		}
	}
	return !reflect.PointerTo(t).Implements(unmarshalerType) && !reflect.PointerTo(t).Implements(textUnmarshalerType)
}

func (b *builder) sliceDecoder(t reflect.Type) decodeFunc {
	elem := b.codec(t.Elem())
	return func(d *decoder, v reflect.Value) error {
		if ok, err := d.opens('[', v, true, true); !ok {
			return err
		}
		if d.peek() == ']' {
			d.off++
			d.leave()
			v.Set(reflect.MakeSlice(t, 0, 0))
			return nil
		}
		var drift error
		n := 0
		for {
			if n >= v.Cap() {
				grown := reflect.MakeSlice(t, n, max(4, 2*v.Cap()))
				reflect.Copy(grown, v)
				v.Set(grown)
			}
			v.SetLen(n + 1)
			ev := v.Index(n)
			ev.SetZero()
			err := elem.dec(d, ev)
			if err == errDrift {
				drift, err = err, nil
				ev.SetZero()
			}
			if err != nil {
				return err
			}
			n++
			more, err := d.next(']')
			if err != nil {
				return err
			}
			if !more {
				d.leave()
				return drift
			}
		}
	}
}

func (b *builder) arrayDecoder(t reflect.Type) decodeFunc {
	elem := b.codec(t.Elem())
	return func(d *decoder, v reflect.Value) error {
		if ok, err := d.opens('[', v, false, false); !ok {
			return err
		}
		var drift error
		n := 0
		if d.peek() == ']' {
			d.off++
		} else {
			for {
				var err error
				if n < v.Len() {
					err = elem.dec(d, v.Index(n))
					if err == errDrift {
						drift, err = err, nil
						v.Index(n).SetZero()
					}
				} else {
					err = d.skipValue()
				}
				if err != nil {
					return err
				}
				n++
				more, err := d.next(']')
				if err != nil {
					return err
				}
				if !more {
					break
				}
			}
		}
		d.leave()
		for ; n < v.Len(); n++ {
			v.Index(n).SetZero()
		}
		return drift
	}
}

func (b *builder) mapDecoder(t reflect.Type) decodeFunc {
	elem := b.codec(t.Elem())
	kt, et := t.Key(), t.Elem()
	return func(d *decoder, v reflect.Value) error {
		if ok, err := d.opens('{', v, true, true); !ok {
			return err
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		if d.peek() == '}' {
			d.off++
			d.leave()
			return nil
		}
		var drift error
		ev := reflect.New(et).Elem()
		for {
			if d.peek() != '"' {
				return d.unexpected()
			}
			k, err := d.stringValue()
			if err != nil {
				return err
			}
			key := reflect.ValueOf(k).Convert(kt)
			if err := d.colon(); err != nil {
				return err
			}
			ev.SetZero()
			err = elem.dec(d, ev)
			if err == errDrift {
				drift, err = err, nil
				ev.SetZero()
			}
			if err != nil {
				return err
			}
			v.SetMapIndex(key, ev)
			more, err := d.next('}')
			if err != nil {
				return err
			}
			if !more {
				d.leave()
				return drift
			}
		}
	}
}
