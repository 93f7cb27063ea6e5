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
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

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
	Type                  types.TransactionType      `json:"type,omitempty"`
	TransactionID         string                     `json:"transactionId,omitempty"`
	MerchantTransactionID string                     `json:"merchantTransactionId"`
	Amount                string                     `json:"amount"`
	Currency              string                     `json:"currency"`
	Status                types.TransactionStatus    `json:"status"`
	Hash                  string                     `json:"hash"`
	PaymentChannel        types.PaymentChannel       `json:"paymentChannel,omitempty"`
	RejectCode            types.RejectCode           `json:"rejectCode,omitempty"`
	RejectReason          string                     `json:"rejectReason,omitempty"`
	Customer              *types.TransactionCustomer `json:"customer,omitempty"`
	CardToken             string                     `json:"cardToken,omitempty"`
	Raw                   json.RawMessage            `json:"-"`
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
// error matching ErrInvalidSignature when the hash is missing or wrong;
// ErrMalformedNotification, before the hash is checked, when the body is
// not a JSON object, a signed field is not a string or number, or a signed
// value has a shape ZEN never sends (a currency that is not three capital
// letters, an amount outside ZEN's pattern, a status that is not upper
// case); and an error for an empty secret; the
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
	var signed [len(signedMembers)]string
	for i, name := range signedMembers {
		v, ok := stringOrNumber(members[name])
		if !ok {
			return nil, fmt.Errorf("%w: %s is not a string or number", ErrMalformedNotification, name)
		}
		signed[i] = v
	}
	mtid, currency, amount, status, hash := signed[0], signed[1], signed[2], signed[3], signed[4]
	// The hash covers the four values run together, so their shapes are
	// checked first: otherwise a signed ("order-42", "EUR", "10.50") would
	// also verify as ("order-42EUR1", "", "0.50").
	if err := checkSignedShapes(currency, amount, status); err != nil {
		return nil, err
	}
	got, err := hex.DecodeString(hash)
	if hash == "" || err != nil || len(got) != sha256.Size {
		return nil, fmt.Errorf("%w: notification hash missing or not SHA-256 hex", ErrInvalidSignature)
	}
	want := ipnDigest(mtid, currency, amount, status, ipnSecret)
	if !hmac.Equal(got, want[:]) {
		return nil, fmt.Errorf("%w: notification hash does not match", ErrInvalidSignature)
	}
	text := func(name string) string { v, _ := stringOrNumber(members[name]); return v }
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
		var c types.TransactionCustomer
		if json.Unmarshal(raw, &c) == nil {
			n.Customer = &c
		}
	}
	return n, nil
}

