package zen

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// listCases returns the rows of a List method and its All iterator: both
// must send the paging query and decode the one-item page (a short page,
// so the iterator stops after it).
func listCases[T any](list, all, path, page string,
	listCall func(context.Context, *Client) (*types.Page[T], error),
	allCall func(context.Context, *Client) iter.Seq2[T, error],
	assertItem func(*testing.T, *T),
) []svcCase {
	want := wantRequest{Method: http.MethodGet, Path: path, Query: pagingQuery}
	return []svcCase{
		{
			method: list, want: want, status: 200, resp: page,
			call: func(ctx context.Context, c *Client) (any, error) { return listCall(ctx, c) },
			check: func(t *testing.T, got any) {
				pg := got.(*types.Page[T])
				require.Len(t, pg.Data, 1)
				assertItem(t, &pg.Data[0])
				assert.EqualValues(t, 2, pg.Meta.Page)
				assert.EqualValues(t, 5, pg.Meta.ItemsPerPage)
				assert.Equal(t, types.Desc, pg.Meta.Direction)
			},
		},
		{
			method: all, want: want, status: 200, resp: page,
			call: func(ctx context.Context, c *Client) (any, error) { return collect(allCall(ctx, c)) },
			check: func(t *testing.T, got any) {
				items := got.([]T)
				require.Len(t, items, 1)
				assertItem(t, &items[0])
			},
		},
	}
}

const (
	productJSON = `{"url":"https://shop.example/gold","id":"6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f","merchantId":"M-1",
		"shopId":17,"terminalId":"T-1","name":"Gold","description":"Gold membership","type":"service","status":"verified",
		"createdAt":"2024-05-01T10:00:00.000Z","updatedAt":"2024-05-02T11:30:00Z","deletedAt":null,"color":"gold"}`
	planJSON = `{"id":"plan-1","productId":"6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f","merchantId":"M-1","shopId":"S-1",
		"terminalId":"T-1","status":true,"trialPeriodDays":14,"chargeDay":5,"setupFee":"1.50","amount":"9.99","currency":"EUR",
		"intervalUnit":"month","intervalCount":1,"totalCount":"12","chargeRetry":true,"createdAt":"2024-05-01T10:00:00Z",
		"updatedAt":"2024-05-01T10:00:00Z","name":"Monthly"}`
	subscriptionJSON = `{"id":"sub-1","planId":"plan-1","merchantId":"M-1","shopId":"S-1","terminalId":"T-1",
		"customerId":"cus-1","externalId":"ext-1","paymentSource":"card","paymentSourceId":"card-1",
		"firstTransactionId":"tx-1","startDate":"2024-05-01","nextChargeDate":"2024-06-01T00:00:00Z",
		"remainingCount":11,"status":"active","email":"ada@example.com","createdAt":"2024-05-01T10:00:00Z",
		"updatedAt":"2024-05-01T10:00:00Z","trial":{"days":14}}`
	pageMeta = `"meta":{"page":"2","itemsPerPage":"5","direction":"desc","sortBy":"createdAt"}`
)

var pagingQuery = "page=2&itemsPerPage=5&direction=desc&sortBy=createdAt"

func assertProduct(t *testing.T, p *Product) {
	t.Helper()
	assert.Equal(t, "6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f", p.ID)
	assert.Equal(t, "https://shop.example/gold", p.URL)
	assert.Equal(t, types.FlexString("17"), p.ShopID)
	assert.Equal(t, "Gold", p.Name)
	assert.Equal(t, ProductTypeService, p.Type)
	assert.Equal(t, ProductVerified, p.Status)
	assert.True(t, p.Type.IsKnown() && p.Status.IsKnown())
	assert.Equal(t, time.Date(2024, 5, 2, 11, 30, 0, 0, time.UTC), p.UpdatedAt)
	assert.Nil(t, p.DeletedAt)
	assert.JSONEq(t, `"gold"`, string(p.Extra["color"]))
}

func assertPlan(t *testing.T, p *Plan) {
	t.Helper()
	assert.Equal(t, "plan-1", p.ID)
	assert.Equal(t, PlanActive, p.Status)
	assert.Equal(t, "9.99", p.Amount.String())
	assert.Equal(t, "1.50", p.SetupFee.String())
	assert.Equal(t, IntervalMonth, p.IntervalUnit)
	assert.EqualValues(t, 1, p.IntervalCount)
	assert.EqualValues(t, 14, p.TrialPeriodDays)
	assert.EqualValues(t, 5, p.ChargeDay)
	assert.EqualValues(t, 12, p.TotalCount)
	assert.True(t, p.ChargeRetry)
	assert.JSONEq(t, `"Monthly"`, string(p.Extra["name"]))
}

