package zen

import (
	"context"
	"log/slog"
	"regexp"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// payoutBtcAddressRe is ZEN's rule for meta.payoutBtcAddress.
var payoutBtcAddressRe = regexp.MustCompile(`^[13][a-km-zA-HJ-NP-Z1-9]{25,34}$`)

// PayoutCreateRequest is the body of a payout (money sent from the
// merchant to a card or wallet). Customer describes the sender; the
// receiver is described inside PaymentSpecificData (for example
// CardPayoutData.Recipient). MerchantTransactionID must be unique: it is
// what makes the call safe to retry.
type PayoutCreateRequest struct {
	MerchantTransactionID       string               `json:"merchantTransactionId"`
	OriginMerchantTransactionID string               `json:"originMerchantTransactionId,omitempty"`
	PaymentChannel              types.PaymentChannel `json:"paymentChannel"`
	Amount                      types.Amount         `json:"amount"`
	Currency                    string               `json:"currency"`
	CustomIPNURL                string               `json:"customIpnUrl,omitempty"`
	FraudFields                 map[string]any       `json:"fraudFields,omitempty"`
	// Items describe the title of the payout (required: at least one);
	// their lineAmountTotals must add up to Amount.
	Items               []types.Item               `json:"items"`
	Customer            *types.TransactionCustomer `json:"customer"`
	PaymentSpecificData PaymentSpecificData        `json:"paymentSpecificData"`
	// BillingAddress is the sender's address (required).
	BillingAddress  *types.Address `json:"billingAddress"`
	ShippingAddress *types.Address `json:"shippingAddress,omitempty"`
	Comment         string         `json:"comment,omitempty"`
	Source          *types.Source  `json:"source,omitempty"`
}

// LogValue makes slog log the payout's ids, money and variant type only,
// never the sender, recipient, addresses or card data.
func (r PayoutCreateRequest) LogValue() slog.Value {
	return createLogValue(r.MerchantTransactionID, r.PaymentChannel, r.Amount, r.Currency, r.PaymentSpecificData)
}

// Validate checks the request against ZEN's documented rules: ids,
// channel, amount, currency, the sender's email (and IP when given), items
// and billing address (both required), addresses, the payment-specific data
// and source.
func (r *PayoutCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.MerchantTransactionID("merchantTransactionId", r.MerchantTransactionID, true)
	v.MerchantTransactionID("originMerchantTransactionId", r.OriginMerchantTransactionID, false)
	v.RequiredMatch("paymentChannel", string(r.PaymentChannel), validate.PaymentChannel)
	checkMoney(v, r.Amount, r.Currency)
	v.URL("customIpnUrl", r.CustomIPNURL, maxIPNURL)
	// items and billingAddress are required: ZEN's page "Create payout"
	// lists both without "?".
	if len(r.Items) == 0 {
		v.Fail("items", "is required (at least one item)")
	}
	v.Items(r.Items, r.Amount)
	checkCustomer(v.At("customer"), r.Customer, false)
	checkPaymentData(v, r.PaymentSpecificData, true)
	if r.BillingAddress == nil {
		v.Fail("billingAddress", "is required")
	}
	v.At("billingAddress").Address(r.BillingAddress)
	v.At("shippingAddress").Address(r.ShippingAddress)
	v.MaxLen("comment", r.Comment, maxComment)
	checkSource(v.At("source"), r.Source)
	return v.Err()
}

// PayoutCaptureRequest captures an authorized payout. Amount and Currency
// are optional (the whole payout is captured when they are nil/empty).
type PayoutCaptureRequest struct {
	TransactionID         string        `json:"transactionId"`
	MerchantTransactionID string        `json:"merchantTransactionId"`
	Amount                *types.Amount `json:"amount,omitempty"`
	Currency              string        `json:"currency,omitempty"`
	Comment               string        `json:"comment,omitempty"`
}

// Validate checks the ids, the optional amount (which needs a currency) and
// the comment length.
func (r *PayoutCaptureRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkFollowUp(v, r.TransactionID, r.MerchantTransactionID, r.Comment)
	if r.Amount != nil {
		v.Amount("amount", *r.Amount, true)
		if r.Currency == "" {
			v.Fail("currency", "is required when amount is set")
		}
	}
	if r.Currency != "" {
		v.Currency("currency", r.Currency)
	}
	return v.Err()
}

// PayoutCancelRequest cancels a payout that is not final yet.
type PayoutCancelRequest struct {
	TransactionID         string `json:"transactionId"`
	MerchantTransactionID string `json:"merchantTransactionId"`
	Comment               string `json:"comment,omitempty"`
}

// Validate checks the ids and the comment length.
func (r *PayoutCancelRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkFollowUp(v, r.TransactionID, r.MerchantTransactionID, r.Comment)
	return v.Err()
}

// PayoutRenewRequest renews a payout, optionally with new payment-specific
// data. Its body is inferred from the purchase renewAuthorization call.
type PayoutRenewRequest struct {
	TransactionID         string              `json:"transactionId"`
	MerchantTransactionID string              `json:"merchantTransactionId"`
	Comment               string              `json:"comment,omitempty"`
	PaymentSpecificData   PaymentSpecificData `json:"paymentSpecificData,omitempty"`
}

// LogValue makes slog log the ids and the variant type only.
func (r PayoutRenewRequest) LogValue() slog.Value {
	return renewLogValue(r.TransactionID, r.MerchantTransactionID, r.PaymentSpecificData)
}

// Validate checks the ids, the comment length and the optional
// payment-specific data.
func (r *PayoutRenewRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkFollowUp(v, r.TransactionID, r.MerchantTransactionID, r.Comment)
	checkPaymentData(v, r.PaymentSpecificData, false)
	return v.Err()
}

// PayoutSelectOfferRequest chooses one of the offers ZEN attached to a
// payout (see Transaction.Actions.SelectOffer). The body is not documented:
// OfferID is the inferred member, and Extra adds any other members as given.
type PayoutSelectOfferRequest struct {
	OfferID string         `json:"offerId"`
	Extra   map[string]any `json:"-"`
}

type selectPayoutOfferRequestFields PayoutSelectOfferRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r PayoutSelectOfferRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(selectPayoutOfferRequestFields(r))
}

