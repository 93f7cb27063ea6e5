package zentest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/zen-go/zen/internal/validate"
)

// Paths served by the fake, in ServeMux syntax. They follow the SDK's path
// constants (and testdata/endpoints.tsv); a correction is one line here.
const (
	pathTransactions       = "/v1/transactions"
	pathTransactionByID    = "/v1/transactions/{id}"
	pathTransactionByMTID  = "/v1/transactions/merchant/{mtid}"
	pathCapture            = "/v1/transactions/capture"
	pathCancel             = "/v1/transactions/cancel"
	pathRenewAuthorization = "/v1/transactions/renewAuthorization"
	pathRefund             = "/v1/transactions/refund"
	pathApplePaySession    = "/v1/applepay/session"
	pathCashback           = "/v1/cashback/calculate"
	pathPayouts            = "/v1/payouts"
	pathPayoutByID         = "/v1/payouts/{id}"
	pathPayoutByMTID       = "/v1/payouts/merchant/{mtid}"
	pathPayoutCapture      = "/v1/payouts/capture"
	pathPayoutCancel       = "/v1/payouts/cancel"
	pathPayoutRenew        = "/v1/payouts/renew"
	pathPayoutV2           = "/v2/payouts/{id}"
	pathOffersRefresh      = "/v1/payouts/{id}/offers/refresh"
	pathOffersSelect       = "/v1/payouts/{id}/offers/select"
	pathPaymentLinks       = "/v1/payment-links"
	pathPaymentLink        = "/v1/payment-links/{id}"
	pathCustomers          = "/v3/customers"
	pathCustomer           = "/v3/customers/{mcid}"
	pathCards              = "/v3/customers/{mcid}/payments/card"
	pathCard               = "/v3/customers/{mcid}/payments/card/{id}"
	pathProfileCards       = "/v2/payout-profiles/card"
	pathProfileCard        = "/v2/payout-profiles/card/{id}"
	pathPayoutCards        = "/v3/customers/{mcid}/payouts/card"
	pathPayoutCard         = "/v3/customers/{mcid}/payouts/card/{id}"
	pathPayoutCardVerify   = "/v3/customers/{mcid}/payouts/card/{id}/verify"
	pathPayoutCardWidget   = "/v3/customers/{mcid}/payouts/card/widget"
	pathPayoutRecipients   = "/v3/customers/{mcid}/payouts/recipients"
	pathPayoutRecipient    = "/v3/customers/{mcid}/payouts/recipients/{id}"
	pathWallets            = "/v3/customers/{mcid}/withdrawals/dragon"
	pathWallet             = "/v3/customers/{mcid}/withdrawals/dragon/{id}"
	pathPaynows            = "/v3/customers/{mcid}/withdrawals/paynow"
	pathPaynow             = "/v3/customers/{mcid}/withdrawals/paynow/{id}"
	pathLegacyTerminals    = "/v1/terminals"
	pathTerminals          = "/v3/terminals"
	pathTerminalsV2        = "/v2/terminals"
	pathProducts           = "/v1/subscriptions/products"
	pathProduct            = "/v1/subscriptions/products/{id}"
	pathPlans              = "/v1/subscriptions/plans"
	pathPlan               = "/v1/subscriptions/plans/{id}"
	pathPlanActivate       = "/v1/subscriptions/plans/{id}/activate"
	pathPlanDeactivate     = "/v1/subscriptions/plans/{id}/deactivate"
	pathSubscriptions      = "/v1/subscriptions"
	pathSubscription       = "/v1/subscriptions/{id}"
	pathSubscriptionCancel = "/v1/subscriptions/{id}/cancel"
	pathReportFile         = "/v1/reports/{id}/file"
	pathAuthCalculate      = "/v1/authorization/calculate"
	pathAuthReversed       = "/v1/authorization/calculate/reversed"

	// Hosted-checkout host.
	pathCheckouts       = "/api/checkouts"
	pathCheckoutPage    = "/{sid}"
	pathCheckoutPay     = "/{sid}/pay"
	pathCheckoutDecline = "/{sid}/decline"
	pathAuthorizePage   = "/authorize/{id}"
	pathAuthorizePay    = "/authorize/{id}/pay"
	pathAuthorizeDecl   = "/authorize/{id}/decline"
	pathWidgetPage      = "/payout-card/{wid}"
	pathWidgetSave      = "/payout-card/{wid}/save"
)

