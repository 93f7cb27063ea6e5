package validate

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/zen-go/zen/types"
)

func fields(err error) map[string]string {
	out := map[string]string{}
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var ve *types.ValidationError
		if errors.As(e, &ve) {
			out[ve.Field] = ve.Rule
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

func TestCheckerPathsAndRules(t *testing.T) {
	v := New()
	v.MerchantTransactionID("merchantTransactionId", "bad\x00id", true)
	v.Currency("currency", "eur")
	v.Amount("amount", types.Amount{}, true)
	v.At("customer").Customer(&types.TransactionCustomer{}, true, true)
	v.At("billingAddress").Address(&types.Address{Postcode: "31_137", Phone: "+48 600", Country: "Germany"})
	v.UUID("transactionId", "nope", true)
	v.URL("customIpnUrl", "ftp://x", 1024)
	v.Len("ticket", "12345", 6, 6)
	got := fields(v.Err())
	assert.Equal(t, map[string]string{
		"merchantTransactionId":   "must match " + MerchantTransactionID.String(),
		"currency":                "must be an ISO 4217 code of three capital letters",
		"amount":                  "is required",
		"customer.email":          "is required",
		"customer.ip":             "is required",
		"billingAddress.postcode": "must match " + Postcode.String(),
		"billingAddress.phone":    "must match " + Phone.String(),
		"billingAddress.country":  "must be an ISO 3166 code of two capital letters",
		"transactionId":           "must be a UUID",
		"customIpnUrl":            "must be an absolute http or https URL",
		"ticket":                  "must be exactly 6 characters",
	}, got)
	assert.True(t, errors.Is(v.Err(), types.ErrValidation))
}

func TestCheckerItems(t *testing.T) {
	items := []types.Item{
		types.NewItem("a", types.MustAmount("10.00"), 2),
		{Name: "b", Price: types.MustAmount("5.00"), Quantity: types.NewQuantity(1), LineAmountTotal: types.MustAmount("6.00")},
	}
	v := New()
	v.Items(items, types.MustAmount("26.00"))
	assert.Equal(t, map[string]string{"items[1].lineAmountTotal": "must equal price × quantity (5.00)"}, fields(v.Err()))

	items[1].LineAmountTotal = types.MustAmount("5.00")
	v = New()
	v.Items(items, types.MustAmount("26.00"))
	assert.Equal(t, map[string]string{"items": "lineAmountTotal values must add up to amount 26.00 (they add up to 25.00)"}, fields(v.Err()))

	v = New()
	v.Items(append(items, types.NewItem("discount", types.MustAmount("-5.00"), 1)), types.MustAmount("20"))
	assert.NoError(t, v.Err(), "negative lines (discounts) count")

	v = New()
	v.Items([]types.Item{{Price: types.MustAmount("1"), Quantity: types.NewQuantity(0), LineAmountTotal: types.MustAmount("0")}}, types.MustAmount("1"))
	got := fields(v.Err())
	assert.Equal(t, "is required", got["items[0].name"])
	assert.Equal(t, types.QuantityRule, got["items[0].quantity"])
	assert.NotContains(t, got, "items", "no sum check when an item is broken")
}

func TestCheckerLengthsCountCharacters(t *testing.T) {
	v := New()
	v.MaxLen("name", strings.Repeat("ł", 128), 128)
	assert.NoError(t, v.Err())
	v.MaxLen("name", strings.Repeat("ł", 129), 128)
	assert.Equal(t, map[string]string{"name": "must be at most 128 characters"}, fields(v.Err()))
	assert.Nil(t, New().Err())
}

// TestItemTypeIsChecked checks the enum ZEN's schema gives item.type
// (physical or digital); empty means "not sent".
func TestItemTypeIsChecked(t *testing.T) {
	items := []types.Item{types.NewItem("a", types.MustAmount("1.00"), 1), types.NewItem("b", types.MustAmount("1.00"), 1), types.NewItem("c", types.MustAmount("1.00"), 1)}
	items[0].Type = types.ItemPhysical
	items[1].Type = "Physical"
	v := New()
	v.Items(items, types.MustAmount("3.00"))
	assert.Equal(t, map[string]string{"items[1].type": "must be physical or digital"}, fields(v.Err()))
}

// TestAddressExtraMustBeScalar checks ZEN's rule that an address's
// additional properties are integers, numbers, strings or booleans.
func TestAddressExtraMustBeScalar(t *testing.T) {
	v := New()
	v.At("billingAddress").Address(&types.Address{Extra: map[string]any{"floor": 3, "note": "x", "vip": true, "ratio": 1.5, "nested": map[string]any{"a": 1}, "list": []int{1}, "nil": nil}})
	assert.Equal(t, map[string]string{
		"billingAddress.nested": "must be a string, number or boolean (additional address properties are scalars)",
		"billingAddress.list":   "must be a string, number or boolean (additional address properties are scalars)",
		"billingAddress.nil":    "must be a string, number or boolean (additional address properties are scalars)",
	}, fields(v.Err()))
}

func TestEmail(t *testing.T) {
	good := []string{"a@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie",
		"x_y-z@xn--bcher-kva.example", "A@EXAMPLE.COM", strings.Repeat("l", 64) + "@example.com"}
	for _, e := range good {
		assert.True(t, IsEmail(e), e)
	}
	bad := []string{"x", "EUR", "😀", "@example.com", "a@", "a@b", "a@@b.com", "a@b@c.com",
		"a b@example.com", " a@example.com", "a@example.com ", "A <a@example.com>", `"a b"@example.com`,
		"a..b@example.com", ".a@example.com", "a.@example.com", "a@example..com", "a@.example.com",
		"a@example.com.", "a@-example.com", "a@example-.com", "a@[127.0.0.1]", "a@exa_mple.com",
		"ü@example.com", "a@bücher.example", "a@example.com\n", "a\x00@example.com",
		strings.Repeat("l", 65) + "@example.com"}
	for _, e := range bad {
		assert.False(t, IsEmail(e), "%q", e)
	}

	v := New()
	v.Email("email", "x", true)
	v.Email("optional", "", false)
	v.Email("required", "", true)
	v.Email("long", strings.Repeat("a", 250)+"@example.com", false)
	assert.Equal(t, map[string]string{
		"email":    EmailRule,
		"required": "is required",
		"long":     "must be at most 256 characters",
	}, fields(v.Err()))
}

func TestPathParam(t *testing.T) {
	v := New()
	assert.True(t, v.PathParam("ok", "a/b?c d", MaxPathParam))
	v.PathParam("empty", "", MaxPathParam)
	v.PathParam("dot", ".", MaxPathParam)
	v.PathParam("dotdot", "..", MaxPathParam)
	v.PathParam("long", strings.Repeat("x", 100<<10), MaxPathParam)
	v.PathParam("ctl", "a\nb", MaxPathParam)
	v.PathParam("del", "a\x7fb", MaxPathParam)
	assert.Equal(t, map[string]string{
		"empty":  "is required",
		"dot":    "must not be a dot segment",
		"dotdot": "must not be a dot segment",
		"long":   "must be at most 256 characters",
		"ctl":    "must not contain control characters",
		"del":    "must not contain control characters",
	}, fields(v.Err()))
}

func TestFilter(t *testing.T) {
	v := New()
	assert.True(t, v.Filter("empty", ""))
	assert.True(t, v.Filter("inner", "a b"))
	v.Filter("blank", " \t ")
	v.Filter("lead", " a")
	v.Filter("trail", "a\n")
	assert.Equal(t, map[string]string{
		"blank": "must not be blank (leave it empty for no filter)",
		"lead":  "must not start or end with whitespace",
		"trail": "must not start or end with whitespace",
	}, fields(v.Err()))
}

func TestContext(t *testing.T) {
	assert.NoError(t, Context(context.Background()))
	var ve *types.ValidationError
	//lint:ignore SA1012 the nil context is what is tested
	err := Context(nil)
	if assert.True(t, errors.As(err, &ve)) {
		assert.Equal(t, types.ValidationError{Field: "ctx", Rule: "is required"}, *ve)
	}
}

// TestCheckerPathJoins pins how names join into a path, which Fail writes
// out from the chain of Checkers: '.' only between two non-empty parts,
// an index as part of its element's name.
func TestCheckerPathJoins(t *testing.T) {
	v := New()
	v.Fail("top", "r")
	v.Fail("", "r")
	v.At("").Fail("x", "r")
	v.At("a").At("").Fail("b", "r")
	v.At("a").Fail("", "r")
	v.Index("items", 12).At("card").Fail("cvv", "r")
	v.Index("", 2).Fail("x", "r")
	v.At("a").Index("", 1).Fail("", "r")
	v.At("a").Index("b", -1).Index("c", 0).Fail("d", "r")
	var got []string
	for _, err := range v.errs {
		got = append(got, err.(*types.ValidationError).Field)
	}
	assert.Equal(t, []string{"top", "", "x", "a.b", "a", "items[12].card.cvv", "[2].x", "a.[1]", "a.b[-1].c[0].d"}, got)
}

// lenByCount is Len as it was written, counting every string's characters:
// the oracle for Len's byte-length shortcut. It returns the rule of the
// failure, or "".
func lenByCount(v string, minLen, maxLen int) string {
	n := utf8.RuneCountInString(v)
	if n < minLen || (maxLen > 0 && n > maxLen) {
		switch {
		case minLen == maxLen:
			return fmt.Sprintf("must be exactly %d characters", minLen)
		case maxLen <= 0:
			return fmt.Sprintf("must be at least %d characters", minLen)
		case minLen <= 1 && n == 0:
			return "is required"
		case minLen == 0:
			return fmt.Sprintf("must be at most %d characters", maxLen)
		default:
			return fmt.Sprintf("must be %d to %d characters", minLen, maxLen)
		}
	}
	return ""
}

// TestLenAgreesWithCounting holds Len to lenByCount on random strings of
// one- to four-byte characters and invalid bytes, around every bound.
func TestLenAgreesWithCounting(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	parts := []string{"a", "é", "€", "𝄞", "\xff", "\xe2\x82"}
	for range 100000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		v, minLen, maxLen := b.String(), r.IntN(10), r.IntN(30)-2
		c := New()
		ok := c.Len("f", v, minLen, maxLen)
		want, got := lenByCount(v, minLen, maxLen), ""
		if len(c.errs) > 0 {
			got = c.errs[0].(*types.ValidationError).Rule
		}
		if got != want || ok != (want == "") || len(c.errs) > 1 {
			t.Fatalf("Len(%q, %d, %d) = %v %q, counting says %q", v, minLen, maxLen, ok, got, want)
		}
	}
}
