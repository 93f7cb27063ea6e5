package zen

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jarcoal/httpmock"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDoSendsHeadersAndDecodes(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/ping", Query: "a=b"}, 200, `{"ok":true}`)
	var out struct{ OK bool }
	require.NoError(t, c.doTest(context.Background(), http.MethodGet, "/v1/ping?a=b", nil, &out))
	assert.True(t, out.OK)
}

func TestBaseURLRules(t *testing.T) {
	ok := []string{"https://api.zen.com", "https://api.zen-test.com/", "http://localhost:8080", "http://127.0.0.1:9", "http://127.1.2.3", "http://[::1]:80", "https://proxy.example/zen"}
	for _, u := range ok {
		c, err := NewClient("k", WithBaseURL(u))
		if assert.NoError(t, err, u) {
			assert.False(t, strings.HasSuffix(c.BaseURL(), "/"), "trailing slash trimmed: %s", c.BaseURL())
		}
	}
	const plainHTTP, notHTTPS, invalid = "plain http is allowed only for loopback hosts; use https", "scheme must be https", "want scheme://host[/path]"
	bad := map[string]string{
		"http://api.zen.com": plainHTTP, "http://10.0.0.1": plainHTTP, "ftp://api.zen.com": notHTTPS, "api.zen.com": invalid,
		"https://": invalid, "https://user:pw@api.zen.com": invalid, "https://api.zen.com?x=1": invalid, "http://localhost.evil.com": plainHTTP,
	}
	for u, rule := range bad {
		_, err := NewClient("k", WithBaseURL(u))
		assert.ErrorContains(t, err, rule, u)
	}
	_, err := NewClient("k", WithCheckoutURL("http://secure.zen.com"))
	assert.EqualError(t, err, `zen: checkout URL "http://secure.zen.com": `+plainHTTP)
}

func TestNewClientOptions(t *testing.T) {
	_, err := NewClient("")
	assert.ErrorIs(t, err, ErrMissingAPIKey)
	_, err = NewClient("k", WithMaxRetries(-1))
	assert.EqualError(t, err, "zen: WithMaxRetries(-1): must be 0..10")
	_, err = NewClient("k", WithHTTPClient(nil))
	assert.EqualError(t, err, "zen: WithHTTPClient: nil *http.Client")
	_, err = NewClient("k", WithUserAgent("a\r\nb"))
	assert.EqualError(t, err, "zen: WithUserAgent: control characters")
	_, err = NewClient("k", WithTerminalID("x"))
	assert.EqualError(t, err, "zen: WithTerminalID: must be 3..128 characters of [a-zA-Z0-9-]")

	c, err := NewClient("k", WithSandbox())
	require.NoError(t, err)
	assert.Equal(t, SandboxURL, c.BaseURL())
	assert.Equal(t, SandboxCheckoutURL, c.checkoutURL)

	c, err = NewClient("k")
	require.NoError(t, err)
	assert.Equal(t, ProductionURL, c.BaseURL())
	hc := c.transport.HTTPClient
	assert.NotSame(t, http.DefaultClient, hc)
	tr, ok := hc.Transport.(*http.Transport)
	require.True(t, ok)
	assert.NotSame(t, http.DefaultTransport, tr)
	assert.Equal(t, DefaultMaxIdleConns, tr.MaxIdleConnsPerHost, "one idle connection per concurrent caller up to 256")
	assert.Zero(t, tr.ResponseHeaderTimeout, "a timer on every attempt: the SDK bounds the header wait itself")
	assert.Equal(t, headerTimeout, c.transport.HeaderTimeout)
	assert.NotZero(t, tr.TLSHandshakeTimeout)
}

func TestUserAgentAndTerminalID(t *testing.T) {
	c, mock := newTestClient(t, WithUserAgent("shop/2.1"), WithTerminalID("term-01"))
	var got http.Header
	mock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		got = r.Header.Clone()
		return httpmock.NewStringResponse(204, ``), nil
	})
	require.NoError(t, c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, &struct{}{}))
	assert.Regexp(t, `^zen-go/`+regexp.QuoteMeta(Version)+` go/go[0-9.]+\S* shop/2\.1$`, got.Get("User-Agent"))
	assert.Equal(t, "term-01", got.Get("terminal-id"))
}

func TestNewClientFromEnv(t *testing.T) {
	for _, k := range []string{EnvCheckoutURL, EnvTerminalUUID, EnvPaywallSecret} {
		t.Setenv(k, "")
	}
	t.Setenv(EnvAPIKey, "env-key")
	t.Setenv(EnvAPIURL, "")
	t.Setenv(EnvSandbox, "true")
	c, err := NewClientFromEnv()
	require.NoError(t, err)
	assert.Equal(t, SandboxURL, c.BaseURL())

	t.Setenv(EnvAPIURL, "http://127.0.0.1:8089")
	c, err = NewClientFromEnv()
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8089", c.BaseURL(), "explicit URL wins over sandbox")

	c, err = NewClientFromEnv(WithBaseURL("https://override.example"))
	require.NoError(t, err)
	assert.Equal(t, "https://override.example", c.BaseURL(), "options win over env")

	t.Setenv(EnvSandbox, "maybe")
	_, err = NewClientFromEnv()
	assert.EqualError(t, err, `zen: ZEN_SANDBOX="maybe": want true or false`)

	t.Setenv(EnvSandbox, "")
	t.Setenv(EnvAPIKey, "")
	_, err = NewClientFromEnv()
	assert.ErrorIs(t, err, ErrMissingAPIKey)
}

