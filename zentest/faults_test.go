package zentest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// post sends a purchase on a fresh connection (so net/http cannot quietly
// re-send it) and returns the transport error, if any.
func postFresh(t *testing.T, srv *zentest.Server, body map[string]any) (*http.Response, error) {
	t.Helper()
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(context.Background(), "POST", srv.URL+"/v1/transactions", bytes.NewReader(raw))
	require.NoError(t, err)
	req.Header.Set("request-id", "zentest-fault-request-0123456789abcdefghijk")
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	req.Header.Set("Content-Type", "application/json")
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := c.Do(req)
	if err == nil {
		res.Body.Close()
	}
	return res, err
}

func TestScriptedFaults(t *testing.T) {
	srv := newServer(t, zentest.WithFaults(zentest.Faults{RetryAfter: 1500 * time.Millisecond}))

	for _, tc := range []struct {
		fault      zentest.Fault
		status     int
		retryAfter string
	}{
		{zentest.FaultRateLimit, 429, "2"},
		{zentest.FaultUnavailable, 503, "2"},
		{zentest.FaultServerError, 500, ""},
	} {
		srv.FailNext(1, tc.fault)
		r := call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved))
		errMessage(t, r, tc.status)
		assert.Equal(t, tc.retryAfter, r.Header.Get("Retry-After"), tc.fault.String())
	}
	assert.Empty(t, srv.Transactions(), "refused requests are not processed")

	dropped := newMTID()
	srv.FailNext(1, zentest.FaultDrop)
	_, err := postFresh(t, srv, purchase(dropped, "10.00", zentest.CardApproved))
	require.Error(t, err)
	errMessage(t, call(t, srv, "GET", "/v1/transactions/merchant/"+dropped, nil), 404)

	lost := newMTID()
	srv.FailNext(1, zentest.FaultLoseResponse)
	_, err = postFresh(t, srv, purchase(lost, "10.00", zentest.CardApproved))
	require.Error(t, err, "the response never arrives")
	got := tx(t, call(t, srv, "GET", "/v1/transactions/merchant/"+lost, nil))
	assert.Equal(t, types.StatusAuthorized, got.Status, "but the purchase was processed")

	var faults []zentest.Fault
	var statuses []int
	for _, r := range srv.Requests() {
		faults = append(faults, r.Fault)
		statuses = append(statuses, r.Status)
	}
	assert.Equal(t, []zentest.Fault{
		zentest.FaultRateLimit, zentest.FaultUnavailable, zentest.FaultServerError,
		zentest.FaultDrop, zentest.FaultNone, zentest.FaultLoseResponse, zentest.FaultNone,
	}, faults)
	assert.Equal(t, []int{429, 503, 500, 0, 404, 200, 200}, statuses)
	assert.Equal(t, "LoseResponse", zentest.FaultLoseResponse.String())
}

func TestFailNextFor(t *testing.T) {
	srv := newServer(t)
	srv.FailNextFor("GET", "/v1/payouts/x", 2, zentest.FaultUnavailable)
	errMessage(t, call(t, srv, "GET", "/v1/transactions/x", nil), 404)
	errMessage(t, call(t, srv, "GET", "/v1/payouts/x", nil), 503)
	errMessage(t, call(t, srv, "GET", "/v1/payouts/x", nil), 503)
	errMessage(t, call(t, srv, "GET", "/v1/payouts/x", nil), 404)
}

// The same seed and the same requests give the same faults.
func TestRandomFaultsAreSeeded(t *testing.T) {
	run := func() []zentest.Fault {
		srv := newServer(t, zentest.WithFaults(zentest.Faults{RateLimit: 0.2, Unavailable: 0.2, ServerError: 0.1, Seed: 7}))
		var out []zentest.Fault
		for range 40 {
			call(t, srv, "GET", "/v1/transactions/x", nil)
		}
		for _, r := range srv.Requests() {
			out = append(out, r.Fault)
		}
		return out
	}
	first := run()
	assert.Equal(t, first, run())
	assert.Contains(t, first, zentest.FaultRateLimit)
	assert.Contains(t, first, zentest.FaultNone)

	srv := newServer(t, zentest.WithFaults(zentest.Faults{RateLimit: 1}))
	errMessage(t, call(t, srv, "GET", "/v1/transactions/x", nil), 429)
	srv.SetFaults(zentest.Faults{})
	errMessage(t, call(t, srv, "GET", "/v1/transactions/x", nil), 404)
}

// A Retry-After longer than the client waits for is handed back at once
// (srv.Client waits at most 20ms), with the delay in APIError.RetryAfter.
func TestSDKHandsBackLongRetryAfter(t *testing.T) {
	srv := newServer(t, zentest.WithFaults(zentest.Faults{RateLimit: 1, RetryAfter: 30 * time.Second}))
	_, err := srv.Client().Purchases.Get(context.Background(), "497f6eca-6276-4993-bfeb-53cbbbba6f08")
	var apiErr *zen.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, zen.ErrRateLimited))
	assert.Equal(t, 30*time.Second, apiErr.RetryAfter)
	assert.Len(t, srv.Requests(), 1, "not retried sooner than the fake asked")
}

// The SDK's retries get a keyed POST through random 429s and 503s.
func TestSDKRetriesThroughFaults(t *testing.T) {
	srv := newServer(t, zentest.WithFaults(zentest.Faults{RateLimit: 0.3, Unavailable: 0.3, Seed: 1}))
	c := srv.Client(zen.WithMaxRetries(10))
	for range 10 {
		co, err := c.Checkouts.Create(context.Background(), &zen.CheckoutCreateRequest{
			Amount: types.MustAmount("5.00"), Currency: "EUR", MerchantTransactionID: newMTID(),
		})
		require.NoError(t, err)
		assert.NotEmpty(t, co.RedirectURL)
	}
	assert.Len(t, srv.Checkouts(), 10)
	var faulted int
	for _, r := range srv.Requests() {
		if r.Fault != zentest.FaultNone {
			faulted++
		}
	}
	assert.Positive(t, faulted)
}

func TestRequestsAreRecorded(t *testing.T) {
	srv := newServer(t)
	call(t, srv, "GET", "/v1/transactions/merchant/a%2Fb?x=1", nil)
	body := purchase(newMTID(), "10.00", zentest.CardApproved)
	call(t, srv, "POST", "/v1/transactions", body)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "GET", reqs[0].Method)
	assert.Equal(t, "/v1/transactions/merchant/a/b", reqs[0].Path)
	assert.Equal(t, "1", reqs[0].Query.Get("x"))
	assert.Equal(t, "Bearer [REDACTED]", reqs[0].Header.Get("Authorization"))
	assert.Len(t, reqs[0].Header.Get("request-id"), 44)
	assert.False(t, reqs[0].Checkout)
	raw, _ := json.Marshal(body)
	assert.JSONEq(t, string(raw), string(reqs[1].Body))
	assert.Equal(t, 200, reqs[1].Status)
	reqs[1].Body[0], reqs[0].Header["Authorization"][0], reqs[0].Query["x"][0] = 'X', "changed", "2"
	again := srv.Requests()
	assert.JSONEq(t, string(raw), string(again[1].Body), "Requests returns copies")
	assert.Equal(t, "Bearer [REDACTED]", again[0].Header.Get("Authorization"))
	assert.Equal(t, "1", again[0].Query.Get("x"))
	srv.ResetRequests()
	assert.Empty(t, srv.Requests())
}
