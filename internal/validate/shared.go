package validate

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/zen-go/zen/internal/fixed"
	"github.com/zen-go/zen/types"
)

// Customer checks a request customer. email makes Email required (and a
// given one must be an e-mail address, see IsEmail); ip makes IP required.
func (c *Checker) Customer(cu *types.TransactionCustomer, email, ip bool) {
	if cu == nil {
		c.Fail("", "is required")
		return
	}
	c.MaxLen("id", cu.ID, 64)
	c.MaxLen("firstName", cu.FirstName, 128)
	c.MaxLen("lastName", cu.LastName, 128)
	c.Email("email", cu.Email, email)
	c.MaxLen("phone", cu.Phone, 64)
	c.MaxLen("information", cu.Information, 128)
	if ip {
		c.Required("ip", cu.IP)
	}
}

// Address checks a billing or shipping address.
func (c *Checker) Address(a *types.Address) {
	if a == nil {
		return
	}
	c.MaxLen("id", a.ID, 64)
	c.MaxLen("firstName", a.FirstName, 128)
	c.MaxLen("lastName", a.LastName, 128)
	c.MatchRule("country", a.Country, Country, "must be an ISO 3166 code of two capital letters")
	for _, f := range []struct {
		name, v string
	}{{"street", a.Street}, {"city", a.City}, {"countryState", a.CountryState}, {"province", a.Province}, {"buildingNumber", a.BuildingNumber}, {"companyName", a.CompanyName}, {"taxId", a.TaxID}} {
		c.MaxLen(f.name, f.v, 128)
	}
	c.MaxLen("roomNumber", a.RoomNumber, 32)
	if a.Postcode != "" && c.Len("postcode", a.Postcode, 1, 10) {
		c.Match("postcode", a.Postcode, Postcode)
	}
	if a.Phone != "" && c.Len("phone", a.Phone, 2, 64) {
		c.Match("phone", a.Phone, Phone)
	}
	if len(a.Extra) == 0 {
		return // sorting the keys of no map costs allocations
	}
	for _, k := range slices.Sorted(maps.Keys(a.Extra)) {
		// ZEN allows additional properties of type integer, number, string
		// or boolean; judge by the JSON a value encodes to.
		b, err := json.Marshal(a.Extra[k])
		if err != nil || len(b) == 0 || b[0] == '{' || b[0] == '[' || b[0] == 'n' {
			c.Fail(k, "must be a string, number or boolean (additional address properties are scalars)")
		}
	}
}

// Items checks each item and, when items are given, that their
// lineAmountTotals add up to total.
func (c *Checker) Items(items []types.Item, total types.Amount) {
	if len(items) == 0 {
		return
	}
	// Amounts are added and compared as integers of minor units while they
	// fit in an int64 (exact, and without math/big), as decimals otherwise;
	// the texts of the messages are built only on failure. A sum that
	// outgrows an int64 stays an overflow through every later Add, and Cmp
	// says so.
	var sum fixed.Num // 0
	ok := true
	for i := range items {
		it := &items[i]
		ic := c.Index("items", i)
		ic.MaxLen("code", it.Code, 64)
		ic.MaxLen("category", it.Category, 64)
		if it.Type != "" && !it.Type.IsKnown() {
			ic.Fail("type", "must be physical or digital")
		}
		if ic.Required("name", it.Name) {
			ic.MaxLen("name", it.Name, 256)
		}
		before := c.failures()
		ic.SignedAmount("price", it.Price)
		ic.SignedAmount("lineAmountTotal", it.LineAmountTotal)
		// ZEN's OpenAPI file, "Item": quantity is a number (fractions
		// allowed), minimum 1.
		if err := it.Quantity.Validate(); err != nil {
			ic.Fail("quantity", err.Error())
		}
		if c.failures() != before {
			ok = false
			continue
		}
		if !types.LineTotalMatches(it.Price, it.Quantity, it.LineAmountTotal) {
			ic.Fail("lineAmountTotal", fmt.Sprintf("must equal price × quantity (%s)", it.Price.MulQuantity(it.Quantity)))
		}
		sum, _ = sum.Add(fixed.Parse(it.LineAmountTotal.String()))
	}
	if !ok || total.IsZero() {
		return
	}
	if cmp, fits := sum.Cmp(fixed.Parse(total.String())); fits && cmp == 0 {
		return
	}
	if s := sumOf(items); !s.Equal(total) {
		c.Fail("items", fmt.Sprintf("lineAmountTotal values must add up to amount %s (they add up to %s)", total, s))
	}
}

// sumOf adds the lineAmountTotals as Amount does (decimal, written with
// the largest scale).
func sumOf(items []types.Item) types.Amount {
	sum := types.AmountFromMinor(0, 0)
	for i := range items {
		sum = sum.Add(items[i].LineAmountTotal)
	}
	return sum
}

// URL fails when a non-empty v is not an absolute http(s) URL or is longer
// than maxLen.
func (c *Checker) URL(field, v string, maxLen int) {
	if v == "" {
		return
	}
	if !c.MaxLen(field, v, maxLen) {
		return
	}
	if !isHTTPURL(v) {
		c.Fail(field, "must be an absolute http or https URL")
	}
}

// isHTTPURL reports whether url.Parse reads v as a URL with scheme http or
// https and a host. The common shape is recognised without url.Parse and
// its allocations (TestIsHTTPURLAgreesWithURLParse holds it to url.Parse).
func isHTTPURL(v string) bool {
	if isPlainHTTPURL(v) {
		return true
	}
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// isPlainHTTPURL reports whether v is "http://" or "https://", a host of
// letters, digits, dots and hyphens, then nothing, or a '/', '?' or '#' and
// printable ASCII without '%'. url.Parse accepts every such v, with that
// scheme and host: with no ':', '@' or '[' the authority is that host; it
// fails only on a control byte, or, in the host, on a character outside
// the ones allowed here, and after it on a malformed %-escape.
func isPlainHTTPURL(v string) bool {
	rest, ok := strings.CutPrefix(v, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(v, "http://"); !ok {
			return false
		}
	}
	host := 0
	for host < len(rest) && (isAlnum(rune(rest[host])) || rest[host] == '.' || rest[host] == '-') {
		host++
	}
	if host == 0 {
		return false
	}
	rest = rest[host:]
	if rest == "" {
		return true
	}
	if rest[0] != '/' && rest[0] != '?' && rest[0] != '#' {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] <= ' ' || rest[i] >= 0x7f || rest[i] == '%' {
			return false
		}
	}
	return true
}
