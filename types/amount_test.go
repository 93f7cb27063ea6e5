package types

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAmountKeepsItsText(t *testing.T) {
	for _, s := range []string{"10.00", "0", "0.5", "123.040", "9999999999999999.999999999999", "-5.25"} {
		a, err := ParseAmount(s)
		require.NoError(t, err, s)
		b, err := json.Marshal(a)
		require.NoError(t, err)
		assert.Equal(t, `"`+s+`"`, string(b))
	}
}

func TestAmountImmuneToShopspringSwitches(t *testing.T) {
	oldQuotes, oldTrim := decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros
	decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = true, true
	defer func() { decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = oldQuotes, oldTrim }()
	b, err := json.Marshal(struct {
		A Amount `json:"a"`
		B Amount `json:"b"`
	}{MustAmount("10.00"), AmountFromDecimal(decimal.RequireFromString("3"), 2)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":"10.00","b":"3.00"}`, string(b))
	assert.Equal(t, `{"a":"10.00","b":"3.00"}`, string(b))
}

func TestAmountRejectsBadInput(t *testing.T) {
	for _, s := range []string{"", " 1", "1e3", "+1", "1.", ".5", "1,00", "NaN", "12345678901234567", "1.1234567890123", "--1", "0x10"} {
		_, err := ParseAmount(s)
		assert.Error(t, err, "%q", s)
	}
	var a Amount
	assert.Error(t, json.Unmarshal([]byte(`"abc"`), &a))
	assert.Error(t, json.Unmarshal([]byte(`true`), &a))
	assert.Error(t, json.Unmarshal([]byte(`1e5`), &a))
	require.NoError(t, json.Unmarshal([]byte(`12.30`), &a), "numbers are accepted leniently")
	assert.Equal(t, "12.30", a.String())
	require.NoError(t, json.Unmarshal([]byte(`null`), &a))
	assert.True(t, a.IsZero())
	// "" is an absent amount too (a sloppy optional fee.amount must not
	// fail decoding of the whole transaction); it stays unset, never 0.
	a = MustAmount("1")
	require.NoError(t, json.Unmarshal([]byte(`""`), &a))
	assert.True(t, a.IsZero())
	assert.Error(t, a.Validate(), "unset is still refused where an amount is required")
}

func TestAmountValidateAndArithmetic(t *testing.T) {
	assert.NoError(t, MustAmount("1.00").Validate())
	assert.Error(t, MustAmount("-1.00").Validate())
	assert.NoError(t, MustAmount("-1.00").ValidateSigned())
	assert.Error(t, Amount{}.Validate())
	assert.Equal(t, "10.50", AmountFromMinor(1050, 2).String())
	assert.Equal(t, "0.05", AmountFromMinor(5, 2).String())
	assert.Equal(t, "-0.05", AmountFromMinor(-5, 2).String())
	assert.Equal(t, "13.000", MustAmount("10.5").Add(MustAmount("2.500")).String())
	assert.Equal(t, "8.0", MustAmount("10.5").Sub(MustAmount("2.5")).String())
	assert.Equal(t, "31.50", MustAmount("10.50").Mul(3).String())
	assert.True(t, MustAmount("10").Equal(MustAmount("10.000")))
	assert.Equal(t, -1, MustAmount("9.99").Cmp(MustAmount("10")))
	assert.Equal(t, "10.01", AmountFromDecimal(decimal.RequireFromString("10.005"), 2).String())
	b, _ := json.Marshal(Amount{})
	assert.Equal(t, "null", string(b))
}

func FuzzAmountCodec(f *testing.F) {
	for _, s := range []string{`"10.00"`, `"0"`, `"-1.5"`, `1.25`, `null`, `"1e3"`, `"９"`, `"00001.10"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var a Amount
		if json.Unmarshal(b, &a) != nil {
			return
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var back Amount
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("own output %s does not decode: %v", out, err)
		}
		if back.String() != a.String() || !back.Equal(a) {
			t.Fatalf("round trip changed %q to %q", a, back)
		}
		if !a.IsZero() && a.ValidateSigned() != nil {
			t.Fatalf("decoded amount %q breaks the signed pattern", a)
		}
	})
}

// TestAmountUnmarshalMalformedQuotes: a lone or unbalanced quote is an
// error, never a panic.
func TestAmountUnmarshalMalformedQuotes(t *testing.T) {
	for _, in := range []string{`"`, `"1`, `"1\"`, `"\u0031"`} {
		var a Amount
		err := a.UnmarshalJSON([]byte(in))
		if in == `"\u0031"` {
			require.NoError(t, err)
			assert.Equal(t, "1", a.String(), "escapes are decoded")
			continue
		}
		assert.Error(t, err, "%q", in)
	}
}
