package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

const (
	custID      = "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c"
	custCardID  = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
	custRcptID  = "0c4e8a2b-6d1f-4e3a-9b5c-7d2e1f0a9b8c"
	custPayout  = "pc_7f3e2d1c"
	custBase    = "/v3/customers/" + custID
	custPageMet = `"meta":{"page":"1","itemsPerPage":"10","direction":"asc","sortBy":"createdAt"}`
)

var (
	custCustomerJSON = `{"id":"` + custID + `","firstName":"Anna","lastName":"Nowak","email":"anna.nowak@example.com","phone":"48500100200","createdAt":"2024-05-01T10:00:00Z"}`
	custCardJSON     = `{"id":"` + custCardID + `","customerId":"` + custID + `","firstTransactionId":"5b2d9c1e-3f4a-4b6c-8d7e-9f0a1b2c3d4e",
		"cardName":"Main Visa","cardHolderName":"ANNA NOWAK","addressLine1":"ul. Prosta 1","addressLine2":"m. 4","addressCity":"Warszawa",
		"addressCountry":"PL","addressState":"mazowieckie","addressZip":"00-001","organization":"visa","brand":"classic","bank":"PKO BP",
		"country":"POL","tokenizationMethod":"purchase","last4":"1111","expMonth":"12","expYear":"2030","status":"verified"}`
	custPayoutCardJSON = `{"id":"` + custPayout + `","customerId":"` + custID + `","organization":"mastercard","cardHolderName":"ANNA NOWAK","last4":"4444"}`
	custWalletJSON     = `{"id":"` + custRcptID + `","customerId":"` + custID + `","transactionType":"TRT_SENDOUT","walletAddress":"bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
		"walletCurrency":"BTC","walletAlias":"Cold wallet","verificationStatus":"ok","status":"verified","createdAt":"2024-05-02T08:30:00Z","updatedAt":"2024-05-03T08:30:00Z"}`
	custRemovedJSON = `{"success":true}`
)

// custCtx is the context of the table's calls.
var custCtx = context.Background()

func custPage(item string) string { return `{"data":[` + item + `],` + custPageMet + `}` }

// on adapts a call on the customers service to a svcCase call.
func onCustomers(f func(*CustomerService) (any, error)) func(context.Context, *Client) (any, error) {
	return func(_ context.Context, c *Client) (any, error) { return f(c.Customers) }
}

func custCheckCustomer(t *testing.T, got any) {
	c := got.(*Customer)
	assert.Equal(t, custID, c.ID)
	assert.Equal(t, "Anna", c.FirstName)
	assert.Equal(t, "anna.nowak@example.com", c.Email)
	assert.Equal(t, map[string]any{"createdAt": "2024-05-01T10:00:00Z"}, c.Extra)
}

func custCheckCard(t *testing.T, got any) {
	c := got.(*Card)
	assert.Equal(t, Card{
		ID: custCardID, CustomerID: custID, FirstTransactionID: "5b2d9c1e-3f4a-4b6c-8d7e-9f0a1b2c3d4e",
		CardName: "Main Visa", CardHolderName: "ANNA NOWAK", AddressLine1: "ul. Prosta 1", AddressLine2: "m. 4",
		AddressCity: "Warszawa", AddressCountry: "PL", AddressState: "mazowieckie", AddressZip: "00-001",
		Organization: "visa", Brand: "classic", Bank: "PKO BP", Country: "POL", TokenizationMethod: "purchase",
		Extra: map[string]json.RawMessage{"last4": json.RawMessage(`"1111"`), "expMonth": json.RawMessage(`"12"`),
			"expYear": json.RawMessage(`"2030"`), "status": json.RawMessage(`"verified"`)},
	}, *c)
}

func custCheckPayoutCard(t *testing.T, got any) {
	c := got.(*PayoutCard)
	assert.Equal(t, custPayout, c.ID)
	assert.Equal(t, "mastercard", c.Organization)
	assert.JSONEq(t, `"4444"`, string(c.Extra["last4"]))
}

func custCheckWallet(t *testing.T, got any) {
	w := got.(*WalletRecipient)
	assert.Equal(t, custRcptID, w.ID)
	assert.Equal(t, types.TypeSendout, w.TransactionType)
	assert.Equal(t, "BTC", w.WalletCurrency)
	assert.Equal(t, "Cold wallet", w.WalletAlias)
	assert.Equal(t, types.VerificationVerified, w.Status)
	assert.True(t, w.Status.IsKnown())
	assert.Equal(t, time.Date(2024, 5, 2, 8, 30, 0, 0, time.UTC), w.CreatedAt)
}

