package zen

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

const paymentLinkTestID = "0f8fad5b-d9cb-469f-a165-70867728950e"

func validCreatePaymentLink() *PaymentLinkCreateRequest {
	return &PaymentLinkCreateRequest{
		MerchantTransactionID: "order-42",
		Amount:                types.MustAmount("25.00"),
		Currency:              "EUR",
		Customer:              PaymentLinkCustomer{Email: "jane@example.com", FirstName: "Jane", LastName: "Roe"},
		Items: []PaymentLinkItem{
			{Name: "Mug", Price: types.MustAmount("10.00"), Quantity: types.NewQuantity(2)},
			{Name: "Sticker", Price: types.MustAmount("5.00"), Quantity: types.NewQuantity(1)},
		},
		ExpirationDate: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
	}
}

func TestPaymentLinkCreateIsKeyedForRetries(t *testing.T) {
	c, mock := newTestClient(t)
	rec := &recorded{}
	resp, posts := payoutSequence(t, wantRequest{Method: http.MethodPost, Path: "/v1/payment-links", Body: mustJSONString(t, validCreatePaymentLink())},
		rec, [2]any{503, `{}`}, [2]any{201, `{"id":"` + paymentLinkTestID + `","url":"https://x","createdAt":"2025-02-01T09:30:00Z"}`})
	mock.RegisterResponder(http.MethodPost, testBase+"/v1/payment-links", resp)
	out, err := c.PaymentLinks.Create(context.Background(), validCreatePaymentLink())
	require.NoError(t, err)
	assert.Equal(t, paymentLinkTestID, out.ID)
	assert.EqualValues(t, 2, posts.Load(), "a 503 is retried because merchantTransactionId keys the request")
	ids := rec.IDs()
	require.Len(t, ids, 2)
	assert.Equal(t, ids[0], ids[1])
}

// paymentLinkDoc is a listed payment link with every documented member, an
// object amount and members the SDK does not model.
const paymentLinkDoc = `{
	"id": "0f8fad5b-d9cb-469f-a165-70867728950e",
	"url": "https://secure.zen.com/pbl/0f8fad5b-d9cb-469f-a165-70867728950e",
	"amount": {"amount": "25.00", "currency": "EUR", "precision": 2},
	"customer": {"email": "jane@example.com", "firstName": "Jane", "lastName": "Roe", "phone": "+48123"},
	"items": [{"name": "Mug", "price": "10.00", "quantity": 2}, {"name": "Sticker", "price": {"value": "5.00"}, "quantity": "1", "sku": "S-1"}],
	"merchant": {"id": "M-1", "name": "Shop"},
	"expirationDate": "2025-03-01T12:00:00Z",
	"status": "PAYMENT_STARTED",
	"createdAt": "2025-02-01T09:30:00.250Z",
	"hidden": false,
	"language": "pl"
}`

