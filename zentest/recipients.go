package zentest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// Kinds of payee, also the "type" member of the V3 recipient list.
const (
	payeeCard   = "card"
	payeeWallet = "dragon"
	payeePaynow = "paynow"
)

// payee is a payout destination saved for a customer: a payout card
// (payoutcards.go), a crypto-wallet ("dragon") recipient or a PayNow
// recipient. They share one table so the V3 recipient list has them in
// creation order.
type payee struct {
	kind       string
	id         string
	customerID string
	card       *payoutCard
	wallet     *zen.WalletRecipient
	paynow     map[string]json.RawMessage // members as sent, plus id, customerId, createdAt
}

// MarshalJSON writes the payee's own object.
func (p *payee) MarshalJSON() ([]byte, error) {
	switch p.kind {
	case payeeCard:
		return json.Marshal(p.card)
	case payeeWallet:
		return json.Marshal(p.wallet)
	}
	return json.Marshal(p.paynow)
}

// walletCurrencies are the crypto currencies the fake accepts for wallet
// recipients.
var walletCurrencies = []string{"BTC", "ETH", "LTC", "USDC", "USDT"}

// customerOf returns the id of the customer in the path, or answers 404
// when no such customer was created. The caller holds s.mu.
func (s *Server) customerOf(w *responseBuffer, r *http.Request) (string, bool) {
	mcid := r.PathValue("mcid")
	if s.customers.get(mcid) == nil {
		writeNotFound(w)
		return "", false
	}
	return mcid, true
}

// payeeOf returns the payee of kind with the path's {id}, of the path's
// customer when the path has one, or answers 404. The caller holds s.mu.
func (s *Server) payeeOf(w *responseBuffer, r *http.Request, kind string) *payee {
	p := s.payees.get(r.PathValue("id"))
	if p == nil || p.kind != kind || (r.PathValue("mcid") != "" && p.customerID != r.PathValue("mcid")) {
		writeNotFound(w)
		return nil
	}
	return p
}

// payeesOf returns the customer's payees of the kinds given (all when
// none), oldest first. The caller holds s.mu.
func (s *Server) payeesOf(mcid string, kinds ...string) []*payee {
	return s.payees.filter(func(p *payee) bool {
		return p.customerID == mcid && (len(kinds) == 0 || slices.Contains(kinds, p.kind))
	})
}

// removePayeesOf forgets every payee of a deleted customer. The caller
// holds s.mu.
func (s *Server) removePayeesOf(mcid string) {
	for _, p := range s.payeesOf(mcid) {
		s.payees.remove(p.id)
	}
}

