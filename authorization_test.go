package zen

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// seedReversedResponse is the 200 example of ZEN's API reference page
// "Calculate reversed authorization amount", byte for byte: every value is
// the placeholder "string".
const seedReversedResponse = `{
    "sessionId": "string",
    "merchantTransactionId": "string",
    "data": [
        {
            "paymentMethod": "string",
            "maxFee": "string",
            "channels": [
                {
                    "paymentChannel": "string",
                    "cardOrganizations": [
                        {
                            "cardId": "string",
                            "amount": "string",
                            "currency": "string",
                            "organization": "string",
                            "authorization": {
                                "fee": "string",
                                "amount": "string",
                                "baseAmount": "string",
                                "currency": "string",
                                "rate": "string",
                                "rateExpireAt": "string"
                            }
                        }
                    ],
                    "amount": "string",
                    "currency": "string",
                    "authorization": {
                        "fee": "string",
                        "amount": "string",
                        "baseAmount": "string",
                        "currency": "string",
                        "rate": "string",
                        "rateExpireAt": "string"
                    }
                }
            ]
        }
    ]
}`

// realisticQuote is what a live answer is expected to carry.
const realisticQuote = `{"fee":"0.30","amount":"43.47","baseAmount":"43.17","currency":"PLN","rate":"4.3172916481","rateExpireAt":"2025-07-10T11:43:41.000Z"}`

const calculateResponse = `[{"paymentMethod":"PME_CARD","maxFee":"0.30","channels":[{"paymentChannel":"PCL_CARD",
	"cardOrganizations":[{"organization":"COR_VISA","authorization":` + realisticQuote + `}],"authorization":` + realisticQuote + `}]}]`

const reversedResponse = `{"sessionId":"sess-1","merchantTransactionId":"order-42","data":[{"paymentMethod":"PME_CARD","maxFee":"0.30",
	"channels":[{"paymentChannel":"PCL_CARD","cardOrganizations":[{"cardId":"f16ba382-eb42-481a-b08f-c57bdc9aae24","amount":"10.00",
	"currency":"EUR","organization":"COR_VISA","authorization":` + realisticQuote + `}],"amount":"10.00","currency":"EUR",
	"authorization":` + realisticQuote + `}]}]}`

func assertRealisticQuote(t *testing.T, q *AuthorizationQuote) {
	t.Helper()
	require.NotNil(t, q)
	assert.Equal(t, "0.30", q.Fee.String())
	assert.Equal(t, "43.47", q.Amount.String())
	assert.Equal(t, "43.17", q.BaseAmount.String())
	assert.Equal(t, "PLN", q.Currency)
	assert.Empty(t, q.Unparsed)
	rate, err := q.RateDecimal()
	require.NoError(t, err)
	assert.True(t, rate.Equal(decimal.RequireFromString("4.3172916481")), "rate keeps all its decimals")
	exp, err := q.ExpiresAt()
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 7, 10, 11, 43, 41, 0, time.UTC), exp)
}

