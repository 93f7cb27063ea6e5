package types

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Amount is a decimal money value as ZEN expects it: a JSON string such as
// "123.04". It keeps the exact text it was built from, so "10.00" is sent as
// "10.00", and its JSON form never depends on shopspring/decimal's
// process-wide switches. The zero Amount is "unset".
type Amount struct {
	text string
	dec  decimal.Decimal
}

var (
	unsignedAmountRe = regexp.MustCompile(`^\d{1,16}(\.\d{1,12})?$`)
	signedAmountRe   = regexp.MustCompile(`^-?\d{1,16}(\.\d{1,12})?$`)
)

// AmountRule and SignedAmountRule describe the patterns ZEN enforces on
// amounts; they appear in ValidationError.Rule.
const (
	AmountRule       = `must be a decimal string matching ^\d{1,16}(\.\d{1,12})?$`
	SignedAmountRule = `must be a decimal string matching ^-?\d{1,16}(\.\d{1,12})?$`
)

// ParseAmount parses a plain decimal string ("123.04", "-5", "0.5"). It
// rejects exponents, signs other than a leading '-', spaces and empty input,
// and keeps s as the exact wire text.
func ParseAmount(s string) (Amount, error) {
	if !signedAmountRe.MatchString(s) {
		return Amount{}, fmt.Errorf("zen: invalid amount %q: %s", s, SignedAmountRule)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Amount{}, fmt.Errorf("zen: invalid amount %q: %w", s, err)
	}
	return Amount{text: s, dec: d}, nil
}

// MustAmount is ParseAmount for constants in code and tests; it panics on
// invalid input.
func MustAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// AmountFromDecimal returns d written with exactly places decimal places
// (rounded half away from zero), e.g. places=2 gives "10.00".
func AmountFromDecimal(d decimal.Decimal, places int32) Amount {
	r := d.Round(places)
	return Amount{text: r.StringFixed(places), dec: r}
}

// AmountFromMinor converts an integer count of minor units (cents) to an
// Amount with the given number of decimal places: AmountFromMinor(1050, 2) is
// "10.50".
func AmountFromMinor(minor int64, places int32) Amount {
	return AmountFromDecimal(decimal.New(minor, -places), places)
}

// IsZero reports whether the Amount is unset (not whether its value is 0).
func (a Amount) IsZero() bool { return a.text == "" }

// Decimal returns the value as a decimal.Decimal (zero when unset).
func (a Amount) Decimal() decimal.Decimal { return a.dec }

// String returns the exact wire text, or "" when unset.
func (a Amount) String() string { return a.text }

// Equal reports whether a and b have the same numeric value ("10" equals
// "10.00").
func (a Amount) Equal(b Amount) bool { return a.dec.Equal(b.dec) }

// Cmp compares the numeric values of a and b and returns -1, 0 or +1.
func (a Amount) Cmp(b Amount) int { return a.dec.Cmp(b.dec) }

// IsNegative reports whether the value is below zero.
func (a Amount) IsNegative() bool { return a.dec.IsNegative() }

// Scale returns the number of digits after the decimal point in the wire text.
func (a Amount) Scale() int32 {
	if i := strings.IndexByte(a.text, '.'); i >= 0 {
		return int32(len(a.text) - i - 1)
	}
	return 0
}

// Add returns a+b written with the larger of the two scales.
func (a Amount) Add(b Amount) Amount {
	return AmountFromDecimal(a.dec.Add(b.dec), max(a.Scale(), b.Scale()))
}

// Sub returns a-b written with the larger of the two scales.
func (a Amount) Sub(b Amount) Amount {
	return AmountFromDecimal(a.dec.Sub(b.dec), max(a.Scale(), b.Scale()))
}

// Mul returns a multiplied by an integer quantity, keeping a's scale.
func (a Amount) Mul(n int64) Amount {
	return AmountFromDecimal(a.dec.Mul(decimal.NewFromInt(n)), a.Scale())
}

// Validate checks the Amount against ZEN's unsigned amount pattern
// (^\d{1,16}(\.\d{1,12})?$). It returns nil or a plain error naming the rule;
// request validation wraps it in a ValidationError with the field path.
func (a Amount) Validate() error {
	if !unsignedAmountRe.MatchString(a.text) {
		return errors.New(AmountRule)
	}
	return nil
}

// ValidateSigned checks the Amount against ZEN's signed pattern used by item
// price and lineAmountTotal.
func (a Amount) ValidateSigned() error {
	if !signedAmountRe.MatchString(a.text) {
		return errors.New(SignedAmountRule)
	}
	return nil
}

// MarshalJSON writes the exact wire text as a JSON string; an unset Amount
// is written as null.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a.text == "" {
		return []byte("null"), nil
	}
	return strconv.AppendQuote(make([]byte, 0, len(a.text)+2), a.text), nil
}

// UnmarshalJSON accepts a JSON string or number holding a plain decimal; null
// and "" leave the Amount unset. Anything else is an error, never a silent
// zero.
func (a *Amount) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*a = Amount{}
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		// A valid amount has no escapes, so a plain quoted string needs no
		// full JSON string decoding.
		if len(b) >= 2 && b[len(b)-1] == '"' && bytes.IndexByte(b[1:len(b)-1], '\\') < 0 && bytes.IndexByte(b[1:len(b)-1], '"') < 0 {
			s = string(b[1 : len(b)-1])
		} else if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("zen: amount: %w", err)
		}
	}
	if s == "" {
		*a = Amount{}
		return nil
	}
	if len(s) > 64 {
		return fmt.Errorf("zen: amount too long (%d characters)", len(s))
	}
	v, err := ParseAmount(s)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalText implements encoding.TextMarshaler (query strings, map keys).
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.text), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Amount) UnmarshalText(b []byte) error {
	v, err := ParseAmount(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
