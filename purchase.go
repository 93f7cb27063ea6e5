package zen

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// Length limits ZEN documents for purchase fields.
const (
	maxComment   = 512
	maxIPNURL    = 1024
	maxSessionID = 128 // authorization sessionId
)

// PurchaseAuthorization carries the result of the authorization-fee /
// currency-conversion flow (client.Authorization) into a purchase: the
// amount and currency the buyer agreed to and, when ZEN returned one, its
// session id.
type PurchaseAuthorization struct {
	Amount    types.Amount `json:"amount"`
	Currency  string       `json:"currency"`
	SessionID string       `json:"sessionId,omitempty"`
}

// PurchaseCreateRequest creates a purchase. MerchantTransactionID (unique per
// shop), PaymentChannel, Amount, Currency, Customer (with Email and IP) and
// PaymentSpecificData are required; when Items are given their
// LineAmountTotals must add up to Amount.
type PurchaseCreateRequest struct {
	MerchantTransactionID string                     `json:"merchantTransactionId"`
	PaymentChannel        types.PaymentChannel       `json:"paymentChannel"`
	Amount                types.Amount               `json:"amount"`
	Currency              string                     `json:"currency"`
	Customer              *types.TransactionCustomer `json:"customer"`
	Items                 []types.Item               `json:"items,omitempty"`
	// PaymentSpecificData is one of the variant types (OneTimePayment,
	// BlikPayment, GeneralPayment, …) or RawPaymentData.
	PaymentSpecificData PaymentSpecificData `json:"paymentSpecificData,omitempty"`
	BillingAddress      *types.Address      `json:"billingAddress,omitempty"`
	ShippingAddress     *types.Address      `json:"shippingAddress,omitempty"`
	// CustomIPNURL overrides the IPN address set in the ZEN panel.
	CustomIPNURL                string                 `json:"customIpnUrl,omitempty"`
	Comment                     string                 `json:"comment,omitempty"`
	OriginMerchantTransactionID string                 `json:"originMerchantTransactionId,omitempty"`
	Authorization               *PurchaseAuthorization `json:"authorization,omitempty"`
	// FraudFields are passed to ZEN's fraud checks, e.g. "fingerPrintId"
	// from ZEN's fraud-collector script.
	FraudFields map[string]any `json:"fraudFields,omitempty"`
	Source      *types.Source  `json:"source,omitempty"`
}

// Validate checks the request against ZEN's rules before it is sent: the
// required fields, lengths and patterns, the items' sum, the customer's
// email and IP, addresses, and the paymentSpecificData variant.
func (r *PurchaseCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.MerchantTransactionID("merchantTransactionId", r.MerchantTransactionID, true)
	v.RequiredMatch("paymentChannel", string(r.PaymentChannel), validate.PaymentChannel)
	checkMoney(v, r.Amount, r.Currency)
	checkCustomer(v.At("customer"), r.Customer, true)
	v.Items(r.Items, r.Amount)
	checkPaymentData(v, r.PaymentSpecificData, true)
	v.At("billingAddress").Address(r.BillingAddress)
	v.At("shippingAddress").Address(r.ShippingAddress)
	v.URL("customIpnUrl", r.CustomIPNURL, maxIPNURL)
	v.MaxLen("comment", r.Comment, maxComment)
	v.MerchantTransactionID("originMerchantTransactionId", r.OriginMerchantTransactionID, false)
	if a := r.Authorization; a != nil {
		av := v.At("authorization")
		checkMoney(av, a.Amount, a.Currency)
		av.MaxLen("sessionId", a.SessionID, maxSessionID)
	}
	checkSource(v.At("source"), r.Source)
	return v.Err()
}

// LogValue makes slog log the request's identifying metadata only, never
// the customer, addresses or card data.
func (r PurchaseCreateRequest) LogValue() slog.Value {
	return createLogValue(r.MerchantTransactionID, r.PaymentChannel, r.Amount, r.Currency, r.PaymentSpecificData)
}

