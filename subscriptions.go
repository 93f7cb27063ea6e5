package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// productSortFields are the sortBy values ZEN documents for the products
// list.
var productSortFields = []string{"id", "merchantId", "shopId", "terminalId", "createdAt", "updatedAt"}

// ProductType says whether a subscription product is a good or a service.
type ProductType string

// Product types documented by ZEN.
const (
	ProductTypeProduct ProductType = "product"
	ProductTypeService ProductType = "service"
)

// IsKnown reports whether t is a documented product type.
func (t ProductType) IsKnown() bool { return t == ProductTypeProduct || t == ProductTypeService }

// ProductStatus is ZEN's review status of a subscription product.
type ProductStatus string

// Product statuses documented by ZEN.
const (
	ProductVerified ProductStatus = "verified"
	ProductBlocked  ProductStatus = "blocked"
	ProductPending  ProductStatus = "pending"
)

// IsKnown reports whether s is a documented product status.
func (s ProductStatus) IsKnown() bool {
	return s == ProductVerified || s == ProductBlocked || s == ProductPending
}

// Product is something a merchant sells by subscription; its plans set the
// price and billing cycle. Members the SDK does not model are kept in
// Extra.
type Product struct {
	ID          string                     `json:"id"`
	URL         string                     `json:"url,omitempty"`
	MerchantID  types.FlexString           `json:"merchantId,omitempty"`
	ShopID      types.FlexString           `json:"shopId,omitempty"`
	TerminalID  types.FlexString           `json:"terminalId,omitempty"`
	Name        string                     `json:"name"`
	Description string                     `json:"description"`
	Type        ProductType                `json:"type"`
	Status      ProductStatus              `json:"status"`
	CreatedAt   time.Time                  `json:"createdAt"`
	UpdatedAt   time.Time                  `json:"updatedAt"`
	DeletedAt   *time.Time                 `json:"deletedAt,omitempty"`
	Extra       map[string]json.RawMessage `json:"-"`
}

type productFields Product

// MarshalJSON writes the modelled fields followed by Extra.
func (p Product) MarshalJSON() ([]byte, error) { return jsonx.Marshal(productFields(p)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (p *Product) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*productFields)(p)) }

// JSONInline marks Product's JSON methods as the SDK engine's own.
func (*Product) JSONInline(jsonx.Inline) {}

// ProductCreateRequest creates a subscription product. ZEN has not
// published this body: the fields are those of the Product object; put any
// other member ZEN asks for in Extra.
type ProductCreateRequest struct {
	Name        string         `json:"name"`        // 1..125 characters
	Description string         `json:"description"` // 1..500 characters
	Type        ProductType    `json:"type"`
	URL         string         `json:"url,omitempty"`
	Extra       map[string]any `json:"-"`
}

type productCreateRequestFields ProductCreateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r ProductCreateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(productCreateRequestFields(r))
}

// JSONInline marks ProductCreateRequest's JSON methods as the SDK engine's own.
func (*ProductCreateRequest) JSONInline(jsonx.Inline) {}

// Validate checks the request against the Product rules without sending it.
func (r *ProductCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkProduct(v, &r.Name, &r.Description, &r.Type, &r.URL)
	return v.Err()
}

// ProductUpdateRequest changes the fields that are set (non-nil) and leaves
// the others as they are. ZEN has not published this body; put any other
// member in Extra.
type ProductUpdateRequest struct {
	Name        *string        `json:"name,omitempty"`
	Description *string        `json:"description,omitempty"`
	Type        *ProductType   `json:"type,omitempty"`
	URL         *string        `json:"url,omitempty"`
	Extra       map[string]any `json:"-"`
}

type productUpdateRequestFields ProductUpdateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r ProductUpdateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(productUpdateRequestFields(r))
}

// JSONInline marks ProductUpdateRequest's JSON methods as the SDK engine's own.
func (*ProductUpdateRequest) JSONInline(jsonx.Inline) {}

