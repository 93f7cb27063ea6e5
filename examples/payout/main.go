// Command payout shows sending money to a customer's card: a payout is
// created AUTHORIZED, captured to ACCEPTED (with its notification), read
// back by the shop's own id, and a declined payout is told apart from a
// failed call with tx.Err().
//
// Against the embedded fake any card token works; against real ZEN set
// ZEN_PAYOUT_CARD_TOKEN to a payout card added for the recipient.
//
//	go run ./examples/payout
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
)

func main() { exenv.Main(run) }

func run(ctx context.Context, env *exenv.Env) error {
	token := os.Getenv("ZEN_PAYOUT_CARD_TOKEN")
	if token == "" {
		if env.Fake == nil {
			return errors.New("set ZEN_PAYOUT_CARD_TOKEN to the id of a payout card added for the recipient")
		}
		token = "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d" // any token pays out on the fake
	}
	ipn, err := env.IPNReceiver()
	if err != nil {
		return err
	}
	payout := func(mtid, amount string) (*zen.Transaction, error) {
		return env.Client.Payouts.Create(ctx, &zen.CreatePayoutRequest{
			MerchantTransactionID: mtid,
			PaymentChannel:        types.ChannelCard,
			Amount:                types.MustAmount(amount),
			Currency:              "EUR",
			CustomIPNURL:          ipn.URL,
			Customer:              exenv.Buyer(),
			PaymentSpecificData: zen.CardPayoutData{
				CardToken: token,
				Recipient: zen.PayoutRecipient{FirstName: "Ada", LastName: "Lovelace"},
			},
		})
	}

	mtid := exenv.MerchantID("payout")
	tx, err := payout(mtid, "120.00")
	if err != nil {
		return fmt.Errorf("create payout: %w", err)
	}
	if err := tx.Err(); err != nil {
		return fmt.Errorf("payout declined: %w", err)
	}
	fmt.Println("1. Payout created:  ", exenv.Tx(tx))

	if tx.Can().Capture {
		tx, err = env.Client.Payouts.Capture(ctx, &zen.CapturePayoutRequest{TransactionID: tx.ID, MerchantTransactionID: mtid})
		if err != nil {
			return fmt.Errorf("capture payout: %w", err)
		}
		fmt.Println("2. Payout captured: ", exenv.Tx(tx))
		if err := ipn.Print(ctx, mtid); err != nil {
			return err
		}
	} else {
		fmt.Println("2. Nothing to capture: ZEN finishes this payout by itself")
	}

	got, err := env.Client.Payouts.GetByMerchantTransactionID(ctx, mtid)
	if err != nil {
		return fmt.Errorf("get payout: %w", err)
	}
	fmt.Println("3. Read back by merchantTransactionId:", exenv.Tx(got))

	// An amount ending in .99 is declined by the fake. ZEN answers 200 with
	// status REJECTED: the call worked, the payout did not.
	declined, err := payout(exenv.MerchantID("payout-declined"), "10.99")
	if err != nil {
		return fmt.Errorf("create payout: %w", err)
	}
	fmt.Println("4. Second payout:   ", exenv.Tx(declined))
	var reject *zen.RejectError
	if errors.As(declined.Err(), &reject) {
		fmt.Printf("   declined: code %s, reason %q\n", reject.Code, reject.Reason)
	} else if env.Fake != nil {
		return fmt.Errorf("the fake should have declined %s", declined.Amount)
	}
	return nil
}
