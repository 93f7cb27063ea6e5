package zen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
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

// hasStatus reports, for postOnce, whether a transaction read back already
// has status st (a capture or cancel that the lost attempt carried out).
func hasStatus(st types.TransactionStatus) func(*types.Transaction) bool {
	return func(tx *types.Transaction) bool { return tx.Status == st }
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

// readBack says how a money-moving call settles an unknown outcome: lookup
// reads the transaction and shows reports whether it already shows the
// operation; both are nil when no read-back can prove it (renewals).
type readBack struct {
	mtid   string // the request's merchantTransactionId
	txID   string // the transaction operated on, for follow-ups
	lookup func(context.Context) (*types.Transaction, error)
	shows  func(*types.Transaction) bool
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
		if s.Name != g.Name || !s.Quantity.Equal(g.Quantity) || !s.Price.Equal(g.Price) ||
			!s.LineAmountTotal.Equal(g.LineAmountTotal) {
			return false
		}
	}
	return true
}

// byMerchantID returns a lookup of the transaction with
// merchantTransactionID mtid, for postOnce.
func (c *Client) byMerchantID(mtid string) func(context.Context) (*types.Transaction, error) {
	return func(ctx context.Context) (*types.Transaction, error) {
		return c.Purchases.GetByMerchantTransactionID(ctx, mtid)
	}
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
