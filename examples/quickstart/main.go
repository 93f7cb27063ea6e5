// Command quickstart runs a whole ZEN payment flow and prints each step:
// the terminal's payment methods, a card purchase that is captured (at
// once by the terminal, or by the program when the terminal only
// authorizes) and partly refunded, the purchase read back with its
// refunds, a card the fake declines, and the verified notifications (IPN)
// ZEN sends for them. Each step prints what ZEN answered, and branches on
// the transaction's actions (tx.Can()) rather than assuming a terminal's
// settings.
//
// With no ZEN_API_URL and ZEN_API_KEY it needs no credentials and no
// network: it starts the embedded fake ZEN (package zentest) and says so
// (ZEN_FAKE_CAPTURE=auto makes the fake capture at once).
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func main() { exenv.Main(run) }

func run(ctx context.Context, env *exenv.Env) error {
	purchases := env.Client.Purchases

	// 1. What the terminal accepts.
	fmt.Println("1. Payment methods for a 50.00 EUR purchase (GET /v3/terminals):")
	params := zen.PaymentMethodListParams{TransactionType: types.TypePurchase, Amount: types.MustAmount("50.00"), Currency: "EUR"}
	for m, err := range env.Client.PaymentMethods.All(ctx, params) {
		if err != nil {
			return fmt.Errorf("payment methods: %w", err)
		}
		var channels []string
		for _, ch := range m.PaymentChannels {
			channels = append(channels, string(ch.PaymentChannel))
		}
		fmt.Printf("   %-9s %s\n", m.PaymentMethod, strings.Join(channels, ", "))
	}

	// 2. Where ZEN's notifications go: a local HTTP server that verifies
	// each one's hash with the IPN secret (zen.NewIPNHandler).
	ipn, err := env.IPNReceiver()
	if err != nil {
		return err
	}
	fmt.Println("2. IPN receiver (sent as customIpnUrl):", ipn)

	// 3. A card purchase. A terminal set to capture at once answers
	// ACCEPTED; one that captures later answers AUTHORIZED (nothing charged
	// yet); 3-D Secure may leave it PENDING until the buyer authenticates.
	order := exenv.MerchantID("order")
	req := exenv.CardPurchase(order, zentest.CardApproved, "EUR", ipn.URL,
		types.NewItem("Headphones", types.MustAmount("35.00"), 1),
		types.NewItem("Cable", types.MustAmount("7.50"), 2))
	tx, err := purchases.Create(ctx, req)
	if err != nil {
		return fmt.Errorf("purchase: %w", err) // not processed: validation, HTTP or network error
	}
	if err := tx.Err(); err != nil {
		return fmt.Errorf("purchase declined: %w", err) // processed and REJECTED
	}
	fmt.Println("3. Card purchase: ", exenv.Tx(tx))

	// 4. Capture when the terminal left it to us: the goods are shipped,
	// take the money.
	switch {
	case tx.Can().Capture:
		tx, err = purchases.Capture(ctx, &zen.PurchaseCaptureRequest{TransactionID: tx.ID, MerchantTransactionID: order, Amount: tx.Amount, Currency: tx.Currency})
		if err != nil {
			return fmt.Errorf("capture: %w", err)
		}
		fmt.Println("4. Captured:      ", exenv.Tx(tx))
	case tx.Status == types.StatusAccepted:
		fmt.Println("4. Nothing to capture: the terminal captured the payment at once")
	default:
		fmt.Printf("4. The purchase is %s and cannot be captured yet", tx.Status)
		if tx.Can().Redirect && tx.MerchantAction != nil {
			fmt.Printf(": the buyer must finish at %s", tx.MerchantAction.RedirectURL)
		}
		fmt.Println("; stopping here")
		return nil
	}
	if err := ipn.Print(ctx, order); err != nil {
		return err
	}

	// 5. The buyer sends the cables back: refund part of the purchase.
	refundID := order + "-r1"
	refund, err := env.Client.Refunds.Create(ctx, &zen.RefundCreateRequest{
		TransactionID: tx.ID, MerchantTransactionID: refundID,
		Amount: types.MustAmount("15.00"), Currency: "EUR", Comment: "2 cables returned",
	})
	if err != nil {
		return fmt.Errorf("refund: %w", err)
	}
	if err := refund.Err(); err != nil {
		return fmt.Errorf("refund declined: %w", err)
	}
	fmt.Println("5. Partial refund:", exenv.Tx(refund))
	if err := ipn.Print(ctx, refundID); err != nil {
		return err
	}

	// 6. The purchase now lists its refund.
	tx, err = purchases.Get(ctx, tx.ID)
	if err != nil {
		return fmt.Errorf("get purchase: %w", err)
	}
	fmt.Println("6. Read back:     ", exenv.Tx(tx))
	for _, r := range tx.Refunds {
		fmt.Printf("   refunds[]: %s %s %s  id=%s\n", r.Status, r.Amount, r.Currency, r.ID)
	}
	fmt.Printf("   refunded %s of %s %s; can refund more: %t\n", tx.RefundedAmount(), tx.Amount, tx.Currency, tx.Can().Refund)

	// 7. A declined card is not an error of the call: ZEN answers with a
	// REJECTED transaction, and tx.Err() turns it into a *zen.RejectError
	// whose code ZEN's catalogue explains. The card number is the fake's
	// "declined" card; a real ZEN decides about it like about any other.
	declinedID := exenv.MerchantID("order-declined")
	tx, err = purchases.Create(ctx, exenv.CardPurchase(declinedID, zentest.CardDeclined, "EUR", ipn.URL,
		types.NewItem("Headphones", types.MustAmount("35.00"), 1)))
	if err != nil {
		return fmt.Errorf("purchase: %w", err)
	}
	fmt.Printf("7. Card %s (the fake declines it): %s\n", zentest.CardDeclined, exenv.Tx(tx))
	var rejected *zen.RejectError
	switch {
	case errors.As(tx.Err(), &rejected):
		fmt.Printf("   tx.Err(): *zen.RejectError code %s (%s), category %s; errors.Is(err, zen.ErrDeclined) = %t\n",
			rejected.Code, describeCode(rejected), rejected.Category(), errors.Is(tx.Err(), zen.ErrDeclined))
		if err := ipn.Print(ctx, declinedID); err != nil {
			return err
		}
	case env.Fake != nil:
		return fmt.Errorf("the fake should have declined card %s", zentest.CardDeclined)
	default:
		fmt.Println("   ZEN did not decline this card:", tx.Status)
		if err := undo(ctx, env, tx); err != nil {
			return err
		}
	}

	fmt.Println("Done.")
	return nil
}

