package exenv

import (
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// CardPurchase is a purchase paid with card data the buyer typed in
// (paymentSpecificData type onetime) for items, with the browser details ZEN
// needs for 3-D Secure and ipnURL as customIpnUrl when set. The fake
// authorizes zentest.CardApproved and declines zentest.CardDeclined.
func CardPurchase(merchantTransactionID, cardNumber, currency, ipnURL string, items ...types.Item) *zen.PurchaseCreateRequest {
	total := types.MustAmount("0.00")
	for _, it := range items {
		total = total.Add(it.LineAmountTotal)
	}
	return &zen.PurchaseCreateRequest{
		MerchantTransactionID: merchantTransactionID,
		PaymentChannel:        types.ChannelCard,
		Amount:                total,
		Currency:              currency,
		Customer:              Buyer(),
		Items:                 items,
		CustomIPNURL:          ipnURL,
		PaymentSpecificData: zen.OneTimePayment{
			Card:       zen.CardDetails{Number: cardNumber, ExpiryDate: "1230", CVV: "123", CardHolderName: "Ada Lovelace"},
			Descriptor: "ZEN-GO EXAMPLE",
			ThreeDSOptions: zen.ThreeDSOptions{
				BrowserDetails: &zen.BrowserDetails{
					AcceptHeader: "text/html", ColorDepth: "24", Lang: "en-GB", ScreenHeight: "1080", ScreenWidth: "1920",
					Timezone: "0", WindowSize: "05", UserAgent: "Mozilla/5.0 (zen-go example)",
				},
				ReturnVerifyURL: "https://shop.example/3ds-return",
			},
		},
	}
}
