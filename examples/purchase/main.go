// Command purchase shows a card purchase from authorization to refund on
// any terminal: capture less than was authorized because an item is out of
// stock (or, on a terminal that captures at once, refund that item), refund
// part of it, see a refund larger than what is left refused by ZEN (as an
// HTTP error or as a REJECTED refund), read the purchase back by the shop's
// own id, release an order that will never ship (cancel while ZEN allows
// it, else refund), and tell an unknown transaction apart with
// errors.Is(err, zen.ErrNotFound). Every step branches on tx.Can().
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
	fmt.Println("1. Purchase:          ", exenv.Tx(tx))

	refunds := 0
	refund := func(amount, comment string) (*types.Transaction, error) {
		refunds++
		return env.Client.Refunds.Create(ctx, &zen.RefundCreateRequest{
			TransactionID: tx.ID, MerchantTransactionID: fmt.Sprintf("%s-r%d", order, refunds),
			Amount: types.MustAmount(amount), Currency: "EUR", Comment: comment,
		})
	}

	// The milk jug is out of stock: take only the machine's price. A
	// terminal that authorizes first lets us capture less; one that
	// captured the whole amount at once needs a refund for the jug.
	switch {
	case tx.Can().Capture:
		tx, err = purchases.Capture(ctx, &zen.PurchaseCaptureRequest{
			TransactionID: tx.ID, MerchantTransactionID: order,
			Amount: types.MustAmount("129.00"), Currency: "EUR", Comment: "milk jug out of stock",
		})
		if err != nil {
			return fmt.Errorf("capture: %w", err)
		}
		fmt.Println("2. Captured in part:  ", exenv.Tx(tx))
	case tx.Status == types.StatusAccepted:
		jug, err := refund("21.00", "milk jug out of stock")
		if err != nil {
			return fmt.Errorf("refund: %w", err)
		}
		if err := jug.Err(); err != nil {
			return fmt.Errorf("refund declined: %w", err)
		}
		fmt.Println("2. Captured at once by the terminal; milk jug refunded:", exenv.Tx(jug))
	default:
		fmt.Printf("2. The purchase is %s and cannot be captured yet", tx.Status)
		if tx.Can().Redirect && tx.MerchantAction != nil {
			fmt.Printf(": the buyer must finish at %s", tx.MerchantAction.RedirectURL)
		}
		fmt.Println("; stopping here")
		return nil
	}

	r, err := refund("29.00", "goodwill discount")
	if err != nil {
		return fmt.Errorf("refund: %w", err)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("refund declined: %w", err)
	}
	fmt.Println("3. Refunded in part:  ", exenv.Tx(r))

	// More than what is left (100.00) is refused before anything is
	// refunded: ZEN may answer 400 (a *zen.APIError matching
	// zen.ErrValidation) or 2xx with a REJECTED refund (tx.Err() is a
	// *zen.RejectError). Both mean the same to the shop.
	big, err := refund("150.00", "goodwill discount")
	var apiErr *zen.APIError
	var rejected *zen.RejectError
	switch {
	case errors.As(err, &apiErr) && errors.Is(err, zen.ErrValidation):
		fmt.Printf("4. Refund of 150.00 refused: HTTP %d, %s\n", apiErr.StatusCode, apiErr.Message)
	case err != nil:
		return fmt.Errorf("refund: %w", err)
	case errors.As(big.Err(), &rejected):
		fmt.Printf("4. Refund of 150.00 refused: REJECTED, code %s %s\n", rejected.Code, rejected.Reason)
	default:
		return fmt.Errorf("a refund larger than what is left was not refused: %s", exenv.Tx(big))
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
	// authorization while ZEN allows it; once captured, refund it in full.
	abandoned := exenv.MerchantID("order")
	tx, err = purchases.Create(ctx, exenv.CardPurchase(abandoned, zentest.CardApproved, "EUR", "",
		types.NewItem("Grinder", types.MustAmount("89.00"), 1)))
	if err != nil {
		return fmt.Errorf("purchase: %w", err)
	}
	if err := tx.Err(); err != nil {
		return fmt.Errorf("purchase declined: %w", err)
	}
	switch {
	case tx.Can().Cancel:
		tx, err = purchases.Cancel(ctx, &zen.PurchaseCancelRequest{TransactionID: tx.ID, MerchantTransactionID: abandoned})
		if err != nil {
			return fmt.Errorf("cancel: %w", err)
		}
		fmt.Println("6. Abandoned order canceled:", exenv.Tx(tx))
	case tx.Can().Refund:
		r, err := env.Client.Refunds.Create(ctx, &zen.RefundCreateRequest{
			TransactionID: tx.ID, MerchantTransactionID: abandoned + "-r1",
			Amount: tx.Amount, Currency: tx.Currency, Comment: "order abandoned",
		})
		if err != nil {
			return fmt.Errorf("refund: %w", err)
		}
		if err := r.Err(); err != nil {
			return fmt.Errorf("refund declined: %w", err)
		}
		fmt.Println("6. Abandoned order was captured at once; refunded in full:", exenv.Tx(r))
	default:
		fmt.Printf("6. Abandoned order is %s: ZEN allows neither cancel nor refund now\n", tx.Status)
	}

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, err = purchases.Get(ctx, unknown)
	if !errors.Is(err, zen.ErrNotFound) {
		return fmt.Errorf("get unknown purchase: want zen.ErrNotFound, got %v", err)
	}
	fmt.Println("7. Unknown id", unknown+": errors.Is(err, zen.ErrNotFound) is true")
	return nil
}