// Validate checks the set fields and that at least one is set.
func (r *ProductUpdateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	if r.Name == nil && r.Description == nil && r.Type == nil && r.URL == nil && len(r.Extra) == 0 {
		v.Fail("request", "changes nothing: set at least one field")
	}
	checkProduct(v, r.Name, r.Description, r.Type, r.URL)
	return v.Err()
}

// checkProduct checks the product fields that are given (non-nil).
func checkProduct(v *validate.Checker, name, description *string, typ *ProductType, u *string) {
	if name != nil {
		v.Len("name", *name, 1, 125)
	}
	if description != nil {
		v.Len("description", *description, 1, 500)
	}
	if typ != nil && !typ.IsKnown() {
		v.Fail("type", "must be product or service")
	}
	if u != nil {
		v.URL("url", *u, 0)
	}
}

// ProductListParams pages through products. SortBy may be id, merchantId,
// shopId, terminalId, createdAt or updatedAt.
type ProductListParams struct {
	ListParams
}

// Validate checks the paging values and SortBy.
func (p ProductListParams) Validate() error {
	v := validate.New()
	p.check(v)
	if p.SortBy != "" && !slices.Contains(productSortFields, p.SortBy) {
		v.Fail("sortBy", "must be one of "+strings.Join(productSortFields, ", "))
	}
	return v.Err()
}

// PlanStatus says whether a plan accepts new subscriptions. ZEN's older
// specification sent a boolean, so true and false decode as PlanActive and
// PlanInactive; other text is kept as sent.
type PlanStatus string

// Plan statuses (inferred from the activate and deactivate operations).
const (
	PlanActive   PlanStatus = "active"
	PlanInactive PlanStatus = "inactive"
)

// IsKnown reports whether s is PlanActive or PlanInactive.
func (s PlanStatus) IsKnown() bool { return s == PlanActive || s == PlanInactive }

// UnmarshalJSON accepts a string, a boolean or null.
func (s *PlanStatus) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "true":
		*s = PlanActive
	case "false":
		*s = PlanInactive
	case "null":
		*s = ""
	default:
		var text string
		if err := json.Unmarshal(b, &text); err != nil {
			return fmt.Errorf("zen: plan status: %w", err)
		}
		*s = PlanStatus(text)
	}
	return nil
}

// IntervalUnit is the unit of a plan's billing interval.
type IntervalUnit string

// Interval units (inferred; ZEN has not published the list).
const (
	IntervalDay   IntervalUnit = "day"
	IntervalWeek  IntervalUnit = "week"
	IntervalMonth IntervalUnit = "month"
	IntervalYear  IntervalUnit = "year"
)

// IsKnown reports whether u has a constant in this package.
func (u IntervalUnit) IsKnown() bool {
	return slices.Contains([]IntervalUnit{IntervalDay, IntervalWeek, IntervalMonth, IntervalYear}, u)
}

// Plan is a price and billing cycle for one product: Amount in Currency
// every IntervalCount IntervalUnits, with an optional trial, activation
// (setup) fee and charge day. ZEN has not published the plan schema; the
// field names follow its older specification and may change, and members
// the SDK does not model are kept in Extra.
type Plan struct {
	ID              string                     `json:"id"`
	ProductID       string                     `json:"productId"`
	MerchantID      types.FlexString           `json:"merchantId,omitempty"`
	ShopID          types.FlexString           `json:"shopId,omitempty"`
	TerminalID      types.FlexString           `json:"terminalId,omitempty"`
	Status          PlanStatus                 `json:"status"`
	Amount          types.Amount               `json:"amount"`
	Currency        string                     `json:"currency"`
	IntervalUnit    IntervalUnit               `json:"intervalUnit"`
	IntervalCount   types.FlexInt              `json:"intervalCount"`
	TrialPeriodDays types.FlexInt              `json:"trialPeriodDays,omitempty"`
	ChargeDay       types.FlexInt              `json:"chargeDay,omitempty"` // day of the month charges are made
	SetupFee        *types.Amount              `json:"setupFee,omitempty"`  // activation fee
	TotalCount      types.FlexInt              `json:"totalCount,omitempty"`
	ChargeRetry     bool                       `json:"chargeRetry"`
	CreatedAt       time.Time                  `json:"createdAt"`
	UpdatedAt       time.Time                  `json:"updatedAt"`
	DeletedAt       *time.Time                 `json:"deletedAt,omitempty"`
	Extra           map[string]json.RawMessage `json:"-"`
}

