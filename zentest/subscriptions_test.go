package zentest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// subsAPIError asserts err is ZEN's 400 (or 404) answer from the fake,
// not a client-side check, and returns its message.
func subsAPIError(t *testing.T, err error, status int) string {
	t.Helper()
	var apiErr *zen.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, status, apiErr.StatusCode, "%v", err)
	switch status {
	case http.StatusNotFound:
		assert.ErrorIs(t, err, zen.ErrNotFound)
		assert.Equal(t, "Record Not Found", apiErr.Message)
	case http.StatusBadRequest:
		assert.ErrorIs(t, err, zen.ErrValidation)
	}
	return apiErr.Message
}

// subsProduct creates a product through the SDK.
func subsProduct(t *testing.T, c *zen.Client, name string) *zen.Product {
	t.Helper()
	p, err := c.Subscriptions.Products.Create(context.Background(), &zen.ProductCreateRequest{
		Name: name, Description: name + " membership", Type: zen.ProductTypeService,
	})
	require.NoError(t, err)
	return p
}

// subsPlan creates and activates a monthly EUR plan of a new product.
func subsPlan(t *testing.T, c *zen.Client, req zen.PlanCreateRequest) *zen.Plan {
	t.Helper()
	ctx := context.Background()
	if req.ProductID == "" {
		req.ProductID = subsProduct(t, c, "Gold").ID
	}
	if req.Amount.IsZero() {
		req.Amount, req.Currency = types.MustAmount("9.99"), "EUR"
	}
	if req.IntervalUnit == "" {
		req.IntervalUnit, req.IntervalCount = zen.IntervalMonth, 1
	}
	p, err := c.Subscriptions.Plans.Create(ctx, &req)
	require.NoError(t, err)
	require.Equal(t, zen.PlanInactive, p.Status)
	p, err = c.Subscriptions.Plans.Activate(ctx, p.ID)
	require.NoError(t, err)
	require.Equal(t, zen.PlanActive, p.Status)
	return p
}

