package zentest

import (
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/zen-go/zen/types"
)

// Payment-link statuses ZEN documents.
const (
	linkNew       = "NEW"
	linkExpired   = "EXPIRED"
	linkProcessed = "PAYMENT_PROCESSED"
	linkRejected  = "PAYMENT_REJECTED"
)

// paymentLink is a stored pay-by-link order in the shape of ZEN's list
// entries. ZEN does not show the inside of amount, customer and items;
// the fake writes amount as {amount, currency} and items as {name, price,
// quantity}.
type paymentLink struct {
	ID             string                     `json:"id"`
	URL            string                     `json:"url"`
	Amount         types.Money                `json:"amount"`
	Customer       *types.TransactionCustomer `json:"customer,omitempty"`
	Items          []linkItem                 `json:"items,omitempty"`
	ExpirationDate time.Time                  `json:"expirationDate"`
	Status         string                     `json:"status"`
	CreatedAt      time.Time                  `json:"createdAt"`
	Hidden         bool                       `json:"hidden"`
}

type linkItem struct {
	Name     string         `json:"name"`
	Price    types.Amount   `json:"price"`
	Quantity types.Quantity `json:"quantity"`
}

// linkView is the link with EXPIRED applied from the server clock.
func (s *Server) linkView(l *paymentLink) paymentLink {
	v := *l
	if v.Status == linkNew && !s.now().Before(v.ExpirationDate) {
		v.Status = linkExpired
	}
	return v
}

// createPaymentLink serves POST /v1/payment-links: 201 {id, url,
// createdAt}; url is a page on the checkout host that pays the link.
func (s *Server) createPaymentLink(w *responseBuffer, _ *http.Request, b *reqBody) {
	ses := &session{}
	ses.mtid = b.mtid("merchantTransactionId", true)
	ses.amount = b.amount("amount", true, false)
	ses.currency = b.currency("currency", true)
	ses.customer = b.customer("customer", true, "firstName", "lastName")
	ses.items = b.items("items", true, false, ses.amount)
	ses.ipnURL = b.url("customIpnUrl", 1024)
	exp := b.dateTime("expirationDate", true)
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if !exp.After(now) {
		badRequest(w, "expirationDate", "must be in the future")
		return
	}
	if s.mtidTaken(ses.mtid) {
		writeError(w, http.StatusBadRequest, errDuplicate.Error())
		return
	}
	ses.id = uuid.NewString()
	ses.linkID = ses.id
	l := &paymentLink{
		ID: ses.id, URL: s.CheckoutURL + "/" + ses.id,
		Amount:   types.Money{Amount: ses.amount, Currency: ses.currency},
		Customer: ses.customer, ExpirationDate: exp, Status: linkNew, CreatedAt: now,
	}
	for _, it := range ses.items {
		l.Items = append(l.Items, linkItem{Name: it.Name, Price: it.Price, Quantity: it.Quantity})
	}
	s.links.add(l.ID, l)
	s.sessions.add(ses.id, ses)
	writeJSON(w, http.StatusCreated, map[string]any{"id": l.ID, "url": l.URL, "createdAt": l.CreatedAt})
}

// listPaymentLinks serves GET /v1/payment-links with ZEN's filters
// (customerEmail, status, currency, creationDateFrom/To, showHidden) and
// paging.
func (s *Server) listPaymentLinks(w *responseBuffer, r *http.Request, _ *reqBody) {
	q := r.URL.Query()
	p, msg := parsePaging(q)
	from, to, msg2 := timeRange(q.Get("creationDateFrom"), q.Get("creationDateTo"))
	if msg == "" {
		msg = msg2
	}
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var views []paymentLink
	for _, l := range s.links.filter(nil) {
		v := s.linkView(l)
		switch {
		case v.Hidden && q.Get("showHidden") != "true",
			q.Get("status") != "" && v.Status != q.Get("status"),
			q.Get("currency") != "" && v.Amount.Currency != q.Get("currency"),
			q.Get("customerEmail") != "" && (v.Customer == nil || !strings.EqualFold(v.Customer.Email, q.Get("customerEmail"))),
			!from.IsZero() && v.CreatedAt.Before(from),
			!to.IsZero() && v.CreatedAt.After(to):
			continue
		}
		views = append(views, v)
	}
	writeJSON(w, http.StatusOK, paginate(views, p))
}

func timeRange(from, to string) (f, t time.Time, msg string) {
	var err error
	if from != "" {
		if f, err = time.Parse(time.RFC3339Nano, from); err != nil {
			return f, t, "creationDateFrom: must be an RFC 3339 date-time"
		}
	}
	if to != "" {
		if t, err = time.Parse(time.RFC3339Nano, to); err != nil {
			return f, t, "creationDateTo: must be an RFC 3339 date-time"
		}
	}
	return f, t, ""
}

// getPaymentLink serves GET /v1/payment-links/{id}.
func (s *Server) getPaymentLink(w *responseBuffer, r *http.Request, _ *reqBody) {
	onItem(s, w, r, &s.links, "id", func(l *paymentLink) { writeJSON(w, http.StatusOK, s.linkView(l)) })
}

// updatePaymentLink serves PATCH /v1/payment-links/{id}. ZEN does not
// document the body; the fake changes expirationDate and hidden and
// refuses other members.
func (s *Server) updatePaymentLink(w *responseBuffer, r *http.Request, b *reqBody) {
	onlyMembers(b, "expirationDate", "hidden")
	exp := b.dateTime("expirationDate", false)
	hidden, setHidden := b.boolean("hidden")
	if b.refused(w) {
		return
	}
	onItem(s, w, r, &s.links, "id", func(l *paymentLink) {
		if !exp.IsZero() {
			l.ExpirationDate = exp
		}
		if setHidden {
			l.Hidden = hidden
		}
		writeJSON(w, http.StatusOK, s.linkView(l))
	})
}

// linkClosed returns why a payment link's page can no longer be paid
// (its status), or "" when it can (and for plain checkouts). The caller
// holds s.mu.
func (s *Server) linkClosed(ses *session) string {
	if ses.linkID == "" {
		return ""
	}
	l := s.links.get(ses.linkID)
	if l == nil {
		return linkExpired
	}
	if v := s.linkView(l); v.Status != linkNew {
		return v.Status
	}
	return ""
}

// linkPaid records the outcome of a payment link's page. The caller holds
// s.mu.
func (s *Server) linkPaid(ses *session, paid bool) {
	if l := s.links.get(ses.linkID); l != nil {
		l.Status = linkRejected
		if paid {
			l.Status = linkProcessed
		}
	}
}
