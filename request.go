package zen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/transport"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// callOpt adjusts one call: an extra header, another host, a retry class.
type callOpt func(*call)

type call struct {
	header    http.Header
	base      string // "" = API base URL
	retry     *transport.Retry
	noAuth    bool
	anyOrigin bool  // follow GET redirects to other origins, without credentials
	ambiguous *bool // set when an earlier attempt's outcome was unknown
}

func withHeader(k, v string) callOpt {
	return func(c *call) {
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Set(k, v)
	}
}

// toBase sends the call to another base URL (e.g. the checkout host).
func toBase(base string) callOpt { return func(c *call) { c.base = base } }

// withoutAuth sends the call without credentials (hosted checkout signs its
// body instead).
func withoutAuth() callOpt { return func(c *call) { c.noAuth = true } }

// followAnyOrigin lets a GET follow a redirect to another origin with its
// credentials, Referer and query dropped, for files ZEN may serve from
// elsewhere; an API call's JSON is ZEN's only from ZEN's origin.
func followAnyOrigin() callOpt { return func(c *call) { c.anyOrigin = true } }

// captureAmbiguous makes the call report in *b whether an earlier attempt's
// outcome was unknown (it may have reached ZEN), so a caller can tell a
// duplicate rejection of its own resend from a genuine one.
func captureAmbiguous(b *bool) callOpt {
	return func(c *call) { c.ambiguous = b }
}

// asIdempotent marks a POST without side effects (a calculation or a
// session validation) as safe to retry like a GET.
func asIdempotent() callOpt {
	return func(c *call) {
		r := transport.Idempotent
		c.retry = &r
	}
}

// errMissingRequest is returned when a method is given a nil request; each
// call gets its own value, so a caller changing one cannot affect others.
func errMissingRequest() error { return &types.ValidationError{Field: "request", Rule: "is required"} }

// decodeCall is do for callers that want the answer as a new *T.
func decodeCall[T any](ctx context.Context, c *Client, method, path string, in any, opts ...callOpt) (*T, error) {
	var out T
	if err := c.do(ctx, method, path, in, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}

// idPath fills the {id} placeholder of an endpoint path with the escaped id.
func idPath(tmpl, id string) string {
	return strings.Replace(tmpl, "{id}", url.PathEscape(id), 1)
}

// requirePathParam returns a *ValidationError when a path parameter is
// empty or a dot segment ("." or ".." survive escaping and would change the
// URL's meaning), so no request is sent to a wrong URL.
func requirePathParam(name, v string) error {
	c := validate.New()
	if c.Required(name, v) && (v == "." || v == "..") {
		c.Fail(name, "must not be a dot segment")
	}
	return c.Err()
}

// unmarshalKeepingExtra decodes b into dst (a struct type without methods)
// and stores the members dst does not model in *extra.
func unmarshalKeepingExtra[T any](b []byte, dst *T, extra *map[string]json.RawMessage) error {
	rest, err := jsonx.UnmarshalExtra(b, dst)
	if err != nil {
		return err
	}
	*extra = rest
	return nil
}

// postOnce posts an operation that creates or changes a transaction and
// decodes the Transaction answer. Such requests carry a
// merchantTransactionId, so the transport resends them after a lost answer,
// and ZEN refuses a resend of something it already did (a duplicate
// merchantTransactionId, or an action no longer allowed). When the final
// answer is such a 4xx and an earlier attempt's outcome was unknown,
// postOnce reads the transaction back with lookup and returns it if done
// says it already shows the operation's effect; in every other case the
// original error is returned. The lookup gets its own request-id and does
// not overwrite the caller's ResponseInfo.
func (c *Client) postOnce(ctx context.Context, path string, in any,
	lookup func(context.Context) (*Transaction, error), done func(*Transaction) bool,
) (*Transaction, error) {
	var tx Transaction
	var ambiguous bool
	err := c.do(ctx, http.MethodPost, path, in, &tx, captureAmbiguous(&ambiguous))
	if err == nil {
		return &tx, nil
	}
	var apiErr *APIError
	if !ambiguous || !errors.As(err, &apiErr) || apiErr.StatusCode < 400 || apiErr.StatusCode > 499 {
		return nil, err // also every validation failure: in may be nil
	}
	ctx = context.WithValue(ctx, requestIDKey{}, nil)
	ctx = context.WithValue(ctx, responseInfoKey{}, (*ResponseInfo)(nil))
	found, lerr := lookup(ctx)
	if lerr != nil || found == nil || !done(found) {
		return nil, err
	}
	return found, nil
}

// sameMoney reports whether tx carries exactly amount in currency.
func sameMoney(tx *Transaction, amount types.Amount, currency string) bool {
	return !tx.Amount.IsZero() && tx.Amount.Equal(amount) && tx.Currency == currency
}

// validator is implemented by request types; do calls it before sending.
type validator interface{ Validate() error }

// idempotencyKeyed is implemented by POST bodies that carry a
// merchantTransactionId, which ZEN keeps unique: resending them cannot
// create a second operation, so they may be retried when the outcome of an
// attempt is unknown.
type idempotencyKeyed interface{ idempotencyKey() string }

const maxErrorBody = 1 << 20

// do is the one request path of the SDK: validate, encode, send through the
// retry loop, and decode a 2xx into out or a non-2xx into *APIError.
func (c *Client) do(ctx context.Context, method, path string, in, out any, opts ...callOpt) error {
	if c.timeout > 0 {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, c.timeout)
			defer cancel()
		}
	}
	resp, err := c.send(ctx, method, path, in, opts...)
	if err != nil {
		return err
	}
	defer closeBody(resp)
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	dec := json.NewDecoder(resp.Body)
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // empty 2xx body
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return fmt.Errorf("zen: %s %s: decoding response: %w", method, stripQuery(path), err)
	}
	return nil
}