func TestSubscriptionProducts(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()

	var created []*zen.Product
	for i := range 5 {
		created = append(created, subsProduct(t, c, fmt.Sprintf("P%d", i+1)))
		clock.Advance(time.Second)
	}
	p1 := created[0]
	assert.Equal(t, "P1", p1.Name)
	assert.Equal(t, "P1 membership", p1.Description)
	assert.Equal(t, zen.ProductTypeService, p1.Type)
	assert.Equal(t, zen.ProductVerified, p1.Status)
	assert.Equal(t, time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC), p1.CreatedAt)
	assert.Equal(t, p1.CreatedAt, p1.UpdatedAt)
	assert.Equal(t, srv.TerminalUUID(), string(p1.TerminalID))
	assert.NotEmpty(t, p1.MerchantID)
	require.NoError(t, uuid.Validate(p1.ID))

	// The iterator walks three pages of two.
	srv.ResetRequests()
	var names []string
	for p, err := range c.Subscriptions.Products.All(ctx, zen.ProductListParams{ListParams: zen.ListParams{ItemsPerPage: 2}}) {
		require.NoError(t, err)
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"P1", "P2", "P3", "P4", "P5"}, names)
	var pages []string
	for _, r := range srv.Requests() {
		pages = append(pages, r.Query.Get("page"))
	}
	assert.Equal(t, []string{"", "2", "3"}, pages)

	// Paging shape and direction.
	page, err := c.Subscriptions.Products.List(ctx, zen.ProductListParams{ListParams: zen.ListParams{
		Page: 2, ItemsPerPage: 2, Direction: types.Desc, SortBy: "createdAt",
	}})
	require.NoError(t, err)
	assert.Equal(t, []string{"P3", "P2"}, productNames(page.Data))
	assert.Equal(t, types.PageMeta{Page: 2, ItemsPerPage: 2, Direction: types.Desc, SortBy: "createdAt"}, page.Meta)

	// Get, update (PATCH), extra members kept, updatedAt sorting.
	clock.Advance(time.Minute)
	got, err := c.Subscriptions.Products.Get(ctx, p1.ID)
	require.NoError(t, err)
	assert.Equal(t, p1.Name, got.Name)
	upd, err := c.Subscriptions.Products.Update(ctx, p1.ID, &zen.ProductUpdateRequest{
		Name: zen.Ptr("P1 plus"), URL: zen.Ptr("https://shop.example.com/p1"), Extra: map[string]any{"category": "books"},
	})
	require.NoError(t, err)
	assert.Equal(t, "P1 plus", upd.Name)
	assert.Equal(t, "P1 membership", upd.Description, "unchanged")
	assert.Equal(t, "https://shop.example.com/p1", upd.URL)
	assert.JSONEq(t, `"books"`, string(upd.Extra["category"]))
	assert.Equal(t, clock.Now(), upd.UpdatedAt)
	assert.Equal(t, p1.CreatedAt, upd.CreatedAt)
	page, err = c.Subscriptions.Products.List(ctx, zen.ProductListParams{ListParams: zen.ListParams{SortBy: "updatedAt"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"P2", "P3", "P4", "P5", "P1 plus"}, productNames(page.Data))
	page, err = c.Subscriptions.Products.List(ctx, zen.ProductListParams{ListParams: zen.ListParams{SortBy: "id"}})
	require.NoError(t, err)
	assert.True(t, slices.IsSortedFunc(page.Data, func(a, b zen.Product) int { return strings.Compare(a.ID, b.ID) }))

	// Delete, then the product is gone.
	require.NoError(t, c.Subscriptions.Products.Delete(ctx, p1.ID))
	_, err = c.Subscriptions.Products.Get(ctx, p1.ID)
	subsAPIError(t, err, http.StatusNotFound)
	subsAPIError(t, c.Subscriptions.Products.Delete(ctx, p1.ID), http.StatusNotFound)
	_, err = c.Subscriptions.Products.Update(ctx, p1.ID, &zen.ProductUpdateRequest{Name: zen.Ptr("x")})
	subsAPIError(t, err, http.StatusNotFound)

	// A member ZEN sets itself is refused by the fake (the SDK passes Extra
	// through).
	_, err = c.Subscriptions.Products.Create(ctx, &zen.ProductCreateRequest{
		Name: "P6", Description: "d", Type: zen.ProductTypeProduct, Extra: map[string]any{"status": "verified"},
	})
	assert.Equal(t, "status: is set by ZEN and cannot be sent", subsAPIError(t, err, http.StatusBadRequest))
}

func productNames(ps []zen.Product) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func TestSubscriptionFieldRules(t *testing.T) {
	srv := newServer(t)
	long := strings.Repeat("é", 126)
	for _, tc := range []struct {
		name, method, path string
		body               any
		want               []string
	}{
		{"product create", "POST", "/v1/subscriptions/products",
			map[string]any{"name": long, "description": "", "type": "gadget", "url": "ftp://x"},
			[]string{"name: must be 1 to 125 characters", "description: is required", "type: must be product or service", "url: must be an absolute http or https URL"}},
		{"product missing", "POST", "/v1/subscriptions/products", map[string]any{},
			[]string{"name: is required", "description: is required", "type: is required"}},
		{"product description", "POST", "/v1/subscriptions/products",
			map[string]any{"name": "n", "description": strings.Repeat("d", 501), "type": "product", "id": "x"},
			[]string{"description: must be 1 to 500 characters", "id: is set by ZEN and cannot be sent"}},
		{"product update empty", "PATCH", "/v1/subscriptions/products/x", map[string]any{},
			[]string{"body: must change at least one member"}},
		{"product update", "PATCH", "/v1/subscriptions/products/x", map[string]any{"name": "", "type": 1},
			[]string{"name: is required", "type: must be a string"}},
		{"plan create", "POST", "/v1/subscriptions/plans", map[string]any{
			"productId": "p", "amount": 9.99, "currency": "eur", "intervalUnit": "fortnight", "intervalCount": 0,
			"trialPeriodDays": -1, "chargeDay": 32, "totalCount": "x", "setupFee": "1.5.0", "chargeRetry": "yes",
		}, []string{
			"amount: must be a JSON string", "currency: must match ^[A-Z]{3}$", "intervalUnit: must be day, week, month or year",
			"intervalCount: must be at least 1", "trialPeriodDays: must be at least 0", "chargeDay: must be 1 to 31",
			"totalCount: must be an integer", "setupFee: must be a decimal string", "chargeRetry: must be true or false",
		}},
		{"plan missing", "POST", "/v1/subscriptions/plans", map[string]any{},
			[]string{"productId: is required", "amount: is required", "currency: is required", "intervalUnit: is required", "intervalCount: is required"}},
		{"plans sortBy", "GET", "/v1/subscriptions/plans?sortBy=name", nil,
			[]string{"sortBy: must be one of id, merchantId, shopId, terminalId, createdAt, updatedAt"}},
		{"subscriptions page", "GET", "/v1/subscriptions?page=0", nil, []string{"page: must match"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := errMessage(t, call(t, srv, tc.method, tc.path, tc.body), http.StatusBadRequest)
			for _, w := range tc.want {
				assert.Contains(t, msg, w)
			}
			assert.Len(t, failedFields.FindAllString(msg, -1), len(tc.want), msg)
		})
	}
}