func custCheckRemoved(t *testing.T, got any) { assert.Nil(t, got) }

func custFirst[T any](t *testing.T, got any) T {
	var items []T
	switch g := got.(type) {
	case *types.Page[T]:
		assert.EqualValues(t, 10, g.Meta.ItemsPerPage)
		assert.Equal(t, types.Asc, g.Meta.Direction)
		items = g.Data
	case []T:
		items = g
	}
	require.Len(t, items, 1)
	return items[0]
}

func custPageCheck[T any](check func(*testing.T, any)) func(*testing.T, any) {
	return func(t *testing.T, got any) {
		item := custFirst[T](t, got)
		check(t, &item)
	}
}

// custCard is a payout card request with the package's test card, changed
// by edit when it is not nil.
func custCard(edit func(*CardDetails)) *PayoutCardCreateRequest {
	c := testCard()
	if edit != nil {
		edit(&c)
	}
	return &PayoutCardCreateRequest{Card: &c}
}

const custCardWire = `{"card":` + testCardJSON + `}`

func customerCases() []svcCase {
	get := func(path, query string) wantRequest {
		return wantRequest{Method: http.MethodGet, Path: path, Query: query}
	}
	del := func(path string) wantRequest { return wantRequest{Method: http.MethodDelete, Path: path} }
	paging := "page=2&itemsPerPage=10&direction=asc&sortBy=createdAt"
	lp := ListParams{Page: 2, ItemsPerPage: 10, Direction: types.Asc, SortBy: "createdAt"}
	return []svcCase{
		// Customers.
		{method: "Create",
			want: wantRequest{Method: http.MethodPost, Path: "/v3/customers",
				Body: `{"externalId":"` + custID + `","firstName":"Anna","lastName":"Nowak","email":"anna.nowak@example.com","phone":"48500100200","locale":"pl"}`},
			resp: custCustomerJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.Create(custCtx, &CustomerCreateRequest{MerchantCustomerID: custID, FirstName: "Anna", LastName: "Nowak",
					Email: "anna.nowak@example.com", Phone: "48500100200", Extra: map[string]any{"locale": "pl"}})
			}),
			check: custCheckCustomer},
		{method: "List", want: get("/v3/customers", paging), resp: custPage(custCustomerJSON),
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.List(custCtx, CustomerListParams{lp}) }),
			check: custPageCheck[Customer](custCheckCustomer)},
		{method: "All", want: get("/v3/customers", ""), resp: custPage(custCustomerJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return collect(s.All(custCtx, CustomerListParams{ListParams{}}))
			}),
			check: custPageCheck[Customer](custCheckCustomer)},
		{method: "Get", want: get(custBase, ""), resp: custCustomerJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.Get(custCtx, custID) }),
			check: custCheckCustomer},
		{method: "Update",
			want: wantRequest{Method: http.MethodPatch, Path: custBase, Body: `{"email":"anna.nowak@example.com"}`},
			resp: custCustomerJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.Update(custCtx, custID, &CustomerUpdateRequest{Email: "anna.nowak@example.com"})
			}),
			check: custCheckCustomer},
		{method: "Delete", want: del(custBase), resp: custRemovedJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return nil, s.Delete(custCtx, custID) }),
			check: custCheckRemoved},

		// Saved purchase cards.
		{method: "Cards.List", want: get(custBase+"/payments/card", paging), resp: custPage(custCardJSON),
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.Cards.List(custCtx, custID, CardListParams{lp}) }),
			check: custPageCheck[Card](custCheckCard)},
		{method: "Cards.All", want: get(custBase+"/payments/card", "itemsPerPage=10"), resp: custPage(custCardJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return collect(s.Cards.All(custCtx, custID, CardListParams{ListParams{ItemsPerPage: 10}}))
			}),
			check: custPageCheck[Card](custCheckCard)},
		{method: "Cards.Get", want: get(custBase+"/payments/card/"+custCardID, ""), resp: custCardJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.Cards.Get(custCtx, custID, custCardID) }),
			check: custCheckCard},
		{method: "Cards.Update",
			want: wantRequest{Method: http.MethodPatch, Path: custBase + "/payments/card/" + custCardID,
				Body: `{"cardName":"Main Visa","addressZip":"00-001","isDefault":false,"nickname":"x"}`},
			resp: custCardJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.Cards.Update(custCtx, custID, custCardID, &CardUpdateRequest{CardName: "Main Visa", AddressZip: "00-001",
					IsDefault: Ptr(false), Extra: map[string]any{"nickname": "x"}})
			}),
			check: custCheckCard},
		{method: "Cards.Delete", want: del(custBase + "/payments/card/" + custCardID), resp: custRemovedJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return nil, s.Cards.Delete(custCtx, custID, custCardID) }),
			check: custCheckRemoved},

		// Payout cards (v2).
		{method: "PayoutProfiles.Create",
			want: wantRequest{Method: http.MethodPost, Path: "/v2/payout-profiles/card", Body: custCardWire,
				Header: map[string]string{"external-customer-id": custID}},
			resp:  custPayoutCardJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.PayoutProfiles.Create(custCtx, custID, custCard(nil)) }),
			check: custCheckPayoutCard},
		{method: "PayoutProfiles.List", // with customer
			want: wantRequest{Method: http.MethodGet, Path: "/v2/payout-profiles/card", Query: paging,
				Header: map[string]string{"external-customer-id": custID}},
			resp: custPage(custPayoutCardJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutProfiles.List(custCtx, custID, PayoutProfileListParams{lp})
			}),
			check: custPageCheck[PayoutCard](custCheckPayoutCard)},
		{method: "PayoutProfiles.List", // without customer
			want: wantRequest{Method: http.MethodGet, Path: "/v2/payout-profiles/card",
				Header: map[string]string{"external-customer-id": ""}},
			resp: custPage(custPayoutCardJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutProfiles.List(custCtx, "", PayoutProfileListParams{ListParams{}})
			}),
			check: custPageCheck[PayoutCard](custCheckPayoutCard)},
		{method: "PayoutProfiles.All",
			want: wantRequest{Method: http.MethodGet, Path: "/v2/payout-profiles/card",
				Header: map[string]string{"external-customer-id": custID}},
			resp: custPage(custPayoutCardJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return collect(s.PayoutProfiles.All(custCtx, custID, PayoutProfileListParams{ListParams{}}))
			}),
			check: custPageCheck[PayoutCard](custCheckPayoutCard)},
		{method: "PayoutProfiles.Update", // escaped id
			want: wantRequest{Method: http.MethodPatch, Path: "/v2/payout-profiles/card/card%2F7%20%C3%BC%25",
				Body: `{"card":{"expiryDate":"0131","cardHolderName":"Anna Nowak"}}`},
			resp: custPayoutCardJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutProfiles.Update(custCtx, "card/7 ü%", &PayoutCardCreateRequest{Card: &CardDetails{ExpiryDate: "0131", CardHolderName: "Anna Nowak"}})
			}),
			check: custCheckPayoutCard},
		{method: "PayoutProfiles.Delete", want: del("/v2/payout-profiles/card/" + custPayout), resp: custRemovedJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return nil, s.PayoutProfiles.Delete(custCtx, custPayout) }),
			check: custCheckRemoved},

		// Crypto-wallet recipients.
		{method: "WalletRecipients.Create",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/withdrawals/dragon",
				Body: `{"walletAddress":"bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh","walletCurrency":"BTC","walletAlias":"Cold wallet","customerId":"` + custID + `","status":"unverified"}`},
			resp: custWalletJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.WalletRecipients.Create(custCtx, custID, &WalletRecipientCreateRequest{WalletAddress: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
					WalletCurrency: "BTC", WalletAlias: Ptr("Cold wallet"), CustomerID: custID, Status: types.VerificationUnverified})
			}),
			check: custCheckWallet},
		{method: "WalletRecipients.Create", // null alias
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/withdrawals/dragon",
				Body: `{"walletAddress":"0x52908400098527886E0F7030069857D2E4169EE7","walletCurrency":"ETH","walletAlias":null}`},
			resp: custWalletJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.WalletRecipients.Create(custCtx, custID, &WalletRecipientCreateRequest{WalletAddress: "0x52908400098527886E0F7030069857D2E4169EE7", WalletCurrency: "ETH"})
			}),
			check: custCheckWallet},
		{method: "WalletRecipients.List", want: get(custBase+"/withdrawals/dragon", "wallet-currency=BTC&"+paging),
			resp: custPage(custWalletJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.WalletRecipients.List(custCtx, custID, WalletRecipientListParams{ListParams: lp, WalletCurrency: "BTC"})
			}),
			check: custPageCheck[WalletRecipient](custCheckWallet)},
		{method: "WalletRecipients.All", want: get(custBase+"/withdrawals/dragon", "wallet-currency=ETH"),
			resp: custPage(custWalletJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return collect(s.WalletRecipients.All(custCtx, custID, WalletRecipientListParams{WalletCurrency: "ETH"}))
			}),
			check: custPageCheck[WalletRecipient](custCheckWallet)},
		{method: "WalletRecipients.Get", want: get(custBase+"/withdrawals/dragon/"+custRcptID, ""), resp: custWalletJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.WalletRecipients.Get(custCtx, custID, custRcptID) }),
			check: custCheckWallet},
		{method: "WalletRecipients.Update",
			want: wantRequest{Method: http.MethodPatch, Path: custBase + "/withdrawals/dragon/" + custRcptID,
				Body: `{"walletAlias":"Hot wallet"}`},
			resp: custWalletJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.WalletRecipients.Update(custCtx, custID, custRcptID, &WalletRecipientUpdateRequest{WalletAlias: "Hot wallet"})
			}),
			check: custCheckWallet},
		{method: "WalletRecipients.Delete", want: del(custBase + "/withdrawals/dragon/" + custRcptID), resp: custRemovedJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return nil, s.WalletRecipients.Delete(custCtx, custID, custRcptID)
			}),
			check: custCheckRemoved},

		// V3 payout cards and recipients.
		{method: "PayoutRecipients.List", want: get(custBase+"/payouts/recipients", paging),
			resp: custPage(`{"id":"rcp_1","firstName":"Anna","lastName":"Nowak"}`),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutRecipients.List(custCtx, custID, PayoutRecipientListParams{lp})
			}),
			check: custPageCheck[SavedPayoutRecipient](custCheckPayoutRecipient)},
		{method: "PayoutRecipients.All", want: get(custBase+"/payouts/recipients", ""),
			resp: custPage(`{"id":"rcp_1","firstName":"Anna","lastName":"Nowak"}`),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return collect(s.PayoutRecipients.All(custCtx, custID, PayoutRecipientListParams{ListParams{}}))
			}),
			check: custPageCheck[SavedPayoutRecipient](custCheckPayoutRecipient)},
		{method: "PayoutCards.Verify", // no body
			want:  wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card/" + custPayout + "/verify"},
			resp:  `{"id":"` + custPayout + `","status":"pending","verificationDate":null}`,
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.PayoutCards.Verify(custCtx, custID, custPayout, nil) }),
			check: custCheckOperation},
		{method: "PayoutCards.Verify", // with body
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card/" + custPayout + "/verify",
				Body: `{"returnUrl":"https://shop.example.com/verified"}`},
			resp: `{"id":"` + custPayout + `","status":"pending","verificationDate":null}`,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutCards.Verify(custCtx, custID, custPayout,
					&Object{Extra: map[string]any{"returnUrl": "https://shop.example.com/verified"}})
			}),
			check: custCheckOperation},
		{method: "PayoutCards.GetMerchantCard", want: get(custBase+"/payouts/recipients/"+custPayout, ""), resp: custPayoutCardJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutCards.GetMerchantCard(custCtx, custID, custPayout)
			}),
			check: custCheckPayoutCard},
		{method: "PayoutCards.InitWidget",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card/widget",
				Body: `{"returnUrl":"https://shop.example.com/cards","language":"pl"}`},
			resp: `{"url":"https://secure.zen.com/widget/ab12","expiresAt":"2024-05-02T09:00:00Z"}`,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutCards.InitWidget(custCtx, custID, &Object{Extra: map[string]any{
					"returnUrl": "https://shop.example.com/cards", "language": "pl"}})
			}),
			check: func(t *testing.T, got any) {
				w := got.(*Object)
				assert.Equal(t, "https://secure.zen.com/widget/ab12", w.Extra["url"])
				assert.Len(t, w.Extra, 2)
			}},
		{method: "PayoutCards.Update",
			want: wantRequest{Method: http.MethodPatch, Path: custBase + "/payouts/card/" + custPayout, Body: `{"alias":"Salary card"}`},
			resp: custPayoutCardJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutCards.Update(custCtx, custID, custPayout, &PayoutCardUpdateRequest{Alias: "Salary card"})
			}),
			check: custCheckPayoutCard},
		{method: "PayoutCards.List", want: get(custBase+"/payouts/card", paging), resp: custPage(custPayoutCardJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PayoutCards.List(custCtx, custID, PayoutCardListParams{lp})
			}),
			check: custPageCheck[PayoutCard](custCheckPayoutCard)},
		{method: "PayoutCards.All", want: get(custBase+"/payouts/card", "direction=desc"), resp: custPage(custPayoutCardJSON),
			call: onCustomers(func(s *CustomerService) (any, error) {
				return collect(s.PayoutCards.All(custCtx, custID, PayoutCardListParams{ListParams{Direction: types.Desc}}))
			}),
			check: custPageCheck[PayoutCard](custCheckPayoutCard)},
		{method: "PayoutCards.DeleteMerchantCard", want: del(custBase + "/payouts/recipients/" + custPayout), resp: custRemovedJSON,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return nil, s.PayoutCards.DeleteMerchantCard(custCtx, custID, custPayout)
			}),
			check: custCheckRemoved},
		{method: "PayoutCards.Create",
			want:  wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card", Body: custCardWire},
			resp:  custPayoutCardJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.PayoutCards.Create(custCtx, custID, custCard(nil)) }),
			check: custCheckPayoutCard},
		{method: "PayoutCards.Get", want: get(custBase+"/payouts/card/"+custPayout, ""), resp: custPayoutCardJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return s.PayoutCards.Get(custCtx, custID, custPayout) }),
			check: custCheckPayoutCard},
		{method: "PayoutCards.Delete", want: del(custBase + "/payouts/card/" + custPayout), resp: custRemovedJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return nil, s.PayoutCards.Delete(custCtx, custID, custPayout) }),
			check: custCheckRemoved},

		// PayNow recipients.
		{method: "PaynowRecipients.Create",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/withdrawals/paynow",
				Body: `{"proxyType":"MOBILE","proxyValue":"+6591234567","name":"Anna Nowak"}`},
			resp: `{"id":"pn_42","proxyType":"MOBILE","status":"pending"}`,
			call: onCustomers(func(s *CustomerService) (any, error) {
				return s.PaynowRecipients.Create(custCtx, custID, &PaynowRecipient{Extra: map[string]any{
					"proxyType": "MOBILE", "proxyValue": "+6591234567", "name": "Anna Nowak"}})
			}),
			check: func(t *testing.T, got any) {
				p := got.(*PaynowRecipient)
				assert.Equal(t, "pn_42", p.ID)
				assert.Equal(t, map[string]any{"proxyType": "MOBILE", "status": "pending"}, p.Extra)
			}},
		{method: "PaynowRecipients.Delete", want: del(custBase + "/withdrawals/paynow/pn_42"), resp: custRemovedJSON,
			call:  onCustomers(func(s *CustomerService) (any, error) { return nil, s.PaynowRecipients.Delete(custCtx, custID, "pn_42") }),
			check: custCheckRemoved},
	}
}

