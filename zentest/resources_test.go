package zentest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

type linkJSON struct {
	ID             string      `json:"id"`
	URL            string      `json:"url"`
	Amount         types.Money `json:"amount"`
	Status         string      `json:"status"`
	Hidden         bool        `json:"hidden"`
	ExpirationDate time.Time   `json:"expirationDate"`
	CreatedAt      time.Time   `json:"createdAt"`
}

func decode[T any](t *testing.T, r resp, status int) T {
	t.Helper()
	require.Equal(t, status, r.Status, "body: %s", r.Body)
	var out T
	require.NoError(t, json.Unmarshal(r.Body, &out), "body: %s", r.Body)
	return out
}

func TestPaymentLinks(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	create := func(amount string) linkJSON {
		return decode[linkJSON](t, call(t, srv, "POST", "/v1/payment-links", map[string]any{
			"merchantTransactionId": newMTID(),
			"amount":                amount,
			"currency":              "EUR",
			"customer":              map[string]any{"email": "buyer@example.com", "firstName": "Ann", "lastName": "Lee"},
			"items":                 []map[string]any{{"name": "Ticket", "price": amount, "quantity": 1}},
			"expirationDate":        clock.Now().Add(time.Hour).Format(time.RFC3339),
		}), http.StatusCreated)
	}
	a, b, c := create("1.00"), create("2.00"), create("3.00")
	assert.Equal(t, srv.CheckoutURL+"/"+a.ID, a.URL)
	assert.Equal(t, clock.Now(), a.CreatedAt)

	page := decode[types.Page[linkJSON]](t, call(t, srv, "GET", "/v1/payment-links?itemsPerPage=2&page=2", nil), 200)
	require.Len(t, page.Data, 1)
	assert.Equal(t, c.ID, page.Data[0].ID)
	assert.Equal(t, types.PageMeta{Page: 2, ItemsPerPage: 2, Direction: types.Asc, SortBy: "createdAt"}, page.Meta)
	page = decode[types.Page[linkJSON]](t, call(t, srv, "GET", "/v1/payment-links?direction=desc", nil), 200)
	require.Len(t, page.Data, 3)
	assert.Equal(t, c.ID, page.Data[0].ID)
	assert.Equal(t, "3.00", page.Data[0].Amount.Amount.String())
	errMessage(t, call(t, srv, "GET", "/v1/payment-links?page=0", nil), 400)

	got := decode[linkJSON](t, call(t, srv, "PATCH", "/v1/payment-links/"+b.ID, map[string]any{"hidden": true}), 200)
	assert.True(t, got.Hidden)
	page = decode[types.Page[linkJSON]](t, call(t, srv, "GET", "/v1/payment-links", nil), 200)
	assert.Len(t, page.Data, 2, "hidden links are left out")
	page = decode[types.Page[linkJSON]](t, call(t, srv, "GET", "/v1/payment-links?showHidden=true", nil), 200)
	assert.Len(t, page.Data, 3)
	assert.Contains(t, errMessage(t, call(t, srv, "PATCH", "/v1/payment-links/"+b.ID, map[string]any{"amount": "9.00"}), 400), "amount: cannot be updated")

	// Paying the link's page settles it and creates the purchase.
	paid := send(t, mustRequest(t, "POST", a.URL+"/pay"))
	assert.Equal(t, http.StatusOK, paid.Status)
	assert.Equal(t, "PAYMENT_PROCESSED", decode[linkJSON](t, call(t, srv, "GET", "/v1/payment-links/"+a.ID, nil), 200).Status)
	page = decode[types.Page[linkJSON]](t, call(t, srv, "GET", "/v1/payment-links?status=NEW&showHidden=true", nil), 200)
	assert.Len(t, page.Data, 2)

	// After the expiration date the link is EXPIRED and cannot be paid.
	clock.Advance(2 * time.Hour)
	assert.Equal(t, "EXPIRED", decode[linkJSON](t, call(t, srv, "GET", "/v1/payment-links/"+c.ID, nil), 200).Status)
	assert.Equal(t, http.StatusConflict, send(t, mustRequest(t, "POST", c.URL+"/pay")).Status)
	got = decode[linkJSON](t, call(t, srv, "PATCH", "/v1/payment-links/"+c.ID, map[string]any{"expirationDate": clock.Now().Add(time.Hour).Format(time.RFC3339)}), 200)
	assert.Equal(t, "NEW", got.Status)
}

