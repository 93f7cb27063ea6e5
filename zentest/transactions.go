package zentest

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// txn is a stored transaction: the object ZEN returns plus the state the
// fake needs to move it on.
type txn struct {
	t          types.Transaction
	authorized types.Amount            // amount of the authorization (capture limit)
	ipnURL     string                  // customIpnUrl or the server default
	onPay      types.TransactionStatus // what the authorization page's Pay gives
	refunds    []string                // ids of TRT_REFUND children
	saveCard   *savedCard              // card to store once authorized
	offers     *offerSet               // payouts to a crypto wallet (offers.go)
	items      []item                  // order lines as sent (see setItems)
}

// view is the Transaction as ZEN would return it now: current actions and
// the refunds list.
func (s *Server) view(x *txn) types.Transaction {
	t := x.t
	t.Actions = s.actions(x)
	t.Refunds = nil
	for _, id := range x.refunds {
		r := s.txns.get(id)
		created := r.t.CreatedAt
		t.Refunds = append(t.Refunds, types.RefundSummary{
			ID:                          r.t.ID,
			MerchantTransactionID:       r.t.MerchantTransactionID,
			OriginMerchantTransactionID: r.t.OriginMerchantTransactionID,
			Amount:                      r.t.Amount,
			Currency:                    r.t.Currency,
			CreatedAt:                   &created,
			Status:                      r.t.Status,
		})
	}
	return t
}

// actions are ZEN's flags: capture only when AUTHORIZED, refund only when
// ACCEPTED with something left to refund, cancel while PENDING or
// AUTHORIZED, redirect while the buyer still has to act, authorization
// (renewAuthorization) for BLIK attempts that are pending or rejected.
func (s *Server) actions(x *txn) *types.Actions {
	st, a := x.t.Status, &types.Actions{}
	if x.t.Type == types.TypeRefund {
		return a
	}
	a.Capture = st == types.StatusAuthorized
	a.Cancel = st == types.StatusPending || st == types.StatusAuthorized
	a.Redirect = st == types.StatusPending && x.t.MerchantAction != nil
	if x.t.Type == types.TypePurchase {
		a.Refund = st == types.StatusAccepted && s.refundable(x).Decimal().IsPositive()
		a.Authorization = x.t.PaymentChannel == types.ChannelBlik && (st == types.StatusPending || st == types.StatusRejected)
	}
	a.SelectOffer = x.offers.open(st)
	a.RenewOffers = a.SelectOffer
	return a
}

// refundable is the captured amount less the refunds not rejected or
// canceled.
func (s *Server) refundable(x *txn) types.Amount {
	left := x.t.Amount
	for _, id := range x.refunds {
		if r := s.txns.get(id).t; r.Status != types.StatusRejected && r.Status != types.StatusCanceled {
			left = left.Sub(r.Amount)
		}
	}
	return left
}

// setStatus moves a transaction on; reaching a final status sends its IPN.
// The caller holds s.mu.
func (s *Server) setStatus(x *txn, st types.TransactionStatus, code types.RejectCode) {
	x.t.Status, x.t.ModifiedAt = st, s.now()
	x.t.RejectCode, x.t.RejectReason = "", ""
	if st == types.StatusRejected {
		x.t.RejectCode, x.t.RejectReason = code, rejectReason(code)
	}
	if st != types.StatusPending {
		x.t.MerchantAction, x.t.RedirectURL = nil, ""
	}
	if (st == types.StatusAuthorized || st == types.StatusAccepted) && x.saveCard != nil {
		s.cards.add(x.saveCard.ID, x.saveCard)
		x.saveCard = nil
	}
	if x.t.ParentTransactionID != "" {
		if p := s.txns.get(x.t.ParentTransactionID); p != nil {
			p.t.ModifiedAt = x.t.ModifiedAt
		}
	}
	if st.IsFinal() {
		s.notify(x)
	}
}

// apply starts a transaction (or a renewed attempt) with a decided outcome.
func (s *Server) apply(x *txn, o outcome) {
	x.onPay = o.onPay
	if o.redirect {
		u := s.CheckoutURL + "/authorize/" + x.t.ID
		x.t.RedirectURL = u
		x.t.MerchantAction = &types.MerchantAction{Action: types.ActionRedirect, RedirectURL: u}
	}
	s.setStatus(x, o.status, o.code)
}

// insert stores a new transaction, refusing a merchantTransactionId a
// transaction, a checkout or a payment link already uses. The caller holds
// s.mu.
func (s *Server) insert(x *txn) error {
	if s.mtidTaken(x.t.MerchantTransactionID) {
		return errDuplicate
	}
	s.store(x)
	return nil
}