// Create creates a purchase and returns the transaction, whose Status says
// what happened: a declined purchase is a 2xx answer with Status REJECTED,
// so check tx.Err() (a *RejectError) as well as err. Follow
// tx.MerchantAction (e.g. redirect the buyer) when it is set. It moves
// money: see the package doc for its three outcomes.
//
// ZEN API: POST /v1/transactions (path confirmed)
func (s *PurchaseService) Create(ctx context.Context, req *PurchaseCreateRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	return callMoney(ctx, s.client, epPurchaseCreate, args{body: req}, createReadBack(createCheck{
		typ: types.TypePurchase, mtid: req.MerchantTransactionID, amount: req.Amount, currency: req.Currency,
		customer: req.Customer, items: req.Items,
	}))
}

// PurchaseCaptureRequest captures (settles) an authorized purchase, fully or in
// part. Allowed only when the transaction's Actions.Capture is true.
type PurchaseCaptureRequest struct {
	TransactionID         string       `json:"transactionId"`
	MerchantTransactionID string       `json:"merchantTransactionId"`
	Amount                types.Amount `json:"amount"`
	Currency              string       `json:"currency"`
	Comment               string       `json:"comment,omitempty"`
}

// Validate checks the transaction id (UUID), merchantTransactionId, amount,
// currency and comment length.
func (r *PurchaseCaptureRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkFollowUp(v, r.TransactionID, r.MerchantTransactionID, r.Comment)
	checkMoney(v, r.Amount, r.Currency)
	return v.Err()
}

// Capture captures an authorized purchase and returns the updated
// transaction (ACCEPTED). After an unknown outcome it settles by reading the
// purchase back (see the package doc).
//
// ZEN API: POST /v1/transactions/capture (path confirmed)
func (s *PurchaseService) Capture(ctx context.Context, req *PurchaseCaptureRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	return callMoney(ctx, s.client, epPurchaseCapture, args{body: req}, followUpReadBack(
		req.MerchantTransactionID, req.TransactionID, types.StatusAccepted, &req.Amount, types.StatusAuthorized))
}

// Get returns the transaction with ZEN id id (a UUID). A missing
// transaction is a *APIError matching ErrNotFound.
//
// ZEN API: GET /v1/transactions/{id} (path confirmed)
func (s *PurchaseService) Get(ctx context.Context, id string) (*types.Transaction, error) {
	return call[types.Transaction](ctx, s.client, epPurchaseGet, args{ids: ids(uuidID(id))})
}

// GetByMerchantTransactionID returns the transaction the merchant created
// with merchantTransactionID (purchases and refunds alike). A missing
// transaction is a *APIError matching ErrNotFound.
//
// ZEN API: GET /v1/transactions/merchant/{merchantTransactionId} (path confirmed)
func (s *PurchaseService) GetByMerchantTransactionID(ctx context.Context, merchantTransactionID string) (*types.Transaction, error) {
	return call[types.Transaction](ctx, s.client, epPurchaseGetByMTID, args{ids: ids(mtidParam(merchantTransactionID))})
}

// PurchaseCancelRequest cancels (voids) an authorized purchase that was not
// captured. Allowed only when the transaction's Actions.Cancel is true.
// ZEN does not publish this body; TransactionID, MerchantTransactionID and
// Comment mirror capture, and Extra adds members the SDK does not model.
type PurchaseCancelRequest struct {
	TransactionID         string         `json:"transactionId"`
	MerchantTransactionID string         `json:"merchantTransactionId"`
	Comment               string         `json:"comment,omitempty"`
	Extra                 map[string]any `json:"-"`
}

type cancelRequestFields PurchaseCancelRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r PurchaseCancelRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(cancelRequestFields(r))
}

// JSONInline marks PurchaseCancelRequest's JSON methods as the SDK engine's own.
func (*PurchaseCancelRequest) JSONInline(jsonx.Inline) {}

// Validate checks the transaction id (UUID), merchantTransactionId and
// comment length.
func (r *PurchaseCancelRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkFollowUp(v, r.TransactionID, r.MerchantTransactionID, r.Comment)
	return v.Err()
}

// Cancel cancels an authorized purchase and returns the updated
// transaction. The path is inferred from capture and renewAuthorization
// (ZEN's page shows only the method); it is one constant in purchase.go.
// After an unknown outcome it settles by reading the purchase back.
//
// ZEN API: POST /v1/transactions/cancel (path inferred)
func (s *PurchaseService) Cancel(ctx context.Context, req *PurchaseCancelRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	return callMoney(ctx, s.client, epPurchaseCancel, args{body: req}, followUpReadBack(
		req.MerchantTransactionID, req.TransactionID, types.StatusCanceled, nil, types.StatusPending, types.StatusAuthorized))
}

