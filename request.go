package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"reflect"
	"strings"

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

// validator is implemented by request types; do calls it before sending.
type validator interface{ Validate() error }

const maxErrorBody = 1 << 20

// DefaultMaxResponseBytes caps a 2xx answer the SDK decodes (report
// downloads stream and are not capped); see WithMaxResponseBytes.
const DefaultMaxResponseBytes = 32 << 20

// bound gives ctx the client's default timeout when it has no deadline
// (callDeadline's rule).
func (c *Client) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx != nil {
		if dl, bounded := c.callDeadline(ctx); !bounded && !dl.IsZero() {
			return context.WithDeadline(ctx, dl)
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
	drained := false // read to its end: closed without CloseBody's drain, which allocates
	defer func() {
		if drained {
			_ = resp.Body.Close()
		} else {
			transport.CloseBody(resp)
		}
	}()
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	limit := c.maxResponse
	if limit <= 0 {
		limit = math.MaxInt64 // no cap
	} else if resp.ContentLength > limit {
		return &ResponseError{Method: method, Path: stripQuery(path), RequestID: reqID, StatusCode: resp.StatusCode, Err: ErrResponseTooLarge}
	}
	data, err := readAnswer(&capReader{r: resp.Body, left: limit}, resp.ContentLength)
	drained = err == nil
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

// maxPresize bounds the buffer readAnswer allocates up front from a
// Content-Length, so a header alone cannot make the client reserve much
// memory; a longer answer grows the buffer as it arrives.
const maxPresize = 1 << 20

// readAnswer reads r to the end, as io.ReadAll, into a buffer sized from
// the answer's Content-Length n (-1 or 0 when unknown): a 5 KB transaction is
// read into one allocation instead of io.ReadAll's growing copies. r is a
// *capReader, not an io.Reader, so that it can stay on the caller's stack.
func readAnswer(r *capReader, n int64) ([]byte, error) {
	if n <= 0 || n >= maxPresize { // 0 as well: RoundTrippers often leave it unset
		// io.ReadAll would make r escape; only this path pays for a copy
		// on the heap.
		rest := *r
		return io.ReadAll(&rest)
	}
	b := make([]byte, 0, n+1) // one byte more sees EOF without growing
	for {
		m, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // longer than announced: grow as io.ReadAll
		}
	}
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

		File:  ep.file,
		Fixed: ep.header,
	}
	res, err := tr.Do(ctx, req)
	if st != nil {
		st.attempts, st.ambiguous = res.Attempts, res.Ambiguous
		if res.Response != nil {
			st.status = res.Response.StatusCode
		}
	}
	if info, ok := ctx.Value(responseInfoKey{}).(*ResponseInfo); ok && info != nil {
		*info = ResponseInfo{RequestID: reqID, Attempts: res.Attempts}
		if res.Response != nil {
			info.StatusCode, info.Header = res.Response.StatusCode, res.Response.Header
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
		defer transport.CloseBody(resp)
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
	switch {
	case ok: // the caller's own, checked below
	case c.newRequestID == nil:
		return NewRequestID(), nil // valid by construction (TestRequestIDGenerator)
	default:
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

func stripQuery(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		return p[:i]
	}
	return p
}

// Ptr returns a pointer to v, for optional request fields.
func Ptr[T any](v T) *T { return &v }