func assertPaymentLinkDoc(t *testing.T, pl PaymentLink) {
	t.Helper()
	assert.Equal(t, paymentLinkTestID, pl.ID)
	assert.Equal(t, "https://secure.zen.com/pbl/"+paymentLinkTestID, pl.URL)
	require.NotNil(t, pl.Amount)
	assert.Equal(t, "25.00", pl.Amount.Amount.String())
	assert.Equal(t, "EUR", pl.Amount.Currency)
	assert.JSONEq(t, `2`, string(pl.Amount.Extra["precision"]))
	require.NotNil(t, pl.Customer)
	assert.Equal(t, "jane@example.com", pl.Customer.Email)
	assert.Equal(t, "Roe", pl.Customer.LastName)
	assert.JSONEq(t, `"+48123"`, string(pl.Customer.Extra["phone"]))
	require.Len(t, pl.Items, 2)
	assert.Equal(t, "Mug", pl.Items[0].Name)
	assert.Equal(t, "10.00", pl.Items[0].Price.String())
	assert.Equal(t, types.NewQuantity(2), pl.Items[0].Quantity)
	assert.True(t, pl.Items[1].Price.IsZero(), "an object price is not an amount")
	assert.JSONEq(t, `{"value": "5.00"}`, string(pl.Items[1].Extra["price"]), "and is kept as sent")
	assert.Equal(t, types.NewQuantity(1), pl.Items[1].Quantity)
	assert.JSONEq(t, `"S-1"`, string(pl.Items[1].Extra["sku"]))
	assert.JSONEq(t, `{"id": "M-1", "name": "Shop"}`, string(pl.Merchant))
	assert.Equal(t, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), *pl.ExpirationDate)
	assert.Equal(t, PaymentLinkPaymentStarted, pl.Status)
	assert.True(t, pl.Status.IsKnown())
	assert.Equal(t, time.Date(2025, 2, 1, 9, 30, 0, 250e6, time.UTC), *pl.CreatedAt)
	require.NotNil(t, pl.Hidden)
	assert.False(t, *pl.Hidden)
	assert.JSONEq(t, `"pl"`, string(pl.Extra["language"]))
}

func TestPaymentLinkListShowHiddenFalse(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/payment-links", Query: "showHidden=false"},
		http.StatusOK, `{"data":[],"meta":{}}`)
	pg, err := c.PaymentLinks.List(context.Background(), PaymentLinkListParams{ShowHidden: Ptr(false)})
	require.NoError(t, err)
	assert.Empty(t, pg.Data)
}

func TestPaymentLinkGetNotFound(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/payment-links/" + paymentLinkTestID}, http.StatusNotFound, `{"message":"Record Not Found"}`)
	pl, err := c.PaymentLinks.Get(context.Background(), paymentLinkTestID)
	assert.Nil(t, pl)
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestPaymentLinkUpdateWithoutBody(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodPatch, Path: "/v1/payment-links/" + paymentLinkTestID, Body: `{"hidden":true}`},
		http.StatusNoContent, "")
	pl, err := c.PaymentLinks.Update(context.Background(), paymentLinkTestID, &PaymentLinkUpdateRequest{Hidden: Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, PaymentLink{}, *pl)
}

func TestPaymentLinkStatusIsKnown(t *testing.T) {
	for _, s := range []PaymentLinkStatus{PaymentLinkNew, PaymentLinkRegistered, PaymentLinkExpired,
		PaymentLinkPaymentStarted, PaymentLinkPaymentProcessed, PaymentLinkPaymentRejected} {
		assert.True(t, s.IsKnown(), s)
	}
	assert.False(t, PaymentLinkStatus("ARCHIVED").IsKnown())
}

