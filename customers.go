package zen

import (
	"context"
	"encoding/json"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// endpoint is one operation of ZEN's API: its HTTP method and its path
// template, whose {placeholders} are filled with escaped path parameters.
type endpoint struct{ method, path string }

// The 30 operations of the customers group, in the order of ZEN's
// navigation. Most paths are inferred (see each method's doc comment), so
// this table is the one place to correct one. Entries that share a path
// today are kept apart on purpose: each may turn out to differ.
var (
	epCreateCustomer        = endpoint{http.MethodPost, "/v3/customers"}
	epRemoveCustomer        = endpoint{http.MethodDelete, "/v3/customers/{merchantCustomerId}"}
	epAddWalletRecipient    = endpoint{http.MethodPost, "/v3/customers/{merchantCustomerId}/withdrawals/dragon"}
	epAddPayoutCard         = endpoint{http.MethodPost, "/v2/payout-profiles/card"}
	epRemovePayoutCard      = endpoint{http.MethodDelete, "/v2/payout-profiles/card/{id}"}
	epListPayoutCards       = endpoint{http.MethodGet, "/v2/payout-profiles/card"}
	epUpdatePayoutCard      = endpoint{http.MethodPatch, "/v2/payout-profiles/card/{id}"}
	epListCustomers         = endpoint{http.MethodGet, "/v3/customers"}
	epGetCustomer           = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}"}
	epUpdateCustomer        = endpoint{http.MethodPatch, "/v3/customers/{merchantCustomerId}"}
	epGetCard               = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/payments/card/{id}"}
	epUpdateCard            = endpoint{http.MethodPatch, "/v3/customers/{merchantCustomerId}/payments/card/{id}"}
	epRemoveCard            = endpoint{http.MethodDelete, "/v3/customers/{merchantCustomerId}/payments/card/{id}"}
	epListCards             = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/payments/card"}
	epListWalletRecipients  = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/withdrawals/dragon"}
	epGetWalletRecipient    = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/withdrawals/dragon/{id}"}
	epUpdateWalletRecipient = endpoint{http.MethodPatch, "/v3/customers/{merchantCustomerId}/withdrawals/dragon/{id}"}
	epRemoveWalletRecipient = endpoint{http.MethodDelete, "/v3/customers/{merchantCustomerId}/withdrawals/dragon/{id}"}
	epListPayoutRecipients  = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/payouts/recipients"}
	epVerifyPayoutCard      = endpoint{http.MethodPost, "/v3/customers/{merchantCustomerId}/payouts/card/{id}/verify"}
	epGetMerchantPayoutCard = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/payouts/card/{id}"}
	epInitPayoutCardWidget  = endpoint{http.MethodPost, "/v3/customers/{merchantCustomerId}/payouts/card/widget"}
	epUpdatePayoutCardAlias = endpoint{http.MethodPatch, "/v3/customers/{merchantCustomerId}/payouts/card/{id}"}
	epListPayoutCardsV3     = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/payouts/card"}
	epRemoveMerchantPayout  = endpoint{http.MethodDelete, "/v3/customers/{merchantCustomerId}/payouts/card/{id}"}
	epAddPayoutCardV3       = endpoint{http.MethodPost, "/v3/customers/{merchantCustomerId}/payouts/card"}
	epGetPayoutCardV3       = endpoint{http.MethodGet, "/v3/customers/{merchantCustomerId}/payouts/card/{id}"}
	epRemovePayoutCardV3    = endpoint{http.MethodDelete, "/v3/customers/{merchantCustomerId}/payouts/card/{id}"}
	epAddPaynowRecipient    = endpoint{http.MethodPost, "/v3/customers/{merchantCustomerId}/withdrawals/paynow"}
	epRemovePaynowRecipient = endpoint{http.MethodDelete, "/v3/customers/{merchantCustomerId}/withdrawals/paynow/{id}"}
)

// ---- Customers ----

