package zen

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// drainSeq ranges over seq to its end, unlike collect it keeps asking for
// values after an error, so a test sees whether the iterator stops by
// itself; it returns every item and every error yielded.
func drainSeq[T any](seq iter.Seq2[T, error]) ([]T, []error) {
	var items []T
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
	}
	return items, errs
}

// pmPage is a /v3/terminals page with one method per channel name; hasMore
// is left out when nil.
func pmPage(offset int, hasMore *bool, channels ...string) string {
	data := make([]string, len(channels))
	for i, ch := range channels {
		data[i] = fmt.Sprintf(`{"paymentMethod":"PME_%s","paymentMethodName":%q,"paymentChannels":[{"paymentChannel":"PCL_%s",
			"currencies":["EUR"],"cryptoCurrencies":[],"cardOrganizations":[],"lastUsed":false,"hasAuthorizationFee":false,"hasCashback":false}]}`, ch, ch, ch)
	}
	meta := fmt.Sprintf(`"limit":2,"offset":%d,"direction":"asc"`, offset)
	if hasMore != nil {
		meta += fmt.Sprintf(`,"hasMore":%t`, *hasMore)
	}
	return `{"meta":{` + meta + `},"data":[` + strings.Join(data, ",") + `]}`
}

const v3TerminalsDoc = `{
	"meta": {"limit": 100, "offset": 0, "direction": "asc", "hasMore": false, "currencies": ["EUR", "PLN", "USD"]},
	"data": [
		{"paymentMethod": "PME_CARD", "paymentMethodName": "Card", "methodLogoUrl": "https://www.zen.com/card.svg",
		 "paymentChannels": [
			{"paymentChannel": "PCL_APPLEPAY", "paymentChannelName": "Apple Pay", "currencies": ["EUR", "PLN"],
			 "cryptoCurrencies": [], "cardOrganizations": [], "channelLogoUrl": "https://www.zen.com/applepay.svg",
			 "lastUsed": false, "hasAuthorizationFee": false, "hasCashback": false},
			{"paymentChannel": "PCL_CARD", "paymentChannelName": "Card", "currencies": ["EUR"],
			 "cryptoCurrencies": ["BTC"], "cardOrganizations": ["COR_VISA", "COR_MASTERCARD", "COR_NEW"],
			 "channelLogoUrl": "https://www.zen.com/card.svg", "lastUsed": true, "hasAuthorizationFee": true,
			 "hasCashback": true, "minAmount": "1.00"}
		 ],
		 "sortOrder": 3}
	]
}`

func TestPaymentMethodsListWithoutFilters(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v3/terminals"}, http.StatusOK, `{"meta":{},"data":[]}`)
	pg, err := c.PaymentMethods.List(context.Background(), PaymentMethodListParams{})
	require.NoError(t, err)
	assert.Empty(t, pg.Data)
}

func TestPaymentMethodsValidation(t *testing.T) {
	cases := []struct {
		name   string
		params PaymentMethodListParams
		field  string
	}{
		{"transaction type", PaymentMethodListParams{TransactionType: "PURCHASE"}, "transactionType"},
		{"amount", PaymentMethodListParams{Amount: types.MustAmount("-1")}, "amount"},
		{"currency", PaymentMethodListParams{Currency: "eur"}, "currency"},
		{"limit", PaymentMethodListParams{Limit: -1}, "limit"},
		{"offset", PaymentMethodListParams{Offset: -5}, "offset"},
	}
	var rows []validationCase
	for _, tc := range cases {
		rows = append(rows,
			validationCase{name: "List " + tc.name, field: tc.field, call: func(c *Client) error {
				return errOf(c.PaymentMethods.List(context.Background(), tc.params))
			}},
			validationCase{name: "All " + tc.name, field: tc.field, call: func(c *Client) error {
				return errOf(collect(c.PaymentMethods.All(context.Background(), tc.params)))
			}})
	}
	runValidationCases(t, rows)
}

// walkCase is one iterator scenario: how the loop walks, the pages the
// server answers in turn, the ids the loop must see and the error it must
// end with ("" for none).
type walkCase[T any] struct {
	name    string
	walk    func(*Client) iter.Seq2[T, error]
	answers []pagedAnswer
	wantIDs []string
	wantErr string
}