func TestPaymentLinkValidation(t *testing.T) {
	ctx := context.Background()
	create := func(mut func(*PaymentLinkCreateRequest)) func(*Client) error {
		return func(c *Client) error {
			r := validCreatePaymentLink()
			mut(r)
			return errOf(c.PaymentLinks.Create(ctx, r))
		}
	}
	exp := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	runValidationCases(t, []validationCase{
		{name: "create nil", call: func(c *Client) error { return errOf(c.PaymentLinks.Create(ctx, nil)) }, field: "request"},
		{name: "create mtid", call: create(func(r *PaymentLinkCreateRequest) { r.MerchantTransactionID = "" }), field: "merchantTransactionId"},
		{name: "create mtid pattern", call: create(func(r *PaymentLinkCreateRequest) { r.MerchantTransactionID = "a<b" }), field: "merchantTransactionId"},
		{name: "create amount", call: create(func(r *PaymentLinkCreateRequest) { r.Amount = types.Amount{} }), field: "amount"},
		{name: "create currency", call: create(func(r *PaymentLinkCreateRequest) { r.Currency = "" }), field: "currency"},
		{name: "create email", call: create(func(r *PaymentLinkCreateRequest) { r.Customer.Email = "" }), field: "customer.email"},
		{name: "create first name", call: create(func(r *PaymentLinkCreateRequest) { r.Customer.FirstName = "" }), field: "customer.firstName"},
		{name: "create last name", call: create(func(r *PaymentLinkCreateRequest) { r.Customer.LastName = strings.Repeat("x", 129) }), field: "customer.lastName"},
		{name: "create no items", call: create(func(r *PaymentLinkCreateRequest) { r.Items = nil }), field: "items"},
		{name: "create item name", call: create(func(r *PaymentLinkCreateRequest) { r.Items[1].Name = "" }), field: "items[1].name"},
		{name: "create item price", call: create(func(r *PaymentLinkCreateRequest) { r.Items[0].Price = types.Amount{} }), field: "items[0].price"},
		{name: "create item quantity", call: create(func(r *PaymentLinkCreateRequest) { r.Items[0].Quantity = types.Quantity{} }), field: "items[0].quantity"},
		{name: "create expiration", call: create(func(r *PaymentLinkCreateRequest) { r.ExpirationDate = time.Time{} }), field: "expirationDate"},
		{name: "list currency", call: func(c *Client) error {
			return errOf(c.PaymentLinks.List(ctx, PaymentLinkListParams{Currency: "eur"}))
		}, field: "currency"},
		{name: "list page", call: func(c *Client) error {
			return errOf(c.PaymentLinks.List(ctx, PaymentLinkListParams{ItemsPerPage: -1}))
		}, field: "itemsPerPage"},
		{name: "list dates", call: func(c *Client) error {
			return errOf(c.PaymentLinks.List(ctx, PaymentLinkListParams{CreationDateFrom: exp, CreationDateTo: exp.Add(-time.Hour)}))
		}, field: "creationDateTo"},
		{name: "list email", call: func(c *Client) error {
			return errOf(c.PaymentLinks.List(ctx, PaymentLinkListParams{CustomerEmail: strings.Repeat("x", 257)}))
		}, field: "customerEmail"},
		{name: "get empty id", call: func(c *Client) error { return errOf(c.PaymentLinks.Get(ctx, "")) }, field: "id"},
		{name: "get dot id", call: func(c *Client) error { return errOf(c.PaymentLinks.Get(ctx, ".")) }, field: "id"},
		{name: "update empty id", call: func(c *Client) error {
			return errOf(c.PaymentLinks.Update(ctx, "", &PaymentLinkUpdateRequest{Hidden: Ptr(true)}))
		}, field: "id"},
		{name: "update nil", call: func(c *Client) error {
			return errOf(c.PaymentLinks.Update(ctx, paymentLinkTestID, nil))
		}, field: "request"},
		{name: "update nothing", call: func(c *Client) error {
			return errOf(c.PaymentLinks.Update(ctx, paymentLinkTestID, &PaymentLinkUpdateRequest{}))
		}, field: "request"},
		{name: "update zero expiration", call: func(c *Client) error {
			return errOf(c.PaymentLinks.Update(ctx, paymentLinkTestID, &PaymentLinkUpdateRequest{ExpirationDate: &time.Time{}}))
		}, field: "expirationDate"},
	})
}

// plPage is a payment-links page of itemsPerPage 2 holding links with the
// given ids.
func plPage(page int, ids ...string) string {
	data := make([]string, len(ids))
	for i, id := range ids {
		data[i] = fmt.Sprintf(`{"id":%q,"status":"NEW","amount":{"amount":"1.00","currency":"EUR"}}`, id)
	}
	return fmt.Sprintf(`{"data":[%s],"meta":{"itemsPerPage":"2","page":"%d"}}`, strings.Join(data, ","), page)
}

