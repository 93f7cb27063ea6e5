package zentest

import (
	"errors"
	"html/template"
	"io"
	"mime"
	"net/http"

	"github.com/google/uuid"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// session is a hosted-checkout session (or the page of a payment link):
// what the buyer is asked to pay and where to send them afterwards.
type session struct {
	id                      string
	mtid, currency          string
	amount                  types.Amount
	customer                *types.TransactionCustomer
	items                   []item
	billing, shipping       *types.Address
	urlRedirect, urlSuccess string
	urlFailure, ipnURL      string
	channel                 types.PaymentChannel
	linkID                  string // set for a payment link's page
	txID                    string // set once paid or declined
}

// checkoutHandler builds the hosted-checkout host: the signed session API
// and the pages a buyer sees.
func (s *Server) checkoutHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+pathCheckouts, s.createCheckout)
	mux.HandleFunc("GET "+pathCheckoutPage, s.checkoutPage)
	mux.HandleFunc("POST "+pathCheckoutPay, func(w http.ResponseWriter, r *http.Request) { s.finishCheckout(w, r, true) })
	mux.HandleFunc("POST "+pathCheckoutDecline, func(w http.ResponseWriter, r *http.Request) { s.finishCheckout(w, r, false) })
	mux.HandleFunc("GET "+pathAuthorizePage, s.authorizePage)
	mux.HandleFunc("POST "+pathAuthorizePay, func(w http.ResponseWriter, r *http.Request) { s.finishAuthorization(w, r, true) })
	mux.HandleFunc("POST "+pathAuthorizeDecl, func(w http.ResponseWriter, r *http.Request) { s.finishAuthorization(w, r, false) })
	mux.HandleFunc("GET "+pathWidgetPage, s.widgetForm)
	mux.HandleFunc("POST "+pathWidgetSave, s.widgetSave)
	return s.dispatch(mux, true)
}

// createCheckout serves POST /api/checkouts: a body signed with the paywall
// secret for this terminal. It answers {"redirectUrl": "<CheckoutURL>/<uuid>"}.
func (s *Server) createCheckout(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusBadRequest, "Content-Type: must be application/json for a request body")
		return
	}
	b, msg := parseBody(raw)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	b.numbers = true // ZEN's own plugin sends amount, price and quantity as numbers
	terminal := b.uuid("terminalUuid", true)
	b.str("signature", true)
	ses := &session{id: uuid.NewString()}
	ses.amount = b.amount("amount", true, false)
	ses.currency = b.currency("currency", true)
	ses.mtid = b.mtid("merchantTransactionId", true)
	ses.customer = b.customer("customer", false)
	ses.items = b.items("items", false, true, ses.amount)
	ses.billing, ses.shipping = b.address("billingAddress"), b.address("shippingAddress")
	ses.urlRedirect = b.url("urlRedirect", 1024)
	ses.urlSuccess = b.url("urlSuccess", 1024)
	ses.urlFailure = b.url("urlFailure", 1024)
	ses.ipnURL = b.url("customIpnUrl", 1024)
	ses.channel = types.PaymentChannel(b.text("specifiedPaymentChannel", false, 0, 64, validate.PaymentChannel))
	if b.refused(w) {
		return
	}
	if terminal != s.cfg.terminalUUID {
		writeError(w, http.StatusUnauthorized, "terminalUuid: unknown terminal")
		return
	}
	if err := zen.VerifyCheckoutSignature(raw, s.cfg.paywallSecret); err != nil {
		writeError(w, http.StatusUnauthorized, "signature: does not match the body signed with the paywall secret")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mtidTaken(ses.mtid) {
		writeError(w, http.StatusBadRequest, errDuplicate.Error())
		return
	}
	s.sessions.add(ses.id, ses)
	writeJSON(w, http.StatusOK, map[string]string{"redirectUrl": s.CheckoutURL + "/" + ses.id})
}

// mtidTaken reports whether a transaction, a checkout or a payment link
// already uses mtid. The caller holds s.mu.
func (s *Server) mtidTaken(mtid string) bool {
	if _, ok := s.mtids[mtid]; ok {
		return true
	}
	return len(s.sessions.filter(func(x *session) bool { return x.mtid == mtid })) > 0
}

// pageData is what the buyer's page shows.
type pageData struct {
	Title, Amount, Currency, MTID string
	Items                         []item
	Action                        string // form base path; "" once finished
	Status                        types.TransactionStatus
	RejectCode                    types.RejectCode
}

