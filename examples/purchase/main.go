// Command purchase shows a card purchase from authorization to refund:
// authorize an order, capture less than was authorized because an item is
// out of stock, refund part of it, see a refund larger than what is left
// refused by ZEN, read the purchase back by the shop's own id, cancel an
// authorization that will never ship, and tell an unknown transaction
// apart with errors.Is(err, zen.ErrNotFound).
//
//	go run ./examples/purchase
package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func main() { exenv.Main(run) }

func run(ctx context.Context, env *exenv.Env) error {
	purchases := env.Client.Purchases
	order := exenv.MerchantID("order")
	tx, err := purchases.Create(ctx, exenv.CardPurchase(order, zentest.CardApproved, "EUR", "",
		types.NewItem("Espresso machine", types.MustAmount("129.00"), 1),
		types.NewItem("Milk jug", types.MustAmount("21.00"), 1)))
	if err != nil {
		return fmt.Errorf("purchase: %w", err)
	}
	if err := tx.Err(); err != nil {
		return fmt.Errorf("purchase declined: %w", err)
	}
	fmt.Println("1. Authorized:        ", exenv.Tx(tx))

	// The milk jug is out of stock: capture only the machine. The rest of
	// the authorization is released.
	if !tx.Can().Capture {
		return fmt.Errorf("purchase %s cannot be captured in status %s", tx.ID, tx.Status)
	}
	tx, err = purchases.Capture(ctx, &zen.CaptureRequest{
		TransactionID: tx.ID, MerchantTransactionID: order,
		Amount: types.MustAmount("129.00"), Currency: "EUR", Comment: "milk jug out of stock",
	})
	if err != nil {
		return fmt.Errorf("capture: %w", err)
	}
	fmt.Println("2. Captured in part:  ", exenv.Tx(tx))

	refund := func(n int, amount string) (*zen.Transaction, error) {
		return env.Client.Refunds.Create(ctx, &zen.RefundRequest{
			TransactionID: tx.ID, MerchantTransactionID: fmt.Sprintf("%s-r%d", order, n),
			Amount: types.MustAmount(amount), Currency: "EUR", Comment: "goodwill discount",
		})
	}
	r, err := refund(1, "29.00")
	if err != nil {
		return fmt.Errorf("refund: %w", err)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("refund declined: %w", err)
	}
	fmt.Println("3. Refunded in part:  ", exenv.Tx(r))

	// More than what is left (100.00) is refused with 400 before anything
	// is refunded: a *zen.APIError that matches zen.ErrValidation.
	_, err = refund(2, "150.00")
	var apiErr *zen.APIError
	switch {
	case errors.As(err, &apiErr) && errors.Is(err, zen.ErrValidation):
		fmt.Printf("4. Refund of 150.00 refused: HTTP %d, %s\n", apiErr.StatusCode, apiErr.Message)
	case err != nil:
		return fmt.Errorf("refund: %w", err)
	default:
		return errors.New("a refund larger than the captured amount was accepted")
	}

	got, err := purchases.GetByMerchantTransactionID(ctx, order)
	if err != nil {
		return fmt.Errorf("get purchase: %w", err)
	}
	fmt.Println("5. Read back by merchantTransactionId:", exenv.Tx(got))
	for _, r := range got.Refunds {
		fmt.Printf("   refunds[]: %s %s %s  merchantTransactionId=%s\n", r.Status, r.Amount, r.Currency, r.MerchantTransactionID)
	}
	fmt.Printf("   %s of %s %s refunded\n", got.RefundedAmount(), got.Amount, got.Currency)

	// An order the buyer abandons before shipping: cancel the
	// authorization instead of capturing it.
	abandoned := exenv.MerchantID("order")
	tx, err = purchases.Create(ctx, exenv.CardPurchase(abandoned, zentest.CardApproved, "EUR", "",
		types.NewItem("Grinder", types.MustAmount("89.00"), 1)))
	if err != nil {
		return fmt.Errorf("purchase: %w", err)
	}
	if err := tx.Err(); err != nil {
		return fmt.Errorf("purchase declined: %w", err)
	}
	tx, err = purchases.Cancel(ctx, &zen.CancelRequest{TransactionID: tx.ID, MerchantTransactionID: abandoned})
	if err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	fmt.Println("6. Authorization canceled:", exenv.Tx(tx))

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, err = purchases.Get(ctx, unknown)
	if !errors.Is(err, zen.ErrNotFound) {
		return fmt.Errorf("get unknown purchase: want zen.ErrNotFound, got %v", err)
	}
	fmt.Println("7. Unknown id", unknown+": errors.Is(err, zen.ErrNotFound) is true")
	return nil
}