func custCheckPayoutRecipient(t *testing.T, got any) {
	p := got.(*SavedPayoutRecipient)
	assert.Equal(t, "rcp_1", p.ID)
	assert.Equal(t, "Nowak", p.Extra["lastName"])
}

func custCheckOperation(t *testing.T, got any) {
	o := got.(*CardOperation)
	assert.Equal(t, custPayout, o.ID)
	assert.Equal(t, types.VerificationPending, o.Status)
}

// TestCustomerEndpointCount checks that CustomerService has a method for
// each of the 30 endpoints of ZEN's navigation (All* iterators aside); the
// wire table has a row for each method (TestServiceWire).
func TestCustomerEndpointCount(t *testing.T) {
	var endpoints []string
	for _, name := range svcMethodNames(reflect.TypeOf(&CustomerService{}), "") {
		if !strings.HasSuffix(name, "All") {
			endpoints = append(endpoints, name)
		}
	}
	assert.Len(t, endpoints, 30, "ZEN's navigation lists 30 customer endpoints")
}

// TestCustomerValidationMakesNoCall checks that bad input fails with a
// ValidationError naming the field and that no request is sent.
func TestCustomerValidationMakesNoCall(t *testing.T) {
	long := strings.Repeat("x", 129)
	runValidationCases(t, []validationCase{
		{name: "empty customer id", field: "merchantCustomerId", call: func(c *Client) error { return errOf(c.Customers.Get(custCtx, "")) }},
		{name: "customer id not a uuid", field: "merchantCustomerId", call: func(c *Client) error { return c.Customers.Delete(custCtx, "cust-1") }},
		{name: "card id not a uuid", field: "id", call: func(c *Client) error { return errOf(c.Customers.Cards.Get(custCtx, custID, "card-1")) }},
		{name: "empty free id", field: "id", call: func(c *Client) error { return c.Customers.PayoutProfiles.Delete(custCtx, "") }},
		{name: "dot-dot id", field: "id", call: func(c *Client) error { return errOf(c.Customers.WalletRecipients.Get(custCtx, custID, "..")) }},
		{name: "create without id", field: "externalId", call: func(c *Client) error {
			return errOf(c.Customers.Create(custCtx, &CustomerCreateRequest{Email: "a@example.com"}))
		}},
		{name: "create with bad id", field: "externalId", call: func(c *Client) error {
			return errOf(c.Customers.Create(custCtx, &CustomerCreateRequest{MerchantCustomerID: "42"}))
		}},
		{name: "nil customer", field: "request", call: func(c *Client) error { return errOf(c.Customers.Update(custCtx, custID, nil)) }},
		{name: "long card name", field: "cardName", call: func(c *Client) error {
			return errOf(c.Customers.Cards.Update(custCtx, custID, custCardID, &CardUpdateRequest{CardName: long}))
		}},
		{name: "missing external-customer-id", field: "external-customer-id", call: func(c *Client) error { return errOf(c.Customers.PayoutProfiles.Create(custCtx, "", custCard(nil))) }},
		{name: "header injection", field: "external-customer-id", call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.List(custCtx, "a\r\nX-Evil: 1", PayoutProfileListParams{ListParams{}}))
		}},
		{name: "payout card without card", field: "card", call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.Create(custCtx, custID, &PayoutCardCreateRequest{}))
		}},
		{name: "payout card without number", field: "card.number", call: func(c *Client) error {
			return errOf(c.Customers.PayoutCards.Create(custCtx, custID, &PayoutCardCreateRequest{Card: &CardDetails{ExpiryDate: "0130"}}))
		}},
		{name: "payout card number not digits", field: "card.number", call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.Create(custCtx, custID, custCard(func(cd *CardDetails) { cd.Number = "4111 1111 1111 1111" })))
		}},
		{name: "payout card bad cvv", field: "card.cvv", call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.Update(custCtx, custPayout, custCard(func(cd *CardDetails) { cd.CVV = "12" })))
		}},
		{name: "nil payout card", field: "request", call: func(c *Client) error { return errOf(c.Customers.PayoutProfiles.Update(custCtx, custPayout, nil)) }},
		{name: "wallet recipient without address", field: "walletAddress", call: func(c *Client) error {
			return errOf(c.Customers.WalletRecipients.Create(custCtx, custID, &WalletRecipientCreateRequest{WalletCurrency: "BTC"}))
		}},
		{name: "wallet recipient unknown status", field: "status", call: func(c *Client) error {
			return errOf(c.Customers.WalletRecipients.Create(custCtx, custID, &WalletRecipientCreateRequest{WalletAddress: "a", WalletCurrency: "BTC", Status: "ok"}))
		}},
		{name: "wallet recipient long alias", field: "walletAlias", call: func(c *Client) error {
			return errOf(c.Customers.WalletRecipients.Update(custCtx, custID, custRcptID, &WalletRecipientUpdateRequest{WalletAlias: long}))
		}},
		{name: "negative page", field: "page", call: func(c *Client) error {
			return errOf(c.Customers.Cards.List(custCtx, custID, CardListParams{ListParams{Page: -1}}))
		}},
		{name: "bad direction", field: "direction", call: func(c *Client) error {
			return errOf(c.Customers.WalletRecipients.List(custCtx, custID, WalletRecipientListParams{ListParams: ListParams{Direction: "up"}}))
		}},
		{name: "iterator with bad id", field: "merchantCustomerId", call: func(c *Client) error {
			return errOf(collect(c.Customers.PayoutCards.All(custCtx, "nope", PayoutCardListParams{ListParams{}})))
		}},
		{name: "nil paynow recipient", field: "request", call: func(c *Client) error { return errOf(c.Customers.PaynowRecipients.Create(custCtx, custID, nil)) }},
		{name: "long alias", field: "alias", call: func(c *Client) error {
			return errOf(c.Customers.PayoutCards.Update(custCtx, custID, custPayout, &PayoutCardUpdateRequest{Alias: long}))
		}},
	})
}