// describeCode is the catalogue description of a reject code, or says the
// code is not in the SDK's copy of ZEN's catalogue.
func describeCode(e *zen.RejectError) string {
	if d := e.Description(); d != "" {
		return d
	}
	return "not in the SDK's copy of ZEN's catalogue; reason: " + e.Reason
}

// undo releases a purchase the example did not mean to keep: it cancels it
// while ZEN allows that, else refunds what is left of it.
func undo(ctx context.Context, env *exenv.Env, tx *types.Transaction) error {
	switch {
	case tx.Can().Cancel:
		got, err := env.Client.Purchases.Cancel(ctx, &zen.PurchaseCancelRequest{TransactionID: tx.ID, MerchantTransactionID: tx.MerchantTransactionID})
		if err != nil {
			return fmt.Errorf("cancel: %w", err)
		}
		fmt.Println("   canceled:", exenv.Tx(got))
	case tx.Can().Refund:
		r, err := env.Client.Refunds.Create(ctx, &zen.RefundCreateRequest{
			TransactionID: tx.ID, MerchantTransactionID: tx.MerchantTransactionID + "-undo",
			Amount: tx.Amount.Sub(tx.RefundedAmount()), Currency: tx.Currency, Comment: "example clean-up",
		})
		if err != nil {
			return fmt.Errorf("refund: %w", err)
		}
		fmt.Println("   refunded:", exenv.Tx(r))
	default:
		fmt.Println("   left as it is: ZEN allows neither cancel nor refund now")
	}
	return nil
}
