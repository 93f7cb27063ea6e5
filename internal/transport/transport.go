// Package transport is the SDK's single way onto the network: one retry loop
// around http.Client.Do that applies credentials and headers on every
// attempt, decides retries from the status code alone, honours Retry-After
// and the context, and resends the same request-id and byte-identical body.
package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strconv"
	"sync/atomic"
	"time"
)

// Retry classes: how safe it is to send a request again when its outcome is
// unknown.
type Retry int

const (
	// Idempotent requests (GET, DELETE, PATCH) are retried on connection
	// failures, 429, 500, 502, 503 and 504.
	Idempotent Retry = iota
	// Keyed requests are POSTs carrying a merchantTransactionId that ZEN keeps
	// unique, so a resend cannot create a second operation: retried like
	// Idempotent. A 500 may mean the operation happened; the resend is what
	// settles it (ZEN answers it, or refuses it as a duplicate).
	Keyed
	// Unsafe requests are POSTs without such a key: retried only when ZEN
	// certainly did not act (429, or a failure before the request was
	// written).
	Unsafe
)

// Request is one logical call; every attempt sends exactly these bytes.
type Request struct {
	Method string
	URL    string
	Header http.Header // extra headers set on every attempt
	// Fixed is one header, name and value, set on every attempt after
	// Header: an endpoint's own (e.g. Apple Pay's checkout-version).
	Fixed     [2]string
	Body      []byte // nil for no body
	RequestID string
	Retry     Retry
	// File marks a report file download. It may follow a redirect to
	// another origin, without credentials (files may be served from
	// elsewhere; a JSON API answer from another origin is not ZEN's), and
	// its deadline, if any, is for the whole stream, so its wait for
	// response headers is bounded by Config.HeaderTimeout whatever the
	// deadline.
	File bool
}

// Config is the client-wide part of the transport; build it with New. It is
// read-only after construction; Authenticate is called on every attempt so
// credentials can change while calls are in flight.
type Config struct {
	HTTPClient    *http.Client
	MaxRetries    int
	MinBackoff    time.Duration
	MaxBackoff    time.Duration
	MaxRetryAfter time.Duration
	UserAgent     string
	TerminalID    string // sent as terminal-id on every attempt, when set
	Logger        *slog.Logger
	Authenticate  func(ctx context.Context, h http.Header) error
	// Limiter, when set, is waited on before every attempt, retries
	// included (a rate limit shared with other clients or processes).
	Limiter Limiter
	// After returns a channel that fires after d (tests replace it).
	After func(d time.Duration) <-chan time.Time
	// HeaderTimeout, when set, bounds the wait for the response headers of
	// an attempt whose context has no deadline (a call without a timeout)
	// and of every File attempt, from sending the request to the final
	// answer's headers (redirects included); any other attempt is bounded
	// by its deadline. It stands in for http.Transport.ResponseHeaderTimeout,
	// which costs a timer on every attempt, bounded or not.
	HeaderTimeout time.Duration

	client *http.Client // HTTPClient under the SDK's redirect policy
}

// New returns c ready for Do: its HTTPClient is copied once (same
// Transport, Jar and Timeout) with redirects following checkRedirect,
// whatever CheckRedirect the caller's client has.
func New(c Config) *Config {
	hc := *c.HTTPClient
	hc.CheckRedirect = checkRedirect
	c.client = &hc
	return &c
}

// Result describes the final attempt of a call.
type Result struct {
	Response *http.Response // open body; the caller must close it
	Attempts int
	// Ambiguous is true when an attempt may have reached ZEN without an
	// answer saying what it did: an earlier attempt that failed after it
	// may have been sent or got a 5xx (so the final answer may describe a
	// resend), or a final attempt that failed after it may have been sent
	// (a dropped connection, a cancelled or expired context).
	Ambiguous bool
}