type planFields Plan

// MarshalJSON writes the modelled fields followed by Extra.
func (p Plan) MarshalJSON() ([]byte, error) { return jsonx.Marshal(planFields(p)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (p *Plan) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*planFields)(p)) }

// JSONInline marks Plan's JSON methods as the SDK engine's own.
func (*Plan) JSONInline(jsonx.Inline) {}

// PlanCreateRequest creates a plan for a product. ZEN has not published
// this body: the field names follow its older specification of the Plan
// object; put any other member ZEN asks for in Extra.
type PlanCreateRequest struct {
	ProductID       string         `json:"productId"`
	Amount          types.Amount   `json:"amount"`
	Currency        string         `json:"currency"`
	IntervalUnit    IntervalUnit   `json:"intervalUnit"`
	IntervalCount   int            `json:"intervalCount"`             // at least 1
	TrialPeriodDays *int           `json:"trialPeriodDays,omitempty"` // 0 or more
	ChargeDay       *int           `json:"chargeDay,omitempty"`       // 1..31
	SetupFee        *types.Amount  `json:"setupFee,omitempty"`        // activation fee
	TotalCount      *int           `json:"totalCount,omitempty"`      // number of charges, 0 or more
	ChargeRetry     *bool          `json:"chargeRetry,omitempty"`
	Extra           map[string]any `json:"-"`
}

type planCreateRequestFields PlanCreateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r PlanCreateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(planCreateRequestFields(r))
}

// JSONInline marks PlanCreateRequest's JSON methods as the SDK engine's own.
func (*PlanCreateRequest) JSONInline(jsonx.Inline) {}

// Validate checks the request without sending it.
func (r *PlanCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.Required("productId", r.ProductID)
	v.Amount("amount", r.Amount, true)
	v.Currency("currency", r.Currency)
	v.Required("intervalUnit", string(r.IntervalUnit))
	checkCount(v, "intervalCount", &r.IntervalCount, 1, 0)
	checkCount(v, "trialPeriodDays", r.TrialPeriodDays, 0, 0)
	checkCount(v, "chargeDay", r.ChargeDay, 1, 31)
	checkCount(v, "totalCount", r.TotalCount, 0, 0)
	if r.SetupFee != nil {
		v.Amount("setupFee", *r.SetupFee, true)
	}
	return v.Err()
}

// checkCount fails when a given n is below lo or, when hi > 0, above hi.
func checkCount(v *validate.Checker, field string, n *int, lo, hi int) {
	switch {
	case n == nil:
	case hi > 0 && (*n < lo || *n > hi):
		v.Fail(field, fmt.Sprintf("must be %d to %d", lo, hi))
	case *n < lo:
		v.Fail(field, fmt.Sprintf("must be at least %d", lo))
	}
}

// PlanListParams pages through plans.
type PlanListParams struct {
	ListParams
}

// SubscriptionStatus is the state of a customer's subscription.
type SubscriptionStatus string

// Subscription statuses (inferred; ZEN has not published the list).
const (
	SubscriptionActive   SubscriptionStatus = "active"
	SubscriptionCanceled SubscriptionStatus = "canceled"
)

