package zen_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func TestPaymentMethodsListV2OnTheWire(t *testing.T) {
	var seen *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":[{"paymentMethod":"PME_CARD","paymentChannels":[{"paymentChannel":"PCL_CARD","currencies":["EUR"]}],"rank":1}],
			"meta":{"page":"2","itemsPerPage":"5","direction":"desc"}}`)
	}))
	t.Cleanup(srv.Close)
	c, err := zen.NewClient("v2-key", zen.WithBaseURL(srv.URL), zen.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	pg, err := c.PaymentMethods.ListV2(context.Background(), zen.PaymentMethodListV2Params{
		TransactionType: types.TypePurchase, Amount: types.MustAmount("10.50"), Currency: "EUR",
		Direction: types.Desc, Page: 2, ItemsPerPage: 5,
	})
	require.NoError(t, err)
	require.NotNil(t, seen)
	assert.Equal(t, http.MethodGet, seen.Method)
	assert.Equal(t, "/v2/terminals", seen.URL.Path)
	assert.Equal(t, "amount=10.50&currency=EUR&direction=desc&itemsPerPage=5&page=2&transactionType=TRT_PURCHASE", seen.URL.Query().Encode())
	assert.Equal(t, "Bearer v2-key", seen.Header.Get("Authorization"))
	assert.GreaterOrEqual(t, len(seen.Header.Get("request-id")), 38)
	require.Len(t, pg.Data, 1)
	assert.Equal(t, types.MethodCard, pg.Data[0].PaymentMethod)
	assert.Equal(t, types.ChannelCard, pg.Data[0].PaymentChannels[0].PaymentChannel)
	assert.JSONEq(t, `1`, string(pg.Data[0].Extra["rank"]))
	assert.Equal(t, types.FlexInt(2), pg.Meta.Page)
}

func TestPaymentMethodsListV2IsValidated(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { calls++ }))
	t.Cleanup(srv.Close)
	c, err := zen.NewClient("v2-key", zen.WithBaseURL(srv.URL), zen.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	ok := zen.PaymentMethodListV2Params{TransactionType: types.TypeRefund, Amount: types.MustAmount("1"), Currency: "PLN"}
	for field, p := range map[string]zen.PaymentMethodListV2Params{
		"transactionType": {Amount: ok.Amount, Currency: ok.Currency},
		"amount":          {TransactionType: ok.TransactionType, Currency: ok.Currency},
		"currency":        {TransactionType: ok.TransactionType, Amount: ok.Amount},
		"direction":       {TransactionType: ok.TransactionType, Amount: ok.Amount, Currency: ok.Currency, Direction: "up"},
	} {
		_, err := c.PaymentMethods.ListV2(context.Background(), p)
		var ve *zen.ValidationError
		require.ErrorAs(t, err, &ve, field)
		assert.Equal(t, field, ve.Field)
	}
	bad := ok
	bad.TransactionType = types.TypeSendout
	assert.ErrorContains(t, bad.Validate(), "must be TRT_PURCHASE or TRT_REFUND")
	assert.Zero(t, calls, "refused before the network")
}

func TestPaymentMethodsListV2AgainstTheFake(t *testing.T) {
	srv := zentest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	var methods []types.PaymentMethod
	for m, err := range c.PaymentMethods.AllV2(context.Background(), zen.PaymentMethodListV2Params{
		TransactionType: types.TypePurchase, Amount: types.MustAmount("10.00"), Currency: "PLN", ItemsPerPage: 1,
	}) {
		require.NoError(t, err)
		methods = append(methods, m.PaymentMethod)
	}
	assert.Equal(t, []types.PaymentMethod{types.MethodCard, "PME_BLIK"}, methods, "PLN takes cards and BLIK, one per page")
	pg, err := c.PaymentMethods.ListV2(context.Background(), zen.PaymentMethodListV2Params{
		TransactionType: types.TypeRefund, Amount: types.MustAmount("10.00"), Currency: "GBP"})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	assert.Len(t, pg.Data[0].PaymentChannels, 3)
}
