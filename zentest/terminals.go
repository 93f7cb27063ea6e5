package zentest

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// terminalPage is the offset-paged envelope of /v3/terminals.
type terminalPage struct {
	Meta offsetMeta       `json:"meta"`
	Data []terminalMethod `json:"data"`
}

type offsetMeta struct {
	Limit      int      `json:"limit"`
	Offset     int      `json:"offset"`
	HasMore    bool     `json:"hasMore"`
	Currencies []string `json:"currencies"`
}

// terminalMethod is one entry of GET /v3/terminals.
type terminalMethod struct {
	PaymentMethod     types.PaymentMethod `json:"paymentMethod"`
	PaymentMethodName string              `json:"paymentMethodName"`
	MethodLogoURL     string              `json:"methodLogoUrl"`
	PaymentChannels   []terminalChannel   `json:"paymentChannels"`
}

type terminalChannel struct {
	PaymentChannel      types.PaymentChannel     `json:"paymentChannel"`
	PaymentChannelName  string                   `json:"paymentChannelName"`
	Currencies          []string                 `json:"currencies"`
	CryptoCurrencies    []string                 `json:"cryptoCurrencies"`
	CardOrganizations   []types.CardOrganization `json:"cardOrganizations"`
	ChannelLogoURL      string                   `json:"channelLogoUrl"`
	LastUsed            bool                     `json:"lastUsed"`
	HasAuthorizationFee bool                     `json:"hasAuthorizationFee"`
	HasCashback         bool                     `json:"hasCashback"`
}

var cardCurrencies = []string{"EUR", "GBP", "PLN", "USD"}

// terminalCatalog is what the fake terminal offers: cards (with Apple Pay
// and Google Pay) and BLIK.
var terminalCatalog = []terminalMethod{
	{
		PaymentMethod: types.MethodCard, PaymentMethodName: "Card",
		PaymentChannels: []terminalChannel{
			{PaymentChannel: types.ChannelCard, PaymentChannelName: "Card", Currencies: cardCurrencies,
				CardOrganizations: []types.CardOrganization{types.CardOrgVisa, types.CardOrgMastercard}},
			{PaymentChannel: types.ChannelApplePay, PaymentChannelName: "Apple Pay", Currencies: cardCurrencies},
			{PaymentChannel: types.ChannelGooglePay, PaymentChannelName: "Google Pay", Currencies: cardCurrencies},
		},
	},
	{
		PaymentMethod: "PME_BLIK", PaymentMethodName: "BLIK",
		PaymentChannels: []terminalChannel{
			{PaymentChannel: types.ChannelBlik, PaymentChannelName: "BLIK", Currencies: []string{"PLN"}},
		},
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
		amt, err := types.ParseAmount(a)
		if err == nil {
			err = amt.Validate()
		}
		if err != nil {
			v.Fail("amount", types.AmountRule)
		}
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
	cur := q.Get("currency")
	var all []terminalMethod
	var currencies []string
	for _, m := range terminalCatalog {
		var chans []terminalChannel
		for _, c := range m.PaymentChannels {
			if cur == "" || slices.Contains(c.Currencies, cur) {
				chans = append(chans, c)
			}
			for _, c := range c.Currencies {
				if !slices.Contains(currencies, c) {
					currencies = append(currencies, c)
				}
			}
		}
		if len(chans) > 0 {
			m.PaymentChannels = chans
			all = append(all, m)
		}
	}
	slices.Sort(currencies)
	start := min(offset, len(all))
	end := min(start+limit, len(all))
	writeJSON(w, http.StatusOK, terminalPage{
		Data: append([]terminalMethod{}, all[start:end]...),
		Meta: offsetMeta{Limit: limit, Offset: offset, HasMore: end < len(all), Currencies: currencies},
	})
}