// handlerFunc serves one API route. body is the parsed JSON object of the
// request (empty for requests without a body).
type handlerFunc func(s *Server, w *responseBuffer, r *http.Request, body *reqBody)

type route struct {
	method  string
	path    string
	handler handlerFunc
}

// apiRoutes is every api.zen.com route the fake serves. A new resource is a
// handler file plus its rows here.
var apiRoutes = []route{
	{http.MethodPost, pathTransactions, (*Server).createPurchase},
	{http.MethodGet, pathTransactionByID, (*Server).getTransaction},
	{http.MethodGet, pathTransactionByMTID, (*Server).getTransactionByMTID},
	{http.MethodPost, pathCapture, (*Server).capturePurchase},
	{http.MethodPost, pathCancel, (*Server).cancelPurchase},
	{http.MethodPost, pathRenewAuthorization, (*Server).renewAuthorization},
	{http.MethodPost, pathRefund, (*Server).createRefund},
	{http.MethodPost, pathApplePaySession, (*Server).validateApplePaySession},
	{http.MethodPost, pathCashback, (*Server).calculateCashback},
	{http.MethodPost, pathPayouts, (*Server).createPayout},
	{http.MethodGet, pathPayoutByID, (*Server).getPayout},
	{http.MethodGet, pathPayoutByMTID, (*Server).getPayoutByMTID},
	{http.MethodPost, pathPayoutCapture, (*Server).capturePayout},
	{http.MethodPost, pathPayoutCancel, (*Server).cancelPayout},
	{http.MethodPost, pathPayoutRenew, (*Server).renewPayout},
	{http.MethodGet, pathPayoutV2, (*Server).getPayoutV2},
	{http.MethodPost, pathOffersRefresh, (*Server).refreshPayoutOffers},
	{http.MethodPost, pathOffersSelect, (*Server).selectPayoutOffer},
	{http.MethodPost, pathPaymentLinks, (*Server).createPaymentLink},
	{http.MethodGet, pathPaymentLinks, (*Server).listPaymentLinks},
	{http.MethodGet, pathPaymentLink, (*Server).getPaymentLink},
	{http.MethodPatch, pathPaymentLink, (*Server).updatePaymentLink},
	{http.MethodPost, pathCustomers, (*Server).createCustomer},
	{http.MethodGet, pathCustomers, (*Server).listCustomers},
	{http.MethodGet, pathCustomer, (*Server).getCustomer},
	{http.MethodPatch, pathCustomer, (*Server).updateCustomer},
	{http.MethodDelete, pathCustomer, (*Server).deleteCustomer},
	{http.MethodGet, pathCards, (*Server).listCards},
	{http.MethodGet, pathCard, (*Server).getCard},
	{http.MethodPatch, pathCard, (*Server).updateCard},
	{http.MethodDelete, pathCard, (*Server).deleteCard},
	{http.MethodPost, pathProfileCards, (*Server).addProfileCard},
	{http.MethodGet, pathProfileCards, (*Server).listProfileCards},
	{http.MethodPatch, pathProfileCard, (*Server).updateProfileCard},
	{http.MethodDelete, pathProfileCard, (*Server).removePayoutCard},
	{http.MethodPost, pathPayoutCards, (*Server).addPayoutCardV3},
	{http.MethodGet, pathPayoutCards, (*Server).listPayoutCardsV3},
	{http.MethodGet, pathPayoutCard, (*Server).getPayoutCard},
	{http.MethodPatch, pathPayoutCard, (*Server).updatePayoutCardAlias},
	{http.MethodDelete, pathPayoutCard, (*Server).removePayoutCard},
	{http.MethodPost, pathPayoutCardVerify, (*Server).verifyPayoutCard},
	{http.MethodPost, pathPayoutCardWidget, (*Server).initPayoutCardWidget},
	{http.MethodGet, pathPayoutRecipients, (*Server).listPayoutRecipients},
	// The merchant-customer payout card pair (GetMerchantCard,
	// DeleteMerchantCard): the SDK's best guess at their paths, the item of
	// the recipients list; served as the payout card of that id.
	{http.MethodGet, pathPayoutRecipient, (*Server).getPayoutCard},
	{http.MethodDelete, pathPayoutRecipient, (*Server).removePayoutCard},
	{http.MethodPost, pathWallets, (*Server).addWalletRecipient},
	{http.MethodGet, pathWallets, (*Server).listWalletRecipients},
	{http.MethodGet, pathWallet, (*Server).getWalletRecipient},
	{http.MethodPatch, pathWallet, (*Server).updateWalletRecipient},
	{http.MethodDelete, pathWallet, (*Server).removeWalletRecipient},
	{http.MethodPost, pathPaynows, (*Server).addPaynowRecipient},
	{http.MethodDelete, pathPaynow, (*Server).removePaynowRecipient},
	{http.MethodGet, pathLegacyTerminals, (*Server).listLegacyTerminals},
	{http.MethodGet, pathTerminals, (*Server).listTerminals},
	{http.MethodGet, pathTerminalsV2, (*Server).listTerminalsV2},
	{http.MethodGet, pathProducts, listSubs(productTable)},
	{http.MethodPost, pathProducts, (*Server).createProduct},
	{http.MethodGet, pathProduct, getSubs(productTable)},
	{http.MethodPatch, pathProduct, (*Server).updateProduct},
	{http.MethodDelete, pathProduct, (*Server).deleteProduct},
	{http.MethodGet, pathPlans, listSubs(planTable)},
	{http.MethodPost, pathPlans, (*Server).createPlan},
	{http.MethodGet, pathPlan, getSubs(planTable)},
	{http.MethodDelete, pathPlan, (*Server).deletePlan},
	{http.MethodPost, pathPlanActivate, (*Server).activatePlan},
	{http.MethodPost, pathPlanDeactivate, (*Server).deactivatePlan},
	{http.MethodGet, pathSubscriptions, listSubs(subscriptionTable)},
	{http.MethodGet, pathSubscription, getSubs(subscriptionTable)},
	{http.MethodDelete, pathSubscription, (*Server).deleteSubscription},
	{http.MethodPost, pathSubscriptionCancel, (*Server).cancelSubscription},
	{http.MethodGet, pathReportFile, (*Server).getReport},
	{http.MethodPost, pathAuthCalculate, (*Server).calculateAuthorization},
	{http.MethodPost, pathAuthReversed, (*Server).calculateReversedAuthorization},
}

