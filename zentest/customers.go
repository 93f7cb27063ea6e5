package zentest

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// customer is a stored customer. ZEN does not document the create body, so
// the fake keeps every member it was sent (checking the ids, email and the
// name lengths) and answers in the shape of ZEN's OpenAPI file: its own
// "id" (a UUID it assigns), the merchant's "externalId", "status" and
// createdAt.
type customer struct {
	fields    map[string]json.RawMessage
	zenID     string
	createdAt time.Time
}

// MarshalJSON writes the stored members with ZEN's id, the merchant's
// externalId, status and createdAt.
func (c *customer) MarshalJSON() ([]byte, error) {
	out := make(map[string]json.RawMessage, len(c.fields)+4)
	for k, v := range c.fields {
		out[k] = v
	}
	out["id"], _ = json.Marshal(c.zenID)
	if _, ok := out["status"]; !ok {
		out["status"] = json.RawMessage(`"new"`)
	}
	out["createdAt"], _ = json.Marshal(c.createdAt)
	return json.Marshal(out)
}

// checkCustomer applies the rules the fake knows to a customer body. With
// create, the merchant's id (a UUID, later the merchantCustomerId) and
// email are required; the id is accepted as "externalId" (ZEN's OpenAPI
// file) or as "id" (the form purchases use for customer.id), and the
// returned id is the one given. An update may send neither id (the ids
// cannot change) nor remove the email.
func checkCustomer(b *reqBody, create bool) string {
	var id string
	_, sentExternal := b.fields["externalId"]
	_, sentID := b.fields["id"]
	switch {
	case !create:
		for _, k := range []string{"id", "externalId"} {
			if _, sent := b.fields[k]; sent {
				b.fail(k, "cannot be changed")
			}
		}
	case sentExternal && sentID:
		b.fail("id", "send the merchant's id once, as externalId (or id)")
	case sentID:
		id = b.uuid("id", true)
	default:
		id = b.uuid("externalId", true)
	}
	if _, set := b.raw("email"); !create && !set {
		if _, sent := b.fields["email"]; sent {
			b.fail("email", "cannot be removed")
		}
	}
	b.email("email", create)
	b.text("firstName", false, 0, 128, nil)
	b.text("lastName", false, 0, 128, nil)
	b.text("phone", false, 0, 64, nil)
	return id
}

// createCustomer serves POST /v3/customers.
func (s *Server) createCustomer(w *responseBuffer, _ *http.Request, b *reqBody) {
	id := checkCustomer(b, true)
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.customers.get(id) != nil {
		badRequest(w, "externalId", "a customer with this id already exists")
		return
	}
	fields := make(map[string]json.RawMessage, len(b.fields)+1)
	for k, v := range b.fields {
		if k != "id" {
			fields[k] = v
		}
	}
	fields["externalId"], _ = json.Marshal(id)
	c := &customer{fields: fields, zenID: uuid.NewString(), createdAt: s.now()}
	s.customers.add(id, c)
	writeJSON(w, http.StatusOK, c)
}

// listCustomers serves GET /v3/customers with paging.
func (s *Server) listCustomers(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.pagedList(w, r, func(p paging) { writeJSON(w, http.StatusOK, paginate(s.customers.filter(nil), p)) })
}

// getCustomer serves GET /v3/customers/{merchantCustomerId}.
func (s *Server) getCustomer(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeFound(w, s.customers.get(r.PathValue("mcid")))
}

// updateCustomer serves PATCH /v3/customers/{merchantCustomerId}: members
// sent replace the stored ones; null removes one.
func (s *Server) updateCustomer(w *responseBuffer, r *http.Request, b *reqBody) {
	checkCustomer(b, false)
	if b.refused(w) {
		return
	}
	onItem(s, w, r, &s.customers, "mcid", func(c *customer) {
		for k, v := range b.fields {
			if _, ok := b.raw(k); ok {
				c.fields[k] = v
			} else {
				delete(c.fields, k)
			}
		}
		writeJSON(w, http.StatusOK, c)
	})
}

// deleteCustomer serves DELETE /v3/customers/{merchantCustomerId}:
// {"success":true}; the customer's saved cards, payout cards and
// recipients go too.
func (s *Server) deleteCustomer(w *responseBuffer, r *http.Request, _ *reqBody) {
	mcid := r.PathValue("mcid")
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.customers.remove(mcid) {
		writeNotFound(w)
		return
	}
	for _, c := range s.cards.filter(func(c *savedCard) bool { return c.CustomerID == mcid }) {
		s.cards.remove(c.ID)
	}
	s.removePayeesOf(mcid)
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}

// savedCard is a card saved by a purchase with paymentSpecificData.saveCard
// and customer.id, in the shape of ZEN's CardV2 (the members ZEN shows).
type savedCard struct {
	ID                 string    `json:"id"`
	CustomerID         string    `json:"customerId"`
	FirstTransactionID string    `json:"firstTransactionId"`
	CardName           string    `json:"cardName,omitempty"`
	CardHolderName     string    `json:"cardHolderName,omitempty"`
	AddressLine1       string    `json:"addressLine1,omitempty"`
	AddressLine2       string    `json:"addressLine2,omitempty"`
	AddressCity        string    `json:"addressCity,omitempty"`
	AddressCountry     string    `json:"addressCountry,omitempty"`
	AddressState       string    `json:"addressState,omitempty"`
	AddressZip         string    `json:"addressZip,omitempty"`
	Organization       string    `json:"organization"`
	Brand              string    `json:"brand,omitempty"`
	ExpMonth           string    `json:"expMonth,omitempty"`
	ExpYear            string    `json:"expYear,omitempty"`
	IsDefault          bool      `json:"isDefault"`
	CreatedAt          time.Time `json:"createdAt"`
	lastFour           string
}