func assertSubscription(t *testing.T, s *Subscription) {
	t.Helper()
	assert.Equal(t, "sub-1", s.ID)
	assert.Equal(t, "plan-1", s.PlanID)
	assert.Equal(t, SubscriptionActive, s.Status)
	assert.Equal(t, "2024-05-01", s.StartDate.String())
	assert.Equal(t, "2024-06-01", s.NextChargeDate.String())
	assert.Nil(t, s.EndDate)
	assert.EqualValues(t, 11, *s.RemainingCount)
	assert.Equal(t, "ada@example.com", s.Email)
	assert.JSONEq(t, `{"days":14}`, string(s.Extra["trial"]))
}

// subscriptionCases are the wire rows of SubscriptionService and its
// Products and Plans.
func subscriptionCases() []svcCase {
	paging := ListParams{Page: 2, ItemsPerPage: 5, Direction: types.Desc, SortBy: "createdAt"}
	const pid = "6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f"
	productPage := `{"data":[` + productJSON + `],` + pageMeta + `}`
	planPage := `{"data":[` + planJSON + `],` + pageMeta + `}`
	subPage := `{"data":[` + subscriptionJSON + `],` + pageMeta + `}`
	cases := []svcCase{
		{
			method: "Products.Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Subscriptions.Products.Create(ctx, &ProductCreateRequest{
					Name: "Gold", Description: "Gold membership", Type: ProductTypeService,
					URL: "https://shop.example/gold", Extra: map[string]any{"color": "gold", "name": "ignored"},
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/subscriptions/products",
				Body: `{"name":"Gold","description":"Gold membership","type":"service","url":"https://shop.example/gold","color":"gold"}`},
			status: 201, resp: productJSON,
			check: func(t *testing.T, got any) { assertProduct(t, got.(*Product)) },
		},
		{
			method: "Products.Get",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Subscriptions.Products.Get(ctx, pid)
			},
			want:   wantRequest{Method: http.MethodGet, Path: "/v1/subscriptions/products/" + pid},
			status: 200, resp: productJSON,
			check: func(t *testing.T, got any) { assertProduct(t, got.(*Product)) },
		},
		{
			method: "Products.Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Subscriptions.Products.Update(ctx, pid, &ProductUpdateRequest{Description: Ptr("Gold membership")})
			},
			want:   wantRequest{Method: http.MethodPatch, Path: "/v1/subscriptions/products/" + pid, Body: `{"description":"Gold membership"}`},
			status: 200, resp: productJSON,
			check: func(t *testing.T, got any) { assertProduct(t, got.(*Product)) },
		},
		{
			method: "Products.Delete",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Subscriptions.Products.Delete(ctx, pid)
			},
			want:   wantRequest{Method: http.MethodDelete, Path: "/v1/subscriptions/products/" + pid},
			status: 200, resp: `{"success":true}`,
		},
		{
			method: "Plans.Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Subscriptions.Plans.Create(ctx, &PlanCreateRequest{
					ProductID: pid, Amount: types.MustAmount("9.99"), Currency: "EUR",
					IntervalUnit: IntervalMonth, IntervalCount: 1, TrialPeriodDays: Ptr(14), ChargeDay: Ptr(5),
					SetupFee: Ptr(types.MustAmount("1.50")), TotalCount: Ptr(12), ChargeRetry: Ptr(true),
					Extra: map[string]any{"name": "Monthly"},
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/subscriptions/plans",
				Body: `{"productId":"` + pid + `","amount":"9.99","currency":"EUR","intervalUnit":"month","intervalCount":1,
					"trialPeriodDays":14,"chargeDay":5,"setupFee":"1.50","totalCount":12,"chargeRetry":true,"name":"Monthly"}`},
			status: 201, resp: planJSON,
			check: func(t *testing.T, got any) { assertPlan(t, got.(*Plan)) },
		},
		{
			method: "Plans.Get", // a plan id's format is not documented: escaped, not refused
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Subscriptions.Plans.Get(ctx, "plan 1/a?b") },
			want:   wantRequest{Method: http.MethodGet, Path: "/v1/subscriptions/plans/plan%201%2Fa%3Fb"},
			status: 200, resp: planJSON,
			check: func(t *testing.T, got any) { assertPlan(t, got.(*Plan)) },
		},
		{
			method: "Plans.Delete",
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Subscriptions.Plans.Delete(ctx, "plan-1")
			},
			want:   wantRequest{Method: http.MethodDelete, Path: "/v1/subscriptions/plans/plan-1"},
			status: 204,
		},
		{
			method: "Plans.Activate",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Subscriptions.Plans.Activate(ctx, "plan-1")
			},
			want:   wantRequest{Method: http.MethodPost, Path: "/v1/subscriptions/plans/plan-1/activate"},
			status: 200, resp: planJSON,
			check: func(t *testing.T, got any) { assertPlan(t, got.(*Plan)) },
		},
		{
			method: "Plans.Deactivate",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Subscriptions.Plans.Deactivate(ctx, "plan-1")
			},
			want:   wantRequest{Method: http.MethodPost, Path: "/v1/subscriptions/plans/plan-1/deactivate"},
			status: 200, resp: strings.Replace(planJSON, `"status":true`, `"status":false`, 1),
			check: func(t *testing.T, got any) { assert.Equal(t, PlanInactive, got.(*Plan).Status) },
		},
		{
			method: "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Subscriptions.Get(ctx, "sub-1") },
			want:   wantRequest{Method: http.MethodGet, Path: "/v1/subscriptions/sub-1"},
			status: 200, resp: subscriptionJSON,
			check: func(t *testing.T, got any) { assertSubscription(t, got.(*Subscription)) },
		},
		{
			method: "Delete",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.Subscriptions.Delete(ctx, "sub-1") },
			want:   wantRequest{Method: http.MethodDelete, Path: "/v1/subscriptions/sub-1"},
			status: 200, resp: `{"success":true}`,
		},
		{
			method: "Cancel",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Subscriptions.Cancel(ctx, "sub-1") },
			want:   wantRequest{Method: http.MethodPost, Path: "/v1/subscriptions/sub-1/cancel"},
			status: 200, resp: strings.Replace(subscriptionJSON, `"status":"active"`, `"status":"canceled","cancelReason":"customer asked"`, 1),
			check: func(t *testing.T, got any) {
				s := got.(*Subscription)
				assert.Equal(t, SubscriptionCanceled, s.Status)
				assert.Equal(t, "customer asked", s.CancelReason)
			},
		},
	}
	cases = append(cases, listCases("Products.List", "Products.All", "/v1/subscriptions/products", productPage,
		func(ctx context.Context, c *Client) (*types.Page[Product], error) {
			return c.Subscriptions.Products.List(ctx, ProductListParams{paging})
		},
		func(ctx context.Context, c *Client) iter.Seq2[Product, error] {
			return c.Subscriptions.Products.All(ctx, ProductListParams{paging})
		}, assertProduct)...)
	cases = append(cases, listCases("Plans.List", "Plans.All", "/v1/subscriptions/plans", planPage,
		func(ctx context.Context, c *Client) (*types.Page[Plan], error) {
			return c.Subscriptions.Plans.List(ctx, PlanListParams{paging})
		},
		func(ctx context.Context, c *Client) iter.Seq2[Plan, error] {
			return c.Subscriptions.Plans.All(ctx, PlanListParams{paging})
		}, assertPlan)...)
	cases = append(cases, listCases("List", "All", "/v1/subscriptions", subPage,
		func(ctx context.Context, c *Client) (*types.Page[Subscription], error) {
			return c.Subscriptions.List(ctx, SubscriptionListParams{paging})
		},
		func(ctx context.Context, c *Client) iter.Seq2[Subscription, error] {
			return c.Subscriptions.All(ctx, SubscriptionListParams{paging})
		}, assertSubscription)...)
	return cases
}

