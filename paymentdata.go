package zen

import (
	"encoding/json"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
)

// PaymentSpecificData is the method-specific part of a purchase, renewal or
// payout request: a union discriminated by its "type" member. Use one of
// the variant types of this package, or RawPaymentData for a variant this
// SDK does not model yet.
type PaymentSpecificData interface {
	// PaymentDataType returns the "type" value sent to ZEN.
	PaymentDataType() string
	// checkPaymentData adds the variant's rule failures to v.
	checkPaymentData(v *validate.Checker)
}

// RawPaymentData sends a paymentSpecificData object exactly as given; it
// must contain a "type" member. Use it for variants this SDK lacks.
type RawPaymentData json.RawMessage

// PaymentDataType returns the "type" member of the raw object.
func (r RawPaymentData) PaymentDataType() string {
	var t struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(r, &t)
	return t.Type
}

func (r RawPaymentData) checkPaymentData(v *validate.Checker) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(r, &obj) != nil {
		v.Fail("", "must be a JSON object")
		return
	}
	if r.PaymentDataType() == "" {
		v.Fail("type", "is required")
	}
}

// MarshalJSON returns the raw object.
func (r RawPaymentData) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return json.RawMessage(r).MarshalJSON()
}

// marshalVariant encodes a variant's fields (a struct type without methods)
// with its "type" member added.
func marshalVariant(typ string, fields any) ([]byte, error) {
	return jsonx.MarshalExtra(fields, map[string]string{"type": typ})
}

// checkPaymentData validates a required union member under "paymentSpecificData".
func checkPaymentData(v *validate.Checker, d PaymentSpecificData, required bool) {
	if d == nil {
		if required {
			v.Fail("paymentSpecificData", "is required")
		}
		return
	}
	d.checkPaymentData(v.At("paymentSpecificData"))
}
