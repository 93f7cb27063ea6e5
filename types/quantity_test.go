package types

import (
	"encoding/json"
	"testing"

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
		assert.Error(t, json.Unmarshal([]byte(in), &q), in)
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