func TestPaymentLinkAll(t *testing.T) {
	params := PaymentLinkListParams{Status: PaymentLinkNew, ItemsPerPage: 2}
	all := func(p PaymentLinkListParams) func(*Client) iter.Seq2[PaymentLink, error] {
		return func(c *Client) iter.Seq2[PaymentLink, error] { return c.PaymentLinks.All(context.Background(), p) }
	}
	two := PaymentLinkListParams{ItemsPerPage: 2}
	runWalks(t, "/v1/payment-links", func(l PaymentLink) string { return l.ID }, []walkCase[PaymentLink]{
		{"walks every page until a short one", all(params), []pagedAnswer{
			{"status=NEW&itemsPerPage=2", 200, plPage(1, "a", "b")},
			{"status=NEW&page=2&itemsPerPage=2", 200, plPage(2, "c", "d")},
			{"status=NEW&page=3&itemsPerPage=2", 200, plPage(3, "e")},
		}, []string{"a", "b", "c", "d", "e"}, ""},
		{"a full last page is followed by an empty one", all(PaymentLinkListParams{Page: 4, ItemsPerPage: 2}), []pagedAnswer{
			{"page=4&itemsPerPage=2", 200, plPage(4, "a", "b")},
			{"page=5&itemsPerPage=2", 200, plPage(5)},
		}, []string{"a", "b"}, ""},
		{"a repeated page stops with an error", all(two), []pagedAnswer{
			{"itemsPerPage=2", 200, plPage(1, "a", "b")},
			{"page=2&itemsPerPage=2", 200, plPage(1, "a", "b")}, // a server ignoring page
		}, []string{"a", "b"}, "repeats the previous page"},
		{"an error on page 3 is yielded, then iteration stops", all(two), []pagedAnswer{
			{"itemsPerPage=2", 200, plPage(1, "a", "b")},
			{"page=2&itemsPerPage=2", 200, plPage(2, "c", "d")},
			{"page=3&itemsPerPage=2", 401, `{"message":"Unauthorized"}`},
		}, []string{"a", "b", "c", "d"}, "401 Unauthorized"},
	})
}

func TestPaymentLinkAllEarlyBreakFetchesNoMore(t *testing.T) {
	c, mock := newTestClient(t)
	calls := expectPages(t, mock, "/v1/payment-links", pagedAnswer{"itemsPerPage=2", 200, plPage(1, "a", "b")})
	n := 0
	for l, err := range c.PaymentLinks.All(context.Background(), PaymentLinkListParams{ItemsPerPage: 2}) {
		require.NoError(t, err)
		n++
		if l.ID == "b" {
			break
		}
	}
	assert.Equal(t, 2, n)
	assert.EqualValues(t, 1, calls.Load(), "breaking at the end of a full page fetches nothing more")
}

