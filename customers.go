package zen

import (
	"context"
	"iter"
	"net/http"
	"strings"
	"unicode"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

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

// JSONInline marks Card's JSON methods as the SDK engine's own.
func (*Card) JSONInline(jsonx.Inline) {}

// JSONInline marks CardUpdateRequest's JSON methods as the SDK engine's own.
func (*CardUpdateRequest) JSONInline(jsonx.Inline) {}

// JSONInline marks PayoutCardCreateRequest's JSON methods as the SDK engine's own.
func (*PayoutCardCreateRequest) JSONInline(jsonx.Inline) {}

// JSONInline marks PayoutCardUpdateRequest's JSON methods as the SDK engine's own.
func (*PayoutCardUpdateRequest) JSONInline(jsonx.Inline) {}

// JSONInline marks CardOperation's JSON methods as the SDK engine's own.
func (*CardOperation) JSONInline(jsonx.Inline) {}

// JSONInline marks WalletRecipient's JSON methods as the SDK engine's own.
func (*WalletRecipient) JSONInline(jsonx.Inline) {}

// JSONInline marks WalletRecipientUpdateRequest's JSON methods as the SDK engine's own.
func (*WalletRecipientUpdateRequest) JSONInline(jsonx.Inline) {}

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