// withLockedCustomer parses paging (when list) and the path's customer,
// then calls fn with s.mu held; it answers 400 or 404 itself.
func (s *Server) withLockedCustomer(w *responseBuffer, r *http.Request, list bool, fn func(mcid string, p paging)) {
	withCustomer := func(p paging) {
		if mcid, ok := s.customerOf(w, r); ok {
			fn(mcid, p)
		}
	}
	if list {
		s.pagedList(w, r, withCustomer)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	withCustomer(paging{})
}

// onPayee calls fn, with s.mu held, for the payee of kind named by the
// path (404 when there is none); when the path names a customer, it must
// exist and own the payee.
func (s *Server) onPayee(w *responseBuffer, r *http.Request, kind string, fn func(p *payee)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.PathValue("mcid") != "" {
		if _, ok := s.customerOf(w, r); !ok {
			return
		}
	}
	if p := s.payeeOf(w, r, kind); p != nil {
		fn(p)
	}
}

// removePayee serves the DELETE routes of payees: {"success":true}.
func (s *Server) removePayee(w *responseBuffer, p *payee) {
	s.payees.remove(p.id)
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}

// ---- Crypto-wallet ("dragon") recipients ----

// addWalletRecipient serves POST
// /v3/customers/{merchantCustomerId}/withdrawals/dragon with ZEN's
// DragonInput rules: walletAddress (1..512) and walletCurrency (one the
// fake supports: BTC, ETH, LTC, USDC, USDT) required, walletAlias present
// (null or 1..128 characters). The same address and currency cannot be
// saved twice for a customer. status defaults to unverified.
func (s *Server) addWalletRecipient(w *responseBuffer, r *http.Request, b *reqBody) {
	wr := zen.WalletRecipient{
		WalletAddress:      b.text("walletAddress", true, 1, 512, nil),
		WalletCurrency:     b.text("walletCurrency", true, 1, 16, nil),
		CustomerID:         b.uuid("customerId", false),
		FirstTransactionID: b.uuid("firstTransactionId", false),
		VerificationStatus: b.text("verificationStatus", false, 0, 32, nil),
		VerificationDate:   b.text("verificationDate", false, 0, 64, nil),
		Status:             types.VerificationStatus(b.text("status", false, 0, 32, nil)),
	}
	if wr.WalletCurrency != "" && !slices.Contains(walletCurrencies, wr.WalletCurrency) {
		b.fail("walletCurrency", "must be a wallet currency ZEN supports: "+strings.Join(walletCurrencies, ", "))
	}
	if _, present := b.fields["walletAlias"]; !present {
		b.fail("walletAlias", "is required (null is allowed)")
	}
	wr.WalletAlias = b.text("walletAlias", false, 1, 128, nil)
	b.text("merchantId", false, 0, 32, nil)
	if wr.Status != "" && !wr.Status.IsKnown() {
		b.fail("status", "must be one of verified, unverified, expired, invalid, pending")
	}
	if wr.Status == "" {
		wr.Status = types.VerificationUnverified
	}
	if b.refused(w) {
		return
	}
	s.withLockedCustomer(w, r, false, func(mcid string, _ paging) {
		if wr.CustomerID != "" && wr.CustomerID != mcid {
			badRequest(w, "customerId", "must be the merchantCustomerId of the path")
			return
		}
		for _, p := range s.payeesOf(mcid, payeeWallet) {
			if p.wallet.WalletAddress == wr.WalletAddress && p.wallet.WalletCurrency == wr.WalletCurrency {
				badRequest(w, "walletAddress", "this wallet is already saved for the customer")
				return
			}
		}
		wr.ID, wr.CustomerID, wr.CreatedAt = uuid.NewString(), mcid, s.now()
		s.payees.add(wr.ID, &payee{kind: payeeWallet, id: wr.ID, customerID: mcid, wallet: &wr})
		writeJSON(w, http.StatusOK, &wr)
	})
}

// listWalletRecipients serves GET
// /v3/customers/{merchantCustomerId}/withdrawals/dragon: paged, optionally
// only the wallet-currency given.
func (s *Server) listWalletRecipients(w *responseBuffer, r *http.Request, _ *reqBody) {
	cur := r.URL.Query().Get("wallet-currency")
	s.withLockedCustomer(w, r, true, func(mcid string, p paging) {
		var out []*zen.WalletRecipient
		for _, x := range s.payeesOf(mcid, payeeWallet) {
			if cur == "" || x.wallet.WalletCurrency == cur {
				out = append(out, x.wallet)
			}
		}
		writeJSON(w, http.StatusOK, paginate(out, p))
	})
}

// getWalletRecipient serves GET .../withdrawals/dragon/{id}.
func (s *Server) getWalletRecipient(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayee(w, r, payeeWallet, func(p *payee) { writeJSON(w, http.StatusOK, p.wallet) })
}

// updateWalletRecipient serves PATCH .../withdrawals/dragon/{id}: the fake
// changes walletAlias (1..128 characters, or null to clear it).
func (s *Server) updateWalletRecipient(w *responseBuffer, r *http.Request, b *reqBody) {
	s.updateAlias(w, r, b, payeeWallet, "walletAlias", func(p *payee, alias string) any {
		p.wallet.WalletAlias = alias
		return p.wallet
	})
}

// updateAlias serves a PATCH whose only member is an alias (1..128
// characters, or null to clear it) of a payee of kind; set stores it and
// returns what to answer.
func (s *Server) updateAlias(w *responseBuffer, r *http.Request, b *reqBody, kind, member string, set func(p *payee, alias string) any) {
	onlyMembers(b, member)
	alias := b.text(member, false, 1, 128, nil)
	if b.refused(w) {
		return
	}
	s.onPayee(w, r, kind, func(p *payee) { writeJSON(w, http.StatusOK, set(p, alias)) })
}

// removeWalletRecipient serves DELETE .../withdrawals/dragon/{id}.
func (s *Server) removeWalletRecipient(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayee(w, r, payeeWallet, func(p *payee) { s.removePayee(w, p) })
}

// ---- PayNow recipients ----

// addPaynowRecipient serves POST
// /v3/customers/{merchantCustomerId}/withdrawals/paynow. ZEN does not
// publish the body: the fake keeps every member of a non-empty object
// (id, customerId and createdAt are its own) and answers with them.
func (s *Server) addPaynowRecipient(w *responseBuffer, r *http.Request, b *reqBody) {
	if b.empty() {
		b.fail("body", "is required")
	}
	for _, k := range []string{"id", "customerId", "createdAt"} {
		if _, ok := b.fields[k]; ok {
			b.fail(k, "is set by ZEN")
		}
	}
	if b.refused(w) {
		return
	}
	s.withLockedCustomer(w, r, false, func(mcid string, _ paging) {
		p := &payee{kind: payeePaynow, id: uuid.NewString(), customerID: mcid, paynow: map[string]json.RawMessage{}}
		for k, v := range b.fields {
			p.paynow[k] = v
		}
		p.paynow["id"], _ = json.Marshal(p.id)
		p.paynow["customerId"], _ = json.Marshal(mcid)
		p.paynow["createdAt"], _ = json.Marshal(s.now())
		s.payees.add(p.id, p)
		writeJSON(w, http.StatusOK, p)
	})
}

// removePaynowRecipient serves DELETE .../withdrawals/paynow/{id}.
func (s *Server) removePaynowRecipient(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.onPayee(w, r, payeePaynow, func(p *payee) { s.removePayee(w, p) })
}

// ---- V3 payout recipients ----

// listPayoutRecipients serves GET
// /v3/customers/{merchantCustomerId}/payouts/recipients: every saved
// payout destination of the customer (payout cards, wallet and PayNow
// recipients) in creation order, paged, each its own object plus "type"
// (card, dragon or paynow). ZEN does not publish this list's entries.
func (s *Server) listPayoutRecipients(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.withLockedCustomer(w, r, true, func(mcid string, p paging) {
		var out []map[string]json.RawMessage
		for _, x := range s.payeesOf(mcid) {
			raw, _ := json.Marshal(x)
			var m map[string]json.RawMessage
			_ = json.Unmarshal(raw, &m)
			m["type"], _ = json.Marshal(x.kind)
			out = append(out, m)
		}
		writeJSON(w, http.StatusOK, paginate(out, p))
	})
}
