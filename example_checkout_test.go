package zen_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
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
	const paywallSecret = "paywall-secret-from-the-zen-panel"
	// A stand-in for secure.zen.com that checks the signature.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := zen.VerifyCheckoutSignature(body, paywallSecret); err != nil || r.URL.Path != "/api/checkouts" {
			http.Error(w, `{"message":"bad signature"}`, http.StatusBadRequest)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"redirectUrl": "https://secure.zen.com/4312a1c3-1a54-4e1f-b37c-0e2242986ce1"})
	}))
	defer srv.Close()

	client, err := zen.NewClient("api-key",
		zen.WithCheckout("3f2504e0-4f89-41d3-9a0c-0305e82c3301", paywallSecret),
		zen.WithCheckoutURL(srv.URL)) // omit in production: https://secure.zen.com
	if err != nil {
		fmt.Println(err)
		return
	}
	checkout, err := client.Checkouts.Create(context.Background(), &zen.CheckoutRequest{
		Amount:                types.MustAmount("10.00"),
		Currency:              "EUR",
		MerchantTransactionID: "order-42",
		Customer:              &types.Customer{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"},
		Items:                 []types.Item{types.NewItem("T-shirt", types.MustAmount("10.00"), 1)},
		URLSuccess:            "https://shop.example/thanks",
		URLFailure:            "https://shop.example/cart",
		CustomIPNURL:          "https://shop.example/zen/ipn",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(checkout.RedirectURL)
	// Output:
	// https://secure.zen.com/4312a1c3-1a54-4e1f-b37c-0e2242986ce1
}
