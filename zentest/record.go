package zentest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// RecordedRequest is one request the server received, for assertions.
type RecordedRequest struct {
	Method string
	// Origin is the scheme and host the request came to, e.g.
	// "http://127.0.0.1:41234" (the Host header as sent).
	Origin string
	Path   string     // URL path, unescaped
	Query  url.Values // parsed query
	// Header is a copy of the request headers with the Authorization value
	// replaced by "Bearer [REDACTED]" (or "[REDACTED]" without the scheme).
	Header http.Header
	Body   []byte
	// Checkout is true for requests to the hosted-checkout host.
	Checkout bool
	// Status is the status answered, or that would have been answered for
	// FaultLoseResponse, FaultTruncate and FaultSlowAnswer; 0 for FaultDrop
	// and for a FaultSlowStart whose client went away.
	Status int
	Fault  Fault
	Time   time.Time // server clock when the request arrived
}

func (s *Server) record(r *http.Request, body []byte, checkout bool) *RecordedRequest {
	h := r.Header.Clone()
	if a := h.Get("Authorization"); a != "" {
		if strings.HasPrefix(a, "Bearer ") {
			h.Set("Authorization", "Bearer [REDACTED]")
		} else {
			h.Set("Authorization", "[REDACTED]")
		}
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return &RecordedRequest{
		Method:   r.Method,
		Origin:   scheme + "://" + r.Host,
		Path:     r.URL.Path,
		Query:    r.URL.Query(),
		Header:   h,
		Body:     slices.Clone(body),
		Checkout: checkout,
		Time:     s.now(),
	}
}

func (s *Server) finish(rec *RecordedRequest, status int) {
	rec.Status = status
	s.mu.Lock()
	s.requests = append(s.requests, *rec)
	s.mu.Unlock()
}

// Requests returns the requests received so far, in the order their
// handling finished. They are copies: changing them changes nothing
// recorded.
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneRequests(s.requests)
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	return url.Values(http.Header(v).Clone())
}

// ResetRequests forgets the recorded requests and warnings.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.requests, s.warnings = nil, nil
	s.mu.Unlock()
}

// Warning is something the fake accepted, as ZEN does, although it is
// outside what ZEN documents (e.g. a 36-character request-id): code that
// works against ZEN today may break when ZEN enforces its documentation.
type Warning struct {
	Method string
	Path   string
	// RequestID is the request's request-id header.
	RequestID string
	// Field is the header or body member concerned, e.g. "request-id".
	Field string
	// Message says what was outside the documentation.
	Message string
}

// String returns "METHOD PATH: field: message".
func (w Warning) String() string {
	return w.Method + " " + w.Path + ": " + w.Field + ": " + w.Message
}

func (s *Server) warn(r *http.Request, field, msg string) {
	s.mu.Lock()
	s.warnings = append(s.warnings, Warning{Method: r.Method, Path: r.URL.Path, RequestID: r.Header.Get("request-id"), Field: field, Message: msg})
	s.mu.Unlock()
}

// Warnings returns what the server accepted outside ZEN's documentation so
// far, oldest first (see Warning); ResetRequests forgets them.
func (s *Server) Warnings() []Warning {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.warnings)
}
