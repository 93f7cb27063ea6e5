package zen

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// redirectWorld is a set of loopback servers standing for ZEN and for every
// origin a redirect may point to. Names under example.com (valid for
// httptest's certificate) are mapped to them by dial, so rules about
// non-loopback hosts are exercised without leaving the machine. Every
// request any server gets is recorded.
type redirectWorld struct {
	tlsSrv, plainSrv, plainSrv2 *httptest.Server
	pool                        *x509.CertPool

	origin string // scheme://host[:port] that plays ZEN
	code   int    // status ZEN's redirect uses
	target string // Location of ZEN's redirect; "" answers `{"id":"origin"}`

	mu  sync.Mutex
	got []seenRequest
}

type seenRequest struct {
	Origin, Method, Path, Query string
	Header                      http.Header
}

func newRedirectWorld(t *testing.T) *redirectWorld {
	t.Helper()
	w := &redirectWorld{}
	w.tlsSrv = httptest.NewTLSServer(w)
	w.plainSrv = httptest.NewServer(w)
	w.plainSrv2 = httptest.NewServer(w)
	t.Cleanup(func() { w.tlsSrv.Close(); w.plainSrv.Close(); w.plainSrv2.Close() })
	w.pool = x509.NewCertPool()
	w.pool.AddCert(w.tlsSrv.Certificate())
	return w
}

func (w *redirectWorld) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	from := scheme + "://" + r.Host
	_, _ = io.Copy(io.Discard, r.Body)
	w.mu.Lock()
	w.got = append(w.got, seenRequest{Origin: from, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone()})
	code, target, home := w.code, w.target, w.origin
	w.mu.Unlock()
	rw.Header().Set("Content-Type", "application/json")
	switch {
	case from != home:
		_, _ = io.WriteString(rw, `{"id":"foreign"}`)
	case target != "" && r.URL.Path != "/v1/new":
		rw.Header().Set("Location", target)
		rw.WriteHeader(code)
	default:
		_, _ = io.WriteString(rw, `{"id":"origin"}`)
	}
}

// dial maps test host names to the servers: *.example.com port 443 and
// 8443 to the TLS server, port 80 to the plain one; loopback addresses
// pass; anything else fails, so nothing reaches the internet.
func (w *redirectWorld) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.HasSuffix(host, ".example.com") && (port == "443" || port == "8443"):
		addr = w.tlsSrv.Listener.Addr().String()
	case strings.HasSuffix(host, ".example.com") && port == "80":
		addr = w.plainSrv.Listener.Addr().String()
	case host == "localhost" || net.ParseIP(host).IsLoopback():
	default:
		return nil, fmt.Errorf("test dialer: %s is not a test host", addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// transport is a caller's own Transport that trusts the test certificate.
func (w *redirectWorld) transport() *http.Transport {
	return &http.Transport{DialContext: w.dial, TLSClientConfig: &tls.Config{RootCAs: w.pool}}
}

func (w *redirectWorld) reset(origin string, code int, target string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.origin, w.code, w.target, w.got = origin, code, target, nil
}

func (w *redirectWorld) seen() []seenRequest {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]seenRequest(nil), w.got...)
}

// sdkTransport is the Transport of the client's default HTTP client.
func sdkTransport(c *Client) *http.Transport { return c.ownTransport }

// clientKind builds a client for base with opts, the way a caller would.
type clientKind struct {
	name string
	make func(t *testing.T, w *redirectWorld, base string, opts ...Option) *Client
}

func tlsClientKinds() []clientKind {
	return []clientKind{
		{"default client", func(t *testing.T, w *redirectWorld, base string, opts ...Option) *Client {
			c, err := NewClient(testKey, append([]Option{WithBaseURL(base)}, opts...)...)
			require.NoError(t, err)
			// The SDK's own Transport, told to trust the test certificate
			// and to dial the test servers.
			tr := sdkTransport(c)
			tr.DialContext, tr.Proxy = w.dial, nil
			tr.TLSClientConfig.RootCAs = w.pool
			return c
		}},
		{"caller client", func(t *testing.T, w *redirectWorld, base string, opts ...Option) *Client {
			hc := &http.Client{Transport: w.transport()}
			c, err := NewClient(testKey, append([]Option{WithBaseURL(base), WithHTTPClient(hc)}, opts...)...)
			require.NoError(t, err)
			return c
		}},
		{"caller client following everything", func(t *testing.T, w *redirectWorld, base string, opts ...Option) *Client {
			hc := &http.Client{Transport: w.transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
			c, err := NewClient(testKey, append([]Option{WithBaseURL(base), WithHTTPClient(hc)}, opts...)...)
			require.NoError(t, err)
			return c
		}},
	}
}

var redirectCodes = []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}

