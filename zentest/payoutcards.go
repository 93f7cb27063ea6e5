package zentest

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// payoutCard is a saved payout card. ZEN does not publish its schema; the
// fake writes the members of ZEN's older card object (never the number).
// The same cards are reached through /v2/payout-profiles/card and
// /v3/customers/{id}/payouts/card.
type payoutCard struct {
	ID             string                   `json:"id"`
	CustomerID     string                   `json:"customerId"`
	CardHolderName string                   `json:"cardHolderName,omitempty"`
	Alias          string                   `json:"alias,omitempty"`
	Organization   string                   `json:"organization"`
	Last4          string                   `json:"last4"`
	ExpMonth       string                   `json:"expMonth"`
	ExpYear        string                   `json:"expYear"`
	Status         types.VerificationStatus `json:"status"`
	CreatedAt      time.Time                `json:"createdAt"`
	declined       bool                     // CardDeclined: verification finds it invalid
}

// cardInput is the card object of a payout-card body.
type cardInput struct{ number, expiry, holder string }

// readPayoutCard reads {"card": {...}} (see readCard); with add, card is
// required, and an update must change something.
func readPayoutCard(b *reqBody, add bool) cardInput {
	c := b.object("card", add)
	if c == nil {
		return cardInput{}
	}
	if !add && c.empty() {
		b.fail("card", "must set number, expiryDate or cardHolderName")
	}
	return readCard(c, add)
}

// readCard reads a card object (number, expiryDate, cvv, cardHolderName);
// with add, number and expiryDate are required.
func readCard(c *reqBody, add bool) cardInput {
	var in cardInput
	in.number = c.text("number", add, 12, 19, validate.Digits)
	// The SDK's rule (CardDetails), one failure whatever the length; an
	// update's "" is no MMYY either (MatchRule lets empty values pass).
	expiry, given := c.str("expiryDate", add)
	if given && expiry == "" {
		c.fail("expiryDate", validate.ExpiryDateRule)
	}
	c.v.MatchRule("expiryDate", expiry, validate.ExpiryDate, validate.ExpiryDateRule)
	in.expiry = expiry
	c.text("cvv", false, 3, 4, validate.Digits)
	in.holder = c.text("cardHolderName", false, 0, 128, nil)
	return in
}

// set copies the members given into the card.
func (c *payoutCard) set(in cardInput) {
	if n := in.number; n != "" {
		c.Organization, c.Last4, c.declined = cardOrganization(n), n[len(n)-4:], n == CardDeclined
	}
	if in.expiry != "" {
		c.ExpMonth, c.ExpYear = in.expiry[:2], "20"+in.expiry[2:]
	}
	if in.holder != "" {
		c.CardHolderName = in.holder
	}
}

// cardOrganization is the organization of a card number as the fake names
// it: mastercard for numbers starting 2 or 5, else visa.
func cardOrganization(number string) string {
	if number[0] == '5' || number[0] == '2' {
		return "mastercard"
	}
	return "visa"
}

// addPayoutCardFor stores a new payout card of customer mcid. The caller
// holds s.mu.
func (s *Server) addPayoutCardFor(mcid string, in cardInput) *payoutCard {
	c := &payoutCard{ID: uuid.NewString(), CustomerID: mcid, Status: types.VerificationUnverified, CreatedAt: s.now()}
	c.set(in)
	s.payees.add(c.ID, &payee{kind: payeeCard, id: c.ID, customerID: mcid, card: c})
	return c
}

// listPayoutCardsOf answers one page of payout cards, of customer mcid or
// of every customer when mcid is "". The caller holds s.mu.
func (s *Server) listPayoutCardsOf(w *responseBuffer, mcid string, p paging) {
	var out []*payoutCard
	for _, x := range s.payees.filter(func(x *payee) bool { return x.kind == payeeCard && (mcid == "" || x.customerID == mcid) }) {
		out = append(out, x.card)
	}
	writeJSON(w, http.StatusOK, paginate(out, p))
}

// ---- /v2/payout-profiles/card ----