// runWalks runs each case against a fresh client without retries (so each
// answer is one fetch): the loop must see exactly wantIDs and at most one
// error, and the server exactly the listed requests.
func runWalks[T any](t *testing.T, path string, id func(T) string, cases []walkCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newTestClient(t, WithMaxRetries(0))
			calls := expectPages(t, mock, path, tc.answers...)
			items, errs := drainSeq(tc.walk(c))
			ids := []string{}
			for _, it := range items {
				ids = append(ids, id(it))
			}
			assert.Equal(t, tc.wantIDs, ids)
			if tc.wantErr == "" {
				assert.Empty(t, errs)
			} else if assert.Len(t, errs, 1) {
				assert.ErrorContains(t, errs[0], tc.wantErr)
			}
			assert.EqualValues(t, len(tc.answers), calls.Load())
		})
	}
}

func TestPaymentMethodsAll(t *testing.T) {
	yes, no := Ptr(true), Ptr(false)
	params := PaymentMethodListParams{Currency: "EUR", Limit: 2}
	all := func(p PaymentMethodListParams) func(*Client) iter.Seq2[PaymentMethodInfo, error] {
		return func(c *Client) iter.Seq2[PaymentMethodInfo, error] {
			return c.PaymentMethods.All(context.Background(), p)
		}
	}
	repeated := pmPage(0, yes, "A", "B") // a server that ignores offset
	runWalks(t, "/v3/terminals", func(m PaymentMethodInfo) string { return string(m.PaymentMethod) }, []walkCase[PaymentMethodInfo]{
		{"walks every page until hasMore is false", all(params), []pagedAnswer{
			{"currency=EUR&limit=2", 200, pmPage(0, yes, "A", "B")},
			{"currency=EUR&limit=2&offset=2", 200, pmPage(2, yes, "C", "D")},
			{"currency=EUR&limit=2&offset=4", 200, pmPage(4, no, "E")},
		}, []string{"PME_A", "PME_B", "PME_C", "PME_D", "PME_E"}, ""},
		{"without hasMore a short page is the last", all(PaymentMethodListParams{Limit: 2, Offset: 10}), []pagedAnswer{
			{"limit=2&offset=10", 200, pmPage(10, nil, "A", "B")},
			{"limit=2&offset=12", 200, pmPage(12, nil, "C")},
		}, []string{"PME_A", "PME_B", "PME_C"}, ""},
		{"a server that ignores offset ends the walk cleanly", all(PaymentMethodListParams{Limit: 2}), []pagedAnswer{
			{"limit=2", 200, repeated},
			{"limit=2&offset=2", 200, repeated},
		}, []string{"PME_A", "PME_B"}, ""},
		{"a meta offset other than the one sent ends the walk cleanly", all(PaymentMethodListParams{Limit: 2, Offset: 2}), []pagedAnswer{
			{"limit=2&offset=2", 200, pmPage(2, yes, "C", "D")},
			{"limit=2&offset=4", 200, pmPage(2, yes, "E", "F")},
		}, []string{"PME_C", "PME_D"}, ""},
		{"an error on page 3 is yielded, then iteration stops", all(PaymentMethodListParams{Limit: 2}), []pagedAnswer{
			{"limit=2", 200, pmPage(0, yes, "A", "B")},
			{"limit=2&offset=2", 200, pmPage(2, yes, "C", "D")},
			{"limit=2&offset=4", 500, `{"message":"boom"}`},
		}, []string{"PME_A", "PME_B", "PME_C", "PME_D"}, "500 Internal Server Error"},
	})
}

func TestPaymentMethodsAllEarlyBreakFetchesNoMore(t *testing.T) {
	c, mock := newTestClient(t)
	calls := expectPages(t, mock, "/v3/terminals", pagedAnswer{"limit=2", 200, pmPage(0, Ptr(true), "A", "B")})
	var seen []string
	for m, err := range c.PaymentMethods.All(context.Background(), PaymentMethodListParams{Limit: 2}) {
		require.NoError(t, err)
		seen = append(seen, string(m.PaymentMethod))
		break
	}
	assert.Equal(t, []string{"PME_A"}, seen)
	assert.EqualValues(t, 1, calls.Load())
}

func TestPaymentMethodsListLegacyRejectsScalarBody(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/terminals"}, http.StatusOK, `"nope"`)
	out, err := c.PaymentMethods.ListLegacy(context.Background(), PaymentMethodListLegacyParams{})
	assert.Nil(t, out)
	assert.ErrorContains(t, err, "want an array or an object")
}