func TestPaymentLinkRules(t *testing.T) {
	srv := newServer(t)
	body := map[string]any{
		"merchantTransactionId": newMTID(), "amount": "5.00", "currency": "EUR",
		"customer":       map[string]any{"email": "buyer@example.com", "firstName": "Ann"},
		"items":          []map[string]any{{"name": "A", "price": "2.00", "quantity": 2}},
		"expirationDate": "tomorrow",
	}
	msg := errMessage(t, call(t, srv, "POST", "/v1/payment-links", body), 400)
	assert.Contains(t, msg, "customer.lastName: is required")
	assert.Contains(t, msg, "items: lineAmountTotal values must add up to amount 5.00")
	assert.Contains(t, msg, "expirationDate: must be an RFC 3339 date-time")

	// Each failure is named once.
	body["customer"] = "buyer@example.com"
	msg = errMessage(t, call(t, srv, "POST", "/v1/payment-links", body), 400)
	assert.Equal(t, 1, strings.Count(msg, "customer: must be an object"), msg)
	body["customer"] = map[string]any{"email": "buyer@example.com", "firstName": 7, "lastName": "Lee"}
	msg = errMessage(t, call(t, srv, "POST", "/v1/payment-links", body), 400)
	assert.Equal(t, 1, strings.Count(msg, "customer.firstName: must be a string"), msg)
}

func TestCustomersAndSavedCards(t *testing.T) {
	srv := newServer(t)
	id := uuid.NewString()
	created := decode[map[string]any](t, call(t, srv, "POST", "/v3/customers", map[string]any{
		"id": id, "email": "ann@example.com", "firstName": "Ann", "nickname": "annie",
	}), 200)
	assert.Equal(t, "annie", created["nickname"], "undocumented members are kept")
	assert.Contains(t, created, "createdAt")
	assert.Equal(t, id, created["externalId"], "the merchant's id sent as id is echoed as externalId")
	assert.NotEqual(t, id, created["id"], "id is ZEN's own")
	assert.Equal(t, "new", created["status"])
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v3/customers", map[string]any{"externalId": id, "email": "x@example.com"}), 400), "already exists")
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v3/customers", map[string]any{"id": "nope"}), 400), "id: must be a UUID")

	upd := decode[map[string]any](t, call(t, srv, "PATCH", "/v3/customers/"+id, map[string]any{"lastName": "Lee", "nickname": nil}), 200)
	assert.Equal(t, "Lee", upd["lastName"])
	assert.NotContains(t, upd, "nickname")
	for _, body := range []map[string]any{{"id": nil}, {"id": id}, {"externalId": id}, {"email": nil}} {
		assert.Contains(t, errMessage(t, call(t, srv, "PATCH", "/v3/customers/"+id, body), 400), "cannot be", body)
	}
	got := decode[map[string]any](t, call(t, srv, "GET", "/v3/customers/"+id, nil), 200)
	assert.Equal(t, id, got["externalId"], "a refused PATCH changed no id")
	assert.Equal(t, created["id"], got["id"])
	assert.Equal(t, "ann@example.com", got["email"])
	list := decode[types.Page[map[string]any]](t, call(t, srv, "GET", "/v3/customers", nil), 200)
	require.Len(t, list.Data, 1)
	assert.Equal(t, id, list.Data[0]["externalId"])

	// A purchase saving the card, then one paying with its token.
	body := purchase(newMTID(), "10.00", "5555555555554444")
	body["customer"].(map[string]any)["id"] = id
	body["paymentSpecificData"].(map[string]any)["saveCard"] = true
	first := tx(t, call(t, srv, "POST", "/v1/transactions", body))
	require.NotEmpty(t, first.CardInfo.Token)
	assert.Equal(t, "mastercard", first.CardInfo.Organization)
	cards := decode[types.Page[map[string]any]](t, call(t, srv, "GET", "/v3/customers/"+id+"/payments/card", nil), 200)
	require.Len(t, cards.Data, 1)
	assert.Equal(t, first.CardInfo.Token, cards.Data[0]["id"])
	assert.Equal(t, first.ID, cards.Data[0]["firstTransactionId"])
	card := decode[map[string]any](t, call(t, srv, "GET", "/v3/customers/"+id+"/payments/card/"+first.CardInfo.Token, nil), 200)
	assert.Equal(t, id, card["customerId"])
	errMessage(t, call(t, srv, "GET", "/v3/customers/"+uuid.NewString()+"/payments/card/"+first.CardInfo.Token, nil), 404)

	again := purchase(newMTID(), "3.00", "")
	again["paymentSpecificData"] = map[string]any{"type": "oneclick", "cardToken": first.CardInfo.Token}
	second := tx(t, call(t, srv, "POST", "/v1/transactions", again))
	assert.Equal(t, types.StatusAuthorized, second.Status)
	assert.Equal(t, "4444", string(second.CardInfo.LastFourDigits))
	again["merchantTransactionId"], again["paymentSpecificData"] = newMTID(), map[string]any{"type": "oneclick", "cardToken": "unknown"}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", again), 400), "cardToken")

	noID := purchase(newMTID(), "1.00", zentest.CardApproved)
	noID["paymentSpecificData"].(map[string]any)["saveCard"] = true
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", noID), 400), "customer.id")

	ok := decode[map[string]bool](t, call(t, srv, "DELETE", "/v3/customers/"+id+"/payments/card/"+first.CardInfo.Token, nil), 200)
	assert.True(t, ok["success"])
	errMessage(t, call(t, srv, "DELETE", "/v3/customers/"+id+"/payments/card/"+first.CardInfo.Token, nil), 404)
	assert.True(t, decode[map[string]bool](t, call(t, srv, "DELETE", "/v3/customers/"+id, nil), 200)["success"])
	errMessage(t, call(t, srv, "GET", "/v3/customers/"+id, nil), 404)
}

