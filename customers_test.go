package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"os"
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

// bg is the context of the table's calls.
var bg = context.Background()

func custPage(item string) string { return `{"data":[` + item + `],` + custPageMet + `}` }

// customerCase is one row of the wire table: the exact request one method
// sends and the decoded answer it returns.
type customerCase struct {
	method  string // name of the *CustomerService method
	variant string
	want    wantRequest
	resp    string
	call    func(*CustomerService) (any, error)
	check   func(t *testing.T, got any)
}

// collect runs an iterator to its end (or first error) for the table.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func checkCustomer(t *testing.T, got any) {
	c := got.(*Customer)
	assert.Equal(t, custID, c.ID)
	assert.Equal(t, "Anna", c.FirstName)
	assert.Equal(t, "anna.nowak@example.com", c.Email)
	assert.Equal(t, map[string]any{"createdAt": "2024-05-01T10:00:00Z"}, c.Extra)
}

func checkCard(t *testing.T, got any) {
	c := got.(*CardV2)
	assert.Equal(t, CardV2{
		ID: custCardID, CustomerID: custID, FirstTransactionID: "5b2d9c1e-3f4a-4b6c-8d7e-9f0a1b2c3d4e",
		CardName: "Main Visa", CardHolderName: "ANNA NOWAK", AddressLine1: "ul. Prosta 1", AddressLine2: "m. 4",
		AddressCity: "Warszawa", AddressCountry: "PL", AddressState: "mazowieckie", AddressZip: "00-001",
		Organization: "visa", Brand: "classic", Bank: "PKO BP", Country: "POL", TokenizationMethod: "purchase",
		Extra: map[string]json.RawMessage{"last4": json.RawMessage(`"1111"`), "expMonth": json.RawMessage(`"12"`),
			"expYear": json.RawMessage(`"2030"`), "status": json.RawMessage(`"verified"`)},
	}, *c)
}

func checkPayoutCard(t *testing.T, got any) {
	c := got.(*PayoutCard)
	assert.Equal(t, custPayout, c.ID)
	assert.Equal(t, "mastercard", c.Organization)
	assert.JSONEq(t, `"4444"`, string(c.Extra["last4"]))
}

func checkWallet(t *testing.T, got any) {
	w := got.(*WalletRecipient)
	assert.Equal(t, custRcptID, w.ID)
	assert.Equal(t, types.TypeSendout, w.TransactionType)
	assert.Equal(t, "BTC", w.WalletCurrency)
	assert.Equal(t, "Cold wallet", w.WalletAlias)
	assert.Equal(t, types.VerificationVerified, w.Status)
	assert.True(t, w.Status.IsKnown())
	assert.Equal(t, time.Date(2024, 5, 2, 8, 30, 0, 0, time.UTC), w.CreatedAt)
}

func checkRemoved(t *testing.T, got any) { assert.True(t, got.(*RemoveResult).Success) }

func firstOf[T any](t *testing.T, got any) T {
	var items []T
	switch g := got.(type) {
	case *Page[T]:
		assert.EqualValues(t, 10, g.Meta.ItemsPerPage)
		assert.Equal(t, types.Asc, g.Meta.Direction)
		items = g.Data
	case []T:
		items = g
	}
	require.Len(t, items, 1)
	return items[0]
}

func pageCheck[T any](check func(*testing.T, any)) func(*testing.T, any) {
	return func(t *testing.T, got any) {
		item := firstOf[T](t, got)
		check(t, &item)
	}
}

func testCard() *PayoutCardRequest {
	return &PayoutCardRequest{Card: &CardDetails{
		Number: NewSecret("4111111111111111"), ExpiryDate: "1230", CVV: NewSecret("987"), CardHolderName: "Anna Nowak",
	}}
}

// withCard is testCard changed by edit.
func withCard(edit func(*CardDetails)) *PayoutCardRequest {
	r := testCard()
	edit(r.Card)
	return r
}

const testCardWire = `{"card":{"number":"4111111111111111","expiryDate":"1230","cvv":"987","cardHolderName":"Anna Nowak"}}`

