// Command checkout shows a hosted checkout with an IPN receiver: the shop
// creates a signed checkout session, sends the buyer to its redirectUrl,
// and finalizes the order only when a verified notification says ACCEPTED.
//
// Against the embedded fake the program also plays the buyer, paying on
// the fake's payment page (zentest's PayCheckout). Against real ZEN (ZEN_API_URL, ZEN_API_KEY,
// ZEN_TERMINAL_UUID, ZEN_PAYWALL_SECRET, and ZEN_IPN_URL with
// ZEN_IPN_SECRET for the notification) it prints the URL to open in a
// browser and waits a bounded time for the notification.
//
//	go run ./examples/checkout
package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
)

func main() { exenv.Main(run) }

func run(ctx context.Context, env *exenv.Env) error {
	if !env.Checkout {
		return errors.New("hosted checkout needs " + exenv.EnvTerminalUUID + " and " + exenv.EnvPaywallSecret + " (from the ZEN panel)")
	}
	ipn, err := env.IPNReceiver()
	if err != nil {
		return err
	}
	fmt.Println("1. IPN receiver for customIpnUrl:", ipn)

	order := exenv.MerchantID("checkout")
	req := &zen.CheckoutCreateRequest{
		Amount:                types.MustAmount("49.90"),
		Currency:              "EUR",
		MerchantTransactionID: order,
		Customer:              exenv.Buyer(),
		Items:                 []types.Item{types.NewItem("Coffee beans 1kg", types.MustAmount("24.95"), 2)},
		URLSuccess:            "https://shop.example/thanks?order=" + order,
		URLFailure:            "https://shop.example/cart?order=" + order,
		CustomIPNURL:          ipn.URL,
	}
	checkout, err := env.Client.Checkouts.Create(ctx, req)
	if err != nil {
		return fmt.Errorf("create checkout: %w", err)
	}
	fmt.Printf("2. Hosted checkout created for %s %s, merchantTransactionId %s\n", req.Amount, req.Currency, order)
	fmt.Println("   send the buyer to:", checkout.RedirectURL)

	if env.Fake == nil {
		fmt.Println("3. Open that URL in a browser and pay; waiting for ZEN's notification")
		n, err := ipn.Wait(ctx, order)
		switch {
		case errors.Is(err, exenv.ErrNoReceiver):
			fmt.Println("   not waiting:", err)
			return nil
		case errors.Is(err, context.DeadlineExceeded):
			fmt.Println("   no payment yet; the checkout stays open:", err)
			return nil
		case err != nil:
			return err
		}
		return finish(n)
	}

	paid, err := env.Fake.PayCheckout(checkout.RedirectURL)
	if err != nil {
		return fmt.Errorf("buyer: %w", err)
	}
	fmt.Printf("3. The buyer paid on the fake's page (ZEN then sends them to urlSuccess): %s\n", exenv.Tx(&paid))
	n, err := ipn.Wait(ctx, order)
	if err != nil {
		return err
	}
	return finish(n)
}

// finish is what a shop does with the notification: trust only the signed
// status, and ship only on ACCEPTED.
func finish(n *zen.Notification) error {
	fmt.Println("4. IPN received and verified:", exenv.Notification(n))
	if err := n.RejectError(); err != nil {
		return fmt.Errorf("payment declined: %w", err)
	}
	if n.Status != types.StatusAccepted {
		return fmt.Errorf("payment not finished: status %s", n.Status)
	}
	fmt.Println("5. Order", n.MerchantTransactionID, "is paid: ship it")
	return nil
}
