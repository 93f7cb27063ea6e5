package zen

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/types"
)

// TestObjectsToleratesDrift decodes a drifted variant of each object the
// SDK reads besides the transaction (whose corpus is in types/testdata):
// unknown members at every level, numbers as strings and back, date-only
// dates, nulls, "" and values that cannot be read. Each decodes, keeps
// what it can read, and writes back every member it carried.
func TestObjectsTolerateDrift(t *testing.T) {
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		in    string
		v     any
		check func(t *testing.T, v any)
	}{
		{"product", `{"id":"p1","merchantId":42,"name":"Gold","description":"","type":"PRODUCT","status":"ARCHIVED_LATER",
			"createdAt":"2024-01-01","updatedAt":"2024-01-01 10:00:00","deletedAt":"","images":[{"url":"u","w":1}]}`, &Product{},
			func(t *testing.T, v any) {
				p := v.(*Product)
				assert.Equal(t, types.FlexString("42"), p.MerchantID)
				assert.Equal(t, day, p.CreatedAt)
				assert.Nil(t, p.DeletedAt)
				assert.JSONEq(t, `[{"url":"u","w":1}]`, string(p.Extra["images"]))
			}},
		{"plan", `{"id":"pl","productId":"p1","status":"ACTIVE","amount":19.99,"currency":"EUR","intervalUnit":"FORTNIGHT",
			"intervalCount":"2","trialPeriodDays":1.0,"chargeDay":"x","setupFee":null,"chargeRetry":"true",
			"createdAt":"2024-01-01T00:00:00Z","updatedAt":"soon","tiers":[{"upTo":10}]}`, &Plan{},
			func(t *testing.T, v any) {
				p := v.(*Plan)
				assert.Equal(t, "19.99", p.Amount.String())
				assert.Equal(t, types.FlexInt(2), p.IntervalCount)
				assert.Equal(t, types.FlexInt(1), p.TrialPeriodDays)
				assert.Zero(t, p.ChargeDay)
				assert.JSONEq(t, `"x"`, string(p.Extra["chargeDay"]))
				assert.True(t, p.ChargeRetry)
				assert.True(t, p.UpdatedAt.IsZero())
				assert.JSONEq(t, `"soon"`, string(p.Extra["updatedAt"]))
			}},
		{"subscription", `{"id":"s1","planId":"pl","customerId":"c1","status":"PAUSED","startDate":"2024-01-01T08:00:00Z",
			"nextChargeDate":"","remainingCount":"3","createdAt":"2024-01-01","updatedAt":"2024-01-01","trial":{"days":14}}`, &Subscription{},
			func(t *testing.T, v any) {
				s := v.(*Subscription)
				assert.Equal(t, types.Date{Year: 2024, Month: time.January, Day: 1}, *s.StartDate)
				assert.Nil(t, s.NextChargeDate)
				assert.Equal(t, types.FlexInt(3), *s.RemainingCount)
				assert.JSONEq(t, `{"days":14}`, string(s.Extra["trial"]))
			}},
		{"payment link", `{"id":"l1","url":"https://x","amount":{"amount":"10.00","currency":"EUR","fx":1},
			"customer":{"email":"a@example.com","phone":"+48","address":{"city":"W"}},"items":[{"name":"A","price":5,"quantity":"2","sku":"S"},{"name":"B","quantity":1.5}],
			"createdAt":"2024-01-01","hidden":"false","language":"pl"}`, &PaymentLink{},
			func(t *testing.T, v any) {
				l := v.(*PaymentLink)
				assert.Equal(t, day, *l.CreatedAt)
				assert.False(t, *l.Hidden)
				assert.JSONEq(t, `{"city":"W"}`, string(l.Customer.Extra["address"]))
				assert.Equal(t, types.NewQuantity(2), l.Items[0].Quantity)
				assert.JSONEq(t, `"S"`, string(l.Items[0].Extra["sku"]))
				assert.Equal(t, types.MustQuantity("1.5"), l.Items[1].Quantity, "a fractional quantity reads exactly")
			}},
		{"customer", `{"id":"c1","email":"a@example.com","phone":48500100200,"createdAt":"2024-01-01","tags":["vip"]}`, &Customer{},
			func(t *testing.T, v any) {
				c := v.(*Customer)
				assert.Equal(t, "48500100200", c.Phone)
				assert.Equal(t, []any{"vip"}, c.Extra["tags"])
			}},
		{"saved card", `{"id":"k1","organization":"VISA","last4":1111,"expMonth":"12","isDefault":true}`, &Card{},
			func(t *testing.T, v any) {
				assert.JSONEq(t, `1111`, string(v.(*Card).Extra["last4"]))
			}},
		{"payment methods page", `{"data":[{"paymentMethod":"PME_CARD","paymentChannels":[{"paymentChannel":"PCL_CARD","currencies":["EUR"],
			"lastUsed":"false","hasCashback":1,"minAmount":"1.00"}],"sortOrder":3},"not an object"],"meta":{"total":"1","limit":10,"next":"c2"},"links":{}}`,
			&types.Page[PaymentMethodInfo]{},
			func(t *testing.T, v any) {
				p := v.(*types.Page[PaymentMethodInfo])
				assert.Nil(t, p.Data, "an item that is not an object makes the list unreadable...")
				assert.Contains(t, string(p.Extra["data"]), `"sortOrder":3`, "...and keeps it raw")
				assert.Equal(t, types.FlexInt(1), *p.Meta.Total)
				assert.JSONEq(t, `"c2"`, string(p.Meta.Extra["next"]))
			}},
		{"authorization", `[{"paymentMethod":"PME_CARD","maxFee":"string","channels":[{"paymentChannel":"PCL_CARD","amount":"1.00",
			"authorization":{"fee":"0.10","amount":"1.10","baseAmount":"1.00","currency":"EUR","markup":"2%"}}],"region":"EU"}]`, &[]AuthorizationMethod{},
			func(t *testing.T, v any) {
				m := (*v.(*[]AuthorizationMethod))[0]
				assert.Equal(t, map[string]string{"maxFee": "string"}, m.Unparsed)
				assert.JSONEq(t, `"EU"`, string(m.Extra["region"]))
				assert.JSONEq(t, `"2%"`, string(m.Channels[0].Authorization.Extra["markup"]))
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, json.Unmarshal([]byte(tc.in), tc.v))
			tc.check(t, tc.v)
			out, err := json.Marshal(tc.v)
			require.NoError(t, err)
			var in, got any
			require.NoError(t, json.Unmarshal([]byte(tc.in), &in))
			require.NoError(t, json.Unmarshal(out, &got))
			assertMembersKept(t, tc.name, in, got)
		})
	}
}

