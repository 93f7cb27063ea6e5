package zentest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// fuzzSeeds are request bodies that reach the handlers' deeper checks:
// wrong JSON types, nulls in every position, nested objects where strings
// belong and the reverse.
var fuzzSeeds = []string{
	``, `{}`, `null`, `[]`, `"x"`, `{"a":1}{}`,
	`{"amount":10,"currency":null,"customer":[],"items":{}}`,
	`{"merchantTransactionId":"m-1","paymentChannel":"PCL_CARD","amount":"10.00","currency":"PLN","customer":{"email":"a@b.co","ip":"1.2.3.4"},"paymentSpecificData":{"type":"onetime","card":{"number":"4111111111111111","expiryDate":"1230"}}}`,
	`{"merchantTransactionId":"m-2","paymentChannel":"PCL_BLIK","amount":"1.99","currency":"PLN","customer":{"email":"a@b.co","ip":"::1","id":null},"items":[null,1,{"name":"x","price":"1.99","quantity":1e30,"lineAmountTotal":"1.99"}],"paymentSpecificData":{"type":"blik","ticket":"111111","subscription":{"planId":null},"subscriptionId":7}}`,
	`{"paymentSpecificData":{"card":"x","subscription":"y","saveCard":"yes","cardToken":{}}}`,
	`{"transactionId":"00000000-0000-4000-8000-000000000000","merchantTransactionId":"r-1","amount":"0","currency":"PLN","source":[]}`,
	`{"customer":{"email":"a@b.co","ip":"x","firstName":{}},"expirationDate":"9999-12-31T23:59:59-10:00","items":[{"name":"a","price":"1","quantity":0}]}`,
	`{"card":{"number":"5","expiryDate":"1399","cvv":1},"walletAddress":"w","walletCurrency":"BTC","walletAlias":null}`,
	`{"id":null,"email":null,"alias":null,"walletAlias":"","isDefault":"no","expMonth":13,"hidden":null,"offerId":[]}`,
	`{"name":"n","description":"d","type":"service","url":"ftp://x","productId":"p","amount":"1.00","currency":"EUR","intervalUnit":"day","intervalCount":9223372036854775807,"trialPeriodDays":-1,"chargeDay":32,"totalCount":null,"setupFee":1}`,
	`{"currency":"EUR","authorizationCurrency":"PLN","amount":"9999999999999999.999999999999","authorizationAmount":"0","sessionId":"s","merchantTransactionId":"m","data":[{"cardBin":"0"},{"paymentChannel":"PCL_CARD","cardId":"00000000-0000-4000-8000-000000000000"},null]}`,
	`{"appleUrl":"https://apple.com.evil/x","initiative":"webapp","currency":"EUR","data":[{"paymentMethod":"PME_CARD","paymentChannel":"PCL_CARD"}],"transactionType":"TRT_REFUND"}`,
	`{"returnUrl":"http://[::1","comment":{},"originMerchantTransactionId":"","fraudFields":"x","billingAddress":7}`,
}

// fuzzSetup starts the server every fuzz input of a process shares, with a
// customer, a saved card, a purchase, a payout with offers, a product, a
// payout card and a payment link, and returns it with the ids fuzzed paths
// can name (those, plus unknown ones).
// fuzzQueries are query strings for the lists: paging at the edges of int
// (a page times itemsPerPage that overflows), offsets past the end, bad
// dates and filters.
var fuzzQueries = []string{
	"",
	"page=8589934593&itemsPerPage=1073741824",
	"page=9223372036854775807&itemsPerPage=9223372036854775807&direction=desc",
	"offset=9223372036854775807&limit=9223372036854775807",
	"offset=-1&limit=0&amount=1e3&currency=pln&transactionType=x",
	"page=0&itemsPerPage=-1&direction=up&sortBy=nope",
	"creationDateFrom=x&creationDateTo=2020-01-01T00:00:00Z&status=NEW&showHidden=true&wallet-currency=BTC",
}

