package zen

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrorsNeverCarryTheQuery checks that no error of a call whose path
// has a query (list filters such as customerEmail) repeats the query: the
// *url.Error net/http wraps a connection failure in prints the whole URL.
func TestErrorsNeverCarryTheQuery(t *testing.T) {
	const path = "/v1/payment-links?customerEmail=buyer%40example.com"
	const leak = "buyer"

	c, mock := newTestClient(t, WithMaxRetries(0))
	mock.RegisterNoResponder(func(*http.Request) (*http.Response, error) { return nil, io.ErrUnexpectedEOF })
	err := c.doTest(context.Background(), http.MethodGet, path, nil, nil)
	var ce *ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.NotContains(t, err.Error(), leak)
	var ue *url.Error
	require.ErrorAs(t, err, &ue, "the *url.Error stays reachable")
	assert.Equal(t, "https://api.zen.com/v1/payment-links", ue.URL)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)

	ctx, cancel := context.WithCancel(context.Background())
	mock.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		cancel()
		return nil, context.Canceled
	})
	err = c.doTest(ctx, http.MethodGet, path, nil, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.NotContains(t, err.Error(), leak)

	mock.RegisterNoResponder(httpmock.NewStringResponder(200, `{"data":`))
	var out map[string]any
	err = c.doTest(context.Background(), http.MethodGet, path, nil, &out)
	var re *ResponseError
	require.ErrorAs(t, err, &re)
	var se *json.SyntaxError
	assert.ErrorAs(t, err, &se, "a body that ends early is not JSON")
	assert.NotContains(t, err.Error(), leak)
}

// TestRequestIDMustBeAHeaderValue checks that a request-id ZEN's pattern
// allows only through \s but HTTP cannot carry (line breaks, which would
// inject headers into a RoundTripper that writes them as given) or would
// change on the way (surrounding whitespace, which servers drop) is refused
// before the network.
func TestRequestIDMustBeAHeaderValue(t *testing.T) {
	base := "zen-go-0123456789abcdef0123456789abcdef"
	for _, id := range []string{
		base + "\r\nX-Injected: 1",
		base + "\nx",
		base + "\rx",
		base + "\fx",
		" " + base,
		base + "\t",
	} {
		c, mock := newTestClient(t)
		err := c.doTest(WithRequestID(context.Background(), id), http.MethodGet, "/v1/x", nil, nil)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, "%q", id)
		assert.Equal(t, "request-id", ve.Field)
		assertNoCalls(t, mock)
		err = ValidateRequestID(id)
		require.ErrorAs(t, err, &ve, "%q", id)
		assert.Equal(t, "request-id", ve.Field)
		assert.ErrorIs(t, err, ErrValidation)
	}
	for _, id := range []string{base + " with\tinner whitespace", "|us04oqdnzFQVr0rITD9/c9OvDRE2sXVfwerv."} {
		assert.NoError(t, ValidateRequestID(id), "%q", id)
	}
	assert.True(t, errors.Is(ValidateRequestID(base+"\n"), ErrValidation))
}
