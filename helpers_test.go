package zen

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey  = "test-key-0123456789abcdef"
	testBase = "https://api.zen.com"
)

var requestIDPattern = regexp.MustCompile(`^[a-zA-Z0-9?&:_|\-\/=+.,#\s]+$`)

// newTestClient returns a client wired to an httpmock transport with
// backoff waits disabled, plus the mock for registering responders.
func newTestClient(t testing.TB, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	base := []Option{
		WithHTTPClient(&http.Client{Transport: mock}),
		WithBaseURL(testBase),
		WithBackoff(0, 0, 0),
	}
	c, err := NewClient(testKey, append(base, opts...)...)
	require.NoError(t, err)
	return c, mock
}

// wantRequest describes the exact request a test expects on the wire.
type wantRequest struct {
	Method string
	Path   string            // escaped path, without query
	Query  string            // raw query expected, "" for none (compared after parsing)
	Body   string            // exact JSON body, "" for no body
	Header map[string]string // extra headers that must be present with these values
}

// recorded holds what the responder saw, for assertions after the call.
type recorded struct {
	mu         sync.Mutex
	requestIDs []string
	bodies     []string
}

func (r *recorded) IDs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requestIDs...)
}

// expectRequest registers a responder for want.Method on any URL that
// asserts the whole request (method, path, query, standard headers, body)
// and answers status with body respBody (JSON).
func expectRequest(t testing.TB, mock *httpmock.MockTransport, want wantRequest, status int, respBody string) *recorded {
	t.Helper()
	rec := &recorded{}
	mock.RegisterRegexpResponder(want.Method, regexp.MustCompile(`.*`), func(req *http.Request) (*http.Response, error) {
		assertWire(t, req, want, rec)
		resp := httpmock.NewStringResponse(status, respBody)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return rec
}

// assertWire checks one request against want and records its request-id
// and body.
func assertWire(t testing.TB, req *http.Request, want wantRequest, rec *recorded) {
	t.Helper()
	assert.Equal(t, want.Method, req.Method, "method")
	assert.Equal(t, "api.zen.com", req.URL.Host, "host")
	assert.Equal(t, want.Path, req.URL.EscapedPath(), "path")
	if want.Query == "" {
		assert.Empty(t, req.URL.RawQuery, "query")
	} else {
		wq, err := parseQuery(want.Query)
		require.NoError(t, err)
		assert.Equal(t, wq, map[string][]string(req.URL.Query()), "query")
	}
	id := req.Header.Get("request-id")
	assert.GreaterOrEqual(t, len(id), 38, "request-id length")
	assert.LessOrEqual(t, len(id), 1024, "request-id length")
	assert.Regexp(t, requestIDPattern, id, "request-id pattern")
	assert.Equal(t, "Bearer "+testKey, req.Header.Get("Authorization"))
	assert.True(t, strings.HasPrefix(req.Header.Get("User-Agent"), "zen-go/"+Version+" go/"), "user agent %q", req.Header.Get("User-Agent"))
	assert.Equal(t, "application/json", req.Header.Get("Accept"))
	for k, v := range want.Header {
		assert.Equal(t, v, req.Header.Get(k), "header %s", k)
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	if want.Body == "" {
		assert.Empty(t, body, "body")
		assert.Empty(t, req.Header.Get("Content-Type"), "content type without body")
	} else {
		assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
		assert.JSONEq(t, want.Body, string(body), "body")
	}
	rec.mu.Lock()
	rec.requestIDs = append(rec.requestIDs, id)
	rec.bodies = append(rec.bodies, string(body))
	rec.mu.Unlock()
}

func parseQuery(q string) (map[string][]string, error) {
	req, err := http.NewRequest(http.MethodGet, "https://x/?"+q, nil)
	if err != nil {
		return nil, err
	}
	return req.URL.Query(), nil
}

// assertNoCalls checks that the mock saw no request (validation failed
// before the network).
func assertNoCalls(t testing.TB, mock *httpmock.MockTransport) {
	t.Helper()
	assert.Zero(t, mock.GetTotalCallCount(), "no HTTP call expected")
}

// mustJSONString marshals v for use as a canned response.
func mustJSONString(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// doTest sends method path through the client's one request path, for
// tests of that path itself: the retry class is the one the method and body
// imply (a body with an idempotencyKey method is keyed).
func (c *Client) doTest(ctx context.Context, method, path string, in, out any) error {
	return c.do(ctx, testEndpoint(method, in), path, in, out, nil, nil)
}

func testEndpoint(method string, in any) *endpoint {
	ep := &endpoint{method: method, path: "/test", retry: idempotent}
	if method == http.MethodPost {
		ep.retry = unsafe
		if k, ok := in.(interface{ idempotencyKey() string }); ok && k.idempotencyKey() != "" {
			ep.retry = keyed
		}
	}
	return ep
}
