package zentest

import (
	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/types"
)

// Magic values that steer the outcome of API-created transactions; the
// package documentation has the full table.
const (
	// CardApproved (any other valid number too) is authorized: AUTHORIZED,
	// then ACCEPTED on capture.
	CardApproved = "4111111111111111"
	// CardDeclined is REJECTED with E40199.
	CardDeclined = "4000000000000002"
	// Card3DS needs 3-D Secure: PENDING with merchantAction REDIRECT to the
	// fake's authorization page.
	Card3DS = "4000000000003220"

	// BlikDeclined as a BLIK ticket is REJECTED with E40199.
	BlikDeclined = "000000"
	// BlikPending as a BLIK ticket stays PENDING (waiting for the buyer's
	// bank app) until Settle.
	BlikPending = "111111"

	// DeclinedCents: an amount whose fractional part is .99 is REJECTED with
	// E40199, whatever the method (purchases, payouts and refunds).
	DeclinedCents = ".99"
)

// RejectReasons are the reasons the fake gives for reject codes.
var rejectReasons = map[types.RejectCode]string{
	types.RejectInsufficientFunds: "Client doesn't have enough money.",
}

func rejectReason(code types.RejectCode) string {
	if r, ok := rejectReasons[code]; ok {
		return r
	}
	return "Rejected by the fake ZEN server (" + string(code) + ")."
}

var ninetyNine = decimal.RequireFromString("0.99")

func declinedAmount(a types.Amount) bool {
	d := a.Decimal()
	return d.Sub(d.Floor()).Equal(ninetyNine)
}

// outcome is what ZEN does with a new authorization attempt.
type outcome struct {
	status   types.TransactionStatus
	code     types.RejectCode
	redirect bool                    // PENDING behind the authorization page
	onPay    types.TransactionStatus // status the page's Pay button gives
}

// paymentData is the part of paymentSpecificData the fake acts on.
type paymentData struct {
	typ             string
	cardNumber      string
	ticket          string
	cardToken       string
	returnURL       string
	returnVerifyURL string
	saveCard        bool
}

// decide applies the magic values to an authorization attempt.
func (s *Server) decide(amount types.Amount, channel types.PaymentChannel, pd paymentData) outcome {
	reject := outcome{status: types.StatusRejected, code: types.RejectInsufficientFunds}
	authorized := outcome{status: types.StatusAuthorized}
	if s.cfg.autoCapture {
		authorized.status = types.StatusAccepted
	}
	switch {
	case declinedAmount(amount):
		return reject
	case pd.cardNumber == CardDeclined:
		return reject
	case pd.cardNumber == Card3DS:
		return outcome{status: types.StatusPending, redirect: true, onPay: authorized.status}
	case pd.cardNumber != "" || pd.cardToken != "" || isCardChannel(channel):
		return authorized
	case channel == types.ChannelBlik:
		switch pd.ticket {
		case BlikDeclined:
			return reject
		case BlikPending:
			return outcome{status: types.StatusPending}
		}
		return outcome{status: types.StatusAccepted}
	}
	// Other methods (bank transfers, wallets, vouchers) send the buyer away
	// to pay.
	return outcome{status: types.StatusPending, redirect: true, onPay: types.StatusAccepted}
}

func isCardChannel(c types.PaymentChannel) bool {
	return c == types.ChannelCard || c == types.ChannelApplePay || c == types.ChannelGooglePay
}
