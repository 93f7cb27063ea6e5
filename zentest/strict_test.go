package zentest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The fake refuses what the SDK's sending rules refuse (ZEN's OpenAPI file
// and the "Create payout" page), so a raw client meets the same answers.
func TestFakeRefusesWhatTheStrictRulesRefuse(t *testing.T) {
	srv := newServer(t)
	const recipient = "8b0d3c1e-3f2a-4c55-9d6e-2a7f1b9c0d11"
	payout := func(mutate func(map[string]any)) string {
		b := payoutBody(newMTID(), "10.00")
		mutate(b)
		return errMessage(t, call(t, srv, "POST", "/v1/payouts", b), http.StatusBadRequest)
	}
	assert.Contains(t, payout(func(b map[string]any) { delete(b, "items") }), "items: is required")
	assert.Contains(t, payout(func(b map[string]any) { delete(b, "billingAddress") }), "billingAddress: is required")
	assert.Contains(t, payout(func(b map[string]any) {
		b["paymentSpecificData"] = map[string]any{"type": "bitbaywithdrawal", "payoutBtcAddress": "1HB5XDDddDDdDDDj6mfBsbifRoD4miY36v"}
	}), "paymentSpecificData.feeOwner: is required")
	assert.Contains(t, payout(func(b map[string]any) {
		b["paymentSpecificData"] = map[string]any{"type": "webmoney", "payoutInfo": map[string]any{"recipientId": "w1"}}
	}), "paymentSpecificData.payoutInfo.recipientId")
	assert.Contains(t, payout(func(b map[string]any) { b["paymentSpecificData"] = map[string]any{"type": "dragon"} }),
		"paymentSpecificData.payoutInfo: is required")
	ok := payoutBody(newMTID(), "10.00")
	ok["paymentSpecificData"] = map[string]any{"type": "webmoney", "payoutInfo": map[string]any{"recipientId": recipient}}
	assert.Equal(t, http.StatusOK, call(t, srv, "POST", "/v1/payouts", ok).Status)

	purchase := func(mutate func(pd map[string]any)) string {
		b := purchase(newMTID(), "10.00", "4111111111111111")
		mutate(b["paymentSpecificData"].(map[string]any))
		return errMessage(t, call(t, srv, "POST", "/v1/transactions", b), http.StatusBadRequest)
	}
	assert.Contains(t, purchase(func(pd map[string]any) { pd["descriptor"] = strings.Repeat("D", 25) }), "paymentSpecificData.descriptor: must be at most 24 characters")
	assert.Contains(t, purchase(func(pd map[string]any) { pd["descriptor"] = "SHOP*1" }), "paymentSpecificData.descriptor: must match")
	assert.Contains(t, purchase(func(pd map[string]any) {
		pd["card"].(map[string]any)["cardHolderName"] = "O'Neil"
	}), "paymentSpecificData.card.cardHolderName: must match")
	browser := purchase(func(pd map[string]any) {
		pd["browserDetails"] = map[string]any{"colorDepth": "30", "lang": "en_GB", "timezone": "+60", "userAgent": "Go"}
	})
	for _, field := range []string{"colorDepth: must be one of", "lang:", "timezone:", "userAgent:"} {
		assert.Contains(t, browser, "paymentSpecificData.browserDetails."+field)
	}
}