// failedFields finds the "field: " starts of a 400 message.
var failedFields = regexp.MustCompile(`(?:^|; )[a-zA-Z][\w.\[\]]*: `)

func TestSubscriptionPlans(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	prod := subsProduct(t, c, "Box")

	p, err := c.Subscriptions.Plans.Create(ctx, &zen.PlanCreateRequest{
		ProductID: prod.ID, Amount: types.MustAmount("19.90"), Currency: "PLN", IntervalUnit: zen.IntervalWeek,
		IntervalCount: 2, TrialPeriodDays: zen.Ptr(7), ChargeDay: zen.Ptr(5), SetupFee: zen.Ptr(types.MustAmount("5.00")),
		TotalCount: zen.Ptr(12), ChargeRetry: zen.Ptr(true), Extra: map[string]any{"name": "Bi-weekly"},
	})
	require.NoError(t, err)
	assert.Equal(t, prod.ID, p.ProductID)
	assert.Equal(t, zen.PlanInactive, p.Status)
	assert.Equal(t, "19.90", p.Amount.String())
	assert.Equal(t, "PLN", p.Currency)
	assert.Equal(t, zen.IntervalWeek, p.IntervalUnit)
	assert.Equal(t, types.FlexInt(2), p.IntervalCount)
	assert.Equal(t, types.FlexInt(7), p.TrialPeriodDays)
	assert.Equal(t, types.FlexInt(5), p.ChargeDay)
	assert.Equal(t, "5.00", p.SetupFee.String())
	assert.Equal(t, types.FlexInt(12), p.TotalCount)
	assert.True(t, p.ChargeRetry)
	assert.JSONEq(t, `"Bi-weekly"`, string(p.Extra["name"]))

	for _, step := range []struct {
		call func(context.Context, string) (*zen.Plan, error)
		want zen.PlanStatus
	}{
		{c.Subscriptions.Plans.Activate, zen.PlanActive},
		{c.Subscriptions.Plans.Activate, zen.PlanActive}, // again: same answer
		{c.Subscriptions.Plans.Deactivate, zen.PlanInactive},
		{c.Subscriptions.Plans.Activate, zen.PlanActive},
	} {
		got, err := step.call(ctx, p.ID)
		require.NoError(t, err)
		assert.Equal(t, step.want, got.Status)
		got, err = c.Subscriptions.Plans.Get(ctx, p.ID)
		require.NoError(t, err)
		assert.Equal(t, step.want, got.Status)
	}

	second := subsPlan(t, c, zen.PlanCreateRequest{ProductID: prod.ID})
	page, err := c.Subscriptions.Plans.List(ctx, zen.PlanListParams{ListParams: zen.ListParams{ItemsPerPage: 1, Page: 2}})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, second.ID, page.Data[0].ID)
	var ids []string
	for pl, err := range c.Subscriptions.Plans.All(ctx, zen.PlanListParams{ListParams: zen.ListParams{ItemsPerPage: 1}}) {
		require.NoError(t, err)
		ids = append(ids, pl.ID)
	}
	assert.Equal(t, []string{p.ID, second.ID}, ids)

	// Server-side rules the SDK cannot check.
	_, err = c.Subscriptions.Plans.List(ctx, zen.PlanListParams{ListParams: zen.ListParams{SortBy: "amount"}})
	assert.Contains(t, subsAPIError(t, err, http.StatusBadRequest), "sortBy: must be one of")
	_, err = c.Subscriptions.Plans.Create(ctx, &zen.PlanCreateRequest{
		ProductID: "no-such-product", Amount: types.MustAmount("1.00"), Currency: "EUR", IntervalUnit: zen.IntervalDay, IntervalCount: 1,
	})
	assert.Equal(t, "productId: no product with this id", subsAPIError(t, err, http.StatusBadRequest))
	_, err = c.Subscriptions.Plans.Create(ctx, &zen.PlanCreateRequest{
		ProductID: prod.ID, Amount: types.MustAmount("1.00"), Currency: "EUR", IntervalUnit: "fortnight", IntervalCount: 1,
	})
	assert.Equal(t, "intervalUnit: must be day, week, month or year", subsAPIError(t, err, http.StatusBadRequest))
	subsAPIError(t, c.Subscriptions.Products.Delete(ctx, prod.ID), http.StatusBadRequest)

	// 404s.
	for _, f := range []func(context.Context, string) (*zen.Plan, error){
		c.Subscriptions.Plans.Get, c.Subscriptions.Plans.Activate, c.Subscriptions.Plans.Deactivate,
	} {
		_, err := f(ctx, "no-such-plan")
		subsAPIError(t, err, http.StatusNotFound)
	}

	require.NoError(t, c.Subscriptions.Plans.Delete(ctx, p.ID))
	require.NoError(t, c.Subscriptions.Plans.Delete(ctx, second.ID))
	subsAPIError(t, c.Subscriptions.Plans.Delete(ctx, p.ID), http.StatusNotFound)
	require.NoError(t, c.Subscriptions.Products.Delete(ctx, prod.ID), "no plans left")
}

