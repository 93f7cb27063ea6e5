package zentest

import (
	"net/http"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// Cashback rates of the fake, in percent of the amount. Cards earn by
// organization; a channel or organization not listed earns the default.
var (
	channelCashback = map[types.PaymentChannel]decimal.Decimal{
		types.ChannelBlik:      decimal.NewFromInt(2),
		types.ChannelApplePay:  decimal.NewFromInt(1),
		types.ChannelGooglePay: decimal.NewFromInt(1),
	}
	cardCashback = map[types.CardOrganization]decimal.Decimal{
		types.CardOrgVisa:       decimal.NewFromInt(1),
		types.CardOrgMastercard: decimal.RequireFromString("1.5"),
	}
	defaultChannelCashback = decimal.RequireFromString("0.5")
	defaultCardCashback    = decimal.NewFromInt(1)
)

// cashbackFor is amount × rate %, rounded down to cents; only purchases
// earn cashback.
func cashbackFor(amount types.Amount, rate decimal.Decimal, purchase bool) types.Amount {
	if !purchase {
		rate = decimal.Zero
	}
	return types.AmountFromDecimal(amount.Decimal().Mul(rate).Shift(-2).RoundDown(2), 2)
}

// calculateCashback serves POST /v1/cashback/calculate: for each data
// entry (paymentMethod, paymentChannel and, for PCL_CARD, cardOrganization)
// the cashback at the fake's fixed rates (BLIK 2%, Apple Pay and Google Pay
// 1%, Visa 1%, Mastercard 1.5%, other cards 1%, other channels 0.5%; none
// for a transactionType other than TRT_PURCHASE). The answer groups the
// entries by method in request order, in the SDK's CashbackOffer shape;
// maxCashback is the largest channel cashback of the method.
func (s *Server) calculateCashback(w *responseBuffer, _ *http.Request, b *reqBody) {
	amount := b.amount("amount", true, false)
	currency := b.currency("currency", true)
	typ := b.text("transactionType", false, 0, 64, validate.TransactionType)
	purchase := typ == "" || typ == string(types.TypePurchase)
	var offers []zen.CashbackOffer
	for _, q := range b.array("data", true) {
		method := types.PaymentMethod(q.text("paymentMethod", true, 1, 64, nil))
		ch := types.PaymentChannel(q.text("paymentChannel", true, 1, 64, validate.PaymentChannel))
		org := types.CardOrganization(q.text("cardOrganization", ch == types.ChannelCard, 0, 64, nil))
		if method == "" || ch == "" || (ch == types.ChannelCard && org == "") {
			continue
		}
		i := slices.IndexFunc(offers, func(o zen.CashbackOffer) bool { return o.PaymentMethod == method })
		if i < 0 {
			offers = append(offers, zen.CashbackOffer{PaymentMethod: method, Channels: []zen.CashbackChannel{}})
			i = len(offers) - 1
		}
		o := &offers[i]
		j := slices.IndexFunc(o.Channels, func(c zen.CashbackChannel) bool { return c.PaymentChannel == ch })
		if j < 0 {
			o.Channels = append(o.Channels, zen.CashbackChannel{PaymentChannel: ch})
			j = len(o.Channels) - 1
		}
		c := &o.Channels[j]
		rate, ok := channelCashback[ch]
		if !ok {
			rate = defaultChannelCashback
		}
		if ch == types.ChannelCard {
			if rate, ok = cardCashback[org]; !ok {
				rate = defaultCardCashback
			}
		}
		money := &types.Money{Amount: cashbackFor(amount, rate, purchase), Currency: currency}
		if org != "" && !slices.ContainsFunc(c.CardOrganizations, func(x zen.CashbackCardOrganization) bool { return x.Organization == org }) {
			c.CardOrganizations = append(c.CardOrganizations, zen.CashbackCardOrganization{Organization: org, Cashback: money})
		}
		if c.Cashback == nil || money.Amount.Cmp(c.Cashback.Amount) > 0 {
			c.Cashback = money
		}
		if o.MaxCashback == "" || money.Amount.Cmp(types.MustAmount(o.MaxCashback)) > 0 {
			o.MaxCashback = money.Amount.String()
		}
	}
	if b.refused(w) {
		return
	}
	writeJSON(w, http.StatusOK, offers)
}