func TestCustomerNotFound(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: custBase}, http.StatusNotFound, `{"message":"Record Not Found"}`)
	_, err := c.Customers.Get(context.Background(), custID)
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Record Not Found", apiErr.Message)
}

var pointerRe = regexp.MustCompile(`0x[0-9a-f]+`)

// TestPayoutCardRequestNeverPrintsCardData checks that the card number and
// CVV of a payout card request stay out of fmt and slog output (JSON
// encoding is the request body and keeps them).
func TestPayoutCardRequestNeverPrintsCardData(t *testing.T) {
	r := custCard(nil)
	var logs bytes.Buffer
	// No timestamps: their digits could contain the CVV by chance.
	noTime := &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}
	slog.New(slog.NewTextHandler(&logs, noTime)).Info("card", "req", r, "value", *r)
	slog.New(slog.NewJSONHandler(&logs, noTime)).Info("card", "req", r, "value", *r)
	for _, out := range []string{
		fmt.Sprintf("%v", r), fmt.Sprintf("%+v", r), fmt.Sprintf("%#v", r), fmt.Sprint(*r),
		fmt.Sprintf("%+v", *r), fmt.Sprintf("%#v", *r), fmt.Sprintf("%s", *r), logs.String(),
	} {
		out = pointerRe.ReplaceAllString(out, "0x") // addresses may hold the CVV's digits by chance
		assert.NotContains(t, out, testCardPAN)
		assert.NotContains(t, out, testCardCVV)
	}
	assert.Contains(t, logs.String(), "****1111")
	body, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, custCardWire, string(body))
}