func customerCases() []customerCase {
	get := func(path, query string) wantRequest {
		return wantRequest{Method: http.MethodGet, Path: path, Query: query}
	}
	del := func(path string) wantRequest { return wantRequest{Method: http.MethodDelete, Path: path} }
	paging := "page=2&itemsPerPage=10&direction=asc&sortBy=createdAt"
	lp := ListParams{Page: 2, ItemsPerPage: 10, Direction: types.Asc, SortBy: "createdAt"}
	return []customerCase{
		// Customers.
		{method: "CreateCustomer",
			want: wantRequest{Method: http.MethodPost, Path: "/v3/customers",
				Body: `{"id":"` + custID + `","firstName":"Anna","lastName":"Nowak","email":"anna.nowak@example.com","phone":"48500100200","locale":"pl"}`},
			resp: custCustomerJSON,
			call: func(s *CustomerService) (any, error) {
				return s.CreateCustomer(bg, &Customer{ID: custID, FirstName: "Anna", LastName: "Nowak",
					Email: "anna.nowak@example.com", Phone: "48500100200", Extra: map[string]any{"locale": "pl"}})
			},
			check: checkCustomer},
		{method: "ListCustomers", want: get("/v3/customers", paging), resp: custPage(custCustomerJSON),
			call:  func(s *CustomerService) (any, error) { return s.ListCustomers(bg, lp) },
			check: pageCheck[Customer](checkCustomer)},
		{method: "AllCustomers", want: get("/v3/customers", ""), resp: custPage(custCustomerJSON),
			call:  func(s *CustomerService) (any, error) { return collect(s.AllCustomers(bg, ListParams{})) },
			check: pageCheck[Customer](checkCustomer)},
		{method: "GetCustomer", want: get(custBase, ""), resp: custCustomerJSON,
			call:  func(s *CustomerService) (any, error) { return s.GetCustomer(bg, custID) },
			check: checkCustomer},
		{method: "UpdateCustomer",
			want: wantRequest{Method: http.MethodPatch, Path: custBase, Body: `{"email":"anna.nowak@example.com"}`},
			resp: custCustomerJSON,
			call: func(s *CustomerService) (any, error) {
				return s.UpdateCustomer(bg, custID, &Customer{Email: "anna.nowak@example.com"})
			},
			check: checkCustomer},
		{method: "RemoveCustomer", want: del(custBase), resp: custRemovedJSON,
			call:  func(s *CustomerService) (any, error) { return s.RemoveCustomer(bg, custID) },
			check: checkRemoved},

		// Saved purchase cards.
		{method: "ListCards", want: get(custBase+"/payments/card", paging), resp: custPage(custCardJSON),
			call:  func(s *CustomerService) (any, error) { return s.ListCards(bg, custID, lp) },
			check: pageCheck[CardV2](checkCard)},
		{method: "AllCards", want: get(custBase+"/payments/card", "itemsPerPage=10"), resp: custPage(custCardJSON),
			call: func(s *CustomerService) (any, error) {
				return collect(s.AllCards(bg, custID, ListParams{ItemsPerPage: 10}))
			},
			check: pageCheck[CardV2](checkCard)},
		{method: "GetCard", want: get(custBase+"/payments/card/"+custCardID, ""), resp: custCardJSON,
			call:  func(s *CustomerService) (any, error) { return s.GetCard(bg, custID, custCardID) },
			check: checkCard},
		{method: "UpdateCard",
			want: wantRequest{Method: http.MethodPatch, Path: custBase + "/payments/card/" + custCardID,
				Body: `{"cardName":"Main Visa","addressZip":"00-001","isDefault":false,"nickname":"x"}`},
			resp: custCardJSON,
			call: func(s *CustomerService) (any, error) {
				return s.UpdateCard(bg, custID, custCardID, &CardUpdate{CardName: "Main Visa", AddressZip: "00-001",
					IsDefault: Ptr(false), Extra: map[string]any{"nickname": "x"}})
			},
			check: checkCard},
		{method: "RemoveCard", want: del(custBase + "/payments/card/" + custCardID), resp: custRemovedJSON,
			call:  func(s *CustomerService) (any, error) { return s.RemoveCard(bg, custID, custCardID) },
			check: checkRemoved},

		// Payout cards (v2).
		{method: "AddPayoutCard",
			want: wantRequest{Method: http.MethodPost, Path: "/v2/payout-profiles/card", Body: testCardWire,
				Header: map[string]string{"external-customer-id": custID}},
			resp:  custPayoutCardJSON,
			call:  func(s *CustomerService) (any, error) { return s.AddPayoutCard(bg, custID, testCard()) },
			check: checkPayoutCard},
		{method: "ListPayoutCards", variant: "with customer",
			want: wantRequest{Method: http.MethodGet, Path: "/v2/payout-profiles/card", Query: paging,
				Header: map[string]string{"external-customer-id": custID}},
			resp:  custPage(custPayoutCardJSON),
			call:  func(s *CustomerService) (any, error) { return s.ListPayoutCards(bg, custID, lp) },
			check: pageCheck[PayoutCard](checkPayoutCard)},
		{method: "ListPayoutCards", variant: "without customer",
			want: wantRequest{Method: http.MethodGet, Path: "/v2/payout-profiles/card",
				Header: map[string]string{"external-customer-id": ""}},
			resp:  custPage(custPayoutCardJSON),
			call:  func(s *CustomerService) (any, error) { return s.ListPayoutCards(bg, "", ListParams{}) },
			check: pageCheck[PayoutCard](checkPayoutCard)},
		{method: "AllPayoutCards",
			want: wantRequest{Method: http.MethodGet, Path: "/v2/payout-profiles/card",
				Header: map[string]string{"external-customer-id": custID}},
			resp:  custPage(custPayoutCardJSON),
			call:  func(s *CustomerService) (any, error) { return collect(s.AllPayoutCards(bg, custID, ListParams{})) },
			check: pageCheck[PayoutCard](checkPayoutCard)},
		{method: "UpdatePayoutCard", variant: "escaped id",
			want: wantRequest{Method: http.MethodPatch, Path: "/v2/payout-profiles/card/card%2F7%20%C3%BC%25",
				Body: `{"card":{"expiryDate":"0131","cardHolderName":"Anna Nowak"}}`},
			resp: custPayoutCardJSON,
			call: func(s *CustomerService) (any, error) {
				return s.UpdatePayoutCard(bg, "card/7 ü%", &PayoutCardRequest{Card: &CardDetails{ExpiryDate: "0131", CardHolderName: "Anna Nowak"}})
			},
			check: checkPayoutCard},
		{method: "RemovePayoutCard", want: del("/v2/payout-profiles/card/" + custPayout), resp: custRemovedJSON,
			call:  func(s *CustomerService) (any, error) { return s.RemovePayoutCard(bg, custPayout) },
			check: checkRemoved},

		// Crypto-wallet recipients.
		{method: "AddWalletRecipient",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/withdrawals/dragon",
				Body: `{"walletAddress":"bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh","walletCurrency":"BTC","walletAlias":"Cold wallet","customerId":"` + custID + `","status":"unverified"}`},
			resp: custWalletJSON,
			call: func(s *CustomerService) (any, error) {
				return s.AddWalletRecipient(bg, custID, &WalletRecipientRequest{WalletAddress: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
					WalletCurrency: "BTC", WalletAlias: Ptr("Cold wallet"), CustomerID: custID, Status: types.VerificationUnverified})
			},
			check: checkWallet},
		{method: "AddWalletRecipient", variant: "null alias",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/withdrawals/dragon",
				Body: `{"walletAddress":"0x52908400098527886E0F7030069857D2E4169EE7","walletCurrency":"ETH","walletAlias":null}`},
			resp: custWalletJSON,
			call: func(s *CustomerService) (any, error) {
				return s.AddWalletRecipient(bg, custID, &WalletRecipientRequest{WalletAddress: "0x52908400098527886E0F7030069857D2E4169EE7", WalletCurrency: "ETH"})
			},
			check: checkWallet},
		{method: "ListWalletRecipients", want: get(custBase+"/withdrawals/dragon", "wallet-currency=BTC&"+paging),
			resp: custPage(custWalletJSON),
			call: func(s *CustomerService) (any, error) {
				return s.ListWalletRecipients(bg, custID, WalletRecipientListParams{ListParams: lp, WalletCurrency: "BTC"})
			},
			check: pageCheck[WalletRecipient](checkWallet)},
		{method: "AllWalletRecipients", want: get(custBase+"/withdrawals/dragon", "wallet-currency=ETH"),
			resp: custPage(custWalletJSON),
			call: func(s *CustomerService) (any, error) {
				return collect(s.AllWalletRecipients(bg, custID, WalletRecipientListParams{WalletCurrency: "ETH"}))
			},
			check: pageCheck[WalletRecipient](checkWallet)},
		{method: "GetWalletRecipient", want: get(custBase+"/withdrawals/dragon/"+custRcptID, ""), resp: custWalletJSON,
			call:  func(s *CustomerService) (any, error) { return s.GetWalletRecipient(bg, custID, custRcptID) },
			check: checkWallet},
		{method: "UpdateWalletRecipient", variant: "escaped id",
			want: wantRequest{Method: http.MethodPatch, Path: custBase + "/withdrawals/dragon/rcp%201%3Fx=y%2F2",
				Body: `{"walletAlias":"Hot wallet"}`},
			resp: custWalletJSON,
			call: func(s *CustomerService) (any, error) {
				return s.UpdateWalletRecipient(bg, custID, "rcp 1?x=y/2", &WalletRecipientUpdate{WalletAlias: "Hot wallet"})
			},
			check: checkWallet},
		{method: "RemoveWalletRecipient", want: del(custBase + "/withdrawals/dragon/" + custRcptID), resp: custRemovedJSON,
			call:  func(s *CustomerService) (any, error) { return s.RemoveWalletRecipient(bg, custID, custRcptID) },
			check: checkRemoved},

		// V3 payout cards and recipients.
		{method: "ListPayoutRecipientsV3", want: get(custBase+"/payouts/recipients", paging),
			resp:  custPage(`{"id":"rcp_1","firstName":"Anna","lastName":"Nowak"}`),
			call:  func(s *CustomerService) (any, error) { return s.ListPayoutRecipientsV3(bg, custID, lp) },
			check: pageCheck[SavedPayoutRecipient](checkPayoutRecipient)},
		{method: "AllPayoutRecipientsV3", want: get(custBase+"/payouts/recipients", ""),
			resp: custPage(`{"id":"rcp_1","firstName":"Anna","lastName":"Nowak"}`),
			call: func(s *CustomerService) (any, error) {
				return collect(s.AllPayoutRecipientsV3(bg, custID, ListParams{}))
			},
			check: pageCheck[SavedPayoutRecipient](checkPayoutRecipient)},
		{method: "VerifyPayoutCardV3", variant: "no body",
			want:  wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card/" + custPayout + "/verify"},
			resp:  `{"id":"` + custPayout + `","status":"pending","verificationDate":null}`,
			call:  func(s *CustomerService) (any, error) { return s.VerifyPayoutCardV3(bg, custID, custPayout, nil) },
			check: checkOperation},
		{method: "VerifyPayoutCardV3", variant: "with body",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card/" + custPayout + "/verify",
				Body: `{"returnUrl":"https://shop.example.com/verified"}`},
			resp: `{"id":"` + custPayout + `","status":"pending","verificationDate":null}`,
			call: func(s *CustomerService) (any, error) {
				return s.VerifyPayoutCardV3(bg, custID, custPayout,
					&Object{Extra: map[string]any{"returnUrl": "https://shop.example.com/verified"}})
			},
			check: checkOperation},
		{method: "GetMerchantCustomerPayoutCardV3", want: get(custBase+"/payouts/card/"+custPayout, ""), resp: custPayoutCardJSON,
			call: func(s *CustomerService) (any, error) {
				return s.GetMerchantCustomerPayoutCardV3(bg, custID, custPayout)
			},
			check: checkPayoutCard},
		{method: "InitPayoutCardWidgetV3",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card/widget",
				Body: `{"returnUrl":"https://shop.example.com/cards","language":"pl"}`},
			resp: `{"url":"https://secure.zen.com/widget/ab12","expiresAt":"2024-05-02T09:00:00Z"}`,
			call: func(s *CustomerService) (any, error) {
				return s.InitPayoutCardWidgetV3(bg, custID, &Object{Extra: map[string]any{
					"returnUrl": "https://shop.example.com/cards", "language": "pl"}})
			},
			check: func(t *testing.T, got any) {
				w := got.(*Object)
				assert.Equal(t, "https://secure.zen.com/widget/ab12", w.Extra["url"])
				assert.Len(t, w.Extra, 2)
			}},
		{method: "UpdatePayoutCardAliasV3",
			want: wantRequest{Method: http.MethodPatch, Path: custBase + "/payouts/card/" + custPayout, Body: `{"alias":"Salary card"}`},
			resp: custPayoutCardJSON,
			call: func(s *CustomerService) (any, error) {
				return s.UpdatePayoutCardAliasV3(bg, custID, custPayout, &PayoutCardAliasUpdate{Alias: "Salary card"})
			},
			check: checkPayoutCard},
		{method: "ListPayoutCardsV3", want: get(custBase+"/payouts/card", paging), resp: custPage(custPayoutCardJSON),
			call:  func(s *CustomerService) (any, error) { return s.ListPayoutCardsV3(bg, custID, lp) },
			check: pageCheck[PayoutCard](checkPayoutCard)},
		{method: "AllPayoutCardsV3", want: get(custBase+"/payouts/card", "direction=desc"), resp: custPage(custPayoutCardJSON),
			call: func(s *CustomerService) (any, error) {
				return collect(s.AllPayoutCardsV3(bg, custID, ListParams{Direction: types.Desc}))
			},
			check: pageCheck[PayoutCard](checkPayoutCard)},
		{method: "RemoveMerchantCustomerPayoutCardV3", want: del(custBase + "/payouts/card/" + custPayout), resp: custRemovedJSON,
			call: func(s *CustomerService) (any, error) {
				return s.RemoveMerchantCustomerPayoutCardV3(bg, custID, custPayout)
			},
			check: checkRemoved},
		{method: "AddPayoutCardV3",
			want:  wantRequest{Method: http.MethodPost, Path: custBase + "/payouts/card", Body: testCardWire},
			resp:  custPayoutCardJSON,
			call:  func(s *CustomerService) (any, error) { return s.AddPayoutCardV3(bg, custID, testCard()) },
			check: checkPayoutCard},
		{method: "GetPayoutCardV3", want: get(custBase+"/payouts/card/"+custPayout, ""), resp: custPayoutCardJSON,
			call:  func(s *CustomerService) (any, error) { return s.GetPayoutCardV3(bg, custID, custPayout) },
			check: checkPayoutCard},
		{method: "RemovePayoutCardV3", want: del(custBase + "/payouts/card/" + custPayout), resp: custRemovedJSON,
			call:  func(s *CustomerService) (any, error) { return s.RemovePayoutCardV3(bg, custID, custPayout) },
			check: checkRemoved},

		// PayNow recipients.
		{method: "AddPaynowRecipient",
			want: wantRequest{Method: http.MethodPost, Path: custBase + "/withdrawals/paynow",
				Body: `{"proxyType":"MOBILE","proxyValue":"+6591234567","name":"Anna Nowak"}`},
			resp: `{"id":"pn_42","proxyType":"MOBILE","status":"pending"}`,
			call: func(s *CustomerService) (any, error) {
				return s.AddPaynowRecipient(bg, custID, &PaynowRecipient{Extra: map[string]any{
					"proxyType": "MOBILE", "proxyValue": "+6591234567", "name": "Anna Nowak"}})
			},
			check: func(t *testing.T, got any) {
				p := got.(*PaynowRecipient)
				assert.Equal(t, "pn_42", p.ID)
				assert.Equal(t, map[string]any{"proxyType": "MOBILE", "status": "pending"}, p.Extra)
			}},
		{method: "RemovePaynowRecipient", want: del(custBase + "/withdrawals/paynow/pn_42"), resp: custRemovedJSON,
			call:  func(s *CustomerService) (any, error) { return s.RemovePaynowRecipient(bg, custID, "pn_42") },
			check: checkRemoved},
	}
}

