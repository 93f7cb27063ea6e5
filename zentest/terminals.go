package zentest

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// terminalPage is the offset-paged envelope of /v3/terminals (its own
// meta type, so offset 0 and hasMore false are written), with ZEN's meta
// members limit, offset, direction, hasMore and currencies.
type terminalPage struct {
	Meta offsetMeta              `json:"meta"`
	Data []zen.PaymentMethodInfo `json:"data"`
}

type offsetMeta struct {
	Limit      int             `json:"limit"`
	Offset     int             `json:"offset"`
	Direction  types.Direction `json:"direction"`
	HasMore    bool            `json:"hasMore"`
	Currencies []string        `json:"currencies"`
}

var cardCurrencies = []string{"EUR", "GBP", "PLN", "USD"}

var cardOrganizations = []types.CardOrganization{types.CardOrgVisa, types.CardOrgMastercard}

// channel is one catalog channel, with empty lists written as [].
func channel(c types.PaymentChannel, name string, currencies []string, orgs []types.CardOrganization) zen.PaymentChannelInfo {
	if orgs == nil {
		orgs = []types.CardOrganization{}
	}
	return zen.PaymentChannelInfo{PaymentChannel: c, PaymentChannelName: name, Currencies: currencies, CryptoCurrencies: []string{}, CardOrganizations: orgs}
}

// terminalCatalog is what the fake terminal offers: cards (with Apple Pay
// and Google Pay) and BLIK.
var terminalCatalog = []zen.PaymentMethodInfo{
	{
		PaymentMethod: types.MethodCard, PaymentMethodName: "Card",
		PaymentChannels: []zen.PaymentChannelInfo{
			channel(types.ChannelCard, "Card", cardCurrencies, cardOrganizations),
			channel(types.ChannelApplePay, "Apple Pay", cardCurrencies, cardOrganizations),
			channel(types.ChannelGooglePay, "Google Pay", cardCurrencies, cardOrganizations),
		},
	},
	{
		PaymentMethod: "PME_BLIK", PaymentMethodName: "BLIK",
		PaymentChannels: []zen.PaymentChannelInfo{channel(types.ChannelBlik, "BLIK", []string{"PLN"}, nil)},
	},
}

// listTerminals serves GET /v3/terminals: the methods and channels for
// the optional transactionType, amount and currency, offset-paged with
// limit and offset ({meta:{limit,offset,hasMore,currencies}, data}).
func (s *Server) listTerminals(w *responseBuffer, r *http.Request, _ *reqBody) {
	q := r.URL.Query()
	v := validate.New()
	v.Match("transactionType", q.Get("transactionType"), validate.TransactionType)
	if a := q.Get("amount"); a != "" {
		checkQueryAmount(v, a)
	}
	v.Match("currency", q.Get("currency"), validate.Currency)
	limit, offset := 10, 0
	for _, f := range []struct {
		name string
		dst  *int
		min  int
	}{{"limit", &limit, 1}, {"offset", &offset, 0}} {
		if s := q.Get(f.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < f.min {
				v.Fail(f.name, "must be an integer of at least "+strconv.Itoa(f.min))
			}
			*f.dst = n
		}
	}
	if msg := describe(v.Err()); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	all := catalogFor(q.Get("currency"))
	start := min(offset, len(all))
	end := start + min(limit, len(all)-start)
	writeJSON(w, http.StatusOK, terminalPage{
		Data: append([]zen.PaymentMethodInfo{}, all[start:end]...),
		Meta: offsetMeta{Limit: limit, Offset: offset, Direction: types.Asc, HasMore: end < len(all), Currencies: catalogCurrencies},
	})
}

// checkQueryAmount fails "amount" unless a, the amount query value of a
// terminal listing, is an amount ZEN takes (types.AmountRule).
func checkQueryAmount(v *validate.Checker, a string) {
	if amt, err := types.ParseAmount(a); err != nil || amt.Validate() != nil {
		v.Fail("amount", types.AmountRule)
	}
}

// legacyMethod is one channel in the shape of the legacy listing.
type legacyMethod struct {
	Active           bool                 `json:"active"`
	PaymentChannel   types.PaymentChannel `json:"paymentChannel"`
	Currencies       []string             `json:"currencies"`
	CryptoCurrencies []string             `json:"cryptoCurrencies"`
}

// listLegacyTerminals serves GET /v1/terminals, the listing of ZEN's old
// specification: a bare JSON array with one entry per channel of the
// catalog, optionally only those taking currency, cut by page and
// itemsPerPage.
func (s *Server) listLegacyTerminals(w *responseBuffer, r *http.Request, _ *reqBody) {
	q := r.URL.Query()
	p, msg := parsePaging(q)
	if cur := q.Get("currency"); msg == "" && cur != "" && !validate.Currency.MatchString(cur) {
		msg = "currency: must match ^[A-Z]{3}$"
	}
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	var all []legacyMethod
	for _, m := range terminalCatalog {
		for _, c := range m.PaymentChannels {
			if cur := q.Get("currency"); cur == "" || slices.Contains(c.Currencies, cur) {
				all = append(all, legacyMethod{Active: true, PaymentChannel: c.PaymentChannel, Currencies: c.Currencies, CryptoCurrencies: c.CryptoCurrencies})
			}
		}
	}
	writeJSON(w, http.StatusOK, paginate(all, p).Data)
}

// catalogFor returns the catalog's methods with the channels that take
// currency cur (every channel when cur is "").
func catalogFor(cur string) []zen.PaymentMethodInfo {
	var all []zen.PaymentMethodInfo
	for _, m := range terminalCatalog {
		var chans []zen.PaymentChannelInfo
		for _, c := range m.PaymentChannels {
			if cur == "" || slices.Contains(c.Currencies, cur) {
				chans = append(chans, c)
			}
		}
		if len(chans) > 0 {
			m.PaymentChannels = chans
			all = append(all, m)
		}
	}
	return all
}

// catalogCurrencies is every currency the terminal takes, sorted.
var catalogCurrencies = func() []string {
	var out []string
	for _, m := range terminalCatalog {
		for _, c := range m.PaymentChannels {
			for _, cur := range c.Currencies {
				if !slices.Contains(out, cur) {
					out = append(out, cur)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}()

// listTerminalsV2 serves GET /v2/terminals (the SDK's inferred v2 listing):
// transactionType (TRT_PURCHASE or TRT_REFUND), amount and currency are
// required; page, itemsPerPage and direction page the methods, in the
// envelope {data, meta:{page, itemsPerPage, direction, sortBy}}.
func (s *Server) listTerminalsV2(w *responseBuffer, r *http.Request, _ *reqBody) {
	q := r.URL.Query()
	v := validate.New()
	if tt := q.Get("transactionType"); v.Required("transactionType", tt) &&
		tt != string(types.TypePurchase) && tt != string(types.TypeRefund) {
		v.Fail("transactionType", "must be TRT_PURCHASE or TRT_REFUND")
	}
	if a := q.Get("amount"); v.Required("amount", a) {
		checkQueryAmount(v, a)
	}
	v.RequiredMatch("currency", q.Get("currency"), validate.Currency)
	if msg := describe(v.Err()); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	all := catalogFor(q.Get("currency"))
	s.pagedList(w, r, func(p paging) { writeJSON(w, http.StatusOK, paginate(all, p)) })
}
