package zentest_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
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

// apiRequest builds a request the way the SDK sends it: Bearer key, a
// fresh valid request-id, a JSON body when body is not nil.
func apiRequest(t *testing.T, ctx context.Context, srv *zentest.Server, method, path string, body any) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("request-id", "zentest-"+uuid.NewString())
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// freshClient trusts srv's certificate, opens a new connection for every
// request (so net/http cannot quietly re-send one) and, unless follow,
// returns 3xx answers as they are.
func freshClient(srv *zentest.Server, follow bool) *http.Client {
	c := srv.HTTPClient()
	tr := c.Transport.(*http.Transport).Clone()
	tr.DisableKeepAlives = true
	c.Transport = tr
	if !follow {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	return c
}

// processed reports whether the fake holds a transaction with mtid.
func processed(t *testing.T, srv *zentest.Server, mtid string) bool {
	t.Helper()
	for _, tx := range srv.Transactions() {
		if tx.MerchantTransactionID == mtid {
			return true
		}
	}
	return false
}

// waitRequests waits until srv has recorded n requests and returns them.
func waitRequests(t *testing.T, srv *zentest.Server, n int) []zentest.RecordedRequest {
	t.Helper()
	ctx := waitCtx(t)
	for {
		if reqs := srv.Requests(); len(reqs) >= n {
			return reqs
		}
		select {
		case <-ctx.Done():
			t.Fatalf("fewer than %d requests recorded: %+v", n, srv.Requests())
		case <-time.After(time.Millisecond):
		}
	}
}

func TestFaultTruncate(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run("tls="+strconv.FormatBool(tls), func(t *testing.T) {
			var opts []zentest.Option
			if tls {
				opts = append(opts, zentest.WithTLS())
			}
			srv := newServer(t, opts...)
			srv.FailNext(1, zentest.FaultTruncate)
			mtid := newMTID()
			res, err := freshClient(srv, false).Do(apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", purchase(mtid, "10.00", zentest.CardApproved)))
			require.NoError(t, err, "status and headers arrive")
			defer res.Body.Close()
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
			full, err := strconv.Atoi(res.Header.Get("Content-Length"))
			require.NoError(t, err)
			assert.Equal(t, int64(full), res.ContentLength)
			got, err := io.ReadAll(res.Body)
			require.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.Len(t, got, full/2, "half of the body")
			assert.Greater(t, full, 100)
			assert.True(t, strings.HasPrefix(string(got), "{"), "the start of the real answer: %s", got)

			assert.True(t, processed(t, srv, mtid), "the purchase was created")
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, zentest.FaultTruncate, reqs[0].Fault)
			assert.Equal(t, http.StatusOK, reqs[0].Status)
		})
	}
}

// A slow answer is processed at once; the answer comes d later, or never
// when the client gives up first.
func TestFaultSlowAnswer(t *testing.T) {
	srv := newServer(t)

	srv.FailNext(1, zentest.FaultSlowAnswer(30*time.Millisecond))
	mtid := newMTID()
	start := time.Now()
	res, err := freshClient(srv, false).Do(apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", purchase(mtid, "10.00", zentest.CardApproved)))
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	var got types.Transaction
	require.NoError(t, json.Unmarshal(body, &got))
	assert.Equal(t, mtid, got.MerchantTransactionID)

	// The caller gives up first (here once the request is recorded, which
	// is after it was processed and before the wait): it gets no answer,
	// but the purchase exists.
	srv.FailNext(1, zentest.FaultSlowAnswer(time.Hour))
	late := newMTID()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for len(srv.Requests()) < 2 && ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err = freshClient(srv, false).Do(apiRequest(t, ctx, srv, "POST", "/v1/transactions", purchase(late, "10.00", zentest.CardApproved)))
	require.ErrorIs(t, err, context.Canceled)
	assert.True(t, processed(t, srv, late))
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, zentest.FaultSlowAnswer(time.Hour), reqs[1].Fault)
	assert.Equal(t, http.StatusOK, reqs[1].Status, "what would have been answered")

	// A wait the client does not give up on ends with Close.
	srv.FailNext(1, zentest.FaultSlowAnswer(time.Hour))
	done := make(chan error, 1)
	go func() {
		_, err := freshClient(srv, false).Do(apiRequest(t, context.Background(), srv, "GET", "/v1/transactions/x", nil))
		done <- err
	}()
	waitRequests(t, srv, 3)
	closeWithin(t, srv, "Close waited for a slow answer")
	require.Error(t, <-done, "the answer is never sent")
}

