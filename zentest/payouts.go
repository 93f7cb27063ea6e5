package zentest

import (
	"net/http"

	"github.com/zen-go/zen/types"
)

// paynowPaymentType is the paymentSpecificData type of a payout to a PayNow
// recipient, which ZEN takes on the card channel only.
const paynowPaymentType = "paynow"

// createPayout serves POST /v1/payouts: a TRT_SENDOUT transaction that is
// AUTHORIZED until captured (ACCEPTED at once with WithAutoCapture),
// REJECTED for a .99 amount, or PENDING with offers to choose from when it
// goes to a crypto wallet (see startPayout).
func (s *Server) createPayout(w *responseBuffer, _ *http.Request, b *reqBody) {
	o := readOrder(b)
	if o.pd.typ == paynowPaymentType && o.channel != "" && o.channel != types.ChannelCard {
		b.fail("paymentChannel", "must be PCL_CARD for a paynow payout")
	}
	checkPayoutRules(b, o)
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.storeOrder(w, b, types.TypeSendout, o, nil)
	if x == nil {
		return
	}
	s.startPayout(x, o.pd.typ == offerPaymentType)
	writeJSON(w, http.StatusOK, s.view(x))
}

// getPayout serves GET /v1/payouts/{id}.
func (s *Server) getPayout(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.writeTxnOf(w, r.PathValue("id"), false, types.TypeSendout)
}

// getPayoutByMTID serves GET /v1/payouts/merchant/{mtid}.
func (s *Server) getPayoutByMTID(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.writeTxnOf(w, r.PathValue("mtid"), true, types.TypeSendout)
}

// capturePayout serves POST /v1/payouts/capture; amount and currency are
// optional.
func (s *Server) capturePayout(w *responseBuffer, _ *http.Request, b *reqBody) {
	s.capture(w, b, types.TypeSendout, false)
}

// cancelPayout serves POST /v1/payouts/cancel.
func (s *Server) cancelPayout(w *responseBuffer, _ *http.Request, b *reqBody) {
	s.cancel(w, b, types.TypeSendout)
}

// checkPayoutRules applies what ZEN documents for payouts only: items and
// billingAddress are required (ZEN's page "Create payout"), bitbaywithdrawal
// needs feeOwner, and webmoney a payoutInfo with a recipientId UUID (ZEN's
// OpenAPI file); dragon takes payoutInfo or recipientExternalId.
func checkPayoutRules(b *reqBody, o order) {
	if _, ok := b.raw("items"); !ok {
		b.fail("items", "is required")
	}
	if _, ok := b.raw("billingAddress"); !ok {
		b.fail("billingAddress", "is required")
	}
	switch o.pd.typ {
	case "bitbaywithdrawal", "webmoney", "dragon":
	default:
		return
	}
	p := b.object("paymentSpecificData", true)
	if p == nil {
		return
	}
	switch o.pd.typ {
	case "bitbaywithdrawal":
		p.text("feeOwner", true, 1, 64, nil)
	case "webmoney":
		if info := p.object("payoutInfo", true); info != nil {
			info.uuid("recipientId", true)
		}
	case "dragon":
		if info := p.object("payoutInfo", false); info != nil {
			info.uuid("recipientId", true)
		} else if _, ok := p.raw("recipientExternalId"); !ok {
			p.fail("payoutInfo", "is required (or recipientExternalId)")
		}
	}
}