// subsCardPurchase is a card purchase by customer id that saves the card
// and, with planID, starts a subscription.
func subsCardPurchase(customerID, card, planID string) *zen.PurchaseCreateRequest {
	pd := zen.OneTimePayment{
		Card:       zen.CardDetails{Number: card, ExpiryDate: "1230", CVV: "123"},
		Descriptor: "Gold club",
		SaveCard:   zen.Ptr(true),
		ThreeDSOptions: zen.ThreeDSOptions{BrowserDetails: &zen.BrowserDetails{
			AcceptHeader: "text/html", ColorDepth: "24", Lang: "en-GB", ScreenHeight: "1080", ScreenWidth: "1920",
			Timezone: "0", WindowSize: zen.WindowSizeFullScreen, UserAgent: "Mozilla/5.0",
		}},
	}
	if planID != "" {
		pd.Subscription = &zen.PaymentSubscription{PlanID: planID}
	}
	return subsPurchase(customerID, pd)
}

// subsPurchase is a 10.00 EUR card purchase by customer id.
func subsPurchase(customerID string, pd zen.PaymentSpecificData) *zen.PurchaseCreateRequest {
	return &zen.PurchaseCreateRequest{
		MerchantTransactionID: newMTID(),
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("10.00"),
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{ID: customerID, Email: "member@example.com", IP: "127.0.0.1"},
		PaymentSpecificData:   pd,
	}
}