var credentialKinds = []struct {
	name   string
	header string
	opt    Option
}{
	{"bearer", "Authorization", nil},
	{"x-api-key", "X-Api-Key", WithAuthenticator(HeaderAuth("x-api-key", testKey))},
}

// assertNothingLeaked checks every request that reached anything but
// ZEN's origin: no credential, no Referer, not the caller's query.
func assertNothingLeaked(t *testing.T, seen []seenRequest, origin, credHeader string) {
	t.Helper()
	for _, r := range seen {
		assert.Empty(t, r.Header.Get("Referer"), "no Referer to %s", r.Origin)
		if r.Origin == origin {
			continue
		}
		assert.Empty(t, r.Header.Get(credHeader), "credential sent to %s", r.Origin)
		assert.Empty(t, r.Header.Get("Authorization"), "Authorization sent to %s", r.Origin)
		assert.NotContains(t, r.Query, "customerEmail", "query carried to %s", r.Origin)
	}
}

// TestAPICallRedirects walks every redirect status, on GET and POST, from
// ZEN's https origin to the same origin, the same host over http, another
// host and another port, with the default client and callers' clients:
// only a GET to the same origin is followed; everything else is the 3xx
// answer, matching ErrRedirect, and reaches no other server.
func TestAPICallRedirects(t *testing.T) {
	w := newRedirectWorld(t)
	const home = "https://api.example.com"
	targets := []struct {
		name, location string
		same           bool
	}{
		{"same origin", home + "/v1/new", true},
		{"same host over http", "http://api.example.com/v1/new", false},
		{"another host", "https://evil.example.com/v1/new?customerEmail=buyer%40shop.example", false},
		{"another port", "https://api.example.com:8443/v1/new", false},
	}
	for _, ck := range tlsClientKinds() {
		for _, cred := range credentialKinds {
			c := ck.make(t, w, home, cred.opt)
			for _, tg := range targets {
				for _, code := range redirectCodes {
					for _, method := range []string{http.MethodGet, http.MethodPost} {
						name := fmt.Sprintf("%s/%s/%s/%d/%s", ck.name, cred.name, tg.name, code, method)
						w.reset(home, code, tg.location)
						var out struct{ ID string }
						var in any
						if method == http.MethodPost {
							in = plainBody{Name: "x"}
						}
						err := c.doTest(context.Background(), method, "/v1/transactions?customerEmail=buyer%40shop.example", in, &out)
						seen := w.seen()
						assertNothingLeaked(t, seen, home, cred.header)
						for _, r := range seen {
							assert.Equal(t, method, r.Method, "%s: no request changes method", name)
						}
						if method == http.MethodGet && tg.same {
							require.NoError(t, err, name)
							assert.Equal(t, "origin", out.ID, name)
							require.Len(t, seen, 2, name)
							assert.Equal(t, "/v1/new", seen[1].Path, name)
							assert.NotEmpty(t, seen[1].Header.Get(cred.header), "%s: ZEN's own origin keeps the credential", name)
							continue
						}
						var ae *APIError
						require.ErrorAs(t, err, &ae, name)
						assert.Equal(t, code, ae.StatusCode, name)
						assert.ErrorIs(t, err, ErrRedirect, name)
						assert.Equal(t, "redirect not followed (to "+strings.Split(tg.location, "?")[0]+")", ae.Message, name)
						assert.Empty(t, out.ID, "%s: nothing decoded", name)
						require.Len(t, seen, 1, "%s: only ZEN's origin got a request", name)
						assert.Equal(t, home, seen[0].Origin, name)
					}
				}
			}
		}
	}
}