func TestSubscriptionDeleteReportsSuccessFalse(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodDelete, Path: "/v1/subscriptions/sub-1"}, 200, `{"success":false}`)
	err := c.Subscriptions.Delete(context.Background(), "sub-1")
	require.ErrorIs(t, err, ErrNotDeleted)
	assert.Contains(t, err.Error(), "success=false")
}

func TestSubscriptionNotFound(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/subscriptions/plans/nope"}, 404, `{"message":"Record Not Found"}`)
	_, err := c.Subscriptions.Plans.Get(context.Background(), "nope")
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Record Not Found", apiErr.Message)
}

func TestSubscriptionValidation(t *testing.T) {
	ctx := context.Background()
	validPlan := func() *PlanCreateRequest {
		return &PlanCreateRequest{ProductID: "p-1", Amount: types.MustAmount("9.99"), Currency: "EUR", IntervalUnit: IntervalMonth, IntervalCount: 1}
	}
	plan := func(mut func(*PlanCreateRequest)) func(c *Client) error {
		return func(c *Client) error {
			r := validPlan()
			mut(r)
			_, err := c.Subscriptions.Plans.Create(ctx, r)
			return err
		}
	}
	product := func(r *ProductCreateRequest) func(c *Client) error {
		return func(c *Client) error { _, err := c.Subscriptions.Products.Create(ctx, r); return err }
	}
	update := func(id string, r *ProductUpdateRequest) func(c *Client) error {
		return func(c *Client) error { _, err := c.Subscriptions.Products.Update(ctx, id, r); return err }
	}
	listProducts := func(p ListParams) func(c *Client) error {
		return func(c *Client) error { _, err := c.Subscriptions.Products.List(ctx, ProductListParams{p}); return err }
	}
	okProduct := ProductCreateRequest{Name: "Gold", Description: "Gold membership", Type: ProductTypeProduct}
	withProduct := func(mut func(*ProductCreateRequest)) *ProductCreateRequest {
		r := okProduct
		mut(&r)
		return &r
	}
	cases := []validationCase{
		{name: "product nil", call: product(nil), field: "request"},
		{name: "product name empty", call: product(withProduct(func(r *ProductCreateRequest) { r.Name = "" })), field: "name"},
		{name: "product name long", call: product(withProduct(func(r *ProductCreateRequest) { r.Name = strings.Repeat("é", 126) })), field: "name"},
		{name: "product desc long", call: product(withProduct(func(r *ProductCreateRequest) { r.Description = strings.Repeat("x", 501) })), field: "description"},
		{name: "product type missing", call: product(withProduct(func(r *ProductCreateRequest) { r.Type = "" })), field: "type"},
		{name: "product type unknown", call: product(withProduct(func(r *ProductCreateRequest) { r.Type = "bundle" })), field: "type"},
		{name: "product url", call: product(withProduct(func(r *ProductCreateRequest) { r.URL = "ftp://x/y" })), field: "url"},
		{name: "update nothing", call: update("6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f", &ProductUpdateRequest{}), field: "request"},
		{name: "update nil", call: update("6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f", nil), field: "request"},
		{name: "update name empty", call: update("6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f", &ProductUpdateRequest{Name: Ptr("")}), field: "name"},
		{name: "update type", call: update("6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f", &ProductUpdateRequest{Type: Ptr(ProductType("x"))}), field: "type"},
		{name: "update id", call: update("", &ProductUpdateRequest{Name: Ptr("Gold")}), field: "id"},
		{name: "list sortBy", call: listProducts(ListParams{SortBy: "name"}), field: "sortBy"},
		{name: "list direction", call: listProducts(ListParams{Direction: "up"}), field: "direction"},
		{name: "list page", call: listProducts(ListParams{Page: -1}), field: "page"},
		{name: "plans itemsPerPage", call: func(c *Client) error {
			_, err := c.Subscriptions.Plans.List(ctx, PlanListParams{ListParams{ItemsPerPage: -5}})
			return err
		}, field: "itemsPerPage"},
		{name: "subscriptions direction", call: func(c *Client) error {
			_, err := c.Subscriptions.List(ctx, SubscriptionListParams{ListParams{Direction: "sideways"}})
			return err
		}, field: "direction"},
		{name: "all products sortBy", call: func(c *Client) error {
			_, err := collect(c.Subscriptions.Products.All(ctx, ProductListParams{ListParams{SortBy: "name"}}))
			return err
		}, field: "sortBy"},
		{name: "plan nil", call: func(c *Client) error { _, err := c.Subscriptions.Plans.Create(ctx, nil); return err }, field: "request"},
		{name: "plan product", call: plan(func(r *PlanCreateRequest) { r.ProductID = "" }), field: "productId"},
		{name: "plan amount", call: plan(func(r *PlanCreateRequest) { r.Amount = types.Amount{} }), field: "amount"},
		{name: "plan negative", call: plan(func(r *PlanCreateRequest) { r.Amount = types.MustAmount("-1") }), field: "amount"},
		{name: "plan currency", call: plan(func(r *PlanCreateRequest) { r.Currency = "eur" }), field: "currency"},
		{name: "plan interval unit", call: plan(func(r *PlanCreateRequest) { r.IntervalUnit = "" }), field: "intervalUnit"},
		{name: "plan interval count", call: plan(func(r *PlanCreateRequest) { r.IntervalCount = 0 }), field: "intervalCount"},
		{name: "plan trial", call: plan(func(r *PlanCreateRequest) { r.TrialPeriodDays = Ptr(-1) }), field: "trialPeriodDays"},
		{name: "plan charge day", call: plan(func(r *PlanCreateRequest) { r.ChargeDay = Ptr(32) }), field: "chargeDay"},
		{name: "plan charge day 0", call: plan(func(r *PlanCreateRequest) { r.ChargeDay = Ptr(0) }), field: "chargeDay"},
		{name: "plan total", call: plan(func(r *PlanCreateRequest) { r.TotalCount = Ptr(-1) }), field: "totalCount"},
		{name: "plan setup fee", call: plan(func(r *PlanCreateRequest) { r.SetupFee = Ptr(types.MustAmount("-2")) }), field: "setupFee"},
	}
	for _, ids := range []struct {
		name string
		call func(c *Client, id string) error
	}{
		{"GetProduct", func(c *Client, id string) error { _, err := c.Subscriptions.Products.Get(ctx, id); return err }},
		{"DeleteProduct", func(c *Client, id string) error { return c.Subscriptions.Products.Delete(ctx, id) }},
		{"GetPlan", func(c *Client, id string) error { _, err := c.Subscriptions.Plans.Get(ctx, id); return err }},
		{"DeletePlan", func(c *Client, id string) error { return c.Subscriptions.Plans.Delete(ctx, id) }},
		{"ActivatePlan", func(c *Client, id string) error { _, err := c.Subscriptions.Plans.Activate(ctx, id); return err }},
		{"DeactivatePlan", func(c *Client, id string) error { _, err := c.Subscriptions.Plans.Deactivate(ctx, id); return err }},
		{"Get", func(c *Client, id string) error { _, err := c.Subscriptions.Get(ctx, id); return err }},
		{"Delete", func(c *Client, id string) error { return c.Subscriptions.Delete(ctx, id) }},
		{"Cancel", func(c *Client, id string) error { _, err := c.Subscriptions.Cancel(ctx, id); return err }},
	} {
		call := ids.call
		cases = append(cases,
			validationCase{name: ids.name + " empty id", call: func(c *Client) error { return call(c, "") }, field: "id"},
			// ".." survives escaping: DeleteProduct("..") would send DELETE
			// /v1/subscriptions/products/.., which a proxy resolves to the collection.
			validationCase{name: ids.name + " dot-dot id", call: func(c *Client) error { return call(c, "..") }, field: "id"},
			validationCase{name: ids.name + " dot id", call: func(c *Client) error { return call(c, ".") }, field: "id"},
		)
	}
	runValidationCases(t, cases)
}