func custCardPage(ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = `{"id":"` + id + `","organization":"visa"}`
	}
	return `{"data":[` + strings.Join(items, ",") + `],"meta":{"page":"1","itemsPerPage":"2"}}`
}

// custCardPages expects pages 1 and 2 (cards a to d, two a page) and then
// third, and returns the request counter.
func custCardPages(t *testing.T, mock *httpmock.MockTransport, third pagedAnswer) *atomic.Int32 {
	return expectPages(t, mock, custBase+"/payments/card",
		pagedAnswer{"itemsPerPage=2", http.StatusOK, custCardPage("a", "b")},
		pagedAnswer{"itemsPerPage=2&page=2", http.StatusOK, custCardPage("c", "d")},
		third)
}

func custCardIDs(cards []Card) []string {
	out := make([]string, len(cards))
	for i, c := range cards {
		out[i] = c.ID
	}
	return out
}

func TestAllCardsWalksEveryPage(t *testing.T) {
	c, mock := newTestClient(t)
	calls := custCardPages(t, mock, pagedAnswer{"itemsPerPage=2&page=3", http.StatusOK, custCardPage("e")})
	params := ListParams{ItemsPerPage: 2}
	got, err := collect(c.Customers.Cards.All(context.Background(), custID, CardListParams{params}))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, custCardIDs(got))
	assert.EqualValues(t, 3, calls.Load())
}