// maxBody caps request bodies; ZEN's largest documented bodies are far
// smaller. A larger body gets 413.
const maxBody = 1 << 20

// apiHandler builds the api.zen.com side: recording, faults, then ZEN's
// header rules, then the route.
func (s *Server) apiHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range apiRoutes {
		mux.Handle(rt.method+" "+rt.path, s.apiRoute(rt.handler))
	}
	return s.dispatch(mux, false)
}

// dispatch records every request, applies faults to API calls, refuses
// bodies over maxBody, and answers unknown routes in ZEN's error shape.
func (s *Server) dispatch(mux *http.ServeMux, checkout bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Close waits for handlers; a client that never sends the body it
		// announced, or stops reading a large answer (a report) without
		// closing the connection, would block this one, and Close, for
		// ever. Once the server closes, reads and writes time out.
		stop := context.AfterFunc(s.ctx, func() {
			rc := http.NewResponseController(w)
			_ = rc.SetReadDeadline(time.Now())
			_ = rc.SetWriteDeadline(time.Now())
		})
		defer stop()
		raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			// The body stopped short of its length: the client went away
			// (or Close cut it). Nothing was received whole; nothing is
			// processed or answered.
			hijackClose(w)
			return
		}
		tooLarge := len(raw) > maxBody
		raw = raw[:min(len(raw), maxBody)]
		r.Body = io.NopCloser(bytes.NewReader(raw))
		rec := s.record(r, raw, checkout)
		h, pattern := mux.Handler(r)
		api := !checkout || pattern == "POST "+pathCheckouts
		var fault Fault
		if api {
			fault = s.faults.next(r)
		}
		rec.Fault = fault
		switch fault.kind {
		case kindDrop:
			s.finish(rec, 0)
			hijackClose(w)
			return
		case kindSlowStart:
			if !s.wait(r.Context(), fault.delay) {
				s.finish(rec, 0)
				hijackClose(w)
				return
			}
		}
		buf := newResponseBuffer()
		switch {
		case fault.kind == kindStatus:
			s.faults.writeStatus(buf, fault.status)
		case !fault.Processes():
			s.writeRedirect(buf, r, fault)
		case tooLarge:
			writeError(buf, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: must be at most %d bytes", maxBody))
		case pattern == "":
			noRoute(buf, h, r, checkout)
		default:
			mux.ServeHTTP(buf, r) // sets the path values, unlike h
		}
		s.finish(rec, buf.status)
		switch fault.kind {
		case kindLoseResponse:
			hijackClose(w)
			return
		case kindTruncate:
			buf.truncate(w)
			return
		case kindSlowAnswer:
			if !s.wait(r.Context(), fault.delay) {
				hijackClose(w)
				return
			}
		}
		buf.flush(w)
	})
}