// subsRecurring charges a saved card for a subscription (subID) or to
// start one (planID).
func subsRecurring(first *types.Transaction, customerID, subID, planID string) *zen.PurchaseCreateRequest {
	return subsPurchase(customerID, zen.RecurringTokenPayment{
		CardToken: first.CardInfo.Token, Descriptor: "Gold club", FirstTransactionID: first.ID,
		SubscriptionID: subID, SubscriptionPlanID: planID,
	})
}

func TestSubscriptionLifecycle(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()
	plan := subsPlan(t, c, zen.PlanCreateRequest{TotalCount: zen.Ptr(2)})
	customer := uuid.NewString()

	// A card purchase naming the plan starts the subscription.
	first, err := c.Purchases.Create(ctx, subsCardPurchase(customer, zentest.CardApproved, plan.ID))
	require.NoError(t, err)
	require.Equal(t, types.StatusAuthorized, first.Status)
	page, err := c.Subscriptions.List(ctx, zen.SubscriptionListParams{})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	sub := page.Data[0]
	assert.Equal(t, plan.ID, sub.PlanID)
	assert.Equal(t, customer, sub.CustomerID)
	assert.Equal(t, "member@example.com", sub.Email)
	assert.Equal(t, zen.SubscriptionActive, sub.Status)
	assert.Equal(t, first.ID, sub.FirstTransactionID)
	assert.Equal(t, "PCL_CARD", sub.PaymentSource)
	assert.Equal(t, first.CardInfo.Token, sub.PaymentSourceID)
	assert.Equal(t, "2025-01-15", sub.StartDate.String())
	assert.Equal(t, "2025-02-15", sub.NextChargeDate.String())
	assert.Equal(t, types.FlexInt(2), *sub.RemainingCount)
	assert.Nil(t, sub.EndDate)

	// Recurring charges move the schedule on until no charge is left.
	clock.Advance(31 * 24 * time.Hour)
	charge, err := c.Purchases.Create(ctx, subsRecurring(first, customer, sub.ID, ""))
	require.NoError(t, err)
	require.Equal(t, types.StatusAuthorized, charge.Status)
	got, err := c.Subscriptions.Get(ctx, sub.ID)
	require.NoError(t, err)
	assert.Equal(t, "2025-03-15", got.NextChargeDate.String())
	assert.Equal(t, types.FlexInt(1), *got.RemainingCount)
	assert.Equal(t, clock.Now(), got.UpdatedAt)

	// A declined charge changes nothing.
	declined := subsRecurring(first, customer, sub.ID, "")
	declined.Amount = types.MustAmount("10.99") // .99 is declined by the fake
	_, err = c.Purchases.Create(ctx, declined)
	require.NoError(t, err)
	got, err = c.Subscriptions.Get(ctx, sub.ID)
	require.NoError(t, err)
	assert.Equal(t, types.FlexInt(1), *got.RemainingCount)

	_, err = c.Purchases.Create(ctx, subsRecurring(first, customer, sub.ID, plan.ID))
	require.NoError(t, err)
	got, err = c.Subscriptions.Get(ctx, sub.ID)
	require.NoError(t, err)
	assert.Equal(t, types.FlexInt(0), *got.RemainingCount)
	assert.Nil(t, got.NextChargeDate)
	_, err = c.Purchases.Create(ctx, subsRecurring(first, customer, sub.ID, ""))
	assert.Equal(t, "paymentSpecificData.subscriptionId: the subscription has no charges left", subsAPIError(t, err, http.StatusBadRequest))

	// Cancel (twice: same answer), then charges are refused.
	for range 2 {
		got, err = c.Subscriptions.Cancel(ctx, sub.ID)
		require.NoError(t, err)
		assert.Equal(t, zen.SubscriptionCanceled, got.Status)
		assert.Equal(t, "2025-02-15", got.EndDate.String())
		assert.NotEmpty(t, got.CancelReason)
	}
	_, err = c.Purchases.Create(ctx, subsRecurring(first, customer, sub.ID, ""))
	assert.Equal(t, "paymentSpecificData.subscriptionId: the subscription is canceled", subsAPIError(t, err, http.StatusBadRequest))

	// recurring_token with subscriptionPlanId starts a second subscription.
	second, err := c.Purchases.Create(ctx, subsRecurring(first, customer, "", plan.ID))
	require.NoError(t, err)
	var subs []zen.Subscription
	for s, err := range c.Subscriptions.All(ctx, zen.SubscriptionListParams{ListParams: zen.ListParams{ItemsPerPage: 1}}) {
		require.NoError(t, err)
		subs = append(subs, s)
	}
	require.Len(t, subs, 2)
	assert.Equal(t, second.ID, subs[1].FirstTransactionID)
	assert.Equal(t, "2025-02-15", subs[1].StartDate.String())

	// A plan with an active subscription cannot go; the subscription can.
	subsAPIError(t, c.Subscriptions.Plans.Delete(ctx, plan.ID), http.StatusBadRequest)
	require.NoError(t, c.Subscriptions.Delete(ctx, subs[1].ID))
	for _, f := range []func(context.Context, string) (*zen.Subscription, error){c.Subscriptions.Get, c.Subscriptions.Cancel} {
		_, err = f(ctx, subs[1].ID)
		subsAPIError(t, err, http.StatusNotFound)
	}
	subsAPIError(t, c.Subscriptions.Delete(ctx, subs[1].ID), http.StatusNotFound)
	require.NoError(t, c.Subscriptions.Plans.Delete(ctx, plan.ID), "only a canceled subscription left")
}