// paymentLinkCases are the wire rows of PaymentLinkService.
func paymentLinkCases() []svcCase {
	params := PaymentLinkListParams{
		Page:             2,
		ItemsPerPage:     20,
		CustomerEmail:    "jane+shop@example.com",
		Status:           PaymentLinkPaymentStarted,
		Currency:         "EUR",
		CreationDateFrom: time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600)),
		CreationDateTo:   time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		ShowHidden:       Ptr(true),
	}
	list := wantRequest{Method: http.MethodGet, Path: "/v1/payment-links",
		Query: "customerEmail=jane%2Bshop%40example.com&status=PAYMENT_STARTED&currency=EUR" +
			"&creationDateFrom=2025-01-01T00%3A00%3A00%2B01%3A00&creationDateTo=2025-02-01T00%3A00%3A00Z" +
			"&showHidden=true&page=2&itemsPerPage=20"}
	page := `{"data":[` + paymentLinkDoc + `],"meta":{"itemsPerPage":"20","page":"2","direction":"asc","sortBy":"createdAt"}}`
	cases := []svcCase{
		{
			method: "Create",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.PaymentLinks.Create(ctx, validCreatePaymentLink())
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/payment-links", Body: `{
				"merchantTransactionId": "order-42", "amount": "25.00", "currency": "EUR",
				"customer": {"email": "jane@example.com", "firstName": "Jane", "lastName": "Roe"},
				"items": [{"name": "Mug", "price": "10.00", "quantity": 2}, {"name": "Sticker", "price": "5.00", "quantity": 1}],
				"expirationDate": "2025-03-01T12:00:00Z"
			}`},
			status: http.StatusCreated,
			resp:   `{"id":"` + paymentLinkTestID + `","url":"https://secure.zen.com/pbl/` + paymentLinkTestID + `","createdAt":"2025-02-01T09:30:00.250Z"}`,
			check: func(t *testing.T, got any) {
				out := got.(*PaymentLinkCreated)
				assert.Equal(t, paymentLinkTestID, out.ID)
				assert.Equal(t, "https://secure.zen.com/pbl/"+paymentLinkTestID, out.URL)
				assert.Equal(t, time.Date(2025, 2, 1, 9, 30, 0, 250e6, time.UTC), out.CreatedAt)
			},
		},
		{
			method: "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.PaymentLinks.List(ctx, params) },
			want:   list, resp: page,
			check: func(t *testing.T, got any) {
				pg := got.(*types.Page[PaymentLink])
				require.Len(t, pg.Data, 1)
				assertPaymentLinkDoc(t, pg.Data[0])
				assert.EqualValues(t, 20, pg.Meta.ItemsPerPage)
				assert.EqualValues(t, 2, pg.Meta.Page)
				assert.Equal(t, "createdAt", pg.Meta.SortBy)
			},
		},
		{
			// One item on a page of 20: the iterator stops after it.
			method: "All",
			call:   func(ctx context.Context, c *Client) (any, error) { return collect(c.PaymentLinks.All(ctx, params)) },
			want:   list, resp: page,
			check: func(t *testing.T, got any) {
				items := got.([]PaymentLink)
				require.Len(t, items, 1)
				assertPaymentLinkDoc(t, items[0])
			},
		},
		{
			method: "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.PaymentLinks.Get(ctx, paymentLinkTestID) },
			want:   wantRequest{Method: http.MethodGet, Path: "/v1/payment-links/" + paymentLinkTestID},
			resp:   paymentLinkDoc,
			check: func(t *testing.T, got any) {
				pl := got.(*PaymentLink)
				assertPaymentLinkDoc(t, *pl)
				again, err := json.Marshal(pl)
				require.NoError(t, err)
				var back PaymentLink
				require.NoError(t, json.Unmarshal(again, &back))
				assertPaymentLinkDoc(t, back)
			},
		},
	}
	exp := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, u := range []struct {
		req  *PaymentLinkUpdateRequest
		body string
	}{
		{&PaymentLinkUpdateRequest{ExpirationDate: &exp}, `{"expirationDate":"2025-04-01T00:00:00Z"}`}, // expiration only
		{&PaymentLinkUpdateRequest{Hidden: Ptr(true)}, `{"hidden":true}`},                              // hide
		{&PaymentLinkUpdateRequest{Hidden: Ptr(false)}, `{"hidden":false}`},                            // unhide sends false
		// Extra never replaces a set field.
		{&PaymentLinkUpdateRequest{Hidden: Ptr(true), Extra: map[string]any{"hidden": false, "status": "EXPIRED"}}, `{"hidden":true,"status":"EXPIRED"}`},
		{&PaymentLinkUpdateRequest{Extra: map[string]any{"amount": "30.00"}}, `{"amount":"30.00"}`}, // extra only
	} {
		cases = append(cases, svcCase{
			method: "Update",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.PaymentLinks.Update(ctx, paymentLinkTestID, u.req)
			},
			want:  wantRequest{Method: http.MethodPatch, Path: "/v1/payment-links/" + paymentLinkTestID, Body: u.body},
			resp:  paymentLinkDoc,
			check: func(t *testing.T, got any) { assertPaymentLinkDoc(t, *got.(*PaymentLink)) },
		})
	}
	return cases
}