// A slow start processes the request after d, and not at all when the
// client gave up before.
func TestFaultSlowStart(t *testing.T) {
	srv := newServer(t)

	srv.FailNext(1, zentest.FaultSlowStart(time.Hour))
	gone := newMTID()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := freshClient(srv, false).Do(apiRequest(t, ctx, srv, "POST", "/v1/transactions", purchase(gone, "10.00", zentest.CardApproved)))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	reqs := waitRequests(t, srv, 1)
	assert.Equal(t, zentest.FaultSlowStart(time.Hour), reqs[0].Fault)
	assert.Equal(t, 0, reqs[0].Status, "never answered")
	assert.False(t, processed(t, srv, gone), "never processed")

	srv.FailNext(1, zentest.FaultSlowStart(30*time.Millisecond))
	mtid := newMTID()
	start := time.Now()
	r := send(t, apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", purchase(mtid, "10.00", zentest.CardApproved)))
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
	assert.Equal(t, mtid, tx(t, r).MerchantTransactionID)
	assert.True(t, processed(t, srv, mtid))
}

// A lost answer, then a given status without processing: the purchase
// exists once.
func TestScriptFaultsInOrder(t *testing.T) {
	srv := newServer(t, zentest.WithFaults(zentest.Faults{RetryAfter: time.Second}))
	srv.ScriptFaults("POST", "/v1/transactions", zentest.FaultLoseResponse, zentest.FaultStatus(500), zentest.FaultNone, zentest.FaultStatus(400), zentest.FaultStatus(503))
	mtid := newMTID()
	body := purchase(mtid, "10.00", zentest.CardApproved)
	c := freshClient(srv, false)

	_, err := c.Do(apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", body))
	require.Error(t, err, "the first answer is lost")
	assert.True(t, processed(t, srv, mtid))

	// Another path is not scripted.
	errMessage(t, call(t, srv, "GET", "/v1/transactions/merchant/nope", nil), 404)

	r := send(t, apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", body))
	assert.Equal(t, "Internal Server Error", errMessage(t, r, 500))
	assert.Empty(t, r.Header.Get("Retry-After"))
	r = send(t, apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", body))
	assert.Contains(t, errMessage(t, r, 400), "merchantTransactionId", "FaultNone: the duplicate is refused by the route")
	assert.Equal(t, "Bad Request", errMessage(t, send(t, apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", body)), 400))
	r = send(t, apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", body))
	assert.Equal(t, "Service Unavailable", errMessage(t, r, 503))
	assert.Equal(t, "1", r.Header.Get("Retry-After"))
	assert.Len(t, srv.Transactions(), 1)

	var faults []string
	for _, r := range srv.Requests() {
		faults = append(faults, line(r))
	}
	assert.Equal(t, []string{
		"POST /v1/transactions 200 LoseResponse", "GET /v1/transactions/merchant/nope 404 None",
		"POST /v1/transactions 500 ServerError", "POST /v1/transactions 400 None",
		"POST /v1/transactions 400 Status(400)", "POST /v1/transactions 503 Unavailable",
	}, faults)

	srv.ScriptFaults("", "", zentest.FaultDrop, zentest.FaultDrop)
	srv.ClearFaults()
	errMessage(t, call(t, srv, "GET", "/v1/transactions/merchant/nope", nil), 404)
}

func TestFaultValues(t *testing.T) {
	assert.Equal(t, zentest.FaultStatus(429), zentest.FaultRateLimit)
	assert.Equal(t, zentest.FaultStatus(503), zentest.FaultUnavailable)
	assert.Equal(t, zentest.FaultStatus(500), zentest.FaultServerError)
	assert.Equal(t, zentest.FaultNone, zentest.Fault{})
	assert.NotEqual(t, zentest.FaultSlowAnswer(time.Second), zentest.FaultSlowStart(time.Second))
	assert.Equal(t, 418, zentest.FaultStatus(418).Status())
	assert.Equal(t, 307, zentest.FaultRedirectLoop(307).Status())
	assert.Equal(t, 0, zentest.FaultLoseResponse.Status())
	for _, f := range []zentest.Fault{zentest.FaultNone, zentest.FaultLoseResponse, zentest.FaultTruncate, zentest.FaultSlowAnswer(time.Second), zentest.FaultSlowStart(time.Second)} {
		assert.True(t, f.Processes(), f.String())
	}
	for _, f := range []zentest.Fault{zentest.FaultRateLimit, zentest.FaultStatus(400), zentest.FaultDrop, zentest.FaultRedirect(302, "/"), zentest.FaultRedirectOtherHost(302), zentest.FaultRedirectOtherPort(302), zentest.FaultRedirectPlainHTTP(302), zentest.FaultRedirectLoop(302)} {
		assert.False(t, f.Processes(), f.String())
	}
	for f, name := range map[zentest.Fault]string{
		zentest.FaultNone:                              "None",
		zentest.FaultRateLimit:                         "RateLimit",
		zentest.FaultStatus(400):                       "Status(400)",
		zentest.FaultDrop:                              "Drop",
		zentest.FaultLoseResponse:                      "LoseResponse",
		zentest.FaultTruncate:                          "Truncate",
		zentest.FaultSlowAnswer(50 * time.Millisecond): "SlowAnswer(50ms)",
		zentest.FaultSlowStart(time.Second):            "SlowStart(1s)",
		zentest.FaultRedirect(302, "/v1/x"):            "Redirect(302 /v1/x)",
		zentest.FaultRedirectOtherHost(301):            "RedirectOtherHost(301)",
		zentest.FaultRedirectOtherPort(308):            "RedirectOtherPort(308)",
		zentest.FaultRedirectPlainHTTP(303):            "RedirectPlainHTTP(303)",
		zentest.FaultRedirectLoop(302):                 "RedirectLoop(302)",
	} {
		assert.Equal(t, name, f.String())
	}
	assert.PanicsWithValue(t, "zentest: FaultStatus(200): want a 4xx or 5xx status", func() { zentest.FaultStatus(200) })
	assert.PanicsWithValue(t, "zentest: redirect fault with status 200: want a 3xx status", func() { zentest.FaultRedirect(200, "/") })
	assert.Panics(t, func() { zentest.FaultRedirectLoop(400) })
}

func TestRandomTruncateAndSlow(t *testing.T) {
	srv := newServer(t, zentest.WithFaults(zentest.Faults{Truncate: 1}))
	res, err := freshClient(srv, false).Do(apiRequest(t, context.Background(), srv, "GET", "/v1/transactions/x", nil))
	require.NoError(t, err)
	_, err = io.ReadAll(res.Body)
	res.Body.Close()
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, http.StatusNotFound, res.StatusCode, "whatever the answer, it is cut")

	srv.SetFaults(zentest.Faults{Slow: 1, SlowDelay: 5 * time.Millisecond})
	errMessage(t, call(t, srv, "GET", "/v1/transactions/x", nil), 404)
	srv.SetFaults(zentest.Faults{Slow: 1})
	errMessage(t, call(t, srv, "GET", "/v1/transactions/x", nil), 404)
	var faults []zentest.Fault
	for _, r := range srv.Requests() {
		faults = append(faults, r.Fault)
	}
	assert.Equal(t, []zentest.Fault{
		zentest.FaultTruncate, zentest.FaultSlowAnswer(5 * time.Millisecond), zentest.FaultSlowAnswer(100 * time.Millisecond),
	}, faults)
}

// The elsewhere listener has the API's host name and another port.
func elsewherePort(t *testing.T, srv *zentest.Server) string {
	t.Helper()
	u, err := url.Parse(srv.ElsewhereURL)
	require.NoError(t, err)
	return u.Port()
}

// A redirect to another host: the Location keeps path and query, the other
// host records what a client following it sends, and nothing is
// processed.
func TestFaultRedirectOtherHost(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run("tls="+strconv.FormatBool(tls), func(t *testing.T) {
			var opts []zentest.Option
			if tls {
				opts = append(opts, zentest.WithTLS())
			}
			srv := newServer(t, opts...)
			c := freshClient(srv, false)
			srv.FailNextFor("GET", "/v1/transactions/merchant/m-1", 1, zentest.FaultRedirectOtherHost(http.StatusFound))
			path := "/v1/transactions/merchant/m-1?customerEmail=buyer%40example.com"
			other := strings.Split(srv.URL, ":")[0] + "://localhost:" + elsewherePort(t, srv)

			req := apiRequest(t, context.Background(), srv, "GET", path, nil)
			req.Header.Set("x-api-key", "secret-key")
			res, err := c.Do(req)
			require.NoError(t, err)
			res.Body.Close()
			assert.Equal(t, http.StatusFound, res.StatusCode)
			assert.Equal(t, other+path, res.Header.Get("Location"))
			assert.Empty(t, srv.ElsewhereRequests(), "not followed yet")

			// net/http follows it: Authorization is dropped for another host, a
			// custom key header is not, and Referer carries the query.
			srv.FailNext(1, zentest.FaultRedirectOtherHost(http.StatusFound))
			req = apiRequest(t, context.Background(), srv, "GET", path, nil)
			req.Header.Set("x-api-key", "secret-key")
			res, err = srv.HTTPClient().Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(res.Body)
			res.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, res.StatusCode)
			var got types.Transaction
			require.NoError(t, json.Unmarshal(body, &got))
			assert.Equal(t, zentest.ElsewhereTransactionID, got.ID)

			away := srv.ElsewhereRequests()
			require.Len(t, away, 1)
			assert.Equal(t, "GET", away[0].Method)
			assert.Equal(t, other, away[0].Origin)
			assert.Equal(t, "/v1/transactions/merchant/m-1", away[0].Path)
			assert.Equal(t, "buyer@example.com", away[0].Query.Get("customerEmail"))
			assert.Equal(t, "secret-key", away[0].Header.Get("x-api-key"))
			assert.Empty(t, away[0].Header.Values("Authorization"))
			assert.Equal(t, srv.URL+path, away[0].Header.Get("Referer"))
			assert.Equal(t, req.Header.Get("request-id"), away[0].Header.Get("request-id"))

			for _, r := range srv.Requests() {
				assert.Equal(t, http.StatusFound, r.Status)
				assert.Equal(t, zentest.FaultRedirectOtherHost(http.StatusFound), r.Fault)
				assert.Equal(t, srv.URL, r.Origin)
			}
		})
	}
}

// apiRequestTo copies req (already sent) for sending again.
func apiRequestTo(t *testing.T, req *http.Request) *http.Request {
	t.Helper()
	again, err := http.NewRequestWithContext(req.Context(), req.Method, req.URL.String(), nil)
	require.NoError(t, err)
	again.Header = req.Header.Clone()
	return again
}

// Redirected POSTs are not processed, whatever becomes of them: a 307 to
// another port is re-sent there as a POST with its body and key, a 302 to
// a given path becomes a GET of it.
func TestFaultRedirectPOST(t *testing.T) {
	srv := newServer(t)
	first := newMTID()
	r := call(t, srv, "POST", "/v1/transactions", purchase(first, "10.00", zentest.CardApproved))
	firstID := tx(t, r).ID

	srv.FailNext(1, zentest.FaultRedirectOtherPort(http.StatusTemporaryRedirect))
	mtid := newMTID()
	body := purchase(mtid, "10.00", zentest.CardApproved)
	res, err := freshClient(srv, true).Do(apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", body))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode, "the other port's answer")
	away := srv.ElsewhereRequests()
	require.Len(t, away, 1)
	assert.Equal(t, "POST", away[0].Method)
	assert.Equal(t, "http://127.0.0.1:"+elsewherePort(t, srv), away[0].Origin)
	assert.Equal(t, srv.ElsewhereURL, away[0].Origin)
	assert.Equal(t, "Bearer [REDACTED]", away[0].Header.Get("Authorization"), "net/http keeps the key for the same host name")
	raw, _ := json.Marshal(body)
	assert.JSONEq(t, string(raw), string(away[0].Body))
	assert.False(t, processed(t, srv, mtid))

	srv.FailNext(1, zentest.FaultRedirect(http.StatusFound, "/v1/transactions/"+firstID))
	res, err = freshClient(srv, true).Do(apiRequest(t, context.Background(), srv, "POST", "/v1/transactions", body))
	require.NoError(t, err)
	var got types.Transaction
	require.NoError(t, json.NewDecoder(res.Body).Decode(&got))
	res.Body.Close()
	assert.Equal(t, firstID, got.ID, "another transaction's answer")
	assert.False(t, processed(t, srv, mtid))
	reqs := srv.Requests()
	require.Len(t, reqs, 4)
	assert.Equal(t, "POST /v1/transactions 302 Redirect(302 /v1/transactions/"+firstID+")", line(reqs[2]))
	assert.Equal(t, "GET /v1/transactions/"+firstID+" 200 None", line(reqs[3]))
	assert.Len(t, srv.Transactions(), 1)
}

// With WithTLS the API is https, and FaultRedirectPlainHTTP sends clients
// to plain http on the same host, where net/http sends the key in clear.
func TestFaultRedirectPlainHTTP(t *testing.T) {
	srv := newServer(t, zentest.WithTLS())
	require.True(t, strings.HasPrefix(srv.URL, "https://127.0.0.1:"), srv.URL)
	require.True(t, strings.HasPrefix(srv.ElsewhereURL, "https://127.0.0.1:"), srv.ElsewhereURL)
	srv.FailNext(1, zentest.FaultRedirectPlainHTTP(http.StatusMovedPermanently))
	path := "/v1/transactions/abc?x=1"

	res, err := freshClient(srv, false).Do(apiRequest(t, context.Background(), srv, "GET", path, nil))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusMovedPermanently, res.StatusCode)
	loc, err := url.Parse(res.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "http", loc.Scheme)
	assert.Equal(t, "127.0.0.1", loc.Hostname())
	assert.NotEqual(t, elsewherePort(t, srv), loc.Port(), "not the https elsewhere listener")
	assert.Equal(t, path, loc.RequestURI())

	srv.FailNext(1, zentest.FaultRedirectPlainHTTP(http.StatusMovedPermanently))
	res, err = srv.HTTPClient().Do(apiRequest(t, context.Background(), srv, "GET", path, nil))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	away := srv.ElsewhereRequests()
	require.Len(t, away, 1)
	assert.Equal(t, "http://127.0.0.1:"+loc.Port(), away[0].Origin)
	assert.Equal(t, "Bearer [REDACTED]", away[0].Header.Get("Authorization"), "the key went over plain http")
	assert.Empty(t, away[0].Header.Values("Referer"), "net/http sends no Referer from https to http")
	assert.Equal(t, "1", away[0].Query.Get("x"))

	// Without WithTLS it is another port over http.
	plain := newServer(t)
	plain.FailNext(1, zentest.FaultRedirectPlainHTTP(http.StatusFound))
	r := call(t, plain, "GET", path, nil)
	assert.Equal(t, plain.ElsewhereURL+path, r.Header.Get("Location"))
}

// A redirect loop keeps redirecting the same call (same request-id, or
// none), whatever the method becomes, and processes nothing; the next call
// is served.
func TestFaultRedirectLoop(t *testing.T) {
	srv := newServer(t)
	srv.FailNextFor("POST", "/v1/transactions", 1, zentest.FaultRedirectLoop(http.StatusFound))
	mtid := newMTID()
	body := purchase(mtid, "10.00", zentest.CardApproved)
	req := apiRequest(t, context.Background(), srv, "POST", "/v1/transactions?a=b", body)

	var hops int
	c := srv.HTTPClient()
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		hops++
		assert.Equal(t, srv.URL+"/v1/transactions?a=b", req.URL.String())
		if len(via) >= 5 {
			return errors.New("loop")
		}
		return nil
	}
	_, err := c.Do(req)
	require.ErrorContains(t, err, "loop")
	assert.Equal(t, 5, hops)
	reqs := srv.Requests()
	require.Len(t, reqs, 5)
	for i, r := range reqs {
		method := "GET" // net/http turns a 302 POST into a GET
		if i == 0 {
			method = "POST"
		}
		assert.Equal(t, method+" /v1/transactions 302 RedirectLoop(302)", line(r))
	}
	assert.False(t, processed(t, srv, mtid))

	// The same call again, and a request without request-id, still loop.
	r := send(t, apiRequestTo(t, req))
	assert.Equal(t, http.StatusFound, r.Status)
	assert.Equal(t, srv.URL+"/v1/transactions?a=b", r.Header.Get("Location"))
	anon := apiRequestTo(t, req)
	anon.Header.Del("request-id")
	assert.Equal(t, http.StatusFound, send(t, anon).Status)

	// Another call is served, and ends the loop.
	assert.Equal(t, mtid, tx(t, send(t, apiRequest(t, context.Background(), srv, "POST", "/v1/transactions?a=b", body))).MerchantTransactionID)
	assert.Contains(t, errMessage(t, send(t, apiRequestTo(t, req)), 400), "merchantTransactionId: is required", "served: a POST without its body")
	assert.Len(t, srv.Transactions(), 1)

	srv.FailNext(1, zentest.FaultRedirectLoop(http.StatusTemporaryRedirect))
	loopGet := apiRequest(t, context.Background(), srv, "GET", "/v1/transactions/x", nil)
	_, err = srv.HTTPClient().Do(loopGet)
	require.ErrorContains(t, err, "stopped after 10 redirects")
	srv.ClearFaults()
	errMessage(t, send(t, apiRequestTo(t, loopGet)), 404)
}

// WithTLS serves the API and the checkout over https that srv.Client and
// srv.HTTPClient trust and other clients do not.
func TestWithTLS(t *testing.T) {
	srv := newServer(t, zentest.WithTLS())
	require.True(t, strings.HasPrefix(srv.CheckoutURL, "https://127.0.0.1:"), srv.CheckoutURL)

	_, err := http.DefaultClient.Get(srv.URL + "/v1/transactions/x")
	var unknown x509.UnknownAuthorityError
	require.ErrorAs(t, err, &unknown)
	assert.Empty(t, srv.Requests())

	c := srv.Client()
	mtid := newMTID()
	created, err := c.Purchases.Create(context.Background(), cardPurchase(mtid, "7.00", zentest.CardApproved))
	require.NoError(t, err)
	assert.Equal(t, mtid, created.MerchantTransactionID)
	co, err := c.Checkouts.Create(context.Background(), &zen.CheckoutCreateRequest{
		Amount: types.MustAmount("5.00"), Currency: "EUR", MerchantTransactionID: newMTID(),
	})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(co.RedirectURL, srv.CheckoutURL+"/"), co.RedirectURL)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, srv.URL, reqs[0].Origin)
	assert.Equal(t, srv.CheckoutURL, reqs[1].Origin)

	// localhost is in the certificate too (FaultRedirectOtherHost uses it).
	_, port, err := net.SplitHostPort(strings.TrimPrefix(srv.URL, "https://"))
	require.NoError(t, err)
	req, err := http.NewRequest("GET", "https://localhost:"+port+"/v1/transactions/merchant/"+mtid, nil)
	require.NoError(t, err)
	req.Header = apiRequest(t, context.Background(), srv, "GET", "/", nil).Header
	assert.Equal(t, mtid, tx(t, sendWith(t, srv.HTTPClient(), req)).MerchantTransactionID)
}

// line is "METHOD path status fault" of a recorded request.
func line(r zentest.RecordedRequest) string {
	return r.Method + " " + r.Path + " " + strconv.Itoa(r.Status) + " " + r.Fault.String()
}

func sendWith(t *testing.T, c *http.Client, req *http.Request) resp {
	t.Helper()
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return resp{Status: res.StatusCode, Header: res.Header, Body: b}
}
