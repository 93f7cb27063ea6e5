package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/transport"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// callState is what a money-moving call needs to know about how its
// request went; do fills it when given one.
type callState struct {
	requestID string
	attempts  int  // 0 when the call was refused before the network
	status    int  // the final HTTP status, 0 when none was received
	ambiguous bool // an attempt's outcome was unknown (transport.Result)
}

// errMissingRequest is returned when a method is given a nil request; each
// call gets its own value, so a caller changing one cannot affect others.
func errMissingRequest() error { return &types.ValidationError{Field: "request", Rule: "is required"} }

// readBack says how a money-moving call settles an unknown outcome: lookup
// reads the transaction and shows reports whether it already shows the
// operation; both are nil when no read-back can prove it (renewals).
type readBack struct {
	mtid   string // the request's merchantTransactionId
	txID   string // the transaction operated on, for follow-ups
	lookup func(context.Context) (*types.Transaction, error)
	shows  func(*types.Transaction) bool
}

// postOnce posts an operation that creates or moves money and decodes the
// Transaction answer. It ends in one of three outcomes: the transaction
// showing the operation; a definitive error (ZEN certainly did not do it);
// or an *OutcomeUnknownError. Whenever an attempt's outcome was unknown
// (a dropped or cut-short answer, a 5xx, an expired context) it reads the
// transaction back with rb before answering, within ctx, and returns it
// when rb.shows it. The read-back gets its own request-id and does not
// overwrite the caller's ResponseInfo.
func (c *Client) postOnce(ctx context.Context, ep *endpoint, path string, in any, rb readBack) (*types.Transaction, error) {
	if err := validate.Context(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := c.bound(ctx)
	defer cancel()
	actx, acancel := reserveForReadBack(ctx)
	defer acancel()
	var tx types.Transaction
	var st callState
	err := c.do(actx, ep, path, in, &tx, nil, &st)
	if err == nil {
		return &tx, nil
	}
	unknown, readable := classify(err, &st)
	if !unknown && !readable {
		return nil, err
	}
	outcome := &OutcomeUnknownError{
		Method: ep.method, Path: stripQuery(path), MerchantTransactionID: rb.mtid,
		TransactionID: rb.txID, RequestID: st.requestID, Err: err,
	}
	if e := ctx.Err(); e != nil {
		// No time to read back: an earlier attempt may have done it.
		if !errors.Is(err, e) {
			outcome.Err = fmt.Errorf("%w (after %v)", e, err)
		}
		return nil, outcome
	}
	if rb.shows == nil {
		return nil, outcome // nothing read back could settle it
	}
	rctx := context.WithValue(ctx, requestIDKey{}, nil)
	rctx = context.WithValue(rctx, responseInfoKey{}, (*ResponseInfo)(nil))
	found, lerr := rb.lookup(rctx)
	if lerr == nil && found != nil && rb.shows(found) {
		return found, nil
	}
	if !unknown && lerr == nil && found != nil {
		// ZEN refused the resend for a reason of its own, and the read-back
		// shows no earlier attempt did the operation either. A failed
		// read-back proves nothing: the outcome stays unknown.
		return nil, err
	}
	if e := ended(ctx, lerr); e != nil {
		lerr = nil // the caller's cancellation is in outcome.Err's place below
		outcome.Err = fmt.Errorf("%w (after %v)", e, err)
	}
	outcome.ReadBackErr = lerr
	return nil, outcome
}

// ended returns ctx's error, or the context error that err carries when
// ctx is ending: a parent context's Done closes before its children's Err
// is set, so a read that failed with context.Canceled may briefly see a
// child ctx that is not yet done.
func ended(ctx context.Context, err error) error {
	if e := ctx.Err(); e != nil {
		return e
	}
	for _, e := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return e
		}
	}
	return nil
}

// reserveForReadBack returns a context for a money-moving call's attempts
// that ends a quarter of the remaining time (at most 5s) before ctx does,
// so an answer slower than the caller's deadline still leaves time to read
// the transaction back.
func reserveForReadBack(ctx context.Context) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return ctx, func() {}
	}
	reserve := min(time.Until(dl)/4, 5*time.Second)
	return context.WithDeadline(ctx, dl.Add(-reserve))
}

// classify sorts a failed money-moving call. unknown: ZEN may have done the
// operation (a 2xx whose answer could not be read, a 5xx, a failure after
// the request may have been sent, or a refusal that says nothing about the
// operation — 401, 403, 408, 409, 425, 429 — after an attempt whose outcome
// was unknown). readable: a definitive refusal that came after such an
// attempt, so the read-back may still find the earlier attempt's result.
func classify(err error, st *callState) (unknown, readable bool) {
	switch {
	case st.attempts == 0:
		return false, false // refused before the network
	case st.status >= 200 && st.status <= 299, st.status >= 500:
		return true, false
	case st.status == 0:
		return st.ambiguous, false
	}
	switch st.status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusProxyAuthRequired,
		http.StatusRequestTimeout, http.StatusConflict, http.StatusLocked,
		http.StatusTooEarly, http.StatusTooManyRequests:
		return st.ambiguous, false
	}
	return false, st.ambiguous
}