func fuzzSetup(t testing.TB) (*Server, []string) {
	srv := NewServer(WithIPNRetry(1, 0))
	t.Cleanup(srv.Close)
	const mcid = "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c"
	ids := []string{mcid, "x", "00000000-0000-4000-8000-000000000000", DefaultReportID, "standard-1"}
	for _, c := range []struct{ path, body string }{
		{"/v3/customers", `{"id":"` + mcid + `","email":"a@b.co"}`},
		{"/v1/transactions", `{"merchantTransactionId":"seed-1","paymentChannel":"PCL_CARD","amount":"10.00","currency":"PLN","customer":{"id":"` + mcid + `","email":"a@b.co","ip":"1.2.3.4"},"paymentSpecificData":{"type":"onetime","saveCard":true,"card":{"number":"4111111111111111","expiryDate":"1230"}}}`},
		{"/v1/payouts", `{"merchantTransactionId":"seed-2","paymentChannel":"PCL_CARD","amount":"10.00","currency":"PLN","customer":{"email":"a@b.co"},"items":[{"name":"a","price":"10.00","quantity":1,"lineAmountTotal":"10.00"}],"billingAddress":{"country":"PL"},"paymentSpecificData":{"type":"dragon","recipientExternalId":"w-1"}}`},
		{"/v1/subscriptions/products", `{"name":"n","description":"d","type":"product"}`},
		{"/v3/customers/" + mcid + "/payouts/card", `{"card":{"number":"4111111111111111","expiryDate":"1230"}}`},
		{"/v1/payment-links", `{"merchantTransactionId":"seed-3","amount":"1.00","currency":"PLN","customer":{"email":"a@b.co","firstName":"a","lastName":"b"},"items":[{"name":"a","price":"1.00","quantity":1}],"expirationDate":"2999-01-01T00:00:00Z"}`},
	} {
		status, body := fuzzDo(t, srv, http.MethodPost, c.path, []byte(c.body))
		var m struct{ ID string }
		if status != http.StatusOK && status != http.StatusCreated || json.Unmarshal(body, &m) != nil || m.ID == "" {
			t.Fatalf("setup %s: %d %s", c.path, status, body)
		}
		ids = append(ids, m.ID)
	}
	for _, x := range srv.Transactions() {
		if x.CardInfo != nil && x.CardInfo.Token != "" {
			ids = append(ids, x.CardInfo.Token)
		}
	}
	return srv, ids
}

func fuzzDo(t testing.TB, srv *Server, method, path string, body []byte) (int, []byte) {
	return fuzzDoAt(t, srv, srv.URL, method, path, body)
}

func fuzzDoAt(t testing.TB, srv *Server, base, method, path string, body []byte) (int, []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	req.Header.Set("request-id", "zentest-fuzz-request-0123456789abcdefghijk")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("checkout-version", "securebroker")
	req.Header.Set("external-customer-id", "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c")
	res, err := srv.api.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s %s: %v (a handler panicked?)", method, path, body, err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s %s: reading the answer: %v", method, path, body, err)
	}
	return res.StatusCode, out
}

// checkoutRoutes are the hosted-checkout routes; only POST /api/checkouts
// answers in ZEN's JSON error shape, the others are pages.
var checkoutRoutes = []route{
	{http.MethodPost, pathCheckouts, nil},
	{http.MethodGet, pathCheckoutPage, nil},
	{http.MethodPost, pathCheckoutPay, nil},
	{http.MethodPost, pathCheckoutDecline, nil},
	{http.MethodGet, pathAuthorizePage, nil},
	{http.MethodPost, pathAuthorizePay, nil},
	{http.MethodPost, pathAuthorizeDecl, nil},
	{http.MethodGet, pathWidgetPage, nil},
	{http.MethodPost, pathWidgetSave, nil},
}

// FuzzRoutes posts arbitrary bodies to every route of both hosts, with
// path parameters naming existing and unknown resources, and requires an
// answer below 500 (a panicking handler drops the connection), in ZEN's
// error shape when an API call fails.
func FuzzRoutes(f *testing.F) {
	for i := range len(apiRoutes) + len(checkoutRoutes) {
		for j, s := range fuzzSeeds {
			f.Add(uint8(i), uint8(j), fuzzQueries[(i+j)%len(fuzzQueries)], []byte(s))
		}
	}
	srv, ids := fuzzSetup(f)
	f.Fuzz(func(t *testing.T, route, pick uint8, query string, body []byte) {
		all := append(slices.Clip(apiRoutes), checkoutRoutes...)
		rt, base := all[int(route)%len(all)], srv.URL
		if int(route)%len(all) >= len(apiRoutes) {
			base = srv.CheckoutURL
		}
		n := int(pick)
		path := rt.path
		for strings.Contains(path, "{") {
			i, j := strings.Index(path, "{"), strings.Index(path, "}")
			path = path[:i] + ids[n%len(ids)] + path[j+1:]
			n /= len(ids)
		}
		if q, err := url.ParseQuery(query); err == nil {
			path += "?" + q.Encode()
		}
		status, out := fuzzDoAt(t, srv, base, rt.method, path, body)
		if status >= 500 {
			t.Fatalf("%s %s %s: %d %s", rt.method, path, body, status, out)
		}
		if status >= 400 && (base == srv.URL || rt.path == pathCheckouts) {
			var e zenError
			if json.Unmarshal(out, &e) != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("%s %s %s: %d answered %s, not ZEN's error shape", rt.method, path, body, status, out)
			}
		}
	})
}
