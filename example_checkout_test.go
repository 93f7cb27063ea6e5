package zen_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExampleCheckoutSignature() {
	body := []byte(`{"terminalUuid":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","amount":"10.00","currency":"EUR",
		"merchantTransactionId":"order-42","items":[{"name":"T-shirt","price":"10.00","quantity":1,"lineAmountTotal":"10.00"}]}`)
	// The signed text is the flattened, lowercased, sorted body plus the secret:
	// amount=10.00&currency=eur&items[0].lineamounttotal=10.00&items[0].name=t-shirt&items[0].price=10.00
	// &items[0].quantity=1&merchanttransactionid=order-42&terminaluuid=3f2504e0-4f89-41d3-9a0c-0305e82c3301paywall-secret
	sig, err := zen.CheckoutSignature(body, "paywall-secret")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sig)
	// Output:
	// a88c74fb135637e72f45099b0a0d8a2428925afea05f4403f36453cd2267266f;sha256
}

func ExampleCheckoutService_Create() {
	// The fake also serves the hosted checkout (secure.zen.com) and checks
	// the signature with its paywall secret.
	srv := zentest.NewServer()
	defer srv.Close()
	// In production: zen.NewClient(apiKey, zen.WithCheckout(terminalUUID, paywallSecret)).
	client := srv.Client()
	ctx := context.Background()

	checkout, err := client.Checkouts.Create(ctx, &zen.CheckoutCreateRequest{
		Amount:                types.MustAmount("10.00"),
		Currency:              "EUR",
		MerchantTransactionID: "order-42",
		Customer:              &types.TransactionCustomer{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"},
		Items:                 []types.Item{types.NewItem("T-shirt", types.MustAmount("10.00"), 1)},
		URLSuccess:            "https://shop.example/thanks",
		URLFailure:            "https://shop.example/cart",
	})
	if err != nil {
		log.Fatal(err)
	}
	// Send the buyer to checkout.RedirectURL. Here a browser that does not
	// follow redirects presses the fake page's Pay button.
	fmt.Println(strings.HasPrefix(checkout.RedirectURL, srv.CheckoutURL+"/"))
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Post(checkout.RedirectURL+"/pay", "application/x-www-form-urlencoded", nil)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println("buyer sent to:", resp.Header.Get("Location"))

	// The IPN tells the shop; the transaction can also be looked up.
	tx, err := client.Purchases.GetByMerchantTransactionID(ctx, "order-42")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, tx.Amount, tx.Currency)
	// Output:
	// true
	// buyer sent to: https://shop.example/thanks
	// ACCEPTED 10.00 EUR
}
