package zen

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
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
	Header map[string]string // extra headers that must be present with these values (an Accept here replaces the JSON one)
	Host   string            // host, "api.zen.com" when empty
	NoAuth bool              // no Authorization header (the hosted checkout)
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

func (r *recorded) Bodies() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bodies...)
}

// expectRequest registers a responder for want.Method on any URL that
// asserts the whole request (method, path, query, standard headers, body)
// and answers status with body respBody (JSON).
func expectRequest(t testing.TB, mock *httpmock.MockTransport, want wantRequest, status int, respBody string) *recorded {
	t.Helper()
	return expectAnswer(t, mock, want, func() *http.Response {
		resp := httpmock.NewStringResponse(status, respBody)
		resp.Header.Set("Content-Type", "application/json")
		return resp
	})
}

// expectAnswer is expectRequest with a response of any kind: answer makes
// the response to each request.
func expectAnswer(t testing.TB, mock *httpmock.MockTransport, want wantRequest, answer func() *http.Response) *recorded {
	t.Helper()
	rec := &recorded{}
	mock.RegisterRegexpResponder(want.Method, regexp.MustCompile(`.*`), func(req *http.Request) (*http.Response, error) {
		assertWire(t, req, want, rec)
		return answer(), nil
	})
	return rec
}

// assertWire checks one request against want and records its request-id
// and body.
func assertWire(t testing.TB, req *http.Request, want wantRequest, rec *recorded) {
	t.Helper()
	assert.Equal(t, want.Method, req.Method, "method")
	assert.Equal(t, "https", req.URL.Scheme, "scheme")
	host := want.Host
	if host == "" {
		host = "api.zen.com"
	}
	assert.Equal(t, host, req.URL.Host, "host")
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
	if want.NoAuth {
		_, hasAuth := req.Header["Authorization"]
		assert.False(t, hasAuth, "no Authorization header")
	} else {
		assert.Equal(t, "Bearer "+testKey, req.Header.Get("Authorization"))
	}
	assert.True(t, strings.HasPrefix(req.Header.Get("User-Agent"), "zen-go/"+Version+" go/"), "user agent %q", req.Header.Get("User-Agent"))
	if _, ok := want.Header["Accept"]; !ok {
		assert.Equal(t, "application/json", req.Header.Get("Accept"))
	}
	for k, v := range want.Header {
		assert.Equal(t, v, req.Header.Get(k), "header %s", k)
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	if want.Body == "" {
		assert.Nil(t, req.Body, "no body")
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

// svcCase is one row of a service's wire table: the call, the exact request
// it must send, ZEN's canned answer and checks on the decoded result.
type svcCase struct {
	method string // exported method name ("Sub.Method" for a sub-resource); every method needs a row
	call   func(ctx context.Context, c *Client) (any, error)
	want   wantRequest
	status int    // ZEN's answer status, 200 when zero
	resp   string // ZEN's answer, JSON
	// answer replaces status and resp with a response of another kind (a
	// report file); the request is still checked against want.
	answer func() *http.Response
	// checkout marks a call to the hosted-checkout host: the client is
	// configured with WithCheckout and want.Host defaults to its host.
	checkout bool
	// offline, when set, says why the method sends nothing: the row asserts
	// that no request is made instead of checking one.
	offline string
	check   func(t *testing.T, got any)
}

// wireBases are the base URLs a wire table runs against: the API's and the
// hosted checkout's. The zero value is the SDK's defaults (api.zen.com,
// secure.zen.com) as newTestClient sets them.
type wireBases struct {
	api, checkout string
}

// runSvcCases runs each row against a fresh client and checks that every
// exported method of svc has a row and every row names a method of svc.
func runSvcCases(t *testing.T, svc any, cases []svcCase) {
	t.Helper()
	runSvcCasesAt(t, wireBases{}, svc, cases)
}

// runSvcCasesAt is runSvcCases with the client pointed at bases: each row's
// expected host is the base's host and its path the base's path followed by
// the row's endpoint path.
func runSvcCasesAt(t *testing.T, bases wireBases, svc any, cases []svcCase) {
	t.Helper()
	methods := svcMethodNames(reflect.TypeOf(svc), "")
	covered := map[string]bool{}
	for _, tc := range cases {
		// A row labelled with a name svc does not have would count a method
		// as covered that its call may never reach.
		assert.Contains(t, methods, tc.method, "wire row %q names no method of %T", tc.method, svc)
		covered[tc.method] = true
		t.Run(tc.method, func(t *testing.T) {
			var opts []Option
			want := tc.want
			base := bases.api
			if tc.checkout {
				opts = append(opts, WithCheckout(testTerminalUUID, testPaywallSecret))
				base = bases.checkout
				if want.Host == "" {
					want.Host = "secure.zen.com"
				}
			}
			if base != "" {
				u, err := url.Parse(base)
				require.NoError(t, err)
				// A trailing slash on the base is not doubled.
				want.Host, want.Path = u.Host, strings.TrimSuffix(u.EscapedPath(), "/")+want.Path
				if tc.checkout {
					opts = append(opts, WithCheckoutURL(base))
				} else {
					opts = append(opts, WithBaseURL(base))
				}
			}
			c, mock := newTestClient(t, opts...)
			switch {
			case tc.offline != "":
			case tc.answer != nil:
				expectAnswer(t, mock, want, tc.answer)
			default:
				expectRequest(t, mock, want, cmp.Or(tc.status, http.StatusOK), tc.resp)
			}
			got, err := tc.call(context.Background(), c)
			require.NoError(t, err)
			if tc.offline != "" {
				assertNoCalls(t, mock)
			} else {
				assert.Equal(t, 1, mock.GetTotalCallCount(), "exactly one HTTP call")
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
	for _, name := range methods {
		assert.True(t, covered[name], "%s has no wire test row", name)
	}
}

// svcMethodNames lists the methods of the service type typ (a pointer) and,
// as "Field.Method", those of its sub-resource services.
func svcMethodNames(typ reflect.Type, prefix string) []string {
	var out []string
	for i := 0; i < typ.NumMethod(); i++ {
		out = append(out, prefix+typ.Method(i).Name)
	}
	if st := typ.Elem(); st.Kind() == reflect.Struct {
		for i := 0; i < st.NumField(); i++ {
			f := st.Field(i)
			if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
				out = append(out, svcMethodNames(f.Type, prefix+f.Name+".")...)
			}
		}
	}
	return out
}

// validationCase is a call that must fail validation on field without
// any HTTP call; with rule set, the first *ValidationError must be exactly
// {field, rule}.
type validationCase struct {
	name  string // the subtest's name, unique in its table
	field string
	rule  string // the whole rule of the first failure, when set
	// ruleContains, when set, is part of the rule field fails with, among
	// all the failures.
	ruleContains string
	call         func(c *Client) error
}

// runValidationCases is the one validation-table runner: each call gets a
// fresh client (configured for the hosted checkout too) and must fail with
// a *ValidationError matching ErrValidation, naming its field (and rule),
// before any request is sent. A name used twice fails the table, as a
// second row of that name would never be told apart from the first.
func runValidationCases(t *testing.T, cases []validationCase) {
	t.Helper()
	seen := make(map[string]bool, len(cases))
	for _, tc := range cases {
		require.NotEmpty(t, tc.name, "a validation row needs a name")
		require.False(t, seen[tc.name], "validation row name %q is used twice", tc.name)
		seen[tc.name] = true
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := checkoutTestClient(t)
			err := tc.call(c)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, ErrValidation)
			switch {
			case tc.rule != "":
				assert.Equal(t, ValidationError{Field: tc.field, Rule: tc.rule}, *ve)
			case tc.ruleContains != "":
				rule, ok := ruleOf(err, tc.field)
				require.True(t, ok, "fields refused: %v", validationFields(err))
				assert.Contains(t, rule, tc.ruleContains)
			default:
				assert.Contains(t, validationFields(err), tc.field)
			}
			assertNoCalls(t, mock)
		})
	}
}

// collect drains an iterator, stopping at the first error.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// validationFields lists the Field of every *ValidationError in err.
func validationFields(err error) []string {
	var out []string
	for _, ve := range validationErrors(err) {
		out = append(out, ve.Field)
	}
	return out
}

// ruleOf returns the rule of the first failure of field in err.
func ruleOf(err error, field string) (string, bool) {
	for _, ve := range validationErrors(err) {
		if ve.Field == field {
			return ve.Rule, true
		}
	}
	return "", false
}

// validationErrors lists the *ValidationErrors err holds, joined ones
// included, in order.
func validationErrors(err error) []*ValidationError {
	var out []*ValidationError
	var walk func(error)
	walk = func(e error) {
		if ve, ok := e.(*ValidationError); ok {
			out = append(out, ve)
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return out
}

func checkoutTestClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	return newTestClient(t, append([]Option{WithCheckout(testTerminalUUID, testPaywallSecret)}, opts...)...)
}

// pagedAnswer is one expected list request (its raw query) and the answer.
type pagedAnswer struct {
	query  string
	status int
	body   string
}

// expectPages registers a GET responder that checks the i-th request
// against path and answers[i].query on the wire and answers with
// answers[i]; a request beyond the list fails the test. It returns the
// request counter.
func expectPages(t *testing.T, mock *httpmock.MockTransport, path string, answers ...pagedAnswer) *atomic.Int32 {
	t.Helper()
	var n atomic.Int32
	mock.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`.*`), func(req *http.Request) (*http.Response, error) {
		i := int(n.Add(1)) - 1
		if i >= len(answers) {
			t.Errorf("unexpected request %d: %s", i+1, req.URL)
			return httpmock.NewStringResponse(http.StatusTeapot, ""), nil
		}
		assertWire(t, req, wantRequest{Method: http.MethodGet, Path: path, Query: answers[i].query}, &recorded{})
		resp := httpmock.NewStringResponse(answers[i].status, answers[i].body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return &n
}

type plainBody struct {
	Name string `json:"name"`
}

// script answers each request with the next step; it records every
// request-id and body it receives.
type script struct {
	mu     sync.Mutex
	steps  []func(*http.Request) (*http.Response, error)
	ids    []string
	bodies [][]byte
}

func (s *script) responder(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	s.mu.Lock()
	s.ids = append(s.ids, req.Header.Get("request-id"))
	s.bodies = append(s.bodies, body)
	n := len(s.ids) - 1
	s.mu.Unlock()
	if n >= len(s.steps) {
		return nil, errors.New("script: unexpected request")
	}
	return s.steps[n](req)
}

func status(code int, body string, hdr ...string) func(*http.Request) (*http.Response, error) {
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(code, body)
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		return r, nil
	}
}

func dropped(*http.Request) (*http.Response, error) { return nil, io.ErrUnexpectedEOF }

// errOf keeps the error of a (result, error) pair.
func errOf[T any](_ T, err error) error { return err }

func testCard() CardDetails {
	return CardDetails{Number: testCardPAN, ExpiryDate: "0129", CVV: testCardCVV, CardHolderName: "Jan Kowalski"}
}

const testCardJSON = `{"number":"4111111111111111","expiryDate":"0129","cvv":"987","cardHolderName":"Jan Kowalski"}`
