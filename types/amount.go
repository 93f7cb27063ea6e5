package types

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/internal/jsonx"
)

// Amount is a decimal money value as ZEN expects it: a JSON string such as
// "123.04". It keeps the exact text it was built from, so "10.00" is sent as
// "10.00", and its JSON form never depends on shopspring/decimal's
// process-wide switches. The zero Amount is "unset".
type Amount struct {
	text string // always matches the signed pattern, or "" when unset
}

// isDecimal reports whether s matches ^-?\d{1,16}(\.\d{1,12})?$ (without
// the '-' unless signed): ZEN's amount pattern, checked by hand because it
// runs for every amount of every answer.
func isDecimal(s string, signed bool) bool {
	if signed && len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i < 1 || i > 16 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' {
		return false
	}
	frac := s[i+1:]
	if len(frac) < 1 || len(frac) > 12 {
		return false
	}
	for k := 0; k < len(frac); k++ {
		if frac[k] < '0' || frac[k] > '9' {
			return false
		}
	}
	return true
}

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
	if !isDecimal(s, true) {
		return Amount{}, fmt.Errorf("zen: invalid amount %q: %s", s, SignedAmountRule)
	}
	return Amount{text: s}, nil
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
	return Amount{text: r.StringFixed(places)}
}

// AmountFromMinor converts an integer count of minor units (cents) to an
// Amount with the given number of decimal places: AmountFromMinor(1050, 2) is
// "10.50".
func AmountFromMinor(minor int64, places int32) Amount {
	return AmountFromDecimal(decimal.New(minor, -places), places)
}

// IsZero reports whether the Amount is unset (not whether its value is 0).
func (a Amount) IsZero() bool { return a.text == "" }

// Decimal returns the value as a decimal.Decimal (zero when unset). It is
// parsed from the wire text on each call, so decoding an answer never pays
// for arithmetic it does not do.
func (a Amount) Decimal() decimal.Decimal { return decimalOf(a.text) }

// decimalOf is the decimal of an Amount's or Quantity's text, which is
// always a plain decimal number (zero when empty).
func decimalOf(text string) decimal.Decimal {
	if text == "" {
		return decimal.Decimal{}
	}
	d, err := decimal.NewFromString(text)
	if err != nil { // unreachable: the text was checked when it was made
		return decimal.Decimal{}
	}
	return d
}

// String returns the exact wire text, or "" when unset.
func (a Amount) String() string { return a.text }

// Equal reports whether a and b have the same numeric value ("10" equals
// "10.00").
func (a Amount) Equal(b Amount) bool { return a.Decimal().Equal(b.Decimal()) }

// Cmp compares the numeric values of a and b and returns -1, 0 or +1.
func (a Amount) Cmp(b Amount) int { return a.Decimal().Cmp(b.Decimal()) }

// IsNegative reports whether the value is below zero.
func (a Amount) IsNegative() bool { return a.Decimal().IsNegative() }

// Scale returns the number of digits after the decimal point in the wire text.
func (a Amount) Scale() int32 {
	if i := strings.IndexByte(a.text, '.'); i >= 0 {
		return int32(len(a.text) - i - 1)
	}
	return 0
}

// Add returns a+b written with the larger of the two scales.
func (a Amount) Add(b Amount) Amount {
	return AmountFromDecimal(a.Decimal().Add(b.Decimal()), max(a.Scale(), b.Scale()))
}

// Sub returns a-b written with the larger of the two scales.
func (a Amount) Sub(b Amount) Amount {
	return AmountFromDecimal(a.Decimal().Sub(b.Decimal()), max(a.Scale(), b.Scale()))
}

// Mul returns a multiplied by an integer quantity, keeping a's scale.
func (a Amount) Mul(n int64) Amount {
	return AmountFromDecimal(a.Decimal().Mul(decimal.NewFromInt(n)), a.Scale())
}

// Validate checks the Amount against ZEN's unsigned amount pattern
// (^\d{1,16}(\.\d{1,12})?$). It returns nil or a plain error naming the rule;
// request validation wraps it in a ValidationError with the field path.
func (a Amount) Validate() error {
	if !isDecimal(a.text, false) {
		return errors.New(AmountRule)
	}
	return nil
}

// ValidateSigned checks the Amount against ZEN's signed pattern used by item
// price and lineAmountTotal.
func (a Amount) ValidateSigned() error {
	if !isDecimal(a.text, true) {
		return errors.New(SignedAmountRule)
	}
	return nil
}

// MarshalJSON writes the exact wire text as a JSON string; an unset Amount
// is written as null.
func (a Amount) MarshalJSON() ([]byte, error) {
	return a.JSONAppend(jsonx.Inline{}, make([]byte, 0, len(a.text)+2)), nil
}

// JSONAppend appends MarshalJSON's bytes to b, for the SDK's JSON engine
// (the text is digits, '.' and '-', so it needs no escaping).
func (a Amount) JSONAppend(_ jsonx.Inline, b []byte) []byte {
	if a.text == "" {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = append(b, a.text...)
	return append(b, '"')
}

// UnmarshalJSON accepts a JSON string or number holding a plain decimal; null
// and "" leave the Amount unset. Anything else is an error, never a silent
// zero.
func (a *Amount) UnmarshalJSON(b []byte) error {
	text, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("zen: amount: %w", err)
	}
	if text == "" {
		*a = Amount{}
		return nil
	}
	if len(text) > 64 {
		return fmt.Errorf("zen: amount too long (%d characters)", len(text))
	}
	v, err := ParseAmount(text)
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
