package zen

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

func TestAPIErrorShapes(t *testing.T) {
	cases := []struct {
		name          string
		status        int
		body          string
		code, message string
		sentinel      error
	}{
		{"zen nested", 404, `{"error":{"code":"404","message":"Record Not Found"}}`, "404", "Record Not Found", ErrNotFound},
		{"zen nested numeric code", 400, `{"error":{"code":40001,"message":"amount invalid"}}`, "40001", "amount invalid", ErrValidation},
		{"message only", 401, `{"message":"Unauthorized"}`, "", "Unauthorized", ErrUnauthorized},
		{"payzum", 403, `{"statusCode":403,"code":"MERCHANT_SUSPENDED","message":"suspended"}`, "MERCHANT_SUSPENDED", "suspended", ErrForbidden},
		{"message list", 422, `{"message":["amount must be a string","currency too long"]}`, "", "amount must be a string; currency too long", ErrValidation},
		{"error string", 401, `{"error":"Unauthorized"}`, "", "Unauthorized", ErrUnauthorized},
		{"errorCode", 400, `{"errorCode":"E1","errorMessage":"bad"}`, "E1", "bad", ErrValidation},
		{"plain text", 502, "Bad Gateway\n", "", "Bad Gateway", ErrServer},
		{"empty", 500, "", "", "", ErrServer},
		{"unknown json", 500, `[1,2]`, "", "", ErrServer},
		{"control chars", 400, "line1\r\nline2\x00", "", "line1  line2", ErrValidation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newTestClient(t, WithMaxRetries(0))
			expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/abc"}, tc.status, tc.body)
			err := c.doTest(context.Background(), http.MethodGet, "/v1/transactions/abc", nil, &struct{}{})
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.status, ae.StatusCode)
			assert.Equal(t, tc.code, ae.Code)
			assert.Equal(t, tc.message, ae.Message)
			assert.Equal(t, tc.body, string(ae.Body))
			assert.Len(t, ae.RequestID, 43)
			assert.True(t, errors.Is(err, tc.sentinel), "errors.Is(%v)", tc.sentinel)
			assert.Equal(t, "/v1/transactions/abc", ae.Path)
			assert.Contains(t, ae.Error(), ae.RequestID)
			for _, other := range []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrRateLimited, ErrServer, ErrValidation} {
				if other != tc.sentinel {
					assert.False(t, errors.Is(err, other), "must not match %v", other)
				}
			}
		})
	}
}

func TestAPIErrorBodyIsCapped(t *testing.T) {
	c, mock := newTestClient(t, WithMaxRetries(0))
	huge := `{"message":"` + strings.Repeat("x", 3<<20) + `"}`
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/x"}, 400, huge)
	err := c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Len(t, ae.Body, 1<<20)
	assert.Empty(t, ae.Message, "truncated JSON is not decoded")
}

func TestValidationErrorBeforeNetwork(t *testing.T) {
	c, mock := newTestClient(t)
	ctx := WithRequestID(context.Background(), "too-short")
	err := c.doTest(ctx, http.MethodGet, "/v1/x", nil, nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "request-id", ve.Field)
	assert.Equal(t, "must be 38 to 1024 characters", ve.Rule)
	assert.True(t, errors.Is(err, ErrValidation))
	assertNoCalls(t, mock)

	err = c.doTest(WithRequestID(context.Background(), strings.Repeat("a", 37)+"!"), http.MethodGet, "/v1/x", nil, nil)
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Rule, "must match")
	assertNoCalls(t, mock)
}

func TestCallerRequestIDIsSent(t *testing.T) {
	c, mock := newTestClient(t)
	id := "|us04oqdnzFQVr0rITD9/c9OvDRE2sXVfwerv."
	rec := expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/x"}, 200, `{}`)
	info := &ResponseInfo{}
	require.NoError(t, c.doTest(WithResponseInfo(WithRequestID(context.Background(), id), info), http.MethodGet, "/v1/x", nil, nil))
	assert.Equal(t, []string{id}, rec.IDs())
	assert.Equal(t, ResponseInfo{StatusCode: 200, Header: info.Header, RequestID: id, Attempts: 1}, *info)
}

func TestRejectError(t *testing.T) {
	tx := &types.Transaction{ID: "t1", MerchantTransactionID: "m1", Status: types.StatusRejected, RejectCode: "C40051", RejectReason: "Insufficient funds"}
	err := tx.Err()
	var re *RejectError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, types.RejectInsufficientFunds, re.Code)
	assert.True(t, errors.Is(err, ErrRejected))
	assert.Equal(t, "zen: transaction t1 rejected: C40051 Insufficient funds", err.Error())
	assert.NoError(t, (&types.Transaction{Status: types.StatusAccepted}).Err())
	assert.Nil(t, (&types.Transaction{Status: types.StatusAccepted}).RejectError())
}

func TestAPIErrorRetryAfterParsed(t *testing.T) {
	c, mock := newTestClient(t, WithMaxRetries(0))
	mock.RegisterNoResponder(status(503, `{"message":"maintenance"}`, "Retry-After", "120"))
	err := c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 120*time.Second, ae.RetryAfter)
	assert.True(t, ae.Retryable())
}

func FuzzDecodeErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"error":{"code":"404","message":"Record Not Found"}}`, `{"message":"x"}`,
		`{"statusCode":401,"code":"API_KEY_MISSING","message":"m"}`, `{"error":"x"}`, `{"message":[1,"a"]}`,
		`{"error":{"code":{"a":1}}}`, "plain", "", "\xff\xfe", `{"error":`, `null`, `{"code":1e999}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		code, msg := decodeErrorBody(body)
		if len(msg) > maxMessage+len("…") || len(code) > 128+len("…") {
			t.Fatalf("unbounded output: %d %d", len(code), len(msg))
		}
		e := newAPIError("GET", "/p", "id", &http.Response{StatusCode: 400, Header: http.Header{"Retry-After": {string(body)}}}, body)
		_ = e.Error()
	})
}

// TestAPIErrorStringStaysReadable checks Error() for answers that are not
// ZEN's: a proxy's HTML page is kept in Body but not pasted into the
// message, and a status without a standard text leaves no stray space.
func TestAPIErrorStringStaysReadable(t *testing.T) {
	page := "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"
	c, mock := newTestClient(t, WithMaxRetries(0))
	mock.RegisterNoResponder(status(502, page, "Content-Type", "text/html"))
	err := c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Empty(t, ae.Message)
	assert.Equal(t, page, string(ae.Body))
	assert.Equal(t, "zen: GET /v1/x: 502 Bad Gateway (request-id "+ae.RequestID+")", err.Error())

	e := &APIError{StatusCode: 599, Message: "odd", Method: "GET", Path: "/v1/x", RequestID: "r"}
	assert.Equal(t, "zen: GET /v1/x: 599: odd (request-id r)", e.Error())
}
