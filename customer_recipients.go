package zen

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// Create saves one crypto-wallet payout recipient for customer
// merchantCustomerID. ZEN accepts only wallets it supports.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/withdrawals/dragon (path confirmed)
func (s *WalletRecipientService) Create(ctx context.Context, merchantCustomerID string, recipient *WalletRecipientCreateRequest) (*WalletRecipient, error) {
	return call[WalletRecipient](ctx, s.client, epWalletRecipientAdd, args{ids: ids(customerID(merchantCustomerID)), body: recipient})
}

// List returns one page of the wallet recipients of customer
// merchantCustomerID, optionally of one wallet currency.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/withdrawals/dragon (path confirmed)
func (s *WalletRecipientService) List(ctx context.Context, merchantCustomerID string, params WalletRecipientListParams) (*types.Page[WalletRecipient], error) {
	q := url.Values{}
	if params.WalletCurrency != "" {
		q.Set("wallet-currency", params.WalletCurrency)
	}
	r := pageReq(params.ListParams, q, customerID(merchantCustomerID))
	r.check = params.check
	return call[types.Page[WalletRecipient]](ctx, s.client, epWalletRecipientList, r)
}

// All iterates over every wallet recipient of customer
// merchantCustomerID; see List.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/withdrawals/dragon (path confirmed)
func (s *WalletRecipientService) All(ctx context.Context, merchantCustomerID string, params WalletRecipientListParams) iter.Seq2[WalletRecipient, error] {
	return allOf(ctx, merchantCustomerID, params, s.List)
}