// PurchaseRenewAuthorizationRequest starts a new authorization attempt on a
// transaction whose earlier authorization expired or was rejected (allowed
// when Actions.Authorization is true), e.g. with a new BlikPayment code.
type PurchaseRenewAuthorizationRequest struct {
	Comment               string              `json:"comment,omitempty"`
	TransactionID         string              `json:"transactionId"`
	MerchantTransactionID string              `json:"merchantTransactionId"`
	PaymentSpecificData   PaymentSpecificData `json:"paymentSpecificData"`
}

// Validate checks the transaction id (UUID), merchantTransactionId,
// comment length and the paymentSpecificData variant (required).
func (r *PurchaseRenewAuthorizationRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkFollowUp(v, r.TransactionID, r.MerchantTransactionID, r.Comment)
	checkPaymentData(v, r.PaymentSpecificData, true)
	return v.Err()
}

// LogValue makes slog log the ids and the variant type only.
func (r PurchaseRenewAuthorizationRequest) LogValue() slog.Value {
	return renewLogValue(r.TransactionID, r.MerchantTransactionID, r.PaymentSpecificData)
}

// RenewAuthorization renews the authorization of a transaction and returns
// it; as with Create, a declined renewal is Status REJECTED (see tx.Err()).
// No read-back can prove a renewal, so an unknown outcome ends in an
// *OutcomeUnknownError.
//
// ZEN API: POST /v1/transactions/renewAuthorization (path confirmed)
func (s *PurchaseService) RenewAuthorization(ctx context.Context, req *PurchaseRenewAuthorizationRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	// No read-back can prove a renewal happened: after an unknown outcome
	// the call ends in an *OutcomeUnknownError unless ZEN answered.
	return callMoney(ctx, s.client, epPurchaseRenew, args{body: req}, readBack{
		mtid: req.MerchantTransactionID, txID: req.TransactionID,
	})
}

// ApplePayInitiative is the Apple Pay session initiative; ZEN accepts only
// "webapp".
type ApplePayInitiative string

// ApplePayWebApp is the only initiative ZEN documents.
const ApplePayWebApp ApplePayInitiative = "webapp"

// PurchaseValidateApplePaySessionRequest asks ZEN to validate an Apple Pay merchant session.
// AppleURL is the validationURL from the browser's onvalidatemerchant
// event; Initiative may be left empty for "webapp".
type PurchaseValidateApplePaySessionRequest struct {
	AppleURL   string             `json:"appleUrl"`
	Initiative ApplePayInitiative `json:"initiative"`
	Currency   string             `json:"currency"`
}

// Validate checks that AppleURL is an absolute URL and Currency an ISO
// 4217 code; an empty Initiative is valid (it is sent as "webapp").
func (r *PurchaseValidateApplePaySessionRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	if v.Required("appleUrl", r.AppleURL) {
		v.URL("appleUrl", r.AppleURL, 2048)
	}
	v.Currency("currency", r.Currency)
	return v.Err()
}

// ValidateApplePaySession returns Apple's opaque merchant session exactly as
// ZEN sent it; pass it unchanged to completeMerchantValidation in the
// browser. A 2xx answer without a session is an error. The request carries
// the "checkout-version: securebroker" header ZEN requires; req is not
// modified.
//
// ZEN API: POST /v1/applepay/session (path confirmed)
func (s *PurchaseService) ValidateApplePaySession(ctx context.Context, req *PurchaseValidateApplePaySessionRequest) (json.RawMessage, error) {
	var in *PurchaseValidateApplePaySessionRequest
	if req != nil {
		r := *req
		if r.Initiative == "" {
			r.Initiative = ApplePayWebApp
		}
		in = &r
	}
	out, err := call[json.RawMessage](ctx, s.client, epApplePaySession, args{body: in})
	if err != nil {
		return nil, err
	}
	if len(*out) == 0 || string(*out) == "null" {
		return nil, fmt.Errorf("zen: POST %s: response has no merchant session", epApplePaySession.path)
	}
	return *out, nil
}