// assertMembersKept requires every member of in that carries a value (not
// null, not "") to be present in out at the same place.
func assertMembersKept(t *testing.T, path string, in, out any) {
	t.Helper()
	switch x := in.(type) {
	case map[string]any:
		o, ok := out.(map[string]any)
		if !assert.True(t, ok, "%s: an object came back as %v", path, out) {
			return
		}
		for k, v := range x {
			if v == nil || v == "" {
				continue
			}
			if assert.Contains(t, o, k, "%s.%s was lost", path, k) {
				assertMembersKept(t, path+"."+k, v, o[k])
			}
		}
	case []any:
		o, ok := out.([]any)
		if assert.True(t, ok, "%s: a list came back as %v", path, out) && assert.Len(t, o, len(x), path) {
			for i := range x {
				assertMembersKept(t, path+"[]", x[i], o[i])
			}
		}
	}
}

// TestEngineWritesWhatEncodingJSONWrites: request bodies encoded by the
// engine (jsonx.Marshal) are byte for byte what json.Marshal writes, so the
// request path may use either.
func TestEngineWritesWhatEncodingJSONWrites(t *testing.T) {
	withExtra := cardPurchase()
	withExtra.BillingAddress = &types.Address{Country: "PL", Extra: map[string]any{"floor": 3, "<note>": "a&b"}}
	for name, v := range map[string]any{
		"card purchase": cardPurchase(), "purchase with extra": withExtra, "outcome purchase": outcomePurchase(),
		"checkout": checkoutRequest(), "payment link": validCreatePaymentLink(), "payout": validCreatePayout(),
		"refund": refundRequest(), "cancel": &PurchaseCancelRequest{Extra: map[string]any{"reason": "x"}},
		"plan": &PlanCreateRequest{Extra: map[string]any{"name": "n"}},
	} {
		want, err := json.Marshal(v)
		require.NoError(t, err, name)
		got, err := jsonx.Marshal(v)
		require.NoError(t, err, name)
		assert.Equal(t, string(want), string(got), name)
	}
}
