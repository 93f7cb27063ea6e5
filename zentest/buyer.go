package zentest

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/zen-go/zen/types"
)

// PayCheckout plays the buyer who pays on a hosted checkout's page, as its
// Pay button does: the purchase is created ACCEPTED and its IPN sent.
// checkout is the checkout's redirectUrl, a payment link's url, or the id
// at the end of either. It returns the purchase as the API shows it, and an
// error when there is no such checkout or it is already finished (paid,
// declined, or an expired payment link).
func (s *Server) PayCheckout(checkout string) (types.Transaction, error) {
	return s.finishCheckoutFor("PayCheckout", checkout, true)
}

// DeclineCheckout plays the buyer whose payment fails on a hosted
// checkout's page, as its Decline button does: the purchase is created
// REJECTED with DeclineCard and its IPN sent. checkout is as for
// PayCheckout.
func (s *Server) DeclineCheckout(checkout string) (types.Transaction, error) {
	return s.finishCheckoutFor("DeclineCheckout", checkout, false)
}

func (s *Server) finishCheckoutFor(op, checkout string, pay bool) (types.Transaction, error) {
	id := lastSegment(checkout)
	s.mu.Lock()
	defer s.mu.Unlock()
	ses := s.sessions.get(id)
	if ses == nil {
		return types.Transaction{}, fmt.Errorf("zentest: %s: no checkout %q", op, checkout)
	}
	x, _, err := s.checkoutOutcome(ses, pay)
	if err != nil {
		return types.Transaction{}, fmt.Errorf("zentest: %s: %w", op, err)
	}
	return s.detached(x), nil
}

// Complete3DS plays the buyer on the authorization page a PENDING
// transaction with merchantAction REDIRECT sends them to (Card3DS, or a
// bank transfer or wallet): with ok, as its Pay button, the transaction
// becomes AUTHORIZED (a card under manual capture) or ACCEPTED; without,
// as its Decline button, REJECTED with Decline3DS (cards) or DeclineBlik
// (other methods). transactionID is ZEN's id or the merchantTransactionId.
// It returns the transaction as the API shows it, and an error when there
// is no such transaction or it no longer waits for the buyer.
func (s *Server) Complete3DS(transactionID string, ok bool) (types.Transaction, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.txns.get(transactionID)
	if x == nil {
		x = s.txns.get(s.mtids[transactionID])
	}
	if x == nil {
		return types.Transaction{}, fmt.Errorf("zentest: Complete3DS: no transaction %q", transactionID)
	}
	if _, err := s.authorizationOutcome(x, ok); err != nil {
		return types.Transaction{}, fmt.Errorf("zentest: Complete3DS: transaction %s (%s): %w", x.t.ID, x.t.Status, err)
	}
	return s.detached(x), nil
}

// lastSegment returns the last path element of a URL, or s itself when it
// has none.
func lastSegment(s string) string {
	if u, err := url.Parse(s); err == nil && u.Path != "" {
		s = u.Path
	}
	s = strings.TrimRight(s, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	return s
}
