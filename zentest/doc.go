// Package zentest is an in-process, stateful fake of the ZEN.COM merchant
// API (api.zen.com) and of its hosted-checkout host (secure.zen.com), for
// developing and testing a whole ZEN integration offline.
//
//	srv := zentest.NewServer(zentest.WithIPNURL(receiver.URL))
//	defer srv.Close()
//	client := srv.Client() // a *zen.Client pointed at srv
//
// NewServer listens on two loopback ports: srv.URL serves the API and
// srv.CheckoutURL the hosted checkout. cmd/zen-fake runs the same server as
// a program.
//
// # What it checks
//
// Every API request needs "Authorization: Bearer <key>" (401
// {"error":{"code":"401","message":"Unauthorized"}} otherwise) and a
// request-id header of 38..1024 characters matching
// ^[a-zA-Z0-9?&:_|\-\/=+.,#\s]+$. A body must be one JSON object sent with
// Content-Type application/json. Fields follow ZEN's rules: amounts are JSON
// strings matching ^\d{1,16}(\.\d{1,12})?$ (a number is refused),
// currencies ^[A-Z]{3}$, merchantTransactionId 1..128 characters of ZEN's
// pattern and unique across all transactions, checkouts and payment links,
// customer email (and ip for purchases) present, items whose
// lineAmountTotal = price × quantity and add up to amount. A broken request
// gets 400 {"error":{"code":"400","message":"<field>: <rule>; ..."}} naming
// every failing field; an unknown id gets 404
// {"error":{"code":"404","message":"Record Not Found"}}.
//
// # State
//
// Purchases move PENDING → AUTHORIZED → ACCEPTED, or to REJECTED (with a
// rejectCode) or CANCELED, and their actions flags follow: capture only
// when AUTHORIZED (amount at most the authorized one), cancel when PENDING
// or AUTHORIZED, refund when ACCEPTED with something left to refund,
// redirect while the buyer still has to act, authorization (renew) for
// BLIK attempts that are PENDING or REJECTED. Refunds are TRT_REFUND
// transactions with parentTransactionId, listed in the purchase's
// refunds[]; together they never exceed the captured amount. Payouts are
// TRT_SENDOUT transactions, AUTHORIZED until captured (see
// WithAutoCapture). Settle moves any transaction that is not final, as a
// bank or a buyer would.
//
// # Magic values
//
// The outcome of an API-created transaction is chosen by its data:
//
//	amount with fractional part .99 (e.g. "10.99")  REJECTED E40199 (purchases, payouts, refunds)
//	card 4000000000000002 (CardDeclined)             REJECTED E40199
//	card 4000000000003220 (Card3DS)                  PENDING, merchantAction REDIRECT to
//	                                                 <CheckoutURL>/authorize/<id>; Pay → AUTHORIZED
//	card 4111111111111111 (CardApproved), any other  AUTHORIZED; ACCEPTED on capture
//	card, or PCL_CARD/PCL_APPLEPAY/PCL_GOOGLEPAY     (ACCEPTED at once with WithAutoCapture)
//	BLIK ticket 000000 (BlikDeclined)                REJECTED E40199
//	BLIK ticket 111111 (BlikPending)                 PENDING until Settle
//	BLIK, any other ticket                           ACCEPTED
//	any other channel (bank transfers, wallets...)   PENDING, merchantAction REDIRECT; Pay → ACCEPTED
//	refund                                           ACCEPTED (PENDING with WithPendingRefunds)
//	payout                                           AUTHORIZED (ACCEPTED with WithAutoCapture)
//
// A purchase with paymentSpecificData.saveCard and customer.id saves the
// card once authorized: cardInfo.token is its id under
// /v3/customers/{id}/payments/card, and a later purchase may use it as
// paymentSpecificData.cardToken.
//
// # Notifications
//
// When a transaction becomes ACCEPTED, REJECTED or CANCELED (refunds too)
// the server posts its IPN, signed with zen.SignNotification and the IPN
// secret, to the transaction's customIpnUrl or the WithIPNURL default, in
// the background. A try counts only when it gets 2xx with {"status":"ok"};
// it is retried with doubling waits up to 5 tries (WithIPNRetry). Only
// loopback URLs are ever contacted. Tests wait with WaitIPN or WaitIPNIdle
// and inspect IPNDeliveries; Close stops deliveries in progress.
//
// # Hosted checkout
//
// POST <CheckoutURL>/api/checkouts checks terminalUuid and the signature
// (zen.VerifyCheckoutSignature with the paywall secret; 401 when either is
// wrong) and answers {"redirectUrl":"<CheckoutURL>/<uuid>"}. That page
// shows amount, currency and merchantTransactionId with Pay and Decline
// buttons; they create the purchase (ACCEPTED, or REJECTED E40199), send
// its IPN and redirect (303) to urlSuccess or urlFailure, else urlRedirect.
// Payment links (POST /v1/payment-links) get the same page at their url.
//
// # Test controls
//
// WithClock (see ManualClock) sets the time written to createdAt and
// modifiedAt. WithFaults injects random 429s, 503s, 500s, dropped
// connections and lost responses (processed, then the connection is closed
// without an answer); FailNext and FailNextFor script them. Requests
// returns every request received, with the Authorization value redacted.
package zentest
