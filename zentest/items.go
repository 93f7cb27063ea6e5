package zentest

import (
	"encoding/json"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/types"
)

// item is an order line as the fake keeps and writes it: money as strings,
// quantity as a JSON number that may have a fraction (ZEN documents item
// quantity as a number ≥ 1, not only an integer).
type item struct {
	Code            string         `json:"code,omitempty"`
	Category        string         `json:"category,omitempty"`
	Type            types.ItemType `json:"type,omitempty"`
	Name            string         `json:"name"`
	Price           types.Amount   `json:"price"`
	Quantity        json.Number    `json:"quantity"`
	LineAmountTotal types.Amount   `json:"lineAmountTotal"`
}

// setItems puts the lines on a transaction. types.Item holds an integer
// quantity, so lines with a fractional one are written as ZEN would echo
// them through Transaction.Extra["items"] instead (the answer's JSON is the
// same either way).
func setItems(t *types.Transaction, lines []item) {
	t.Items = nil
	if len(lines) == 0 {
		return
	}
	typed := make([]types.Item, 0, len(lines))
	for _, l := range lines {
		q, err := l.Quantity.Int64()
		if err != nil {
			raw, _ := json.Marshal(lines)
			extra := make(map[string]json.RawMessage, len(t.Extra)+1)
			for k, v := range t.Extra {
				extra[k] = v
			}
			extra["items"] = raw
			t.Extra = extra
			return
		}
		typed = append(typed, types.Item{Code: l.Code, Category: l.Category, Type: l.Type, Name: l.Name,
			Price: l.Price, Quantity: q, LineAmountTotal: l.LineAmountTotal})
	}
	t.Items = typed
}

// lineTotalMatches reports whether total is price × quantity: exactly, or
// rounded half away from zero to the decimals written in price or total, whichever are
// more (a fractional quantity makes more decimals than money has).
func lineTotalMatches(price types.Amount, quantity decimal.Decimal, total types.Amount) bool {
	product := price.Decimal().Mul(quantity)
	if product.Equal(total.Decimal()) {
		return true
	}
	places := max(price.Scale(), total.Scale())
	return product.Round(places).Equal(total.Decimal())
}
