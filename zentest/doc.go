// Package zentest is an in-process, stateful fake of the ZEN.COM merchant
// API (api.zen.com) and of its hosted-checkout host (secure.zen.com), for
// developing and testing a whole ZEN integration offline.
//
//	srv := zentest.NewServer(zentest.WithIPNURL(receiver.URL))
//	defer srv.Close()
//	client := srv.Client() // a *zen.Client pointed at srv
//
// NewServer listens on loopback ports: srv.URL serves the API,
// srv.CheckoutURL the hosted checkout, and srv.ElsewhereURL the other
// origin the redirect faults point to (see Faults). cmd/zen-fake runs the same server as
// a program.
//
// # What it checks
//
// Every API request needs "Authorization: Bearer <key>" (401
// {"error":{"code":"401","message":"Unauthorized"}} otherwise) and a
// request-id header of 38..1024 characters matching
// ^[a-zA-Z0-9?&:_|\-\/=+.,#\s]+$; one of 36 or 37 characters (a bare
// UUID, which production clients send and ZEN takes) is accepted and
// recorded as a Warning (see Warnings). A body must be one JSON object sent
// with Content-Type application/json, of at most 1 MiB (413 otherwise).
// Fields follow ZEN's rules: amounts are JSON strings matching
// ^\d{1,16}(\.\d{1,12})?$ (a number is refused by the API, accepted by the
// hosted checkout, as ZEN's own plugin sends numbers there), currencies
// ^[A-Z]{3}$, merchantTransactionId 1..128 characters of ZEN's pattern
// (refunds: the narrower ^[a-zA-Z0-9?&:\-\/=.,#]+$) and unique across all
// transactions, checkouts and payment links, customer email (and ip for
// purchases) present, items whose quantity is a JSON number of at least 1
// (fractions allowed), whose lineAmountTotal = price × quantity (rounded to
// the line's decimals) and which add up to amount. A source object needs
// its channel; a purchase's authorization object has amount, currency and
// an optional sessionId, and nothing else; a payout of paymentSpecificData
// type "paynow" must use PCL_CARD. As the SDK's sending rules: a payout
// needs items and billingAddress, a bitbaywithdrawal its feeOwner, a
// webmoney payout payoutInfo.recipientId (a UUID), a dragon payout
// payoutInfo or recipientExternalId; a descriptor is at most 24 characters
// of ^[a-zA-Z0-9 _\-.;|]+$, a card's cardHolderName matches
// ^[a-zA-Z0-9\s]+$, and browserDetails members have ZEN's formats. A
// customer is created with the merchant's id as externalId or id (answered
// with both: ZEN's own id and externalId). A broken request gets 400
// {"error":{"code":"400","message":"<field>: <rule>; ..."}} naming every
// failing field; an unknown id or path gets 404
// {"error":{"code":"404","message":"Record Not Found"}}, a known path with
// another method 405 with an Allow header.
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
// TRT_SENDOUT transactions, AUTHORIZED until captured (see Capture
// mode); a REJECTED payout may be renewed (POST
// /v1/payouts/renew), which decides it again like a new one. Settle moves
// any transaction that is not final to another status, as a bank or a
// buyer would (a refund never to AUTHORIZED).
//
// # Capture mode
//
// ZEN sets per terminal whether card payments are captured at once. By
// default the fake captures manually: card purchases (and payouts) stop at
// AUTHORIZED, with actions.capture, until POST .../capture. With
// WithAutoCapture they are ACCEPTED at once and capture is refused, like a
// terminal set to capture automatically. CaptureOption names the two modes
// "manual" and "auto", as the EnvCapture variable (ZEN_FAKE_CAPTURE) and
// the -capture flag of cmd/zen-fake take them; the example programs run in
// both. Hosted checkouts and payment links are ACCEPTED in either mode.
//
// # Magic values
//
// The outcome of an API-created transaction is chosen by its data. These
// values are the fake's own: the real ZEN treats them like any other card,
// ticket or amount. Every reject code is a real one from ZEN's catalogue
// (types.LookupErrorCode), and rejectReason is its description:
//
//	amount with fractional part .99 (e.g. "10.99")  REJECTED C40051 Insufficient funds
//	                                                 (purchases and payouts; never refunds)
//	card 4000000000000002 (CardDeclined)             REJECTED C40005 Do not honor
//	card 4000000000003220 (Card3DS)                  PENDING, merchantAction REDIRECT to
//	                                                 <CheckoutURL>/authorize/<id>; Pay (or
//	                                                 Complete3DS ok) → AUTHORIZED, Decline →
//	                                                 REJECTED C00019 Authentication failed
//	card 4111111111111111 (CardApproved), any other  AUTHORIZED; ACCEPTED on capture
//	card, or PCL_CARD/PCL_APPLEPAY/PCL_GOOGLEPAY     (ACCEPTED at once with WithAutoCapture)
//	BLIK ticket 000000 (BlikDeclined)                REJECTED E40256 Declined by user
//	BLIK ticket 111111 (BlikPending)                 PENDING until Settle
//	BLIK, any other ticket                           ACCEPTED
//	any other channel (bank transfers, wallets...)   PENDING, merchantAction REDIRECT; Pay → ACCEPTED,
//	                                                 Decline → REJECTED E40256
//	refund                                           ACCEPTED (PENDING with WithPendingRefunds)
//	payout                                           AUTHORIZED (ACCEPTED with WithAutoCapture)
//	payout with paymentSpecificData type "dragon"    PENDING with offers (see Payout offers)
//	payout card verification (.../verify)            invalid for 4000000000000002, else expired
//	                                                 past its expiry month, else verified
//
// A purchase with paymentSpecificData.saveCard and customer.id saves the
// card once authorized: cardInfo.token is its id under
// /v3/customers/{id}/payments/card, and a later purchase may use it as
// paymentSpecificData.cardToken.
//
// # Purchases: Apple Pay and cashback
//
// POST /v1/applepay/session needs the header "checkout-version:
// securebroker", appleUrl (Apple's https validation URL, a host under
// apple.com), initiative "webapp" and currency. It answers an object in the
// shape of Apple's opaque merchant session (epochTimestamp, expiresAt five
// minutes later, merchantSessionIdentifier, nonce, merchantIdentifier,
// signature...) whose identifiers are derived from the terminal and the
// body, so the same request gets the same session.
//
// POST /v1/cashback/calculate answers, for each data entry, the cashback at
// fixed rates rounded down to cents: BLIK 2%, Apple Pay and Google Pay 1%,
// cards by organization (Visa 1%, Mastercard 1.5%, others 1%; PCL_CARD
// needs cardOrganization), any other channel 0.5%, and nothing when
// transactionType is not TRT_PURCHASE. Entries are grouped by
// paymentMethod in request order; maxCashback is the method's largest
// channel cashback, and a channel's cashback its best organization's.
//
// # Payout offers
//
// ZEN does not document offers; the fake models them minimally. A payout
// whose paymentSpecificData type is "dragon" (to a crypto wallet) starts
// PENDING with two offers valid for 15 minutes, "standard-1" (fee 0.5%) and
// "express-1" (fee 1.5%), each {id, name, amount (what the recipient
// gets), fee, currency, expiresAt}, with actions.selectOffer and
// actions.renewOffers true. POST /v1/payouts/{id}/offers/refresh replaces
// them with the next generation (standard-2, express-2...); POST
// /v1/payouts/{id}/offers/select with {"offerId"} takes a current,
// unexpired one and moves the payout to AUTHORIZED (ACCEPTED with
// WithAutoCapture). The offers are members "offers" and "selectedOfferId"
// of GET /v2/payouts/{id} and of the two offer calls' answers (in the SDK,
// Transaction.Extra); the v1 answers do not carry them.
//
// # Customers, payout cards and recipients
//
// Customers (POST /v3/customers) keep every member sent; PATCH replaces
// the members sent and removes those sent as null, but may not send id nor
// remove email. Payout cards,
// crypto-wallet ("dragon") and PayNow recipients belong to a created
// customer (404 when it does not exist, in the path or, for POST
// /v2/payout-profiles/card, the required external-customer-id header) and
// go when the customer is deleted. A payout card body is {"card":
// {number, expiryDate (MMYY), cvv, cardHolderName}}; the card is shown as
// {id, customerId, cardHolderName, alias, organization, last4, expMonth,
// expYear, status, createdAt} and its id is the cardToken of card payouts
// (the fake does not check payout cardTokens). The same cards are listed
// by GET /v2/payout-profiles/card (all, or the external-customer-id
// header's customer) and GET /v3/customers/{id}/payouts/card. PATCH on
// /v2 changes the card members sent, on /v3 the alias; .../verify answers
// {id, status}; .../widget answers {id, customerId, url, expiresAt}, where
// url is a page on the checkout host (valid 30 minutes) whose form saves a
// payout card and then redirects to the body's optional returnUrl with
// ?cardId=<id>. Wallet recipients follow ZEN's DragonInput rules
// (walletAddress, walletCurrency among BTC, ETH, LTC, USDC and USDT, a
// walletAlias member that may be null; one address and currency per
// customer) and are listed with the wallet-currency filter; PATCH changes
// walletAlias. PayNow bodies are not published: the fake keeps every
// member. GET /v3/customers/{id}/payouts/recipients lists all three kinds
// in creation order, each with "type" card, dragon or paynow. A saved
// purchase card (PATCH /v3/customers/{id}/payments/card/{id}) takes
// cardName, cardHolderName, the address members, expMonth, expYear and
// isDefault (one default card per customer). Lists are paged {data,
// meta:{page, itemsPerPage, direction, sortBy}}; PATCH bodies refuse
// members the fake does not change, naming them.
//
// GET /v3/terminals lists the terminal's methods (cards with Apple Pay and
// Google Pay in EUR, GBP, PLN and USD; BLIK in PLN), offset-paged with
// meta {limit, offset, direction, hasMore, currencies}; GET
// /v1/terminals is the legacy listing of the same channels, a bare array.
//
// # Notifications
//
// When a transaction becomes ACCEPTED, REJECTED or CANCELED (refunds too)
// the server posts its IPN, signed with zen.SignNotification and the IPN
// secret, to the transaction's customIpnUrl or the WithIPNURL default, in
// the background. A try counts only when it gets 2xx with {"status":"ok"};
// it is retried with doubling waits up to 5 tries (WithIPNRetry). Only
// loopback addresses are ever contacted: a URL's host must be localhost or
// a loopback IP, the address a name resolves to must be loopback too, no
// proxy is used and redirects are not followed (a 3xx is a failed try).
// Tests wait with WaitIPN or WaitIPNIdle and inspect IPNDeliveries; Close
// stops deliveries in progress, after which WaitIPN returns an error
// matching http.ErrServerClosed once the finished ones are used up.
//
// # Hosted checkout
//
// POST <CheckoutURL>/api/checkouts checks terminalUuid and the signature
// (zen.VerifyCheckoutSignature with the paywall secret; 401 when either is
// wrong) and answers {"redirectUrl":"<CheckoutURL>/<uuid>"}. That page
// shows amount, currency and merchantTransactionId with Pay and Decline
// buttons; they create the purchase (ACCEPTED, or REJECTED C40005), send
// its IPN and redirect (303) to urlSuccess or urlFailure, else urlRedirect.
// Payment links (POST /v1/payment-links) get the same page at their url.
// The checkout body may carry amount, item prices and quantities as JSON
// numbers (signed as written). A test clicks the buttons from Go with
// PayCheckout and DeclineCheckout, and those of the authorization page (3-D
// Secure, bank transfers) with Complete3DS, instead of fetching the pages.
//
// # Subscriptions
//
// Products, plans and subscriptions live under /v1/subscriptions (the
// SDK's paths). Lists are paged {data, meta:{page, itemsPerPage,
// direction, sortBy}} with sortBy id, merchantId, shopId, terminalId,
// createdAt or updatedAt. Products need name (1..125 characters),
// description (1..500) and type (product or service), with an optional
// absolute url, and are verified at once; PATCH changes the members sent.
// Plans need an existing productId, amount, currency, intervalUnit (day,
// week, month or year) and intervalCount of at least 1 (trialPeriodDays
// and totalCount 0 or more, chargeDay 1..31, setupFee an amount); they
// start inactive until activated. Members ZEN sets (id, status,
// createdAt...) are refused; any other member is kept and sent back.
// Deletes answer {"success":true}; a product with plans, or a plan with
// active subscriptions, is refused.
//
// A subscription starts when a purchase naming an active plan of its
// currency, as paymentSpecificData.subscription.planId (card payments) or
// subscriptionPlanId (recurring_token), and carrying customer.id, is
// authorized or accepted (a 3-D Secure one once the buyer pays). Its
// startDate is the purchase's date, its nextChargeDate one interval later
// (after the trial, when the plan has one) and remainingCount the plan's
// totalCount. A recurring_token purchase with subscriptionId charges it:
// nextChargeDate moves on by one interval and remainingCount goes down;
// the subscription must be active with charges left. Cancel sets status
// canceled, endDate and cancelReason; doing it again, like activating an
// active plan, changes nothing. Server.CreateSubscription starts one
// without a purchase.
//
// # Reports
//
// GET /v1/reports/{id}/file streams a report with Content-Type text/csv
// and Content-Disposition attachment; filename="report-<id>.csv"; an
// unknown id gets 404. Report DefaultReportID ("transactions") always
// exists: a CSV of the server's transactions, oldest first, with the
// columns id, merchantTransactionId, type, status, amount, currency and
// createdAt. AddReport serves given content, or a generated file of any
// size that is never held in memory, optionally cut off midway.
//
// # Authorization fees
//
// POST /v1/authorization/calculate prices the data targets (payment
// method, channel, card organization, card BIN or saved cardId; the last
// two select PCL_CARD only) against the terminal's channels that take
// authorizationCurrency, with a breakdown per card organization:
// baseAmount is amount converted at a fixed rate, fee is baseAmount times
// the channel's fee rate (2% for PCL_CARD, PCL_APPLEPAY and PCL_GOOGLEPAY,
// 1% for PCL_BLIK), and amount is their sum, each rounded half up to 2
// places.
// Rates go through the euro: 1 EUR = 0.85 GBP = 4.30 PLN = 1.10 USD (rate
// 1 within one currency; a pair with any other currency gets 400); rate
// is written with at most 10 decimals and rateExpireAt is 15 minutes from
// now.
//
// POST /v1/authorization/calculate/reversed works back from
// authorizationAmount, what the customer pays: baseAmount =
// authorizationAmount / (1 + fee rate), fee the rest, and the channel's
// amount is baseAmount converted back to currency. Its sessionId must be
// a hosted-checkout session of that currency (the last element of the
// checkout's redirectUrl); an unknown one gets 404.
//
// # Test controls
//
// Options: WithAPIKey, WithIPNSecret, WithPaywallSecret and WithTerminalUUID
// set the credentials (Default* constants otherwise); WithIPNURL the
// default notification URL; WithIPNRetry the tries and first wait of
// notifications; WithAutoCapture (the capture mode) and WithPendingRefunds
// the outcomes above;
// WithRawAuthorization accepts the key without "Bearer "; WithListeners
// serves on given listeners; WithClock (see ManualClock) sets the time
// written to createdAt and modifiedAt and used for expiries; WithTLS
// serves over https (see below).
//
// Methods: Client returns a zen.Client for the server and HTTPClient a
// plain *http.Client trusting it; Requests returns
// every request received, with the Authorization value redacted, Warnings
// what was accepted outside ZEN's documentation, and ResetRequests forgets
// both; Transaction, Transactions and Checkouts show the state; Settle
// moves a transaction on; PayCheckout, DeclineCheckout and Complete3DS
// play the buyer; IPNDeliveries, WaitIPN and
// WaitIPNIdle follow notifications; CreateSubscription starts a
// subscription without a purchase; AddReport adds or replaces a report
// file.
//
// # Faults
//
// Every API request (and POST /api/checkouts) may meet one Fault. Those
// that leave the request unprocessed:
//
//	FaultStatus(code)         answers code (4xx/5xx) in ZEN's error shape;
//	                          FaultRateLimit, FaultUnavailable and
//	                          FaultServerError are 429, 503 and 500
//	FaultDrop                 closes the connection without an answer
//	FaultRedirect(code, loc)  answers code (3xx) with Location loc
//	FaultRedirectOtherHost    Location: same path and query on another
//	                          host name (localhost ↔ the IP), another port
//	FaultRedirectOtherPort    Location: same host name, another port
//	FaultRedirectPlainHTTP    Location: same host name over plain http
//	                          (with WithTLS)
//	FaultRedirectLoop         Location: the request's own URL, for every
//	                          request to it with the same request-id
//
// The redirect targets are the elsewhere listeners (ElsewhereURL): they
// record every request in ElsewhereRequests, with its Origin, headers,
// query and body, and answer 200 with a transaction that is not ZEN's
// (ElsewhereTransactionID). Those that process the request (Processes):
//
//	FaultLoseResponse         processed, then the connection is closed
//	                          without an answer
//	FaultTruncate             processed; the status and headers are sent
//	                          with the full Content-Length, then half the
//	                          body, then the connection is closed
//	FaultSlowAnswer(d)        processed at once; answered d later (never,
//	                          if the client goes away first)
//	FaultSlowStart(d)         waits d, then processed and answered; neither
//	                          if the client went away during the wait
//
// ScriptFaults queues an ordered sequence for a method and path, e.g. a
// lost answer then a 500: ScriptFaults("POST", "/v1/transactions",
// FaultLoseResponse, FaultStatus(500)); FailNext and FailNextFor queue n
// of one fault, and ClearFaults drops what is left. WithFaults (and
// SetFaults later) draws random 429s, 503s, 500s, drops, lost answers,
// truncated answers and slow answers by probability from a seed.
// Requests records each request's Fault and the status it was (or would
// have been) answered.
//
// WithTLS serves the API, the checkout host and the elsewhere listener
// over https with a self-signed certificate for 127.0.0.1, ::1 and
// localhost that Client and HTTPClient trust; a plain-http listener on the
// same host then receives FaultRedirectPlainHTTP.
package zentest