// productPages serves the products list from a fixed slice of pages
// (1-based, by the page query value) and counts the fetches.
func productPages(pages map[int]string, fetches *atomic.Int32) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		fetches.Add(1)
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		body, ok := pages[page]
		if !ok {
			return httpmock.NewStringResponse(400, `{"message":"no such page"}`), nil
		}
		return httpmock.NewStringResponse(200, body), nil
	}
}

// productsPage renders a page of products with the given ids.
func productsPage(ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = fmt.Sprintf(`{"id":%q,"name":"P %s","description":"d","type":"product","status":"pending"}`, id, id)
	}
	return `{"data":[` + strings.Join(items, ",") + `],"meta":{"itemsPerPage":"2"}}`
}

func productIDs(items []Product) []string {
	out := make([]string, len(items))
	for i, p := range items {
		out[i] = p.ID
	}
	return out
}

func TestAllProductsIterator(t *testing.T) {
	ctx := context.Background()
	params := ProductListParams{ListParams{ItemsPerPage: 2}}
	run := func(t *testing.T, pages map[int]string) (*Client, *atomic.Int32) {
		c, mock := newTestClient(t)
		fetches := &atomic.Int32{}
		mock.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`/v1/subscriptions/products`), productPages(pages, fetches))
		return c, fetches
	}

	t.Run("multi-page", func(t *testing.T) {
		c, fetches := run(t, map[int]string{1: productsPage("a", "b"), 2: productsPage("c", "d"), 3: productsPage("e")})
		items, err := collect(c.Subscriptions.Products.All(ctx, params))
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "b", "c", "d", "e"}, productIDs(items))
		assert.EqualValues(t, 3, fetches.Load(), "a short page is the last one")
		assert.Equal(t, 0, params.Page, "caller's params are not changed")
	})

	t.Run("early break fetches nothing more", func(t *testing.T) {
		c, fetches := run(t, map[int]string{1: productsPage("a", "b"), 2: productsPage("c", "d")})
		for p, err := range c.Subscriptions.Products.All(ctx, params) {
			require.NoError(t, err)
			assert.Equal(t, "a", p.ID)
			break
		}
		assert.EqualValues(t, 1, fetches.Load())
	})

	t.Run("repeating page is an error", func(t *testing.T) {
		same := productsPage("a", "b")
		c, fetches := run(t, map[int]string{1: same, 2: same, 3: same})
		items, err := collect(c.Subscriptions.Products.All(ctx, params))
		require.ErrorIs(t, err, ErrRepeatedPage)
		assert.Contains(t, err.Error(), "repeats the previous page")
		assert.Equal(t, []string{"a", "b"}, productIDs(items))
		assert.EqualValues(t, 2, fetches.Load())
	})

	t.Run("error on page 3 is yielded, then the loop stops", func(t *testing.T) {
		c, fetches := run(t, map[int]string{1: productsPage("a", "b"), 2: productsPage("c", "d")})
		var ids []string
		var errs []error
		for p, err := range c.Subscriptions.Products.All(ctx, params) {
			if err != nil {
				errs = append(errs, err)
				continue // the iterator must stop by itself
			}
			ids = append(ids, p.ID)
		}
		assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
		require.Len(t, errs, 1)
		var apiErr *APIError
		require.ErrorAs(t, errs[0], &apiErr)
		assert.Equal(t, 400, apiErr.StatusCode)
		assert.EqualValues(t, 3, fetches.Load())
	})
}