// matchesCreate reports, for postOnce, whether a transaction read back by
// merchantTransactionId is the one this create made: the same
// merchantTransactionId, type, amount and currency, parent transaction
// (refunds), and customer e-mail and items where both sides have them. A
// merchantTransactionId reused for another order never matches.
func matchesCreate(typ types.TransactionType, mtid, parent string, amount types.Amount, currency string,
	customer *types.TransactionCustomer, items []types.Item,
) func(*types.Transaction) bool {
	return func(tx *types.Transaction) bool {
		if tx.MerchantTransactionID != mtid || !tx.Amount.Equal(amount) || tx.Amount.IsZero() ||
			!strings.EqualFold(tx.Currency, currency) || (tx.Type != "" && tx.Type != typ) {
			return false
		}
		if parent != "" && tx.ParentTransactionID != "" && !strings.EqualFold(tx.ParentTransactionID, parent) {
			return false
		}
		if customer != nil && tx.Customer != nil && customer.Email != "" && tx.Customer.Email != "" &&
			!strings.EqualFold(customer.Email, tx.Customer.Email) {
			return false
		}
		return len(items) == 0 || len(tx.Items) == 0 || sameItems(items, tx.Items)
	}
}

// sameItems compares the items a create sent with those read back.
func sameItems(sent, got []types.Item) bool {
	if len(sent) != len(got) {
		return false
	}
	for i := range sent {
		s, g := sent[i], got[i]
		if s.Name != g.Name || s.Quantity != g.Quantity || !s.Price.Equal(g.Price) ||
			!s.LineAmountTotal.Equal(g.LineAmountTotal) {
			return false
		}
	}
	return true
}

// validator is implemented by request types; do calls it before sending.
type validator interface{ Validate() error }

const maxErrorBody = 1 << 20

// DefaultMaxResponseBytes caps a 2xx answer the SDK decodes (report
// downloads stream and are not capped); see WithMaxResponseBytes.
const DefaultMaxResponseBytes = 32 << 20

// bound gives ctx the client's default timeout when it has no deadline.
func (c *Client) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.timeout > 0 && ctx != nil {
		if _, ok := ctx.Deadline(); !ok {
			return context.WithTimeout(ctx, c.timeout)
		}
	}
	return ctx, func() {}
}

// do is the one request path of the SDK: validate, encode, send ep's
// request for path (filled in, with its query) through the retry loop, and
// decode a 2xx into out or a non-2xx into *APIError. header adds headers;
// st, when not nil, records how the request went.
func (c *Client) do(ctx context.Context, ep *endpoint, path string, in, out any, header http.Header, st *callState) error {
	method := ep.method
	if err := validate.Context(ctx); err != nil {
		return err
	}
	ctx, cancel := c.bound(ctx)
	defer cancel()
	resp, reqID, err := c.send(ctx, ep, path, in, header, st)
	if err != nil {
		return err
	}
	defer closeBody(resp)
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	body := io.Reader(resp.Body)
	if limit := c.maxResponse; limit > 0 {
		if resp.ContentLength > limit {
			return &ResponseError{Method: method, Path: stripQuery(path), RequestID: reqID, StatusCode: resp.StatusCode, Err: ErrResponseTooLarge}
		}
		body = &capReader{r: resp.Body, left: limit}
	}
	data, err := io.ReadAll(body)
	if err == nil && len(bytes.TrimSpace(data)) == 0 {
		return nil // empty 2xx body
	}
	if err == nil {
		err = decodeAnswer(data, out)
	}
	if err != nil {
		if ctxErr := ended(ctx, err); ctxErr != nil {
			return fmt.Errorf("zen: %s %s (request-id %s): %w", method, stripQuery(path), reqID, ctxErr)
		}
		return &ResponseError{Method: method, Path: stripQuery(path), RequestID: reqID, StatusCode: resp.StatusCode, Err: err}
	}
	return nil
}

// decodeAnswer decodes a 2xx answer into out in one pass: the engine checks
// the syntax, fills out and keeps what out does not model, and drifted
// members never fail the answer. The answer as a whole must still be the
// kind of value out is (an object for a struct or map, an array for a
// slice): a 2xx whose top level cannot be read is an error, never an empty
// success. Types with a decoder of their own (not the engine's) use it.
func decodeAnswer(data []byte, out any) error {
	if _, inline := out.(interface{ JSONInline(jsonx.Inline) }); !inline {
		if u, ok := out.(json.Unmarshaler); ok {
			if !json.Valid(data) {
				return jsonx.Unmarshal(data, out) // for its *json.SyntaxError
			}
			return u.UnmarshalJSON(data)
		}
	}
	if err := jsonx.Unmarshal(data, out); err != nil {
		return err
	}
	first := bytes.TrimSpace(data)[0]
	if first == 'n' { // null: nothing to read, as encoding/json
		return nil
	}
	want := byte(0)
	switch t := reflect.TypeOf(out).Elem(); t.Kind() {
	case reflect.Struct, reflect.Map:
		want = '{'
	case reflect.Slice:
		if t != reflect.TypeOf(json.RawMessage(nil)) && t.Elem().Kind() != reflect.Uint8 {
			want = '['
		}
	}
	if want != 0 && first != want {
		return fmt.Errorf("answer is not a JSON %s", map[byte]string{'{': "object", '[': "array"}[want])
	}
	return nil
}

