// Package jsonx is the SDK's one JSON mechanism: a single-pass decoder and
// an encoder that keep the members a type does not model, and a decoder
// that never fails an answer because a value drifted from ZEN's schema.
//
// # Decoding (Unmarshal)
//
// Unmarshal reads data in one pass with a hand-written scanner and a
// per-type plan (built once by reflection and cached). It follows
// encoding/json for names, tags (name, omitempty, omitzero, string, "-"),
// embedded structs, case-insensitive member matching, duplicate members
// (the last wins), escapes and invalid UTF-8, and calls json.Unmarshaler
// and encoding.TextUnmarshaler implementations with the raw value. It
// returns an error only when data is not one valid JSON value (nesting
// deeper than 10000 levels included): encoding/json's *json.SyntaxError,
// with its offset. A top-level value that cannot be read into v at all
// leaves v at its zero value. Unescaped strings of an input up to 256 KiB
// are cut from one string copy of the input (one allocation in all), so a
// string kept from the result keeps that copy alive.
//
// Drift rules, for a value that is valid JSON but not of the field's type:
//   - numbers and numeric strings are accepted for each other: a string
//     field gets a number's text; an integer or float field parses a string
//     in JSON number syntax; an integer field takes a whole number written
//     with a fraction or exponent (1.0, 1e2), and 1.5 or "abc" is unreadable;
//   - a bool field reads "true" and "false";
//   - a time.Time reads RFC 3339 (any fraction, Z or an offset with or
//     without a colon), "2006-01-02T15:04:05" and "2006-01-02 15:04:05"
//     (UTC, optional fraction) and the date-only "2006-01-02";
//   - null, and "" where an object, list, number, bool or time is expected,
//     read as unset (the field keeps its zero value; a pointer stays nil);
//   - any other value the field cannot hold (including an error from a
//     type's own UnmarshalJSON or UnmarshalText) is unreadable: the field is
//     left at its zero value and the member's raw text is kept in the Extra
//     of the nearest enclosing struct, under the member's name, so it stays
//     reachable and is re-encoded unchanged; a struct without Extra simply
//     leaves the field unset. A list or map with an unreadable element is
//     unreadable as a whole (the raw list is kept, nothing is lost); list
//     items that are objects absorb their own members' drift, so one
//     drifted item never costs the others.
//
// # Extra: the members a type does not model
//
// A struct keeps unknown members when it has a field
//
//	Extra map[string]json.RawMessage `json:"-"`
//
// The rule for the map type is: every type the SDK decodes from ZEN uses
// map[string]json.RawMessage (raw bytes, copied, re-encoded unchanged).
// Types a caller builds to send and that carry undocumented request
// members use map[string]any, so a caller writes Extra: map[string]any{
// "floor": 3}; the few such types that ZEN also sends back (types.Address,
// zen.Customer, zen.Object) decode unknown members into that map as
// encoding/json with UseNumber would (numbers as json.Number, so no digit
// is lost). A struct with Extra is reset before an object is decoded into
// it: it holds exactly one document.
//
// # Encoding (Marshal)
//
// Marshal writes exactly what encoding/json writes (omitempty, omitzero,
// Marshaler and TextMarshaler types, HTML-safe escaping, sorted map keys),
// followed, for a struct with Extra, by the Extra members no field names,
// sorted by name. An Extra member named like a field is written in that
// field's place when the field holds its zero value (the unreadable-raw
// case) and is dropped otherwise: a member is never written twice and never
// overrides a set field. Marshal never re-parses its own output.
//
// # One mechanism per type
//
// A type T keeps unknown members with an alias without methods and these
// methods, nothing else:
//
//	type tFields T
//
//	func (t T) MarshalJSON() ([]byte, error)    { return jsonx.Marshal(tFields(t)) }
//	func (t *T) UnmarshalJSON(b []byte) error   { return jsonx.Unmarshal(b, (*tFields)(t)) }
//	func (*T) JSONInline(jsonx.Inline)          {}
//
// The JSONInline marker tells the engine that T's methods are exactly these
// one-liners, so a T met inside another value is read and written from T's
// own fields in the same pass, without calling the methods. encoding/json
// callers (json.Marshal, json.Unmarshal) still get the same results through
// the methods. A named string or number type whose UnmarshalJSON reads
// what the drift rules read for its kind (types.FlexString, types.FlexInt)
// may carry the marker too and is then read as its kind. Request-only
// types (never decoded by the SDK) have just the MarshalJSON one-liner and
// the marker.
//
// A struct whose decoding is its fields plus values derived from them
// (types.MerchantAction: the URLs read from the data it keeps raw) declares
// instead
//
//	func (t *T) JSONDecoded(jsonx.Inline)
//
// and the engine reads an object met as a T from T's own fields in the same
// pass, then calls JSONDecoded; any other value goes to T's UnmarshalJSON,
// which reads the alias and calls the hook likewise (see decodedHook in
// plan.go). T keeps its own MarshalJSON. Types whose JSON is not their
// fields (Amount, Date) keep their own methods; the engine calls them with
// the raw value, and an error from them is drift.
package jsonx