// CreateCustomer saves a customer under the merchant's own id (customer.ID,
// a UUID that every other call here takes as merchantCustomerId). A payout
// card can only be added for a saved customer.
//
// ZEN API: POST /v3/customers (path confirmed)
func (s *CustomerService) CreateCustomer(ctx context.Context, customer *Customer) (*Customer, error) {
	return customerCall[Customer](ctx, s, epCreateCustomer, req{body: customer, check: func(v *validate.Checker) {
		if customer != nil && customer.ID == "" {
			v.Fail("id", "is required")
		}
	}})
}

// ListCustomers returns one page of the saved customers ("saved
// subscription customers" in ZEN's navigation).
//
// ZEN API: GET /v3/customers (path inferred)
func (s *CustomerService) ListCustomers(ctx context.Context, params ListParams) (*Page[Customer], error) {
	return customerCall[Page[Customer]](ctx, s, epListCustomers, pageReq(params, nil))
}

// AllCustomers iterates over every saved customer, fetching pages as the
// loop needs them; see ListCustomers.
//
// ZEN API: GET /v3/customers (path inferred)
func (s *CustomerService) AllCustomers(ctx context.Context, params ListParams) iter.Seq2[Customer, error] {
	return iterate(ctx, params, s.ListCustomers, nextPage)
}

// GetCustomer returns the saved customer with the merchant's id
// merchantCustomerID (a UUID); a customer ZEN does not know is ErrNotFound.
//
// ZEN API: GET /v3/customers/{merchantCustomerId} (path inferred)
func (s *CustomerService) GetCustomer(ctx context.Context, merchantCustomerID string) (*Customer, error) {
	return customerCall[Customer](ctx, s, epGetCustomer, req{ids: ids(customerID(merchantCustomerID))})
}

// UpdateCustomer changes the non-empty fields of customer on the saved
// customer merchantCustomerID and returns it as ZEN now has it.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId} (path inferred)
func (s *CustomerService) UpdateCustomer(ctx context.Context, merchantCustomerID string, customer *Customer) (*Customer, error) {
	return customerCall[Customer](ctx, s, epUpdateCustomer, req{ids: ids(customerID(merchantCustomerID)), body: customer})
}

// RemoveCustomer deletes the saved customer merchantCustomerID.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId} (path confirmed)
func (s *CustomerService) RemoveCustomer(ctx context.Context, merchantCustomerID string) (*RemoveResult, error) {
	return customerCall[RemoveResult](ctx, s, epRemoveCustomer, req{ids: ids(customerID(merchantCustomerID))})
}

// ---- Saved purchase cards ----

// ListCards returns one page of the cards saved for purchases by customer
// merchantCustomerID (cards saved with paymentSpecificData.saveCard and
// customer.id on a purchase).
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payments/card (path confirmed)
func (s *CustomerService) ListCards(ctx context.Context, merchantCustomerID string, params ListParams) (*Page[CardV2], error) {
	return customerCall[Page[CardV2]](ctx, s, epListCards, pageReq(params, nil, customerID(merchantCustomerID)))
}

// AllCards iterates over every saved card of customer merchantCustomerID;
// see ListCards.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payments/card (path confirmed)
func (s *CustomerService) AllCards(ctx context.Context, merchantCustomerID string, params ListParams) iter.Seq2[CardV2, error] {
	return allOf(ctx, merchantCustomerID, params, s.ListCards)
}

