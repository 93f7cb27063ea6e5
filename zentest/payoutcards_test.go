package zentest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/zen-go/zen/internal/validate"
)

// TestPayoutCardExpiryFailsOnce: an expiry date of the wrong length breaks
// one rule, MMYY, and is reported once, in the SDK's words (not also as
// "must be exactly 4 characters"); an update's "" fails the same way.
func TestPayoutCardExpiryFailsOnce(t *testing.T) {
	srv := newServer(t)
	for _, expiry := range []string{"130", "1330", "12300"} {
		body := map[string]any{"card": map[string]any{"number": "4111111111111111", "expiryDate": expiry}}
		msg := errMessage(t, call(t, srv, "POST", "/v3/customers/"+unknownID+"/payouts/card", body), http.StatusBadRequest)
		assert.Equal(t, "card.expiryDate: "+validate.ExpiryDateRule, msg, expiry)
	}
	body := map[string]any{"card": map[string]any{"expiryDate": ""}}
	msg := errMessage(t, call(t, srv, "PATCH", "/v2/payout-profiles/card/"+unknownID, body), http.StatusBadRequest)
	assert.Equal(t, "card.expiryDate: "+validate.ExpiryDateRule, msg, "an update's empty expiry date")
}