// CloseBody reads what is left of an answer's body, up to 64 KiB (so the
// connection can serve the next request), and closes it.
func CloseBody(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

// Limiter is a rate limiter; *rate.Limiter of golang.org/x/time/rate
// satisfies it.
type Limiter interface {
	Wait(ctx context.Context) error
}

// LimiterError wraps a failure of the rate limiter other than the end of
// the call's context; it ends the call.
type LimiterError struct{ Err error }

func (e *LimiterError) Error() string { return "zen: rate limiter: " + e.Err.Error() }
func (e *LimiterError) Unwrap() error { return e.Err }

// Do sends req, retrying per its Retry class, and returns the final response
// whatever its status. It returns an error only when no response could be
// had: a connection failure on the last attempt, a cancelled context, or a
// credentials, rate-limiter or redirect error. A retry whose wait would outlast the context's
// deadline is not started; the last answer or error is returned instead.
// The Result is filled in either way.
func (c *Config) Do(ctx context.Context, req *Request) (Result, error) {
	var res Result
	for attempt := 0; ; attempt++ {
		res.Attempts = attempt + 1
		if c.Limiter != nil {
			if err := c.Limiter.Wait(ctx); err != nil {
				if ctxErr := ctx.Err(); ctxErr != nil {
					return res, ctxErr
				}
				return res, &LimiterError{Err: err}
			}
		}
		start := time.Now()
		resp, sent, err := c.attempt(ctx, req)
		if err != nil {
			if sent {
				res.Ambiguous = true
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return res, ctxErr
			}
			c.log(ctx, req, attempt, 0, time.Since(start), err)
			if attempt >= c.MaxRetries || !retryConnError(req.Retry, sent, err) {
				return res, err
			}
			delay := c.Backoff(attempt)
			if !fits(ctx, delay) {
				return res, err
			}
			if err := c.wait(ctx, delay); err != nil {
				return res, err
			}
			continue
		}
		c.log(ctx, req, attempt, resp.StatusCode, time.Since(start), nil)
		if attempt >= c.MaxRetries || !retryStatus(req.Retry, resp.StatusCode) {
			res.Response = resp
			return res, nil
		}
		delay := c.Backoff(attempt)
		if ra, ok := RetryAfter(resp.Header, time.Now()); ok {
			if ra > c.MaxRetryAfter {
				// Retrying sooner than ZEN asked would not honour it, and
				// waiting longer than the cap would stall the caller: hand
				// the answer back (APIError.RetryAfter says how long).
				res.Response = resp
				return res, nil
			}
			delay = max(ra, delay)
		}
		if !fits(ctx, delay) {
			// The context would end during the wait: ZEN's answer tells the
			// caller more than a deadline error after waiting in vain.
			res.Response = resp
			return res, nil
		}
		if resp.StatusCode >= 500 {
			res.Ambiguous = true
		}
		CloseBody(resp)
		if err := c.wait(ctx, delay); err != nil {
			return res, err
		}
	}
}

// attempt performs one HTTP exchange. sent reports whether the request
// may have reached the server: it is false only when the trace shows that
// a connection was being obtained and none was (a DNS, dial or TLS
// failure, or the context ending while waiting for one), so nothing can
// have been written. RoundTrippers that emit no trace events are treated
// as "may have been sent", the safe assumption.
//
// Redirects follow checkRedirect whatever the configured client says, and
// an answer the client's own RoundTripper fetched from another URL is
// refused (an error matching ErrRedirect).
func (c *Config) attempt(ctx context.Context, req *Request) (*http.Response, bool, error) {
	a := &attemptState{h: hops{crossOrigin: req.File}}
	st, h := &a.st, &a.h
	a.trace.GetConn = func(string) { st.asked.Store(true) }
	a.trace.GotConn = func(httptrace.GotConnInfo) { st.got.Store(true) }
	var body io.Reader
	if req.Body != nil {
		a.body.Reset(req.Body)
		body = &a.body
	}
	rctx := ctx
	var guard *headerGuard
	if _, bounded := ctx.Deadline(); c.HeaderTimeout > 0 && (!bounded || req.File) {
		guard = newHeaderGuard(ctx)
		rctx = guard.ctx
	}
	a.ctx = hopsContext{Context: httptrace.WithClientTrace(rctx, &a.trace), h: h}
	hreq, err := http.NewRequestWithContext(&a.ctx, req.Method, req.URL, body)
	if err != nil {
		guard.release()
		return nil, false, err
	}
	// The keys are written in canonical form, so Header.Set's
	// canonicalization is not paid on every attempt. The fixed values share
	// one array of the attempt's, each slice capped by a full slice
	// expression: an Authenticator (or anything after it) that appends to
	// one gets a copy instead of writing into its neighbour.
	accept := "application/json"
	if req.File {
		accept = "*/*"
	}
	a.vals = [6]string{"application/json", accept, c.UserAgent, req.RequestID, c.TerminalID, req.Fixed[1]}
	if req.Body != nil {
		// NewRequestWithContext set ContentLength and GetBody from the
		// *bytes.Reader, so net/http can resend the body itself (a 307/308
		// redirect, a refused HTTP/2 stream); every attempt builds a new
		// request, so nothing needs rewinding here.
		hreq.Header["Content-Type"] = a.vals[0:1:1]
	}
	hreq.Header["Accept"] = a.vals[1:2:2] // a call's own headers may still override it
	for k, v := range req.Header {
		hreq.Header[k] = append([]string(nil), v...)
	}
	if req.Fixed[0] != "" {
		hreq.Header[http.CanonicalHeaderKey(req.Fixed[0])] = a.vals[5:6:6]
	}
	hreq.Header["User-Agent"] = a.vals[2:3:3]
	hreq.Header["Request-Id"] = a.vals[3:4:4]
	if c.TerminalID != "" {
		hreq.Header["Terminal-Id"] = a.vals[4:5:5]
	}
	if c.Authenticate != nil {
		h.credentials = a.creds[:0]
		var before headerSnapshot
		before.take(hreq.Header)
		if err := c.Authenticate(ctx, hreq.Header); err != nil {
			guard.release()
			return nil, false, &AuthError{Err: err}
		}
		// Whatever the Authenticator set is a credential that must not
		// follow a redirect to another origin.
		for k, v := range hreq.Header {
			if !slices.Equal(before.get(k), v) {
				h.credentials = append(h.credentials, k)
			}
		}
	}
	h.sent = hreq
	if guard != nil {
		guard.start(c.HeaderTimeout) // only now: the Authenticator's time is not the server's
	}
	resp, err := c.client.Do(hreq)
	if guard != nil {
		resp, err = guard.settle(resp, err)
	}
	if err != nil {
		// net/http wraps the failure in a *url.Error that prints the whole
		// URL; the query can hold customer data (list filters such as
		// customerEmail), so errors keep only scheme, host and path.
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.URL = withoutQuery(ue.URL)
		}
		return nil, st.sent(), err
	}
	if err := foreignAnswer(resp, h); err != nil {
		CloseBody(resp)
		return nil, true, err
	}
	return resp, true, nil
}

