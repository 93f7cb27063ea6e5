package jsonx

// Members calls fn with each member of the JSON object data, in order: the
// member's name (unescaped; valid only during the call) and its raw value (a
// slice of data). It is for reading a few members of an object kept raw
// without decoding it again; match names with a MemberName. It returns a
// *json.SyntaxError when data is not JSON, and a *SyntaxError when it is
// JSON but not one object.
func Members(data []byte, fn func(name, value []byte)) error {
	s := scanner{data: data}
	return s.end(s.object(fn))
}

// MemberName is a field name prepared for matching member names by the
// engine's rule (encoding/json's): the same name, or the same up to case.
type MemberName struct{ exact, folded string }

// NewMemberName prepares field (once, not per member read).
func NewMemberName(field string) MemberName { return MemberName{field, foldName(field)} }

// Matches reports whether a member named name is read into the field.
func (m MemberName) Matches(name []byte) bool {
	if string(name) == m.exact {
		return true
	}
	var buf [64]byte
	return string(appendFolded(buf[:0], string(name))) == m.folded
}