func checkPayoutRecipient(t *testing.T, got any) {
	p := got.(*SavedPayoutRecipient)
	assert.Equal(t, "rcp_1", p.ID)
	assert.Equal(t, "Nowak", p.Extra["lastName"])
}

func checkOperation(t *testing.T, got any) {
	o := got.(*CardOperation)
	assert.Equal(t, custPayout, o.ID)
	assert.Equal(t, types.VerificationPending, o.Status)
}

// TestCustomerEndpointsWire checks, for every endpoint of the group, the
// exact request on the wire and the decoded answer.
func TestCustomerEndpointsWire(t *testing.T) {
	for _, tc := range customerCases() {
		t.Run(strings.TrimSuffix(tc.method+"/"+tc.variant, "/"), func(t *testing.T) {
			c, mock := newTestClient(t)
			rec := expectRequest(t, mock, tc.want, http.StatusOK, tc.resp)
			got, err := tc.call(c.Customers)
			require.NoError(t, err)
			assert.Len(t, rec.IDs(), 1, "exactly one request")
			tc.check(t, got)
		})
	}
}

// TestCustomerCasesCoverEveryMethod fails when a method of CustomerService
// has no row in the wire table, or a row names no method.
func TestCustomerCasesCoverEveryMethod(t *testing.T) {
	rows := map[string]bool{}
	for _, tc := range customerCases() {
		rows[tc.method] = true
	}
	typ := reflect.TypeOf(&CustomerService{})
	for i := 0; i < typ.NumMethod(); i++ {
		assert.True(t, rows[typ.Method(i).Name], "CustomerService.%s has no row in customerCases", typ.Method(i).Name)
	}
	endpoints := 0
	for name := range rows {
		_, ok := typ.MethodByName(name)
		assert.True(t, ok, "row %s names no method", name)
		if !strings.HasPrefix(name, "All") {
			endpoints++
		}
	}
	assert.Equal(t, 30, endpoints, "ZEN's navigation lists 30 customer endpoints")
}