// headerGuard bounds the wait for one attempt's response headers
// (Config.HeaderTimeout): the request's context is cancelled with
// errHeaderTimeout unless the headers come in time, and once they have come
// the body is left to be read for as long as it takes.
type headerGuard struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	timer  *time.Timer
}

func newHeaderGuard(ctx context.Context) *headerGuard {
	g := &headerGuard{}
	g.ctx, g.cancel = context.WithCancelCause(ctx)
	return g
}

// start arms the guard as the request is handed to net/http.
func (g *headerGuard) start(d time.Duration) {
	g.timer = time.AfterFunc(d, func() { g.cancel(errHeaderTimeout) })
}

// settle takes what Do returned. A timer that fired first makes the
// attempt errHeaderTimeout (an answer that came at the same moment is
// dropped); an answer's body releases the context when it is closed.
func (g *headerGuard) settle(resp *http.Response, err error) (*http.Response, error) {
	if !g.timer.Stop() {
		if resp != nil {
			resp.Body.Close()
		}
		g.cancel(nil)
		return nil, errHeaderTimeout
	}
	if err != nil {
		g.cancel(nil)
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: g.release}
	return resp, nil
}

// release stops the guard of an attempt that ends without its answer's body
// (a nil guard: nothing to release).
func (g *headerGuard) release() {
	if g == nil {
		return
	}
	if g.timer != nil {
		g.timer.Stop()
	}
	g.cancel(nil)
}

// releasingBody releases its attempt's header guard when it is closed.
type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// errHeaderTimeout is the failure of an attempt whose response headers did
// not come within Config.HeaderTimeout; like net/http's own, it is a
// net.Error whose Timeout is true.
var errHeaderTimeout error = headerTimeoutError{}

type headerTimeoutError struct{}

func (headerTimeoutError) Error() string   { return "zen: timeout awaiting response headers" }
func (headerTimeoutError) Timeout() bool   { return true }
func (headerTimeoutError) Temporary() bool { return true }

// headerSnapshot is a copy of a request's headers taken before the
// Authenticator runs, to tell which it set. The values are copied (an
// Authenticator may change a value in place), into fixed arrays for the
// few headers a request has, so the snapshot costs no allocation; a
// request with more falls back to Header.Clone.
type headerSnapshot struct {
	keys   [8]string
	spans  [8][2]int // keys[i]'s values are vals[spans[i][0]:spans[i][1]]
	vals   [16]string
	n      int
	cloned http.Header
}

func (s *headerSnapshot) take(h http.Header) {
	used := 0
	for k, v := range h {
		if s.n == len(s.keys) || used+len(v) > len(s.vals) {
			*s = headerSnapshot{cloned: h.Clone()}
			return
		}
		s.keys[s.n], s.spans[s.n] = k, [2]int{used, used + len(v)}
		used += copy(s.vals[used:], v)
		s.n++
	}
}