func TestPaymentMethodsListLegacyValidation(t *testing.T) {
	legacy := func(p PaymentMethodListLegacyParams) func(*Client) error {
		return func(c *Client) error { return errOf(c.PaymentMethods.ListLegacy(context.Background(), p)) }
	}
	runValidationCases(t, []validationCase{
		{name: "currency", field: "currency", call: legacy(PaymentMethodListLegacyParams{Currency: "EURO"})},
		{name: "direction", field: "direction", call: legacy(PaymentMethodListLegacyParams{Direction: "up"})},
		{name: "page", field: "page", call: legacy(PaymentMethodListLegacyParams{Page: -1})},
	})
}

// legacyMethodJSON is one method of the /v1/terminals list.
const legacyMethodJSON = `{"active":true,"paymentChannel":"PCL_CARD","paymentChannelLogoUrl":"https://x/card.svg",
	"maintenance":{"from":"2025-01-01T00:00:00Z"},"currencies":["EUR"],"segments":["retail"],"cryptoCurrencies":["BTC"],
	"cashback":[{"type":"PERCENT","value":"1"}],"meta":{"k":"v"},"position":1}`

// assertV3Method checks the one method of v3TerminalsDoc.
func assertV3Method(t *testing.T, m PaymentMethodInfo) {
	t.Helper()
	assert.Equal(t, types.MethodCard, m.PaymentMethod)
	assert.Equal(t, "Card", m.PaymentMethodName)
	assert.Equal(t, "https://www.zen.com/card.svg", m.MethodLogoURL)
	assert.JSONEq(t, `3`, string(m.Extra["sortOrder"]))
	require.Len(t, m.PaymentChannels, 2)
	apple, card := m.PaymentChannels[0], m.PaymentChannels[1]
	assert.Equal(t, types.ChannelApplePay, apple.PaymentChannel)
	assert.Equal(t, "Apple Pay", apple.PaymentChannelName)
	assert.Equal(t, []string{"EUR", "PLN"}, apple.Currencies)
	assert.Empty(t, apple.CryptoCurrencies)
	assert.False(t, apple.LastUsed || apple.HasAuthorizationFee || apple.HasCashback)
	assert.Nil(t, apple.Extra)
	assert.Equal(t, types.ChannelCard, card.PaymentChannel)
	assert.Equal(t, []types.CardOrganization{types.CardOrgVisa, types.CardOrgMastercard, "COR_NEW"}, card.CardOrganizations)
	assert.False(t, card.CardOrganizations[2].IsKnown())
	assert.Equal(t, []string{"BTC"}, card.CryptoCurrencies)
	assert.Equal(t, "https://www.zen.com/card.svg", card.ChannelLogoURL)
	assert.True(t, card.LastUsed && card.HasAuthorizationFee && card.HasCashback)
	assert.JSONEq(t, `"1.00"`, string(card.Extra["minAmount"]))

	// Decoding then encoding loses nothing.
	again, err := json.Marshal(m)
	require.NoError(t, err)
	var doc struct{ Data []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(v3TerminalsDoc), &doc))
	assert.JSONEq(t, string(doc.Data[0]), string(again))
}

