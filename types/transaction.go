package types

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
)

// Transaction is ZEN's transaction object, returned by every purchase,
// refund and payout call and carried by notifications. Optional nested
// objects are pointers (nil when ZEN did not send them). Members the SDK
// does not model are kept in the Extra of the object that holds them, at
// every level (merchantAction's data in Data), so re-encoding loses none of
// them; a value that drifted from ZEN's schema so far that it cannot be
// read is left unset and kept, raw, in that same Extra.
type Transaction struct {
	ID                          string                     `json:"id,omitempty"`
	ParentTransactionID         string                     `json:"parentTransactionId,omitempty"`
	RedirectURL                 string                     `json:"redirectUrl,omitempty"`
	ImageURL                    string                     `json:"imageUrl,omitempty"`
	MerchantAction              *MerchantAction            `json:"merchantAction,omitempty"`
	MerchantTransactionID       string                     `json:"merchantTransactionId"`
	OriginMerchantTransactionID string                     `json:"originMerchantTransactionId,omitempty"`
	Amount                      Amount                     `json:"amount"`
	Currency                    string                     `json:"currency"`
	Fee                         *Money                     `json:"fee,omitempty"`
	SubsidiaryData              *SubsidiaryData            `json:"subsidiaryData,omitempty"`
	Authorization               *AuthorizationInfo         `json:"authorization,omitempty"`
	CreatedAt                   time.Time                  `json:"createdAt"`
	ModifiedAt                  time.Time                  `json:"modifiedAt"`
	Type                        TransactionType            `json:"type"`
	Status                      TransactionStatus          `json:"status"`
	TopupTransferStatus         TopupTransferStatus        `json:"topupTransferStatus,omitempty"`
	PaymentChannel              PaymentChannel             `json:"paymentChannel,omitempty"`
	Actions                     *Actions                   `json:"actions,omitempty"`
	FraudFields                 map[string]any             `json:"fraudFields,omitempty"`
	RejectCode                  RejectCode                 `json:"rejectCode,omitempty"`
	RejectReason                string                     `json:"rejectReason,omitempty"`
	Refunds                     []RefundSummary            `json:"refunds,omitempty"`
	Meta                        *TransactionMeta           `json:"meta,omitempty"`
	Customer                    *TransactionCustomer       `json:"customer,omitempty"`
	CardInfo                    *CardInfo                  `json:"cardInfo,omitempty"`
	PaymentToken                string                     `json:"paymentToken,omitempty"`
	BillingAddress              *Address                   `json:"billingAddress,omitempty"`
	ShippingAddress             *Address                   `json:"shippingAddress,omitempty"`
	Items                       []Item                     `json:"items,omitempty"`
	VerifyReturnmac             string                     `json:"verifyReturnmac,omitempty"`
	Cashback                    *Cashback                  `json:"cashback,omitempty"`
	Source                      *Source                    `json:"source,omitempty"`
	Extra                       map[string]json.RawMessage `json:"-"`
}

type transactionFields Transaction

// MarshalJSON writes the modelled fields followed by Extra.
func (t Transaction) MarshalJSON() ([]byte, error) { return jsonx.Marshal(transactionFields(t)) }

// UnmarshalJSON reads the fields leniently (see the types package doc) and
// keeps unknown members in Extra, at every level.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*transactionFields)(t))
}

// JSONInline marks Transaction's JSON methods as the SDK engine's own.
func (*Transaction) JSONInline(jsonx.Inline) {}

// IsRejected reports whether ZEN declined the transaction.
func (t *Transaction) IsRejected() bool { return t != nil && t.Status == StatusRejected }

// RejectError returns the rejection as a *RejectError, or nil when the
// transaction is not REJECTED.
func (t *Transaction) RejectError() *RejectError {
	if !t.IsRejected() {
		return nil
	}
	return &RejectError{Code: t.RejectCode, Reason: t.RejectReason, TransactionID: t.ID, MerchantTransactionID: t.MerchantTransactionID}
}

// Err returns a *RejectError when the transaction is REJECTED and nil
// otherwise, so a caller can write `if err := tx.Err(); err != nil`.
func (t *Transaction) Err() error {
	if re := t.RejectError(); re != nil {
		return re
	}
	return nil
}

// Can reports the actions flags; a transaction without actions allows
// nothing.
func (t *Transaction) Can() Actions {
	if t == nil || t.Actions == nil {
		return Actions{}
	}
	return *t.Actions
}

// RefundedAmount returns the sum of the accepted and pending refunds listed
// on the transaction, written with the transaction amount's scale.
func (t *Transaction) RefundedAmount() Amount {
	total := AmountFromMinor(0, t.Amount.Scale())
	for _, r := range t.Refunds {
		if r.Status != StatusRejected && r.Status != StatusCanceled {
			total = total.Add(r.Amount)
		}
	}
	return total
}