func TestSubscriptionModelsRoundTrip(t *testing.T) {
	for name, tc := range map[string]struct {
		raw string
		v   any
	}{
		"product":      {productJSON, &Product{}},
		"plan":         {strings.Replace(planJSON, `"status":true`, `"status":"active"`, 1), &Plan{}},
		"subscription": {subscriptionJSON, &Subscription{}},
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, json.Unmarshal([]byte(tc.raw), tc.v))
			out, err := json.Marshal(tc.v)
			require.NoError(t, err)
			var again map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(out, &again))
			var orig map[string]json.RawMessage
			require.NoError(t, json.Unmarshal([]byte(tc.raw), &orig))
			for k, v := range orig {
				if string(v) == "null" {
					continue
				}
				assert.Contains(t, again, k, "member %s survives a round trip", k)
			}
		})
	}
}

func TestPlanStatusDecoding(t *testing.T) {
	for raw, want := range map[string]PlanStatus{`true`: PlanActive, `false`: PlanInactive, `"active"`: PlanActive, `"paused"`: "paused", `null`: ""} {
		var s PlanStatus
		require.NoError(t, json.Unmarshal([]byte(raw), &s), raw)
		assert.Equal(t, want, s, raw)
	}
	var s PlanStatus
	var typeErr *json.UnmarshalTypeError
	assert.ErrorAs(t, json.Unmarshal([]byte(`{}`), &s), &typeErr)
	assert.EqualError(t, json.Unmarshal([]byte(`{}`), &s), "zen: plan status: json: cannot unmarshal object into Go value of type string")
	assert.False(t, PlanStatus("paused").IsKnown())
	assert.True(t, IntervalYear.IsKnown())
	assert.False(t, IntervalUnit("fortnight").IsKnown())
	assert.False(t, SubscriptionStatus("frozen").IsKnown())
	assert.False(t, ProductStatus("x").IsKnown())
	assert.False(t, ProductType("x").IsKnown())
}
