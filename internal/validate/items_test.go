package validate

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/zen-go/zen/internal/fixed"
	"github.com/zen-go/zen/internal/fixed/fixedtest"
	"github.com/zen-go/zen/types"
)

// itemsByDecimal is Items' sum rules written with Amount's own decimal
// arithmetic, the reference the integer fast path must agree with.
func itemsByDecimal(items []types.Item, total types.Amount) []string {
	var fails []string
	sum := types.AmountFromMinor(0, 0)
	for i, it := range items {
		if !types.LineTotalMatches(it.Price, it.Quantity, it.LineAmountTotal) {
			fails = append(fails, fmt.Sprintf("items[%d].lineAmountTotal: must equal price × quantity (%s)", i, it.Price.MulQuantity(it.Quantity)))
		}
		sum = sum.Add(it.LineAmountTotal)
	}
	if !total.IsZero() && !sum.Equal(total) {
		fails = append(fails, fmt.Sprintf("items: lineAmountTotal values must add up to amount %s (they add up to %s)", total, sum))
	}
	return fails
}

func randomAmount(r *rand.Rand) types.Amount { return types.MustAmount(fixedtest.Amount(r, true)) }

// rescaled writes a with up to three more (or, when they are zeros, fewer)
// fraction digits, keeping its value; it returns a when that would break
// ZEN's pattern.
func rescaled(r *rand.Rand, a types.Amount) types.Amount {
	s := a.String()
	if !strings.Contains(s, ".") {
		s += "."
	}
	s += strings.Repeat("0", r.IntN(4))
	s = strings.TrimSuffix(s, ".")
	if r.IntN(2) == 0 && strings.Contains(s, ".") {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	if b, err := types.ParseAmount(s); err == nil {
		return b
	}
	return a
}

// TestItemsSumsAgreeWithDecimal checks the integer arithmetic of Items
// against decimals on random items: small and huge amounts, every scale,
// negative prices, quantities up to 2^62, lines right and wrong, totals
// right and wrong, so both the fast path and its overflow fallback run
// (counted: the test fails when either runs rarely).
func TestItemsSumsAgreeWithDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var fast, slow int // sums compared in int64, and left to decimals
	for range 20000 {
		items := make([]types.Item, 1+r.IntN(4))
		for i := range items {
			qty := int64(1 + r.IntN(5))
			if r.IntN(8) == 0 {
				qty = 1 + r.Int64N(1<<62)
			}
			price := randomAmount(r)
			items[i] = types.Item{Name: "x", Price: price, Quantity: types.NewQuantity(qty), LineAmountTotal: price.Mul(qty)}
			switch r.IntN(4) {
			case 0:
				items[i].LineAmountTotal = randomAmount(r)
			case 1: // the same value at another scale: "10.5" is "10.500"
				items[i].LineAmountTotal = rescaled(r, items[i].LineAmountTotal)
			}
			if items[i].LineAmountTotal.Validate() != nil && items[i].LineAmountTotal.ValidateSigned() != nil {
				items[i].LineAmountTotal = randomAmount(r) // the product outgrew ZEN's pattern
			}
		}
		total := types.AmountFromMinor(0, 0)
		for _, it := range items {
			total = total.Add(it.LineAmountTotal)
		}
		switch r.IntN(4) {
		case 0:
			total = randomAmount(r)
		case 1:
			total = types.Amount{}
		case 2:
			total = rescaled(r, total)
		}
		if total.ValidateSigned() != nil {
			total = types.Amount{}
		}
		c := New()
		c.Items(items, total)
		var got []string
		var ve *types.ValidationError
		for _, err := range c.errs {
			if !errors.As(err, &ve) {
				t.Fatalf("not a ValidationError: %v", err)
			}
			got = append(got, ve.Field+": "+ve.Rule)
		}
		if want := itemsByDecimal(items, total); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("items %v total %v:\ngot  %q\nwant %q", items, total, got, want)
		}
		if total.IsZero() {
			continue // no sum to compare
		}
		var sum fixed.Num
		for _, it := range items {
			sum, _ = sum.Add(fixed.Parse(it.LineAmountTotal.String()))
		}
		if _, fits := sum.Cmp(fixed.Parse(total.String())); fits {
			fast++
		} else {
			slow++
		}
	}
	if fast < 2000 || slow < 2000 {
		t.Fatalf("sums compared in int64 %d, left to decimals %d: both paths need exercise", fast, slow)
	}
}
