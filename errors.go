package zen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zen-go/zen/internal/transport"
	"github.com/zen-go/zen/types"
)

// Sentinel errors for errors.Is. A *APIError matches the one for its status
// code; ErrValidation also matches every *ValidationError.
var (
	ErrNotFound     = errors.New("zen: not found")        // 404, ZEN's "Record Not Found"
	ErrUnauthorized = errors.New("zen: unauthorized")     // 401: missing, wrong or rotated API key
	ErrForbidden    = errors.New("zen: forbidden")        // 403
	ErrRateLimited  = errors.New("zen: rate limited")     // 429
	ErrServer       = errors.New("zen: ZEN server error") // any 5xx
	ErrValidation   = types.ErrValidation                 // 400, 422 and client-side validation
	ErrRejected     = types.ErrRejected                   // a REJECTED transaction (*RejectError)
)

// Sentinels for the categories of ZEN's error codes (see ErrorCategory): a
// *RejectError matches the one of its rejectCode, an *APIError the one of
// the code in its body. The categories are the SDK's classification of
// ZEN's published code descriptions, not ZEN's own; a code the SDK's copy
// of the catalogue lacks matches none of them.
var (
	ErrDeclined             = types.ErrDeclined             // the buyer's bank or payment method said no
	ErrAuthenticationFailed = types.ErrAuthenticationFailed // 3-D Secure / SCA failed
	ErrInvalidRequest       = types.ErrInvalidRequest       // the request was wrong
	ErrWrongState           = types.ErrWrongState           // not allowed in the transaction's state
	ErrConfiguration        = types.ErrConfiguration        // terminal or merchant setup
	ErrProviderUnavailable  = types.ErrProviderUnavailable  // try again later
	ErrUnclassified         = types.ErrUnclassified         // catalogued, but unclear
)

// ErrorCategory is the SDK's category of one of ZEN's error codes; see
// types.ErrorCategory for the values.
type ErrorCategory = types.ErrorCategory

// ErrRedirect matches every redirect the SDK refused to follow: it then
// returns the 3xx answer itself as an *APIError (a POST, PATCH or DELETE;
// another origin for an API call; plain http to a non-loopback host; more
// than 3 hops), or, when a caller's own RoundTripper followed a redirect
// itself, a *ConnectionError, never the other URL's answer.
var ErrRedirect = transport.ErrRedirect

// ErrNotDeleted is returned (wrapped, for errors.Is) by the Delete methods
// when ZEN answers 2xx with {"success": false}.
var ErrNotDeleted = errors.New("zen: ZEN answered success=false")

// APIError is every non-2xx answer from ZEN. Code and Message come from
// whichever documented error body ZEN sent; Body is the raw body, capped at
// 1 MiB. RequestID is the request-id the SDK sent. When Code is in ZEN's
// error-code catalogue, Description and Category say what it means and
// errors.Is matches the category's sentinel (ErrDeclined, ...) besides the
// status code's.
type APIError struct {
	StatusCode int
	Code       string
	Message    string
	RequestID  string
	RetryAfter time.Duration
	Method     string
	Path       string
	Body       []byte
}

// Error returns "zen: METHOD PATH: STATUS: message (code C, request-id R)".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "zen: %s %s: %d", e.Method, e.Path, e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	b.WriteString(" (")
	if e.Code != "" {
		b.WriteString("code " + e.Code + ", ")
	}
	b.WriteString("request-id " + e.RequestID + ")")
	return b.String()
}

// Description returns ZEN's catalogue description of Code, or "" when
// Code is not a catalogued code (e.g. ZEN's "400" or "404").
func (e *APIError) Description() string {
	info, _ := types.LookupErrorCode(e.Code)
	return info.Description
}

// Category returns the SDK's category of Code, or CategoryUnknown when Code
// is not a catalogued code.
func (e *APIError) Category() ErrorCategory {
	info, _ := types.LookupErrorCode(e.Code)
	return info.Category
}

// Is matches the sentinel for the status code, and the sentinel of Code's
// category when Code is in ZEN's catalogue.
func (e *APIError) Is(target error) bool {
	if s := e.Category().Sentinel(); s != nil && s == target {
		return true
	}
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity
	case ErrRedirect:
		switch e.StatusCode {
		case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
			http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			return true
		}
	}
	return false
}