func TestSubscriptionPurchaseRules(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	plan := subsPlan(t, c, zen.PlanCreateRequest{})
	customer := uuid.NewString()
	first, err := c.Purchases.Create(ctx, subsCardPurchase(customer, zentest.CardApproved, ""))
	require.NoError(t, err)
	noSubs := func() {
		t.Helper()
		page, err := c.Subscriptions.List(ctx, zen.SubscriptionListParams{})
		require.NoError(t, err)
		assert.Empty(t, page.Data)
	}

	// Refused purchases: nothing is created.
	before := len(srv.Transactions())
	_, err = c.Purchases.Create(ctx, subsRecurring(first, customer, "", "no-such-plan"))
	assert.Equal(t, "paymentSpecificData.subscriptionPlanId: no plan with this id", subsAPIError(t, err, http.StatusBadRequest))
	_, err = c.Purchases.Create(ctx, subsRecurring(first, customer, "no-such-subscription", ""))
	assert.Equal(t, "paymentSpecificData.subscriptionId: no subscription with this id", subsAPIError(t, err, http.StatusBadRequest))
	pln := subsCardPurchase(customer, zentest.CardApproved, plan.ID)
	pln.Currency = "PLN"
	_, err = c.Purchases.Create(ctx, pln)
	assert.Equal(t, "currency: must be the plan's currency EUR", subsAPIError(t, err, http.StatusBadRequest))
	_, err = c.Purchases.Create(ctx, subsCardPurchase("", zentest.CardApproved, plan.ID))
	assert.Equal(t, "customer.id: is required to start a subscription", subsAPIError(t, err, http.StatusBadRequest))
	_, err = c.Subscriptions.Plans.Deactivate(ctx, plan.ID)
	require.NoError(t, err)
	_, err = c.Purchases.Create(ctx, subsCardPurchase(customer, zentest.CardApproved, plan.ID))
	assert.Equal(t, "paymentSpecificData.subscription.planId: the plan is not active", subsAPIError(t, err, http.StatusBadRequest))
	assert.Len(t, srv.Transactions(), before)
	_, err = c.Subscriptions.Plans.Activate(ctx, plan.ID)
	require.NoError(t, err)

	// A declined first payment starts nothing.
	tx, err := c.Purchases.Create(ctx, subsCardPurchase(customer, zentest.CardDeclined, plan.ID))
	require.NoError(t, err)
	require.Equal(t, types.StatusRejected, tx.Status)
	noSubs()

	// 3-D Secure: the subscription starts once the buyer pays.
	tx, err = c.Purchases.Create(ctx, subsCardPurchase(customer, zentest.Card3DS, plan.ID))
	require.NoError(t, err)
	require.Equal(t, types.StatusPending, tx.Status)
	noSubs()
	res := send(t, mustPost(t, tx.MerchantAction.RedirectURL+"/pay"))
	require.Less(t, res.Status, 400, "%s", res.Body)
	page, err := c.Subscriptions.List(ctx, zen.SubscriptionListParams{})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, tx.ID, page.Data[0].FirstTransactionID)

	// The test control.
	s, err := srv.CreateSubscription(plan.ID, types.TransactionCustomer{ID: "cus-1", Email: "c@example.com"})
	require.NoError(t, err)
	assert.Equal(t, zen.SubscriptionActive, s.Status)
	assert.Equal(t, "cus-1", s.CustomerID)
	got, err := c.Subscriptions.Get(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, s.PlanID, got.PlanID)
	_, err = srv.CreateSubscription("no-such-plan", types.TransactionCustomer{})
	assert.Error(t, err)
}

