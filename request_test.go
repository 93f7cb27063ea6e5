package zen

import (
	"context"
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
	err := c.do(context.Background(), http.MethodGet, path, nil, nil)
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
	err = c.do(ctx, http.MethodGet, path, nil, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.NotContains(t, err.Error(), leak)

	mock.RegisterNoResponder(httpmock.NewStringResponder(200, `{"data":`))
	var out map[string]any
	err = c.do(context.Background(), http.MethodGet, path, nil, &out)
	require.ErrorContains(t, err, "decoding response")
	assert.NotContains(t, err.Error(), leak)
}
