package zentest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func newServer(t *testing.T, opts ...zentest.Option) *zentest.Server {
	t.Helper()
	srv := zentest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// resp is one raw answer of the fake.
type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

// noRedirect is an HTTP client that returns 3xx answers as they are.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// call sends a request the way the SDK does (Bearer key, a valid
// request-id, JSON body); edit may change it before it is sent. body is
// sent as is when it is a string, else JSON-encoded.
func call(t *testing.T, srv *zentest.Server, method, path string, body any, edit ...func(*http.Request)) resp {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, srv.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("request-id", "zentest-"+uuid.NewString())
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, e := range edit {
		e(req)
	}
	return send(t, req)
}

func send(t *testing.T, req *http.Request) resp {
	t.Helper()
	res, err := noRedirect.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return resp{Status: res.StatusCode, Header: res.Header, Body: b}
}

// tx decodes a 200 answer as a transaction.
func tx(t *testing.T, r resp) types.Transaction {
	t.Helper()
	require.Equal(t, http.StatusOK, r.Status, "body: %s", r.Body)
	var out types.Transaction
	require.NoError(t, json.Unmarshal(r.Body, &out))
	return out
}

// errMessage returns the message of ZEN's error body and checks its code
// matches the status.
func errMessage(t *testing.T, r resp, status int) string {
	t.Helper()
	require.Equal(t, status, r.Status, "body: %s", r.Body)
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	require.NoError(t, json.Unmarshal(r.Body, &e), "body: %s", r.Body)
	require.Equal(t, strconv.Itoa(status), e.Error.Code)
	return e.Error.Message
}

// purchase returns a valid card purchase body.
func purchase(mtid, amount, card string) map[string]any {
	return map[string]any{
		"merchantTransactionId": mtid,
		"paymentChannel":        "PCL_CARD",
		"amount":                amount,
		"currency":              "PLN",
		"customer":              map[string]any{"email": "buyer@example.com", "ip": "127.0.0.1", "firstName": "Ann"},
		"items": []map[string]any{
			{"name": "Book", "price": amount, "quantity": 1, "lineAmountTotal": amount},
		},
		"paymentSpecificData": map[string]any{
			"type": "onetime",
			"card": map[string]any{"number": card, "expiryDate": "1230", "cvv": "123"},
		},
	}
}

func newMTID() string { return "order-" + uuid.NewString() }

// closeWithin closes srv, failing the test with what when Close does not
// return within waitCtx's bound.
func closeWithin(t *testing.T, srv *zentest.Server, what string) {
	t.Helper()
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-waitCtx(t).Done():
		t.Fatal(what)
	}
}