// Retryable reports whether the same call may succeed later (429 and 5xx).
func (e *APIError) Retryable() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

func newAPIError(method, path, reqID string, resp *http.Response, body []byte) *APIError {
	e := &APIError{StatusCode: resp.StatusCode, RequestID: reqID, Method: method, Path: path, Body: body}
	if d, ok := transport.RetryAfter(resp.Header, time.Now()); ok {
		e.RetryAfter = d
	}
	e.Code, e.Message = decodeErrorBody(body)
	if e.Message == "" && e.Is(ErrRedirect) {
		e.Message = "redirect not followed"
		base := &url.URL{}
		if resp.Request != nil && resp.Request.URL != nil {
			base = resp.Request.URL
		}
		if u, err := base.Parse(resp.Header.Get("Location")); err == nil && u.Host != "" {
			e.Message += " (to " + clean(u.Scheme+"://"+u.Host+u.EscapedPath(), 256) + ")"
		}
	}
	return e
}

// errorBody is the union of the error shapes seen from ZEN and similar
// gateways: {"error":{"code","message"}}, {"error":"text"}, {"message"},
// {"statusCode","code","message"} and {"errorCode","errorMessage"}.
type errorBody struct {
	Error        json.RawMessage `json:"error"`
	Code         json.RawMessage `json:"code"`
	Message      json.RawMessage `json:"message"`
	ErrorCode    json.RawMessage `json:"errorCode"`
	ErrorMessage json.RawMessage `json:"errorMessage"`
}

const maxMessage = 1024

// decodeErrorBody extracts a code and message from any error body without
// ever failing: unknown JSON and markup (a proxy's HTML error page) give
// empty values, and other text becomes the message.
func decodeErrorBody(body []byte) (code, message string) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return "", ""
	}
	var eb errorBody
	if trimmed[0] == '{' && json.Unmarshal(trimmed, &eb) == nil {
		var inner errorBody
		if len(eb.Error) > 0 && eb.Error[0] == '{' && json.Unmarshal(eb.Error, &inner) == nil {
			code, message = scalar(inner.Code), text(inner.Message)
		} else if s := text(eb.Error); s != "" {
			message = s
		}
		if code == "" {
			code = firstNonEmpty(scalar(eb.Code), scalar(eb.ErrorCode))
		}
		if message == "" {
			message = firstNonEmpty(text(eb.Message), text(eb.ErrorMessage))
		}
		return clean(code, 128), clean(message, maxMessage)
	}
	if trimmed[0] == '{' || trimmed[0] == '[' || trimmed[0] == '<' {
		return "", "" // JSON we do not understand, or HTML/XML; Body keeps it
	}
	return "", clean(string(trimmed), maxMessage)
}

