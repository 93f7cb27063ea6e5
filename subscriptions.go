package zen

import (
	"context"
	"encoding/json"
	"iter"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/types"
)

// JSONInline marks Product's JSON methods as the SDK engine's own.
func (*Product) JSONInline(jsonx.Inline) {}

// JSONInline marks ProductCreateRequest's JSON methods as the SDK engine's own.
func (*ProductCreateRequest) JSONInline(jsonx.Inline) {}

// JSONInline marks ProductUpdateRequest's JSON methods as the SDK engine's own.
func (*ProductUpdateRequest) JSONInline(jsonx.Inline) {}

// Plan statuses (inferred from the activate and deactivate operations).
const (
	PlanActive   PlanStatus = "active"
	PlanInactive PlanStatus = "inactive"
)

// Interval units (inferred; ZEN has not published the list).
const (
	IntervalDay   IntervalUnit = "day"
	IntervalWeek  IntervalUnit = "week"
	IntervalMonth IntervalUnit = "month"
	IntervalYear  IntervalUnit = "year"
)

// JSONInline marks Plan's JSON methods as the SDK engine's own.
func (*Plan) JSONInline(jsonx.Inline) {}

// JSONInline marks PlanCreateRequest's JSON methods as the SDK engine's own.
func (*PlanCreateRequest) JSONInline(jsonx.Inline) {}

// SubscriptionStatus is the state of a customer's subscription.
type SubscriptionStatus string

// Subscription statuses. Source: ZEN's OpenAPI file, "Subscription"
// (the current reference pages publish no list).
const (
	SubscriptionTrial         SubscriptionStatus = "trial"
	SubscriptionActive        SubscriptionStatus = "active"
	SubscriptionChargeAttempt SubscriptionStatus = "charge_attempt" // a renewal charge failed and is retried
	SubscriptionCanceled      SubscriptionStatus = "canceled"
	SubscriptionCompleted     SubscriptionStatus = "completed"
	SubscriptionPaused        SubscriptionStatus = "paused"
)

// IsKnown reports whether s has a constant in this package.
func (s SubscriptionStatus) IsKnown() bool {
	switch s {
	case SubscriptionTrial, SubscriptionActive, SubscriptionChargeAttempt, SubscriptionCanceled,
		SubscriptionCompleted, SubscriptionPaused:
		return true
	}
	return false
}

// Subscription is one customer's subscription to a plan: its schedule, the
// payment source charged and its status. ZEN has not published the schema;
// the field names follow its older specification and may change, and
// members the SDK does not model are kept in Extra. Schedule dates decode
// from "YYYY-MM-DD" or an RFC 3339 time (keeping only the date).
type Subscription struct {
	ID                    string                     `json:"id"`
	PlanID                string                     `json:"planId"`
	CustomerID            string                     `json:"customerId"`
	ExternalID            string                     `json:"externalId,omitempty"`
	MerchantID            types.FlexString           `json:"merchantId,omitempty"`
	ShopID                types.FlexString           `json:"shopId,omitempty"`
	TerminalID            types.FlexString           `json:"terminalId,omitempty"`
	Email                 string                     `json:"email,omitempty"`
	Status                SubscriptionStatus         `json:"status"`
	PaymentSource         string                     `json:"paymentSource,omitempty"`
	PaymentSourceID       string                     `json:"paymentSourceId,omitempty"`
	FirstTransactionID    string                     `json:"firstTransactionId,omitempty"`
	StartDate             *types.Date                `json:"startDate,omitempty"`
	EndDate               *types.Date                `json:"endDate,omitempty"`
	NextChargeDate        *types.Date                `json:"nextChargeDate,omitempty"`
	NextChargeAttemptDate *types.Date                `json:"nextChargeAttemptDate,omitempty"`
	RemainingCount        *types.FlexInt             `json:"remainingCount,omitempty"`
	CancelReason          string                     `json:"cancelReason,omitempty"`
	CreatedAt             time.Time                  `json:"createdAt"`
	UpdatedAt             time.Time                  `json:"updatedAt"`
	DeletedAt             *time.Time                 `json:"deletedAt,omitempty"`
	Extra                 map[string]json.RawMessage `json:"-"`
}

type subscriptionFields Subscription

// MarshalJSON writes the modelled fields followed by Extra.
func (s Subscription) MarshalJSON() ([]byte, error) { return jsonx.Marshal(subscriptionFields(s)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (s *Subscription) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*subscriptionFields)(s))
}

// JSONInline marks Subscription's JSON methods as the SDK engine's own.
func (*Subscription) JSONInline(jsonx.Inline) {}

// SubscriptionListParams pages through subscriptions.
type SubscriptionListParams struct {
	ListParams
}

// List returns one page of the merchant's subscriptions.
//
// ZEN API: GET /v1/subscriptions (path inferred)
func (s *SubscriptionService) List(ctx context.Context, params SubscriptionListParams) (*types.Page[Subscription], error) {
	r := pageReq(params.ListParams, nil)
	r.params = params
	return call[types.Page[Subscription]](ctx, s.client, epSubscriptionList, r)
}

// All iterates over every subscription from params' page on; see
// All.
//
// ZEN API: GET /v1/subscriptions (path inferred)
func (s *SubscriptionService) All(ctx context.Context, params SubscriptionListParams) iter.Seq2[Subscription, error] {
	return allPages(ctx, params, s.List)
}

// Get returns one subscription; an unknown id gives an *APIError matching
// ErrNotFound.
//
// ZEN API: GET /v1/subscriptions/{id} (path inferred)
func (s *SubscriptionService) Get(ctx context.Context, id string) (*Subscription, error) {
	return call[Subscription](ctx, s.client, epSubscriptionGet, args{ids: ids(freeID(id))})
}

// Delete removes a subscription; {"success": false} is an error, as for
// Delete.
//
// ZEN API: DELETE /v1/subscriptions/{id} (path inferred)
func (s *SubscriptionService) Delete(ctx context.Context, id string) error {
	return callDelete(ctx, s.client, epSubscriptionDelete, args{ids: ids(freeID(id))})
}

// Cancel stops a subscription's future charges and returns it.
//
// ZEN API: POST /v1/subscriptions/{id}/cancel (path inferred)
func (s *SubscriptionService) Cancel(ctx context.Context, id string) (*Subscription, error) {
	return call[Subscription](ctx, s.client, epSubscriptionCancel, args{ids: ids(freeID(id))})
}