// JSONInline marks PayoutSelectOfferRequest's JSON methods as the SDK engine's own.
func (*PayoutSelectOfferRequest) JSONInline(jsonx.Inline) {}

// Validate checks that an offer is named.
func (r *PayoutSelectOfferRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	if v.Required("offerId", r.OfferID) {
		v.MaxLen("offerId", r.OfferID, 128)
	}
	return v.Err()
}

// Create sends a payout and returns its transaction (type TRT_SENDOUT,
// usually PENDING at first; a REJECTED payout is returned without error, so
// check tx.Err()). It moves money: see the package doc for its three
// outcomes.
//
// ZEN API: POST /v1/payouts (path confirmed)
func (s *PayoutService) Create(ctx context.Context, req *PayoutCreateRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	return callMoney(ctx, s.client, epPayoutCreate, args{body: req}, createReadBack(createCheck{
		typ: types.TypeSendout, mtid: req.MerchantTransactionID, amount: req.Amount, currency: req.Currency,
		customer: req.Customer, items: req.Items,
	}))
}

// Get returns a payout by ZEN's transaction id (a UUID; anything else is a
// *ValidationError before any network call); a missing payout is an
// *APIError matching ErrNotFound.
//
// ZEN API: GET /v1/payouts/{id} (path confirmed)
func (s *PayoutService) Get(ctx context.Context, id string) (*types.Transaction, error) {
	return call[types.Transaction](ctx, s.client, epPayoutGet, args{ids: ids(uuidID(id))})
}

// GetByMerchantTransactionID returns a payout by the merchant's own
// transaction id (checked against ZEN's length and pattern first); a
// missing payout is an *APIError matching ErrNotFound.
//
// ZEN API: GET /v1/payouts/merchant/{merchantTransactionId} (path confirmed)
func (s *PayoutService) GetByMerchantTransactionID(ctx context.Context, merchantTransactionID string) (*types.Transaction, error) {
	return call[types.Transaction](ctx, s.client, epPayoutGetByMTID, args{ids: ids(mtidParam(merchantTransactionID))})
}

// GetV2 returns a payout by ZEN's id from the second details endpoint ZEN
// lists, which probably carries the payout's offers; members the SDK does
// not model (such as offers) are kept in Transaction.Extra.
//
// ZEN API: GET /v2/payouts/{id} (path inferred)
func (s *PayoutService) GetV2(ctx context.Context, id string) (*types.Transaction, error) {
	return call[types.Transaction](ctx, s.client, epPayoutGetV2, args{ids: ids(uuidID(id))})
}

// Capture captures an authorized payout (allowed when
// tx.Actions.Capture is true) and returns the updated transaction; after an
// unknown outcome it settles by reading the payout back.
//
// ZEN API: POST /v1/payouts/capture (path inferred)
func (s *PayoutService) Capture(ctx context.Context, req *PayoutCaptureRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	return callMoney(ctx, s.client, epPayoutCapture, args{body: req}, followUpReadBack(
		req.MerchantTransactionID, req.TransactionID, types.StatusAccepted, req.Amount, types.StatusAuthorized))
}

