package types

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/internal/fixed"
	"github.com/zen-go/zen/internal/jsonx"
)

// Quantity is an item quantity: a decimal number that may carry a fraction
// (ZEN documents item quantity as a number ≥ 1, not only an integer: ZEN's
// OpenAPI file, "Item"). It keeps the exact decimal text it was built from
// (less any leading zeros, which a JSON number cannot have) and is sent as a
// JSON number, so 1.5 is sent as 1.5 and 2 as 2. The zero Quantity is
// "unset".
type Quantity struct {
	text string // a plain decimal (no exponent), or "" when unset
}

// QuantityRule is the rule ZEN's OpenAPI file sets on item quantities; it
// appears in ValidationError.Rule.
const QuantityRule = "must be a number of at least 1"

// NewQuantity returns the whole quantity n.
func NewQuantity(n int64) Quantity { return Quantity{text: strconv.FormatInt(n, 10)} }

// ParseQuantity parses a plain decimal ("2", "1.5", "0.25") or a JSON
// number with an exponent ("15e-1", kept as "1.5"). It does not check the
// ≥ 1 rule (see Validate), so an answer with an odd quantity still reads.
func ParseQuantity(s string) (Quantity, error) {
	if len(s) > 64 {
		return Quantity{}, fmt.Errorf("zen: quantity too long (%d characters)", len(s))
	}
	if isDecimal(s, true) {
		return Quantity{text: withoutLeadingZeros(s)}, nil
	}
	var n json.Number
	if s == "" || s[0] == '+' || json.Unmarshal([]byte(s), &n) != nil || n.String() != s {
		return Quantity{}, fmt.Errorf("zen: invalid quantity %q: must be a decimal number", s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Quantity{}, fmt.Errorf("zen: invalid quantity %q: must be a decimal number", s)
	}
	return QuantityFromDecimal(d), nil
}

// withoutLeadingZeros drops the zeros before a plain decimal's first
// digit that counts ("007" → "7", "-00.5" → "-0.5"): a JSON number has
// none, and a quantity is sent as one.
func withoutLeadingZeros(s string) string {
	sign, digits := "", s
	if len(digits) > 0 && digits[0] == '-' {
		sign, digits = "-", digits[1:]
	}
	i := 0
	for i+1 < len(digits) && digits[i] == '0' && digits[i+1] >= '0' && digits[i+1] <= '9' {
		i++
	}
	if i == 0 {
		return s
	}
	return sign + digits[i:]
}

// MustQuantity is ParseQuantity for constants in code and tests; it panics
// on invalid input.
func MustQuantity(s string) Quantity {
	q, err := ParseQuantity(s)
	if err != nil {
		panic(err)
	}
	return q
}

// QuantityFromDecimal returns d as a Quantity, written without an exponent
// and without trailing zeros after the point.
func QuantityFromDecimal(d decimal.Decimal) Quantity { return Quantity{text: d.String()} }

// IsZero reports whether the Quantity is unset (not whether its value is 0).
func (q Quantity) IsZero() bool { return q.text == "" }

// String returns the exact decimal text, or "" when unset.
func (q Quantity) String() string { return q.text }

// Decimal returns the value as a decimal.Decimal (zero when unset).
func (q Quantity) Decimal() decimal.Decimal { return decimalOf(q.text) }

// Int64 returns the quantity as an integer and true when it is whole and
// fits in an int64 ("2", "2.0"); otherwise 0 and false.
func (q Quantity) Int64() (int64, bool) {
	if q.text == "" {
		return 0, false
	}
	d := q.Decimal()
	if !d.IsInteger() || d.Cmp(decimal.NewFromInt(1<<62)) > 0 || d.Cmp(decimal.NewFromInt(-1<<62)) < 0 {
		return 0, false
	}
	return d.IntPart(), true
}

// Equal reports whether q and o have the same numeric value ("2" equals "2.0").
func (q Quantity) Equal(o Quantity) bool {
	if q.text == "" || o.text == "" {
		return q.text == o.text
	}
	return q.Decimal().Equal(o.Decimal())
}

// Validate checks ZEN's rule for item quantities: a number of at least 1
// (ZEN's OpenAPI file, "Item": type number, minimum 1).
func (q Quantity) Validate() error {
	if q.text == "" {
		return errors.New(QuantityRule)
	}
	cmp, fits := fixed.Parse(q.text).Cmp(one)
	if !fits {
		cmp = q.Decimal().Cmp(decimal.NewFromInt(1))
	}
	if cmp < 0 {
		return errors.New(QuantityRule)
	}
	return nil
}

var one = fixed.Parse("1")

// MarshalJSON writes the decimal text as a JSON number; an unset Quantity is
// written as null.
func (q Quantity) MarshalJSON() ([]byte, error) { return q.JSONAppend(jsonx.Inline{}, nil), nil }

// JSONAppend appends MarshalJSON's bytes to b, for the SDK's JSON engine.
func (q Quantity) JSONAppend(_ jsonx.Inline, b []byte) []byte {
	if q.text == "" {
		return append(b, "null"...)
	}
	return append(b, q.text...)
}

// UnmarshalJSON accepts a JSON number or a numeric string (ZEN's examples
// and its docs disagree); null and "" leave the Quantity unset. Anything
// else is an error, never a silent zero.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return fmt.Errorf("zen: quantity: %w", err)
	}
	if s == "" {
		*q = Quantity{}
		return nil
	}
	v, err := ParseQuantity(s)
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (q Quantity) MarshalText() ([]byte, error) { return []byte(q.text), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (q *Quantity) UnmarshalText(b []byte) error {
	v, err := ParseQuantity(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// MulQuantity returns a × q rounded half away from zero to a's decimals (the
// line total of an item whose quantity has a fraction).
func (a Amount) MulQuantity(q Quantity) Amount {
	return AmountFromDecimal(a.Decimal().Mul(q.Decimal()), a.Scale())
}

// LineTotalMatches reports whether total is price × quantity: exactly, or
// rounded half away from zero to the decimals written in price or total,
// whichever are more (a fractional quantity makes more decimals than money
// has). It is the check the SDK and zentest apply to items.
func LineTotalMatches(price Amount, quantity Quantity, total Amount) bool {
	// Exact int64 arithmetic while it fits (no math/big on every item of
	// every request), decimals otherwise: the same answer either way
	// (TestLineTotalMatchesAgreesWithDecimal).
	if match, ok := lineTotalMatchesFixed(price, quantity, total); ok {
		return match
	}
	return lineTotalMatchesDecimal(price, quantity, total)
}

// lineTotalMatchesFixed is LineTotalMatches in int64 arithmetic; ok is
// false when a value, the product or its rounding does not fit, and then
// match means nothing.
func lineTotalMatchesFixed(price Amount, quantity Quantity, total Amount) (match, ok bool) {
	t := fixed.Parse(total.text)
	product, ok := fixed.Parse(price.text).Mul(fixed.Parse(quantity.text))
	if !ok {
		return false, false
	}
	cmp, fits := product.Cmp(t)
	if !fits {
		return false, false
	}
	if cmp == 0 {
		return true, true
	}
	rounded, ok := product.Round(max(price.Scale(), total.Scale()))
	if !ok {
		return false, false
	}
	cmp, fits = rounded.Cmp(t)
	return fits && cmp == 0, fits
}

// lineTotalMatchesDecimal is LineTotalMatches in decimals, for values that
// do not fit in an int64.
func lineTotalMatchesDecimal(price Amount, quantity Quantity, total Amount) bool {
	product := price.Decimal().Mul(quantity.Decimal())
	if product.Equal(total.Decimal()) {
		return true
	}
	return product.Round(max(price.Scale(), total.Scale())).Equal(total.Decimal())
}
