package zen

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"unicode"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// Create saves a customer under the merchant's own id
// (customer.MerchantCustomerID, a UUID that every other call here takes as
// merchantCustomerId). ZEN gives the customer its own id as well
// (Customer.ID). A payout card can only be added for a saved customer.
//
// ZEN API: POST /v3/customers (path confirmed)
func (s *CustomerService) Create(ctx context.Context, customer *CustomerCreateRequest) (*Customer, error) {
	return call[Customer](ctx, s.client, epCustomerCreate, args{body: customer})
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

// Customer is a customer saved with ZEN, as ZEN returns it. Two ids name
// it: ID is ZEN's own (a UUID ZEN assigns) and ExternalID the merchant's,
// the merchantCustomerId of every other customer call (and the customer.id
// of purchases that save cards). Source: ZEN's OpenAPI file, "Customer"
// (the current pages have not published this object); members the SDK
// does not model are kept in Extra (numbers as json.Number).
type Customer struct {
	ID          string         `json:"id,omitempty"`
	ExternalID  string         `json:"externalId,omitempty"`
	FirstName   string         `json:"firstName,omitempty"`
	LastName    string         `json:"lastName,omitempty"`
	Email       string         `json:"email,omitempty"`
	Phone       string         `json:"phone,omitempty"`
	UserName    string         `json:"userName,omitempty"`
	Description string         `json:"description,omitempty"`
	Status      CustomerStatus `json:"status,omitempty"`
	Extra       map[string]any `json:"-"`
}

type customerFields Customer

// MarshalJSON writes the modelled fields followed by Extra.
func (c Customer) MarshalJSON() ([]byte, error) { return jsonx.Marshal(customerFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *Customer) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*customerFields)(c)) }

// JSONInline marks Customer's JSON methods as the SDK engine's own.
func (*Customer) JSONInline(jsonx.Inline) {}

// MerchantCustomerID returns the merchant's id for the customer: ExternalID,
// or ID when ZEN sent no externalId (a server that echoes the merchant's id
// as id, as the SDK sent it before ZEN's OpenAPI file was known).
func (c *Customer) MerchantCustomerID() string {
	if c.ExternalID != "" {
		return c.ExternalID
	}
	return c.ID
}

// CustomerStatus is a saved customer's status.
type CustomerStatus string

// Customer statuses. Source: ZEN's OpenAPI file, "Customer".
const (
	CustomerNew       CustomerStatus = "new"
	CustomerConfirmed CustomerStatus = "confirmed"
)

// IsKnown reports whether s has a constant in this package.
func (s CustomerStatus) IsKnown() bool { return s == CustomerNew || s == CustomerConfirmed }

// CustomerIDForm says which body member carries the merchant's customer id
// when a customer is created. ZEN's OpenAPI file makes the merchant's id a
// required "externalId" beside ZEN's own "id"; POST /v3/customers itself is
// unconfirmed, so the other form is kept one field away.
type CustomerIDForm int

// The forms of CustomerIDForm.
const (
	// CustomerIDAsExternalID sends the merchant's id as "externalId" (the
	// default; ZEN's OpenAPI file, "Customer").
	CustomerIDAsExternalID CustomerIDForm = iota
	// CustomerIDAsID sends it as "id", as purchases carry it in customer.id
	// (and as this SDK sent it before).
	CustomerIDAsID
)

// CustomerCreateRequest saves a customer. MerchantCustomerID (the
// merchant's UUID for the customer, which later calls take as
// merchantCustomerId) is required; it is sent as "externalId", or as "id"
// when IDForm is CustomerIDAsID. Extra adds other members as given.
type CustomerCreateRequest struct {
	MerchantCustomerID string         `json:"-"`
	IDForm             CustomerIDForm `json:"-"`
	FirstName          string         `json:"firstName,omitempty"`
	LastName           string         `json:"lastName,omitempty"`
	Email              string         `json:"email,omitempty"`
	Phone              string         `json:"phone,omitempty"`
	Extra              map[string]any `json:"-"`
}