// stringOrNumber returns a JSON string's value or a number's literal text; an
// absent member or null is "". ok is false for any other JSON type.
func stringOrNumber(raw json.RawMessage) (s string, ok bool) {
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

// signedMembers are the members a notification's hash covers, in the
// hash's order, and the hash.
var signedMembers = [...]string{"merchantTransactionId", "currency", "amount", "status", "hash"}

// checkSignedShapes refuses signed values whose shape ZEN never sends: a
// currency of three capital letters, an amount of ZEN's amount pattern and
// an upper-case status keep the four values' boundaries where the signer
// put them.
func checkSignedShapes(currency, amount, status string) error {
	upperStatus := status != ""
	for _, r := range status {
		upperStatus = upperStatus && ('A' <= r && r <= 'Z' || r == '_')
	}
	if !validate.Currency.MatchString(currency) {
		return fmt.Errorf("%w: currency %q is not a 3-letter code", ErrMalformedNotification, currency)
	}
	if _, err := types.ParseAmount(amount); err != nil {
		return fmt.Errorf("%w: amount %q is not a decimal number (%s)", ErrMalformedNotification, amount, types.SignedAmountRule)
	}
	if !upperStatus {
		return fmt.Errorf("%w: status %q is not a status", ErrMalformedNotification, status)
	}
	return nil
}

// SignNotification sets n.Hash from n's signed fields and ipnSecret and
// returns the JSON body ZEN would post, for tests of notification handlers
// and for fakes of ZEN. Members of n.Raw (when it is a JSON object) that the
// typed fields do not write are kept, so a full transaction can be sent
// (the signed members and hash are always the typed fields'). It refuses a
// string field that is not valid UTF-8, which JSON cannot carry, so every
// body it returns is one ParseNotification verifies with the same secret.
func SignNotification(n *Notification, ipnSecret string) ([]byte, error) {
	if n == nil {
		return nil, errors.New("zen: SignNotification: nil notification")
	}
	if ipnSecret == "" {
		return nil, errNoIPNSecret
	}
	// JSON carries only valid UTF-8: a string field that is not would be
	// sent with U+FFFD in its place, and a signed one would then not verify
	// (ParseNotification hashes what it reads back).
	for _, f := range []struct{ name, v string }{
		{"merchantTransactionId", n.MerchantTransactionID}, {"currency", n.Currency}, {"amount", n.Amount},
		{"status", string(n.Status)}, {"type", string(n.Type)}, {"transactionId", n.TransactionID},
		{"paymentChannel", string(n.PaymentChannel)}, {"rejectCode", string(n.RejectCode)},
		{"rejectReason", n.RejectReason}, {"cardToken", n.CardToken},
	} {
		if !utf8.ValidString(f.v) {
			return nil, fmt.Errorf("zen: SignNotification: %s is not valid UTF-8, so the notification could not be read back", f.name)
		}
	}
	if err := checkSignedShapes(n.Currency, n.Amount, string(n.Status)); err != nil {
		return nil, fmt.Errorf("zen: SignNotification: %w", err)
	}
	n.Hash = IPNHash(n.MerchantTransactionID, n.Currency, n.Amount, string(n.Status), ipnSecret)
	var extra map[string]json.RawMessage
	if len(bytes.TrimSpace(n.Raw)) > 0 {
		if err := json.Unmarshal(n.Raw, &extra); err != nil {
			return nil, fmt.Errorf("zen: SignNotification: Raw is not a JSON object: %w", err)
		}
		// The signed members and the hash are always the typed fields' (an
		// empty one included): a member of Raw standing in for an empty
		// field would be read back instead of the value that was signed.
		for _, k := range signedMembers {
			delete(extra, k)
		}
	}
	return jsonx.MarshalExtra(notificationFields(*n), extra)
}

// DefaultIPNMaxBody is the largest notification body NewIPNHandler reads
// unless WithIPNMaxBody says otherwise.
const DefaultIPNMaxBody = 1 << 20

// IPNHandlerOption configures NewIPNHandler.
type IPNHandlerOption func(*ipnHandler)

// WithIPNDeduplication makes the handler call fn at most once per
// notification among all handlers sharing store: NewMemoryIPNStore for one
// process, or an IPNStore on the merchant's database for several behind a
// load balancer. Before fn, the delivery claims the notification: one
// already handled is answered 200 {"status":"ok"} without calling fn, one
// in flight elsewhere 503 so that ZEN retries it, and a store error 500.
// After fn the claim is marked done (fn succeeded) or released (fn failed,
// so ZEN's next delivery is handled). A nil store turns deduplication off,
// the default: fn must then be idempotent itself. Deduplication is not
// replay protection: a notification is told apart by its transaction id and
// type too, which ZEN's hash does not cover (a purchase and its full refund
// may share every signed value), so fn should act on the signed values.
func WithIPNDeduplication(store IPNStore) IPNHandlerOption {
	return func(h *ipnHandler) { h.store = store }
}

// WithIPNClaimLease sets how long a delivery's claim holds (default
// DefaultIPNClaimLease): fn's context ends with the lease, and a claim left
// by a crashed process is taken over once it has passed. Make it longer than
// fn ever needs; d <= 0 keeps the default.
func WithIPNClaimLease(d time.Duration) IPNHandlerOption {
	return func(h *ipnHandler) {
		if d > 0 {
			h.lease = d
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
	store   IPNStore
	lease   time.Duration
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
	h := &ipnHandler{secret: NewSecret(ipnSecret), fn: fn, maxBody: DefaultIPNMaxBody, lease: DefaultIPNClaimLease}
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
	ctx := r.Context()
	var settle func(ok bool)
	if h.store != nil {
		key, token := ipnDeliveryKey(n), uuid.NewString()
		deadline := time.Now().Add(h.lease) // before Claim: fn's context ends no later than the claim
		if !h.claim(ctx, w, n, key, token) {
			return
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
		settle = func(ok bool) { h.settle(r.Context(), n, key, token, ok) }
		defer func() { // fn panicked: release the claim so ZEN's retry is handled
			if settle != nil {
				settle(false)
			}
		}()
	}
	err = h.fn(ctx, n)
	if settle != nil {
		// Settled before answering: once ZEN reads the answer, a redelivery
		// finds the notification done, or free to handle again.
		s := settle
		settle = nil
		s(err == nil)
	}
	if err != nil {
		h.log(ctx, "notification handler failed", n, slog.String("error", err.Error()))
		ipnReply(w, http.StatusInternalServerError)
		return
	}
	ipnReply(w, http.StatusOK)
}

// claim claims key for this delivery in h.store; when the delivery must not
// reach fn it answers ZEN itself and returns false.
func (h *ipnHandler) claim(ctx context.Context, w http.ResponseWriter, n *Notification, key, token string) bool {
	res, err := h.store.Claim(ctx, key, token, h.lease)
	switch {
	case err != nil:
		h.log(ctx, "deduplication store: claim failed", n, slog.String("error", err.Error()))
		ipnReply(w, http.StatusInternalServerError)
	case res == IPNClaimAcquired:
		return true
	case res == IPNClaimDone:
		ipnReply(w, http.StatusOK)
	case res == IPNClaimInFlight:
		h.log(ctx, "notification in flight in another delivery; answered 503 so ZEN delivers it again", n)
		ipnReply(w, http.StatusServiceUnavailable)
	default:
		h.log(ctx, "deduplication store: claim returned "+res.String(), n)
		ipnReply(w, http.StatusInternalServerError)
	}
	return false
}

// settle marks key done after fn succeeded or releases the claim after it
// failed, even when ZEN has already hung up.
func (h *ipnHandler) settle(ctx context.Context, n *Notification, key, token string, ok bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ipnSettleTimeout)
	defer cancel()
	if ok {
		if err := h.store.Done(ctx, key); err != nil {
			h.log(ctx, "deduplication store: marking done failed; answered 200, a redelivery after the lease may be handled again", n, slog.String("error", err.Error()))
		}
		return
	}
	if err := h.store.Release(ctx, key, token); err != nil {
		h.log(ctx, "deduplication store: release failed; ZEN's retry is handled once the lease has passed", n, slog.String("error", err.Error()))
	}
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