// TestAPICallRedirectsPlainClient does the same with a bare &http.Client{}
// (http.DefaultTransport, no CheckRedirect) against a loopback fake over
// plain http: another port and another loopback name are other origins,
// which API calls refuse and report downloads follow without credentials.
func TestAPICallRedirectsPlainClient(t *testing.T) {
	w := newRedirectWorld(t)
	home := w.plainSrv.URL
	port := w.plainSrv.Listener.Addr().(*net.TCPAddr).Port
	c, err := NewClient(testKey, WithBaseURL(home), WithHTTPClient(&http.Client{}))
	require.NoError(t, err)
	for _, location := range []string{w.plainSrv2.URL + "/v1/new", fmt.Sprintf("http://localhost:%d/v1/new", port)} {
		for _, code := range redirectCodes {
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				name := fmt.Sprintf("%s/%d/%s", location, code, method)
				w.reset(home, code, location)
				var in any
				if method == http.MethodPost {
					in = plainBody{Name: "x"}
				}
				err := c.doTest(context.Background(), method, "/v1/transactions?customerEmail=buyer%40shop.example", in, nil)
				var ae *APIError
				require.ErrorAs(t, err, &ae, name)
				assert.Equal(t, code, ae.StatusCode, name)
				assert.ErrorIs(t, err, ErrRedirect, name)
				seen := w.seen()
				require.Len(t, seen, 1, name)
				assert.Equal(t, home, seen[0].Origin, name)
			}
			// A report download may go there (plain http, but loopback),
			// with neither credential nor Referer.
			name := fmt.Sprintf("download %s/%d", location, code)
			w.reset(home, code, location)
			r, err := c.Reports.Download(context.Background(), "r1")
			require.NoError(t, err, name)
			require.NoError(t, r.Close())
			seen := w.seen()
			require.Len(t, seen, 2, name)
			assert.NotEqual(t, home, seen[1].Origin, name)
			assertNothingLeaked(t, seen, home, "Authorization")
		}
	}
}

// TestRefundRedirectedToAnotherTransaction is the case seen with a plain
// caller client: a refund answered 302 → GET /v1/transactions/<other> must
// not return the other transaction as the refund.
func TestRefundRedirectedToAnotherTransaction(t *testing.T) {
	w := newRedirectWorld(t)
	home := w.plainSrv.URL
	c, err := NewClient(testKey, WithBaseURL(home), WithHTTPClient(&http.Client{}))
	require.NoError(t, err)
	for _, code := range redirectCodes {
		w.reset(home, code, "/v1/new")
		tx, err := c.Refunds.Create(context.Background(), &RefundCreateRequest{
			TransactionID: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", MerchantTransactionID: "refund-1",
			Amount: types.MustAmount("1.00"), Currency: "EUR",
		})
		assert.Nil(t, tx, "%d", code)
		assert.ErrorIs(t, err, ErrRedirect, "%d", code)
		for _, r := range w.seen() {
			assert.Equal(t, http.MethodPost, r.Method, "%d: the POST never became a GET", code)
			assert.NotEqual(t, "/v1/new", r.Path, "%d", code)
		}
	}
}

// TestReportDownloadRedirects: a report file may be served from another
// origin, so a download follows a GET redirect there, without credentials,
// Referer or query, but never to plain http on a non-loopback host.
func TestReportDownloadRedirects(t *testing.T) {
	w := newRedirectWorld(t)
	const home = "https://api.example.com"
	targets := []struct {
		name, location string
		followed       bool
		query          string // the target's own, from Location
	}{
		{"another host", "https://evil.example.com/files/r1?sig=s", true, "sig=s"},
		{"another port", "https://api.example.com:8443/files/r1", true, ""},
		{"same host over http", "http://api.example.com/files/r1", false, ""},
		{"another host over http", "http://evil.example.com/files/r1", false, ""},
	}
	for _, ck := range tlsClientKinds() {
		for _, cred := range credentialKinds {
			c := ck.make(t, w, home, cred.opt)
			for _, tg := range targets {
				for _, code := range redirectCodes {
					name := fmt.Sprintf("%s/%s/%s/%d", ck.name, cred.name, tg.name, code)
					w.reset(home, code, tg.location)
					r, err := c.Reports.Download(context.Background(), "r1")
					seen := w.seen()
					assertNothingLeaked(t, seen, home, cred.header)
					if !tg.followed {
						assert.ErrorIs(t, err, ErrRedirect, name)
						require.Len(t, seen, 1, name)
						continue
					}
					require.NoError(t, err, name)
					body, err := io.ReadAll(r)
					require.NoError(t, err, name)
					require.NoError(t, r.Close())
					assert.Equal(t, `{"id":"foreign"}`, string(body), name)
					require.Len(t, seen, 2, name)
					assert.Equal(t, http.MethodGet, seen[1].Method, name)
					assert.Equal(t, "/files/r1", seen[1].Path, name)
					assert.Equal(t, tg.query, seen[1].Query, name)
					assert.NotEmpty(t, seen[0].Header.Get(cred.header), "%s: ZEN itself got the credential", name)
				}
			}
		}
	}
}