// authorizationCases are the wire rows of AuthorizationService.
func authorizationCases() []svcCase {
	target := AuthorizationTarget{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard,
		CardOrganization: types.CardOrgVisa, CardBin: "424242", CardID: "f16ba382-eb42-481a-b08f-c57bdc9aae24"}
	const targetJSON = `{"paymentMethod":"PME_CARD","paymentChannel":"PCL_CARD","cardOrganization":"COR_VISA","cardBin":"424242","cardId":"f16ba382-eb42-481a-b08f-c57bdc9aae24"}`
	cases := []svcCase{
		{
			method: "Calculate",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Authorization.Calculate(ctx, &AuthorizationCalculateRequest{
					MerchantTransactionID: "order-42", Amount: types.MustAmount("10.00"), Currency: "EUR",
					AuthorizationCurrency: "PLN", IP: "127.0.0.1",
					Data: []AuthorizationTarget{target, {PaymentMethod: "PME_BLIK"}},
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/authorization/calculate",
				Body: `{"merchantTransactionId":"order-42","amount":"10.00","currency":"EUR","authorizationCurrency":"PLN",
					"ip":"127.0.0.1","data":[` + targetJSON + `,{"paymentMethod":"PME_BLIK"}]}`},
			status: 200, resp: calculateResponse,
			check: func(t *testing.T, got any) {
				methods := got.([]AuthorizationMethod)
				require.Len(t, methods, 1)
				m := methods[0]
				assert.Equal(t, types.MethodCard, m.PaymentMethod)
				assert.Equal(t, "0.30", m.MaxFee.String())
				require.Len(t, m.Channels, 1)
				ch := m.Channels[0]
				assert.Equal(t, types.ChannelCard, ch.PaymentChannel)
				assert.True(t, ch.Amount.IsZero(), "the forward calculation sends no channel amount")
				assertRealisticQuote(t, ch.Authorization)
				require.Len(t, ch.CardOrganizations, 1)
				assert.Equal(t, types.CardOrgVisa, ch.CardOrganizations[0].Organization)
				assertRealisticQuote(t, ch.CardOrganizations[0].Authorization)
			},
		},
		{
			method: "CalculateReversed",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Authorization.CalculateReversed(ctx, &AuthorizationCalculateReversedRequest{
					SessionID: "sess-1", AuthorizationAmount: types.MustAmount("43.47"), Currency: "EUR",
					AuthorizationCurrency: "PLN", TransactionType: types.TypePurchase, IP: "::1",
					Data: []AuthorizationTarget{target},
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/authorization/calculate/reversed",
				Body: `{"sessionId":"sess-1","authorizationAmount":"43.47","currency":"EUR","authorizationCurrency":"PLN",
					"transactionType":"TRT_PURCHASE","ip":"::1","data":[` + targetJSON + `]}`},
			status: 200, resp: reversedResponse,
			check: func(t *testing.T, got any) {
				r := got.(*ReversedAuthorization)
				assert.Equal(t, "sess-1", r.SessionID)
				assert.Equal(t, "order-42", r.MerchantTransactionID)
				require.Len(t, r.Data, 1)
				ch := r.Data[0].Channels[0]
				assert.Equal(t, "10.00", ch.Amount.String())
				assert.Equal(t, "EUR", ch.Currency)
				assertRealisticQuote(t, ch.Authorization)
				org := ch.CardOrganizations[0]
				assert.Equal(t, "f16ba382-eb42-481a-b08f-c57bdc9aae24", org.CardID)
				assert.Equal(t, "10.00", org.Amount.String())
				assertRealisticQuote(t, org.Authorization)
			},
		},
	}
	return cases
}

// The seed's example sends the placeholder "string" for every member; it
// must decode, with the money fields unset and the text kept in Unparsed.
func TestCalculateReversedDecodesSeedExample(t *testing.T) {
	var r ReversedAuthorization
	require.NoError(t, json.Unmarshal([]byte(seedReversedResponse), &r))
	assert.Equal(t, "string", r.SessionID)
	require.Len(t, r.Data, 1)
	m := r.Data[0]
	assert.True(t, m.MaxFee.IsZero())
	assert.Equal(t, map[string]string{"maxFee": "string"}, m.Unparsed)
	ch := m.Channels[0]
	assert.Equal(t, map[string]string{"amount": "string"}, ch.Unparsed)
	assert.Equal(t, "string", ch.Currency)
	for _, q := range []*AuthorizationQuote{ch.Authorization, ch.CardOrganizations[0].Authorization} {
		require.NotNil(t, q)
		assert.Equal(t, map[string]string{"fee": "string", "amount": "string", "baseAmount": "string"}, q.Unparsed)
		assert.True(t, q.Fee.IsZero() && q.Amount.IsZero() && q.BaseAmount.IsZero())
		assert.Equal(t, "string", q.Rate)
		_, err := q.RateDecimal()
		assert.EqualError(t, err, "can't convert string to decimal")
		_, err = q.ExpiresAt()
		var pe *time.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "string", pe.Value)
	}
	assert.Equal(t, "string", ch.CardOrganizations[0].CardID)
	assert.Equal(t, map[string]string{"amount": "string"}, ch.CardOrganizations[0].Unparsed)

	// The same answer arrives through the client just as well.
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/authorization/calculate/reversed",
		Body: `{"sessionId":"s","authorizationAmount":"1","currency":"EUR","authorizationCurrency":"EUR","data":[{"paymentMethod":"PME_CARD"}]}`},
		200, seedReversedResponse)
	got, err := c.Authorization.CalculateReversed(context.Background(), &AuthorizationCalculateReversedRequest{
		SessionID: "s", AuthorizationAmount: types.MustAmount("1"), Currency: "EUR", AuthorizationCurrency: "EUR",
		Data: []AuthorizationTarget{{PaymentMethod: types.MethodCard}},
	})
	require.NoError(t, err)
	assert.Equal(t, "string", got.MerchantTransactionID)
}

