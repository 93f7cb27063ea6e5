package types

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/internal/fixed/fixedtest"
	"github.com/zen-go/zen/internal/jsonx"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuantityReadsNumbersAndStrings(t *testing.T) {
	for in, want := range map[string]string{`1`: "1", `1.5`: "1.5", `"2.25"`: "2.25", `1.0`: "1.0", `15e-1`: "1.5", `"3"`: "3", `null`: "", `""`: ""} {
		var q Quantity
		require.NoError(t, json.Unmarshal([]byte(in), &q), in)
		assert.Equal(t, want, q.String(), in)
	}
	for _, in := range []string{`"1,5"`, `true`, `"x"`, `{}`, `"+1"`} {
		var q Quantity
		assert.ErrorContains(t, json.Unmarshal([]byte(in), &q), "must be a decimal number", in)
	}
}

// TestQuantityDropsLeadingZeros: a JSON number has no leading zeros, so
// "007" is kept as 7 and every quantity's JSON is a valid number, through
// encoding/json and the SDK's engine alike.
func TestQuantityDropsLeadingZeros(t *testing.T) {
	for in, want := range map[string]string{"007": "7", "00.5": "0.5", "-01": "-1", "-00.25": "-0.25", "0": "0", "10": "10", "0.0": "0.0", "1.50": "1.50"} {
		q, err := ParseQuantity(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, q.String(), in)
		for _, enc := range []func(any) ([]byte, error){json.Marshal, jsonx.Marshal} {
			b, err := enc(struct{ Q Quantity }{q})
			require.NoError(t, err, in)
			assert.Equal(t, `{"Q":`+want+`}`, string(b), in)
		}
	}
}

