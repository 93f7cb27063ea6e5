package zen

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/types"
)

// ErrInvalidSignature matches, with errors.Is, a notification whose hash or
// a checkout body whose signature does not verify (wrong secret, tampered
// or missing value).
var ErrInvalidSignature = errors.New("zen: invalid signature")

// ErrMalformedNotification matches, with errors.Is, a notification body that
// is not a JSON object or whose signed fields are not strings or numbers.
var ErrMalformedNotification = errors.New("zen: malformed notification")

// errNoIPNSecret is returned instead of ever treating a notification as
// valid when no IPN secret is configured.
var errNoIPNSecret = errors.New("zen: empty IPN secret: set the IPN secret from the ZEN panel (Store settings → IPN)")

// IPNHash returns the hash ZEN puts in a notification: the uppercase hex
// SHA-256 of merchantTransactionId+currency+amount+status+ipnSecret, plainly
// concatenated. Pass the values exactly as received (amount is not
// re-formatted).
func IPNHash(merchantTransactionID, currency, amount, status, ipnSecret string) string {
	sum := ipnDigest(merchantTransactionID, currency, amount, status, ipnSecret)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

func ipnDigest(merchantTransactionID, currency, amount, status, ipnSecret string) [sha256.Size]byte {
	h := sha256.New()
	for _, s := range []string{merchantTransactionID, currency, amount, status, ipnSecret} {
		_, _ = io.WriteString(h, s)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// Notification is an IPN (Instant Payment Notification) ZEN posts when a
// transaction is finalized; finalize an order only on Status ACCEPTED.
// ZEN's hash covers only MerchantTransactionID, Currency, Amount and Status:
// treat the other fields as unauthenticated hints (fetch the transaction
// through the API before relying on them). Amount is the exact text ZEN
// sent; AmountValue parses it. Raw is the whole body, so members the SDK
// does not model are never lost.
type Notification struct {
	Type                  types.TransactionType   `json:"type,omitempty"`
	TransactionID         string                  `json:"transactionId,omitempty"`
	MerchantTransactionID string                  `json:"merchantTransactionId"`
	Amount                string                  `json:"amount"`
	Currency              string                  `json:"currency"`
	Status                types.TransactionStatus `json:"status"`
	Hash                  string                  `json:"hash"`
	PaymentChannel        types.PaymentChannel    `json:"paymentChannel,omitempty"`
	RejectCode            types.RejectCode        `json:"rejectCode,omitempty"`
	RejectReason          string                  `json:"rejectReason,omitempty"`
	Customer              *types.Customer         `json:"customer,omitempty"`
	CardToken             string                  `json:"cardToken,omitempty"`
	Raw                   json.RawMessage         `json:"-"`
}

// AmountValue parses Amount as a decimal amount; it fails for an amount
// that is not a plain decimal or a nil notification.
func (n *Notification) AmountValue() (types.Amount, error) {
	if n == nil {
		return types.Amount{}, errors.New("zen: nil notification")
	}
	return types.ParseAmount(n.Amount)
}

// RejectError returns the rejection as a *RejectError (errors.Is
// ErrRejected), or nil when the notification is not REJECTED.
func (n *Notification) RejectError() *RejectError {
	if n == nil || n.Status != types.StatusRejected {
		return nil
	}
	return &RejectError{Code: n.RejectCode, Reason: n.RejectReason, TransactionID: n.TransactionID, MerchantTransactionID: n.MerchantTransactionID}
}

// ParseNotification decodes an IPN body and checks its hash against
// ipnSecret in constant time (the hex may be in either case). It returns an
// error matching ErrInvalidSignature when the hash is missing or wrong,
// ErrMalformedNotification when the body is not a JSON object or a signed
// field is not a string or number, and an error for an empty secret; the
// Notification is returned only when the hash verifies. Unknown members are
// fine and stay in Raw; an unsigned member of an unexpected type is left
// empty rather than failing a correctly signed notification.
func ParseNotification(body []byte, ipnSecret string) (*Notification, error) {
	if ipnSecret == "" {
		return nil, errNoIPNSecret
	}
	trimmed := bytes.TrimSpace(body)
	var members map[string]json.RawMessage
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &members) != nil {
		return nil, fmt.Errorf("%w: body is not a JSON object", ErrMalformedNotification)
	}
	// Members are looked up by their exact name (encoding/json would also
	// match "AMOUNT"), so the values checked are the ones a reader of Raw
	// sees.
	var signed [5]string
	for i, name := range []string{"merchantTransactionId", "currency", "amount", "status", "hash"} {
		v, ok := scalarText(members[name])
		if !ok {
			return nil, fmt.Errorf("%w: %s is not a string or number", ErrMalformedNotification, name)
		}
		signed[i] = v
	}
	mtid, currency, amount, status, hash := signed[0], signed[1], signed[2], signed[3], signed[4]
	got, err := hex.DecodeString(hash)
	if hash == "" || err != nil || len(got) != sha256.Size {
		return nil, fmt.Errorf("%w: notification hash missing or not SHA-256 hex", ErrInvalidSignature)
	}
	want := ipnDigest(mtid, currency, amount, status, ipnSecret)
	if !hmac.Equal(got, want[:]) {
		return nil, fmt.Errorf("%w: notification hash does not match", ErrInvalidSignature)
	}
	text := func(name string) string { v, _ := scalarText(members[name]); return v }
	n := &Notification{
		Type:                  types.TransactionType(text("type")),
		TransactionID:         text("transactionId"),
		MerchantTransactionID: mtid,
		Amount:                amount,
		Currency:              currency,
		Status:                types.TransactionStatus(status),
		Hash:                  hash,
		PaymentChannel:        types.PaymentChannel(text("paymentChannel")),
		RejectCode:            types.RejectCode(text("rejectCode")),
		RejectReason:          text("rejectReason"),
		CardToken:             text("cardToken"),
		Raw:                   append(json.RawMessage(nil), trimmed...),
	}
	if raw := members["customer"]; len(raw) > 0 && raw[0] == '{' {
		var c types.Customer
		if json.Unmarshal(raw, &c) == nil {
			n.Customer = &c
		}
	}
	return n, nil
}

// scalarText returns a JSON string's value or a number's literal text; an
// absent member or null is "". ok is false for any other JSON type.
func scalarText(raw json.RawMessage) (s string, ok bool) {
	var f types.FlexString
	if len(raw) == 0 {
		return "", true
	}
	if raw[0] == '{' || raw[0] == '[' || raw[0] == 't' || raw[0] == 'f' || json.Unmarshal(raw, &f) != nil {
		return "", false
	}
	return string(f), true
}

type notificationFields Notification

// SignNotification sets n.Hash from n's signed fields and ipnSecret and
// returns the JSON body ZEN would post, for tests of notification handlers
// and for fakes of ZEN. Members of n.Raw (when it is a JSON object) that the
// typed fields do not write are kept, so a full transaction can be sent.
func SignNotification(n *Notification, ipnSecret string) ([]byte, error) {
	if n == nil {
		return nil, errors.New("zen: SignNotification: nil notification")
	}
	if ipnSecret == "" {
		return nil, errNoIPNSecret
	}
	n.Hash = IPNHash(n.MerchantTransactionID, n.Currency, n.Amount, string(n.Status), ipnSecret)
	var extra map[string]json.RawMessage
	if len(bytes.TrimSpace(n.Raw)) > 0 {
		if err := json.Unmarshal(n.Raw, &extra); err != nil {
			return nil, fmt.Errorf("zen: SignNotification: Raw is not a JSON object: %w", err)
		}
	}
	return jsonx.MarshalExtra(notificationFields(*n), extra)
}

// DefaultIPNMaxBody is the largest notification body NewIPNHandler reads
// unless WithIPNMaxBody says otherwise.
const DefaultIPNMaxBody = 1 << 20

// IPNHandlerOption configures NewIPNHandler.
type IPNHandlerOption func(*ipnHandler)

// WithIPNDeduplication makes the handler remember the last n notifications
// it handled successfully (keyed on transactionId, type and the signed
// merchantTransactionId, currency, amount and status) and acknowledge a
// repeat with 200 without calling fn again; a repeat that arrives while the
// first is still in fn waits for it. n <= 0 turns deduplication off. The
// memory is per process: with several instances fn must be idempotent
// itself (e.g. a unique key in your database).
func WithIPNDeduplication(n int) IPNHandlerOption {
	return func(h *ipnHandler) {
		if n > 0 {
			h.dedup = newDedupSet(n)
		}
	}
}

// WithIPNMaxBody caps the size of a notification body (default 1 MiB);
// larger bodies are answered 413.
func WithIPNMaxBody(n int64) IPNHandlerOption {
	return func(h *ipnHandler) {
		if n > 0 {
			h.maxBody = n
		}
	}
}

// WithIPNLogger logs one line per rejected or failed notification (reason,
// transactionId, status). Bodies and the secret are never logged.
func WithIPNLogger(l *slog.Logger) IPNHandlerOption {
	return func(h *ipnHandler) { h.logger = l }
}

type ipnHandler struct {
	secret  Secret
	fn      func(context.Context, *Notification) error
	maxBody int64
	dedup   *dedupSet
	logger  *slog.Logger
}

// NewIPNHandler returns an http.Handler for ZEN's notifications. It accepts
// only POST (405 otherwise), reads the raw body itself (413 past the cap),
// verifies the hash with ipnSecret (401 {"error":"Unauthorized"}), answers
// 400 to a malformed body, calls fn, and answers 200 {"status":"ok"} when fn
// returns nil or 500 when it returns an error, so ZEN delivers it again. ZEN
// may deliver one notification more than once: make fn idempotent or use
// WithIPNDeduplication. An empty ipnSecret makes every call fail with 500;
// a nil fn acknowledges every verified notification.
func NewIPNHandler(ipnSecret string, fn func(ctx context.Context, n *Notification) error, opts ...IPNHandlerOption) http.Handler {
	h := &ipnHandler{secret: NewSecret(ipnSecret), fn: fn, maxBody: DefaultIPNMaxBody}
	for _, o := range opts {
		if o != nil {
			o(h)
		}
	}
	return h
}

func (h *ipnHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		ipnReply(w, http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.log(r.Context(), "notification body too large", nil)
			ipnReply(w, http.StatusRequestEntityTooLarge)
			return
		}
		ipnReply(w, http.StatusBadRequest)
		return
	}
	n, err := ParseNotification(body, h.secret.Reveal())
	switch {
	case errors.Is(err, ErrInvalidSignature):
		h.log(r.Context(), "notification hash does not verify", nil)
		ipnReply(w, http.StatusUnauthorized)
		return
	case errors.Is(err, ErrMalformedNotification):
		h.log(r.Context(), "malformed notification", nil)
		ipnReply(w, http.StatusBadRequest)
		return
	case err != nil:
		h.log(r.Context(), err.Error(), nil)
		ipnReply(w, http.StatusInternalServerError)
		return
	}
	if h.fn == nil {
		ipnReply(w, http.StatusOK)
		return
	}
	done := func(bool) {}
	if h.dedup != nil {
		key := dedupKey(n)
		seen, release, err := h.dedup.claim(r.Context(), key)
		if err != nil {
			ipnReply(w, http.StatusServiceUnavailable)
			return
		}
		if seen {
			ipnReply(w, http.StatusOK)
			return
		}
		done = release
	}
	ok := false
	defer func() { done(ok) }() // also when fn panics, so waiting repeats are freed
	if err := h.fn(r.Context(), n); err != nil {
		h.log(r.Context(), "notification handler failed", n, slog.String("error", err.Error()))
		ipnReply(w, http.StatusInternalServerError)
		return
	}
	ok = true
	ipnReply(w, http.StatusOK)
}

// dedupKey identifies one delivery of one notification: the signed fields
// (through the hash, which covers merchantTransactionId, currency, amount
// and status) plus the transaction id and type, so a purchase and its full
// refund never collide.
func dedupKey(n *Notification) string {
	return n.TransactionID + "\x00" + string(n.Type) + "\x00" + strings.ToUpper(n.Hash)
}

func (h *ipnHandler) log(ctx context.Context, msg string, n *Notification, attrs ...slog.Attr) {
	if h.logger == nil {
		return
	}
	if n != nil {
		attrs = append(attrs, slog.String("transactionId", n.TransactionID), slog.String("status", string(n.Status)))
	}
	h.logger.LogAttrs(ctx, slog.LevelWarn, "zen: IPN: "+msg, attrs...)
}

// ipnReply writes the JSON answer ZEN expects for status: {"status":"ok"}
// on 200 and {"error":"<status text>"} otherwise.
func ipnReply(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if status == http.StatusOK {
		_, _ = io.WriteString(w, `{"status":"ok"}`)
		return
	}
	_, _ = io.WriteString(w, `{"error":"`+http.StatusText(status)+`"}`)
}

// dedupSet remembers the last max keys handled successfully and tracks the
// ones being handled right now.
type dedupSet struct {
	mu       sync.Mutex
	max      int
	done     map[string]struct{}
	order    []string // ring of keys in done, oldest at next
	next     int
	inflight map[string]chan struct{}
}

func newDedupSet(n int) *dedupSet {
	return &dedupSet{max: n, done: map[string]struct{}{}, inflight: map[string]chan struct{}{}}
}

// claim reports whether key was already handled. Otherwise it waits for a
// concurrent handling of key to finish and, if that one failed, claims key:
// the caller must then call release with the outcome.
func (d *dedupSet) claim(ctx context.Context, key string) (seen bool, release func(ok bool), err error) {
	for {
		d.mu.Lock()
		if _, ok := d.done[key]; ok {
			d.mu.Unlock()
			return true, nil, nil
		}
		ch, busy := d.inflight[key]
		if !busy {
			ch = make(chan struct{})
			d.inflight[key] = ch
			d.mu.Unlock()
			return false, func(ok bool) { d.release(key, ch, ok) }, nil
		}
		d.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return false, nil, ctx.Err()
		}
	}
}

func (d *dedupSet) release(key string, ch chan struct{}, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.inflight, key)
	close(ch)
	if !ok {
		return
	}
	if len(d.order) < d.max {
		d.order = append(d.order, key)
	} else {
		delete(d.done, d.order[d.next])
		d.order[d.next] = key
		d.next = (d.next + 1) % d.max
	}
	d.done[key] = struct{}{}
}