// pageStyle is the small stylesheet of the fake's buyer-facing pages, so
// a developer clicking through a redirect flow sees a readable page.
const pageStyle = `<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f2f4f7;color:#1d2433;margin:0;padding:40px 16px}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:28px}
h1{font-size:20px;margin:0 0 4px}
.note{font-size:13px;color:#6b7385;margin:0 0 20px}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:0 0 16px}
dt{color:#6b7385}dd{margin:0;font-weight:600;word-break:break-all}
#amount{font-size:22px}
ul{padding-left:18px;margin:0 0 20px;color:#3a4255}
form{display:inline}
button{font:inherit;border:0;border-radius:8px;padding:10px 22px;margin:0 8px 8px 0;cursor:pointer}
#pay,#save{background:#1463ff;color:#fff}#decline{background:#e8ebf1;color:#1d2433}
input{font:inherit;width:100%;box-sizing:border-box;padding:9px 10px;margin:0 0 10px;border:1px solid #cfd5e1;border-radius:8px}
#error{color:#b42318}#status{font-weight:600}
</style>`

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>{{.Title}} (fake ZEN)</title>` + pageStyle + `</head>
<body><main>
<h1>{{.Title}}</h1>
<p class="note">This page is served by the fake ZEN server (zentest).</p>
<dl>
<dt>Amount</dt><dd id="amount">{{.Amount}} {{.Currency}}</dd>
<dt>merchantTransactionId</dt><dd id="merchantTransactionId">{{.MTID}}</dd>
</dl>
{{if .Items}}<ul>{{range .Items}}<li>{{.Name}} × {{.Quantity}}: {{.LineAmountTotal}}</li>{{end}}</ul>{{end}}
{{if .Action}}
<form method="post" action="{{.Action}}/pay"><button type="submit" id="pay">Pay</button></form>
<form method="post" action="{{.Action}}/decline"><button type="submit" id="decline">Decline</button></form>
{{else}}
<p id="status">Status: {{.Status}}{{if .RejectCode}} ({{.RejectCode}}){{end}}</p>
{{end}}
</main></body></html>
`))

func writePage(w http.ResponseWriter, status int, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = pageTmpl.Execute(w, d)
}

func pageNotFound(w http.ResponseWriter) {
	http.Error(w, "checkout not found", http.StatusNotFound)
}

// onPage calls fn, with s.mu held, for the item tbl holds under the path
// value key, or answers a plain 404 page.
func onPage[T any](s *Server, w http.ResponseWriter, r *http.Request, tbl *table[T], key string, fn func(v *T)) {
	withItem(s, w, r, tbl, key, pageNotFound, fn)
}

// checkoutPage serves GET /{uuid}: the hosted payment page.
func (s *Server) checkoutPage(w http.ResponseWriter, r *http.Request) {
	onPage(s, w, r, &s.sessions, "sid", func(ses *session) {
		d := pageData{Title: "ZEN checkout", Amount: ses.amount.String(), Currency: ses.currency, MTID: ses.mtid, Items: ses.items}
		if x := s.txns.get(ses.txID); x != nil {
			d.Status, d.RejectCode = x.t.Status, x.t.RejectCode
		} else if msg := s.linkClosed(ses); msg != "" {
			d.Status = types.TransactionStatus(msg)
		} else {
			d.Action = "/" + ses.id
		}
		writePage(w, http.StatusOK, d)
	})
}

// finishCheckout serves the Pay and Decline buttons of a checkout page
// (see checkoutOutcome) and redirects the buyer (303) to urlSuccess or
// urlFailure, else urlRedirect.
func (s *Server) finishCheckout(w http.ResponseWriter, r *http.Request, pay bool) {
	onPage(s, w, r, &s.sessions, "sid", func(ses *session) {
		x, next, err := s.checkoutOutcome(ses, pay)
		if err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		redirectOrShow(w, r, next, x)
	})
}

var (
	errCheckoutFinished = errors.New("this checkout is already finished")
	errPaymentFinished  = errors.New("this payment is already finished")
)

// checkoutOutcome is what the Pay or Decline button of a checkout page
// does: it creates the purchase (ACCEPTED, or REJECTED with DeclineCard),
// sends its IPN, and returns it with where the buyer goes next. The caller
// holds s.mu.
func (s *Server) checkoutOutcome(ses *session, pay bool) (x *txn, next string, err error) {
	if ses.txID != "" || s.linkClosed(ses) != "" {
		return nil, "", errCheckoutFinished
	}
	x = s.newTxn(types.TypePurchase, ses.mtid, ses.amount, ses.currency)
	x.t.Customer = ses.customer
	x.items = ses.items
	setItems(&x.t, ses.items)
	x.t.BillingAddress, x.t.ShippingAddress = ses.billing, ses.shipping
	x.t.PaymentChannel = ses.channel
	if x.t.PaymentChannel == "" {
		x.t.PaymentChannel = types.ChannelCard
	}
	if ses.ipnURL != "" {
		x.ipnURL = ses.ipnURL
		x.t.Meta = &types.TransactionMeta{CustomIPNURL: ses.ipnURL}
	}
	if _, dup := s.mtids[ses.mtid]; dup { // the session itself holds its mtid
		return nil, "", errDuplicate
	}
	s.store(x)
	ses.txID = x.t.ID
	next = ses.urlSuccess
	if pay {
		s.setStatus(x, types.StatusAccepted, "")
	} else {
		s.setStatus(x, types.StatusRejected, DeclineCard)
		next = ses.urlFailure
	}
	s.linkPaid(ses, pay)
	if next == "" {
		next = ses.urlRedirect
	}
	return x, next, nil
}

// redirectOrShow sends the buyer to next (303), or shows the outcome when
// the merchant gave no URL.
func redirectOrShow(w http.ResponseWriter, r *http.Request, next string, x *txn) {
	if next != "" {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	writePage(w, http.StatusOK, pageData{
		Title: "ZEN payment finished", Amount: x.t.Amount.String(), Currency: x.t.Currency,
		MTID: x.t.MerchantTransactionID, Status: x.t.Status, RejectCode: x.t.RejectCode,
	})
}

// authorizePage serves GET /authorize/{id}: the page a PENDING transaction
// with merchantAction REDIRECT sends the buyer to (3-D Secure, bank
// transfer, wallet).
func (s *Server) authorizePage(w http.ResponseWriter, r *http.Request) {
	onPage(s, w, r, &s.txns, "id", func(x *txn) {
		d := pageData{Title: "ZEN payment authorization", Amount: x.t.Amount.String(), Currency: x.t.Currency, MTID: x.t.MerchantTransactionID, Items: x.items}
		if x.t.MerchantAction != nil {
			d.Action = "/authorize/" + x.t.ID
		} else {
			d.Status, d.RejectCode = x.t.Status, x.t.RejectCode
		}
		writePage(w, http.StatusOK, d)
	})
}

// finishAuthorization serves the authorization page's buttons: Pay moves
// the transaction to AUTHORIZED (cards) or ACCEPTED, Decline to REJECTED
// (Decline3DS for a card, DeclineBlik otherwise); then the buyer goes back to the returnUrl (or returnVerifyUrl)
// of the request.
func (s *Server) finishAuthorization(w http.ResponseWriter, r *http.Request, pay bool) {
	onPage(s, w, r, &s.txns, "id", func(x *txn) {
		next, err := s.authorizationOutcome(x, pay)
		if err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		redirectOrShow(w, r, next, x)
	})
}

// authorizationOutcome is what the Pay or Decline button of the
// authorization page does, returning where the buyer goes next (the
// request's returnUrl, else returnVerifyUrl). The caller holds s.mu.
func (s *Server) authorizationOutcome(x *txn, pay bool) (next string, err error) {
	if x.t.MerchantAction == nil {
		return "", errPaymentFinished
	}
	if pay {
		s.setStatus(x, x.onPay, "")
	} else {
		s.setStatus(x, types.StatusRejected, authorizationDecline(x))
	}
	if m := x.t.Meta; m != nil {
		next = m.ReturnURL
		if next == "" {
			next = m.ReturnVerifyURL
		}
	}
	return next, nil
}

// Checkout describes a hosted-checkout session for tests: its id (the last
// path segment of redirectUrl), merchantTransactionId and, once the buyer
// paid or declined, the transaction id.
type Checkout struct {
	ID                    string
	MerchantTransactionID string
	TransactionID         string
}

// Checkouts returns the hosted-checkout sessions created so far (payment
// links' pages included), oldest first.
func (s *Server) Checkouts() []Checkout {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Checkout
	for _, ses := range s.sessions.filter(nil) {
		out = append(out, Checkout{ID: ses.id, MerchantTransactionID: ses.mtid, TransactionID: ses.txID})
	}
	return out
}
