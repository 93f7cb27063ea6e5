package zen_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/zentest"
)

// identityWire sends one customer create to a loopback server and returns
// the body it received.
func identityWire(t *testing.T, req *zen.CustomerCreateRequest) (map[string]any, *zen.Customer) {
	t.Helper()
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/v3/customers", r.URL.Path)
		b, _ := io.ReadAll(r.Body)
		require.NoError(t, json.Unmarshal(b, &got))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"0b5a8c2e-1111-4a2b-9c3d-4e5f60718293","externalId":"`+req.MerchantCustomerID+
			`","email":"a@example.com","status":"confirmed","userName":"ann","dragonTermsAccepted":true}`)
	}))
	t.Cleanup(srv.Close)
	c, err := zen.NewClient("identity-key", zen.WithBaseURL(srv.URL), zen.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	cust, err := c.Customers.Create(context.Background(), req)
	require.NoError(t, err)
	return got, cust
}

func TestCustomerIdentityOnTheWire(t *testing.T) {
	mine := uuid.NewString()

	body, cust := identityWire(t, &zen.CustomerCreateRequest{MerchantCustomerID: mine, Email: "a@example.com"})
	assert.Equal(t, map[string]any{"externalId": mine, "email": "a@example.com"}, body, "the merchant's id is externalId by default")
	assert.Equal(t, "0b5a8c2e-1111-4a2b-9c3d-4e5f60718293", cust.ID, "ZEN's own id")
	assert.Equal(t, mine, cust.ExternalID)
	assert.Equal(t, mine, cust.MerchantCustomerID())
	assert.Equal(t, zen.CustomerConfirmed, cust.Status)
	assert.True(t, cust.Status.IsKnown())
	assert.Equal(t, "ann", cust.UserName)
	assert.Equal(t, true, cust.Extra["dragonTermsAccepted"], "members not modelled are kept")

	body, _ = identityWire(t, &zen.CustomerCreateRequest{MerchantCustomerID: mine, IDForm: zen.CustomerIDAsID, Email: "a@example.com"})
	assert.Equal(t, map[string]any{"id": mine, "email": "a@example.com"}, body, "the other form is one field away")

	// An answer without externalId (a server echoing the merchant's id as id).
	var old zen.Customer
	require.NoError(t, json.Unmarshal([]byte(`{"id":"`+mine+`"}`), &old))
	assert.Equal(t, mine, old.MerchantCustomerID())
}

func TestCustomerIdentityIsValidated(t *testing.T) {
	var ve *zen.ValidationError
	err := (&zen.CustomerCreateRequest{Email: "a@example.com"}).Validate()
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "externalId", ve.Field)
	err = (&zen.CustomerCreateRequest{MerchantCustomerID: "42", IDForm: zen.CustomerIDAsID}).Validate()
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "id", ve.Field)
	err = (&zen.CustomerCreateRequest{MerchantCustomerID: uuid.NewString(), IDForm: 7}).Validate()
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "idForm", ve.Field)
}

func TestCustomerIdentityAgainstTheFake(t *testing.T) {
	srv := zentest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client()
	ctx := context.Background()
	for _, form := range []zen.CustomerIDForm{zen.CustomerIDAsExternalID, zen.CustomerIDAsID} {
		mine := uuid.NewString()
		created, err := c.Customers.Create(ctx, &zen.CustomerCreateRequest{MerchantCustomerID: mine, IDForm: form, Email: "a@example.com"})
		require.NoError(t, err)
		assert.Equal(t, mine, created.ExternalID, "form %d", form)
		assert.NotEqual(t, mine, created.ID, "ZEN's id is its own")
		assert.Equal(t, zen.CustomerNew, created.Status)
		got, err := c.Customers.Get(ctx, mine)
		require.NoError(t, err)
		assert.Equal(t, created.ID, got.ID)
		upd, err := c.Customers.Update(ctx, mine, &zen.CustomerUpdateRequest{FirstName: "Ann"})
		require.NoError(t, err)
		assert.Equal(t, "Ann", upd.FirstName)
		assert.Equal(t, mine, upd.MerchantCustomerID())
	}
}

// The merchant-customer payout-card pair has its own (unconfirmed) paths;
// the fake serves both pairs on the same cards.
func TestPayoutCardPairsHaveDistinctPaths(t *testing.T) {
	var paths []string
	srv := zentest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client(zen.WithHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		paths = append(paths, r.Method+" "+r.URL.Path)
		return http.DefaultTransport.RoundTrip(r)
	})}))
	ctx := context.Background()
	mine := uuid.NewString()
	_, err := c.Customers.Create(ctx, &zen.CustomerCreateRequest{MerchantCustomerID: mine, Email: "a@example.com"})
	require.NoError(t, err)
	card, err := c.Customers.PayoutCards.Create(ctx, mine, &zen.PayoutCardCreateRequest{Card: &zen.CardDetails{Number: zentest.CardApproved, ExpiryDate: "1230", CardHolderName: "Ann Lee"}})
	require.NoError(t, err)
	paths = nil

	a, err := c.Customers.PayoutCards.Get(ctx, mine, card.ID)
	require.NoError(t, err)
	b, err := c.Customers.PayoutCards.GetMerchantCard(ctx, mine, card.ID)
	require.NoError(t, err)
	assert.Equal(t, a.ID, b.ID)
	require.NoError(t, c.Customers.PayoutCards.DeleteMerchantCard(ctx, mine, card.ID))
	_, err = c.Customers.PayoutCards.Get(ctx, mine, card.ID)
	assert.ErrorIs(t, err, zen.ErrNotFound)
	assert.ErrorIs(t, c.Customers.PayoutCards.Delete(ctx, mine, card.ID), zen.ErrNotFound)
	base := "/v3/customers/" + mine
	assert.Equal(t, []string{
		"GET " + base + "/payouts/card/" + card.ID,
		"GET " + base + "/payouts/recipients/" + card.ID,
		"DELETE " + base + "/payouts/recipients/" + card.ID,
		"GET " + base + "/payouts/card/" + card.ID,
		"DELETE " + base + "/payouts/card/" + card.ID,
	}, paths)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestCustomerIDFormsCannotDisagree: the merchant's id is sent under one
// member only, and JSON naming it twice must agree.
func TestCustomerIDFormsCannotDisagree(t *testing.T) {
	const id = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
	err := (&zen.CustomerCreateRequest{MerchantCustomerID: id, Extra: map[string]any{"id": "other"}}).Validate()
	var ve *zen.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "extra.id", ve.Field)

	var r zen.CustomerCreateRequest
	require.NoError(t, json.Unmarshal([]byte(`{"id":"`+id+`","email":"a@example.com"}`), &r))
	assert.Equal(t, id, r.MerchantCustomerID)
	assert.Equal(t, zen.CustomerIDAsID, r.IDForm)
	assert.EqualError(t, json.Unmarshal([]byte(`{"externalId":"`+id+`","id":"zzz"}`), &r),
		`zen: customer: externalId "`+id+`" and id "zzz" disagree on the merchant's customer id`)
}
