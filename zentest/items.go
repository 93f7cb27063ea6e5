package zentest

import "github.com/zen-go/zen/types"

// item is an order line as the fake keeps it: money as strings, quantity
// as a number that may have a fraction (ZEN documents item quantity as a
// number ≥ 1, not only an integer).
type item struct {
	Code            string         `json:"code,omitempty"`
	Category        string         `json:"category,omitempty"`
	Type            types.ItemType `json:"type,omitempty"`
	Name            string         `json:"name"`
	Price           types.Amount   `json:"price"`
	Quantity        types.Quantity `json:"quantity"`
	LineAmountTotal types.Amount   `json:"lineAmountTotal"`
}

// setItems puts the lines on a transaction.
func setItems(t *types.Transaction, lines []item) {
	t.Items = nil
	for _, l := range lines {
		t.Items = append(t.Items, types.Item{Code: l.Code, Category: l.Category, Type: l.Type, Name: l.Name,
			Price: l.Price, Quantity: l.Quantity, LineAmountTotal: l.LineAmountTotal})
	}
}
