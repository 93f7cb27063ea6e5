package zen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExamplePurchaseService_Create() {
	srv := zentest.NewServer() // the offline fake of api.zen.com
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production

	tx, err := client.Purchases.Create(context.Background(), &zen.PurchaseCreateRequest{
		MerchantTransactionID: "order-1001",
		PaymentChannel:        types.ChannelBlik,
		Amount:                types.MustAmount("49.50"),
		Currency:              "PLN",
		Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
		Items:                 []types.Item{types.NewItem("Headphones", types.MustAmount("49.50"), 1)},
		PaymentSpecificData:   zen.BlikPayment{Ticket: "777111"}, // the code from the buyer's banking app
	})
	if err != nil {
		log.Fatal(err) // not processed: a *ValidationError, *APIError or connection error
	}
	if err := tx.Err(); err != nil {
		log.Fatal(err) // processed and declined: a *RejectError
	}
	if tx.MerchantAction != nil {
		fmt.Println("send the buyer to", tx.MerchantAction.RedirectURL)
	}
	fmt.Println(tx.Type, tx.Status, tx.Amount, tx.Currency)
	// Output:
	// TRT_PURCHASE ACCEPTED 49.50 PLN
}

func ExamplePurchaseService_Create_declinedCard() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tx, err := client.Purchases.Create(context.Background(), &zen.PurchaseCreateRequest{
		MerchantTransactionID: "order-1002",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("20.00"),
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "ada@example.com", IP: "198.51.100.4"},
		PaymentSpecificData: zen.OneTimePayment{
			Card:       zen.CardDetails{Number: zentest.CardDeclined, ExpiryDate: "1230", CVV: "123"},
			Descriptor: "EXAMPLE SHOP",
			ThreeDSOptions: zen.ThreeDSOptions{BrowserDetails: &zen.BrowserDetails{
				AcceptHeader: "text/html", ColorDepth: "24", Lang: "en-GB", ScreenHeight: "1080",
				ScreenWidth: "1920", Timezone: "0", WindowSize: zen.WindowSizeFullScreen, UserAgent: "Mozilla/5.0",
			}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	var rejected *zen.RejectError
	if errors.As(tx.Err(), &rejected) {
		fmt.Println("rejected:", rejected.Code, rejected.Description())
		fmt.Println("declined by the bank:", errors.Is(tx.Err(), zen.ErrDeclined))
		fmt.Println("worth retrying later:", errors.Is(tx.Err(), zen.ErrProviderUnavailable))
	}
	// Output:
	// rejected: C40005 Do not honor
	// declined by the bank: true
	// worth retrying later: false
}

func ExampleRefundService_Create() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	purchase, err := client.Purchases.Create(ctx, &zen.PurchaseCreateRequest{
		MerchantTransactionID: "order-1003",
		PaymentChannel:        types.ChannelBlik,
		Amount:                types.MustAmount("30.00"),
		Currency:              "PLN",
		Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
		PaymentSpecificData:   zen.BlikPayment{Ticket: "777111"},
	})
	if err != nil {
		log.Fatal(err)
	}

	refund, err := client.Refunds.Create(ctx, &zen.RefundCreateRequest{
		TransactionID:         purchase.ID,           // the purchase's ZEN id
		MerchantTransactionID: "order-1003-refund-1", // a new id for the refund
		Amount:                types.MustAmount("10.00"),
		Currency:              "PLN",
		Comment:               "one item returned",
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := refund.Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Println(refund.Type, refund.Status, refund.Amount, refund.ParentTransactionID == purchase.ID)
	// Output:
	// TRT_REFUND ACCEPTED 10.00 true
}

func ExamplePurchaseService_CalculateCashback() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()

	offers, err := client.Purchases.CalculateCashback(context.Background(), &zen.PurchaseCalculateCashbackRequest{
		Amount:   types.MustAmount("200.00"),
		Currency: "PLN",
		Data: []zen.CashbackQuery{
			{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard, CardOrganization: types.CardOrgVisa},
			{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard, CardOrganization: types.CardOrgMastercard},
			{PaymentMethod: "PME_BLIK", PaymentChannel: types.ChannelBlik},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range offers {
		for _, ch := range o.Channels {
			fmt.Println(o.PaymentMethod, ch.PaymentChannel, "up to", ch.Cashback.Amount, ch.Cashback.Currency)
			for _, org := range ch.CardOrganizations {
				fmt.Println("  ", org.Organization, org.Cashback.Amount)
			}
		}
	}
	// Output:
	// PME_CARD PCL_CARD up to 3.00 PLN
	//    COR_VISA 2.00
	//    COR_MASTERCARD 3.00
	// PME_BLIK PCL_BLIK up to 4.00 PLN
}

func ExamplePurchaseService_ValidateApplePaySession() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()

	// validationURL comes from the browser's onvalidatemerchant event.
	validationURL := "https://apple-pay-gateway.apple.com/paymentservices/startSession"
	session, err := client.Purchases.ValidateApplePaySession(context.Background(), &zen.PurchaseValidateApplePaySessionRequest{
		AppleURL: validationURL,
		Currency: "EUR",
	})
	if err != nil {
		log.Fatal(err)
	}
	// Hand session, unchanged, to completeMerchantValidation in the browser.
	fmt.Println(json.Valid(session), bytes.Contains(session, []byte(`"merchantSessionIdentifier"`)))
	// Output: true true
}