// TestRedirectLoopIsOneAttempt: a loop ends after 3 followed hops with the
// 3xx answer (ErrRedirect); it is not retried as a connection error.
func TestRedirectLoopIsOneAttempt(t *testing.T) {
	w := newRedirectWorld(t)
	home := w.plainSrv.URL
	for _, ck := range []struct {
		name string
		hc   *http.Client
	}{{"default client", nil}, {"plain client", &http.Client{}}} {
		opts := []Option{WithBaseURL(home), WithBackoff(0, 0, 0)}
		if ck.hc != nil {
			opts = append(opts, WithHTTPClient(ck.hc))
		}
		c, err := NewClient(testKey, opts...)
		require.NoError(t, err)
		for _, download := range []bool{false, true} {
			w.reset(home, http.StatusFound, "/v1/loop")
			var info ResponseInfo
			ctx := WithResponseInfo(context.Background(), &info)
			if download {
				_, err = c.Reports.Download(ctx, "r1")
			} else {
				err = c.doTest(ctx, http.MethodGet, "/v1/loop", nil, nil)
			}
			var ae *APIError
			require.ErrorAs(t, err, &ae, ck.name)
			assert.Equal(t, http.StatusFound, ae.StatusCode, ck.name)
			assert.ErrorIs(t, err, ErrRedirect, ck.name)
			assert.Equal(t, 1, info.Attempts, "%s: not retried", ck.name)
			assert.Len(t, w.seen(), 4, "%s: the request and 3 hops", ck.name)
		}
	}
}

// TestCrossOriginRedirectWithQueryRefused: a call whose URL has a query never
// follows a redirect to another origin, even where other origins are
// allowed, since the query could be carried there.
func TestCrossOriginRedirectWithQueryRefused(t *testing.T) {
	w := newRedirectWorld(t)
	home := w.plainSrv.URL
	c, err := NewClient(testKey, WithBaseURL(home))
	require.NoError(t, err)
	w.reset(home, http.StatusFound, w.plainSrv2.URL+"/files/r1")
	_, _, err = c.send(context.Background(), &endpoint{method: http.MethodGet, retry: idempotent, file: true}, "/v1/reports/r1/file?customerEmail=buyer%40shop.example", nil, nil, nil)
	assert.ErrorIs(t, err, ErrRedirect)
	assert.Len(t, w.seen(), 1)
}

// followingTransport is a caller's RoundTripper that follows redirects
// itself, through a client of its own.
type followingTransport struct{ inner *http.Client }

func (f followingTransport) RoundTrip(r *http.Request) (*http.Response, error) { return f.inner.Do(r) }

// TestRoundTripperFollowingRedirectsIsRefused: when the caller's own
// RoundTripper follows a redirect, the answer it returns is for another
// request; the call fails with ErrRedirect instead of decoding it, and is
// not retried.
func TestRoundTripperFollowingRedirectsIsRefused(t *testing.T) {
	w := newRedirectWorld(t)
	const home = "https://api.example.com"
	hc := &http.Client{Transport: followingTransport{inner: &http.Client{Transport: w.transport()}}}
	c, err := NewClient(testKey, WithBaseURL(home), WithHTTPClient(hc), WithBackoff(0, 0, 0))
	require.NoError(t, err)
	cases := []struct {
		name, location string
		call           func(ctx context.Context) (any, error)
	}{
		{"refund to the same origin", "/v1/new", func(ctx context.Context) (any, error) {
			return c.Refunds.Create(ctx, &RefundCreateRequest{
				TransactionID: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", MerchantTransactionID: "refund-1",
				Amount: types.MustAmount("1.00"), Currency: "EUR",
			})
		}},
		{"get to another host", "https://evil.example.com/v1/new", func(ctx context.Context) (any, error) {
			return c.Purchases.Get(ctx, "3f2504e0-4f89-41d3-9a0c-0305e82c3301")
		}},
	}
	for _, tc := range cases {
		w.reset(home, http.StatusFound, tc.location)
		var info ResponseInfo
		got, err := tc.call(WithResponseInfo(context.Background(), &info))
		assert.ErrorIs(t, err, ErrRedirect, tc.name)
		var ce *ConnectionError
		assert.ErrorAs(t, err, &ce, tc.name)
		assert.Nil(t, got, tc.name)
		assert.Equal(t, 1, info.Attempts, "%s: not retried", tc.name)
		assert.NotContains(t, err.Error(), "customerEmail", tc.name)
	}
}
