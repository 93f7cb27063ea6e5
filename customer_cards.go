package zen

import (
	"context"
	"encoding/json"
	"iter"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

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

// CardListParams selects a page of a customer's saved cards.
type CardListParams struct {
	ListParams
}

// JSONInline marks Card's JSON methods as the SDK engine's own.
func (*Card) JSONInline(jsonx.Inline) {}

// JSONInline marks CardUpdateRequest's JSON methods as the SDK engine's own.
func (*CardUpdateRequest) JSONInline(jsonx.Inline) {}
