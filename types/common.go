package types

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
)

// FlexString is a string field that ZEN sometimes sends as a JSON number
// (cardInfo.bin and lastFourDigits in ZEN's own example). It decodes both and
// encodes as a JSON string, which is what the schema declares.
type FlexString string

// UnmarshalJSON accepts a JSON string, a JSON number or null.
func (f *FlexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		s, err := stringText(b)
		if err != nil {
			return err
		}
		*f = FlexString(s)
		return nil
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("zen: want string or number, got %.32s", b)
		}
		*f = FlexString(n.String())
		return nil
	}
}

// JSONInline tells the SDK's JSON engine that it may read a FlexString as
// a string field (its drift rules accept numbers the same way).
func (*FlexString) JSONInline(jsonx.Inline) {}

// Date is a calendar date sent as "YYYY-MM-DD".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// String returns the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == (Date{}) {
		return ""
	}
	return string(d.appendText(make([]byte, 0, 10)))
}

// appendText appends YYYY-MM-DD (years outside 0..9999 as fmt's %04d would).
func (d Date) appendText(b []byte) []byte {
	if d.Year < 0 || d.Year > 9999 {
		return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	y, m, day := d.Year, int(d.Month), d.Day
	if m < 0 || m > 99 || day < 0 || day > 99 {
		return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == (Date{}) }

// MarshalJSON writes "YYYY-MM-DD", or null when unset.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b := append(make([]byte, 0, 12), '"')
	return append(d.appendText(b), '"'), nil
}

// UnmarshalJSON reads "YYYY-MM-DD"; a full RFC 3339 time keeps only its date.
// null and "" leave the Date unset, so a server that sends an empty string
// for "no date" does not fail the whole object.
func (d *Date) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil || s == "" {
		*d = Date{}
		return err
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return fmt.Errorf("zen: invalid date %q", s)
		}
	}
	*d = Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	return nil
}

// Money is an amount together with its ISO 4217 currency.
type Money struct {
	Amount   Amount                     `json:"amount"`
	Currency string                     `json:"currency"`
	Extra    map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type moneyFields Money

// MarshalJSON writes the modelled fields followed by Extra.
func (m Money) MarshalJSON() ([]byte, error) { return jsonx.Marshal(moneyFields(m)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (m *Money) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*moneyFields)(m)) }

// JSONInline marks Money's JSON methods as the SDK engine's own.
func (*Money) JSONInline(jsonx.Inline) {}

// TransactionCustomer is the buyer (or, for payouts, the sender) of a transaction. On
// requests Email is required by ZEN (a plain ASCII address such as
// name@example.com, at most 256 characters) and IP is required for
// purchases; ID should be the merchant's UUID for the customer when cards
// are saved.
type TransactionCustomer struct {
	ID          string                     `json:"id,omitempty"`
	FirstName   string                     `json:"firstName,omitempty"`
	LastName    string                     `json:"lastName,omitempty"`
	Email       string                     `json:"email,omitempty"`
	Phone       string                     `json:"phone,omitempty"`
	Information string                     `json:"information,omitempty"`
	IP          string                     `json:"ip,omitempty"`
	Country     string                     `json:"country,omitempty"`
	Extra       map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type customerFields TransactionCustomer

// MarshalJSON writes the modelled fields followed by Extra.
func (c TransactionCustomer) MarshalJSON() ([]byte, error) { return jsonx.Marshal(customerFields(c)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *TransactionCustomer) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*customerFields)(c))
}

// JSONInline marks Customer's JSON methods as the SDK engine's own.
func (*TransactionCustomer) JSONInline(jsonx.Inline) {}

// Address is a billing or shipping address. TaxID is only meaningful on
// billing addresses. Extra carries additional scalar properties, which ZEN's
// schema allows, and keeps any it sends that the SDK does not model.
type Address struct {
	ID             string         `json:"id,omitempty"`
	FirstName      string         `json:"firstName,omitempty"`
	LastName       string         `json:"lastName,omitempty"`
	Country        string         `json:"country,omitempty"`
	Street         string         `json:"street,omitempty"`
	City           string         `json:"city,omitempty"`
	CountryState   string         `json:"countryState,omitempty"`
	Province       string         `json:"province,omitempty"`
	BuildingNumber string         `json:"buildingNumber,omitempty"`
	RoomNumber     string         `json:"roomNumber,omitempty"`
	Postcode       string         `json:"postcode,omitempty"`
	CompanyName    string         `json:"companyName,omitempty"`
	Phone          string         `json:"phone,omitempty"`
	TaxID          string         `json:"taxId,omitempty"`
	Extra          map[string]any `json:"-"`
}

type addressFields Address

// MarshalJSON writes the modelled fields followed by Extra.
func (a Address) MarshalJSON() ([]byte, error) { return jsonx.Marshal(addressFields(a)) }

// UnmarshalJSON reads the fields leniently and keeps the rest in Extra
// (numbers as json.Number, so none loses digits).
func (a *Address) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*addressFields)(a)) }

// JSONInline marks Address's JSON methods as the SDK engine's own.
func (*Address) JSONInline(jsonx.Inline) {}

// Item is one order line. LineAmountTotal must equal Price × Quantity
// (rounded to the line's decimals when Quantity has a fraction), and
// the LineAmountTotals of a request must add up to its amount. Price and
// LineAmountTotal may be negative (discounts).
type Item struct {
	Code            string                     `json:"code,omitempty"`
	Category        string                     `json:"category,omitempty"`
	Type            ItemType                   `json:"type,omitempty"`
	Name            string                     `json:"name"`
	Price           Amount                     `json:"price"`
	Quantity        Quantity                   `json:"quantity"`
	LineAmountTotal Amount                     `json:"lineAmountTotal"`
	Extra           map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type itemFields Item

// MarshalJSON writes the modelled fields followed by Extra.
func (i Item) MarshalJSON() ([]byte, error) { return jsonx.Marshal(itemFields(i)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (i *Item) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*itemFields)(i)) }

// JSONInline marks Item's JSON methods as the SDK engine's own.
func (*Item) JSONInline(jsonx.Inline) {}

// NewItem returns an Item of a whole quantity with LineAmountTotal computed
// as price × quantity.
func NewItem(name string, price Amount, quantity int64) Item {
	return NewItemQuantity(name, price, NewQuantity(quantity))
}

// NewItemQuantity returns an Item of any quantity, fractions included, with
// LineAmountTotal computed as price × quantity rounded to price's decimals.
func NewItemQuantity(name string, price Amount, quantity Quantity) Item {
	return Item{Name: name, Price: price, Quantity: quantity, LineAmountTotal: price.MulQuantity(quantity)}
}

// Source identifies the integration (plugin or platform) that sent a
// transaction; Channel defaults to PTS_ZEN_API on ZEN's side.
type Source struct {
	Channel         SourceChannel              `json:"channel"`
	PluginName      string                     `json:"pluginName,omitempty"`
	PluginVersion   string                     `json:"pluginVersion,omitempty"`
	PlatformName    string                     `json:"platformName,omitempty"`
	PlatformVersion string                     `json:"platformVersion,omitempty"`
	ProcessID       string                     `json:"processId,omitempty"`
	ProcessName     string                     `json:"processName,omitempty"`
	Extra           map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type sourceFields Source

// MarshalJSON writes the modelled fields followed by Extra.
func (s Source) MarshalJSON() ([]byte, error) { return jsonx.Marshal(sourceFields(s)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (s *Source) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*sourceFields)(s)) }

// JSONInline marks Source's JSON methods as the SDK engine's own.
func (*Source) JSONInline(jsonx.Inline) {}