// Actions are the operations ZEN currently allows on a transaction. Flags
// this SDK does not know yet are kept in Extra; Has reads any flag by name.
type Actions struct {
	Refund        bool                       `json:"refund"`
	Cancel        bool                       `json:"cancel"`
	Capture       bool                       `json:"capture"`
	Redirect      bool                       `json:"redirect"`
	Authorization bool                       `json:"authorization"`
	SelectOffer   bool                       `json:"selectOffer"`
	RenewOffers   bool                       `json:"renewOffers"`
	Extra         map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

// Has reports whether the flag named name (ZEN's member name, e.g.
// "refund" or a flag newer than this SDK) is true.
func (a Actions) Has(name string) bool {
	if raw, ok := a.Extra[name]; ok {
		return bytes.Equal(bytes.TrimSpace(raw), []byte("true"))
	}
	switch name {
	case "refund":
		return a.Refund
	case "cancel":
		return a.Cancel
	case "capture":
		return a.Capture
	case "redirect":
		return a.Redirect
	case "authorization":
		return a.Authorization
	case "selectOffer":
		return a.SelectOffer
	case "renewOffers":
		return a.RenewOffers
	}
	return false
}

// Flags returns every flag ZEN sent, by ZEN's member name: the modelled ones
// and, from Extra, those newer than this SDK whose value is a boolean.
func (a Actions) Flags() map[string]bool {
	flags := map[string]bool{
		"refund": a.Refund, "cancel": a.Cancel, "capture": a.Capture, "redirect": a.Redirect,
		"authorization": a.Authorization, "selectOffer": a.SelectOffer, "renewOffers": a.RenewOffers,
	}
	for name, raw := range a.Extra {
		switch string(bytes.TrimSpace(raw)) {
		case "true":
			flags[name] = true
		case "false":
			flags[name] = false
		default:
			delete(flags, name) // a modelled flag ZEN sent as something else
		}
	}
	return flags
}

type actionsFields Actions

// MarshalJSON writes the modelled fields followed by Extra.
func (a Actions) MarshalJSON() ([]byte, error) { return jsonx.Marshal(actionsFields(a)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (a *Actions) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*actionsFields)(a)) }

// JSONInline marks Actions's JSON methods as the SDK engine's own.
func (*Actions) JSONInline(jsonx.Inline) {}

// SubsidiaryData carries the fee and gross amounts for subsidiary
// settlements.
type SubsidiaryData struct {
	FeeAmount   Amount                     `json:"feeAmount"`
	GrossAmount Amount                     `json:"grossAmount"`
	Extra       map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type subsidiaryDataFields SubsidiaryData

// MarshalJSON writes the modelled fields followed by Extra.
func (s SubsidiaryData) MarshalJSON() ([]byte, error) { return jsonx.Marshal(subsidiaryDataFields(s)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (s *SubsidiaryData) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*subsidiaryDataFields)(s))
}

// JSONInline marks SubsidiaryData's JSON methods as the SDK engine's own.
func (*SubsidiaryData) JSONInline(jsonx.Inline) {}

// AuthorizationInfo is the authorization-fee / currency-conversion part of a
// transaction. ZEN's schema gives these as free strings (its example sends
// "string"), so they are kept as text; parse them with ParseAmount.
type AuthorizationInfo struct {
	Amount   string                     `json:"amount"`
	Currency string                     `json:"currency"`
	Fee      string                     `json:"fee,omitempty"`
	Extra    map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type authorizationInfoFields AuthorizationInfo

// MarshalJSON writes the modelled fields followed by Extra.
func (a AuthorizationInfo) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(authorizationInfoFields(a))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (a *AuthorizationInfo) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*authorizationInfoFields)(a))
}

// JSONInline marks AuthorizationInfo's JSON methods as the SDK engine's own.
func (*AuthorizationInfo) JSONInline(jsonx.Inline) {}

// RefundSummary is one refund listed on its parent transaction.
type RefundSummary struct {
	ID                          string                     `json:"id"`
	MerchantTransactionID       string                     `json:"merchantTransactionId"`
	OriginMerchantTransactionID string                     `json:"originMerchantTransactionId,omitempty"`
	Amount                      Amount                     `json:"amount"`
	Currency                    string                     `json:"currency"`
	CreatedAt                   *time.Time                 `json:"createdAt,omitempty"`
	Status                      TransactionStatus          `json:"status,omitempty"`
	Extra                       map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type refundSummaryFields RefundSummary

// MarshalJSON writes the modelled fields followed by Extra.
func (r RefundSummary) MarshalJSON() ([]byte, error) { return jsonx.Marshal(refundSummaryFields(r)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (r *RefundSummary) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*refundSummaryFields)(r))
}

// JSONInline marks RefundSummary's JSON methods as the SDK engine's own.
func (*RefundSummary) JSONInline(jsonx.Inline) {}