// TestCustomerEndpointTableDocs checks that every method's doc comment names
// the method and path of its endpoint-table entry, so a path correction in
// the table is not left contradicted by the docs.
func TestCustomerEndpointTableDocs(t *testing.T) {
	src := readSource(t, "customers.go")
	docRe := regexp.MustCompile(`// ZEN API: (\w+) (\S+) \(path (confirmed|inferred)\)\nfunc \(s \*CustomerService\) (\w+)\(`)
	matches := docRe.FindAllStringSubmatch(src, -1)
	typ := reflect.TypeOf(&CustomerService{})
	assert.Len(t, matches, typ.NumMethod(), "every method ends its doc with a ZEN API line")
	for _, m := range matches {
		body := src[strings.Index(src, "func (s *CustomerService) "+m[4]+"("):]
		body = body[:strings.Index(body, "\n}\n")]
		epName := regexp.MustCompile(`\b(ep\w+)\b`).FindString(body)
		if epName == "" { // All* methods delegate to their List* method
			continue
		}
		line := regexp.MustCompile(`\t` + epName + `\s+= endpoint\{http\.Method(\w+), "([^"]+)"\}`).FindStringSubmatch(src)
		require.NotNil(t, line, "table entry %s", epName)
		assert.Equal(t, strings.ToUpper(line[1]), m[1], "%s method", m[4])
		assert.Equal(t, line[2], m[2], "%s path", m[4])
	}
}