// get returns key's values as they were (nil when it had none).
func (s *headerSnapshot) get(key string) []string {
	if s.cloned != nil {
		return s.cloned[key]
	}
	for i := 0; i < s.n; i++ {
		if s.keys[i] == key {
			return s.vals[s.spans[i][0]:s.spans[i][1]]
		}
	}
	return nil
}

// attemptState is what one attempt keeps, in one allocation: its trace
// hooks, what they saw, the redirect hops, the reader of its body and the
// values of the headers every attempt sets.
type attemptState struct {
	st    sendTrace
	h     hops
	trace httptrace.ClientTrace
	// body is a *bytes.Reader to NewRequestWithContext, which sets
	// ContentLength and GetBody from a copy of it, and net/http writes it
	// in one go as a known in-memory body.
	body  bytes.Reader
	ctx   hopsContext
	vals  [6]string // Content-Type, Accept, User-Agent, Request-Id, Terminal-Id, Request.Fixed's value
	creds [1]string // backs h.credentials: KeyAuth sets one header
}

// sendTrace follows one attempt through httptrace: whether a connection
// was asked for (GetConn: the RoundTripper emits events) and whether one
// was had (GotConn: from then on the request may be written).
type sendTrace struct {
	asked, got atomic.Bool
}

// sent reports whether the request may have reached the server.
func (t *sendTrace) sent() bool {
	return t.got.Load() || !t.asked.Load()
}

// AuthError wraps a failure of the credentials provider; it is never
// retried.
type AuthError struct{ Err error }

func (e *AuthError) Error() string { return "zen: credentials: " + e.Err.Error() }
func (e *AuthError) Unwrap() error { return e.Err }

func retryConnError(class Retry, sent bool, err error) bool {
	var ae *AuthError
	if errors.As(err, &ae) || errors.Is(err, ErrRedirect) {
		return false
	}
	return class != Unsafe || !sent
}

func retryStatus(class Retry, status int) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return class != Unsafe
	case http.StatusInternalServerError:
		return class != Unsafe
	}
	return false
}

// Backoff is exponential with full jitter: a random duration in
// [0, min(MaxBackoff, MinBackoff*2^attempt)].
func (c *Config) Backoff(attempt int) time.Duration {
	ceil := c.MaxBackoff
	if attempt < 63 && c.MinBackoff <= c.MaxBackoff>>attempt {
		ceil = c.MinBackoff << attempt // cannot overflow: it is <= MaxBackoff
	}
	if ceil <= 0 {
		return 0
	}
	if ceil == math.MaxInt64 {
		return rand.N(ceil)
	}
	return rand.N(ceil + 1)
}

// fits reports whether the context leaves time for a retry after waiting
// d. A context already done "fits", so wait reports its error.
func fits(ctx context.Context, d time.Duration) bool {
	dl, ok := ctx.Deadline()
	return !ok || ctx.Err() != nil || time.Until(dl) > d
}

func (c *Config) wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	after := c.After
	if after == nil {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			return nil
		}
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-after(d):
		return nil
	}
}

// RetryAfter parses a Retry-After header given as delta-seconds or an HTTP
// date relative to now. Negative or unparsable values report false.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if secs < 0 {
			return 0, false
		}
		// Report the wait as sent (the caller schedules by it); only a
		// value past what a Duration holds is saturated.
		if secs > math.MaxInt64/int64(time.Second) {
			return math.MaxInt64, true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

func (c *Config) log(ctx context.Context, req *Request, attempt, status int, d time.Duration, err error) {
	if c.Logger == nil || !c.Logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", pathOnly(req.URL)),
		slog.String("request_id", req.RequestID),
		slog.Int("attempt", attempt+1),
		slog.Duration("duration", d),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", errorKind(err)))
	}
	c.Logger.LogAttrs(ctx, slog.LevelDebug, "zen request", attrs...)
}

// pathOnly drops scheme, host and query from a URL so logs never carry
// query values.
func pathOnly(u string) string {
	if pu, err := url.Parse(u); err == nil {
		return pu.EscapedPath()
	}
	return ""
}

// withoutQuery drops the query and fragment from a URL.
func withoutQuery(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	pu.RawQuery, pu.ForceQuery, pu.Fragment, pu.RawFragment = "", false, "", ""
	return pu.String()
}

// errorKind names a connection failure without echoing details that could
// contain a URL with user data.
func errorKind(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "connection closed"
	}
	var ae *AuthError
	var le *LimiterError
	switch {
	case errors.As(err, &ae):
		return "credentials error"
	case errors.As(err, &le):
		return "rate limiter error"
	case errors.Is(err, ErrRedirect):
		return "redirect refused"
	}
	return "connection error"
}