// Get returns wallet recipient id (a UUID) of customer
// merchantCustomerID.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/withdrawals/dragon/{id} (path inferred)
func (s *WalletRecipientService) Get(ctx context.Context, merchantCustomerID, id string) (*WalletRecipient, error) {
	return call[WalletRecipient](ctx, s.client, epWalletRecipientGet, args{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// Update changes wallet recipient id of customer
// merchantCustomerID with the non-empty fields of update.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId}/withdrawals/dragon/{id} (path inferred)
func (s *WalletRecipientService) Update(ctx context.Context, merchantCustomerID, id string, update *WalletRecipientUpdateRequest) (*WalletRecipient, error) {
	return call[WalletRecipient](ctx, s.client, epWalletRecipientEdit, args{ids: ids(customerID(merchantCustomerID), uuidID(id)), body: update})
}

// Delete deletes wallet recipient id of customer
// merchantCustomerID.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/withdrawals/dragon/{id} (path inferred)
func (s *WalletRecipientService) Delete(ctx context.Context, merchantCustomerID, id string) error {
	return callDelete(ctx, s.client, epWalletRecipientDel, args{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// Create saves a PayNow payout recipient for customer
// merchantCustomerID. ZEN has not published the body: put its members in
// recipient.Extra. The path is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/withdrawals/paynow (path inferred)
func (s *PaynowRecipientService) Create(ctx context.Context, merchantCustomerID string, recipient *PaynowRecipientCreateRequest) (*PaynowRecipient, error) {
	return call[PaynowRecipient](ctx, s.client, epPaynowRecipientAdd, args{ids: ids(customerID(merchantCustomerID)), body: recipient})
}

// Delete deletes PayNow recipient (profile) id of customer
// merchantCustomerID. The path is a low-confidence guess.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/withdrawals/paynow/{id} (path inferred)
func (s *PaynowRecipientService) Delete(ctx context.Context, merchantCustomerID, id string) error {
	return callDelete(ctx, s.client, epPaynowRecipientDel, args{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// PaynowRecipient is a PayNow payout recipient, as sent and as returned
// (schema not published): put the members to send in Extra; ID is the id
// ZEN returns, used by RemovePaynowRecipient.
type PaynowRecipient = Object

// WalletRecipient is a crypto-wallet payout recipient of a customer, with
// every member of ZEN's DragonOutput schema. Status is its verification
// status.
type WalletRecipient struct {
	ID                 string                     `json:"id"`
	CustomerID         string                     `json:"customerId,omitempty"`
	TransactionType    types.TransactionType      `json:"transactionType,omitempty"`
	FirstTransactionID string                     `json:"firstTransactionId,omitempty"`
	WalletAddress      string                     `json:"walletAddress"`
	WalletCurrency     string                     `json:"walletCurrency"`
	WalletAlias        string                     `json:"walletAlias,omitempty"`
	VerificationStatus string                     `json:"verificationStatus,omitempty"`
	VerificationDate   string                     `json:"verificationDate,omitempty"` // format not documented
	Status             types.VerificationStatus   `json:"status,omitempty"`
	CreatedAt          time.Time                  `json:"createdAt"`
	Extra              map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type walletRecipientFields WalletRecipient

// MarshalJSON writes the modelled fields followed by Extra.
func (w WalletRecipient) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(walletRecipientFields(w))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (w *WalletRecipient) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*walletRecipientFields)(w))
}

// WalletRecipientCreateRequest is the body of AddWalletRecipient. WalletAddress
// and WalletCurrency are required; WalletAlias is always sent (null when
// nil), as ZEN requires the member but allows null.
type WalletRecipientCreateRequest struct {
	WalletAddress      string                   `json:"walletAddress"`
	WalletCurrency     string                   `json:"walletCurrency"`
	WalletAlias        *string                  `json:"walletAlias"`
	MerchantID         string                   `json:"merchantId,omitempty"`
	CustomerID         string                   `json:"customerId,omitempty"`
	FirstTransactionID string                   `json:"firstTransactionId,omitempty"`
	VerificationStatus string                   `json:"verificationStatus,omitempty"`
	VerificationDate   string                   `json:"verificationDate,omitempty"`
	Status             types.VerificationStatus `json:"status,omitempty"`
}

// Validate checks ZEN's documented rules for a new recipient.
func (r *WalletRecipientCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.Len("walletAddress", r.WalletAddress, 1, 512)
	v.Len("walletCurrency", r.WalletCurrency, 1, 16)
	if r.WalletAlias != nil {
		v.Len("walletAlias", *r.WalletAlias, 1, 128)
	}
	v.MaxLen("merchantId", r.MerchantID, 32)
	v.UUID("customerId", r.CustomerID, false)
	v.UUID("firstTransactionId", r.FirstTransactionID, false)
	v.MaxLen("verificationStatus", r.VerificationStatus, 32)
	if r.Status != "" && !r.Status.IsKnown() {
		v.Fail("status", "must be one of verified, unverified, expired, invalid, pending")
	}
	return v.Err()
}

// WalletRecipientUpdateRequest is the body of UpdateWalletRecipient. ZEN has not
// published it: WalletAlias is the likely editable member, and Extra
// carries others. Empty fields are not sent.
type WalletRecipientUpdateRequest struct {
	WalletAlias string         `json:"walletAlias,omitempty"`
	Extra       map[string]any `json:"-"`
}

type walletRecipientUpdateFields WalletRecipientUpdateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (u WalletRecipientUpdateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(walletRecipientUpdateFields(u))
}

// Validate checks the alias length.
func (u *WalletRecipientUpdateRequest) Validate() error {
	if u == nil {
		return errMissingRequest()
	}
	return maxLen("walletAlias", u.WalletAlias, 128)
}

// WalletRecipientListParams selects a page of wallet recipients.
// WalletCurrency (sent as wallet-currency) limits the list to one currency.
type WalletRecipientListParams struct {
	ListParams
	WalletCurrency string
}

// Validate checks the paging values and the wallet-currency filter (ZEN's
// walletCurrency is 1..16 characters; a blank one would list every
// currency).
func (p WalletRecipientListParams) Validate() error {
	v := validate.New()
	p.check(v)
	return v.Err()
}

func (p WalletRecipientListParams) check(v *validate.Checker) {
	p.ListParams.check(v)
	if v.Filter("wallet-currency", p.WalletCurrency) {
		v.MaxLen("wallet-currency", p.WalletCurrency, 16)
	}
}

// JSONInline marks WalletRecipient's JSON methods as the SDK engine's own.
func (*WalletRecipient) JSONInline(jsonx.Inline) {}

// JSONInline marks WalletRecipientUpdateRequest's JSON methods as the SDK engine's own.
func (*WalletRecipientUpdateRequest) JSONInline(jsonx.Inline) {}
