package zen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretNeverPrints(t *testing.T) {
	const key = "sk_live_supersecret_value_123"
	s := NewSecret(key)
	holder := struct {
		Exported   Secret
		unexported Secret
		Auth       *KeyAuth
	}{s, s, BearerAuth(key)}
	var logBuf bytes.Buffer
	slog.New(slog.NewJSONHandler(&logBuf, nil)).Info("x", "secret", s, "holder", holder)
	slog.New(slog.NewTextHandler(&logBuf, nil)).Info("x", "secret", s, "holder", holder)
	outputs := []string{
		s.String(), s.GoString(), fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q %x %d", s, s, s, s, s, s, s),
		fmt.Sprintf("%v %+v %#v", holder, holder, holder), fmt.Sprintf("%v %+v", &holder, &holder), logBuf.String(),
	}
	for _, out := range outputs {
		assert.NotContains(t, out, key)
		assert.NotContains(t, out, "supersecret")
	}
	assert.Equal(t, key, s.Reveal())
}

func TestClientNeverPrintsKey(t *testing.T) {
	c, err := NewClient("sk_live_do_not_print_me")
	require.NoError(t, err)
	for _, out := range []string{fmt.Sprint(c), fmt.Sprintf("%+v %#v %v", c, c, *c), fmt.Sprintf("%+v", c.transport)} {
		assert.NotContains(t, out, "do_not_print_me")
	}
}

func TestAuthSchemes(t *testing.T) {
	cases := []struct {
		name   string
		opts   []Option
		header string
		want   string
	}{
		{"bearer default", nil, "Authorization", "Bearer k-123"},
		{"raw", []Option{WithAuthenticator(RawAuth("k-123"))}, "Authorization", "k-123"},
		{"x-api-key", []Option{WithAuthenticator(HeaderAuth("x-api-key", "k-123"))}, "X-Api-Key", "k-123"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mock := httpmock.NewMockTransport()
			c, err := NewClient("k-123", append([]Option{WithHTTPClient(&http.Client{Transport: mock})}, tc.opts...)...)
			require.NoError(t, err)
			var got http.Header
			mock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
				got = r.Header.Clone()
				return httpmock.NewStringResponse(200, `{}`), nil
			})
			require.NoError(t, c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil))
			assert.Equal(t, tc.want, got.Get(tc.header))
			if tc.header != "Authorization" {
				assert.Empty(t, got.Get("Authorization"))
			}
		})
	}
}

func TestSetAPIKeyRotatesForRetries(t *testing.T) {
	c, mock := newTestClient(t)
	var seen []string
	mock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Header.Get("Authorization"))
		if len(seen) == 1 {
			require.NoError(t, c.SetAPIKey("rotated-key"))
			return httpmock.NewStringResponse(503, ``), nil
		}
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	require.NoError(t, c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil))
	assert.Equal(t, []string{"Bearer " + testKey, "Bearer rotated-key"}, seen)
	assert.ErrorIs(t, c.SetAPIKey(""), ErrMissingAPIKey)
	assert.EqualError(t, c.SetAPIKey("a\nb"), "zen: API key contains a control character")
}

func TestSetAPIKeyWithCustomAuthenticator(t *testing.T) {
	c, err := NewClient("", WithAuthenticator(AuthenticatorFunc(func(context.Context, http.Header) error { return nil })))
	require.NoError(t, err)
	assert.EqualError(t, c.SetAPIKey("x"), "zen: the configured authenticator zen.AuthenticatorFunc cannot change its key")
}

func TestAuthenticatorErrorIsNotRetried(t *testing.T) {
	errVault := errors.New("vault unavailable")
	calls := 0
	failing := AuthenticatorFunc(func(context.Context, http.Header) error {
		calls++
		return errVault
	})
	c, mock := newTestClient(t, WithAuthenticator(failing))
	err := c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil)
	require.ErrorIs(t, err, errVault)
	assert.Equal(t, 1, calls)
	assertNoCalls(t, mock)
}