// addProfileCard serves POST /v2/payout-profiles/card: the card of the
// customer named by the required external-customer-id header (404 when no
// such customer was created). Its id is the cardToken of card payouts.
func (s *Server) addProfileCard(w *responseBuffer, r *http.Request, b *reqBody) {
	mcid := r.Header.Get("external-customer-id")
	if mcid == "" {
		b.fail("external-customer-id", "header is required")
	}
	in := readPayoutCard(b, true)
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.customers.get(mcid) == nil {
		writeNotFound(w)
		return
	}
	writeJSON(w, http.StatusOK, s.addPayoutCardFor(mcid, in))
}

// listProfileCards serves GET /v2/payout-profiles/card: paged, only the
// cards of the external-customer-id header's customer when it is sent.
func (s *Server) listProfileCards(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.pagedList(w, r, func(p paging) { s.listPayoutCardsOf(w, r.Header.Get("external-customer-id"), p) })
}

// updateProfileCard serves PATCH /v2/payout-profiles/card/{id} with
// {"card": {...}}: the members sent replace the stored ones.
func (s *Server) updateProfileCard(w *responseBuffer, r *http.Request, b *reqBody) {
	onlyMembers(b, "card")
	in := readPayoutCard(b, false)
	if b.refused(w) {
		return
	}
	s.onPayee(w, r, payeeCard, func(p *payee) {
		p.card.set(in)
		writeJSON(w, http.StatusOK, p.card)
	})
}

// removePayoutCard serves DELETE /v2/payout-profiles/card/{id}, DELETE
// /v3/customers/{merchantCustomerId}/payouts/card/{id} and DELETE
// /v3/customers/{merchantCustomerId}/payouts/recipients/{id}.
func (s *Server) removePayoutCard(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayee(w, r, payeeCard, func(p *payee) { s.removePayee(w, p) })
}

// ---- /v3/customers/{merchantCustomerId}/payouts/card ----

// addPayoutCardV3 serves POST /v3/customers/{merchantCustomerId}/payouts/card
// with the same body as the v2 call.
func (s *Server) addPayoutCardV3(w *responseBuffer, r *http.Request, b *reqBody) {
	in := readPayoutCard(b, true)
	if b.refused(w) {
		return
	}
	s.withLockedCustomer(w, r, false, func(mcid string, _ paging) {
		writeJSON(w, http.StatusOK, s.addPayoutCardFor(mcid, in))
	})
}

// listPayoutCardsV3 serves GET /v3/customers/{merchantCustomerId}/payouts/card.
func (s *Server) listPayoutCardsV3(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.withLockedCustomer(w, r, true, func(mcid string, p paging) { s.listPayoutCardsOf(w, mcid, p) })
}

// getPayoutCard serves GET /v3/customers/{merchantCustomerId}/payouts/card/{id}.
func (s *Server) getPayoutCard(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayee(w, r, payeeCard, func(p *payee) { writeJSON(w, http.StatusOK, p.card) })
}

// updatePayoutCardAlias serves PATCH
// /v3/customers/{merchantCustomerId}/payouts/card/{id} with {"alias": "..."}
// (1..128 characters, or null to clear it).
func (s *Server) updatePayoutCardAlias(w *responseBuffer, r *http.Request, b *reqBody) {
	s.updateAlias(w, r, b, payeeCard, "alias", func(p *payee, alias string) any {
		p.card.Alias = alias
		return p.card
	})
}

// verifyPayoutCard serves POST
// /v3/customers/{merchantCustomerId}/payouts/card/{id}/verify (any body):
// {"id", "status"}, where status is invalid for CardDeclined, expired for
// a card whose expiry month is over by the server clock, else verified. The
// card keeps that status.
func (s *Server) verifyPayoutCard(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayee(w, r, payeeCard, func(p *payee) {
		c := p.card
		c.Status = types.VerificationVerified
		if exp, err := time.Parse("2006-01", c.ExpYear+"-"+c.ExpMonth); err == nil && !s.now().Before(exp.AddDate(0, 1, 0)) {
			c.Status = types.VerificationExpired
		}
		if c.declined {
			c.Status = types.VerificationInvalid
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": c.ID, "status": c.Status})
	})
}
