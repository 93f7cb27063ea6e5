package zentest

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/google/uuid"
)

// cardWidgetTTL is how long a payout-card widget session can be used.
const cardWidgetTTL = 30 * time.Minute

// cardWidget is a payout-card widget session: a page on the checkout host
// where the customer types the card the merchant may then pay out to.
type cardWidget struct {
	id, customerID string
	returnURL      string
	expiresAt      time.Time
	cardID         string // set once the customer saved a card
}

// initPayoutCardWidget serves POST
// /v3/customers/{merchantCustomerId}/payouts/card/widget. ZEN does not
// publish the body or the answer; the fake reads an optional returnUrl and
// answers {"id", "customerId", "url", "expiresAt"}, where url is a page on
// the checkout host whose form saves a payout card for the customer (then
// redirects 303 to returnUrl?cardId=<id>, or shows the card id).
func (s *Server) initPayoutCardWidget(w *responseBuffer, r *http.Request, b *reqBody) {
	ret := b.url("returnUrl", 1024)
	if b.refused(w) {
		return
	}
	s.withLockedCustomer(w, r, false, func(mcid string, _ paging) {
		wg := &cardWidget{id: uuid.NewString(), customerID: mcid, returnURL: ret, expiresAt: s.now().Add(cardWidgetTTL)}
		s.widgets.add(wg.id, wg)
		writeJSON(w, http.StatusOK, map[string]any{
			"id": wg.id, "customerId": mcid, "url": s.CheckoutURL + "/payout-card/" + wg.id, "expiresAt": wg.expiresAt,
		})
	})
}

type widgetPage struct {
	Action, Error, CardID string
}

var widgetTmpl = template.Must(template.New("widget").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>Add a payout card (fake ZEN)</title>` + pageStyle + `</head>
<body><main>
<h1>Add a payout card</h1>
<p class="note">This page is served by the fake ZEN server (zentest).</p>
{{if .Error}}<p id="error">{{.Error}}</p>{{end}}
{{if .CardID}}<p id="saved">Card saved: <span id="cardId">{{.CardID}}</span></p>
{{else}}<form method="post" action="{{.Action}}">
<input name="number" id="number" placeholder="Card number">
<input name="expiryDate" id="expiryDate" placeholder="MMYY">
<input name="cardHolderName" id="cardHolderName" placeholder="Name on card">
<button type="submit" id="save">Save</button>
</form>{{end}}
</main></body></html>
`))

func writeWidget(w http.ResponseWriter, status int, d widgetPage) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = widgetTmpl.Execute(w, d)
}

// onWidget calls fn, with s.mu held, for a widget session that can still be
// used, or answers 404 (unknown), 410 (expired) or shows the saved card.
func (s *Server) onWidget(w http.ResponseWriter, r *http.Request, fn func(wg *cardWidget)) {
	onPage(s, w, r, &s.widgets, "wid", func(wg *cardWidget) {
		switch {
		case wg.cardID != "":
			writeWidget(w, http.StatusOK, widgetPage{CardID: wg.cardID})
		case !s.now().Before(wg.expiresAt):
			http.Error(w, "this widget session has expired", http.StatusGone)
		default:
			fn(wg)
		}
	})
}

// widgetForm serves GET /payout-card/{id}: the card form.
func (s *Server) widgetForm(w http.ResponseWriter, r *http.Request) {
	s.onWidget(w, r, func(wg *cardWidget) {
		writeWidget(w, http.StatusOK, widgetPage{Action: "/payout-card/" + wg.id + "/save"})
	})
}

// widgetSave serves POST /payout-card/{id}/save: the form's card, checked
// like the API's payout-card bodies, becomes a payout card of the
// customer (the customer must still exist).
func (s *Server) widgetSave(w http.ResponseWriter, r *http.Request) {
	form := emptyBody()
	for _, k := range []string{"number", "expiryDate", "cardHolderName"} {
		if v := r.PostFormValue(k); v != "" {
			form.fields[k], _ = json.Marshal(v)
		}
	}
	in := readCard(form, true)
	s.onWidget(w, r, func(wg *cardWidget) {
		if msg := form.done(); msg != "" {
			writeWidget(w, http.StatusBadRequest, widgetPage{Action: "/payout-card/" + wg.id + "/save", Error: msg})
			return
		}
		if s.customers.get(wg.customerID) == nil {
			pageNotFound(w)
			return
		}
		wg.cardID = s.addPayoutCardFor(wg.customerID, in).ID
		if wg.returnURL != "" {
			u, _ := url.Parse(wg.returnURL) // checked by initPayoutCardWidget
			q := u.Query()
			q.Set("cardId", wg.cardID)
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.String(), http.StatusSeeOther)
			return
		}
		writeWidget(w, http.StatusOK, widgetPage{CardID: wg.cardID})
	})
}
