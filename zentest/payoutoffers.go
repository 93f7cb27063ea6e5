package zentest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"time"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/types"
)

// ZEN does not document payout offers. The fake models them minimally: a
// payout whose paymentSpecificData type is "dragon" (to a crypto wallet)
// starts PENDING with two offers, each valid for offerTTL:
//
//	{"id":"standard-1","name":"standard","amount":"99.50","fee":"0.50","currency":"EUR","expiresAt":"..."}
//	{"id":"express-1","name":"express","amount":"98.50","fee":"1.50","currency":"EUR","expiresAt":"..."}
//
// amount is what the recipient gets (the payout amount less the fee: 0.5%
// standard, 1.5% express). While PENDING without a selected offer, both
// actions.selectOffer and actions.renewOffers are true. Refreshing replaces
// the offers with the next generation (standard-2, express-2, ...);
// selecting a current, unexpired offer moves the payout to AUTHORIZED
// (ACCEPTED with WithAutoCapture). The offers appear as "offers" (and the
// choice as "selectedOfferId") in GET /v2/payouts/{id} and in the answers of
// the two offer calls, not in the v1 answers.

// offerPaymentType is the paymentSpecificData type of payouts with offers.
const offerPaymentType = "dragon"

// offerTTL is how long an offer can be selected.
const offerTTL = 15 * time.Minute

// offerKinds are the offers of each generation and their fees in percent.
var offerKinds = []struct {
	name string
	fee  decimal.Decimal
}{
	{"standard", decimal.RequireFromString("0.5")},
	{"express", decimal.RequireFromString("1.5")},
}

// payoutOffer is one offer in the shape the fake writes.
type payoutOffer struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Amount    types.Amount `json:"amount"`
	Fee       types.Amount `json:"fee"`
	Currency  string       `json:"currency"`
	ExpiresAt time.Time    `json:"expiresAt"`
}

// offerSet is the offer state of a payout with offers (nil for others).
type offerSet struct {
	generation int
	offers     []payoutOffer
	selected   string
}

// open reports whether offers can be selected or refreshed: the payout is
// PENDING and none has been chosen. A nil set is never open.
func (o *offerSet) open(st types.TransactionStatus) bool {
	return o != nil && o.selected == "" && len(o.offers) > 0 && st == types.StatusPending
}

// refresh replaces the offers with the next generation. The caller holds
// s.mu.
func (s *Server) refreshOffers(x *txn) {
	o := x.offers
	o.generation++
	o.offers = nil
	exp := s.now().Add(offerTTL)
	for _, k := range offerKinds {
		fee := types.AmountFromDecimal(x.t.Amount.Decimal().Mul(k.fee).Shift(-2).RoundUp(2), 2)
		o.offers = append(o.offers, payoutOffer{
			ID: fmt.Sprintf("%s-%d", k.name, o.generation), Name: k.name,
			Amount: x.t.Amount.Sub(fee), Fee: fee, Currency: x.t.Currency, ExpiresAt: exp,
		})
	}
}

// startPayout decides a new payout attempt (create or renew): REJECTED
// for a .99 amount, PENDING with fresh offers when withOffers, else
// AUTHORIZED (ACCEPTED with WithAutoCapture). The caller holds s.mu.
func (s *Server) startPayout(x *txn, withOffers bool) {
	out := outcome{status: types.StatusAuthorized}
	x.offers = nil
	if withOffers {
		x.offers = &offerSet{}
	}
	switch {
	case declinedAmount(x.t.Amount):
		out = outcome{status: types.StatusRejected, code: DeclineAmount}
	case withOffers:
		s.refreshOffers(x)
		out.status = types.StatusPending
	case s.cfg.autoCapture:
		out.status = types.StatusAccepted
	}
	s.apply(x, out)
}

// payoutView is the v2 view of a payout: view plus its offers.
func (s *Server) payoutView(x *txn) types.Transaction {
	t := s.view(x)
	if x.offers == nil {
		return t
	}
	t.Extra = maps.Clone(t.Extra)
	if t.Extra == nil {
		t.Extra = map[string]json.RawMessage{}
	}
	offers := x.offers.offers
	if offers == nil {
		offers = []payoutOffer{}
	}
	t.Extra["offers"], _ = json.Marshal(offers)
	if x.offers.selected != "" {
		t.Extra["selectedOfferId"], _ = json.Marshal(x.offers.selected)
	}
	return t
}

// getPayoutV2 serves GET /v2/payouts/{id}: the payout with its offers.
func (s *Server) getPayoutV2(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayout(w, r, func(x *txn) { writeJSON(w, http.StatusOK, s.payoutView(x)) })
}

// onPayout calls fn, with s.mu held, for the payout named by the path's
// {id}, or answers 404.
func (s *Server) onPayout(w *responseBuffer, r *http.Request, fn func(x *txn)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.lookup(r.PathValue("id"), types.TypeSendout)
	if x == nil {
		writeNotFound(w)
		return
	}
	fn(x)
}

// renewPayout serves POST /v1/payouts/renew: a new attempt on a REJECTED
// payout, decided like a new one (paymentSpecificData, when sent, replaces
// the kind: "dragon" gets offers).
func (s *Server) renewPayout(w *responseBuffer, _ *http.Request, b *reqBody) {
	id := readTarget(b, true)
	pd := readPaymentData(b, false)
	s.onTarget(w, b, id, types.TypeSendout, func(x *txn) {
		if x.t.Status != types.StatusRejected {
			badRequest(w, "transactionId", fmt.Sprintf("only a REJECTED payout can be renewed (status %s)", x.t.Status))
			return
		}
		withOffers := x.offers != nil
		if pd.typ != "" {
			withOffers = pd.typ == offerPaymentType
		}
		s.startPayout(x, withOffers)
		writeJSON(w, http.StatusOK, s.payoutView(x))
	})
}

// refreshPayoutOffers serves POST /v1/payouts/{id}/offers/refresh (no
// body): the next generation of offers, while actions.renewOffers is true.
func (s *Server) refreshPayoutOffers(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayout(w, r, func(x *txn) {
		if !x.offers.open(x.t.Status) {
			badRequest(w, "id", fmt.Sprintf("the payout has no offers to refresh (status %s)", x.t.Status))
			return
		}
		s.refreshOffers(x)
		x.t.ModifiedAt = s.now()
		writeJSON(w, http.StatusOK, s.payoutView(x))
	})
}

// selectPayoutOffer serves POST /v1/payouts/{id}/offers/select with
// {"offerId": "..."}: a current, unexpired offer authorizes the payout.
func (s *Server) selectPayoutOffer(w *responseBuffer, r *http.Request, b *reqBody) {
	offerID := b.text("offerId", true, 1, 128, nil)
	if b.refused(w) {
		return
	}
	s.onPayout(w, r, func(x *txn) {
		if !x.offers.open(x.t.Status) {
			badRequest(w, "id", fmt.Sprintf("the payout has no offers to select (status %s)", x.t.Status))
			return
		}
		var offer *payoutOffer
		for i := range x.offers.offers {
			if x.offers.offers[i].ID == offerID {
				offer = &x.offers.offers[i]
			}
		}
		switch {
		case offer == nil:
			badRequest(w, "offerId", "is not a current offer of this payout")
		case !s.now().Before(offer.ExpiresAt):
			badRequest(w, "offerId", "has expired; refresh the offers")
		default:
			x.offers.selected = offerID
			st := types.StatusAuthorized
			if s.cfg.autoCapture {
				st = types.StatusAccepted
			}
			s.setStatus(x, st, "")
			writeJSON(w, http.StatusOK, s.payoutView(x))
		}
	})
}
