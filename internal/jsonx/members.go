package jsonx

// Members calls fn with each member of the JSON object data, in order: the
// member's name (unescaped; valid only during the call) and its raw value (a
// slice of data). It is for reading a few members of an object kept raw
// without decoding it again; match names with MemberIs. It returns a
// *json.SyntaxError when data is not JSON, and a *SyntaxError when it is
// JSON but not one object.
func Members(data []byte, fn func(name, value []byte)) error {
	s := scanner{data: data, plainAt: -1}
	err := s.members(fn)
	if err == nil {
		s.skipSpace()
		if s.off < len(s.data) {
			err = s.fail("invalid character after top-level value")
		}
	}
	if se, ok := err.(*syntaxErr); ok {
		return syntaxError(data, se)
	}
	return err
}

func (s *scanner) members(fn func(name, value []byte)) error {
	if s.peek() != '{' {
		return s.unexpected()
	}
	if err := s.enter(); err != nil {
		return err
	}
	s.off++
	if s.peek() == '}' {
		s.off++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.unexpected()
		}
		name, err := s.readString()
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
		fn(name, s.data[start:s.off])
		more, err := s.next('}')
		if err != nil || !more {
			return err
		}
	}
}

// MemberIs reports whether a member named name is read into a field named
// field, by the engine's rule (encoding/json's): the same name, or the same
// up to case.
func MemberIs(name []byte, field string) bool {
	if string(name) == field {
		return true
	}
	var a, b [64]byte
	return string(appendFolded(a[:0], string(name))) == string(appendFolded(b[:0], field))
}