// paymentMethodCases are the wire rows of PaymentMethodService.
func paymentMethodCases() []svcCase {
	params := PaymentMethodListParams{
		TransactionType: types.TypePurchase, Amount: types.MustAmount("100.00"), Currency: "EUR", Limit: 100, Offset: 20,
	}
	v3 := wantRequest{Method: http.MethodGet, Path: "/v3/terminals",
		Query: "transactionType=TRT_PURCHASE&amount=100.00&currency=EUR&limit=100&offset=20"}
	v2Params := PaymentMethodListV2Params{
		TransactionType: types.TypePurchase, Amount: types.MustAmount("10.50"), Currency: "EUR",
		Direction: types.Desc, Page: 2, ItemsPerPage: 5,
	}
	v2 := wantRequest{Method: http.MethodGet, Path: "/v2/terminals",
		Query: "amount=10.50&currency=EUR&direction=desc&itemsPerPage=5&page=2&transactionType=TRT_PURCHASE"}
	v2Doc := `{"data":[{"paymentMethod":"PME_CARD","paymentChannels":[{"paymentChannel":"PCL_CARD","currencies":["EUR"]}],"rank":1}],` +
		`"meta":{"page":"2","itemsPerPage":"5","direction":"desc"}}`
	legacy := func(body string, wantMeta bool) svcCase {
		return svcCase{
			method: "ListLegacy",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.PaymentMethods.ListLegacy(ctx, PaymentMethodListLegacyParams{
					Page: 2, ItemsPerPage: 5, Direction: types.Desc, Currency: "EUR",
				})
			},
			want: wantRequest{Method: http.MethodGet, Path: "/v1/terminals", Query: "currency=EUR&page=2&itemsPerPage=5&direction=desc"},
			resp: body,
			check: func(t *testing.T, got any) {
				out := got.(*LegacyPaymentMethods)
				require.Len(t, out.Methods, 1)
				m := out.Methods[0]
				assert.True(t, m.Active)
				assert.Equal(t, types.ChannelCard, m.PaymentChannel)
				assert.Equal(t, "https://x/card.svg", m.PaymentChannelLogoURL)
				assert.JSONEq(t, `{"from":"2025-01-01T00:00:00Z"}`, string(m.Maintenance))
				assert.Equal(t, []string{"EUR"}, m.Currencies)
				assert.Equal(t, []string{"retail"}, m.Segments)
				assert.JSONEq(t, `[{"type":"PERCENT","value":"1"}]`, string(m.Cashback))
				assert.JSONEq(t, `{"k":"v"}`, string(m.Meta))
				assert.JSONEq(t, `1`, string(m.Extra["position"]))
				again, err := json.Marshal(m)
				require.NoError(t, err)
				assert.JSONEq(t, legacyMethodJSON, string(again))
				if wantMeta {
					require.NotNil(t, out.Meta)
					assert.EqualValues(t, 2, out.Meta.Page)
				} else {
					assert.Nil(t, out.Meta)
				}
			},
		}
	}
	return []svcCase{
		{
			method: "List",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.PaymentMethods.List(ctx, params) },
			want:   v3, resp: v3TerminalsDoc,
			check: func(t *testing.T, got any) {
				pg := got.(*types.Page[PaymentMethodInfo])
				assert.EqualValues(t, 100, pg.Meta.Limit)
				assert.EqualValues(t, 0, pg.Meta.Offset)
				assert.Equal(t, types.Asc, pg.Meta.Direction)
				require.NotNil(t, pg.Meta.HasMore)
				assert.False(t, *pg.Meta.HasMore)
				assert.Equal(t, []string{"EUR", "PLN", "USD"}, pg.Meta.Currencies)
				require.Len(t, pg.Data, 1)
				assertV3Method(t, pg.Data[0])
			},
		},
		{
			// hasMore false: the iterator stops after the one page.
			method: "All",
			call:   func(ctx context.Context, c *Client) (any, error) { return collect(c.PaymentMethods.All(ctx, params)) },
			want:   v3, resp: v3TerminalsDoc,
			check: func(t *testing.T, got any) {
				items := got.([]PaymentMethodInfo)
				require.Len(t, items, 1)
				assertV3Method(t, items[0])
			},
		},
		{
			method: "ListV2",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.PaymentMethods.ListV2(ctx, v2Params) },
			want:   v2, resp: v2Doc,
			check: func(t *testing.T, got any) {
				pg := got.(*types.Page[PaymentMethodInfo])
				require.Len(t, pg.Data, 1)
				assert.Equal(t, types.MethodCard, pg.Data[0].PaymentMethod)
				assert.JSONEq(t, `1`, string(pg.Data[0].Extra["rank"]))
				assert.Equal(t, types.FlexInt(2), pg.Meta.Page)
			},
		},
		{
			// One item on a page of five: the iterator stops after it.
			method: "AllV2",
			call: func(ctx context.Context, c *Client) (any, error) {
				return collect(c.PaymentMethods.AllV2(ctx, v2Params))
			},
			want: v2, resp: v2Doc,
			check: func(t *testing.T, got any) {
				items := got.([]PaymentMethodInfo)
				require.Len(t, items, 1)
				assert.Equal(t, types.ChannelCard, items[0].PaymentChannels[0].PaymentChannel)
			},
		},
		legacy(`[`+legacyMethodJSON+`]`, false),                                                // bare array (old specification)
		legacy(`{"data":[`+legacyMethodJSON+`],"meta":{"page":"2","itemsPerPage":"5"}}`, true), // envelope
	}
}