func mustPost(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, nil)
	require.NoError(t, err)
	return req
}

// The subscription objects the fake writes decode without leftovers into
// the SDK's types (no member lands in Extra).
func TestSubscriptionShapesMatchSDK(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	plan := subsPlan(t, c, zen.PlanCreateRequest{SetupFee: zen.Ptr(types.MustAmount("1.00")), ChargeDay: zen.Ptr(3)})
	s, err := srv.CreateSubscription(plan.ID, types.TransactionCustomer{ID: "cus-1", Email: "c@example.com"})
	require.NoError(t, err)
	for _, path := range []string{"/v1/subscriptions/products", "/v1/subscriptions/plans", "/v1/subscriptions"} {
		r := call(t, srv, "GET", path, nil)
		require.Equal(t, http.StatusOK, r.Status)
		var page struct{ Data []json.RawMessage }
		require.NoError(t, json.Unmarshal(r.Body, &page))
		require.Len(t, page.Data, 1)
		var extra map[string]json.RawMessage
		switch path {
		case "/v1/subscriptions/products":
			var p zen.Product
			require.NoError(t, json.Unmarshal(page.Data[0], &p))
			extra = p.Extra
		case "/v1/subscriptions/plans":
			var p zen.Plan
			require.NoError(t, json.Unmarshal(page.Data[0], &p))
			extra = p.Extra
		default:
			var p zen.Subscription
			require.NoError(t, json.Unmarshal(page.Data[0], &p))
			extra = p.Extra
			assert.Equal(t, s.ID, p.ID)
		}
		assert.Empty(t, extra, path)
	}
	assert.True(t, errors.Is(c.Subscriptions.Delete(context.Background(), ""), zen.ErrValidation))
}

// Purchases racing for the last charge of a subscription: the check and
// the purchase happen under one lock, so exactly one gets through.
func TestSubscriptionLastChargeRace(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	plan := subsPlan(t, c, zen.PlanCreateRequest{TotalCount: zen.Ptr(1)})
	customer := uuid.NewString()
	first, err := c.Purchases.Create(ctx, subsCardPurchase(customer, zentest.CardApproved, ""))
	require.NoError(t, err)
	sub, err := srv.CreateSubscription(plan.ID, types.TransactionCustomer{ID: customer, Email: "member@example.com"})
	require.NoError(t, err)

	const n = 16
	errs := make(chan error, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			_, err := c.Purchases.Create(ctx, subsRecurring(first, customer, sub.ID, ""))
			errs <- err
		}()
	}
	close(start)
	ok := 0
	for range n {
		if err := <-errs; err == nil {
			ok++
		} else {
			assert.Equal(t, "paymentSpecificData.subscriptionId: the subscription has no charges left", subsAPIError(t, err, http.StatusBadRequest))
		}
	}
	assert.Equal(t, 1, ok, "purchases charging the one charge left")
}