func readSource(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(data)
}

// TestCustomerValidationMakesNoCall checks that bad input fails with a
// ValidationError naming the field and that no request is sent.
func TestCustomerValidationMakesNoCall(t *testing.T) {
	long := strings.Repeat("x", 129)
	cases := []struct {
		name  string
		field string
		call  func(*CustomerService) error
	}{
		{"empty customer id", "merchantCustomerId", func(s *CustomerService) error { return errOf(s.GetCustomer(bg, "")) }},
		{"customer id not a uuid", "merchantCustomerId", func(s *CustomerService) error { return errOf(s.RemoveCustomer(bg, "cust-1")) }},
		{"card id not a uuid", "id", func(s *CustomerService) error { return errOf(s.GetCard(bg, custID, "card-1")) }},
		{"empty free id", "id", func(s *CustomerService) error { return errOf(s.RemovePayoutCard(bg, "")) }},
		{"dot-dot id", "id", func(s *CustomerService) error { return errOf(s.GetWalletRecipient(bg, custID, "..")) }},
		{"create without id", "id", func(s *CustomerService) error { return errOf(s.CreateCustomer(bg, &Customer{Email: "a@example.com"})) }},
		{"create with bad id", "id", func(s *CustomerService) error { return errOf(s.CreateCustomer(bg, &Customer{ID: "42"})) }},
		{"nil customer", "request", func(s *CustomerService) error { return errOf(s.UpdateCustomer(bg, custID, nil)) }},
		{"long card name", "cardName", func(s *CustomerService) error {
			return errOf(s.UpdateCard(bg, custID, custCardID, &CardUpdate{CardName: long}))
		}},
		{"missing external-customer-id", "external-customer-id", func(s *CustomerService) error { return errOf(s.AddPayoutCard(bg, "", testCard())) }},
		{"header injection", "external-customer-id", func(s *CustomerService) error { return errOf(s.ListPayoutCards(bg, "a\r\nX-Evil: 1", ListParams{})) }},
		{"payout card without card", "card", func(s *CustomerService) error { return errOf(s.AddPayoutCard(bg, custID, &PayoutCardRequest{})) }},
		{"payout card without number", "card.number", func(s *CustomerService) error {
			return errOf(s.AddPayoutCardV3(bg, custID, &PayoutCardRequest{Card: &CardDetails{ExpiryDate: "1230"}}))
		}},
		{"payout card number not digits", "card.number", func(s *CustomerService) error {
			return errOf(s.AddPayoutCard(bg, custID, withCard(func(c *CardDetails) { c.Number = NewSecret("4111 1111 1111 1111") })))
		}},
		{"payout card bad cvv", "card.cvv", func(s *CustomerService) error {
			return errOf(s.UpdatePayoutCard(bg, custPayout, withCard(func(c *CardDetails) { c.CVV = NewSecret("12") })))
		}},
		{"nil payout card", "request", func(s *CustomerService) error { return errOf(s.UpdatePayoutCard(bg, custPayout, nil)) }},
		{"wallet recipient without address", "walletAddress", func(s *CustomerService) error {
			return errOf(s.AddWalletRecipient(bg, custID, &WalletRecipientRequest{WalletCurrency: "BTC"}))
		}},
		{"wallet recipient unknown status", "status", func(s *CustomerService) error {
			return errOf(s.AddWalletRecipient(bg, custID, &WalletRecipientRequest{WalletAddress: "a", WalletCurrency: "BTC", Status: "ok"}))
		}},
		{"wallet recipient long alias", "walletAlias", func(s *CustomerService) error {
			return errOf(s.UpdateWalletRecipient(bg, custID, custRcptID, &WalletRecipientUpdate{WalletAlias: long}))
		}},
		{"negative page", "page", func(s *CustomerService) error { return errOf(s.ListCards(bg, custID, ListParams{Page: -1})) }},
		{"bad direction", "direction", func(s *CustomerService) error {
			return errOf(s.ListWalletRecipients(bg, custID, WalletRecipientListParams{ListParams: ListParams{Direction: "up"}}))
		}},
		{"iterator with bad id", "merchantCustomerId", func(s *CustomerService) error { return errOf(collect(s.AllPayoutCardsV3(bg, "nope", ListParams{}))) }},
		{"nil paynow recipient", "request", func(s *CustomerService) error { return errOf(s.AddPaynowRecipient(bg, custID, nil)) }},
		{"long alias", "alias", func(s *CustomerService) error {
			return errOf(s.UpdatePayoutCardAliasV3(bg, custID, custPayout, &PayoutCardAliasUpdate{Alias: long}))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newTestClient(t)
			err := tc.call(c.Customers)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrValidation)
			assert.Contains(t, validationFields(err), tc.field)
			assertNoCalls(t, mock)
		})
	}
}