// Cancel cancels a payout (allowed when tx.Actions.Cancel is true) and
// returns the updated transaction; after an unknown outcome it settles by
// reading the payout back.
//
// ZEN API: POST /v1/payouts/cancel (path inferred)
func (s *PayoutService) Cancel(ctx context.Context, req *PayoutCancelRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	return callMoney(ctx, s.client, epPayoutCancel, args{body: req}, followUpReadBack(
		req.MerchantTransactionID, req.TransactionID, types.StatusCanceled, nil, types.StatusPending, types.StatusAuthorized))
}

// Renew renews a REJECTED payout and returns the updated transaction. No
// read-back can prove a renewal, so an unknown outcome ends in an
// *OutcomeUnknownError.
//
// ZEN API: POST /v1/payouts/renew (path inferred)
func (s *PayoutService) Renew(ctx context.Context, req *PayoutRenewRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	// No read-back can prove a renewal happened (see RenewAuthorization).
	return callMoney(ctx, s.client, epPayoutRenew, args{body: req}, readBack{
		mtid: req.MerchantTransactionID, txID: req.TransactionID,
	})
}

// RefreshOffers asks ZEN for fresh offers on a payout (allowed when
// tx.Actions.RenewOffers is true) and returns the updated transaction. It
// sends no body, so it is retried only when ZEN certainly did not act.
//
// ZEN API: POST /v1/payouts/{id}/offers/refresh (path inferred)
func (s *PayoutService) RefreshOffers(ctx context.Context, id string) (*types.Transaction, error) {
	return call[types.Transaction](ctx, s.client, epPayoutOffersRefresh, args{ids: ids(uuidID(id))})
}

// SelectOffer picks one of a payout's offers (allowed when
// tx.Actions.SelectOffer is true) and returns the updated transaction.
//
// ZEN API: POST /v1/payouts/{id}/offers/select (path inferred)
func (s *PayoutService) SelectOffer(ctx context.Context, id string, req *PayoutSelectOfferRequest) (*types.Transaction, error) {
	return call[types.Transaction](ctx, s.client, epPayoutOfferSelect, args{ids: ids(uuidID(id)), body: req})
}

// PayoutRecipient is the person who receives a card payout.
type PayoutRecipient struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// CardPayoutData sends a payout to a saved payout card
// (paymentSpecificData type "cardpayout"). CardToken is the id returned by
// client.Customers when the payout card was added (POST
// /v2/payout-profiles/card).
type CardPayoutData struct {
	CardToken string          `json:"cardToken"`
	Recipient PayoutRecipient `json:"recipient"`
}

// PaymentDataType returns "cardpayout".
func (CardPayoutData) PaymentDataType() string { return "cardpayout" }

// LogValue makes slog log the type only, never the recipient.
func (d CardPayoutData) LogValue() slog.Value { return variantLogValue(d.PaymentDataType(), nil) }

func (d CardPayoutData) checkPaymentData(v *validate.Checker) {
	if v.Required("cardToken", d.CardToken) {
		v.MaxLen("cardToken", d.CardToken, 128)
	}
	rv := v.At("recipient")
	if rv.Required("firstName", d.Recipient.FirstName) {
		rv.MaxLen("firstName", d.Recipient.FirstName, 128)
	}
	if rv.Required("lastName", d.Recipient.LastName) {
		rv.MaxLen("lastName", d.Recipient.LastName, 128)
	}
}