// capReader fails with ErrResponseTooLarge once more than left bytes
// have been read, so a huge answer is never buffered whole.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a body of exactly the cap from a longer one.
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, ErrResponseTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// send performs a call and returns the open 2xx response and the
// request-id; any other outcome is an error (*ValidationError, *APIError,
// a context error or a *ConnectionError).
func (c *Client) send(ctx context.Context, ep *endpoint, path string, in any, header http.Header, st *callState) (*http.Response, string, error) {
	if err := validate.Context(ctx); err != nil {
		return nil, "", err
	}
	method := ep.method
	reqID, err := c.requestID(ctx)
	if err != nil {
		return nil, "", err
	}
	if st != nil {
		*st = callState{requestID: reqID}
	}
	var body []byte
	if in != nil {
		if v, ok := in.(validator); ok {
			if err := v.Validate(); err != nil {
				return nil, reqID, err
			}
		}
		if body, err = jsonx.Marshal(in); err != nil {
			return nil, reqID, fmt.Errorf("zen: encoding %s %s request: %w", method, stripQuery(path), err)
		}
	}
	base, tr := c.baseURL, c.transport
	if ep.checkout {
		base, tr = c.checkoutURL, c.anonTransport
	}
	req := &transport.Request{
		Method:    method,
		URL:       base + path,
		Header:    header,
		Body:      body,
		RequestID: reqID,
		Retry:     ep.retry,

		CrossOriginRedirects: ep.file,
	}
	if ep.header[0] != "" || ep.file || c.terminalID != "" {
		req.Header = header.Clone()
		if req.Header == nil {
			req.Header = http.Header{}
		}
		if ep.header[0] != "" {
			req.Header.Set(ep.header[0], ep.header[1])
		}
		if ep.file {
			req.Header.Set("Accept", "*/*")
		}
		if c.terminalID != "" {
			req.Header.Set("terminal-id", c.terminalID)
		}
	}
	res, err := tr.Do(ctx, req)
	if st != nil && res != nil {
		st.attempts, st.ambiguous = res.Attempts, res.Ambiguous
		if res.Response != nil {
			st.status = res.Response.StatusCode
		}
	}
	if info, ok := ctx.Value(responseInfoKey{}).(*ResponseInfo); ok && info != nil {
		*info = ResponseInfo{RequestID: reqID}
		if res != nil {
			info.Attempts = res.Attempts
			if res.Response != nil {
				info.StatusCode, info.Header = res.Response.StatusCode, res.Response.Header
			}
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, reqID, fmt.Errorf("zen: %s %s (request-id %s): %w", method, stripQuery(path), reqID, err)
		}
		return nil, reqID, &ConnectionError{Method: method, Path: stripQuery(path), RequestID: reqID, Err: err}
	}
	resp := res.Response
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer closeBody(resp)
		raw, rerr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		if ctxErr := ended(ctx, rerr); rerr != nil && ctxErr != nil {
			// Cancellation wins over a half-read error answer.
			return nil, reqID, fmt.Errorf("zen: %s %s (request-id %s): %w", method, stripQuery(path), reqID, ctxErr)
		}
		return nil, reqID, newAPIError(method, stripQuery(path), reqID, resp, raw)
	}
	return resp, reqID, nil
}

func (c *Client) requestID(ctx context.Context) (string, error) {
	id, ok := ctx.Value(requestIDKey{}).(string)
	if !ok {
		id = c.newRequestID()
	}
	if err := ValidateRequestID(id); err != nil {
		return "", err
	}
	return id, nil
}

// ValidateRequestID checks id against ZEN's request-id rule: 38..1024
// characters matching ^[a-zA-Z0-9?&:_|\-\/=+.,#\s]+$. Because the id is
// an HTTP header value, the whitespace \s allows is limited further: no
// line breaks (\r, \n, \f), and none at either end, where HTTP drops it.
func ValidateRequestID(id string) error {
	v := validate.New()
	if v.Len("request-id", id, 38, 1024) && v.Match("request-id", id, validate.RequestID) {
		switch {
		case strings.ContainsAny(id, "\r\n\f"):
			v.Fail("request-id", "must not contain line breaks (it is sent as an HTTP header)")
		case strings.Trim(id, " \t") != id:
			v.Fail("request-id", "must not start or end with whitespace (HTTP drops it)")
		}
	}
	return v.Err()
}

func closeBody(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

func stripQuery(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		return p[:i]
	}
	return p
}

// Ptr returns a pointer to v, for optional request fields.
func Ptr[T any](v T) *T { return &v }