type terminalsJSON struct {
	Meta struct {
		Limit      *int     `json:"limit"`
		Offset     *int     `json:"offset"`
		Direction  string   `json:"direction"`
		HasMore    *bool    `json:"hasMore"`
		Currencies []string `json:"currencies"`
	} `json:"meta"`
	Data []struct {
		PaymentMethod   string `json:"paymentMethod"`
		PaymentChannels []struct {
			PaymentChannel    string   `json:"paymentChannel"`
			CardOrganizations []string `json:"cardOrganizations"`
		} `json:"paymentChannels"`
	} `json:"data"`
}

func TestTerminals(t *testing.T) {
	srv := newServer(t)
	all := decode[terminalsJSON](t, call(t, srv, "GET", "/v3/terminals?transactionType=TRT_PURCHASE&amount=10.00&currency=PLN", nil), 200)
	require.Len(t, all.Data, 2)
	assert.Equal(t, "PME_CARD", all.Data[0].PaymentMethod)
	assert.Equal(t, "PCL_CARD", all.Data[0].PaymentChannels[0].PaymentChannel)
	assert.Equal(t, []string{"COR_VISA", "COR_MASTERCARD"}, all.Data[0].PaymentChannels[0].CardOrganizations)
	assert.Equal(t, "PME_BLIK", all.Data[1].PaymentMethod)
	assert.Equal(t, 0, *all.Meta.Offset)
	assert.Equal(t, "asc", all.Meta.Direction, "ZEN's meta carries direction")
	assert.False(t, *all.Meta.HasMore)
	assert.Equal(t, []string{"EUR", "GBP", "PLN", "USD"}, all.Meta.Currencies)

	eur := decode[terminalsJSON](t, call(t, srv, "GET", "/v3/terminals?currency=EUR", nil), 200)
	assert.Len(t, eur.Data, 1, "BLIK takes PLN only")
	first := decode[terminalsJSON](t, call(t, srv, "GET", "/v3/terminals?limit=1", nil), 200)
	assert.Len(t, first.Data, 1)
	assert.True(t, *first.Meta.HasMore)
	assert.Equal(t, 1, *first.Meta.Limit)
	msg := errMessage(t, call(t, srv, "GET", "/v3/terminals?amount=1e3&currency=pln&limit=0", nil), 400)
	assert.Contains(t, msg, "amount:")
	assert.Contains(t, msg, "currency:")
	assert.Contains(t, msg, "limit:")
}

// TestTerminalsRefuseABadAmount: both listings refuse an amount that is
// not one ZEN takes, naming the field and the rule; v2 also requires one.
func TestTerminalsRefuseABadAmount(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{"/v3/terminals", "/v2/terminals"} {
		for _, amount := range []string{"1e3", "-1.00", "1.0000000000000"} {
			q := "?transactionType=TRT_PURCHASE&currency=PLN&amount=" + amount
			assert.Equal(t, "amount: "+types.AmountRule, errMessage(t, call(t, srv, "GET", path+q, nil), 400), path+q)
		}
		ok := "?transactionType=TRT_PURCHASE&currency=PLN&amount=10.00"
		assert.Equal(t, http.StatusOK, call(t, srv, "GET", path+ok, nil).Status, path+ok)
	}
	assert.Equal(t, "amount: is required",
		errMessage(t, call(t, srv, "GET", "/v2/terminals?transactionType=TRT_PURCHASE&currency=PLN", nil), 400))
}
