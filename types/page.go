package types

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/zen-go/zen/internal/jsonx"
)

// FlexInt is an integer that ZEN may send as a JSON number or a numeric
// string (paging values are declared as strings). It encodes as a number.
type FlexInt int

// UnmarshalJSON accepts 10, "10" or null.
func (n *FlexInt) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil || s == "" {
		*n = 0
		return err
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("zen: want an integer, got %.32q", s)
	}
	*n = FlexInt(v)
	return nil
}

// JSONInline tells the SDK's JSON engine that it may read a FlexInt as an
// integer field (its drift rules accept numeric strings the same way).
func (*FlexInt) JSONInline(jsonx.Inline) {}

// PageMeta describes one page of a list. Page-numbered lists fill Page,
// ItemsPerPage, Direction and SortBy; offset lists (/v3/terminals) fill
// Limit, Offset and HasMore.
type PageMeta struct {
	Page         FlexInt                    `json:"page,omitempty"`
	ItemsPerPage FlexInt                    `json:"itemsPerPage,omitempty"`
	Direction    Direction                  `json:"direction,omitempty"`
	SortBy       string                     `json:"sortBy,omitempty"`
	Total        *FlexInt                   `json:"total,omitempty"`
	Limit        FlexInt                    `json:"limit,omitempty"`
	Offset       FlexInt                    `json:"offset,omitempty"`
	HasMore      *bool                      `json:"hasMore,omitempty"`
	Currencies   []string                   `json:"currencies,omitempty"`
	Extra        map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type pageMetaFields PageMeta

// MarshalJSON writes the modelled fields followed by Extra.
func (m PageMeta) MarshalJSON() ([]byte, error) { return jsonx.Marshal(pageMetaFields(m)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (m *PageMeta) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*pageMetaFields)(m)) }

// JSONInline marks PageMeta's JSON methods as the SDK engine's own.
func (*PageMeta) JSONInline(jsonx.Inline) {}

// Page is one page of a list: the items and the paging metadata.
type Page[T any] struct {
	Data  []T                        `json:"data"`
	Meta  PageMeta                   `json:"meta"`
	Extra map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type pageFields[T any] Page[T]

// MarshalJSON writes the modelled fields followed by Extra.
func (p Page[T]) MarshalJSON() ([]byte, error) { return jsonx.Marshal(pageFields[T](p)) }

// UnmarshalJSON reads the page leniently: an item that drifted never fails
// the page (see the types package doc).
func (p *Page[T]) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*pageFields[T])(p)) }

// JSONInline marks Page's JSON methods as the SDK engine's own.
func (*Page[T]) JSONInline(jsonx.Inline) {}

// scalarText returns what the JSON scalar b says: a string's contents (see
// stringText), the text of anything else (a number), or "" for null.
// Amount, Quantity, Date and FlexInt read through it, and take "" as unset.
func scalarText(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		return "", nil
	case len(b) > 0 && b[0] == '"':
		return stringText(b)
	}
	return string(b), nil
}

// stringText returns the contents of the JSON string b as encoding/json
// reads them: b's own bytes, without decoding, when they hold no escape,
// quote or control character and are valid UTF-8 (the usual case).
func stringText(b []byte) (string, error) {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && isPlainString(b[1:len(b)-1]) {
		return string(b[1 : len(b)-1]), nil
	}
	var s string // its own variable: &s escapes, the plain case's result must not
	if err := json.Unmarshal(b, &s); err != nil {
		return "", err
	}
	return s, nil
}

// isPlainString reports whether a JSON string's contents are their own
// value: no '"', '\\' or control character, and valid UTF-8.
func isPlainString(inner []byte) bool {
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.Valid(inner)
}