// TestConcurrentCallsWithRotation runs 100 goroutines through one client
// against a loopback server while the key is rotated, under -race.
func TestConcurrentCallsWithRotation(t *testing.T) {
	var valid sync.Map
	valid.Store("Bearer key-0", true)
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := valid.Load(r.Header.Get("Authorization")); !ok {
			w.WriteHeader(401)
			return
		}
		served.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"`+r.URL.Path+`"}`)
	}))
	defer srv.Close()
	c, err := NewClient("key-0", WithBaseURL(srv.URL))
	require.NoError(t, err)

	var wg sync.WaitGroup
	errs := make(chan error, 100*20)
	for g := 0; g < 100; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				var out struct{ ID string }
				path := fmt.Sprintf("/v1/transactions/%d-%d", g, i)
				if err := c.doTest(context.Background(), http.MethodGet, path, nil, &out); err != nil {
					errs <- err
					continue
				}
				if out.ID != path {
					errs <- fmt.Errorf("got %q for %q", out.ID, path)
				}
			}
		}(g)
	}
	for k := 1; k <= 5; k++ {
		key := fmt.Sprintf("key-%d", k)
		valid.Store("Bearer "+key, true) // the new key works before the client switches
		require.NoError(t, c.SetAPIKey(key))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.EqualValues(t, 2000, served.Load())
}

func TestLoggingHasMetadataButNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	const key = "sk_live_never_log_this"
	mock := httpmock.NewMockTransport()
	c, err := NewClient(key, WithHTTPClient(&http.Client{Transport: mock}), WithLogger(logger), WithBackoff(0, 0, 0))
	require.NoError(t, err)
	n := 0
	mock.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return httpmock.NewStringResponse(503, `{"message":"card 4111111111111111"}`), nil
		}
		return httpmock.NewStringResponse(400, `{"message":"bad cvv 123 for card 4111111111111111"}`), nil
	})
	body := map[string]string{"number": "4111111111111111", "email": "buyer@example.com"}
	err = c.doTest(context.Background(), http.MethodGet, "/v1/transactions/merchant/order-9?email=buyer%40example.com", body, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.ErrorIs(t, err, ErrValidation)
	logs := buf.String()
	for _, secret := range []string{key, "never_log", "4111111111111111", "buyer@example.com", "buyer%40example.com"} {
		assert.NotContains(t, logs, secret)
		assert.NotContains(t, err.Error(), secret)
	}
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	require.Len(t, lines, 2)
	for _, want := range []string{`"method":"GET"`, `"path":"/v1/transactions/merchant/order-9"`, `"status":503`, `"attempt":1`, `"request_id":"zen-go-`, `"duration":`} {
		assert.Contains(t, lines[0], want)
	}
	assert.Contains(t, lines[1], `"attempt":2`)
}

// TestKeyWithControlCharacterRefused checks that every control character,
// not only CR, LF and NUL, is refused when the key is set: net/http refuses
// such a header value on every call, as a connection error that GETs retry.
func TestKeyWithControlCharacterRefused(t *testing.T) {
	for _, key := range []string{"k\x01ey", "key\x7f", "k\tey", "key\u0085"} {
		_, err := NewClient(key)
		const refused = "zen: API key contains a control character"
		assert.EqualError(t, err, refused, "%q", key)
		c, _ := newTestClient(t)
		assert.EqualError(t, c.SetAPIKey(key), refused, "%q", key)
		assert.EqualError(t, BearerAuth(key).Authenticate(context.Background(), http.Header{}), refused, "%q", key)
	}
}

// TestZeroKeyAuthDoesNotPanic checks that a KeyAuth not built by
// BearerAuth, RawAuth or HeaderAuth fails the call with an error instead
// of panicking in the middle of it.
func TestZeroKeyAuthDoesNotPanic(t *testing.T) {
	var a KeyAuth
	assert.EqualError(t, a.Authenticate(context.Background(), http.Header{}), "zen: KeyAuth must be built with BearerAuth, RawAuth or HeaderAuth")
	c, mock := newTestClient(t, WithAuthenticator(&KeyAuth{}))
	err := c.doTest(context.Background(), http.MethodGet, "/v1/x", nil, nil)
	assert.ErrorContains(t, err, "BearerAuth")
	assertNoCalls(t, mock)
}