func TestAuthorizationLenientDecodingEdges(t *testing.T) {
	var q AuthorizationQuote
	require.NoError(t, json.Unmarshal([]byte(`{"fee":12.5,"amount":null,"baseAmount":{"x":1},"currency":"EUR"}`), &q))
	assert.Equal(t, "12.5", q.Fee.String(), "numbers are decimals too")
	assert.True(t, q.Amount.IsZero())
	assert.Equal(t, map[string]string{"baseAmount": `{"x":1}`}, q.Unparsed)
	assert.JSONEq(t, `{"x":1}`, string(q.Extra["baseAmount"]), "the unreadable amount is kept raw")
	out, err := json.Marshal(q)
	require.NoError(t, err)
	assert.JSONEq(t, `{"fee":"12.5","amount":null,"baseAmount":{"x":1},"currency":"EUR"}`, string(out))
	// Drift never fails the answer: a number where text is expected is read
	// as its text, and a value that is not an object leaves the quote unset.
	require.NoError(t, json.Unmarshal([]byte(`{"currency":5}`), &q))
	assert.Equal(t, "5", q.Currency)
	require.NoError(t, json.Unmarshal([]byte(`[1]`), &q))
	assert.Equal(t, AuthorizationQuote{}, q)
	var syntaxErr *json.SyntaxError
	assert.ErrorAs(t, json.Unmarshal([]byte(`{"currency":`), &q), &syntaxErr, "invalid JSON still fails")
	var m []AuthorizationMethod
	require.NoError(t, json.Unmarshal([]byte(`null`), &m))
	assert.Nil(t, m)
}

