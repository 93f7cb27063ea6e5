package jsonx

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"time"
)

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

func decodeString(d *decoder, v reflect.Value) error {
	if d.peek() != '"' {
		return decodeNumber(d, v) // a number as its text, null as unset, anything else drift
	}
	s, err := d.stringValue()
	if err != nil {
		return err
	}
	v.SetString(s)
	return nil
}

func decodeNumber(d *decoder, v reflect.Value) error {
	s, err := d.numberText()
	if err != nil || s == nil {
		return err
	}
	v.SetString(string(s))
	return nil
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
	if i := bytes.IndexByte(s, '.'); i >= 0 && !bytes.ContainsAny(s, "eE") {
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
	if !bytes.ContainsAny(s, ".eE") {
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