// store stores a new transaction whose merchantTransactionId was checked.
// The caller holds s.mu.
func (s *Server) store(x *txn) {
	s.mtids[x.t.MerchantTransactionID] = x.t.ID
	s.txns.add(x.t.ID, x)
}

// refundMTIDPattern is the merchantTransactionId rule of refunds in ZEN's
// OpenAPI file, the SDK's own (validate.RefundMerchantTransactionID): no
// '_', '|', '+', '$', brackets, '€' or spaces, which a purchase's
// merchantTransactionId may have.
var refundMTIDPattern = validate.RefundMerchantTransactionID

var errDuplicate = errors.New("merchantTransactionId: must be unique; a transaction with this merchantTransactionId already exists")

// newTxn fills the fields every new transaction has.
func (s *Server) newTxn(typ types.TransactionType, mtid string, amount types.Amount, currency string) *txn {
	now := s.now()
	return &txn{
		t: types.Transaction{
			ID:                    uuid.NewString(),
			MerchantTransactionID: mtid,
			Amount:                amount,
			Currency:              currency,
			CreatedAt:             now,
			ModifiedAt:            now,
			Type:                  typ,
			Status:                types.StatusPending,
		},
		authorized: amount,
		ipnURL:     s.cfg.ipnURL,
	}
}

// order is the part of purchase and payout bodies they share.
type order struct {
	mtid, currency string
	channel        types.PaymentChannel
	amount         types.Amount
	customer       *types.TransactionCustomer
	items          []item
	ipnURL, origin string
	billing, ship  *types.Address
	fraud          map[string]any
	source         *types.Source
	pd             paymentData
}

// readOrder reads and checks the fields of a purchase or payout request;
// customerNeeds are the customer members required besides email.
func readOrder(b *reqBody, customerNeeds ...string) order {
	var o order
	o.mtid = b.mtid("merchantTransactionId", true)
	o.channel = types.PaymentChannel(b.text("paymentChannel", true, 1, 64, validate.PaymentChannel))
	o.amount = b.amount("amount", true, false)
	o.currency = b.currency("currency", true)
	o.customer = b.customer("customer", true, customerNeeds...)
	o.items = b.items("items", false, true, o.amount)
	o.ipnURL = b.url("customIpnUrl", 1024)
	o.origin = b.mtid("originMerchantTransactionId", false)
	b.text("comment", false, 0, 512, nil)
	o.billing, o.ship = b.address("billingAddress"), b.address("shippingAddress")
	b.decode("fraudFields", &o.fraud)
	o.source = b.source("source")
	o.pd = readPaymentData(b, true)
	return o
}

// readPaymentData reads paymentSpecificData: its type, and the card
// number, BLIK ticket, card token and return URLs the fake acts on.
func readPaymentData(b *reqBody, required bool) paymentData {
	var pd paymentData
	p := b.object("paymentSpecificData", required)
	if p == nil {
		return pd
	}
	pd.typ = p.text("type", true, 1, 64, nil)
	pd.ticket = p.text("ticket", pd.typ == "blik", 6, 6, validate.Digits)
	pd.cardToken = p.text("cardToken", false, 0, 128, nil)
	pd.returnURL = p.url("returnUrl", 1024)
	pd.returnVerifyURL = p.url("returnVerifyUrl", 1024)
	pd.saveCard, _ = p.boolean("saveCard")
	if c := p.object("card", pd.typ == "onetime"); c != nil {
		pd.cardNumber = c.text("number", true, 12, 19, validate.Digits)
		c.text("expiryDate", true, 4, 5, nil)
		c.text("cvv", false, 3, 4, validate.Digits)
		c.text("cardHolderName", false, 0, 128, validate.CardHolderName) // ZEN's OpenAPI file
	}
	// ZEN's OpenAPI file: descriptor ≤ 24 with a pattern, and the
	// browserDetails formats (the SDK's own rules, internal/validate).
	p.text("descriptor", false, 0, validate.MaxDescriptor, validate.Descriptor)
	if bd := p.object("browserDetails", false); bd != nil {
		str := func(name string) string { v, _ := bd.str(name, false); return v }
		bd.v.Browser(str("acceptHeader"), str("colorDepth"), str("lang"),
			str("screenHeight"), str("screenWidth"), str("timezone"), str("userAgent"))
	}
	return pd
}

