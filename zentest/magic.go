package zentest

import (
	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/types"
)

// Magic values that steer the outcome of API-created transactions; the
// package documentation has the full table. They are the fake's: the real
// ZEN approves or declines these numbers like any other. The reject codes
// are real codes from ZEN's catalogue (see types.LookupErrorCode).
const (
	// CardApproved (any other valid number too) is authorized: AUTHORIZED,
	// then ACCEPTED on capture (ACCEPTED at once with WithAutoCapture).
	CardApproved = "4111111111111111"
	// CardDeclined is REJECTED with DeclineCard (C40005 "Do not honor").
	CardDeclined = "4000000000000002"
	// Card3DS needs 3-D Secure: PENDING with merchantAction REDIRECT to the
	// fake's authorization page (see Complete3DS); failing it gives
	// Decline3DS.
	Card3DS = "4000000000003220"

	// BlikDeclined as a BLIK ticket is REJECTED with DeclineBlik (E40256
	// "Declined by user").
	BlikDeclined = "000000"
	// BlikPending as a BLIK ticket stays PENDING (waiting for the buyer's
	// bank app) until Settle.
	BlikPending = "111111"

	// DeclinedCents: a purchase or payout whose amount has the fractional
	// part .99 is REJECTED with DeclineAmount (C40051 "Insufficient funds"),
	// whatever the method. Refunds are not affected: a refund of 10.99 is
	// ACCEPTED like any other (use WithPendingRefunds and Settle to decline
	// one).
	DeclinedCents = ".99"
)

// The catalogue codes the fake's declines use.
const (
	// DeclineAmount is the code of a .99 purchase or payout: insufficient
	// funds.
	DeclineAmount = types.RejectInsufficientFunds
	// DeclineCard is the code of CardDeclined, and of the Decline button of
	// a hosted checkout: "Do not honor". Settle to REJECTED without a code
	// uses it too.
	DeclineCard = types.RejectDoNotHonor
	// DeclineBlik is the code of BlikDeclined, and of the Decline button of
	// the authorization page of a method other than a card (bank transfer,
	// wallet): "Declined by user".
	DeclineBlik = types.RejectDeclinedByUser
	// Decline3DS is the code of the Decline button of a card's 3-D Secure
	// page (Card3DS; Complete3DS with ok false): "Authentication failed".
	Decline3DS = types.RejectAuthenticationFailed
)

// rejectReason is the rejectReason the fake writes for a code: ZEN's
// catalogue description, or a note for a code the catalogue lacks.
func rejectReason(code types.RejectCode) string {
	if d := code.Description(); d != "" {
		return d
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
	authorized := outcome{status: types.StatusAuthorized}
	if s.cfg.autoCapture {
		authorized.status = types.StatusAccepted
	}
	switch {
	case declinedAmount(amount):
		return outcome{status: types.StatusRejected, code: DeclineAmount}
	case pd.cardNumber == CardDeclined:
		return outcome{status: types.StatusRejected, code: DeclineCard}
	case pd.cardNumber == Card3DS:
		return outcome{status: types.StatusPending, redirect: true, onPay: authorized.status}
	case pd.cardNumber != "" || pd.cardToken != "" || isCardChannel(channel):
		return authorized
	case channel == types.ChannelBlik:
		switch pd.ticket {
		case BlikDeclined:
			return outcome{status: types.StatusRejected, code: DeclineBlik}
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

// authorizationDecline is the code of the Decline button of the
// authorization page: a failed 3-D Secure for cards, the buyer saying no
// for other methods.
func authorizationDecline(x *txn) types.RejectCode {
	if isCardChannel(x.t.PaymentChannel) {
		return Decline3DS
	}
	return DeclineBlik
}
