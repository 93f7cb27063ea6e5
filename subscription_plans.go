package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// PlanStatus says whether a plan accepts new subscriptions. ZEN's older
// specification sent a boolean, so true and false decode as PlanActive and
// PlanInactive; other text is kept as sent.
type PlanStatus string

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
