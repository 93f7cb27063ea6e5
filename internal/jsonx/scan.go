package jsonx

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is the deepest nesting of arrays and objects accepted, the same
// limit encoding/json applies; deeper input is a syntax error instead of
// exhausting the stack.
const maxDepth = 10000

// SyntaxError is returned when the input is not one valid JSON value. It
// is only returned when encoding/json does not report the error itself
// (Unmarshal returns encoding/json's *json.SyntaxError whenever it agrees,
// so callers can keep matching that type).
type SyntaxError struct {
	Offset int64 // byte offset where the error was found
	msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("jsonx: %s at offset %d", e.msg, e.Offset) }

// syntaxErr is the internal marker for a syntax error; Unmarshal turns it
// into the error callers see.
type syntaxErr struct {
	off int
	msg string
}

func (e *syntaxErr) Error() string { return fmt.Sprintf("jsonx: %s at offset %d", e.msg, e.off) }

// errDrift reports that a value was valid JSON but could not be read into
// its Go type; the value has been consumed and the caller decides where its
// raw text goes.
var errDrift = errors.New("jsonx: value not readable into its field")

// sharedMax is the largest input whose unescaped strings are cut from one
// string copy of the whole input (one allocation instead of one per
// string); a string kept from it keeps the copy alive, so larger inputs
// allocate each string on its own.
const sharedMax = 256 << 10

// scanner reads JSON from data; off is the next byte to read.
type scanner struct {
	data    []byte
	off     int
	depth   int
	scratch []byte
	shared  string // data as a string, made on first use (see sharedMax)
	plainAt int    // where the last string read by readString starts in data, or -1 when it was unescaped into scratch
}

// stringValue reads a string and returns it as a Go string.
func (s *scanner) stringValue() (string, error) {
	b, err := s.readString()
	if err != nil {
		return "", err
	}
	if s.plainAt < 0 || len(s.data) > sharedMax || len(b) == 0 {
		return string(b), nil
	}
	if s.shared == "" {
		s.shared = string(s.data)
	}
	return s.shared[s.plainAt : s.plainAt+len(b)], nil
}

func (s *scanner) fail(msg string) error { return &syntaxErr{off: s.off, msg: msg} }

func (s *scanner) unexpected() error {
	if s.off >= len(s.data) {
		return s.fail("unexpected end of JSON input")
	}
	return s.fail(fmt.Sprintf("invalid character %q", s.data[s.off]))
}

func (s *scanner) skipSpace() {
	for s.off < len(s.data) {
		switch s.data[s.off] {
		case ' ', '\t', '\n', '\r':
			s.off++
		default:
			return
		}
	}
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	s.skipSpace()
	if s.off < len(s.data) {
		return s.data[s.off]
	}
	return 0
}

// enter and leave count nesting depth around arrays and objects.
func (s *scanner) enter() error {
	s.depth++
	if s.depth > maxDepth {
		return s.fail("exceeded max depth")
	}
	return nil
}

func (s *scanner) leave() { s.depth-- }