// MarshalJSON writes the variant with its "type" member.
func (d CardPayoutData) MarshalJSON() ([]byte, error) { return jsonx.Marshal(d) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (d CardPayoutData) JSONTag(jsonx.Inline) (string, string) { return "type", d.PaymentDataType() }

// JSONInline marks CardPayoutData's JSON methods as the SDK engine's own.
func (*CardPayoutData) JSONInline(jsonx.Inline) {}

// FeeOwner says who pays the fee of a crypto payout.
type FeeOwner string

// FeeOwnerPartner is the one fee owner ZEN documents.
const FeeOwnerPartner FeeOwner = "partner"

// IsKnown reports whether o is a documented fee owner.
func (o FeeOwner) IsKnown() bool { return o == FeeOwnerPartner }

// BitBayWithdrawalData sends a payout to a Bitcoin address
// (paymentSpecificData type "bitbaywithdrawal"), a legacy variant seen in
// ZEN's old specification and public clients. FeeOwner is required (ZEN's
// OpenAPI file).
type BitBayWithdrawalData struct {
	PayoutBtcAddress string   `json:"payoutBtcAddress"`
	FeeOwner         FeeOwner `json:"feeOwner"`
}

// PaymentDataType returns "bitbaywithdrawal".
func (BitBayWithdrawalData) PaymentDataType() string { return "bitbaywithdrawal" }

// LogValue makes slog log the type only.
func (d BitBayWithdrawalData) LogValue() slog.Value { return variantLogValue(d.PaymentDataType(), nil) }

func (d BitBayWithdrawalData) checkPaymentData(v *validate.Checker) {
	if v.Required("payoutBtcAddress", d.PayoutBtcAddress) && !payoutBtcAddressRe.MatchString(d.PayoutBtcAddress) {
		v.Fail("payoutBtcAddress", "must be a Bitcoin address matching "+payoutBtcAddressRe.String())
	}
	// feeOwner is required: ZEN's OpenAPI file, "bitbaywithdrawal".
	if v.Required("feeOwner", string(d.FeeOwner)) && !d.FeeOwner.IsKnown() {
		v.Fail("feeOwner", "must be "+string(FeeOwnerPartner))
	}
}

// MarshalJSON writes the variant with its "type" member.
func (d BitBayWithdrawalData) MarshalJSON() ([]byte, error) { return jsonx.Marshal(d) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (d BitBayWithdrawalData) JSONTag(jsonx.Inline) (string, string) {
	return "type", d.PaymentDataType()
}

// JSONInline marks BitBayWithdrawalData's JSON methods as the SDK engine's own.
func (*BitBayWithdrawalData) JSONInline(jsonx.Inline) {}

// DragonPayoutData sends a crypto payout to a customer recipient saved with
// client.Customers (paymentSpecificData type "dragon"). Two forms name the
// recipient, and one of them is required: PayoutInfo, from ZEN's OpenAPI
// file (payoutInfo{recipientId, title}), or RecipientExternalID, the member
// a public client sends instead (inferred). Extra adds any other members as
// given.
type DragonPayoutData struct {
	PayoutInfo          *PayoutInfo    `json:"payoutInfo,omitempty"`
	RecipientExternalID string         `json:"recipientExternalId,omitempty"`
	Extra               map[string]any `json:"-"`
}

// PaymentDataType returns "dragon".
func (DragonPayoutData) PaymentDataType() string { return "dragon" }

// LogValue makes slog log the type only.
func (d DragonPayoutData) LogValue() slog.Value { return variantLogValue(d.PaymentDataType(), nil) }

func (d DragonPayoutData) checkPaymentData(v *validate.Checker) {
	v.MaxLen("recipientExternalId", d.RecipientExternalID, 128)
	switch {
	case d.PayoutInfo != nil:
		d.PayoutInfo.check(v.At("payoutInfo"))
	case d.RecipientExternalID == "":
		v.Fail("payoutInfo", "is required (or recipientExternalId)")
	}
}

// MarshalJSON writes the variant with its "type" member and Extra.
func (d DragonPayoutData) MarshalJSON() ([]byte, error) { return jsonx.Marshal(d) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (d DragonPayoutData) JSONTag(jsonx.Inline) (string, string) { return "type", d.PaymentDataType() }

// JSONInline marks DragonPayoutData's JSON methods as the SDK engine's own.
func (*DragonPayoutData) JSONInline(jsonx.Inline) {}

// WebMoneyPayoutData sends a payout to a WebMoney recipient
// (paymentSpecificData type "webmoney"). PayoutInfo is required (ZEN's
// OpenAPI file); Fields adds any other members, sent as they are.
type WebMoneyPayoutData struct {
	PayoutInfo *PayoutInfo    `json:"payoutInfo"`
	Fields     map[string]any `json:"-"`
}

// PaymentDataType returns "webmoney".
func (WebMoneyPayoutData) PaymentDataType() string { return "webmoney" }

// LogValue makes slog log the type only, never Fields.
func (d WebMoneyPayoutData) LogValue() slog.Value { return variantLogValue(d.PaymentDataType(), nil) }

func (d WebMoneyPayoutData) checkPaymentData(v *validate.Checker) {
	if d.PayoutInfo == nil {
		v.Fail("payoutInfo", "is required")
		return
	}
	d.PayoutInfo.check(v.At("payoutInfo"))
}

// MarshalJSON writes PayoutInfo and Fields with the "type" member.
func (d WebMoneyPayoutData) MarshalJSON() ([]byte, error) { return jsonx.MarshalExtra(d, d.Fields) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (d WebMoneyPayoutData) JSONTag(jsonx.Inline) (string, string) {
	return "type", d.PaymentDataType()
}
