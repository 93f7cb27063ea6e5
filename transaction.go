package zen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// createLogValue is what slog shows for a purchase or payout: its ids,
// money and variant (masked), so neither card data nor personal data is
// logged.
func createLogValue(mtid string, channel types.PaymentChannel, amount types.Amount, currency string, d PaymentSpecificData) slog.Value {
	return slog.GroupValue(
		slog.String("merchantTransactionId", mtid),
		slog.String("paymentChannel", string(channel)),
		slog.String("amount", amount.String()),
		slog.String("currency", currency),
		slog.Any("paymentSpecificData", d),
	)
}

// checkMoney checks a required amount and its currency.
func checkMoney(v *validate.Checker, amount types.Amount, currency string) {
	v.Amount("amount", amount, true)
	v.Currency("currency", currency)
}

// checkCustomer checks a required transaction customer: email is required,
// IP too when ipRequired, and a given IP must be an IPv4 or IPv6 address.
func checkCustomer(v *validate.Checker, c *types.TransactionCustomer, ipRequired bool) {
	v.Customer(c, true, ipRequired)
	if c != nil && c.IP != "" {
		if _, err := netip.ParseAddr(c.IP); err != nil {
			v.Fail("ip", "must be an IPv4 or IPv6 address")
		}
	}
}

// checkSource checks the optional source object's lengths.
func checkSource(v *validate.Checker, s *types.Source) {
	if s == nil {
		return
	}
	if v.Required("channel", string(s.Channel)) {
		v.MaxLen("channel", string(s.Channel), 32)
	}
	v.MaxLen("pluginName", s.PluginName, 32)
	v.MaxLen("pluginVersion", s.PluginVersion, 16)
	v.MaxLen("platformName", s.PlatformName, 32)
	v.MaxLen("platformVersion", s.PlatformVersion, 16)
}

// checkFollowUp checks the fields every operation on an existing
// transaction carries: its ZEN id, a merchantTransactionId and an optional
// comment.
func checkFollowUp(v *validate.Checker, transactionID, merchantTransactionID, comment string) {
	v.UUID("transactionId", transactionID, true)
	v.MerchantTransactionID("merchantTransactionId", merchantTransactionID, true)
	v.MaxLen("comment", comment, maxComment)
}

// renewLogValue is what slog shows for a renewal: the ids and the variant
// (masked).
func renewLogValue(transactionID, mtid string, d PaymentSpecificData) slog.Value {
	return slog.GroupValue(
		slog.String("transactionId", transactionID),
		slog.String("merchantTransactionId", mtid),
		slog.Any("paymentSpecificData", d),
	)
}

// readBack says how a money-moving call settles an unknown outcome by
// reading its transaction back from its endpoint's readBack: a create's is
// found by merchantTransactionId and compared with check, a capture's or
// cancel's by txID and its status. It is data rather than closures, so a
// call that ends well pays nothing to carry it.
type readBack struct {
	mtid    string      // the request's merchantTransactionId
	txID    string      // the transaction operated on, for follow-ups
	creates bool        // the call creates a transaction (not a follow-up)
	check   createCheck // a create's request, to compare what is read back with
	// done is the status a capture or cancel leaves the transaction in,
	// amount the amount a capture captured (nil or zero: the whole amount),
	// and pending the statuses that show it was certainly not done. A
	// follow-up without done is a renewal, which no read-back can prove.
	done    types.TransactionStatus
	amount  *types.Amount
	pending []types.TransactionStatus
}

// settles reports whether reading the transaction back can prove the
// operation (not for renewals).
func (rb *readBack) settles() bool { return rb.creates || rb.done != "" }

// lookup reads the transaction back from get, within ctx.
func (rb *readBack) lookup(ctx context.Context, c *Client, get *endpoint) (*types.Transaction, error) {
	key := uuidID(rb.txID)
	if rb.creates {
		key = mtidParam(rb.mtid)
	}
	return call[types.Transaction](ctx, c, get, args{ids: ids(key)})
}

