package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// ErrRedirect is matched (errors.Is) by every redirect the transport
// refuses: the 3xx answer handed back instead of following it, and an
// answer a caller's own RoundTripper fetched from somewhere else.
var ErrRedirect = errors.New("zen: redirect refused")

// maxRedirects is how many redirects one attempt follows; the next 3xx is
// handed back as the answer, so a loop ends after maxRedirects+1 requests.
const maxRedirects = 3

// redirectKey is the context key under which checkRedirect finds an
// attempt's *hops in the request context, which net/http hands to every
// hop.
type redirectKey struct{}

// hopsContext is an attempt's request context: its parent with the
// attempt's *hops under redirectKey, as context.WithValue would make it,
// but kept in the attempt's own state instead of an allocation of its own.
// Every other key, and Deadline, Done and Err, are the parent's.
type hopsContext struct {
	context.Context
	h *hops
}

func (c *hopsContext) Value(key any) any {
	if _, ok := key.(redirectKey); ok {
		return c.h
	}
	return c.Context.Value(key)
}

// hops is what checkRedirect needs to know about one attempt.
type hops struct {
	crossOrigin bool     // Request.File: redirects may leave the origin
	credentials []string // header names the Authenticator set
	// sent is the attempt's own request; want is "METHOD URL" of the last
	// hop checkRedirect allowed, "" while none was followed. The final
	// answer must be for one of them.
	sent *http.Request
	want string
}

// checkRedirect is the SDK's redirect policy, installed on a copy of
// whatever *http.Client the caller configured. It returns
// http.ErrUseLastResponse to hand the 3xx back as the answer when:
//   - the call is not a read (GET, HEAD): net/http would turn a 301/302/303
//     POST into a GET, or resend a 307/308 POST elsewhere;
//   - maxRedirects hops were already followed (a loop ends here);
//   - the target is plain http and not a loopback host;
//   - the target is another origin (scheme, host or port) and the call is
//     not a file download (Request.File), or its URL had a query (which
//     must not reach another host).
//
// It never sends a Referer. Once a hop leaves the original origin, the
// credential headers (and Authorization and Cookie, which net/http may
// copy) are dropped from it and from every later hop.
func checkRedirect(req *http.Request, via []*http.Request) error {
	h, _ := req.Context().Value(redirectKey{}).(*hops)
	first := via[0]
	if h == nil || (first.Method != http.MethodGet && first.Method != http.MethodHead) {
		return http.ErrUseLastResponse
	}
	if len(via) > maxRedirects {
		return http.ErrUseLastResponse
	}
	if req.URL.Scheme != "https" && !(req.URL.Scheme == "http" && IsLoopback(req.URL.Hostname())) {
		return http.ErrUseLastResponse
	}
	home := origin(first.URL)
	left := origin(req.URL) != home
	for _, r := range via[1:] {
		left = left || origin(r.URL) != home
	}
	if left && (!h.crossOrigin || first.URL.RawQuery != "" || first.URL.ForceQuery) {
		return http.ErrUseLastResponse
	}
	// net/http set Referer from the previous URL, query included.
	dropHeader(req.Header, "Referer")
	if left {
		for _, k := range h.credentials {
			dropHeader(req.Header, k)
		}
		dropHeader(req.Header, "Authorization")
		dropHeader(req.Header, "Cookie")
	}
	h.want = req.Method + " " + req.URL.String()
	return nil
}

// dropHeader deletes name from h under any spelling: an Authenticator may
// have written a key that is not in canonical form straight into the map,
// where Header.Del would miss it.
func dropHeader(h http.Header, name string) {
	for k := range h {
		if strings.EqualFold(k, name) {
			delete(h, k)
		}
	}
}

// origin is scheme://host:port with the default port filled in, lower case.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// IsLoopback reports whether host (without port) is localhost or a
// loopback IP address, the only hosts reached over plain http.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// foreignAnswer returns an error when resp answers another request than
// the one sent (or the last hop checkRedirect allowed): a caller's own
// RoundTripper followed a redirect, and that answer is not ZEN's.
func foreignAnswer(resp *http.Response, h *hops) error {
	r := resp.Request
	if r == nil || r.URL == nil || (r == h.sent && h.want == "") {
		return nil // the request as sent, no redirect followed
	}
	want := h.want
	if want == "" {
		want = h.sent.Method + " " + h.sent.URL.String()
	}
	if r.Method+" "+r.URL.String() == want {
		return nil
	}
	return &foreignAnswerError{method: r.Method, url: withoutQuery(r.URL.String())}
}

type foreignAnswerError struct{ method, url string }

func (e *foreignAnswerError) Error() string {
	return fmt.Sprintf("zen: redirect refused: the HTTP client's transport followed a redirect itself and answered %s %s; that answer is not used", e.method, e.url)
}

func (e *foreignAnswerError) Is(target error) bool { return target == ErrRedirect }
