package jsonx

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// appendFloat writes f as encoding/json does (ES6 number formatting).
func appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, bits)}
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// e-09 is written e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

func encodeNumber(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
	s := v.String()
	if s == "" {
		s = "0"
	}
	if !validNumber([]byte(s)) {
		return b, fmt.Errorf("json: invalid number literal %q", s)
	}
	return append(b, s...), nil
}

func encodeBytes(_ *encoder, b []byte, v reflect.Value) ([]byte, error) {
	if v.IsNil() {
		return append(b, "null"...), nil
	}
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, v.Bytes())
	return append(b, '"'), nil
}

// encodeTime writes what time.Time's MarshalJSON writes (RFC 3339 with
// nanoseconds), without the intermediate buffer.
func encodeTime(e *encoder, b []byte, v reflect.Value) ([]byte, error) {
	var t time.Time
	if v.CanAddr() {
		t = *v.Addr().Interface().(*time.Time)
	} else {
		t = v.Interface().(time.Time)
	}
	if y := t.Year(); y < 0 || y > 9999 {
		return encodeMarshaler(e, b, v) // its error
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// plainJSONString reports whether src is a JSON string of printable ASCII
// without escapes or HTML-sensitive characters (what Amount and most
// MarshalJSON methods return), which compacting leaves as it is.
func plainJSONString(src []byte) bool {
	if len(src) < 2 || src[0] != '"' || src[len(src)-1] != '"' {
		return false
	}
	for _, c := range src[1 : len(src)-1] {
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// load8 reads s[i:i+8] as a little-endian word.
func load8[S []byte | string](s S, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	ones = 0x0101010101010101
	high = 0x8080808080808080
)

// notPlain8 sets the high bit of the bytes of x that plainASCII does not
// mark plain (a control character, ", \, <, >, & or a byte of a multi-byte
// rune). The lowest byte it marks is always such a byte; bytes above a
// marked one may be marked in error, so callers only trust the lowest.
func notPlain8(x uint64) uint64 {
	below := func(n uint64) uint64 { return (x - n*ones) &^ x & high } // bytes < n
	equal := func(c uint64) uint64 { y := x ^ c*ones; return (y - ones) &^ y & high }
	return below(0x20) | equal('"') | equal('\\') | equal('<') | equal('>') | equal('&') | x&high
}

const hex = "0123456789abcdef"

// plainASCII marks the ASCII bytes a JSON string holds as they are: not a
// control character, quote or backslash, nor <, > or & (escaped as
// encoding/json does).
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString writes s as a JSON string exactly as encoding/json does
// (HTML-sensitive characters, U+2028 and U+2029 escaped; invalid UTF-8
// replaced by U+FFFD).
func appendString[S []byte | string](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Skip plain text a word at a time, to the first byte that may
			// need escaping or decoding.
			if m := notPlain8(load8(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) / 8
			} else {
				i += 8
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf {
			if plainASCII[c] {
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