func TestAuthorizationValidation(t *testing.T) {
	ctx := context.Background()
	calc := func(mut func(*AuthorizationCalculateRequest)) func(*Client) error {
		return func(c *Client) error {
			r := &AuthorizationCalculateRequest{MerchantTransactionID: "order-42", Amount: types.MustAmount("10"),
				Currency: "EUR", AuthorizationCurrency: "PLN", Data: []AuthorizationTarget{{PaymentMethod: types.MethodCard}}}
			mut(r)
			_, err := c.Authorization.Calculate(ctx, r)
			return err
		}
	}
	rev := func(mut func(*AuthorizationCalculateReversedRequest)) func(*Client) error {
		return func(c *Client) error {
			r := &AuthorizationCalculateReversedRequest{SessionID: "sess-1", AuthorizationAmount: types.MustAmount("10"),
				Currency: "EUR", AuthorizationCurrency: "PLN", Data: []AuthorizationTarget{{PaymentMethod: types.MethodCard}}}
			mut(r)
			_, err := c.Authorization.CalculateReversed(ctx, r)
			return err
		}
	}
	cases := []validationCase{
		{name: "calculate nil", call: func(c *Client) error { _, err := c.Authorization.Calculate(ctx, nil); return err }, field: "request"},
		{name: "reversed nil", call: func(c *Client) error { _, err := c.Authorization.CalculateReversed(ctx, nil); return err }, field: "request"},
		{name: "mtid missing", call: calc(func(r *AuthorizationCalculateRequest) { r.MerchantTransactionID = "" }), field: "merchantTransactionId"},
		{name: "mtid pattern", call: calc(func(r *AuthorizationCalculateRequest) { r.MerchantTransactionID = "a\nb" }), field: "merchantTransactionId"},
		{name: "amount", call: calc(func(r *AuthorizationCalculateRequest) { r.Amount = types.Amount{} }), field: "amount"},
		{name: "amount sign", call: calc(func(r *AuthorizationCalculateRequest) { r.Amount = types.MustAmount("-1") }), field: "amount"},
		{name: "currency", call: calc(func(r *AuthorizationCalculateRequest) { r.Currency = "euro" }), field: "currency"},
		{name: "auth currency", call: calc(func(r *AuthorizationCalculateRequest) { r.AuthorizationCurrency = "" }), field: "authorizationCurrency"},
		{name: "type", call: calc(func(r *AuthorizationCalculateRequest) { r.TransactionType = "PURCHASE" }), field: "transactionType"},
		{name: "ip", call: calc(func(r *AuthorizationCalculateRequest) { r.IP = "300.1.1.1" }), field: "ip"},
		{name: "data empty", call: calc(func(r *AuthorizationCalculateRequest) { r.Data = nil }), field: "data"},
		{name: "channel", call: calc(func(r *AuthorizationCalculateRequest) { r.Data[0].PaymentChannel = "PCL card" }), field: "data[0].paymentChannel"},
		{name: "bin", call: calc(func(r *AuthorizationCalculateRequest) { r.Data[0].CardBin = "42x" }), field: "data[0].cardBin"},
		{name: "card id", call: calc(func(r *AuthorizationCalculateRequest) { r.Data[0].CardID = "card-1" }), field: "data[0].cardId"},
		{name: "session", call: rev(func(r *AuthorizationCalculateReversedRequest) { r.SessionID = "" }), field: "sessionId"},
		{name: "session long", call: rev(func(r *AuthorizationCalculateReversedRequest) { r.SessionID = strings.Repeat("s", 129) }), field: "sessionId"},
		{name: "auth amount", call: rev(func(r *AuthorizationCalculateReversedRequest) { r.AuthorizationAmount = types.Amount{} }), field: "authorizationAmount"},
		{name: "rev currency", call: rev(func(r *AuthorizationCalculateReversedRequest) { r.AuthorizationCurrency = "pln" }), field: "authorizationCurrency"},
		{name: "rev data", call: rev(func(r *AuthorizationCalculateReversedRequest) { r.Data = []AuthorizationTarget{} }), field: "data"},
	}
	runValidationCases(t, cases)
}

func TestAuthorizationRetryClass(t *testing.T) {
	// A calculation changes nothing, so a 503 is retried with the same
	// request-id and body.
	c, mock := newTestClient(t)
	s := &script{steps: []func(*http.Request) (*http.Response, error){status(503, `{}`), status(200, calculateResponse)}}
	mock.RegisterResponder(http.MethodPost, testBase+"/v1/authorization/calculate", s.responder)
	_, err := c.Authorization.Calculate(context.Background(), &AuthorizationCalculateRequest{
		MerchantTransactionID: "order-42", Amount: types.MustAmount("10"), Currency: "EUR", AuthorizationCurrency: "PLN",
		Data: []AuthorizationTarget{{PaymentMethod: types.MethodCard}},
	})
	require.NoError(t, err)
	require.Len(t, s.ids, 2)
	assert.Equal(t, s.ids[0], s.ids[1])
	assert.Equal(t, s.bodies[0], s.bodies[1])
}