// send performs a call and returns the open 2xx response; any other outcome
// is an error (*ValidationError, *APIError, a context error or a connection
// error).
func (c *Client) send(ctx context.Context, method, path string, in any, opts ...callOpt) (*http.Response, error) {
	var cl call
	for _, o := range opts {
		o(&cl)
	}
	reqID, err := c.requestID(ctx)
	if err != nil {
		return nil, err
	}
	var body []byte
	if in != nil {
		if v, ok := in.(validator); ok {
			if err := v.Validate(); err != nil {
				return nil, err
			}
		}
		if body, err = json.Marshal(in); err != nil {
			return nil, fmt.Errorf("zen: encoding %s %s request: %w", method, stripQuery(path), err)
		}
	}
	base := c.baseURL
	if cl.base != "" {
		base = cl.base
	}
	req := &transport.Request{
		Method:    method,
		URL:       base + path,
		Header:    cl.header,
		Body:      body,
		RequestID: reqID,
		Retry:     retryClass(method, in),

		CrossOriginRedirects: cl.anyOrigin,
	}
	if cl.retry != nil {
		req.Retry = *cl.retry
	}
	if c.terminalID != "" {
		if req.Header == nil {
			req.Header = http.Header{}
		}
		req.Header.Set("terminal-id", c.terminalID)
	}
	tr := c.transport
	if cl.noAuth {
		tr = c.anonTransport
	}
	res, err := tr.Do(ctx, req)
	if cl.ambiguous != nil {
		*cl.ambiguous = res != nil && res.Ambiguous
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
			return nil, fmt.Errorf("zen: %s %s (request-id %s): %w", method, stripQuery(path), reqID, err)
		}
		return nil, &ConnectionError{Method: method, Path: stripQuery(path), RequestID: reqID, Err: err}
	}
	resp := res.Response
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer closeBody(resp)
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return nil, newAPIError(method, stripQuery(path), reqID, resp, raw)
	}
	return resp, nil
}

func retryClass(method string, in any) transport.Retry {
	if method != http.MethodPost {
		return transport.Idempotent
	}
	if k, ok := in.(idempotencyKeyed); ok && k.idempotencyKey() != "" {
		return transport.Keyed
	}
	return transport.Unsafe
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

// ConnectionError reports a call that got no HTTP response (after any
// retries): a refused or dropped connection, a timeout, or a credentials
// provider failure (see Unwrap). Neither Path nor the wrapped *url.Error
// carries the query, which can hold customer data.
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

// Aliases for the shared types callers use most, so they read zen.Amount
// and zen.Transaction.
type (
	// Amount is a decimal money value sent as a JSON string; see types.Amount.
	Amount = types.Amount
	// Transaction is ZEN's transaction object; see types.Transaction.
	Transaction = types.Transaction
	// ValidationError is a request field that breaks a ZEN rule, returned
	// before any network call.
	ValidationError = types.ValidationError
	// RejectError is a transaction ZEN processed and declined (status
	// REJECTED); get it with Transaction.Err.
	RejectError = types.RejectError
)

// Ptr returns a pointer to v, for optional request fields.
func Ptr[T any](v T) *T { return &v }
