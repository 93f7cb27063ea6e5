// Command payout shows sending money to a customer's card: a payout is
// created, captured to ACCEPTED when the terminal leaves that to the
// merchant (tx.Can().Capture; some terminals capture at once), read back
// by the shop's own id, and a declined payout is told apart from a failed
// call with tx.Err().
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
	payout := func(mtid, amount string) (*types.Transaction, error) {
		return env.Client.Payouts.Create(ctx, &zen.PayoutCreateRequest{
			MerchantTransactionID: mtid,
			PaymentChannel:        types.ChannelCard,
			Amount:                types.MustAmount(amount),
			Currency:              "EUR",
			CustomIPNURL:          ipn.URL,
			Customer:              exenv.Buyer(),
			// ZEN's payout page lists items and billingAddress as required.
			Items: []types.Item{types.NewItem("Marketplace earnings", types.MustAmount(amount), 1)},
			BillingAddress: &types.Address{
				FirstName: "Ada", LastName: "Lovelace", Country: "GB", City: "London",
				Street: "St James's Square", BuildingNumber: "12", Postcode: "SW1Y 4JH",
			},
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
		tx, err = env.Client.Payouts.Capture(ctx, &zen.PayoutCaptureRequest{TransactionID: tx.ID, MerchantTransactionID: mtid})
		if err != nil {
			return fmt.Errorf("capture payout: %w", err)
		}
		fmt.Println("2. Payout captured: ", exenv.Tx(tx))
		if err := ipn.Print(ctx, mtid); err != nil {
			return err
		}
	} else {
		fmt.Printf("2. Nothing to capture: the payout is %s and ZEN finishes it by itself\n", tx.Status)
		if tx.Status.IsFinal() {
			if err := ipn.Print(ctx, mtid); err != nil {
				return err
			}
		}
	}

	got, err := env.Client.Payouts.GetByMerchantTransactionID(ctx, mtid)
	if err != nil {
		return fmt.Errorf("get payout: %w", err)
	}
	fmt.Println("3. Read back by merchantTransactionId:", exenv.Tx(got))

	// The fake declines an amount ending in .99 (a real ZEN decides for
	// itself). A decline is a 200 answer with status REJECTED: the call
	// worked, the payout did not.
	declinedID := exenv.MerchantID("payout-declined")
	declined, err := payout(declinedID, "10.99")
	if err != nil {
		return fmt.Errorf("create payout: %w", err)
	}
	fmt.Println("4. Payout of 10.99 (the fake declines it):", exenv.Tx(declined))
	var reject *zen.RejectError
	switch {
	case errors.As(declined.Err(), &reject):
		fmt.Printf("   declined: code %s (%s), reason %q; errors.Is(err, zen.ErrDeclined) = %t\n",
			reject.Code, reject.Description(), reject.Reason, errors.Is(declined.Err(), zen.ErrDeclined))
	case env.Fake != nil:
		return fmt.Errorf("the fake should have declined %s", declined.Amount)
	case declined.Can().Cancel:
		got, err := env.Client.Payouts.Cancel(ctx, &zen.PayoutCancelRequest{TransactionID: declined.ID, MerchantTransactionID: declinedID})
		if err != nil {
			return fmt.Errorf("cancel payout: %w", err)
		}
		fmt.Println("   ZEN did not decline it; canceled instead:", exenv.Tx(got))
	default:
		fmt.Println("   ZEN did not decline it:", declined.Status)
	}
	return nil
}
