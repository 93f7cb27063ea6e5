package zentest

import (
	"encoding/json"
	"fmt"
	"net"
	"slices"
	"time"

	"github.com/zen-go/zen/types"
)

// email reads an e-mail address and checks it as the SDK does.
func (b *reqBody) email(name string, required bool) string {
	s, ok := b.str(name, required)
	if ok {
		b.v.Email(name, s, false)
	}
	return s
}

// amount reads a money value, which the API takes only as a JSON string
// (the hosted checkout also as a number; see reqBody.numbers).
func (b *reqBody) amount(name string, required, signed bool) types.Amount {
	r, ok := b.raw(name)
	if !ok {
		if required {
			b.fail(name, "is required")
		}
		return types.Amount{}
	}
	rule := types.AmountRule
	if signed {
		rule = types.SignedAmountRule
	}
	var s string
	switch {
	case r[0] == '"' && json.Unmarshal(r, &s) == nil:
	case b.numbers && isJSONNumber(r):
		s = string(r)
	case b.numbers:
		b.fail(name, "must be a JSON string or number; "+rule)
		return types.Amount{}
	default:
		b.fail(name, "must be a JSON string, not a number; "+rule)
		return types.Amount{}
	}
	a, err := types.ParseAmount(s)
	if err == nil && !signed {
		err = a.Validate()
	}
	if err != nil {
		b.fail(name, rule)
		return types.Amount{}
	}
	return a
}

// dateTime reads an RFC 3339 date-time string.
func (b *reqBody) dateTime(name string, required bool) time.Time {
	s, ok := b.str(name, required)
	if !ok {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		b.fail(name, "must be an RFC 3339 date-time")
	}
	return t
}

// customer reads a customer object: email required, and the members
// needed ("ip", "firstName", "lastName") too.
func (b *reqBody) customer(name string, required bool, needed ...string) *types.TransactionCustomer {
	o := b.object(name, required)
	if o == nil {
		return nil
	}
	need := func(member string) bool { return slices.Contains(needed, member) }
	c := &types.TransactionCustomer{
		ID:          o.text("id", false, 0, 64, nil),
		FirstName:   o.text("firstName", need("firstName"), 0, 128, nil),
		LastName:    o.text("lastName", need("lastName"), 0, 128, nil),
		Email:       o.email("email", true),
		Phone:       o.text("phone", false, 0, 64, nil),
		Information: o.text("information", false, 0, 128, nil),
		Country:     o.text("country", false, 0, 2, nil),
	}
	if ip, ok := o.str("ip", need("ip")); ok {
		if net.ParseIP(ip) == nil {
			o.fail("ip", "must be an IPv4 or IPv6 address")
		}
		c.IP = ip
	}
	return c
}

// items reads order lines and checks lineAmountTotal = price × quantity
// (types.LineTotalMatches, the SDK's own rule) and that they add up to total. quantity is a JSON
// number of at least 1, fractions allowed. Without lineRequired a missing
// lineAmountTotal is computed (payment-link items have only name, price
// and quantity).
func (b *reqBody) items(name string, required, lineRequired bool, total types.Amount) []item {
	list := b.array(name, required)
	if list == nil {
		return nil
	}
	var items []item
	sum, ok := types.AmountFromMinor(0, 0), true
	for _, o := range list {
		before := b.v.Err()
		it := item{
			Code:            o.text("code", false, 0, 64, nil),
			Category:        o.text("category", false, 0, 64, nil),
			Type:            types.ItemType(o.text("type", false, 0, 0, nil)),
			Name:            o.text("name", true, 1, 256, nil),
			Price:           o.amount("price", true, true),
			LineAmountTotal: o.amount("lineAmountTotal", lineRequired, true),
		}
		q, qok := o.quantity("quantity")
		if errCount(b.v.Err()) != errCount(before) || !qok {
			ok = false
			continue
		}
		it.Quantity = q
		if it.LineAmountTotal.IsZero() {
			it.LineAmountTotal = it.Price.MulQuantity(it.Quantity)
		}
		if !types.LineTotalMatches(it.Price, it.Quantity, it.LineAmountTotal) {
			o.fail("lineAmountTotal", "must equal price × quantity")
			ok = false
			continue
		}
		sum = sum.Add(it.LineAmountTotal)
		items = append(items, it)
	}
	if ok && len(list) > 0 && !total.IsZero() && !sum.Equal(total) {
		b.fail(name, fmt.Sprintf("lineAmountTotal values must add up to amount %s (they add up to %s)", total, sum))
	}
	return items
}

// quantity reads a required item quantity: a JSON number of at least 1,
// which may have a fraction (ZEN's spec: type number, minimum 1).
func (b *reqBody) quantity(name string) (types.Quantity, bool) {
	r, ok := b.raw(name)
	if !ok {
		b.fail(name, "is required")
		return types.Quantity{}, false
	}
	if !isJSONNumber(r) {
		b.fail(name, "must be a JSON number")
		return types.Quantity{}, false
	}
	q, err := types.ParseQuantity(string(r))
	if err != nil || q.Validate() != nil {
		b.fail(name, "must be at least 1")
		return types.Quantity{}, false
	}
	return q, true
}

// isJSONNumber reports whether a raw member is a JSON number.
func isJSONNumber(r json.RawMessage) bool {
	var n json.Number
	return len(r) > 0 && (r[0] == '-' || r[0] >= '0' && r[0] <= '9') && json.Unmarshal(r, &n) == nil
}

// source reads the optional source object of purchases, refunds and
// payouts: channel is required (ZEN defaults it only when source itself is
// absent), each member a string within ZEN's lengths.
func (b *reqBody) source(name string) *types.Source {
	o := b.object(name, false)
	if o == nil {
		return nil
	}
	return &types.Source{
		Channel:         types.SourceChannel(o.text("channel", true, 1, 32, nil)),
		PluginName:      o.text("pluginName", false, 0, 32, nil),
		PluginVersion:   o.text("pluginVersion", false, 0, 16, nil),
		PlatformName:    o.text("platformName", false, 0, 32, nil),
		PlatformVersion: o.text("platformVersion", false, 0, 16, nil),
		ProcessID:       o.text("processId", false, 0, 0, nil),
		ProcessName:     o.text("processName", false, 0, 0, nil),
	}
}

// authorization reads a purchase's optional authorization object (the
// outcome of the authorization-fee flow): amount and currency required,
// sessionId optional, and no other member.
func (b *reqBody) authorization(name string) {
	o := b.object(name, false)
	if o == nil {
		return
	}
	o.amount("amount", true, false)
	o.currency("currency", true)
	o.text("sessionId", false, 0, 128, nil)
	o.onlyKnown("amount", "currency", "sessionId")
}

// address reads a billing or shipping address with ZEN's field rules.
func (b *reqBody) address(name string) *types.Address {
	var a types.Address
	if !b.decode(name, &a) {
		return nil
	}
	b.v.At(name).Address(&a)
	return &a
}