// errOf keeps the error of a (result, error) pair.
func errOf[T any](_ T, err error) error { return err }

func TestCustomerNotFound(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: custBase}, http.StatusNotFound, `{"message":"Record Not Found"}`)
	_, err := c.Customers.GetCustomer(context.Background(), custID)
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Record Not Found", apiErr.Message)
}

// TestCardDataNeverPrints checks that card number and CVV stay hidden from
// fmt, slog and encoding/json, and are sent only on the wire.
func TestCardDataNeverPrints(t *testing.T) {
	const number, cvv = "4111111111111111", "987"
	r := testCard()
	var logs bytes.Buffer
	text := slog.New(slog.NewTextHandler(&logs, nil))
	jsonLog := slog.New(slog.NewJSONHandler(&logs, nil))
	text.Info("card", "req", r, "card", r.Card, "value", *r.Card)
	jsonLog.Info("card", "req", r, "card", r.Card, "value", *r.Card)
	js, err := json.Marshal(r)
	require.NoError(t, err)
	jsCard, err := json.Marshal(*r.Card)
	require.NoError(t, err)
	outputs := []string{
		fmt.Sprintf("%v", r), fmt.Sprintf("%+v", r), fmt.Sprintf("%#v", r),
		fmt.Sprintf("%v", *r.Card), fmt.Sprintf("%+v", *r.Card), fmt.Sprintf("%#v", *r.Card), fmt.Sprintf("%s", *r.Card),
		fmt.Sprint(*r), fmt.Sprintf("%+v", *r), fmt.Sprintf("%#v", *r),
		r.Card.Number.String(), r.Card.CVV.String(), string(js), string(jsCard), logs.String(),
	}
	for _, out := range outputs {
		assert.NotContains(t, out, number)
		assert.NotContains(t, out, "\"987\"")
		assert.NotContains(t, out, " 987 ")
		assert.NotContains(t, out, "{987")
	}
	assert.Contains(t, fmt.Sprintf("%+v", *r.Card), "[REDACTED]")
	assert.JSONEq(t, `{"card":{"number":"[REDACTED]","expiryDate":"1230","cvv":"[REDACTED]","cardHolderName":"Anna Nowak"}}`, string(js))
	assert.Equal(t, cvv, r.Card.CVV.Reveal())
}

