package zentest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// Owner ids the fake writes on subscription resources (terminalId is the
// server's terminal UUID).
const (
	subsMerchantID = "zentest-merchant"
	subsShopID     = "zentest-shop"
)

// subsSortFields are the sortBy values of the three subscription lists (the
// ones ZEN documents for products).
var subsSortFields = []string{"id", "merchantId", "shopId", "terminalId", "createdAt", "updatedAt"}

// subsReadOnly are members ZEN sets itself; a body may not send them.
var subsReadOnly = []string{"id", "merchantId", "shopId", "terminalId", "status", "createdAt", "updatedAt", "deletedAt"}

// subsState holds the subscription resources. The Server's mutex guards it.
type subsState struct {
	products table[product]
	plans    table[plan]
	subs     table[subscription]
	// pending are purchases that start or charge a subscription once they
	// are authorized; see settleSubscriptions.
	pending []subsEvent
}

// subsRecord is what every subscription resource carries.
type subsRecord struct {
	ID         string    `json:"id"`
	MerchantID string    `json:"merchantId"`
	ShopID     string    `json:"shopId"`
	TerminalID string    `json:"terminalId"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

func (s *Server) newSubsRecord(at time.Time) subsRecord {
	return subsRecord{
		ID: uuid.NewString(), MerchantID: subsMerchantID, ShopID: subsShopID,
		TerminalID: s.cfg.terminalUUID, CreatedAt: at, UpdatedAt: at,
	}
}

func (r *subsRecord) record() *subsRecord { return r }

// sortKey is the record's value of a sortBy field as a string that sorts
// the same way (times are fixed-width UTC).
func (r *subsRecord) sortKey(field string) string {
	const fixed = "2006-01-02T15:04:05.000000000Z"
	switch field {
	case "id":
		return r.ID
	case "createdAt":
		return r.CreatedAt.UTC().Format(fixed)
	case "updatedAt":
		return r.UpdatedAt.UTC().Format(fixed)
	}
	return "" // merchantId, shopId, terminalId: the same on every record
}

// subsItem is a stored subscription resource.
type subsItem interface{ record() *subsRecord }

// listSubs serves a list of the subscription table tbl picks: the page the
// query asks for, sorted by sortBy.
func listSubs[T any, P interface {
	*T
	subsItem
}](tbl func(*subsState) *table[T]) handlerFunc {
	return func(s *Server, w *responseBuffer, r *http.Request, _ *reqBody) {
		t := tbl(&s.subs)
		s.pagedList(w, r, func(p paging) {
			s.settleSubscriptions()
			items := t.filter(nil)
			slices.SortStableFunc(items, func(a, b *T) int {
				return strings.Compare(P(a).record().sortKey(p.sortBy), P(b).record().sortKey(p.sortBy))
			})
			writeJSON(w, http.StatusOK, paginate(items, p))
		}, subsSortFields...)
	}
}

// getSubs serves the item {id} of the subscription table tbl picks.
func getSubs[T any](tbl func(*subsState) *table[T]) handlerFunc {
	return func(s *Server, w *responseBuffer, r *http.Request, _ *reqBody) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.settleSubscriptions()
		writeFound(w, tbl(&s.subs).get(r.PathValue("id")))
	}
}

// The subscription tables, for listSubs and getSubs.
func productTable(st *subsState) *table[product]           { return &st.products }
func planTable(st *subsState) *table[plan]                 { return &st.plans }
func subscriptionTable(st *subsState) *table[subscription] { return &st.subs }

// subsExtra refuses read-only members and returns the members outside
// known, which the fake stores and echoes (the SDK's Extra).
func subsExtra(b *reqBody, known ...string) map[string]json.RawMessage {
	var extra map[string]json.RawMessage
	for k, v := range b.fields {
		switch {
		case slices.Contains(subsReadOnly, k):
			b.fail(k, "is set by ZEN and cannot be sent")
		case !slices.Contains(known, k):
			if extra == nil {
				extra = map[string]json.RawMessage{}
			}
			extra[k] = v
		}
	}
	return extra
}

func writeSuccess(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}

// subscription is a stored subscription, with the field names of the SDK's
// Subscription (ZEN's older specification).
type subscription struct {
	subsRecord
	PlanID             string `json:"planId"`
	CustomerID         string `json:"customerId"`
	Email              string `json:"email,omitempty"`
	Status             string `json:"status"`
	PaymentSource      string `json:"paymentSource,omitempty"`
	PaymentSourceID    string `json:"paymentSourceId,omitempty"`
	FirstTransactionID string `json:"firstTransactionId,omitempty"`
	StartDate          string `json:"startDate"`
	EndDate            string `json:"endDate,omitempty"`
	NextChargeDate     string `json:"nextChargeDate,omitempty"`
	RemainingCount     *int64 `json:"remainingCount,omitempty"`
	CancelReason       string `json:"cancelReason,omitempty"`
	next               time.Time
}

// cancelReason is what the fake writes on a subscription canceled through
// the API.
const cancelReason = "canceled by the merchant"

func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// start creates an active subscription to p from the time of its first
// payment: the first charge is after the trial, or one interval after the
// start; remainingCount counts the plan's totalCount charges after that
// first payment. The caller holds s.mu.
func (s *Server) startSubscription(p *plan, at time.Time, customer *types.TransactionCustomer) *subscription {
	x := &subscription{
		subsRecord: s.newSubsRecord(at), PlanID: p.ID, Status: string(zen.SubscriptionActive),
		StartDate: day(at),
	}
	if customer != nil {
		x.CustomerID, x.Email = customer.ID, customer.Email
	}
	if p.TrialPeriodDays > 0 {
		x.next = at.AddDate(0, 0, int(p.TrialPeriodDays))
	} else {
		x.next = addInterval(at, p.IntervalUnit, p.IntervalCount)
	}
	x.NextChargeDate = day(x.next)
	if p.TotalCount > 0 {
		n := p.TotalCount
		x.RemainingCount = &n
	}
	s.subs.subs.add(x.ID, x)
	return x
}

// charge records a recurring payment of x: the next charge moves on by
// one interval and one charge fewer remains. The caller holds s.mu.
func (s *Server) charge(x *subscription, p *plan) {
	x.UpdatedAt = s.now()
	if x.RemainingCount != nil {
		*x.RemainingCount--
		if *x.RemainingCount <= 0 {
			*x.RemainingCount, x.NextChargeDate = 0, ""
			return
		}
	}
	x.next = addInterval(x.next, p.IntervalUnit, p.IntervalCount)
	x.NextChargeDate = day(x.next)
}

// subsEvent is a purchase that starts (plan) or charges (sub) a
// subscription once it is authorized.
type subsEvent struct {
	txID      string
	plan      string
	sub       string
	planField string // the paymentSpecificData member that named plan
}

// settleSubscriptions applies the purchases that were authorized or
// accepted since the last look and forgets those that failed, so a 3-D
// Secure purchase starts its subscription only after the buyer paid. The
// caller holds s.mu.
func (s *Server) settleSubscriptions() {
	keep := s.subs.pending[:0]
	for _, e := range s.subs.pending {
		x := s.txns.get(e.txID)
		switch {
		case x != nil && x.t.Status == types.StatusPending:
			keep = append(keep, e)
			continue
		case x == nil || (x.t.Status != types.StatusAuthorized && x.t.Status != types.StatusAccepted):
			continue
		}
		if e.sub != "" {
			if sub := s.subs.subs.get(e.sub); sub != nil && sub.Status == string(zen.SubscriptionActive) {
				if p := s.subs.plans.get(sub.PlanID); p != nil {
					s.charge(sub, p)
				}
			}
			continue
		}
		if p := s.subs.plans.get(e.plan); p != nil {
			sub := s.startSubscription(p, x.t.CreatedAt, x.t.Customer)
			sub.FirstTransactionID, sub.PaymentSource = x.t.ID, string(x.t.PaymentChannel)
			if x.t.CardInfo != nil {
				sub.PaymentSourceID = x.t.CardInfo.Token
			}
		}
	}
	clear(s.subs.pending[len(keep):])
	s.subs.pending = keep
}

// readSubscribing reads the subscription members of a purchase's
// paymentSpecificData: subscription.planId (card payments) or
// subscriptionPlanId (recurring_token) start a subscription, subscriptionId
// (recurring_token) charges one. It returns nil when the purchase names
// none; checkSubscribing checks them against the stored state.
func readSubscribing(b *reqBody) *subsEvent {
	raw, ok := b.raw("paymentSpecificData")
	if !ok || raw[0] != '{' {
		return nil // readOrder reports it
	}
	pd := b.object("paymentSpecificData", false)
	ev := subsEvent{planField: "subscriptionPlanId"}
	ev.sub, _ = pd.str("subscriptionId", false)
	ev.plan, _ = pd.str("subscriptionPlanId", false)
	if o := pd.object("subscription", false); o != nil {
		if ev.plan, _ = o.str("planId", true); ev.plan != "" {
			ev.planField = "subscription.planId"
		}
	}
	if ev.sub == "" && ev.plan == "" {
		return nil
	}
	return &ev
}

// checkSubscribing records in b why the purchase o cannot start or charge
// the subscription ev names: the plan must be active and in the
// purchase's currency (and the purchase carry customer.id), the
// subscription active with charges left. The caller holds s.mu.
func (s *Server) checkSubscribing(b *reqBody, ev *subsEvent, o order) {
	s.settleSubscriptions()
	pd := b.v.At("paymentSpecificData")
	if ev.sub != "" {
		sub := s.subs.subs.get(ev.sub)
		switch {
		case sub == nil:
			pd.Fail("subscriptionId", "no subscription with this id")
		case sub.Status != string(zen.SubscriptionActive):
			pd.Fail("subscriptionId", "the subscription is "+sub.Status)
		case sub.RemainingCount != nil && *sub.RemainingCount == 0:
			pd.Fail("subscriptionId", "the subscription has no charges left")
		case ev.plan != "" && ev.plan != sub.PlanID:
			pd.Fail(ev.planField, "is not the plan of subscriptionId")
		}
		ev.plan = ""
		return
	}
	p := s.subs.plans.get(ev.plan)
	switch {
	case p == nil:
		pd.Fail(ev.planField, "no plan with this id")
	case p.Status != string(zen.PlanActive):
		pd.Fail(ev.planField, "the plan is not active")
	case o.currency != "" && o.currency != p.Currency:
		b.fail("currency", "must be the plan's currency "+p.Currency)
	}
	if o.customer == nil || o.customer.ID == "" {
		b.fail("customer.id", "is required to start a subscription")
	}
}

// deleteSubscription serves DELETE /v1/subscriptions/{id}:
// {"success":true}.
func (s *Server) deleteSubscription(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleSubscriptions()
	if !s.subs.subs.remove(r.PathValue("id")) {
		writeNotFound(w)
		return
	}
	writeSuccess(w)
}

// cancelSubscription serves POST /v1/subscriptions/{id}/cancel: status
// canceled, endDate today, no next charge. Canceling again changes nothing.
func (s *Server) cancelSubscription(w *responseBuffer, r *http.Request, _ *reqBody) {
	onItem(s, w, r, &s.subs.subs, "id", func(x *subscription) {
		s.settleSubscriptions() // a charge made before the cancel counts
		if x.Status != string(zen.SubscriptionCanceled) {
			now := s.now()
			x.Status, x.CancelReason, x.UpdatedAt = string(zen.SubscriptionCanceled), cancelReason, now
			x.EndDate, x.NextChargeDate = day(now), ""
		}
		writeJSON(w, http.StatusOK, x)
	})
}

// CreateSubscription starts an active subscription to an active plan for
// customer (its ID and Email are recorded) without a payment, as if its
// first payment had just been authorized, and returns it as the API shows
// it.
func (s *Server) CreateSubscription(planID string, customer types.TransactionCustomer) (zen.Subscription, error) {
	s.mu.Lock()
	p := s.subs.plans.get(planID)
	if p == nil || p.Status != string(zen.PlanActive) {
		s.mu.Unlock()
		return zen.Subscription{}, fmt.Errorf("zentest: CreateSubscription: no active plan %q", planID)
	}
	b, err := json.Marshal(s.startSubscription(p, s.now(), &customer))
	s.mu.Unlock()
	var out zen.Subscription
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	return out, err
}