// GetCard returns saved card id (a UUID) of customer merchantCustomerID.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payments/card/{id} (path confirmed)
func (s *CustomerService) GetCard(ctx context.Context, merchantCustomerID, id string) (*CardV2, error) {
	return customerCall[CardV2](ctx, s, epGetCard, req{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// UpdateCard changes the non-empty fields of update on saved card id of
// customer merchantCustomerID.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId}/payments/card/{id} (path inferred)
func (s *CustomerService) UpdateCard(ctx context.Context, merchantCustomerID, id string, update *CardUpdate) (*CardV2, error) {
	return customerCall[CardV2](ctx, s, epUpdateCard, req{ids: ids(customerID(merchantCustomerID), uuidID(id)), body: update})
}

// RemoveCard deletes saved card id of customer merchantCustomerID.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/payments/card/{id} (path confirmed)
func (s *CustomerService) RemoveCard(ctx context.Context, merchantCustomerID, id string) (*RemoveResult, error) {
	return customerCall[RemoveResult](ctx, s, epRemoveCard, req{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// ---- Payout cards (v2 payout profiles) ----

// AddPayoutCard saves a card that payouts can be sent to, for the customer
// the merchant knows as externalCustomerID (sent as the required
// external-customer-id header; create the customer first). The returned
// card's ID is the cardToken of a card payout.
//
// ZEN API: POST /v2/payout-profiles/card (path confirmed)
func (s *CustomerService) AddPayoutCard(ctx context.Context, externalCustomerID string, card *PayoutCardRequest) (*PayoutCard, error) {
	return customerCall[PayoutCard](ctx, s, epAddPayoutCard, req{
		body:  card,
		check: func(v *validate.Checker) { checkHeader(v, externalCustomerID, true); requireCard(v, card) },
		opts:  []callOpt{withHeader(headerExternalCustomerID, externalCustomerID)},
	})
}

// ListPayoutCards returns one page of the saved payout cards. A non-empty
// externalCustomerID limits it to that customer (sent as the
// external-customer-id header).
//
// ZEN API: GET /v2/payout-profiles/card (path inferred)
func (s *CustomerService) ListPayoutCards(ctx context.Context, externalCustomerID string, params ListParams) (*Page[PayoutCard], error) {
	r := pageReq(params, nil)
	pageCheck := r.check
	r.check = func(v *validate.Checker) { checkHeader(v, externalCustomerID, false); pageCheck(v) }
	if externalCustomerID != "" {
		r.opts = []callOpt{withHeader(headerExternalCustomerID, externalCustomerID)}
	}
	return customerCall[Page[PayoutCard]](ctx, s, epListPayoutCards, r)
}

// AllPayoutCards iterates over every saved payout card (of
// externalCustomerID when it is not empty); see ListPayoutCards.
//
// ZEN API: GET /v2/payout-profiles/card (path inferred)
func (s *CustomerService) AllPayoutCards(ctx context.Context, externalCustomerID string, params ListParams) iter.Seq2[PayoutCard, error] {
	return allOf(ctx, externalCustomerID, params, s.ListPayoutCards)
}

// UpdatePayoutCard changes saved payout card id with the non-empty fields
// of card.
//
// ZEN API: PATCH /v2/payout-profiles/card/{id} (path inferred)
func (s *CustomerService) UpdatePayoutCard(ctx context.Context, id string, card *PayoutCardRequest) (*PayoutCard, error) {
	return customerCall[PayoutCard](ctx, s, epUpdatePayoutCard, req{ids: ids(freeID(id)), body: card})
}

// RemovePayoutCard deletes saved payout card id.
//
// ZEN API: DELETE /v2/payout-profiles/card/{id} (path inferred)
func (s *CustomerService) RemovePayoutCard(ctx context.Context, id string) (*RemoveResult, error) {
	return customerCall[RemoveResult](ctx, s, epRemovePayoutCard, req{ids: ids(freeID(id))})
}

// ---- Crypto-wallet recipients ("dragon" withdrawals) ----

// AddWalletRecipient saves one crypto-wallet payout recipient for customer
// merchantCustomerID. ZEN accepts only wallets it supports.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/withdrawals/dragon (path confirmed)
func (s *CustomerService) AddWalletRecipient(ctx context.Context, merchantCustomerID string, recipient *WalletRecipientRequest) (*WalletRecipient, error) {
	return customerCall[WalletRecipient](ctx, s, epAddWalletRecipient, req{ids: ids(customerID(merchantCustomerID)), body: recipient})
}

// ListWalletRecipients returns one page of the wallet recipients of customer
// merchantCustomerID, optionally of one wallet currency.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/withdrawals/dragon (path confirmed)
func (s *CustomerService) ListWalletRecipients(ctx context.Context, merchantCustomerID string, params WalletRecipientListParams) (*Page[WalletRecipient], error) {
	q := url.Values{}
	if params.WalletCurrency != "" {
		q.Set("wallet-currency", params.WalletCurrency)
	}
	r := pageReq(params.ListParams, q, customerID(merchantCustomerID))
	r.check = params.check
	return customerCall[Page[WalletRecipient]](ctx, s, epListWalletRecipients, r)
}

// AllWalletRecipients iterates over every wallet recipient of customer
// merchantCustomerID; see ListWalletRecipients.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/withdrawals/dragon (path confirmed)
func (s *CustomerService) AllWalletRecipients(ctx context.Context, merchantCustomerID string, params WalletRecipientListParams) iter.Seq2[WalletRecipient, error] {
	return iterate(ctx, params, func(ctx context.Context, p WalletRecipientListParams) (*Page[WalletRecipient], error) {
		return s.ListWalletRecipients(ctx, merchantCustomerID, p)
	}, func(p WalletRecipientListParams, n int, meta types.PageMeta) (WalletRecipientListParams, bool) {
		var more bool
		p.ListParams, more = nextPage(p.ListParams, n, meta)
		return p, more
	})
}

// GetWalletRecipient returns wallet recipient id (a UUID) of customer
// merchantCustomerID.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/withdrawals/dragon/{id} (path inferred)
func (s *CustomerService) GetWalletRecipient(ctx context.Context, merchantCustomerID, id string) (*WalletRecipient, error) {
	return customerCall[WalletRecipient](ctx, s, epGetWalletRecipient, req{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// UpdateWalletRecipient changes wallet recipient id of customer
// merchantCustomerID with the non-empty fields of update.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId}/withdrawals/dragon/{id} (path inferred)
func (s *CustomerService) UpdateWalletRecipient(ctx context.Context, merchantCustomerID, id string, update *WalletRecipientUpdate) (*WalletRecipient, error) {
	return customerCall[WalletRecipient](ctx, s, epUpdateWalletRecipient, req{ids: ids(customerID(merchantCustomerID), uuidID(id)), body: update})
}

// RemoveWalletRecipient deletes wallet recipient id of customer
// merchantCustomerID.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/withdrawals/dragon/{id} (path inferred)
func (s *CustomerService) RemoveWalletRecipient(ctx context.Context, merchantCustomerID, id string) (*RemoveResult, error) {
	return customerCall[RemoveResult](ctx, s, epRemoveWalletRecipient, req{ids: ids(customerID(merchantCustomerID), uuidID(id))})
}

// ---- V3 payout cards and payout recipients ----
//
// ZEN lists these ten operations without publishing their paths; the paths
// below are low-confidence guesses. Check them against the sandbox before
// relying on them, and correct a path in the endpoint table above.

// ListPayoutRecipientsV3 returns one page of the saved payout recipients of
// customer merchantCustomerID. The path is a low-confidence guess.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/recipients (path inferred)
func (s *CustomerService) ListPayoutRecipientsV3(ctx context.Context, merchantCustomerID string, params ListParams) (*Page[SavedPayoutRecipient], error) {
	return customerCall[Page[SavedPayoutRecipient]](ctx, s, epListPayoutRecipients, pageReq(params, nil, customerID(merchantCustomerID)))
}

// AllPayoutRecipientsV3 iterates over every saved payout recipient of
// customer merchantCustomerID; see ListPayoutRecipientsV3.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/recipients (path inferred)
func (s *CustomerService) AllPayoutRecipientsV3(ctx context.Context, merchantCustomerID string, params ListParams) iter.Seq2[SavedPayoutRecipient, error] {
	return allOf(ctx, merchantCustomerID, params, s.ListPayoutRecipientsV3)
}

// VerifyPayoutCardV3 asks ZEN to verify payout card id of customer
// merchantCustomerID ("Verify merchant's customer payout recipient card").
// ZEN has not published the body: verify (nil for no body) carries its
// members in Extra. The path is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/payouts/card/{id}/verify (path inferred)
func (s *CustomerService) VerifyPayoutCardV3(ctx context.Context, merchantCustomerID, id string, verify *Object) (*CardOperation, error) {
	return customerCall[CardOperation](ctx, s, epVerifyPayoutCard, req{ids: ids(customerID(merchantCustomerID), freeID(id)), body: optionalBody(verify)})
}

// GetMerchantCustomerPayoutCardV3 returns payout card id of customer
// merchantCustomerID ("Fetch saved merchant customer's payout card V3"). The
// path is a low-confidence guess, shared for now with GetPayoutCardV3.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *CustomerService) GetMerchantCustomerPayoutCardV3(ctx context.Context, merchantCustomerID, id string) (*PayoutCard, error) {
	return customerCall[PayoutCard](ctx, s, epGetMerchantPayoutCard, req{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// InitPayoutCardWidgetV3 starts ZEN's widget flow for adding a payout card
// of customer merchantCustomerID. ZEN has not published the body or the
// answer: widget (nil for no body) carries the members to send in Extra,
// and the answer's members (such as a widget URL) are in its Extra. The path
// is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/payouts/card/widget (path inferred)
func (s *CustomerService) InitPayoutCardWidgetV3(ctx context.Context, merchantCustomerID string, widget *Object) (*Object, error) {
	return customerCall[Object](ctx, s, epInitPayoutCardWidget, req{ids: ids(customerID(merchantCustomerID)), body: optionalBody(widget)})
}

// UpdatePayoutCardAliasV3 renames payout card id of customer
// merchantCustomerID ("Update merchant payout card alias"). The path is a
// low-confidence guess.
//
// ZEN API: PATCH /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *CustomerService) UpdatePayoutCardAliasV3(ctx context.Context, merchantCustomerID, id string, update *PayoutCardAliasUpdate) (*PayoutCard, error) {
	return customerCall[PayoutCard](ctx, s, epUpdatePayoutCardAlias, req{ids: ids(customerID(merchantCustomerID), freeID(id)), body: update})
}

// ListPayoutCardsV3 returns one page of the saved payout cards of customer
// merchantCustomerID. The path is a low-confidence guess.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card (path inferred)
func (s *CustomerService) ListPayoutCardsV3(ctx context.Context, merchantCustomerID string, params ListParams) (*Page[PayoutCard], error) {
	return customerCall[Page[PayoutCard]](ctx, s, epListPayoutCardsV3, pageReq(params, nil, customerID(merchantCustomerID)))
}

// AllPayoutCardsV3 iterates over every saved payout card of customer
// merchantCustomerID; see ListPayoutCardsV3.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card (path inferred)
func (s *CustomerService) AllPayoutCardsV3(ctx context.Context, merchantCustomerID string, params ListParams) iter.Seq2[PayoutCard, error] {
	return allOf(ctx, merchantCustomerID, params, s.ListPayoutCardsV3)
}

// RemoveMerchantCustomerPayoutCardV3 deletes payout card id of customer
// merchantCustomerID ("Removes merchant customer payout card"). The path is
// a low-confidence guess, shared for now with RemovePayoutCardV3.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *CustomerService) RemoveMerchantCustomerPayoutCardV3(ctx context.Context, merchantCustomerID, id string) (*RemoveResult, error) {
	return customerCall[RemoveResult](ctx, s, epRemoveMerchantPayout, req{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// AddPayoutCardV3 saves a payout card for customer merchantCustomerID
// ("Add customer payout card"). The path is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/payouts/card (path inferred)
func (s *CustomerService) AddPayoutCardV3(ctx context.Context, merchantCustomerID string, card *PayoutCardRequest) (*PayoutCard, error) {
	return customerCall[PayoutCard](ctx, s, epAddPayoutCardV3, req{
		ids:   ids(customerID(merchantCustomerID)),
		body:  card,
		check: func(v *validate.Checker) { requireCard(v, card) },
	})
}

// GetPayoutCardV3 returns saved payout card id of customer
// merchantCustomerID ("Fetch saved payout card V3"). The path is a
// low-confidence guess, shared for now with GetMerchantCustomerPayoutCardV3.
//
// ZEN API: GET /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *CustomerService) GetPayoutCardV3(ctx context.Context, merchantCustomerID, id string) (*PayoutCard, error) {
	return customerCall[PayoutCard](ctx, s, epGetPayoutCardV3, req{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// RemovePayoutCardV3 deletes saved payout card id of customer
// merchantCustomerID ("Removes customer saved payout card V3"). The path is
// a low-confidence guess, shared for now with
// RemoveMerchantCustomerPayoutCardV3.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/payouts/card/{id} (path inferred)
func (s *CustomerService) RemovePayoutCardV3(ctx context.Context, merchantCustomerID, id string) (*RemoveResult, error) {
	return customerCall[RemoveResult](ctx, s, epRemovePayoutCardV3, req{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// ---- PayNow recipients ----

// AddPaynowRecipient saves a PayNow payout recipient for customer
// merchantCustomerID. ZEN has not published the body: put its members in
// recipient.Extra. The path is a low-confidence guess.
//
// ZEN API: POST /v3/customers/{merchantCustomerId}/withdrawals/paynow (path inferred)
func (s *CustomerService) AddPaynowRecipient(ctx context.Context, merchantCustomerID string, recipient *PaynowRecipient) (*PaynowRecipient, error) {
	return customerCall[PaynowRecipient](ctx, s, epAddPaynowRecipient, req{ids: ids(customerID(merchantCustomerID)), body: recipient})
}

// RemovePaynowRecipient deletes PayNow recipient (profile) id of customer
// merchantCustomerID. The path is a low-confidence guess.
//
// ZEN API: DELETE /v3/customers/{merchantCustomerId}/withdrawals/paynow/{id} (path inferred)
func (s *CustomerService) RemovePaynowRecipient(ctx context.Context, merchantCustomerID, id string) (*RemoveResult, error) {
	return customerCall[RemoveResult](ctx, s, epRemovePaynowRecipient, req{ids: ids(customerID(merchantCustomerID), freeID(id))})
}

// ---- Request plumbing shared by the methods above ----

const headerExternalCustomerID = "external-customer-id"

// req is one customers-group call before it is sent.
type req struct {
	ids   []pathParam
	query url.Values
	body  any                     // nil for no body; a nil pointer is a missing body
	check func(*validate.Checker) // further checks made before the call
	opts  []callOpt
}

// pathParam is one path parameter (or id) and its rule: a UUID when ZEN
// documents one, otherwise up to maxLen characters, no dot segment and no
// control characters (see validate.PathParam).
type pathParam struct {
	name, value string
	uuid        bool
	maxLen      int
}

func ids(p ...pathParam) []pathParam { return p }

// customerID is a merchantCustomerId, which ZEN documents as a UUID.
func customerID(v string) pathParam { return uuidParam("merchantCustomerId", v) }

// uuidID is an {id} that ZEN documents as a UUID.
func uuidID(v string) pathParam { return uuidParam("id", v) }

// uuidParam is a path parameter that ZEN documents as a UUID.
func uuidParam(name, v string) pathParam { return pathParam{name: name, value: v, uuid: true} }

// freeID is an {id} whose format and length ZEN does not document; it is
// held to our cap validate.MaxPathParam.
func freeID(v string) pathParam {
	return pathParam{name: "id", value: v, maxLen: validate.MaxPathParam}
}

func (p pathParam) check(v *validate.Checker) {
	if p.uuid {
		v.UUID(p.name, p.value, true)
		return
	}
	v.PathParam(p.name, p.value, p.maxLen)
}

// checkIDs returns a *ValidationError when a path parameter breaks its
// rule, so no request is sent to a wrong URL.
func checkIDs(params ...pathParam) error {
	v := validate.New()
	for _, p := range params {
		p.check(v)
	}
	return v.Err()
}

// fill checks the parameters and puts them, escaped, into the template. A
// dot segment is refused because it survives escaping and would change
// which resource the URL names.
func (ep endpoint) fill(v *validate.Checker, params []pathParam) string {
	path := ep.path
	for _, p := range params {
		p.check(v)
		path = strings.Replace(path, "{"+p.name+"}", url.PathEscape(p.value), 1)
	}
	if strings.Contains(path, "{") {
		v.Fail("path", "internal error: unfilled parameter in "+ep.path)
	}
	return path
}

// customerCall validates the path parameters, the body's presence and the
// extra checks, then makes the call through the client's one request path
// (which validates and encodes the body) and decodes the answer.
func customerCall[T any](ctx context.Context, s *CustomerService, ep endpoint, r req) (*T, error) {
	v := validate.New()
	path := ep.fill(v, r.ids)
	if rv := reflect.ValueOf(r.body); rv.Kind() == reflect.Pointer && rv.IsNil() {
		v.Fail("request", "is required")
	} else if r.check != nil {
		r.check(v)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return decodeCall[T](ctx, s.client, ep.method, withQuery(path, r.query), r.body, r.opts...)
}

// pageReq is a list call: q (may be nil) plus the paging parameters.
func pageReq(p ListParams, q url.Values, params ...pathParam) req {
	if q == nil {
		q = url.Values{}
	}
	p.encode(q)
	return req{ids: params, query: q, check: p.check}
}

// optionalBody turns a nil request pointer into no body at all.
func optionalBody[T any](in *T) any {
	if in == nil {
		return nil
	}
	return in
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
func allOf[T any](ctx context.Context, id string, params ListParams,
	list func(context.Context, string, ListParams) (*Page[T], error),
) iter.Seq2[T, error] {
	return iterate(ctx, params, func(ctx context.Context, p ListParams) (*Page[T], error) {
		return list(ctx, id, p)
	}, nextPage)
}

// ---- Types ----

// RemoveResult is ZEN's answer to a removal: {"success": true}.
type RemoveResult struct {
	Success bool                       `json:"success"`
	Extra   map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type removeResultFields RemoveResult

// MarshalJSON writes the modelled fields followed by Extra.
func (r RemoveResult) MarshalJSON() ([]byte, error) { return jsonx.Marshal(removeResultFields(r)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (r *RemoveResult) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*removeResultFields)(r))
}

// JSONInline marks RemoveResult's JSON methods as the SDK engine's own.
func (*RemoveResult) JSONInline(jsonx.Inline) {}

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

// CardV2 is a saved card (ZEN's CardV2 schema). ZEN documents 26
// properties but only the 16 below were readable; the others (in ZEN's
// older schema: last4, expMonth, expYear, status, isDefault, createdAt and
// more) are kept in Extra as raw JSON, so nothing ZEN sends is lost.
type CardV2 struct {
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

type cardV2Fields CardV2

// MarshalJSON writes the modelled fields followed by Extra.
func (c CardV2) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cardV2Fields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *CardV2) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*cardV2Fields)(c)) }

// JSONInline marks CardV2's JSON methods as the SDK engine's own.
func (*CardV2) JSONInline(jsonx.Inline) {}

// PayoutCard is a saved payout card. ZEN has not published its schema; it
// is decoded like a saved purchase card, with every member not modelled
// there in Extra. ID is the cardToken for card payouts.
type PayoutCard = CardV2

// CardUpdate is the body of UpdateCard: only non-empty fields are sent. The
// fields follow ZEN's older card-update schema; Extra carries others.
type CardUpdate struct {
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

type cardUpdateFields CardUpdate

// MarshalJSON writes the modelled fields followed by Extra.
func (c CardUpdate) MarshalJSON() ([]byte, error) { return jsonx.Marshal(cardUpdateFields(c)) }

// JSONInline marks CardUpdate's JSON methods as the SDK engine's own.
func (*CardUpdate) JSONInline(jsonx.Inline) {}

// Validate checks the lengths ZEN allows on a saved card.
func (c *CardUpdate) Validate() error {
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

// PayoutCardRequest is the body that adds or updates a payout card:
// {"card": {...}}. ZEN has not published it; Card holds the members of
// ZEN's card objects (it never prints its data; see Card) and Extra any
// others. When adding, Card with its Number and ExpiryDate is required.
type PayoutCardRequest struct {
	Card  *Card          `json:"card,omitempty"`
	Extra map[string]any `json:"-"`
}

type payoutCardRequestFields PayoutCardRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r PayoutCardRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(payoutCardRequestFields(r))
}

// JSONInline marks PayoutCardRequest's JSON methods as the SDK engine's own.
func (*PayoutCardRequest) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the masked card only.
func (r PayoutCardRequest) LogValue() slog.Value {
	if r.Card == nil {
		return slog.GroupValue()
	}
	return slog.GroupValue(slog.Any("card", r.Card.LogValue()))
}

// Validate checks the format of the card members that are set.
func (r *PayoutCardRequest) Validate() error {
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
func requireCard(v *validate.Checker, r *PayoutCardRequest) {
	switch {
	case r == nil:
	case r.Card == nil:
		v.Fail("card", "is required")
	default:
		r.Card.check(v.At("card"), true, false)
	}
}

// PayoutCardAliasUpdate renames a V3 payout card. ZEN has not published the
// body; "alias" is the likely member name, and Extra carries others.
type PayoutCardAliasUpdate struct {
	Alias string         `json:"alias,omitempty"`
	Extra map[string]any `json:"-"`
}

type payoutCardAliasUpdateFields PayoutCardAliasUpdate

// MarshalJSON writes the modelled fields followed by Extra.
func (u PayoutCardAliasUpdate) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(payoutCardAliasUpdateFields(u))
}

// JSONInline marks PayoutCardAliasUpdate's JSON methods as the SDK engine's own.
func (*PayoutCardAliasUpdate) JSONInline(jsonx.Inline) {}

// Validate checks the alias length.
func (u *PayoutCardAliasUpdate) Validate() error {
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

// WalletRecipientRequest is the body of AddWalletRecipient. WalletAddress
// and WalletCurrency are required; WalletAlias is always sent (null when
// nil), as ZEN requires the member but allows null.
type WalletRecipientRequest struct {
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
func (r *WalletRecipientRequest) Validate() error {
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

// WalletRecipientUpdate is the body of UpdateWalletRecipient. ZEN has not
// published it: WalletAlias is the likely editable member, and Extra
// carries others. Empty fields are not sent.
type WalletRecipientUpdate struct {
	WalletAlias string         `json:"walletAlias,omitempty"`
	Extra       map[string]any `json:"-"`
}

type walletRecipientUpdateFields WalletRecipientUpdate

// MarshalJSON writes the modelled fields followed by Extra.
func (u WalletRecipientUpdate) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(walletRecipientUpdateFields(u))
}

// JSONInline marks WalletRecipientUpdate's JSON methods as the SDK engine's own.
func (*WalletRecipientUpdate) JSONInline(jsonx.Inline) {}

// Validate checks the alias length.
func (u *WalletRecipientUpdate) Validate() error {
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