func TestQuantityIsSentAsAJSONNumber(t *testing.T) {
	b, err := json.Marshal(Item{Name: "Coffee", Price: MustAmount("24.95"), Quantity: MustQuantity("1.5"), LineAmountTotal: MustAmount("37.43")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Coffee","price":"24.95","quantity":1.5,"lineAmountTotal":"37.43"}`, string(b))
	assert.Contains(t, string(b), `"quantity":1.5`, "a number, not a string")
}

func TestQuantityRuleAndLineTotal(t *testing.T) {
	assert.NoError(t, NewQuantity(1).Validate())
	assert.NoError(t, MustQuantity("1.001").Validate())
	assert.EqualError(t, MustQuantity("0.5").Validate(), QuantityRule)
	assert.EqualError(t, Quantity{}.Validate(), QuantityRule)

	it := NewItemQuantity("Coffee", MustAmount("24.95"), MustQuantity("1.5"))
	assert.Equal(t, "37.43", it.LineAmountTotal.String(), "37.425 rounded half away from zero")
	assert.True(t, LineTotalMatches(it.Price, it.Quantity, it.LineAmountTotal))
	assert.True(t, LineTotalMatches(it.Price, it.Quantity, MustAmount("37.425")), "the exact product")
	assert.False(t, LineTotalMatches(it.Price, it.Quantity, MustAmount("37.42")))
	assert.Equal(t, NewItem("Mug", MustAmount("6.17"), 2), NewItemQuantity("Mug", MustAmount("6.17"), NewQuantity(2)))

	n, ok := MustQuantity("2.0").Int64()
	assert.True(t, ok)
	assert.Equal(t, int64(2), n)
	_, ok = MustQuantity("2.5").Int64()
	assert.False(t, ok)
	assert.True(t, MustQuantity("2.0").Equal(NewQuantity(2)))
}

// randomQuantity is a whole quantity (up to 2^62), a fraction such as 1.5
// or 2.25 whose products land on halves, or any decimal of ZEN's pattern.
func randomQuantity(r *rand.Rand) Quantity {
	switch r.IntN(4) {
	case 0:
		return NewQuantity(1 + r.Int64N(5))
	case 1:
		return NewQuantity(1 + r.Int64N(1<<62))
	case 2:
		return MustQuantity(strconv.Itoa(1+r.IntN(9)) + "." + []string{"5", "25", "125", "05", "333", "0"}[r.IntN(6)])
	}
	return MustQuantity(fixedtest.Amount(r, r.IntN(8) == 0))
}

// TestLineTotalMatchesAgreesWithDecimal holds LineTotalMatches (int64
// arithmetic while it fits) to lineTotalMatchesDecimal, the same rule in
// decimals: random prices of either sign, whole, fractional and huge
// quantities, and totals that are the exact product, the product rounded
// to each scale (halves included), a unit off, rescaled, or random. It
// fails unless the int64 path answers often and leaves decimals often.
func TestLineTotalMatchesAgreesWithDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var matched, fast, slow int
	for range 100000 {
		price, qty := MustAmount(fixedtest.Amount(r, true)), randomQuantity(r)
		product := price.Decimal().Mul(qty.Decimal())
		var total Amount
		switch k := r.IntN(6); k {
		case 0, 1, 2: // the product at some scale, rounded or not
			places := int32(r.IntN(14))
			if k == 0 {
				places = price.Scale()
			}
			total = AmountFromDecimal(product, places)
		case 3: // a unit off in the last place
			total = AmountFromDecimal(product.Add(decimal.New(int64(1-2*r.IntN(2)), -price.Scale())), price.Scale())
		case 4:
			total = MustAmount(fixedtest.Amount(r, true))
		case 5: // the rounded product written with trailing zeros
			total = AmountFromDecimal(product.Round(price.Scale()), price.Scale()+int32(r.IntN(3)))
		}
		if total.ValidateSigned() != nil {
			total = MustAmount(fixedtest.Amount(r, true)) // the product outgrew ZEN's pattern
		}
		want := lineTotalMatchesDecimal(price, qty, total)
		if got := LineTotalMatches(price, qty, total); got != want {
			t.Fatalf("LineTotalMatches(%s, %s, %s) = %v, decimals say %v", price, qty, total, got, want)
		}
		if want {
			matched++
		}
		if match, ok := lineTotalMatchesFixed(price, qty, total); ok {
			fast++
			if match != want {
				t.Fatalf("lineTotalMatchesFixed(%s, %s, %s) = %v, decimals say %v", price, qty, total, match, want)
			}
		} else {
			slow++
		}
	}
	if matched < 10000 || fast < 10000 || slow < 1000 {
		t.Fatalf("matched %d, answered in int64 %d, left to decimals %d: every path needs exercise", matched, fast, slow)
	}
}

func TestLineTotalMatchesEdges(t *testing.T) {
	for _, tc := range []struct {
		price, qty, total string
		want              bool
	}{
		{"24.95", "1.5", "37.43", true}, {"24.95", "1.5", "37.425", true}, {"24.95", "1.5", "37.42", false},
		{"-24.95", "1.5", "-37.43", true}, {"-24.95", "1.5", "-37.42", false}, {"-24.95", "1.5", "-37.4250", true},
		{"10", "3", "30.00", true}, {"10.00", "3", "30", true}, {"0.01", "0.5", "0.01", true}, {"-0.01", "0.5", "-0.01", true},
		{"0.01", "0.5", "0", false}, {"0.01", "0.5", "0.005", true}, {"1.15", "1.5", "1.7", false}, {"1.15", "1.5", "1.73", true},
		{"9999999999999999.99", "1", "9999999999999999.99", true},
		{"9999999999999999.999999999999", "2", "9999999999999999.999999999999", false},
		{"4611686018427.387904", "2", "9223372036854.775808", true}, // the product is 2^63 units: past int64
		{"4611686018427.387903", "2", "9223372036854.775806", true},
		{"0.000000000001", "4611686018427387904", "4611686.018427387904", true},
		{"1", "0.333", "0", true}, {"1", "0.333", "1", false}, {"1", "0.333", "0.333", true}, {"3", "0.333", "1", true},
	} {
		price, qty, total := MustAmount(tc.price), MustQuantity(tc.qty), MustAmount(tc.total)
		if got := LineTotalMatches(price, qty, total); got != tc.want || lineTotalMatchesDecimal(price, qty, total) != tc.want {
			t.Errorf("LineTotalMatches(%s, %s, %s) = %v, decimals %v, want %v", tc.price, tc.qty, tc.total, got, lineTotalMatchesDecimal(price, qty, total), tc.want)
		}
	}
}

// TestQuantityValidateAgreesWithDecimal holds Validate's int64 comparison
// to the decimal one on quantities around 1, fractions, huge and tiny ones.
func TestQuantityValidateAgreesWithDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	qs := []Quantity{{}, MustQuantity("1"), MustQuantity("1.0"), MustQuantity("0.999999999999"), MustQuantity("-1"),
		MustQuantity("1e30"), MustQuantity("1e-30"), MustQuantity("10000000000000000000000000000.000001"), MustQuantity("0")}
	for range 20000 {
		qs = append(qs, randomQuantity(r), MustQuantity(fixedtest.Amount(r, true)))
	}
	for _, q := range qs {
		want := q.text == "" || q.Decimal().LessThan(decimal.NewFromInt(1))
		if got := q.Validate() != nil; got != want {
			t.Fatalf("Quantity(%q).Validate() fails: %v, decimals say %v", q.text, got, want)
		}
	}
}
