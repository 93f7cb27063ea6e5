package types

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// FlexInt is an integer that ZEN may send as a JSON number or a numeric
// string (paging values are declared as strings). It encodes as a number.
type FlexInt int

// UnmarshalJSON accepts 10, "10" or null.
func (n *FlexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*n = 0
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*n = 0
			return nil
		}
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("zen: want an integer, got %.32q", s)
	}
	*n = FlexInt(v)
	return nil
}

// PageMeta describes one page of a list. Page-numbered lists fill Page,
// ItemsPerPage, Direction and SortBy; offset lists (/v3/terminals) fill
// Limit, Offset and HasMore.
type PageMeta struct {
	Page         FlexInt   `json:"page,omitempty"`
	ItemsPerPage FlexInt   `json:"itemsPerPage,omitempty"`
	Direction    Direction `json:"direction,omitempty"`
	SortBy       string    `json:"sortBy,omitempty"`
	Total        *FlexInt  `json:"total,omitempty"`
	Limit        FlexInt   `json:"limit,omitempty"`
	Offset       FlexInt   `json:"offset,omitempty"`
	HasMore      *bool     `json:"hasMore,omitempty"`
	Currencies   []string  `json:"currencies,omitempty"`
}

// Page is one page of a list: the items and the paging metadata.
type Page[T any] struct {
	Data []T      `json:"data"`
	Meta PageMeta `json:"meta"`
}
