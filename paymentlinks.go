package zen

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"strconv"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// PaymentLinkStatus is the state of a payment link.
type PaymentLinkStatus string

// Payment-link statuses documented by ZEN.
const (
	PaymentLinkNew              PaymentLinkStatus = "NEW"
	PaymentLinkRegistered       PaymentLinkStatus = "REGISTERED"
	PaymentLinkExpired          PaymentLinkStatus = "EXPIRED"
	PaymentLinkPaymentStarted   PaymentLinkStatus = "PAYMENT_STARTED"
	PaymentLinkPaymentProcessed PaymentLinkStatus = "PAYMENT_PROCESSED"
	PaymentLinkPaymentRejected  PaymentLinkStatus = "PAYMENT_REJECTED"
)

// IsKnown reports whether s is a documented payment-link status.
func (s PaymentLinkStatus) IsKnown() bool {
	switch s {
	case PaymentLinkNew, PaymentLinkRegistered, PaymentLinkExpired,
		PaymentLinkPaymentStarted, PaymentLinkPaymentProcessed, PaymentLinkPaymentRejected:
		return true
	}
	return false
}

// PaymentLinkCustomer is the buyer a payment link is made for. All three
// fields are required when creating a link. On links read back from ZEN,
// members the SDK does not model are kept in Extra.
type PaymentLinkCustomer struct {
	Email     string                     `json:"email,omitempty"`
	FirstName string                     `json:"firstName,omitempty"`
	LastName  string                     `json:"lastName,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

type paymentLinkCustomerFields PaymentLinkCustomer

// MarshalJSON writes the modelled fields followed by Extra.
func (c PaymentLinkCustomer) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(paymentLinkCustomerFields(c))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *PaymentLinkCustomer) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*paymentLinkCustomerFields)(c))
}

// JSONInline marks PaymentLinkCustomer's JSON methods as the SDK engine's own.
func (*PaymentLinkCustomer) JSONInline(jsonx.Inline) {}

// PaymentLinkItem is one order line of a new payment link.
type PaymentLinkItem struct {
	Name     string         `json:"name"`
	Price    types.Amount   `json:"price"`
	Quantity types.Quantity `json:"quantity"` // a number ≥ 1, fractions allowed (types.NewQuantity(2), types.MustQuantity("1.5"))
}

// PaymentLinkCreateRequest creates a pay-by-link order that the customer
// pays on ZEN's page until ExpirationDate. Every field is required by ZEN.
// MerchantTransactionID must be unique: it is what makes the call safe to
// retry.
type PaymentLinkCreateRequest struct {
	MerchantTransactionID string              `json:"merchantTransactionId"`
	Amount                types.Amount        `json:"amount"`
	Currency              string              `json:"currency"`
	Customer              PaymentLinkCustomer `json:"customer"`
	Items                 []PaymentLinkItem   `json:"items"`
	ExpirationDate        time.Time           `json:"expirationDate"`
}

// Validate checks the required fields, ZEN's patterns and each item. It
// does not compare the items' total with Amount, which ZEN does not
// document for payment links.
func (r *PaymentLinkCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.MerchantTransactionID("merchantTransactionId", r.MerchantTransactionID, true)
	v.Amount("amount", r.Amount, true)
	v.Currency("currency", r.Currency)
	cv := v.At("customer")
	cv.Email("email", r.Customer.Email, true)
	for _, f := range []struct {
		name, value string
		max         int
	}{{"firstName", r.Customer.FirstName, 128}, {"lastName", r.Customer.LastName, 128}} {
		if cv.Required(f.name, f.value) {
			cv.MaxLen(f.name, f.value, f.max)
		}
	}
	if len(r.Items) == 0 {
		v.Fail("items", "must hold at least one item")
	}
	for i, it := range r.Items {
		iv := v.Index("items", i)
		if iv.Required("name", it.Name) {
			iv.MaxLen("name", it.Name, 256)
		}
		iv.SignedAmount("price", it.Price)
		// ZEN's OpenAPI file, "Item": quantity is a number, minimum 1.
		if err := it.Quantity.Validate(); err != nil {
			iv.Fail("quantity", err.Error())
		}
	}
	if r.ExpirationDate.IsZero() {
		v.Fail("expirationDate", "is required")
	}
	return v.Err()
}

// PaymentLinkCreated is ZEN's answer to a new payment link: its id and the
// URL to send the customer to.
type PaymentLinkCreated struct {
	ID        string                     `json:"id"`
	URL       string                     `json:"url"`
	CreatedAt time.Time                  `json:"createdAt"`
	Extra     map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type paymentLinkCreatedFields PaymentLinkCreated

// MarshalJSON writes the modelled fields followed by Extra.
func (p PaymentLinkCreated) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(paymentLinkCreatedFields(p))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (p *PaymentLinkCreated) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*paymentLinkCreatedFields)(p))
}

// JSONInline marks PaymentLinkCreated's JSON methods as the SDK engine's own.
func (*PaymentLinkCreated) JSONInline(jsonx.Inline) {}

// PaymentLinkLine is one order line of a payment link read back from ZEN.
// Price and Quantity accept numbers and numeric strings; a value of another
// shape is kept, as sent, in Extra under its name, with the other members
// the SDK does not model.
type PaymentLinkLine struct {
	Name     string                     `json:"name,omitempty"`
	Price    types.Amount               `json:"price,omitempty"`
	Quantity types.Quantity             `json:"quantity,omitzero"`
	Extra    map[string]json.RawMessage `json:"-"`
}

type paymentLinkLineFields PaymentLinkLine

// MarshalJSON writes the modelled fields followed by Extra.
func (l PaymentLinkLine) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(paymentLinkLineFields(l))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (l *PaymentLinkLine) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*paymentLinkLineFields)(l))
}

// JSONInline marks PaymentLinkLine's JSON methods as the SDK engine's own.
func (*PaymentLinkLine) JSONInline(jsonx.Inline) {}

// PaymentLink is a payment link as the list and fetch calls return it (a
// different shape from PaymentLinkCreated). Every member is optional in
// ZEN's schema; Merchant is kept raw and members the SDK does not model are
// kept in Extra.
type PaymentLink struct {
	ID             string                     `json:"id,omitempty"`
	URL            string                     `json:"url,omitempty"`
	Amount         *types.Money               `json:"amount,omitempty"`
	Customer       *PaymentLinkCustomer       `json:"customer,omitempty"`
	Items          []PaymentLinkLine          `json:"items,omitempty"`
	Merchant       json.RawMessage            `json:"merchant,omitempty"`
	ExpirationDate *time.Time                 `json:"expirationDate,omitempty"`
	Status         PaymentLinkStatus          `json:"status,omitempty"`
	CreatedAt      *time.Time                 `json:"createdAt,omitempty"`
	Hidden         *bool                      `json:"hidden,omitempty"`
	Extra          map[string]json.RawMessage `json:"-"`
}

type paymentLinkFields PaymentLink

// MarshalJSON writes the modelled fields followed by Extra.
func (p PaymentLink) MarshalJSON() ([]byte, error) { return jsonx.Marshal(paymentLinkFields(p)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (p *PaymentLink) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*paymentLinkFields)(p))
}

// JSONInline marks PaymentLink's JSON methods as the SDK engine's own.
func (*PaymentLink) JSONInline(jsonx.Inline) {}

// PaymentLinkListParams filters the payment-link list. Zero values are left
// out of the query. Its paging is page and itemsPerPage only: ZEN's page
// "Get payment links" documents no direction or sortBy, so the SDK sends
// neither. The params are copied by List and All, never changed.
type PaymentLinkListParams struct {
	Page             int // 1-based page number
	ItemsPerPage     int // page size
	CustomerEmail    string
	Status           PaymentLinkStatus
	Currency         string
	CreationDateFrom time.Time // sent as RFC 3339
	CreationDateTo   time.Time // sent as RFC 3339
	// ShowHidden includes (true) or excludes (false) hidden links; nil
	// leaves ZEN's default.
	ShowHidden *bool
}

// Validate checks paging, the customer e-mail and currency filters, the
// creation-date range, and that no text filter is blank (which would list
// every link).
func (p PaymentLinkListParams) Validate() error {
	v := validate.New()
	p.paging().check(v)
	v.Email("customerEmail", p.CustomerEmail, false)
	v.Filter("status", string(p.Status))
	if p.Currency != "" {
		v.Currency("currency", p.Currency)
	}
	if !p.CreationDateFrom.IsZero() && !p.CreationDateTo.IsZero() && p.CreationDateTo.Before(p.CreationDateFrom) {
		v.Fail("creationDateTo", "must not be before creationDateFrom")
	}
	return v.Err()
}

func (p PaymentLinkListParams) query() url.Values {
	q := url.Values{}
	if p.CustomerEmail != "" {
		q.Set("customerEmail", p.CustomerEmail)
	}
	if p.Status != "" {
		q.Set("status", string(p.Status))
	}
	if p.Currency != "" {
		q.Set("currency", p.Currency)
	}
	if !p.CreationDateFrom.IsZero() {
		q.Set("creationDateFrom", p.CreationDateFrom.Format(time.RFC3339))
	}
	if !p.CreationDateTo.IsZero() {
		q.Set("creationDateTo", p.CreationDateTo.Format(time.RFC3339))
	}
	if p.ShowHidden != nil {
		q.Set("showHidden", strconv.FormatBool(*p.ShowHidden))
	}
	p.paging().encode(q)
	return q
}

// paging returns the params' paging values as ListParams (without
// direction or sortBy, which this list does not document).
func (p PaymentLinkListParams) paging() ListParams {
	return ListParams{Page: p.Page, ItemsPerPage: p.ItemsPerPage}
}

// PaymentLinkUpdateRequest changes a payment link. Only the fields that
// are set are sent. ZEN does not document this body: ExpirationDate and
// Hidden are the members its link object suggests, and Extra adds any
// other members as given (it never replaces a set field).
type PaymentLinkUpdateRequest struct {
	ExpirationDate *time.Time     `json:"expirationDate,omitempty"`
	Hidden         *bool          `json:"hidden,omitempty"`
	Extra          map[string]any `json:"-"`
}

type updatePaymentLinkRequestFields PaymentLinkUpdateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r PaymentLinkUpdateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(updatePaymentLinkRequestFields(r))
}

// JSONInline marks PaymentLinkUpdateRequest's JSON methods as the SDK engine's own.
func (*PaymentLinkUpdateRequest) JSONInline(jsonx.Inline) {}

// Validate fails when the request changes nothing or sets a zero
// expiration date.
func (r *PaymentLinkUpdateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	switch {
	case r.ExpirationDate == nil && r.Hidden == nil && len(r.Extra) == 0:
		v.Fail("request", "must set at least one field to update")
	case r.ExpirationDate != nil && r.ExpirationDate.IsZero():
		v.Fail("expirationDate", "must not be the zero time")
	}
	return v.Err()
}

// Create makes a payment link and returns its id and URL (ZEN answers 201).
// If an attempt's outcome was unknown and the retry is refused as a
// duplicate, the link may exist: look for it with List before creating
// another one under a new merchantTransactionId.
//
// ZEN API: POST /v1/payment-links (path confirmed)
func (s *PaymentLinkService) Create(ctx context.Context, req *PaymentLinkCreateRequest) (*PaymentLinkCreated, error) {
	return call[PaymentLinkCreated](ctx, s.client, epPaymentLinkCreate, args{body: req})
}

// List returns one page of the merchant's payment links.
//
// ZEN API: GET /v1/payment-links (path confirmed)
func (s *PaymentLinkService) List(ctx context.Context, params PaymentLinkListParams) (*types.Page[PaymentLink], error) {
	return call[types.Page[PaymentLink]](ctx, s.client, epPaymentLinkList, args{query: params.query(), params: params})
}

// All walks every payment link matching params from params.Page on,
// fetching pages lazily; it stops after the last page, when the loop
// breaks, or after yielding the first error.
//
// ZEN API: GET /v1/payment-links (path confirmed)
func (s *PaymentLinkService) All(ctx context.Context, params PaymentLinkListParams) iter.Seq2[PaymentLink, error] {
	return iterate(ctx, params, s.List, func(p PaymentLinkListParams, n int, meta types.PageMeta) (PaymentLinkListParams, bool) {
		next, more := nextPage(p.paging(), n, meta)
		p.Page = next.Page // nextPage moves only the page
		return p, more
	})
}

// Get returns the payment link with ZEN's id id (a UUID, as Create
// returns it); a missing link is an *APIError matching ErrNotFound.
//
// ZEN API: GET /v1/payment-links/{id} (path inferred)
func (s *PaymentLinkService) Get(ctx context.Context, id string) (*PaymentLink, error) {
	return call[PaymentLink](ctx, s.client, epPaymentLinkGet, args{ids: ids(uuidID(id))})
}

// Update changes a payment link, sending only the fields set in req, and
// returns the link as ZEN answers it (empty when ZEN sends no body).
//
// ZEN API: PATCH /v1/payment-links/{id} (path inferred)
func (s *PaymentLinkService) Update(ctx context.Context, id string, req *PaymentLinkUpdateRequest) (*PaymentLink, error) {
	return call[PaymentLink](ctx, s.client, epPaymentLinkUpdate, args{ids: ids(uuidID(id)), body: req})
}