func TestAllCardsEarlyBreakFetchesNoMore(t *testing.T) {
	c, mock := newTestClient(t)
	calls := expectPages(t, mock, custBase+"/payments/card", pagedAnswer{"itemsPerPage=2", http.StatusOK, custCardPage("a", "b")})
	for card, err := range c.Customers.Cards.All(context.Background(), custID, CardListParams{ListParams{ItemsPerPage: 2}}) {
		require.NoError(t, err)
		assert.Equal(t, "a", card.ID)
		break
	}
	assert.EqualValues(t, 1, calls.Load())
}

func TestAllCardsStopsOnRepeatedPage(t *testing.T) {
	c, mock := newTestClient(t)
	calls := expectPages(t, mock, custBase+"/payments/card",
		pagedAnswer{"itemsPerPage=2", http.StatusOK, custCardPage("a", "b")},
		pagedAnswer{"itemsPerPage=2&page=2", http.StatusOK, custCardPage("a", "b")})
	got, errs := drainSeq(c.Customers.Cards.All(context.Background(), custID, CardListParams{ListParams{ItemsPerPage: 2}}))
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "repeats the previous page")
	assert.Equal(t, []string{"a", "b"}, custCardIDs(got))
	assert.EqualValues(t, 2, calls.Load())
}

func TestAllCardsYieldsErrorOnPageThreeThenStops(t *testing.T) {
	c, mock := newTestClient(t)
	calls := custCardPages(t, mock, pagedAnswer{"itemsPerPage=2&page=3", http.StatusBadRequest, `{"error":{"code":"400","message":"bad page"}}`})
	got, errs := drainSeq(c.Customers.Cards.All(context.Background(), custID, CardListParams{ListParams{ItemsPerPage: 2}}))
	assert.Equal(t, []string{"a", "b", "c", "d"}, custCardIDs(got))
	require.Len(t, errs, 1, "one error, then the iterator ends by itself")
	var apiErr *APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "bad page", apiErr.Message)
	assert.EqualValues(t, 3, calls.Load())
}