// MarshalJSON writes the fields, the merchant's id under the member IDForm
// names (in Extra's place, if Extra has one), then Extra.
func (r CustomerCreateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.MarshalExtra(r, r.Extra)
}

// JSONTag names the member that carries the merchant's id.
func (r CustomerCreateRequest) JSONTag(jsonx.Inline) (name, value string) {
	if r.IDForm == CustomerIDAsID {
		return "id", r.MerchantCustomerID
	}
	return "externalId", r.MerchantCustomerID
}

// UnmarshalJSON reads a request written as MarshalJSON writes it, with the
// merchant's id under "externalId" or "id" (which sets IDForm), for callers
// that keep requests as JSON; other members go to Extra.
func (r *CustomerCreateRequest) UnmarshalJSON(b []byte) error {
	var w struct {
		ExternalID string         `json:"externalId"`
		ID         string         `json:"id"`
		FirstName  string         `json:"firstName"`
		LastName   string         `json:"lastName"`
		Email      string         `json:"email"`
		Phone      string         `json:"phone"`
		Extra      map[string]any `json:"-"`
	}
	if err := jsonx.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = CustomerCreateRequest{MerchantCustomerID: w.ExternalID, FirstName: w.FirstName, LastName: w.LastName,
		Email: w.Email, Phone: w.Phone, Extra: w.Extra}
	switch {
	case w.ExternalID != "" && w.ID != "" && w.ExternalID != w.ID:
		return fmt.Errorf("zen: customer: externalId %q and id %q disagree on the merchant's customer id", w.ExternalID, w.ID)
	case w.ExternalID == "" && w.ID != "":
		r.MerchantCustomerID, r.IDForm = w.ID, CustomerIDAsID
	}
	return nil
}

// Validate checks that MerchantCustomerID is set and is a UUID (every
// merchantCustomerId path parameter is one; externalId allows at most 128
// characters), that IDForm is known, and the lengths ZEN allows.
func (r *CustomerCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	field := "externalId"
	switch r.IDForm {
	case CustomerIDAsExternalID:
	case CustomerIDAsID:
		field = "id"
	default:
		v.Fail("idForm", "must be CustomerIDAsExternalID or CustomerIDAsID")
	}
	v.UUID(field, r.MerchantCustomerID, true)
	for _, k := range []string{"id", "externalId"} {
		if _, ok := r.Extra[k]; ok {
			v.Fail("extra."+k, "must not be set: the merchant's id is MerchantCustomerID, sent as IDForm says")
		}
	}
	checkCustomerNames(v, r.FirstName, r.LastName, r.Email, r.Phone)
	return v.Err()
}

// CustomerUpdateRequest changes the non-empty members of a saved customer
// (its ids cannot change). Extra adds other members as given.
type CustomerUpdateRequest struct {
	FirstName string         `json:"firstName,omitempty"`
	LastName  string         `json:"lastName,omitempty"`
	Email     string         `json:"email,omitempty"`
	Phone     string         `json:"phone,omitempty"`
	Extra     map[string]any `json:"-"`
}

type customerUpdateFields CustomerUpdateRequest

// MarshalJSON writes the set fields followed by Extra.
func (r CustomerUpdateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(customerUpdateFields(r))
}

// Validate checks the lengths ZEN allows and that Email is an address.
func (r *CustomerUpdateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkCustomerNames(v, r.FirstName, r.LastName, r.Email, r.Phone)
	return v.Err()
}

func checkCustomerNames(v *validate.Checker, first, last, email, phone string) {
	v.MaxLen("firstName", first, 128)
	v.MaxLen("lastName", last, 128)
	v.Email("email", email, false)
	v.MaxLen("phone", phone, 64)
}

// Request bodies that are, for now, the shape of another type: a payout profile
// takes a payout card's body, and the payout-card and PayNow bodies ZEN has
// not published are free-form Objects.
type (
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