func TestNewClientFromEnvCheckout(t *testing.T) {
	t.Setenv(EnvAPIKey, "env-key")
	t.Setenv(EnvAPIURL, "")
	t.Setenv(EnvSandbox, "")
	t.Setenv(EnvCheckoutURL, "http://127.0.0.1:8090")
	t.Setenv(EnvTerminalUUID, "5c3d7a4e-2b1f-4c8e-9a6d-0f1e2d3c4b5a")
	t.Setenv(EnvPaywallSecret, "paywall-secret")
	c, err := NewClientFromEnv()
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8090", c.checkoutURL)
	require.NotNil(t, c.checkout)
	assert.Equal(t, "5c3d7a4e-2b1f-4c8e-9a6d-0f1e2d3c4b5a", c.checkout.terminalUUID)
	assert.Equal(t, "paywall-secret", c.checkout.secret.Reveal())

	t.Setenv(EnvPaywallSecret, "")
	_, err = NewClientFromEnv()
	assert.ErrorContains(t, err, "set both ZEN_TERMINAL_UUID and ZEN_PAYWALL_SECRET")

	t.Setenv(EnvTerminalUUID, "")
	t.Setenv(EnvCheckoutURL, "http://secure.zen.com")
	_, err = NewClientFromEnv()
	assert.EqualError(t, err, `zen: checkout URL "http://secure.zen.com": plain http is allowed only for loopback hosts; use https`)
}

func TestRequestIDGenerator(t *testing.T) {
	id := NewRequestID()
	assert.Len(t, id, 43)
	assert.NoError(t, ValidateRequestID(id))
	assert.NotEqual(t, id, NewRequestID())
	for range 100 {
		id := NewRequestID()
		u, err := uuid.Parse(strings.TrimPrefix(id, "zen-go-"))
		require.NoError(t, err, id)
		assert.True(t, strings.HasPrefix(id, "zen-go-") && u.String() == id[7:], "%s is not zen-go- and a UUID in canonical form", id)
		assert.Equal(t, uuid.Version(4), u.Version(), id)
		assert.Equal(t, uuid.RFC4122, u.Variant(), id)
	}

	c, mock := newTestClient(t, WithRequestIDGenerator(func() string { return "short" }))
	err := c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, ValidationError{Field: "request-id", Rule: "must be 38 to 1024 characters"}, *ve)
	assertNoCalls(t, mock)
}

func TestEmptySuccessBodies(t *testing.T) {
	c, mock := newTestClient(t)
	mock.RegisterNoResponder(httpmock.NewStringResponder(200, ``))
	var out map[string]any
	require.NoError(t, c.doTest(context.Background(), http.MethodDelete, "/v1/x", nil, &out))
	assert.Nil(t, out)

	mock.RegisterNoResponder(httpmock.NewStringResponder(200, `{not json`))
	err := c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, &out)
	var re *ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 200, re.StatusCode)
	var se *json.SyntaxError
	assert.ErrorAs(t, err, &se)
}

// TestUserAgentControlCharactersRefused checks that WithUserAgent refuses
// every control character, as its error says, not only CR and LF: net/http
// would refuse the header on every call.
func TestUserAgentControlCharactersRefused(t *testing.T) {
	for _, ua := range []string{"shop\x00", "shop\x7f/1", "shop\t1", "a\rb"} {
		_, err := NewClient("k", WithUserAgent(ua))
		assert.EqualError(t, err, "zen: WithUserAgent: control characters", "%q", ua)
	}
	_, err := NewClient("k", WithUserAgent("shop/2.1 (+https://shop.example)"))
	assert.NoError(t, err)
}

// TestBaseURLErrorsHideUserInfo checks that a refused base URL is not
// echoed with the password it carries.
func TestBaseURLErrorsHideUserInfo(t *testing.T) {
	for _, u := range []string{"https://user:hunter2@api.zen.com", "http://user:hunter2@10.0.0.1", "ftp://user:hunter2@x", "https://user:hunter2@api.zen.com?x=1", "https://user:hunter2@host:bad"} {
		_, err := NewClient("k", WithBaseURL(u))
		require.ErrorContains(t, err, "[REDACTED]@", u)
		assert.NotContains(t, err.Error(), "hunter2")
		_, err = NewClient("k", WithCheckoutURL(u))
		require.ErrorContains(t, err, "[REDACTED]@", u)
		assert.NotContains(t, err.Error(), "hunter2")
	}
	_, err := NewClient("k", WithBaseURL("ftp://api.zen.com"))
	assert.ErrorContains(t, err, `"ftp://api.zen.com"`, "a URL without user info is still shown")
}

func TestRedirectsFollowedForReadsOnly(t *testing.T) {
	var gets int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/transactions", "/v1/old":
			http.Redirect(w, r, "/v1/new", http.StatusFound)
		case "/v1/new":
			gets++
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"ok":true}`)
		}
	}))
	defer srv.Close()
	c, err := NewClient(testKey, WithBaseURL(srv.URL))
	require.NoError(t, err)

	var out struct{ OK bool }
	require.NoError(t, c.doTest(context.Background(), http.MethodGet, "/v1/old", nil, &out))
	assert.True(t, out.OK, "a GET follows the redirect")

	out.OK = false
	err = c.doTest(context.Background(), http.MethodPost, "/v1/transactions", plainBody{Name: "x"}, &out)
	var ae *APIError
	require.ErrorAs(t, err, &ae, "a POST is not turned into a GET")
	assert.Equal(t, http.StatusFound, ae.StatusCode)
	assert.False(t, out.OK)
	assert.Equal(t, 1, gets)
}
