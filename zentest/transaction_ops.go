package zentest

import (
	"fmt"
	"net/http"

	"github.com/zen-go/zen/types"
)

// readTarget reads the transactionId / merchantTransactionId pair of
// capture, cancel and renew bodies.
func readTarget(b *reqBody, mtidRequired bool) string {
	id := b.uuid("transactionId", true)
	b.mtid("merchantTransactionId", mtidRequired)
	b.text("comment", false, 0, 512, nil)
	return id
}

// onTarget finishes a capture, cancel or renew request: after the body
// checks pass it finds the transaction of kind (404 when there is none) and
// calls op with s.mu held.
func (s *Server) onTarget(w *responseBuffer, b *reqBody, id string, kind types.TransactionType, op func(x *txn)) {
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.lookup(id, kind)
	if x == nil {
		writeNotFound(w)
		return
	}
	op(x)
}

// refuse answers 400 for an operation the transaction's status (its
// actions flags) does not allow.
func refuse(w *responseBuffer, x *txn, what string) {
	writeError(w, http.StatusBadRequest, fmt.Sprintf("transactionId: %s in status %s", what, x.t.Status))
}

// capture serves purchase and payout capture: only AUTHORIZED, amount at
// most the authorized one, currency unchanged.
func (s *Server) capture(w *responseBuffer, b *reqBody, kind types.TransactionType, required bool) {
	id := readTarget(b, required)
	amount := b.amount("amount", required, false)
	currency := b.currency("currency", required)
	s.onTarget(w, b, id, kind, func(x *txn) {
		switch {
		case x.t.Status != types.StatusAuthorized:
			refuse(w, x, "transaction cannot be captured")
		case currency != "" && currency != x.t.Currency:
			badRequest(w, "currency", "must be the transaction currency "+x.t.Currency)
		case !amount.IsZero() && amount.Cmp(x.authorized) > 0:
			badRequest(w, "amount", "must not exceed the authorized amount "+x.authorized.String())
		default:
			if !amount.IsZero() {
				x.t.Amount = amount
			}
			s.setStatus(x, types.StatusAccepted, "")
			writeJSON(w, http.StatusOK, s.view(x))
		}
	})
}

// cancel serves purchase and payout cancel: only PENDING or AUTHORIZED.
func (s *Server) cancel(w *responseBuffer, b *reqBody, kind types.TransactionType) {
	s.onTarget(w, b, readTarget(b, false), kind, func(x *txn) {
		if x.t.Status != types.StatusPending && x.t.Status != types.StatusAuthorized {
			refuse(w, x, "transaction cannot be canceled")
			return
		}
		s.setStatus(x, types.StatusCanceled, "")
		writeJSON(w, http.StatusOK, s.view(x))
	})
}

// capturePurchase serves POST /v1/transactions/capture.
func (s *Server) capturePurchase(w *responseBuffer, _ *http.Request, b *reqBody) {
	s.capture(w, b, types.TypePurchase, true)
}

// cancelPurchase serves POST /v1/transactions/cancel.
func (s *Server) cancelPurchase(w *responseBuffer, _ *http.Request, b *reqBody) {
	s.cancel(w, b, types.TypePurchase)
}

// renewAuthorization serves POST /v1/transactions/renewAuthorization: a new
// attempt on a transaction whose actions.authorization is true.
func (s *Server) renewAuthorization(w *responseBuffer, _ *http.Request, b *reqBody) {
	id := readTarget(b, true)
	pd := readPaymentData(b, true)
	s.onTarget(w, b, id, types.TypePurchase, func(x *txn) {
		if !s.actions(x).Authorization {
			refuse(w, x, "authorization cannot be renewed")
			return
		}
		s.apply(x, s.decide(x.t.Amount, x.t.PaymentChannel, pd))
		writeJSON(w, http.StatusOK, s.view(x))
	})
}

// createRefund serves POST /v1/transactions/refund: a TRT_REFUND child of
// an ACCEPTED purchase, never more than what is left to refund.
func (s *Server) createRefund(w *responseBuffer, _ *http.Request, b *reqBody) {
	parentID := b.uuid("transactionId", true)
	// A refund's merchantTransactionId has a narrower pattern than a
	// purchase's (ZEN's OpenAPI file, refund request schema).
	mtid := b.text("merchantTransactionId", true, 1, 128, refundMTIDPattern)
	amount := b.amount("amount", true, false)
	currency := b.currency("currency", true)
	b.text("comment", false, 0, 512, nil)
	origin := b.mtid("originMerchantTransactionId", false)
	src := b.source("source")
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.lookup(parentID, types.TypePurchase)
	switch {
	case p == nil:
		writeNotFound(w)
		return
	case p.t.Status != types.StatusAccepted:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("transactionId: only ACCEPTED purchases can be refunded (status %s)", p.t.Status))
		return
	case currency != p.t.Currency:
		badRequest(w, "currency", "must be the purchase currency "+p.t.Currency)
		return
	case amount.Cmp(s.refundable(p)) > 0:
		badRequest(w, "amount", "must not exceed the amount left to refund "+s.refundable(p).String())
		return
	}
	x := s.newTxn(types.TypeRefund, mtid, amount, currency)
	x.t.ParentTransactionID, x.t.OriginMerchantTransactionID = p.t.ID, origin
	x.t.PaymentChannel, x.t.Customer = p.t.PaymentChannel, p.t.Customer
	x.t.Source = src
	if p.ipnURL != "" {
		x.ipnURL = p.ipnURL
	}
	if err := s.insert(x); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	p.refunds = append(p.refunds, x.t.ID)
	// The .99 magic does not apply to refunds: a tester refunding part of
	// a 10.99 order expects the refund to go through.
	switch {
	case s.cfg.pendingRefunds:
		s.setStatus(x, types.StatusPending, "")
	default:
		s.setStatus(x, types.StatusAccepted, "")
	}
	writeJSON(w, http.StatusOK, s.view(x))
}

// Settle moves a transaction (purchase, refund or payout) that is not yet
// final to status, as ZEN does when a buyer finishes paying or a bank
// answers; REJECTED uses rejectCode (DeclineCard when empty). Reaching ACCEPTED,
// REJECTED or CANCELED sends the IPN. A refund is never AUTHORIZED, and a
// transaction already in status is refused.
func (s *Server) Settle(id string, status types.TransactionStatus, rejectCode types.RejectCode) error {
	switch status {
	case types.StatusAuthorized, types.StatusAccepted, types.StatusRejected, types.StatusCanceled:
	default:
		return fmt.Errorf("zentest: Settle: cannot settle to %q", status)
	}
	if status == types.StatusRejected && rejectCode == "" {
		rejectCode = DeclineCard
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.txns.get(id)
	if x == nil {
		return fmt.Errorf("zentest: Settle: no transaction %q", id)
	}
	switch {
	case x.t.Status.IsFinal() || x.t.Status == status:
		return fmt.Errorf("zentest: Settle: transaction %s is already %s", id, x.t.Status)
	case x.t.Type == types.TypeRefund && status == types.StatusAuthorized:
		return fmt.Errorf("zentest: Settle: refund %s cannot be %s", id, status)
	}
	s.setStatus(x, status, rejectCode)
	return nil
}