func TestAllWalletRecipientsKeepsFilterAcrossPages(t *testing.T) {
	c, mock := newTestClient(t)
	calls := expectPages(t, mock, custBase+"/withdrawals/dragon",
		pagedAnswer{"wallet-currency=BTC&itemsPerPage=1", http.StatusOK, `{"data":[` + custWalletJSON + `],"meta":{"itemsPerPage":"1"}}`},
		pagedAnswer{"wallet-currency=BTC&itemsPerPage=1&page=2", http.StatusOK, `{"data":[],"meta":{"itemsPerPage":"1"}}`})
	got, err := collect(c.Customers.WalletRecipients.All(context.Background(), custID,
		WalletRecipientListParams{ListParams: ListParams{ItemsPerPage: 1}, WalletCurrency: "BTC"}))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.EqualValues(t, 2, calls.Load())
}

func TestCustomerTypesRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  string
		v    any
	}{
		{"customer", custCustomerJSON, &Customer{}},
		{"card", custCardJSON, &Card{}},
		{"payout recipient", `{"id":"r1","x":[1,2]}`, &SavedPayoutRecipient{}},
		{"paynow recipient", `{"id":"p1","x":{"y":true}}`, &PaynowRecipient{}},
		{"object without id", `{"url":"https://x.example","n":2}`, &Object{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, json.Unmarshal([]byte(tc.raw), tc.v))
			out, err := json.Marshal(tc.v)
			require.NoError(t, err)
			assert.JSONEq(t, tc.raw, string(out))
		})
	}
	// Numbers in Extra keep their exact text: as float64 a large id or a
	// money-like 1.10 would come back as 12345678901234567000 or 1.1.
	var o Object
	require.NoError(t, json.Unmarshal([]byte(`{"id":"r1","fee":1.10,"n":12345678901234567891,"x":{"big":9007199254740993}}`), &o))
	out, err := json.Marshal(o)
	require.NoError(t, err)
	assert.Equal(t, `{"id":"r1","fee":1.10,"n":12345678901234567891,"x":{"big":9007199254740993}}`, string(out))

	// Decoding into a used value forgets what the previous document had.
	c := Customer{ID: "old", Extra: map[string]any{"stale": 1}}
	require.NoError(t, json.Unmarshal([]byte(`{"email":"a@example.com"}`), &c))
	assert.Equal(t, Customer{Email: "a@example.com"}, c)
}

// Validate is exported, so callers may check a request themselves before
// building a call; a nil request is a *ValidationError, not a panic.
func TestCustomerRequestValidateNil(t *testing.T) {
	for name, v := range map[string]interface{ Validate() error }{
		"CustomerCreateRequest":        (*CustomerCreateRequest)(nil),
		"CustomerUpdateRequest":        (*CustomerUpdateRequest)(nil),
		"CardUpdateRequest":            (*CardUpdateRequest)(nil),
		"PayoutCardCreateRequest":      (*PayoutCardCreateRequest)(nil),
		"PayoutCardUpdateRequest":      (*PayoutCardUpdateRequest)(nil),
		"WalletRecipientCreateRequest": (*WalletRecipientCreateRequest)(nil),
		"WalletRecipientUpdateRequest": (*WalletRecipientUpdateRequest)(nil),
	} {
		t.Run(name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = v.Validate() })
			assert.Equal(t, []string{"request"}, validationFields(err))
		})
	}
}