// custPagesResponder answers a card list from pages (1-based by the page
// query parameter) and counts the calls.
func custPagesResponder(t *testing.T, mock *httpmock.MockTransport, pages func(page string) (int, string)) *atomic.Int32 {
	var calls atomic.Int32
	mock.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`.*`), func(req *http.Request) (*http.Response, error) {
		calls.Add(1)
		page := req.URL.Query().Get("page")
		want := wantRequest{Method: http.MethodGet, Path: custBase + "/payments/card", Query: "itemsPerPage=2"}
		if page != "" {
			want.Query += "&page=" + page
		}
		assertWire(t, req, want, &recorded{})
		status, body := pages(page)
		return httpmock.NewStringResponse(status, body), nil
	})
	return &calls
}

func custCardPage(ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = `{"id":"` + id + `","organization":"visa"}`
	}
	return `{"data":[` + strings.Join(items, ",") + `],"meta":{"page":"1","itemsPerPage":"2"}}`
}

// custFourCardsThen answers pages 1 and 2 with cards a to d and page 3
// with status and body.
func custFourCardsThen(status int, body string) func(page string) (int, string) {
	return func(page string) (int, string) {
		switch page {
		case "":
			return http.StatusOK, custCardPage("a", "b")
		case "2":
			return http.StatusOK, custCardPage("c", "d")
		}
		return status, body
	}
}