// IsKnown reports whether s has a constant in this package.
func (s SubscriptionStatus) IsKnown() bool {
	return s == SubscriptionActive || s == SubscriptionCanceled
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

// List returns one page of the merchant's subscription products.
// Bad paging values or an unknown SortBy give a *ValidationError before any
// network call.
//
// ZEN API: GET /v1/subscriptions/products (path confirmed)
func (s *ProductService) List(ctx context.Context, params ProductListParams) (*types.Page[Product], error) {
	r := pageReq(params.ListParams, nil)
	r.params = params
	return call[types.Page[Product]](ctx, s.client, epProductList, r)
}

// All iterates over every product from params' page on, fetching
// pages as the loop needs them; it yields an error and stops when a page
// fails or repeats the previous one.
//
// ZEN API: GET /v1/subscriptions/products (path confirmed)
func (s *ProductService) All(ctx context.Context, params ProductListParams) iter.Seq2[Product, error] {
	return allPages(ctx, params, s.List)
}

// Create creates a subscription product.
//
// ZEN API: POST /v1/subscriptions/products (path inferred)
func (s *ProductService) Create(ctx context.Context, req *ProductCreateRequest) (*Product, error) {
	return call[Product](ctx, s.client, epProductCreate, args{body: req})
}

// Get returns product id (a UUID); an unknown id gives an *APIError
// matching ErrNotFound.
//
// ZEN API: GET /v1/subscriptions/products/{id} (path inferred)
func (s *ProductService) Get(ctx context.Context, id string) (*Product, error) {
	return call[Product](ctx, s.client, epProductGet, args{ids: ids(uuidID(id))})
}

// Update changes the fields set in req and returns the product.
//
// ZEN API: PATCH /v1/subscriptions/products/{id} (path inferred)
func (s *ProductService) Update(ctx context.Context, id string, req *ProductUpdateRequest) (*Product, error) {
	return call[Product](ctx, s.client, epProductUpdate, args{ids: ids(uuidID(id)), body: req})
}

// Delete removes a product. An answer of {"success": false} is
// returned as an error.
//
// ZEN API: DELETE /v1/subscriptions/products/{id} (path inferred)
func (s *ProductService) Delete(ctx context.Context, id string) error {
	return callDelete(ctx, s.client, epProductDelete, args{ids: ids(uuidID(id))})
}

// List returns one page of the merchant's subscription plans.
//
// ZEN API: GET /v1/subscriptions/plans (path inferred)
func (s *PlanService) List(ctx context.Context, params PlanListParams) (*types.Page[Plan], error) {
	r := pageReq(params.ListParams, nil)
	r.params = params
	return call[types.Page[Plan]](ctx, s.client, epPlanList, r)
}

// All iterates over every plan from params' page on; see All.
//
// ZEN API: GET /v1/subscriptions/plans (path inferred)
func (s *PlanService) All(ctx context.Context, params PlanListParams) iter.Seq2[Plan, error] {
	return allPages(ctx, params, s.List)
}

// Create creates a plan for a product.
//
// ZEN API: POST /v1/subscriptions/plans (path inferred)
func (s *PlanService) Create(ctx context.Context, req *PlanCreateRequest) (*Plan, error) {
	return call[Plan](ctx, s.client, epPlanCreate, args{body: req})
}

// Get returns one plan; an unknown id gives an *APIError matching
// ErrNotFound.
//
// ZEN API: GET /v1/subscriptions/plans/{id} (path inferred)
func (s *PlanService) Get(ctx context.Context, id string) (*Plan, error) {
	return call[Plan](ctx, s.client, epPlanGet, args{ids: ids(freeID(id))})
}

// Delete removes a plan; {"success": false} is an error, as for
// Delete.
//
// ZEN API: DELETE /v1/subscriptions/plans/{id} (path inferred)
func (s *PlanService) Delete(ctx context.Context, id string) error {
	return callDelete(ctx, s.client, epPlanDelete, args{ids: ids(freeID(id))})
}

// Activate lets customers subscribe to a plan and returns the plan.
//
// ZEN API: POST /v1/subscriptions/plans/{id}/activate (path confirmed)
func (s *PlanService) Activate(ctx context.Context, id string) (*Plan, error) {
	return call[Plan](ctx, s.client, epPlanActivate, args{ids: ids(freeID(id))})
}

// Deactivate stops new subscriptions to a plan and returns the plan.
//
// ZEN API: POST /v1/subscriptions/plans/{id}/deactivate (path inferred)
func (s *PlanService) Deactivate(ctx context.Context, id string) (*Plan, error) {
	return call[Plan](ctx, s.client, epPlanDeactivate, args{ids: ids(freeID(id))})
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
