package zen

import (
	"context"

	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// RefundCreateRequest refunds an accepted purchase, fully or in part.
// TransactionID is the purchase's ZEN id; MerchantTransactionID is a NEW id
// for the refund itself (unique per shop, like a purchase's). Currency must
// be the purchase's.
type RefundCreateRequest struct {
	TransactionID               string        `json:"transactionId"`
	MerchantTransactionID       string        `json:"merchantTransactionId"`
	Amount                      types.Amount  `json:"amount"`
	Currency                    string        `json:"currency"`
	Comment                     string        `json:"comment,omitempty"`
	OriginMerchantTransactionID string        `json:"originMerchantTransactionId,omitempty"`
	Source                      *types.Source `json:"source,omitempty"`
}

// Validate checks the purchase id (UUID), the refund's
// merchantTransactionId (^[a-zA-Z0-9?&:\-\/=.,#]+$, narrower than a
// purchase's), amount, currency, comment length and source.
func (r *RefundCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.UUID("transactionId", r.TransactionID, true)
	// A refund's merchantTransactionId has a narrower pattern than a
	// purchase's: ZEN's OpenAPI file, refund request.
	if v.Len("merchantTransactionId", r.MerchantTransactionID, 1, 128) {
		v.Match("merchantTransactionId", r.MerchantTransactionID, validate.RefundMerchantTransactionID)
	}
	v.MaxLen("comment", r.Comment, maxComment)
	checkMoney(v, r.Amount, r.Currency)
	v.MerchantTransactionID("originMerchantTransactionId", r.OriginMerchantTransactionID, false)
	checkSource(v.At("source"), r.Source)
	return v.Err()
}

// Create refunds a purchase and returns the refund transaction (Type
// TRT_REFUND, ParentTransactionID the purchase's id). A declined refund is
// Status REJECTED: check tx.Err() as well as err. It moves money: see the
// package doc for its three outcomes.
//
// ZEN API: POST /v1/transactions/refund (path confirmed)
func (s *RefundService) Create(ctx context.Context, req *RefundCreateRequest) (*types.Transaction, error) {
	if req == nil {
		return nil, errMissingRequest()
	}
	return callMoney(ctx, s.client, epRefundCreate, args{body: req}, createReadBack(createCheck{
		typ: types.TypeRefund, mtid: req.MerchantTransactionID, parent: req.TransactionID,
		amount: req.Amount, currency: req.Currency,
	}))
}