// noRoute answers a request no route matches as the mux would (404, or
// 405 with its Allow header when the path exists with other methods), in
// ZEN's error shape; a 404 on the checkout host is a plain page.
func noRoute(w *responseBuffer, h http.Handler, r *http.Request, checkout bool) {
	probe := newResponseBuffer()
	h.ServeHTTP(probe, r)
	switch {
	case probe.status == http.StatusNotFound && checkout:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("404 page not found\n"))
	case probe.status == http.StatusNotFound:
		writeNotFound(w)
	default:
		if allow := probe.Header().Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		writeError(w, probe.status, http.StatusText(probe.status))
	}
}

// apiRoute enforces ZEN's request rules before calling h: a Bearer API key,
// a valid request-id, and a JSON object body with Content-Type
// application/json.
func (s *Server) apiRoute(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := w.(*responseBuffer)
		if id := r.Header.Get("request-id"); id != "" {
			buf.Header().Set("request-id", id)
		}
		if !s.authorized(r.Header.Get("Authorization")) {
			writeError(buf, http.StatusUnauthorized, "Unauthorized")
			return
		}
		msg, warning := checkRequestID(r.Header.Values("request-id"))
		if msg != "" {
			writeError(buf, http.StatusBadRequest, msg)
			return
		}
		if warning != "" {
			s.warn(r, "request-id", warning)
		}
		body, msg := readBody(r)
		if msg != "" {
			writeError(buf, http.StatusBadRequest, msg)
			return
		}
		h(s, buf, r, body)
	})
}

func (s *Server) authorized(h string) bool {
	if key, ok := strings.CutPrefix(h, "Bearer "); ok && key == s.cfg.apiKey {
		return true
	}
	return s.cfg.rawAuth && h == s.cfg.apiKey
}

// minRequestID is the shortest request-id ZEN is known to take: a bare
// UUID (36 characters), which production clients send although ZEN
// documents 38..1024.
const minRequestID = 36

// checkRequestID applies ZEN's request-id rule: present once, 38..1024
// characters matching ^[a-zA-Z0-9?&:_|\-\/=+.,#\s]+$. A 36- or
// 37-character one (a bare UUID) is accepted, as ZEN does, with a warning.
func checkRequestID(vals []string) (msg, warning string) {
	switch {
	case len(vals) == 0 || vals[0] == "":
		return "request-id: header is required", ""
	case len(vals) > 1:
		return "request-id: header must be sent once", ""
	}
	id := vals[0]
	n := len([]rune(id))
	if n < minRequestID || n > 1024 {
		return "request-id: must be 38 to 1024 characters", ""
	}
	if !validate.RequestID.MatchString(id) {
		return "request-id: must match " + validate.RequestID.String(), ""
	}
	if n < 38 {
		warning = fmt.Sprintf("%d characters: ZEN documents 38 to 1024 (accepted, as ZEN accepts a bare UUID)", n)
	}
	return "", warning
}

// readBody checks the Content-Type of a non-empty body and parses it as a
// JSON object.
func readBody(r *http.Request) (*reqBody, string) {
	raw, _ := io.ReadAll(r.Body)
	if len(bytes.TrimSpace(raw)) == 0 {
		return emptyBody(), ""
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return nil, "Content-Type: must be application/json for a request body"
	}
	return parseBody(raw)
}