// shows reports whether tx, read back, already shows the operation: a
// create's transaction with its request's amount and the like, or the
// transaction operated on in status done (for a capture, with the amount
// captured: a capture of another amount is not this capture's proof; one of
// the same amount by another caller cannot be told from it).
func (rb *readBack) shows(tx *types.Transaction) bool {
	if rb.creates {
		return rb.check.shows(tx)
	}
	return strings.EqualFold(tx.ID, rb.txID) && tx.Status == rb.done &&
		(rb.amount == nil || rb.amount.IsZero() || tx.Amount.Equal(*rb.amount))
}

// refutes reports whether tx, read back, shows the operation was certainly
// not done (so ZEN's refusal of a resend is definitive): another order under
// a create's merchantTransactionId, or the transaction operated on still in
// a pending status.
func (rb *readBack) refutes(tx *types.Transaction) bool {
	if rb.creates {
		return rb.check.refutes(tx)
	}
	return strings.EqualFold(tx.ID, rb.txID) && slices.Contains(rb.pending, tx.Status)
}

// describes reports whether a 2xx answer is the operation's transaction:
// a create's answer carries an id and the request's merchantTransactionId
// (or none), a capture's or cancel's is the transaction operated on, a
// renewal's any transaction. An empty body, null or {} describes nothing.
func (rb *readBack) describes(tx *types.Transaction) bool {
	if tx.ID == "" {
		return false
	}
	switch {
	case rb.creates:
		return tx.MerchantTransactionID == "" || tx.MerchantTransactionID == rb.mtid
	case !rb.settles():
		return true // a renewal may answer with the renewed attempt's own id
	}
	return rb.txID == "" || strings.EqualFold(tx.ID, rb.txID)
}

// callDeadline is when a call ends: ctx's deadline, or the
// client's timeout from now when ctx has none (bounded false); zero when
// neither sets one.
func (c *Client) callDeadline(ctx context.Context) (dl time.Time, bounded bool) {
	if dl, ok := ctx.Deadline(); ok {
		return dl, true
	}
	if c.timeout > 0 {
		return time.Now().Add(c.timeout), false
	}
	return time.Time{}, false
}

