package jsonx

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"time"
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
	if err == nil || err == errDrift {
		d.skipSpace()
		if d.off < len(d.data) {
			err = d.fail("invalid character after top-level value")
		}
	}
	var se *syntaxErr
	if errors.As(err, &se) {
		return syntaxError(data, se)
	}
	if err == errDrift {
		rv.Elem().SetZero() // nothing to keep it in: the value reads as unset
	}
	return nil
}

// drift consumes the value at d.off and reports it as not readable.
func (d *decoder) drift() error {
	if err := d.skipValue(); err != nil {
		return err
	}
	return errDrift
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
	switch d.peek() {
	case '{':
	case 'n':
		return d.readLiteral("null")
	case '"':
		if d.emptyString() {
			return nil
		}
		return d.drift()
	default:
		return d.drift()
	}
	if err := d.enter(); err != nil {
		return err
	}
	d.off++
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

func decodeText(d *decoder, v reflect.Value) error {
	var text []byte
	var err error
	switch c := d.peek(); {
	case c == '"':
		text, err = d.readString()
	case c == '-' || '0' <= c && c <= '9':
		text, err = d.readNumber()
	case c == 'n':
		return d.readLiteral("null")
	default:
		return d.drift()
	}
	if err != nil {
		return err
	}
	if v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(text) != nil {
		return errDrift
	}
	return nil
}

// timeLayouts are the forms ZEN may send besides RFC 3339 (which
// time.Time's own UnmarshalText reads); text without a zone is UTC.
var timeLayouts = []string{
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	time.DateOnly,
}

// parseTime reads RFC 3339 and the other forms of timeLayouts.
func parseTime(s []byte) (time.Time, bool) {
	var t time.Time
	if t.UnmarshalText(s) == nil {
		return t, true
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, string(s)); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func decodeTime(d *decoder, v reflect.Value) error {
	switch d.peek() {
	case '"':
		s, err := d.readString()
		if err != nil || len(s) == 0 {
			return err
		}
		t, ok := parseTime(s)
		if !ok {
			return errDrift
		}
		*v.Addr().Interface().(*time.Time) = t
		return nil
	case 'n':
		return d.readLiteral("null")
	}
	return d.drift()
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

func decodeString(d *decoder, v reflect.Value) error {
	switch c := d.peek(); {
	case c == '"':
		s, err := d.stringValue()
		if err != nil {
			return err
		}
		v.SetString(s)
		return nil
	case c == '-' || '0' <= c && c <= '9':
		n, err := d.readNumber()
		if err != nil {
			return err
		}
		v.SetString(string(n))
		return nil
	case c == 'n':
		return d.readLiteral("null")
	}
	return d.drift()
}

func decodeNumber(d *decoder, v reflect.Value) error {
	switch c := d.peek(); {
	case c == '"':
		s, err := d.readString()
		if err != nil || len(s) == 0 {
			return err
		}
		if !validNumber(s) {
			return errDrift
		}
		v.SetString(string(s))
		return nil
	case c == '-' || '0' <= c && c <= '9':
		n, err := d.readNumber()
		if err != nil {
			return err
		}
		v.SetString(string(n))
		return nil
	case c == 'n':
		return d.readLiteral("null")
	}
	return d.drift()
}

// validNumber reports whether s is a JSON number.
func validNumber(s []byte) bool {
	sc := scanner{data: s}
	_, err := sc.readNumber()
	return err == nil && sc.off == len(s)
}

func decodeBool(d *decoder, v reflect.Value) error {
	switch d.peek() {
	case 't':
		if err := d.readLiteral("true"); err != nil {
			return err
		}
		v.SetBool(true)
		return nil
	case 'f':
		if err := d.readLiteral("false"); err != nil {
			return err
		}
		v.SetBool(false)
		return nil
	case 'n':
		return d.readLiteral("null")
	case '"':
		s, err := d.readString()
		if err != nil {
			return err
		}
		switch string(s) {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		case "":
		default:
			return errDrift
		}
		return nil
	}
	return d.drift()
}

// numberText reads a number or a string for a numeric field: text is nil
// (with a nil error) for null and "", which leave the field unset.
func (d *decoder) numberText() ([]byte, error) {
	switch c := d.peek(); {
	case c == '-' || '0' <= c && c <= '9':
		return d.readNumber()
	case c == '"':
		s, err := d.readString()
		if err != nil || len(s) == 0 {
			return nil, err
		}
		if !validNumber(s) {
			return nil, errDrift
		}
		return s, nil
	case c == 'n':
		return nil, d.readLiteral("null")
	}
	return nil, d.drift()
}

// parseInt reads an integer in JSON number syntax; a value with a fraction
// or exponent is accepted when it is a whole number (1.0, 1e2).
func parseInt(s []byte) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	digits := s
	if neg {
		digits = s[1:]
	}
	var u uint64
	i := 0
	for ; i < len(digits) && '0' <= digits[i] && digits[i] <= '9'; i++ {
		if u > (math.MaxUint64-9)/10 {
			return 0, false
		}
		u = u*10 + uint64(digits[i]-'0')
	}
	if i < len(digits) {
		return wholeFloat(s)
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// wholeFloat reads a number with a fraction or exponent when its value is a
// whole number that an int64 holds exactly.
func wholeFloat(s []byte) (int64, bool) {
	// "12.000" without exponent: read the integer part exactly.
	if i := indexByte(s, '.'); i >= 0 && indexAny(s, "eE") < 0 {
		for _, c := range s[i+1:] {
			if c != '0' {
				return 0, false
			}
		}
		return parseInt(s[:i])
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil || f != math.Trunc(f) || f < -(1<<53) || f > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

func indexByte(s []byte, c byte) int {
	for i, b := range s {
		if b == c {
			return i
		}
	}
	return -1
}

func indexAny(s []byte, chars string) int {
	for i, b := range s {
		for k := 0; k < len(chars); k++ {
			if b == chars[k] {
				return i
			}
		}
	}
	return -1
}

func decodeInt(d *decoder, v reflect.Value) error {
	s, err := d.numberText()
	if err != nil || s == nil {
		return err
	}
	n, ok := parseInt(s)
	if !ok || v.OverflowInt(n) {
		return errDrift
	}
	v.SetInt(n)
	return nil
}

func decodeUint(d *decoder, v reflect.Value) error {
	s, err := d.numberText()
	if err != nil || s == nil {
		return err
	}
	if len(s) > 0 && s[0] == '-' {
		return errDrift
	}
	var n uint64
	if indexAny(s, ".eE") < 0 {
		n, err = strconv.ParseUint(string(s), 10, 64)
		if err != nil {
			return errDrift
		}
	} else {
		i, ok := wholeFloat(s)
		if !ok || i < 0 {
			return errDrift
		}
		n = uint64(i)
	}
	if v.OverflowUint(n) {
		return errDrift
	}
	v.SetUint(n)
	return nil
}

func decodeFloat(d *decoder, v reflect.Value) error {
	s, err := d.numberText()
	if err != nil || s == nil {
		return err
	}
	f, err := strconv.ParseFloat(string(s), v.Type().Bits())
	if err != nil || v.OverflowFloat(f) {
		return errDrift
	}
	v.SetFloat(f)
	return nil
}

func decodeInterface(d *decoder, v reflect.Value) error {
	if d.peek() == 'n' {
		if err := d.readLiteral("null"); err != nil {
			return err
		}
		v.SetZero()
		return nil
	}
	val, err := d.anyValue(false)
	if err != nil {
		return err
	}
	v.Set(reflect.ValueOf(&val).Elem())
	return nil
}

// anyValue reads a value as encoding/json decodes into an empty interface:
// map[string]any, []any, float64 (json.Number with useNumber), string,
// bool or nil. A number a float64 cannot hold is drift, reported after the
// whole value is consumed.
func (d *decoder) anyValue(useNumber bool) (any, error) {
	switch c := d.peek(); {
	case c == '"':
		return d.stringValue()
	case c == '{':
		if err := d.enter(); err != nil {
			return nil, err
		}
		d.off++
		m := map[string]any{}
		var drift error
		if d.peek() == '}' {
			d.off++
			d.leave()
			return m, nil
		}
		for {
			if d.peek() != '"' {
				return nil, d.unexpected()
			}
			key, err := d.stringValue()
			if err != nil {
				return nil, err
			}
			if err := d.colon(); err != nil {
				return nil, err
			}
			val, err := d.anyValue(useNumber)
			if err == errDrift {
				drift, err = err, nil
			}
			if err != nil {
				return nil, err
			}
			m[key] = val
			more, err := d.next('}')
			if err != nil {
				return nil, err
			}
			if !more {
				d.leave()
				return m, drift
			}
		}
	case c == '[':
		if err := d.enter(); err != nil {
			return nil, err
		}
		d.off++
		list := []any{}
		var drift error
		if d.peek() == ']' {
			d.off++
			d.leave()
			return list, nil
		}
		for {
			val, err := d.anyValue(useNumber)
			if err == errDrift {
				drift, err = err, nil
			}
			if err != nil {
				return nil, err
			}
			list = append(list, val)
			more, err := d.next(']')
			if err != nil {
				return nil, err
			}
			if !more {
				d.leave()
				return list, drift
			}
		}
	case c == 't':
		return true, d.readLiteral("true")
	case c == 'f':
		return false, d.readLiteral("false")
	case c == 'n':
		return nil, d.readLiteral("null")
	}
	n, err := d.readNumber()
	if err != nil {
		return nil, err
	}
	if useNumber {
		return json.Number(n), nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return nil, errDrift
	}
	return f, nil
}

// anyFrom decodes a raw member already checked by the scanner, numbers as
// json.Number so none loses digits.
func anyFrom(raw []byte) (any, error) {
	d := decoder{scanner{data: raw}}
	v, err := d.anyValue(true)
	if err == errDrift {
		err = nil
	}
	return v, err
}

func decodeBytes(d *decoder, v reflect.Value) error {
	switch d.peek() {
	case '"':
		s, err := d.readString()
		if err != nil {
			return err
		}
		b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
		n, err := base64.StdEncoding.Decode(b, s)
		if err != nil {
			return errDrift
		}
		v.SetBytes(b[:n])
		return nil
	case 'n':
		if err := d.readLiteral("null"); err != nil {
			return err
		}
		v.SetZero()
		return nil
	}
	return decodeFallback(d, v)
}

func (b *builder) sliceDecoder(t reflect.Type) decodeFunc {
	elem := b.codec(t.Elem())
	return func(d *decoder, v reflect.Value) error {
		switch d.peek() {
		case '[':
		case 'n':
			if err := d.readLiteral("null"); err != nil {
				return err
			}
			v.SetZero()
			return nil
		case '"':
			if d.emptyString() {
				return nil
			}
			return d.drift()
		default:
			return d.drift()
		}
		if err := d.enter(); err != nil {
			return err
		}
		d.off++
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
		switch d.peek() {
		case '[':
		case 'n':
			return d.readLiteral("null")
		default:
			return d.drift()
		}
		if err := d.enter(); err != nil {
			return err
		}
		d.off++
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
		switch d.peek() {
		case '{':
		case 'n':
			if err := d.readLiteral("null"); err != nil {
				return err
			}
			v.SetZero()
			return nil
		case '"':
			if d.emptyString() {
				return nil
			}
			return d.drift()
		default:
			return d.drift()
		}
		if err := d.enter(); err != nil {
			return err
		}
		d.off++
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
