package transport

import (
	"context"
	"errors"
	"io"
	"log"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"7", 7 * time.Second, true},
		{"172800", 48 * time.Hour, true}, // reported as sent, not cut to a day
		{"99999999999999999", time.Duration(math.MaxInt64), true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tc := range cases {
		got, ok := RetryAfter(http.Header{"Retry-After": {tc.v}}, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tc.v, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRetryAfterOverflowingSecondsSaturate(t *testing.T) {
	got, ok := RetryAfter(http.Header{"Retry-After": {"99999999999999999999999"}}, time.Now())
	if !ok || got != time.Duration(math.MaxInt64) {
		t.Fatalf("got %v, %v", got, ok)
	}
}

// trackingBody records whether a response body was closed.
type trackingBody struct {
	io.Reader
	closed atomic.Bool
}

func (b *trackingBody) Close() error { b.closed.Store(true); return nil }

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestBodiesClosedOnEveryPath checks that every response the loop does not
// hand back is closed: after a retried status, and when the context is
// cancelled while waiting to retry.
func TestBodiesClosedOnEveryPath(t *testing.T) {
	var bodies []*trackingBody
	var mu sync.Mutex
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rt := rtFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		b := &trackingBody{Reader: strings.NewReader(`{"message":"busy"}`)}
		bodies = append(bodies, b)
		if len(bodies) == 2 {
			cancel() // the loop is about to wait before the third attempt
		}
		return &http.Response{StatusCode: 503, Header: http.Header{}, Body: b, Request: r}, nil
	})
	c := New(Config{HTTPClient: &http.Client{Transport: rt}, MaxRetries: 5, MaxBackoff: time.Hour, MinBackoff: time.Hour, MaxRetryAfter: time.Hour,
		After: func(time.Duration) <-chan time.Time { ch := make(chan time.Time, 1); ch <- time.Now(); return ch }})
	res, err := c.Do(ctx, &Request{Method: http.MethodGet, URL: "https://api.zen.com/v1/x", RequestID: "id"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if res.Response != nil {
		t.Fatal("no response is handed back with a cancelled context")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 2 {
		t.Fatalf("%d attempts", len(bodies))
	}
	for i, b := range bodies {
		if !b.closed.Load() {
			t.Errorf("body of attempt %d left open", i+1)
		}
	}
}

// TestHTTP2AndHTTP1Servers runs the loop against real servers: a keyed
// POST whose first answer is lost after the request was written is resent
// byte for byte with the same request-id and reported Ambiguous, while an
// unsafe POST is not resent.
func TestHTTP2AndHTTP1Servers(t *testing.T) {
	for _, h2 := range []bool{false, true} {
		for _, class := range []Retry{Keyed, Unsafe} {
			var mu sync.Mutex
			var ids, bodies []string
			var protos []string
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				mu.Lock()
				ids = append(ids, r.Header.Get("request-id"))
				bodies = append(bodies, string(b))
				protos = append(protos, r.Proto)
				n := len(ids)
				mu.Unlock()
				if n == 1 {
					panic(http.ErrAbortHandler) // the answer is lost after ZEN read the request
				}
				w.WriteHeader(http.StatusCreated)
			}))
			srv.EnableHTTP2 = h2
			srv.Config.ErrorLog = log.New(io.Discard, "", 0)
			srv.StartTLS()
			hc := srv.Client()
			c := New(Config{HTTPClient: hc, MaxRetries: 2})
			body := []byte(`{"merchantTransactionId":"m-1","amount":"1.00"}`)
			res, err := c.Do(context.Background(), &Request{Method: http.MethodPost, URL: srv.URL + "/v1/transactions", Body: body, RequestID: "zen-go-fixed-request-id-0123456789abcdef", Retry: class})
			srv.Close()
			name := map[bool]string{false: "HTTP/1.1", true: "HTTP/2"}[h2]
			if class == Unsafe {
				if err == nil || len(ids) != 1 {
					t.Errorf("%s unsafe: err %v after %d attempts; want an error after 1", name, err, len(ids))
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s keyed: %v", name, err)
			}
			res.Response.Body.Close()
			if res.Response.StatusCode != http.StatusCreated || res.Attempts != 2 || !res.Ambiguous {
				t.Errorf("%s keyed: status %d, attempts %d, ambiguous %v", name, res.Response.StatusCode, res.Attempts, res.Ambiguous)
			}
			if len(ids) != 2 || ids[0] != ids[1] || bodies[0] != string(body) || bodies[1] != string(body) {
				t.Errorf("%s keyed: ids %q bodies %q", name, ids, bodies)
			}
			if want := map[bool]string{false: "HTTP/1.1", true: "HTTP/2.0"}[h2]; protos[0] != want {
				t.Errorf("served over %s, want %s", protos[0], want)
			}
		}
	}
}

// TestAttemptBodyIsReplayable checks what net/http needs to resend a body
// on its own: a known length and a GetBody giving the same bytes.
func TestAttemptBodyIsReplayable(t *testing.T) {
	body := []byte(`{"merchantTransactionId":"m-1"}`)
	rt := rtFunc(func(r *http.Request) (*http.Response, error) {
		if r.ContentLength != int64(len(body)) || r.GetBody == nil {
			t.Errorf("ContentLength %d, GetBody set %v", r.ContentLength, r.GetBody != nil)
		} else {
			for i := 0; i < 2; i++ {
				rc, _ := r.GetBody()
				got, _ := io.ReadAll(rc)
				if string(got) != string(body) {
					t.Errorf("GetBody gave %q", got)
				}
			}
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	c := New(Config{HTTPClient: &http.Client{Transport: rt}})
	res, err := c.Do(context.Background(), &Request{Method: http.MethodPost, URL: "https://api.zen.com/v1/x", Body: body, RequestID: "id"})
	if err != nil {
		t.Fatal(err)
	}
	res.Response.Body.Close()
}

// TestBackoffBounds checks the documented range [0, min(MaxBackoff,
// MinBackoff*2^attempt)], including a zero base (no wait, not a random one
// up to the cap) and a base whose doubling would overflow.
func TestBackoffBounds(t *testing.T) {
	zero := &Config{MinBackoff: 0, MaxBackoff: time.Hour}
	for attempt := 0; attempt < 12; attempt++ {
		if d := zero.Backoff(attempt); d != 0 {
			t.Fatalf("zero base, attempt %d: %v", attempt, d)
		}
	}
	big := &Config{MinBackoff: time.Duration(1<<44 + 1<<40), MaxBackoff: time.Duration(math.MaxInt64)}
	for attempt := 0; attempt < 70; attempt++ {
		ceil := time.Duration(math.MaxInt64)
		if attempt < 19 {
			ceil = big.MinBackoff << attempt
		}
		for i := 0; i < 50; i++ {
			if d := big.Backoff(attempt); d < 0 || d > ceil {
				t.Fatalf("attempt %d: %v outside [0, %v]", attempt, d, ceil)
			}
		}
	}
}

// TestHeaderSnapshotSeesEveryChange: the headers an Authenticator set are
// found whether it adds, replaces, appends to, deletes or changes a value
// in place, with few headers (the fixed arrays) or many (the clone).
func TestHeaderSnapshotSeesEveryChange(t *testing.T) {
	for _, extra := range []int{0, 12} {
		h := http.Header{"Accept": {"application/json"}, "Request-Id": {"r-1"}, "X-Two": {"a", "b"}}
		for i := range extra {
			h.Set("X-Pad-"+strconv.Itoa(i), "v")
		}
		var s headerSnapshot
		s.take(h)
		h.Set("Authorization", "Bearer k") // added
		h["Accept"][0] = "*/*"             // changed in place
		h.Add("X-Two", "c")                // appended
		h.Del("Request-Id")                // deleted
		var changed []string
		for k, v := range h {
			if !slices.Equal(s.get(k), v) {
				changed = append(changed, k)
			}
		}
		slices.Sort(changed)
		if want := []string{"Accept", "Authorization", "X-Two"}; !slices.Equal(changed, want) {
			t.Errorf("with %d more headers: changed %v, want %v", extra, changed, want)
		}
		if got := s.get("Request-Id"); !slices.Equal(got, []string{"r-1"}) {
			t.Errorf("with %d more headers: the deleted header's old value is %v", extra, got)
		}
	}
}

// TestFixedHeaderValuesStaySeparate: the headers every attempt sets share
// one array of values, so an Authenticator that appends to one of them or
// changes one in place must leave the others, and the next attempt's, as
// they were.
func TestFixedHeaderValuesStaySeparate(t *testing.T) {
	var seen []http.Header
	rt := rtFunc(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Header.Clone())
		status := http.StatusOK
		if len(seen) == 1 {
			status = http.StatusServiceUnavailable
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	auth := func(_ context.Context, h http.Header) error {
		h["Content-Type"] = append(h["Content-Type"], "appended")
		h["User-Agent"][0] += " changed in place"
		return nil
	}
	c := New(Config{HTTPClient: &http.Client{Transport: rt}, MaxRetries: 1, UserAgent: "zen-go/test", Authenticate: auth})
	res, err := c.Do(context.Background(), &Request{Method: http.MethodPost, URL: "https://api.zen.com/v1/x", Body: []byte(`{}`), RequestID: "r-1"})
	if err != nil {
		t.Fatal(err)
	}
	res.Response.Body.Close()
	want := http.Header{
		"Content-Type": {"application/json", "appended"},
		"Accept":       {"application/json"},
		"User-Agent":   {"zen-go/test changed in place"},
		"Request-Id":   {"r-1"},
	}
	if len(seen) != 2 {
		t.Fatalf("%d attempts, want 2", len(seen))
	}
	for i, h := range seen {
		if !reflect.DeepEqual(h, want) {
			t.Errorf("attempt %d sent %v, want %v", i+1, h, want)
		}
	}
}

// TestUnsafeResentOnlyWhenNeverSent: an unsafe POST is resent after a
// failure to get a connection (here a TLS handshake the client refuses),
// never after one the trace cannot place — a RoundTripper that emits no
// events may have sent it.
func TestUnsafeResentOnlyWhenNeverSent(t *testing.T) {
	var reached atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	req := &Request{Method: http.MethodPost, URL: srv.URL + "/v1/x", Body: []byte(`{}`), RequestID: "zen-go-fixed-request-id-0123456789abcdef", Retry: Unsafe}

	// http.Client{} does not trust the test server's certificate.
	res, err := New(Config{HTTPClient: &http.Client{}, MaxRetries: 2}).Do(context.Background(), req)
	if err == nil || res.Attempts != 3 || res.Ambiguous || reached.Load() != 0 {
		t.Errorf("TLS refused: err %v, attempts %d, ambiguous %v, reached %d; want an error after 3 unsent attempts",
			err, res.Attempts, res.Ambiguous, reached.Load())
	}

	silent := rtFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("connection reset") })
	res, err = New(Config{HTTPClient: &http.Client{Transport: silent}, MaxRetries: 2}).Do(context.Background(), req)
	if err == nil || res.Attempts != 1 || !res.Ambiguous {
		t.Errorf("no trace events: err %v, attempts %d, ambiguous %v; want an error after 1 attempt that may have been sent",
			err, res.Attempts, res.Ambiguous)
	}
}

// TestHeaderTimeout: HeaderTimeout bounds the wait for the headers of an
// attempt whose context has no deadline, and of a File (a download) with
// one, and only that wait: another attempt with a deadline waits as long as
// the deadline allows, a body that arrives slowly after its headers is read
// to the end, and the Authenticator's own time does not count.
func TestHeaderTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/silent": // never answers
			<-release
		case "/late": // headers after 150ms
			time.Sleep(150 * time.Millisecond)
			_, _ = io.WriteString(w, "late")
		case "/slow-body": // headers at once, the body over 150ms
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			for i := 0; i < 3; i++ {
				time.Sleep(50 * time.Millisecond)
				_, _ = io.WriteString(w, "x")
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	defer close(release) // before Close, which waits for the silent handler
	c := New(Config{HTTPClient: srv.Client(), HeaderTimeout: 50 * time.Millisecond})
	stream := false
	get := func(ctx context.Context, path string) (string, error) {
		res, err := c.Do(ctx, &Request{Method: http.MethodGet, URL: srv.URL + path, RequestID: "rid", Retry: Unsafe, File: stream})
		if err != nil {
			return "", err
		}
		defer res.Response.Body.Close()
		b, err := io.ReadAll(res.Response.Body)
		return string(b), err
	}

	start := time.Now()
	_, err := get(context.Background(), "/silent")
	if !errors.Is(err, errHeaderTimeout) {
		t.Fatalf("no deadline, no answer: got %v, want the header timeout", err)
	}
	var ne interface{ Timeout() bool }
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("the header timeout is not a timeout error: %#v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("the header timeout took %v", d)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if got, err := get(ctx, "/late"); err != nil || got != "late" {
		t.Errorf("with a deadline, headers later than HeaderTimeout: got %q, %v", got, err)
	}
	if got, err := get(context.Background(), "/slow-body"); err != nil || got != "xxx" {
		t.Errorf("no deadline, a body slower than HeaderTimeout: got %q, %v", got, err)
	}
	if _, err := get(context.Background(), "/late"); !errors.Is(err, errHeaderTimeout) {
		t.Errorf("no deadline, headers later than HeaderTimeout: got %v", err)
	}

	stream = true
	start = time.Now()
	if _, err := get(ctx, "/silent"); !errors.Is(err, errHeaderTimeout) || time.Since(start) > time.Second {
		t.Errorf("a stream with a deadline, no answer: got %v after %v, want the header timeout", err, time.Since(start))
	}
	if got, err := get(ctx, "/slow-body"); err != nil || got != "xxx" {
		t.Errorf("a stream with a deadline, a body slower than HeaderTimeout: got %q, %v", got, err)
	}
	stream = false

	c.Authenticate = func(context.Context, http.Header) error {
		time.Sleep(80 * time.Millisecond) // longer than HeaderTimeout
		return nil
	}
	if got, err := get(context.Background(), "/slow-body"); err != nil || got != "xxx" {
		t.Errorf("a slow Authenticator: got %q, %v", got, err)
	}
}