// reserveForReadBack returns a context for a money-moving call's attempts
// that ends a quarter of the time left before dl (at most 5s) early, so an
// answer slower than the call's deadline still leaves time to read the
// transaction back. A zero dl leaves ctx as it is.
func reserveForReadBack(ctx context.Context, dl time.Time) (context.Context, context.CancelFunc) {
	if dl.IsZero() {
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
func classify(st *callState) (unknown, readable bool) {
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

// createCheck compares a transaction read back by merchantTransactionId
// with a create's request: the same merchantTransactionId, type, amount and
// currency, parent transaction (refunds), and customer e-mail and items
// where both sides have them.
type createCheck struct {
	typ          types.TransactionType
	mtid, parent string
	amount       types.Amount
	currency     string
	customer     *types.TransactionCustomer
	items        []types.Item
}

// differs reports whether tx, a transaction of this create's kind under its
// merchantTransactionId, has a member that contradicts the request; a
// member tx does not carry contradicts nothing.
func (c createCheck) differs(tx *types.Transaction) bool {
	if !tx.Amount.IsZero() && !tx.Amount.Equal(c.amount) {
		return true
	}
	if tx.Currency != "" && !strings.EqualFold(tx.Currency, c.currency) {
		return true
	}
	if c.parent != "" && tx.ParentTransactionID != "" && !strings.EqualFold(tx.ParentTransactionID, c.parent) {
		return true
	}
	if c.customer != nil && tx.Customer != nil && c.customer.Email != "" && tx.Customer.Email != "" &&
		!strings.EqualFold(c.customer.Email, tx.Customer.Email) {
		return true
	}
	return len(c.items) > 0 && len(tx.Items) > 0 && !sameItems(c.items, tx.Items)
}

// ours reports whether tx is under this create's merchantTransactionId and
// of its kind (a lookup may also find another kind, e.g. the purchase whose
// merchantTransactionId a refund reused).
func (c createCheck) ours(tx *types.Transaction) bool {
	return tx.MerchantTransactionID == c.mtid && (tx.Type == "" || tx.Type == c.typ)
}

// shows: tx is this create's transaction (and carries its amount).
func (c createCheck) shows(tx *types.Transaction) bool {
	return c.ours(tx) && !tx.Amount.IsZero() && !c.differs(tx)
}

// refutes: tx is another order under the same merchantTransactionId, so a
// refusal of the resend is definitive and never returns that order.
func (c createCheck) refutes(tx *types.Transaction) bool { return c.ours(tx) && c.differs(tx) }

// sameItems compares the items a create sent with those read back, member
// by member where both sides carry the member.
func sameItems(sent, got []types.Item) bool {
	if len(sent) != len(got) {
		return false
	}
	for i := range sent {
		s, g := sent[i], got[i]
		if (s.Name != "" && g.Name != "" && s.Name != g.Name) ||
			(!s.Quantity.IsZero() && !g.Quantity.IsZero() && !s.Quantity.Equal(g.Quantity)) ||
			(!s.Price.IsZero() && !g.Price.IsZero() && !s.Price.Equal(g.Price)) ||
			(!s.LineAmountTotal.IsZero() && !g.LineAmountTotal.IsZero() && !s.LineAmountTotal.Equal(g.LineAmountTotal)) {
			return false
		}
	}
	return true
}

// createReadBack settles a create by reading it back by
// merchantTransactionId.
func createReadBack(check createCheck) readBack {
	return readBack{mtid: check.mtid, creates: true, check: check}
}

// followUpReadBack settles a capture or cancel of transaction txID by
// reading it back: status done (and, for a capture, amount) shows the
// operation, pending that it was certainly not done (the transaction still
// waits for it).
func followUpReadBack(mtid, txID string, done types.TransactionStatus, amount *types.Amount,
	pending ...types.TransactionStatus,
) readBack {
	return readBack{mtid: mtid, txID: txID, done: done, amount: amount, pending: pending}
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
	// One timer on the way that succeeds: the attempts' deadline. The
	// call's own deadline becomes a context only if a read-back needs it.
	dl, bounded := c.callDeadline(ctx)
	actx, acancel := reserveForReadBack(ctx, dl)
	defer acancel()
	var tx types.Transaction
	var st callState
	err := c.do(actx, ep, path, in, &tx, nil, &st)
	if err == nil {
		if rb.describes(&tx) {
			return &tx, nil
		}
		// A 2xx that is not the operation's transaction (empty, null, {} or
		// another one): ZEN may have done it, so it is settled as unknown.
		err = &ResponseError{Method: ep.method, Path: stripQuery(path), RequestID: st.requestID, StatusCode: st.status,
			Err: errors.New("the answer is not the operation's transaction")}
	}
	unknown, readable := classify(&st)
	if !unknown && !readable {
		return nil, err
	}
	outcome := &OutcomeUnknownError{
		Method: ep.method, Path: stripQuery(path), MerchantTransactionID: rb.mtid,
		TransactionID: rb.txID, RequestID: st.requestID, Err: err,
	}
	if !bounded && !dl.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl)
		defer cancel()
	}
	if e := ctx.Err(); e != nil {
		// No time to read back: an earlier attempt may have done it.
		if !errors.Is(err, e) {
			outcome.Err = fmt.Errorf("%w (after %v)", e, err)
		}
		return nil, outcome
	}
	if !rb.settles() || ep.readBack == nil {
		return nil, outcome // nothing read back could settle it
	}
	rctx := context.WithValue(ctx, requestIDKey{}, nil)
	rctx = context.WithValue(rctx, responseInfoKey{}, (*ResponseInfo)(nil))
	found, lerr := rb.lookup(rctx, c, ep.readBack)
	if lerr == nil && found != nil && rb.shows(found) {
		return found, nil
	}
	if !unknown && lerr == nil && found != nil && rb.refutes(found) {
		// ZEN refused the resend for a reason of its own, and the read-back
		// shows the operation was not done (another order under the same
		// merchantTransactionId, a purchase still waiting to be captured).
		// A failed read-back, or one that neither shows nor refutes the
		// operation, proves nothing: the outcome stays unknown.
		return nil, err
	}
	if e := ended(ctx, lerr); e != nil {
		lerr = nil // the caller's cancellation is in outcome.Err's place below
		outcome.Err = fmt.Errorf("%w (after %v)", e, err)
	}
	outcome.ReadBackErr = lerr
	return nil, outcome
}