// scalar renders a JSON string or number as text.
func scalar(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// text renders a JSON string, number or array of strings (validation
// messages) as text.
func text(raw json.RawMessage) string {
	if s := scalar(raw); s != "" {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(list, "; ")
	}
	return ""
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// panLike matches digit runs long enough to be a card number.
var panLike = regexp.MustCompile(`[0-9]{12,19}`)

// clean makes server text safe to print: valid UTF-8, no control
// characters, card-number-like digit runs masked to their last four digits,
// at most n bytes.
func clean(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = panLike.ReplaceAllStringFunc(s, func(d string) string { return "****" + d[len(d)-4:] })
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// ErrOutcomeUnknown matches an *OutcomeUnknownError: ZEN may have carried
// out a money-moving operation, and the SDK could not find out.
var ErrOutcomeUnknown = errors.New("zen: outcome unknown")

// ErrResponseTooLarge matches a *ResponseError for a 2xx answer longer than
// the client's cap (see WithMaxResponseBytes).
var ErrResponseTooLarge = errors.New("zen: response too large")

// OutcomeUnknownError is returned by the calls that create or move money
// (creates, captures, cancels, renewals) when an attempt may have reached
// ZEN and neither ZEN's answers nor reading the transaction back settled
// whether the operation happened. Do not repeat the operation under a new
// merchantTransactionId: look the transaction up later (or wait for its
// notification), or repeat the same request, which ZEN deduplicates by its
// merchantTransactionId.
type OutcomeUnknownError struct {
	Method string
	Path   string
	// MerchantTransactionID is the request's merchantTransactionId.
	MerchantTransactionID string
	// TransactionID is the ZEN id of the transaction operated on (captures,
	// cancels, renewals and refunds); empty for purchase and payout creates.
	TransactionID string
	// RequestID is the request-id every attempt of the call sent.
	RequestID string
	// Err is the call's last failure: a *ConnectionError, *APIError,
	// *ResponseError or a context error (matched by errors.Is).
	Err error
	// ReadBackErr is why reading the transaction back failed, or nil when
	// the transaction was read but did not show the operation.
	ReadBackErr error
}

// Error says which operation is in doubt, and why.
func (e *OutcomeUnknownError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "zen: %s %s: outcome unknown", e.Method, e.Path)
	if e.MerchantTransactionID != "" {
		b.WriteString(" for merchantTransactionId " + e.MerchantTransactionID)
	}
	if e.TransactionID != "" {
		b.WriteString(" on transaction " + e.TransactionID)
	}
	b.WriteString(" (request-id " + e.RequestID + ")")
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	if e.ReadBackErr != nil {
		b.WriteString("; reading it back: " + e.ReadBackErr.Error())
	}
	return b.String()
}

// Is matches ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the last failure, so errors.Is(err, context.Canceled) and
// errors.As(err, &apiErr) still work; test ErrOutcomeUnknown first.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// ResponseError is a 2xx answer the SDK could not read: cut short, longer
// than the size cap (matches ErrResponseTooLarge) or not the JSON expected.
// ZEN answered 2xx, so the call itself succeeded.
type ResponseError struct {
	Method     string
	Path       string
	RequestID  string
	StatusCode int
	Err        error
}

// Error describes the call and what went wrong reading its answer.
func (e *ResponseError) Error() string {
	return fmt.Sprintf("zen: %s %s: reading %d answer (request-id %s): %v", e.Method, e.Path, e.StatusCode, e.RequestID, e.Err)
}

// Unwrap returns the read or decode failure.
func (e *ResponseError) Unwrap() error { return e.Err }

// ConnectionError reports a call that got no usable HTTP response (after
// any retries): a refused or dropped connection, a timeout, a credentials
// provider or rate limiter failure, or an answer from another URL than the
// one sent (matching ErrRedirect); see Unwrap. Neither Path nor the wrapped
// *url.Error carries the query, which can hold customer data.
type ConnectionError struct {
	Method    string
	Path      string
	RequestID string
	Err       error
}

// Error describes the call and the cause.
func (e *ConnectionError) Error() string {
	return fmt.Sprintf("zen: %s %s (request-id %s): %v", e.Method, e.Path, e.RequestID, e.Err)
}

// Unwrap returns the underlying network error.
func (e *ConnectionError) Unwrap() error { return e.Err }

// The error types that package types defines (its values produce them),
// named here too so that every error a call returns is a zen name.
type (
	// ValidationError is a request field that breaks a ZEN rule, returned
	// before any network call.
	ValidationError = types.ValidationError
	// RejectError is a transaction ZEN processed and declined (status
	// REJECTED); get it with Transaction.Err.
	RejectError = types.RejectError
)

// ErrMissingAPIKey is returned when no API key was configured.
var ErrMissingAPIKey = errors.New("zen: API key is empty (set ZEN_API_KEY or pass one to NewClient)")

// ErrInvalidSignature matches, with errors.Is, a notification whose hash or
// a checkout body whose signature does not verify (wrong secret, tampered
// or missing value).
var ErrInvalidSignature = errors.New("zen: invalid signature")

// ErrMalformedNotification matches, with errors.Is, a notification body that
// is not a JSON object or whose signed fields are not strings or numbers.
var ErrMalformedNotification = errors.New("zen: malformed notification")

// ErrRepeatedPage is yielded (wrapped, for errors.Is) by the All iterators
// when ZEN answers a page with the same items as the page before, as a
// server that ignores the paging parameters would; the iteration stops
// there instead of looping forever.
var ErrRepeatedPage = errors.New("zen: list page repeats the previous page")
