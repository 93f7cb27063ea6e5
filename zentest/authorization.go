package zentest

import (
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// authRates are the fixed conversion rates of the authorization-fee
// calculations, in units of each currency per euro: the rate from A to B
// is authRates[B] / authRates[A] (1 when A is B, known or not). The
// package documentation repeats them.
var authRates = map[string]string{"EUR": "1", "GBP": "0.85", "PLN": "4.30", "USD": "1.10"}

// authFees are the fee rates of the authorization-fee calculations per
// payment channel: 2% for cards and card wallets, 1% for BLIK.
var authFees = map[types.PaymentChannel]string{
	types.ChannelCard: "0.02", types.ChannelApplePay: "0.02", types.ChannelGooglePay: "0.02",
	types.ChannelBlik: "0.01",
}

// rateValidity is how long a quoted rate holds (rateExpireAt).
const rateValidity = 15 * time.Minute

// authQuote is ZEN's authorization object: what the customer pays.
type authQuote struct {
	Fee          types.Amount `json:"fee"`
	Amount       types.Amount `json:"amount"`
	BaseAmount   types.Amount `json:"baseAmount"`
	Currency     string       `json:"currency"`
	Rate         string       `json:"rate"`
	RateExpireAt string       `json:"rateExpireAt"`
}

type authOrganization struct {
	CardID        string                 `json:"cardId,omitempty"`
	Amount        *types.Amount          `json:"amount,omitempty"`   // reversed only
	Currency      string                 `json:"currency,omitempty"` // reversed only
	Organization  types.CardOrganization `json:"organization"`
	Authorization authQuote              `json:"authorization"`
}

type authChannel struct {
	PaymentChannel    types.PaymentChannel `json:"paymentChannel"`
	CardOrganizations []authOrganization   `json:"cardOrganizations,omitempty"`
	Amount            *types.Amount        `json:"amount,omitempty"`   // reversed only
	Currency          string               `json:"currency,omitempty"` // reversed only
	Authorization     authQuote            `json:"authorization"`
}

type authMethod struct {
	PaymentMethod types.PaymentMethod `json:"paymentMethod"`
	MaxFee        types.Amount        `json:"maxFee"`
	Channels      []authChannel       `json:"channels"`
}

// authTarget is one entry of the request's data array.
type authTarget struct {
	method  types.PaymentMethod
	channel types.PaymentChannel
	org     types.CardOrganization
	bin     string
	cardID  string
	cardOrg types.CardOrganization // organization of the saved card cardID
}

// authRequest is what both calculations share.
type authRequest struct {
	currency, authCurrency string
	targets                []authTarget
}

// readAuthRequest checks the members both calculations share with the
// SDK's rules; the caller checks the amount and id members.
func readAuthRequest(b *reqBody) authRequest {
	var q authRequest
	q.currency = b.currency("currency", true)
	q.authCurrency = b.currency("authorizationCurrency", true)
	b.text("transactionType", false, 0, 0, validate.TransactionType)
	if ip, ok := b.str("ip", false); ok && net.ParseIP(ip) == nil {
		b.fail("ip", "must be an IPv4 or IPv6 address")
	}
	for _, d := range b.array("data", true) {
		q.targets = append(q.targets, authTarget{
			method:  types.PaymentMethod(d.text("paymentMethod", false, 0, 64, nil)),
			channel: types.PaymentChannel(d.text("paymentChannel", false, 0, 64, validate.PaymentChannel)),
			org:     types.CardOrganization(d.text("cardOrganization", false, 0, 64, nil)),
			bin:     d.text("cardBin", false, 0, 19, validate.Digits),
			cardID:  d.uuid("cardId", false),
		})
	}
	return q
}

// authRate returns the conversion rate from one currency to another, or false
// when the fake has none.
func authRate(from, to string) (decimal.Decimal, bool) {
	if from == to {
		return decimal.NewFromInt(1), true
	}
	f, okF := authRates[from]
	t, okT := authRates[to]
	if !okF || !okT {
		return decimal.Decimal{}, false
	}
	return decimal.RequireFromString(t).DivRound(decimal.RequireFromString(f), 10), true
}

// rateText writes a rate with at most 10 decimals and no trailing zeros,
// whatever shopspring/decimal's global settings.
func rateText(d decimal.Decimal) string {
	s := d.StringFixed(10)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// resolveTargets looks up the saved cards the targets name; it fails the
// cardId of an unknown card. The caller holds s.mu.
func (s *Server) resolveTargets(b *reqBody, q *authRequest) {
	for i := range q.targets {
		t := &q.targets[i]
		if t.cardID == "" {
			continue
		}
		c := s.cards.get(t.cardID)
		if c == nil {
			b.v.Index("data", i).Fail("cardId", "no saved card with this id")
			continue
		}
		t.cardOrg = organizationOf(c.Organization)
	}
}

func organizationOf(name string) types.CardOrganization {
	if strings.Contains(strings.ToLower(name), "master") {
		return types.CardOrgMastercard
	}
	return types.CardOrgVisa
}

// binOrganization is the card organization of a BIN: Mastercard for 2 and
// 5, Visa for 4, none otherwise.
func binOrganization(bin string) types.CardOrganization {
	switch bin[0] {
	case '2', '5':
		return types.CardOrgMastercard
	case '4':
		return types.CardOrgVisa
	}
	return ""
}

// selects reports whether t asks for channel c of method m and which of
// c's card organizations it asks for. A target naming a card BIN or a
// saved card selects only PCL_CARD; one naming a card organization, only
// the channels that take it.
func (t authTarget) selects(m zen.PaymentMethodInfo, c zen.PaymentChannelInfo) ([]types.CardOrganization, bool) {
	if (t.method != "" && t.method != m.PaymentMethod) || (t.channel != "" && t.channel != c.PaymentChannel) ||
		((t.bin != "" || t.cardID != "") && c.PaymentChannel != types.ChannelCard) {
		return nil, false
	}
	if len(c.CardOrganizations) == 0 {
		return nil, t.org == ""
	}
	var orgs []types.CardOrganization
	for _, o := range c.CardOrganizations {
		switch {
		case t.org != "" && t.org != o,
			t.bin != "" && binOrganization(t.bin) != o,
			t.cardID != "" && t.cardOrg != o:
			continue
		}
		orgs = append(orgs, o)
	}
	return orgs, len(orgs) > 0
}

// pricing computes one channel's quote.
type pricing struct {
	now          time.Time
	currency     string // the merchant's currency
	authCurrency string // the currency the customer pays in
	rate         decimal.Decimal
	reversed     bool
}

func round2(d decimal.Decimal) types.Amount { return types.AmountFromDecimal(d, 2) }

// quote prices amount for channel ch: forward, amount is in the merchant's
// currency and the fee is added to its conversion; reversed, amount is what
// the customer pays and is split into base and fee. It also returns the
// base amount in the merchant's currency (reversed).
func (p pricing) quote(ch types.PaymentChannel, amount types.Amount) (authQuote, types.Amount) {
	fee := decimal.RequireFromString(authFees[ch])
	q := authQuote{Currency: p.authCurrency, Rate: rateText(p.rate), RateExpireAt: p.now.Add(rateValidity).Format(time.RFC3339)}
	if p.reversed {
		total := round2(amount.Decimal())
		q.BaseAmount = round2(total.Decimal().DivRound(fee.Add(decimal.NewFromInt(1)), 2))
		q.Amount, q.Fee = total, total.Sub(q.BaseAmount)
		return q, round2(q.BaseAmount.Decimal().DivRound(p.rate, 2))
	}
	q.BaseAmount = round2(amount.Decimal().Mul(p.rate))
	q.Fee = round2(q.BaseAmount.Decimal().Mul(fee))
	q.Amount = q.BaseAmount.Add(q.Fee)
	return q, amount
}

// price answers the data array: per terminal method (in catalog order) the
// channels the targets select that take the customer's currency, and per
// card channel its organizations.
func (p pricing) price(targets []authTarget, amount types.Amount) []authMethod {
	out := []authMethod{}
	for _, m := range terminalCatalog {
		am := authMethod{PaymentMethod: m.PaymentMethod, MaxFee: round2(decimal.Zero)}
		for _, c := range m.PaymentChannels {
			if !slices.Contains(c.Currencies, p.authCurrency) {
				continue
			}
			var orgs []authOrganization
			selected := false
			for _, t := range targets {
				tOrgs, ok := t.selects(m, c)
				if !ok {
					continue
				}
				selected = true
				for _, o := range tOrgs {
					if !slices.ContainsFunc(orgs, func(x authOrganization) bool { return x.Organization == o && x.CardID == t.cardID }) {
						orgs = append(orgs, authOrganization{CardID: t.cardID, Organization: o})
					}
				}
			}
			if !selected {
				continue
			}
			q, base := p.quote(c.PaymentChannel, amount)
			ac := authChannel{PaymentChannel: c.PaymentChannel, CardOrganizations: orgs, Authorization: q}
			for i := range ac.CardOrganizations {
				ac.CardOrganizations[i].Authorization = q
			}
			if p.reversed {
				ac.Amount, ac.Currency = &base, p.currency
				for i := range ac.CardOrganizations {
					ac.CardOrganizations[i].Amount, ac.CardOrganizations[i].Currency = &base, p.currency
				}
			}
			if q.Fee.Cmp(am.MaxFee) > 0 {
				am.MaxFee = q.Fee
			}
			am.Channels = append(am.Channels, ac)
		}
		if len(am.Channels) > 0 {
			out = append(out, am)
		}
	}
	return out
}

// readPricing reads the members both calculations share and returns them
// with their pricing; after a failure it answers 400 and returns false.
// The caller holds s.mu.
func (s *Server) readPricing(w *responseBuffer, b *reqBody, reversed bool) (authRequest, pricing, bool) {
	q := readAuthRequest(b)
	s.resolveTargets(b, &q)
	rate, ok := authRate(q.currency, q.authCurrency)
	if !ok && q.currency != "" && q.authCurrency != "" {
		b.fail("authorizationCurrency", "the fake has no rate from "+q.currency+" (it knows EUR, GBP, PLN and USD)")
	}
	if b.refused(w) {
		return q, pricing{}, false
	}
	return q, pricing{now: s.now(), currency: q.currency, authCurrency: q.authCurrency, rate: rate, reversed: reversed}, true
}

// calculateAuthorization serves POST /v1/authorization/calculate: per
// payment method and channel, baseAmount = amount converted at the fixed
// rate, fee = baseAmount × the channel's fee rate, amount = baseAmount +
// fee, all rounded half up to 2 places.
func (s *Server) calculateAuthorization(w *responseBuffer, _ *http.Request, b *reqBody) {
	b.mtid("merchantTransactionId", true)
	amount := b.amount("amount", true, false)
	s.mu.Lock()
	defer s.mu.Unlock()
	if q, p, ok := s.readPricing(w, b, false); ok {
		writeJSON(w, http.StatusOK, p.price(q.targets, amount))
	}
}

// calculateReversedAuthorization serves POST
// /v1/authorization/calculate/reversed for a hosted-checkout session (404
// for an unknown sessionId): authorizationAmount is what the customer pays;
// baseAmount = authorizationAmount / (1 + fee rate), fee the rest, and the
// channel's amount is baseAmount converted back to currency.
func (s *Server) calculateReversedAuthorization(w *responseBuffer, _ *http.Request, b *reqBody) {
	sid := b.text("sessionId", true, 1, 128, nil)
	amount := b.amount("authorizationAmount", true, false)
	s.mu.Lock()
	defer s.mu.Unlock()
	q, p, ok := s.readPricing(w, b, true)
	if !ok {
		return
	}
	ses := s.sessions.get(sid)
	switch {
	case ses == nil:
		writeNotFound(w)
	case ses.currency != q.currency:
		badRequest(w, "currency", "must be the session's currency "+ses.currency)
	default:
		writeJSON(w, http.StatusOK, map[string]any{
			"sessionId": sid, "merchantTransactionId": ses.mtid, "data": p.price(q.targets, amount),
		})
	}
}
