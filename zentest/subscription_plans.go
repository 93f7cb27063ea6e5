package zentest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/types"
)

// product is a stored subscription product in ZEN's Product shape.
type product struct {
	subsRecord
	URL         string `json:"url,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Type        string `json:"type"`
	Status      string `json:"status"`
	extra       map[string]json.RawMessage
}

// MarshalJSON writes the product and the extra members it was sent.
func (p *product) MarshalJSON() ([]byte, error) {
	type plain product
	return jsonx.MarshalExtra((*plain)(p), p.extra)
}

var productFields = []string{"name", "description", "type", "url"}

// productInput is a product body: nil fields were not sent.
type productInput struct {
	name, description, typ, url *string
	extra                       map[string]json.RawMessage
}

// readProduct checks a product body with the SDK's rules: name 1..125 and
// description 1..500 characters, type product or service, url an absolute
// URL. create makes name, description and type required.
func readProduct(b *reqBody, create bool) productInput {
	in := productInput{extra: subsExtra(b, productFields...)}
	field := func(name string, minLen, maxLen int) *string {
		if _, sent := b.fields[name]; !sent && !create {
			return nil
		}
		s := b.text(name, true, minLen, maxLen, nil)
		return &s
	}
	in.name = field("name", 1, 125)
	in.description = field("description", 1, 500)
	if in.typ = field("type", 0, 0); in.typ != nil && *in.typ != "" &&
		!zen.ProductType(*in.typ).IsKnown() {
		b.fail("type", "must be product or service")
	}
	if _, sent := b.fields["url"]; sent {
		u := b.url("url", 0)
		in.url = &u
	}
	return in
}

// createProduct serves POST /v1/subscriptions/products. New products are
// verified at once.
func (s *Server) createProduct(w *responseBuffer, _ *http.Request, b *reqBody) {
	in := readProduct(b, true)
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := &product{
		subsRecord: s.newSubsRecord(s.now()), Name: *in.name, Description: *in.description,
		Type: *in.typ, Status: string(zen.ProductVerified), extra: in.extra,
	}
	if in.url != nil {
		p.URL = *in.url
	}
	s.subs.products.add(p.ID, p)
	writeJSON(w, http.StatusOK, p)
}

// updateProduct serves PATCH /v1/subscriptions/products/{id}: the members
// sent replace the stored ones; an extra member sent as null is removed.
func (s *Server) updateProduct(w *responseBuffer, r *http.Request, b *reqBody) {
	in := readProduct(b, false)
	if b.empty() {
		b.fail("body", "must change at least one member")
	}
	if b.refused(w) {
		return
	}
	onItem(s, w, r, &s.subs.products, "id", func(p *product) {
		for _, f := range []struct{ dst, src *string }{
			{&p.Name, in.name}, {&p.Description, in.description}, {&p.Type, in.typ}, {&p.URL, in.url},
		} {
			if f.src != nil {
				*f.dst = *f.src
			}
		}
		for k, v := range in.extra {
			if _, set := b.raw(k); !set {
				delete(p.extra, k)
				continue
			}
			if p.extra == nil {
				p.extra = map[string]json.RawMessage{}
			}
			p.extra[k] = v
		}
		p.UpdatedAt = s.now()
		writeJSON(w, http.StatusOK, p)
	})
}

// deleteProduct serves DELETE /v1/subscriptions/products/{id}:
// {"success":true}. A product that still has plans is refused.
func (s *Server) deleteProduct(w *responseBuffer, r *http.Request, _ *reqBody) {
	onItem(s, w, r, &s.subs.products, "id", func(p *product) {
		if len(s.subs.plans.filter(func(pl *plan) bool { return pl.ProductID == p.ID })) > 0 {
			badRequest(w, "id", "the product still has plans; delete them first")
			return
		}
		s.subs.products.remove(p.ID)
		writeSuccess(w)
	})
}

// plan is a stored subscription plan, with the field names of the SDK's
// Plan (ZEN's older specification).
type plan struct {
	subsRecord
	ProductID       string        `json:"productId"`
	Status          string        `json:"status"`
	Amount          types.Amount  `json:"amount"`
	Currency        string        `json:"currency"`
	IntervalUnit    string        `json:"intervalUnit"`
	IntervalCount   int64         `json:"intervalCount"`
	TrialPeriodDays int64         `json:"trialPeriodDays"`
	ChargeDay       int64         `json:"chargeDay,omitempty"`
	SetupFee        *types.Amount `json:"setupFee,omitempty"`
	TotalCount      int64         `json:"totalCount"`
	ChargeRetry     bool          `json:"chargeRetry"`
	extra           map[string]json.RawMessage
}

// MarshalJSON writes the plan and the extra members it was sent.
func (p *plan) MarshalJSON() ([]byte, error) {
	type plain plan
	return jsonx.MarshalExtra((*plain)(p), p.extra)
}

var planFields = []string{
	"productId", "amount", "currency", "intervalUnit", "intervalCount",
	"trialPeriodDays", "chargeDay", "setupFee", "totalCount", "chargeRetry",
}

// boundedInt reads an optional integer member and checks it is at least lo and,
// when hi > 0, at most hi (the SDK's wording).
func boundedInt(b *reqBody, name string, required bool, lo, hi int64) int64 {
	n, ok := b.integer(name, required)
	switch {
	case !ok:
	case hi > 0 && (n < lo || n > hi):
		b.fail(name, fmt.Sprintf("must be %d to %d", lo, hi))
	case n < lo:
		b.fail(name, fmt.Sprintf("must be at least %d", lo))
	}
	return n
}

// addInterval moves t on by n units of a plan's interval.
func addInterval(t time.Time, unit string, n int64) time.Time {
	k := int(n)
	switch zen.IntervalUnit(unit) {
	case zen.IntervalDay:
		return t.AddDate(0, 0, k)
	case zen.IntervalWeek:
		return t.AddDate(0, 0, 7*k)
	case zen.IntervalYear:
		return t.AddDate(k, 0, 0)
	}
	return t.AddDate(0, k, 0)
}

// createPlan serves POST /v1/subscriptions/plans: a plan of an existing
// product, inactive until activated.
func (s *Server) createPlan(w *responseBuffer, _ *http.Request, b *reqBody) {
	extra := subsExtra(b, planFields...)
	p := &plan{extra: extra, Status: string(zen.PlanInactive)}
	p.ProductID = b.text("productId", true, 0, 0, nil)
	p.Amount = b.amount("amount", true, false)
	p.Currency = b.currency("currency", true)
	p.IntervalUnit = b.text("intervalUnit", true, 0, 0, nil)
	if p.IntervalUnit != "" && !zen.IntervalUnit(p.IntervalUnit).IsKnown() {
		b.fail("intervalUnit", "must be day, week, month or year")
	}
	p.IntervalCount = boundedInt(b, "intervalCount", true, 1, 0)
	p.TrialPeriodDays = boundedInt(b, "trialPeriodDays", false, 0, 0)
	p.ChargeDay = boundedInt(b, "chargeDay", false, 1, 31)
	p.TotalCount = boundedInt(b, "totalCount", false, 0, 0)
	p.ChargeRetry, _ = b.boolean("chargeRetry")
	if fee := b.amount("setupFee", false, false); !fee.IsZero() {
		p.SetupFee = &fee
	}
	if b.refused(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subs.products.get(p.ProductID) == nil {
		badRequest(w, "productId", "no product with this id")
		return
	}
	p.subsRecord = s.newSubsRecord(s.now())
	s.subs.plans.add(p.ID, p)
	writeJSON(w, http.StatusOK, p)
}

// deletePlan serves DELETE /v1/subscriptions/plans/{id}: {"success":true}.
// A plan with active subscriptions is refused.
func (s *Server) deletePlan(w *responseBuffer, r *http.Request, _ *reqBody) {
	onItem(s, w, r, &s.subs.plans, "id", func(p *plan) {
		// A pending checkout of the plan may have just started one.
		s.settleSubscriptions()
		active := s.subs.subs.filter(func(x *subscription) bool {
			return x.PlanID == p.ID && x.Status == string(zen.SubscriptionActive)
		})
		if len(active) > 0 {
			badRequest(w, "id", "the plan has active subscriptions; cancel them first")
			return
		}
		s.subs.plans.remove(p.ID)
		writeSuccess(w)
	})
}

// activatePlan serves POST /v1/subscriptions/plans/{id}/activate.
func (s *Server) activatePlan(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.setPlanStatus(w, r, zen.PlanActive)
}

// deactivatePlan serves POST /v1/subscriptions/plans/{id}/deactivate.
func (s *Server) deactivatePlan(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.setPlanStatus(w, r, zen.PlanInactive)
}

// setPlanStatus activates or deactivates the plan {id}; doing it twice is
// harmless, so a resent call gets the same answer.
func (s *Server) setPlanStatus(w *responseBuffer, r *http.Request, st zen.PlanStatus) {
	onItem(s, w, r, &s.subs.plans, "id", func(p *plan) {
		if p.Status != string(st) {
			p.Status, p.UpdatedAt = string(st), s.now()
		}
		writeJSON(w, http.StatusOK, p)
	})
}