// PurchaseCalculateCashbackRequest asks how much cashback ZEN would give the buyer for an
// amount paid with each of the listed methods and channels.
// TransactionType may be left empty for ZEN's default TRT_PURCHASE.
type PurchaseCalculateCashbackRequest struct {
	Amount          types.Amount          `json:"amount"`
	Currency        string                `json:"currency"`
	TransactionType types.TransactionType `json:"transactionType,omitempty"`
	Data            []CashbackQuery       `json:"data"`
}

// CashbackQuery is one payment method and channel to price;
// CardOrganization (e.g. COR_VISA) is required for PCL_CARD.
type CashbackQuery struct {
	PaymentMethod    types.PaymentMethod    `json:"paymentMethod"`
	PaymentChannel   types.PaymentChannel   `json:"paymentChannel"`
	CardOrganization types.CardOrganization `json:"cardOrganization,omitempty"`
}

// Validate checks the amount, currency, transaction type pattern and every
// data entry.
func (r *PurchaseCalculateCashbackRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkMoney(v, r.Amount, r.Currency)
	v.Match("transactionType", string(r.TransactionType), validate.TransactionType)
	if len(r.Data) == 0 {
		v.Fail("data", "must list at least one payment method")
	}
	for i, q := range r.Data {
		qv := v.Index("data", i)
		qv.Required("paymentMethod", string(q.PaymentMethod))
		qv.RequiredMatch("paymentChannel", string(q.PaymentChannel), validate.PaymentChannel)
		if q.PaymentChannel == types.ChannelCard {
			qv.Required("cardOrganization", string(q.CardOrganization))
		}
	}
	return v.Err()
}

// CashbackOffer is the cashback available for one payment method.
// MaxCashback is ZEN's text (not always an amount).
type CashbackOffer struct {
	PaymentMethod types.PaymentMethod        `json:"paymentMethod"`
	MaxCashback   string                     `json:"maxCashback,omitempty"`
	Channels      []CashbackChannel          `json:"channels"`
	Extra         map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cashbackOfferFields CashbackOffer

// MarshalJSON writes the modelled fields followed by Extra.
func (o CashbackOffer) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cashbackOfferFields(o)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (o *CashbackOffer) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*cashbackOfferFields)(o))
}

// JSONInline marks CashbackOffer's JSON methods as the SDK engine's own.
func (*CashbackOffer) JSONInline(jsonx.Inline) {}

// CashbackChannel is the cashback of one channel of a method, overall and
// per card organization.
type CashbackChannel struct {
	PaymentChannel    types.PaymentChannel       `json:"paymentChannel"`
	CardOrganizations []CashbackCardOrganization `json:"cardOrganizations,omitempty"`
	Cashback          *types.Money               `json:"cashback,omitempty"`
	Extra             map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cashbackChannelFields CashbackChannel

// MarshalJSON writes the modelled fields followed by Extra.
func (c CashbackChannel) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(cashbackChannelFields(c))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *CashbackChannel) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*cashbackChannelFields)(c))
}

// JSONInline marks CashbackChannel's JSON methods as the SDK engine's own.
func (*CashbackChannel) JSONInline(jsonx.Inline) {}

// CashbackCardOrganization is the cashback for cards of one organization.
type CashbackCardOrganization struct {
	Organization types.CardOrganization     `json:"organization"`
	Cashback     *types.Money               `json:"cashback,omitempty"`
	Extra        map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cashbackCardOrganizationFields CashbackCardOrganization

// MarshalJSON writes the modelled fields followed by Extra.
func (o CashbackCardOrganization) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(cashbackCardOrganizationFields(o))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (o *CashbackCardOrganization) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*cashbackCardOrganizationFields)(o))
}

// JSONInline marks CashbackCardOrganization's JSON methods as the SDK engine's own.
func (*CashbackCardOrganization) JSONInline(jsonx.Inline) {}

// CalculateCashback returns the cashback offers for req's methods and
// channels. It moves no money, so it is retried like a GET.
//
// ZEN API: POST /v1/cashback/calculate (path confirmed)
func (s *PurchaseService) CalculateCashback(ctx context.Context, req *PurchaseCalculateCashbackRequest) ([]CashbackOffer, error) {
	out, err := call[[]CashbackOffer](ctx, s.client, epCashbackCalculate, args{body: req})
	if err != nil {
		return nil, err
	}
	return *out, nil
}