// listCards serves GET /v3/customers/{merchantCustomerId}/payments/card.
func (s *Server) listCards(w *responseBuffer, r *http.Request, _ *reqBody) {
	mcid := r.PathValue("mcid")
	s.pagedList(w, r, func(p paging) {
		writeJSON(w, http.StatusOK, paginate(s.cards.filter(func(c *savedCard) bool { return c.CustomerID == mcid }), p))
	})
}

// customerCard returns a saved card of the customer in the path, or nil.
// The caller holds s.mu.
func (s *Server) customerCard(r *http.Request) *savedCard {
	c := s.cards.get(r.PathValue("id"))
	if c == nil || c.CustomerID != r.PathValue("mcid") {
		return nil
	}
	return c
}

// getCard serves GET /v3/customers/{merchantCustomerId}/payments/card/{id}.
func (s *Server) getCard(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeFound(w, s.customerCard(r))
}

// cardUpdateFields are the members of a saved-card update (ZEN's older
// card-update schema) with their maximum lengths.
var cardUpdateFields = []struct {
	name string
	max  int
	dst  func(c *savedCard) *string
}{
	{"cardName", 128, func(c *savedCard) *string { return &c.CardName }},
	{"cardHolderName", 128, func(c *savedCard) *string { return &c.CardHolderName }},
	{"addressLine1", 128, func(c *savedCard) *string { return &c.AddressLine1 }},
	{"addressLine2", 128, func(c *savedCard) *string { return &c.AddressLine2 }},
	{"addressCity", 128, func(c *savedCard) *string { return &c.AddressCity }},
	{"addressCountry", 32, func(c *savedCard) *string { return &c.AddressCountry }},
	{"addressState", 32, func(c *savedCard) *string { return &c.AddressState }},
	{"addressZip", 16, func(c *savedCard) *string { return &c.AddressZip }},
	{"expMonth", 2, func(c *savedCard) *string { return &c.ExpMonth }},
	{"expYear", 4, func(c *savedCard) *string { return &c.ExpYear }},
}

var (
	expMonthRe = validate.MustCompile(`^(0[1-9]|1[0-2])$`)
	expYearRe  = validate.MustCompile(`^([0-9]{2}|[0-9]{4})$`)
)

// updateCard serves PATCH
// /v3/customers/{merchantCustomerId}/payments/card/{id}: the members of
// cardUpdateFields sent replace the stored ones, and isDefault true makes
// the card the customer's only default card. Other members are refused.
func (s *Server) updateCard(w *responseBuffer, r *http.Request, b *reqBody) {
	allowed := []string{"isDefault"}
	values := map[string]string{}
	for _, f := range cardUpdateFields {
		allowed = append(allowed, f.name)
		if v, ok := b.str(f.name, false); ok && b.v.MaxLen(f.name, v, f.max) {
			values[f.name] = v
		}
	}
	onlyMembers(b, allowed...)
	b.v.Match("expMonth", values["expMonth"], expMonthRe)
	b.v.Match("expYear", values["expYear"], expYearRe)
	isDefault, setDefault := b.boolean("isDefault")
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customerCard(r)
	if c == nil {
		writeNotFound(w)
		return
	}
	for _, f := range cardUpdateFields {
		if v, ok := values[f.name]; ok {
			*f.dst(c) = v
		}
	}
	if setDefault {
		if isDefault {
			for _, o := range s.cards.filter(func(o *savedCard) bool { return o.CustomerID == c.CustomerID }) {
				o.IsDefault = false
			}
		}
		c.IsDefault = isDefault
	}
	writeJSON(w, http.StatusOK, c)
}

// deleteCard serves DELETE
// /v3/customers/{merchantCustomerId}/payments/card/{id}: {"success":true}.
func (s *Server) deleteCard(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customerCard(r)
	if c == nil {
		writeNotFound(w)
		return
	}
	s.cards.remove(c.ID)
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}

// writeFound writes v, or ZEN's 404 when v is nil.
func writeFound[T any](w http.ResponseWriter, v *T) {
	if v == nil {
		writeNotFound(w)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// attachCard fills cardInfo for a card purchase and prepares the card to
// save (saveCard needs customer.id) or finds the saved card a cardToken
// names. It returns "" or the 400 message. The caller holds s.mu.
func (s *Server) attachCard(x *txn, pd paymentData) string {
	switch {
	case pd.cardToken != "":
		c := s.cards.get(pd.cardToken)
		if c == nil {
			return "paymentSpecificData.cardToken: unknown card token"
		}
		x.t.CardInfo = &types.CardInfo{Token: c.ID, Organization: c.Organization, LastFourDigits: types.FlexString(c.lastFour)}
	case pd.cardNumber != "":
		n := pd.cardNumber
		org := cardOrganization(n)
		x.t.CardInfo = &types.CardInfo{Bin: types.FlexString(n[:6]), LastFourDigits: types.FlexString(n[len(n)-4:]), Organization: org, Type: types.CardTypeCredit}
		if !pd.saveCard {
			return ""
		}
		if x.t.Customer == nil || x.t.Customer.ID == "" {
			return "customer.id: is required to save a card"
		}
		x.t.CardInfo.Token = uuid.NewString()
		x.saveCard = &savedCard{
			ID: x.t.CardInfo.Token, CustomerID: x.t.Customer.ID, FirstTransactionID: x.t.ID,
			Organization: org, CreatedAt: x.t.CreatedAt, lastFour: n[len(n)-4:],
		}
	}
	return ""
}
