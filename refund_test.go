package zen

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

func refundRequest() *RefundCreateRequest {
	return &RefundCreateRequest{
		TransactionID:               testTxID,
		MerchantTransactionID:       "refund-1001-1",
		Amount:                      types.MustAmount("5.50"),
		Currency:                    "PLN",
		Comment:                     "damaged mug",
		OriginMerchantTransactionID: "order-1001",
		Source:                      &types.Source{Channel: types.SourceZenAPI},
	}
}

const refundRequestJSON = `{
	"transactionId": "` + testTxID + `",
	"merchantTransactionId": "refund-1001-1",
	"amount": "5.50",
	"currency": "PLN",
	"comment": "damaged mug",
	"originMerchantTransactionId": "order-1001",
	"source": {"channel": "PTS_ZEN_API"}
}`

func refundTxJSON(status, amount string) string {
	return `{
		"id": "` + testRefundID + `",
		"parentTransactionId": "` + testTxID + `",
		"merchantTransactionId": "refund-1001-1",
		"originMerchantTransactionId": "order-1001",
		"amount": "` + amount + `",
		"currency": "PLN",
		"createdAt": "2025-01-21T10:24:30.573Z",
		"modifiedAt": "2025-01-21T10:24:30.730Z",
		"type": "TRT_REFUND",
		"status": "` + status + `"
	}`
}

func TestRefundCreateMinimalBody(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions/refund",
		Body: `{"transactionId":"` + testTxID + `","merchantTransactionId":"r-2","amount":"1","currency":"PLN"}`}, 200,
		strings.Replace(refundTxJSON("REJECTED", "1"), "refund-1001-1", "r-2", 1)) // ZEN echoes the merchantTransactionId
	tx, err := c.Refunds.Create(context.Background(), &RefundCreateRequest{
		TransactionID: testTxID, MerchantTransactionID: "r-2", Amount: types.MustAmount("1"), Currency: "PLN",
	})
	require.NoError(t, err)
	assert.ErrorIs(t, tx.Err(), ErrRejected)
}

func TestRefundCreateRecoversRefundAfterLostAnswer(t *testing.T) {
	c, mock := newTestClient(t)
	posts := createScript(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions/refund", Body: refundRequestJSON},
		lostAnswer,
		httpmock.NewStringResponder(400, `{"message":"merchantTransactionId must be unique"}`))
	gets := expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/merchant/refund-1001-1"}, 200,
		refundTxJSON("ACCEPTED", "5.5"))

	tx, err := c.Refunds.Create(context.Background(), refundRequest())
	require.NoError(t, err)
	assert.Equal(t, testRefundID, tx.ID)
	assert.Equal(t, types.StatusAccepted, tx.Status)
	ids := posts.IDs()
	require.Len(t, ids, 2)
	assert.Equal(t, ids[0], ids[1])
	assert.Len(t, gets.IDs(), 1)
}

func TestRefundCreateDoesNotRecoverAnotherPurchasesRefund(t *testing.T) {
	c, mock := newTestClient(t)
	createScript(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions/refund", Body: refundRequestJSON},
		lostAnswer, httpmock.NewStringResponder(400, `{"message":"merchantTransactionId must be unique"}`))
	other := strings.Replace(refundTxJSON("ACCEPTED", "5.50"), testTxID, "11111111-2222-3333-4444-555555555555", 1)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/merchant/refund-1001-1"}, 200, other)

	tx, err := c.Refunds.Create(context.Background(), refundRequest())
	assertAPIStatus(t, tx, err, 400)
}

func TestRefundCreateValidation(t *testing.T) {
	create := func(mutate func(*RefundCreateRequest)) func(*Client) error {
		return func(c *Client) error {
			r := refundRequest()
			mutate(r)
			return errOf(c.Refunds.Create(context.Background(), r))
		}
	}
	runValidationCases(t, []validationCase{
		{name: "nil request", field: "request", call: func(c *Client) error { return errOf(c.Refunds.Create(context.Background(), nil)) }},
		{name: "purchase id missing", field: "transactionId", call: create(func(r *RefundCreateRequest) { r.TransactionID = "" })},
		{name: "purchase id not uuid", field: "transactionId", call: create(func(r *RefundCreateRequest) {
			r.TransactionID = "497f6eca62764993bfeb53cbbbba6f08"
		})},
		{name: "refund mtid missing", field: "merchantTransactionId", call: create(func(r *RefundCreateRequest) { r.MerchantTransactionID = "" })},
		{name: "refund mtid pattern", field: "merchantTransactionId", call: create(func(r *RefundCreateRequest) { r.MerchantTransactionID = "r<1>" })},
		{name: "amount missing", field: "amount", call: create(func(r *RefundCreateRequest) { r.Amount = types.Amount{} })},
		{name: "amount negative", field: "amount", call: create(func(r *RefundCreateRequest) { r.Amount = types.MustAmount("-5.50") })},
		{name: "currency", field: "currency", call: create(func(r *RefundCreateRequest) { r.Currency = "zł" })},
		{name: "comment", field: "comment", call: create(func(r *RefundCreateRequest) { r.Comment = strings.Repeat("c", 513) })},
		{name: "origin mtid", field: "originMerchantTransactionId", call: create(func(r *RefundCreateRequest) { r.OriginMerchantTransactionID = strings.Repeat("o", 129) })},
		{name: "source channel", field: "source.channel", call: create(func(r *RefundCreateRequest) { r.Source.Channel = types.SourceChannel(strings.Repeat("C", 33)) })},
	})
}

// TestRefundCreateRecoversWhateverCaseTheUUIDIsIn checks that the purchase
// id is compared as a UUID: a caller's upper-case id matches ZEN's
// lower-case parentTransactionId, so the lost refund is found instead of
// reported as failed (which invites a second refund under a new id).
func TestRefundCreateRecoversWhateverCaseTheUUIDIsIn(t *testing.T) {
	c, mock := newTestClient(t)
	req := refundRequest()
	req.TransactionID = strings.ToUpper(testTxID)
	body := strings.Replace(refundRequestJSON, testTxID, req.TransactionID, 1)
	createScript(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions/refund", Body: body},
		lostAnswer, httpmock.NewStringResponder(400, `{"message":"merchantTransactionId must be unique"}`))
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/merchant/refund-1001-1"}, 200,
		refundTxJSON("ACCEPTED", "5.50"))

	tx, err := c.Refunds.Create(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, testRefundID, tx.ID)
}

// refundCases are the wire rows of RefundService.
func refundCases() []svcCase {
	return []svcCase{{
		method: "Create",
		call:   func(ctx context.Context, c *Client) (any, error) { return c.Refunds.Create(ctx, refundRequest()) },
		want:   wantRequest{Method: http.MethodPost, Path: "/v1/transactions/refund", Body: refundRequestJSON},
		resp:   refundTxJSON("PENDING", "5.50"),
		check: func(t *testing.T, got any) {
			tx := got.(*types.Transaction)
			assert.Equal(t, testRefundID, tx.ID)
			assert.Equal(t, testTxID, tx.ParentTransactionID)
			assert.Equal(t, types.TypeRefund, tx.Type)
			assert.Equal(t, types.StatusPending, tx.Status)
			assert.Equal(t, "5.50", tx.Amount.String())
			assert.NoError(t, tx.Err())
		},
	}}
}