// readString reads the string starting at s.off ('"') and returns its
// contents between the quotes, unescaped only when needed (plain reports
// that raw is the literal text, valid UTF-8 without escapes). The returned
// slice may alias the input or the scanner's scratch buffer.
func (s *scanner) readString() (str []byte, err error) {
	start := s.off + 1
	i := start
	plain := true
	for {
		if i >= len(s.data) {
			s.off = i
			return nil, s.fail("unexpected end of JSON input")
		}
		c := s.data[i]
		switch {
		case c == '"':
			s.off = i + 1
			if plain {
				s.plainAt = start
				return s.data[start:i], nil
			}
			s.plainAt = -1
			return s.unescape(s.data[start:i]), nil
		case c == '\\':
			plain = false
			if i+1 >= len(s.data) {
				s.off = i + 1
				return nil, s.fail("unexpected end of JSON input")
			}
			switch s.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := 2; k < 6; k++ {
					if i+k >= len(s.data) {
						s.off = i + k
						return nil, s.fail("unexpected end of JSON input")
					}
					if !isHex(s.data[i+k]) {
						s.off = i + k
						return nil, s.fail("invalid character in \\u escape")
					}
				}
				i += 6
			default:
				s.off = i + 1
				return nil, s.fail("invalid escape")
			}
		case c < 0x20:
			s.off = i
			return nil, s.fail("invalid control character in string")
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(s.data[i:])
			if r == utf8.RuneError && n == 1 {
				plain = false
			}
			i += n
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(b []byte) rune {
	var r rune
	for _, c := range b {
		switch {
		case c <= '9':
			c -= '0'
		case c >= 'a':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// unescape decodes a string body already checked by readString, as
// encoding/json does: escapes resolved, invalid UTF-8 and unpaired
// surrogates replaced by U+FFFD. The result lives in s.scratch.
func (s *scanner) unescape(in []byte) []byte {
	b := s.scratch[:0]
	for r := 0; r < len(in); {
		c := in[r]
		switch {
		case c == '\\':
			switch in[r+1] {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rr := hexVal(in[r+2 : r+6])
				r += 6
				if utf16.IsSurrogate(rr) {
					if r+6 <= len(in) && in[r] == '\\' && in[r+1] == 'u' {
						if dec := utf16.DecodeRune(rr, hexVal(in[r+2:r+6])); dec != unicode.ReplacementChar {
							b = utf8.AppendRune(b, dec)
							r += 6
							continue
						}
					}
					rr = unicode.ReplacementChar
				}
				b = utf8.AppendRune(b, rr)
				continue
			default: // '"', '\\', '/'
				b = append(b, in[r+1])
			}
			r += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, n := utf8.DecodeRune(in[r:])
			b = utf8.AppendRune(b, rr)
			r += n
		}
	}
	s.scratch = b
	return b
}

// readNumber reads the number at s.off and returns its text.
func (s *scanner) readNumber() ([]byte, error) {
	start := s.off
	i := s.off
	d := s.data
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	default:
		s.off = i
		return nil, s.unexpected()
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			s.off = i
			return nil, s.unexpected()
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			s.off = i
			return nil, s.unexpected()
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	}
	s.off = i
	return d[start:i], nil
}

// readLiteral consumes the literal word (true, false or null) at s.off.
func (s *scanner) readLiteral(word string) error {
	for k := 0; k < len(word); k++ {
		if s.off >= len(s.data) || s.data[s.off] != word[k] {
			return s.unexpected()
		}
		s.off++
	}
	return nil
}

// skipValue checks and consumes one value (after whitespace).
func (s *scanner) skipValue() error {
	switch s.peek() {
	case '"':
		return s.skipString()
	case '{':
		return s.object(nil)
	case '[':
		if err := s.enter(); err != nil {
			return err
		}
		s.off++
		if s.peek() == ']' {
			s.off++
			s.leave()
			return nil
		}
		for {
			if err := s.skipValue(); err != nil {
				return err
			}
			more, err := s.next(']')
			if err != nil || !more {
				s.leave()
				return err
			}
		}
	case 't':
		return s.readLiteral("true")
	case 'f':
		return s.readLiteral("false")
	case 'n':
		return s.readLiteral("null")
	default:
		_, err := s.readNumber()
		return err
	}
}

// object checks and consumes one object (after whitespace), calling fn,
// when not nil, with each member's name (unescaped; valid only during the
// call) and raw value.
func (s *scanner) object(fn func(name, value []byte)) error {
	if s.peek() != '{' {
		return s.unexpected()
	}
	if err := s.enter(); err != nil {
		return err
	}
	s.off++
	if s.peek() == '}' {
		s.off++
		s.leave()
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.unexpected()
		}
		var name []byte
		var err error
		if fn == nil {
			err = s.skipString()
		} else {
			name, err = s.readString()
		}
		if err != nil {
			return err
		}
		if err := s.colon(); err != nil {
			return err
		}
		s.skipSpace()
		start := s.off
		if err := s.skipValue(); err != nil {
			return err
		}
		if fn != nil {
			fn(name, s.data[start:s.off])
		}
		more, err := s.next('}')
		if err != nil || !more {
			s.leave()
			return err
		}
	}
}

// skipString consumes a string without unescaping it.
func (s *scanner) skipString() error {
	i := s.off + 1
	for i < len(s.data) {
		c := s.data[i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		i++
	}
	if i < len(s.data) && s.data[i] == '"' {
		s.off = i + 1
		return nil
	}
	_, err := s.readString() // escapes or an error: the careful path
	return err
}

// colon consumes the ':' after an object key.
func (s *scanner) colon() error {
	if s.peek() != ':' {
		return s.unexpected()
	}
	s.off++
	return nil
}

// next consumes the ',' between members or elements and reports true, or
// the closing byte and reports false.
func (s *scanner) next(closing byte) (bool, error) {
	switch s.peek() {
	case ',':
		s.off++
		return true, nil
	case closing:
		s.off++
		return false, nil
	}
	return false, s.unexpected()
}

// valid reports whether data is exactly one JSON value.
func valid(data []byte) bool {
	s := scanner{data: data}
	if s.skipValue() != nil {
		return false
	}
	s.skipSpace()
	return s.off == len(data)
}

// syntaxError builds the error Unmarshal returns for invalid input: the one
// encoding/json gives (a *json.SyntaxError with its offset), or a
// *SyntaxError when encoding/json accepts what the scanner refused.
func syntaxError(data []byte, e *syntaxErr) error {
	var probe struct{}
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return se
		}
	}
	return &SyntaxError{Offset: int64(e.off), msg: e.msg}
}