// fill copies an order into a new transaction.
func (x *txn) fill(o order) {
	t := &x.t
	t.PaymentChannel = o.channel
	t.Customer, x.items = o.customer, o.items
	setItems(t, o.items)
	t.OriginMerchantTransactionID = o.origin
	t.BillingAddress, t.ShippingAddress = o.billing, o.ship
	t.FraudFields, t.Source = o.fraud, o.source
	if o.ipnURL != "" {
		x.ipnURL = o.ipnURL
	}
	if o.ipnURL != "" || o.pd.returnURL != "" || o.pd.returnVerifyURL != "" {
		t.Meta = &types.TransactionMeta{CustomIPNURL: o.ipnURL, ReturnURL: o.pd.returnURL, ReturnVerifyURL: o.pd.returnVerifyURL}
	}
}

// createPurchase serves POST /v1/transactions: a purchase decided by the
// magic values, which may also start or charge a subscription (see
// readSubscribing). The subscription checks, the purchase and the pending
// subscription event happen under one hold of s.mu, so two purchases racing
// for the last charge of a subscription cannot both pass the check.
func (s *Server) createPurchase(w *responseBuffer, _ *http.Request, b *reqBody) {
	o := readOrder(b, "ip")
	b.authorization("authorization")
	ev := readSubscribing(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	if ev != nil {
		s.checkSubscribing(b, ev, o)
	}
	x := s.storeOrder(w, b, types.TypePurchase, o, func(x *txn) string { return s.attachCard(x, o.pd) })
	if x == nil {
		return
	}
	s.apply(x, s.decide(o.amount, o.channel, o.pd))
	if ev != nil {
		ev.txID = x.t.ID
		s.subs.pending = append(s.subs.pending, *ev)
	}
	writeJSON(w, http.StatusOK, s.view(x))
}

// storeOrder finishes reading a purchase or payout body: it answers 400
// naming every failed field, or creates the transaction from o, lets
// prepare (when not nil) refuse it with a 400 message, and stores it,
// refusing a merchantTransactionId already used. It returns nil after
// answering. The caller holds s.mu.
func (s *Server) storeOrder(w *responseBuffer, b *reqBody, typ types.TransactionType, o order, prepare func(x *txn) string) *txn {
	if b.refused(w) {
		return nil
	}
	x := s.newTxn(typ, o.mtid, o.amount, o.currency)
	x.fill(o)
	if prepare != nil {
		if msg := prepare(x); msg != "" {
			writeError(w, http.StatusBadRequest, msg)
			return nil
		}
	}
	if err := s.insert(x); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return nil
	}
	return x
}

// getTransaction serves GET /v1/transactions/{id} (purchases and refunds).
func (s *Server) getTransaction(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.writeTxn(w, r.PathValue("id"), false)
}

// getTransactionByMTID serves GET /v1/transactions/merchant/{mtid}.
func (s *Server) getTransactionByMTID(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.writeTxn(w, r.PathValue("mtid"), true)
}

func (s *Server) writeTxn(w *responseBuffer, key string, byMTID bool) {
	s.writeTxnOf(w, key, byMTID, types.TypePurchase, types.TypeRefund)
}

func (s *Server) writeTxnOf(w *responseBuffer, key string, byMTID bool, kinds ...types.TransactionType) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if byMTID {
		key = s.mtids[key]
	}
	x := s.lookup(key, kinds...)
	if x == nil {
		writeNotFound(w)
		return
	}
	writeJSON(w, http.StatusOK, s.view(x))
}

// lookup returns the transaction with this id if it is one of kinds.
func (s *Server) lookup(id string, kinds ...types.TransactionType) *txn {
	x := s.txns.get(id)
	if x == nil {
		return nil
	}
	for _, k := range kinds {
		if x.t.Type == k {
			return x
		}
	}
	return nil
}

// Transaction returns a transaction (any type) as the API would show it,
// looked up by ZEN id or, failing that, by merchantTransactionId. It is a
// copy: changing it changes nothing stored.
func (s *Server) Transaction(id string) (types.Transaction, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.txns.get(id)
	if x == nil {
		x = s.txns.get(s.mtids[id])
	}
	if x == nil {
		return types.Transaction{}, false
	}
	return s.detached(x), true
}

// Transactions returns every transaction, oldest first, as copies.
func (s *Server) Transactions() []types.Transaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []types.Transaction
	for _, x := range s.txns.filter(nil) {
		out = append(out, s.detached(x))
	}
	return out
}

// detached is view(x) sharing nothing with the store (customer, items,
// card info and the other pointers are copied), read back from the JSON
// the API would send; the plain view when that JSON cannot be written (a
// WithClock year past 9999, which the API answers with 500). The caller
// holds s.mu.
func (s *Server) detached(x *txn) types.Transaction {
	v := s.view(x)
	var t types.Transaction
	raw, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(raw, &t)
	}
	if err != nil {
		return v
	}
	return t
}