func cardIDs(cards []CardV2) []string {
	out := make([]string, len(cards))
	for i, c := range cards {
		out[i] = c.ID
	}
	return out
}

func TestAllCardsWalksEveryPage(t *testing.T) {
	c, mock := newTestClient(t)
	calls := custPagesResponder(t, mock, custFourCardsThen(http.StatusOK, custCardPage("e")))
	params := ListParams{ItemsPerPage: 2}
	got, err := collect(c.Customers.AllCards(context.Background(), custID, params))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, cardIDs(got))
	assert.EqualValues(t, 3, calls.Load())
	assert.Equal(t, ListParams{ItemsPerPage: 2}, params, "caller's params unchanged")
}

func TestAllCardsEarlyBreakFetchesNoMore(t *testing.T) {
	c, mock := newTestClient(t)
	calls := custPagesResponder(t, mock, func(string) (int, string) { return 200, custCardPage("a", "b") })
	for card, err := range c.Customers.AllCards(context.Background(), custID, ListParams{ItemsPerPage: 2}) {
		require.NoError(t, err)
		assert.Equal(t, "a", card.ID)
		break
	}
	assert.EqualValues(t, 1, calls.Load())
}

func TestAllCardsStopsOnRepeatedPage(t *testing.T) {
	c, mock := newTestClient(t)
	calls := custPagesResponder(t, mock, func(string) (int, string) { return 200, custCardPage("a", "b") })
	got, err := collect(c.Customers.AllCards(context.Background(), custID, ListParams{ItemsPerPage: 2}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "repeats the previous page")
	assert.Equal(t, []string{"a", "b"}, cardIDs(got))
	assert.EqualValues(t, 2, calls.Load())
}

func TestAllCardsYieldsErrorOnPageThreeThenStops(t *testing.T) {
	c, mock := newTestClient(t)
	calls := custPagesResponder(t, mock, custFourCardsThen(http.StatusBadRequest, `{"error":{"code":"400","message":"bad page"}}`))
	var ids []string
	var errs []error
	for card, err := range c.Customers.AllCards(context.Background(), custID, ListParams{ItemsPerPage: 2}) {
		if err != nil {
			errs = append(errs, err)
			continue // the iterator must end by itself after an error
		}
		ids = append(ids, card.ID)
	}
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	require.Len(t, errs, 1)
	var apiErr *APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "bad page", apiErr.Message)
	assert.EqualValues(t, 3, calls.Load())
}

func TestAllWalletRecipientsKeepsFilterAcrossPages(t *testing.T) {
	c, mock := newTestClient(t)
	var calls atomic.Int32
	mock.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`.*`), func(req *http.Request) (*http.Response, error) {
		n := calls.Add(1)
		want := wantRequest{Method: http.MethodGet, Path: custBase + "/withdrawals/dragon", Query: "wallet-currency=BTC&itemsPerPage=1"}
		if n == 2 {
			want.Query += "&page=2"
		}
		assertWire(t, req, want, &recorded{})
		if n == 1 {
			return httpmock.NewStringResponse(200, `{"data":[`+custWalletJSON+`],"meta":{"itemsPerPage":"1"}}`), nil
		}
		return httpmock.NewStringResponse(200, `{"data":[],"meta":{"itemsPerPage":"1"}}`), nil
	})
	got, err := collect(c.Customers.AllWalletRecipients(context.Background(), custID,
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
		{"card", custCardJSON, &CardV2{}},
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
	// Decoding into a used value forgets what the previous document had.
	c := Customer{ID: "old", Extra: map[string]any{"stale": 1}}
	require.NoError(t, json.Unmarshal([]byte(`{"email":"a@example.com"}`), &c))
	assert.Equal(t, Customer{Email: "a@example.com"}, c)
}
