package zen

import (
	"context"
	"encoding/json"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// ---- Customers ----

// Create saves a customer under the merchant's own id (customer.ID,
// a UUID that every other call here takes as merchantCustomerId). A payout
// card can only be added for a saved customer.
//
// ZEN API: POST /v3/customers (path confirmed)
func (s *CustomerService) Create(ctx context.Context, customer *CustomerCreateRequest) (*Customer, error) {
	return call[Customer](ctx, s.client, epCustomerCreate, args{body: customer, check: func(v *validate.Checker) {
		if customer != nil && customer.ID == "" {
			v.Fail("id", "is required")
		}
	}})
}

// List returns one page of the saved customers ("saved
// subscription customers" in ZEN's navigation).
//
// ZEN API: GET /v3/customers (path inferred)
func (s *CustomerService) List(ctx context.Context, params CustomerListParams) (*types.Page[Customer], error) {
	return call[types.Page[Customer]](ctx, s.client, epCustomerList, pageReq(params.ListParams, nil))
}

// All iterates over every saved customer, fetching pages as the
// loop needs them; see List.
//
// ZEN API: GET /v3/customers (path inferred)
func (s *CustomerService) All(ctx context.Context, params CustomerListParams) iter.Seq2[Customer, error] {
	return allPages(ctx, params, s.List)
}

// Get returns the saved customer with the merchant's id
// merchantCustomerID (a UUID); a customer ZEN does not know is ErrNotFound.
//
// ZEN API: GET /v3/customers/{merchantCustomerId} (path inferred)
func (s *CustomerService) Get(ctx context.Context, merchantCustomerID string) (*Customer, error) {
	return call[Customer](ctx, s.client, epCustomerGet, args{ids: ids(customerID(merchantCustomerID))})
}

// Update changes the non-empty fields of customer on the saved
// customer merchantCustomerID and returns it as ZEN now has it.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId} (path inferred)
func (s *CustomerService) Update(ctx context.Context, merchantCustomerID string, customer *CustomerUpdateRequest) (*Customer, error) {
	return call[Customer](ctx, s.client, epCustomerUpdate, args{ids: ids(customerID(merchantCustomerID)), body: customer})
}

// Delete deletes the saved customer merchantCustomerID.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId} (path confirmed)
func (s *CustomerService) Delete(ctx context.Context, merchantCustomerID string) error {
	return callDelete(ctx, s.client, epCustomerDelete, args{ids: ids(customerID(merchantCustomerID))})
}

// ---- Saved purchase cards ----

// List returns one page of the cards saved for purchases by customer
// merchantCustomerID (cards saved with paymentSpecificData.saveCard and
// customer.id on a purchase).
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payments/card (path confirmed)
func (s *CardService) List(ctx context.Context, merchantCustomerID string, params CardListParams) (*types.Page[Card], error) {
	return call[types.Page[Card]](ctx, s.client, epCardList, pageReq(params.ListParams, nil, customerID(merchantCustomerID)))
}

// All iterates over every saved card of customer merchantCustomerID;
// see List.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payments/card (path confirmed)
func (s *CardService) All(ctx context.Context, merchantCustomerID string, params CardListParams) iter.Seq2[Card, error] {
	return allOf(ctx, merchantCustomerID, params, s.List)
}

// Get returns saved card id (a UUID) of customer merchantCustomerID.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payments/card/{id} (path confirmed)
func (s *CardService) Get(ctx context.Context, merchantCustomerID, id string) (*Card, error) {
	return call[Card](ctx, s.client, epCardGet, args{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// Update changes the non-empty fields of update on saved card id of
// customer merchantCustomerID.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId}/payments/card/{id} (path inferred)
func (s *CardService) Update(ctx context.Context, merchantCustomerID, id string, update *CardUpdateRequest) (*Card, error) {
	return call[Card](ctx, s.client, epCardUpdate, args{ids: ids(customerID(merchantCustomerID), uuidID(id)), body: update})
}

// Delete deletes saved card id of customer merchantCustomerID.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/payments/card/{id} (path confirmed)
func (s *CardService) Delete(ctx context.Context, merchantCustomerID, id string) error {
	return callDelete(ctx, s.client, epCardDelete, args{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// ---- Payout cards (v2 payout profiles) ----

// Create saves a card that payouts can be sent to, for the customer
// the merchant knows as externalCustomerID (sent as the required
// external-customer-id header; create the customer first). The returned
// card's ID is the cardToken of a card payout.
//
// ZEN API: POST /v2/payout-profiles/card (path confirmed)
func (s *PayoutProfileService) Create(ctx context.Context, externalCustomerID string, card *PayoutProfileCreateRequest) (*PayoutCard, error) {
	return call[PayoutCard](ctx, s.client, epPayoutCardV2Add, args{
		body:   card,
		check:  func(v *validate.Checker) { checkHeader(v, externalCustomerID, true); requireCard(v, card) },
		header: externalCustomerHeader(externalCustomerID),
	})
}

// List returns one page of the saved payout cards. A non-empty
// externalCustomerID limits it to that customer (sent as the
// external-customer-id header).
//
// ZEN API: GET /v2/payout-profiles/card (path inferred)
func (s *PayoutProfileService) List(ctx context.Context, externalCustomerID string, params PayoutProfileListParams) (*types.Page[PayoutCard], error) {
	r := pageReq(params.ListParams, nil)
	pageCheck := r.check
	r.check = func(v *validate.Checker) { checkHeader(v, externalCustomerID, false); pageCheck(v) }
	if externalCustomerID != "" {
		r.header = externalCustomerHeader(externalCustomerID)
	}
	return call[types.Page[PayoutCard]](ctx, s.client, epPayoutCardV2List, r)
}

// All iterates over every saved payout card (of
// externalCustomerID when it is not empty); see List.
//
// ZEN API: GET /v2/payout-profiles/card (path inferred)
func (s *PayoutProfileService) All(ctx context.Context, externalCustomerID string, params PayoutProfileListParams) iter.Seq2[PayoutCard, error] {
	return allOf(ctx, externalCustomerID, params, s.List)
}

// Update changes saved payout card id with the non-empty fields
// of card.
//
// ZEN API: PATCH /v2/payout-profiles/card/{id} (path inferred)
func (s *PayoutProfileService) Update(ctx context.Context, id string, card *PayoutProfileUpdateRequest) (*PayoutCard, error) {
	return call[PayoutCard](ctx, s.client, epPayoutCardV2Update, args{ids: ids(freeID(id)), body: card})
}

// Delete deletes saved payout card id.
//
// ZEN API: DELETE /v2/payout-profiles/card/{id} (path inferred)
func (s *PayoutProfileService) Delete(ctx context.Context, id string) error {
	return callDelete(ctx, s.client, epPayoutCardV2Delete, args{ids: ids(freeID(id))})
}

// ---- Crypto-wallet recipients ("dragon" withdrawals) ----

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

// ---- V3 payout cards and payout recipients ----
//
// ZEN lists these ten operations without publishing their paths; the paths
// below are low-confidence guesses. Check them against the sandbox before
// relying on them, and correct a path in the endpoint table above.

// List returns one page of the saved payout recipients of
// customer merchantCustomerID. The path is a low-confidence guess.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/recipients (path inferred)
func (s *PayoutRecipientService) List(ctx context.Context, merchantCustomerID string, params PayoutRecipientListParams) (*types.Page[SavedPayoutRecipient], error) {
	return call[types.Page[SavedPayoutRecipient]](ctx, s.client, epPayoutRecipientList, pageReq(params.ListParams, nil, customerID(merchantCustomerID)))
}

// All iterates over every saved payout recipient of
// customer merchantCustomerID; see List.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/recipients (path inferred)
func (s *PayoutRecipientService) All(ctx context.Context, merchantCustomerID string, params PayoutRecipientListParams) iter.Seq2[SavedPayoutRecipient, error] {
	return allOf(ctx, merchantCustomerID, params, s.List)
}

// Verify asks ZEN to verify payout card id of customer
// merchantCustomerID ("Verify merchant's customer payout recipient card").
// ZEN has not published the body: verify (nil for no body) carries its
// members in Extra. The path is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/payouts/card/{id}/verify (path inferred)
func (s *PayoutCardService) Verify(ctx context.Context, merchantCustomerID, id string, verify *PayoutCardVerifyRequest) (*CardOperation, error) {
	return call[CardOperation](ctx, s.client, epPayoutCardVerify, args{ids: ids(customerID(merchantCustomerID), freeID(id)), body: optionalBody(verify)})
}

// GetMerchantCard returns payout card id of customer
// merchantCustomerID ("Fetch saved merchant customer's payout card V3"). The
// path is a low-confidence guess, shared for now with GetPayoutCardV3.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *PayoutCardService) GetMerchantCard(ctx context.Context, merchantCustomerID, id string) (*PayoutCard, error) {
	return call[PayoutCard](ctx, s.client, epMerchantPayoutCard, args{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// InitWidget starts ZEN's widget flow for adding a payout card
// of customer merchantCustomerID. ZEN has not published the body or the
// answer: widget (nil for no body) carries the members to send in Extra,
// and the answer's members (such as a widget URL) are in its Extra. The path
// is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/payouts/card/widget (path inferred)
func (s *PayoutCardService) InitWidget(ctx context.Context, merchantCustomerID string, widget *PayoutCardInitWidgetRequest) (*Object, error) {
	return call[Object](ctx, s.client, epPayoutCardWidget, args{ids: ids(customerID(merchantCustomerID)), body: optionalBody(widget)})
}

// Update renames payout card id of customer
// merchantCustomerID ("Update merchant payout card alias"). The path is a
// low-confidence guess.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *PayoutCardService) Update(ctx context.Context, merchantCustomerID, id string, update *PayoutCardUpdateRequest) (*PayoutCard, error) {
	return call[PayoutCard](ctx, s.client, epPayoutCardAlias, args{ids: ids(customerID(merchantCustomerID), freeID(id)), body: update})
}

// List returns one page of the saved payout cards of customer
// merchantCustomerID. The path is a low-confidence guess.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card (path inferred)
func (s *PayoutCardService) List(ctx context.Context, merchantCustomerID string, params PayoutCardListParams) (*types.Page[PayoutCard], error) {
	return call[types.Page[PayoutCard]](ctx, s.client, epPayoutCardV3List, pageReq(params.ListParams, nil, customerID(merchantCustomerID)))
}

// All iterates over every saved payout card of customer
// merchantCustomerID; see List.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card (path inferred)
func (s *PayoutCardService) All(ctx context.Context, merchantCustomerID string, params PayoutCardListParams) iter.Seq2[PayoutCard, error] {
	return allOf(ctx, merchantCustomerID, params, s.List)
}

// DeleteMerchantCard deletes payout card id of customer
// merchantCustomerID ("Removes merchant customer payout card"). The path is
// a low-confidence guess, shared for now with RemovePayoutCardV3.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *PayoutCardService) DeleteMerchantCard(ctx context.Context, merchantCustomerID, id string) error {
	return callDelete(ctx, s.client, epMerchantPayoutDelete, args{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// Create saves a payout card for customer merchantCustomerID
// ("Add customer payout card"). The path is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/payouts/card (path inferred)
func (s *PayoutCardService) Create(ctx context.Context, merchantCustomerID string, card *PayoutCardCreateRequest) (*PayoutCard, error) {
	return call[PayoutCard](ctx, s.client, epPayoutCardV3Add, args{
		ids:   ids(customerID(merchantCustomerID)),
		body:  card,
		check: func(v *validate.Checker) { requireCard(v, card) },
	})
}

// Get returns saved payout card id of customer
// merchantCustomerID ("Fetch saved payout card V3"). The path is a
// low-confidence guess, shared for now with GetMerchantCustomerPayoutCardV3.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *PayoutCardService) Get(ctx context.Context, merchantCustomerID, id string) (*PayoutCard, error) {
	return call[PayoutCard](ctx, s.client, epPayoutCardV3Get, args{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// Delete deletes saved payout card id of customer
// merchantCustomerID ("Removes customer saved payout card V3"). The path is
// a low-confidence guess, shared for now with
// DeleteMerchantCard.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *PayoutCardService) Delete(ctx context.Context, merchantCustomerID, id string) error {
	return callDelete(ctx, s.client, epPayoutCardV3Delete, args{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// ---- PayNow recipients ----

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

// ---- Request plumbing shared by the methods above ----

const headerExternalCustomerID = "external-customer-id"

// customerID is a merchantCustomerId, which ZEN documents as a UUID.
func customerID(v string) pathParam { return uuidParam("merchantCustomerId", v) }

// externalCustomerHeader is the external-customer-id header naming the
// merchant's own customer id.
func externalCustomerHeader(id string) http.Header {
	h := http.Header{}
	h.Set(headerExternalCustomerID, id)
	return h
}

// checkHeader checks an external-customer-id header value, the merchant's
// own customer id (ZEN's customer externalId: at most 128 characters). HTTP
// drops whitespace at either end of a header value, so a blank id would
// reach ZEN as no id at all (a required one counts as missing) and a list
// would widen to every customer.
func checkHeader(v *validate.Checker, value string, required bool) {
	if required && !v.Required(headerExternalCustomerID, strings.TrimSpace(value)) {
		return
	}
	if !v.Filter(headerExternalCustomerID, value) || !v.MaxLen(headerExternalCustomerID, value, 128) {
		return
	}
	if strings.IndexFunc(value, unicode.IsControl) >= 0 {
		v.Fail(headerExternalCustomerID, "must not contain control characters")
	}
}

// maxLen is a Validate for a body with one length rule.
func maxLen(field, value string, n int) error {
	v := validate.New()
	v.MaxLen(field, value, n)
	return v.Err()
}

// allOf iterates over a page-numbered list of one customer (or other
// owner) id.
func allOf[P any, PP interface {
	*P
	listParams() *ListParams
}, T any](ctx context.Context, id string, params P, list func(context.Context, string, P) (*types.Page[T], error)) iter.Seq2[T, error] {
	return allPages[P, PP](ctx, params, func(ctx context.Context, p P) (*types.Page[T], error) { return list(ctx, id, p) })
}

// ---- Types ----

// Object is a request or answer whose schema ZEN has not published: ID is
// the object's id when it has one, and every other member is in Extra,
// both ways (decoded numbers are json.Number, so none loses precision).
type Object struct {
	ID    string         `json:"id,omitempty"`
	Extra map[string]any `json:"-"`
}

type objectFields Object

// MarshalJSON writes the modelled fields followed by Extra.
func (o Object) MarshalJSON() ([]byte, error) { return jsonx.Marshal(objectFields(o)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (o *Object) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*objectFields)(o)) }

// JSONInline marks Object's JSON methods as the SDK engine's own.
func (*Object) JSONInline(jsonx.Inline) {}

// SavedPayoutRecipient is a saved V3 payout recipient (schema not
// published; see Object).
type SavedPayoutRecipient = Object

// PaynowRecipient is a PayNow payout recipient, as sent and as returned
// (schema not published): put the members to send in Extra; ID is the id
// ZEN returns, used by RemovePaynowRecipient.
type PaynowRecipient = Object

// Customer is a customer saved with ZEN, both as sent and as returned. ID is
// the merchant's own UUID for the customer and becomes its
// merchantCustomerId (and the customer.id of purchases that save cards).
// ZEN has not published the create body: the fields below are the likely
// ones, and Extra carries any others both ways (members ZEN returns that are
// not modelled land there, numbers as json.Number).
type Customer struct {
	ID        string         `json:"id,omitempty"`
	FirstName string         `json:"firstName,omitempty"`
	LastName  string         `json:"lastName,omitempty"`
	Email     string         `json:"email,omitempty"`
	Phone     string         `json:"phone,omitempty"`
	Extra     map[string]any `json:"-"`
}

type customerFields Customer

// MarshalJSON writes the modelled fields followed by Extra.
func (c Customer) MarshalJSON() ([]byte, error) { return jsonx.Marshal(customerFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *Customer) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*customerFields)(c)) }

// JSONInline marks Customer's JSON methods as the SDK engine's own.
func (*Customer) JSONInline(jsonx.Inline) {}

// Validate checks the fields a caller set: ID must be a UUID, Email an
// e-mail address, and names, email and phone must fit the lengths ZEN
// allows for customers.
func (c *Customer) Validate() error {
	if c == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.UUID("id", c.ID, false)
	v.MaxLen("firstName", c.FirstName, 128)
	v.MaxLen("lastName", c.LastName, 128)
	v.Email("email", c.Email, false)
	v.MaxLen("phone", c.Phone, 64)
	return v.Err()
}

// Card is a saved card (ZEN's Card schema). ZEN documents 26
// properties but only the 16 below were readable; the others (in ZEN's
// older schema: last4, expMonth, expYear, status, isDefault, createdAt and
// more) are kept in Extra as raw JSON, so nothing ZEN sends is lost.
type Card struct {
	ID                 string                     `json:"id"`
	CustomerID         string                     `json:"customerId,omitempty"`
	FirstTransactionID string                     `json:"firstTransactionId,omitempty"`
	CardName           string                     `json:"cardName,omitempty"`
	CardHolderName     string                     `json:"cardHolderName,omitempty"`
	AddressLine1       string                     `json:"addressLine1,omitempty"`
	AddressLine2       string                     `json:"addressLine2,omitempty"`
	AddressCity        string                     `json:"addressCity,omitempty"`
	AddressCountry     string                     `json:"addressCountry,omitempty"`
	AddressState       string                     `json:"addressState,omitempty"`
	AddressZip         string                     `json:"addressZip,omitempty"`
	Organization       string                     `json:"organization"`
	Brand              string                     `json:"brand,omitempty"`
	Bank               string                     `json:"bank,omitempty"`
	Country            string                     `json:"country,omitempty"`
	TokenizationMethod string                     `json:"tokenizationMethod,omitempty"`
	Extra              map[string]json.RawMessage `json:"-"`
}

type cardFields Card

// MarshalJSON writes the modelled fields followed by Extra.
func (c Card) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cardFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *Card) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*cardFields)(c)) }

// JSONInline marks Card's JSON methods as the SDK engine's own.
func (*Card) JSONInline(jsonx.Inline) {}

// PayoutCard is a saved payout card. ZEN has not published its schema; it
// is decoded like a saved purchase card, with every member not modelled
// there in Extra. ID is the cardToken for card payouts.
type PayoutCard = Card

// CardUpdateRequest is the body of UpdateCard: only non-empty fields are sent. The
// fields follow ZEN's older card-update schema; Extra carries others.
type CardUpdateRequest struct {
	CardName       string         `json:"cardName,omitempty"`
	CardHolderName string         `json:"cardHolderName,omitempty"`
	AddressLine1   string         `json:"addressLine1,omitempty"`
	AddressLine2   string         `json:"addressLine2,omitempty"`
	AddressCity    string         `json:"addressCity,omitempty"`
	AddressCountry string         `json:"addressCountry,omitempty"`
	AddressState   string         `json:"addressState,omitempty"`
	AddressZip     string         `json:"addressZip,omitempty"`
	ExpMonth       string         `json:"expMonth,omitempty"`
	ExpYear        string         `json:"expYear,omitempty"`
	IsDefault      *bool          `json:"isDefault,omitempty"`
	Extra          map[string]any `json:"-"`
}

type cardUpdateFields CardUpdateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (c CardUpdateRequest) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cardUpdateFields(c)) }

// JSONInline marks CardUpdateRequest's JSON methods as the SDK engine's own.
func (*CardUpdateRequest) JSONInline(jsonx.Inline) {}

// Validate checks the lengths ZEN allows on a saved card.
func (c *CardUpdateRequest) Validate() error {
	if c == nil {
		return errMissingRequest()
	}
	v := validate.New()
	for _, f := range []struct {
		name, value string
		max         int
	}{
		{"cardName", c.CardName, 128}, {"cardHolderName", c.CardHolderName, 128},
		{"addressLine1", c.AddressLine1, 128}, {"addressLine2", c.AddressLine2, 128},
		{"addressCity", c.AddressCity, 128}, {"addressCountry", c.AddressCountry, 32},
		{"addressState", c.AddressState, 32}, {"addressZip", c.AddressZip, 16},
	} {
		v.MaxLen(f.name, f.value, f.max)
	}
	return v.Err()
}

// PayoutCardCreateRequest is the body that adds or updates a payout card:
// {"card": {...}}. ZEN has not published it; Card holds the members of
// ZEN's card objects (it never prints its data; see Card) and Extra any
// others. When adding, Card with its Number and ExpiryDate is required.
type PayoutCardCreateRequest struct {
	Card  *CardDetails   `json:"card,omitempty"`
	Extra map[string]any `json:"-"`
}

type payoutCardRequestFields PayoutCardCreateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r PayoutCardCreateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(payoutCardRequestFields(r))
}

// JSONInline marks PayoutCardCreateRequest's JSON methods as the SDK engine's own.
func (*PayoutCardCreateRequest) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the masked card only.
func (r PayoutCardCreateRequest) LogValue() slog.Value {
	if r.Card == nil {
		return slog.GroupValue()
	}
	return slog.GroupValue(slog.Any("card", r.Card.LogValue()))
}

// Validate checks the format of the card members that are set.
func (r *PayoutCardCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	if r.Card != nil {
		r.Card.check(v.At("card"), false, false)
	}
	return v.Err()
}

// requireCard records the members an added payout card must have.
func requireCard(v *validate.Checker, r *PayoutCardCreateRequest) {
	switch {
	case r == nil:
	case r.Card == nil:
		v.Fail("card", "is required")
	default:
		r.Card.check(v.At("card"), true, false)
	}
}

// PayoutCardUpdateRequest renames a V3 payout card. ZEN has not published the
// body; "alias" is the likely member name, and Extra carries others.
type PayoutCardUpdateRequest struct {
	Alias string         `json:"alias,omitempty"`
	Extra map[string]any `json:"-"`
}

type payoutCardAliasUpdateFields PayoutCardUpdateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (u PayoutCardUpdateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(payoutCardAliasUpdateFields(u))
}

// JSONInline marks PayoutCardUpdateRequest's JSON methods as the SDK engine's own.
func (*PayoutCardUpdateRequest) JSONInline(jsonx.Inline) {}

// Validate checks the alias length.
func (u *PayoutCardUpdateRequest) Validate() error {
	if u == nil {
		return errMissingRequest()
	}
	return maxLen("alias", u.Alias, 128)
}

// CardOperation is ZEN's result of an operation on a saved card: its id and
// verification status (ZEN's older CardOperation schema).
type CardOperation struct {
	ID     string                     `json:"id"`
	Status types.VerificationStatus   `json:"status"`
	Extra  map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type cardOperationFields CardOperation

// MarshalJSON writes the modelled fields followed by Extra.
func (c CardOperation) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cardOperationFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *CardOperation) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*cardOperationFields)(c))
}

// JSONInline marks CardOperation's JSON methods as the SDK engine's own.
func (*CardOperation) JSONInline(jsonx.Inline) {}

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

// JSONInline marks WalletRecipient's JSON methods as the SDK engine's own.
func (*WalletRecipient) JSONInline(jsonx.Inline) {}

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

// JSONInline marks WalletRecipientUpdateRequest's JSON methods as the SDK engine's own.
func (*WalletRecipientUpdateRequest) JSONInline(jsonx.Inline) {}

// Validate checks the alias length.
func (u *WalletRecipientUpdateRequest) Validate() error {
	if u == nil {
		return errMissingRequest()
	}
	return maxLen("walletAlias", u.WalletAlias, 128)
}

// Request bodies that are, for now, the shape of another type: a saved
// customer is created and updated with its own members, a payout profile
// takes a payout card's body, and the payout-card and PayNow bodies ZEN has
// not published are free-form Objects.
type (
	// CustomerCreateRequest saves a customer: ID (the merchant's UUID for
	// the customer) is required.
	CustomerCreateRequest = Customer
	// CustomerUpdateRequest changes the non-empty members of a customer.
	CustomerUpdateRequest = Customer
	// PayoutProfileCreateRequest adds a payout profile: Card with its
	// Number and ExpiryDate is required.
	PayoutProfileCreateRequest = PayoutCardCreateRequest
	// PayoutProfileUpdateRequest changes the members of a payout profile's
	// card that are set.
	PayoutProfileUpdateRequest = PayoutCardCreateRequest
	// PayoutCardVerifyRequest is the optional body of a payout-card
	// verification (schema not published).
	PayoutCardVerifyRequest = Object
	// PayoutCardInitWidgetRequest is the optional body that starts the
	// payout-card widget (schema not published).
	PayoutCardInitWidgetRequest = Object
	// PaynowRecipientCreateRequest is a PayNow recipient to save (schema
	// not published): put its members in Extra.
	PaynowRecipientCreateRequest = Object
)

// CustomerListParams selects a page of saved customers.
type CustomerListParams struct {
	ListParams
}

// CardListParams selects a page of a customer's saved cards.
type CardListParams struct {
	ListParams
}

// PayoutProfileListParams selects a page of payout profiles.
type PayoutProfileListParams struct {
	ListParams
}

// PayoutRecipientListParams selects a page of a customer's saved payout
// recipients.
type PayoutRecipientListParams struct {
	ListParams
}

// PayoutCardListParams selects a page of a customer's payout cards.
type PayoutCardListParams struct {
	ListParams
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
