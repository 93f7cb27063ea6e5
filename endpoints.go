package zen

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/zen-go/zen/internal/transport"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// confidence says how sure we are of an endpoint's path: confirmed by ZEN's
// reference or a working client, or inferred by analogy with its
// neighbours (a corrected inferred path is a patch release).
type confidence string

const (
	confirmed confidence = "confirmed"
	inferred  confidence = "inferred"
)

// Retry classes of the table, named for what a resend can do.
const (
	idempotent = transport.Idempotent // GET, PATCH, DELETE and pure calculations
	keyed      = transport.Keyed      // POSTs carrying a required merchantTransactionId
	unsafe     = transport.Unsafe     // other POSTs: resent only when certainly not sent
)

// endpoint is one operation of ZEN's API as the SDK calls it.
type endpoint struct {
	method string
	// path is the template; each {name} is filled with the escaped path
	// parameter of that name (see call).
	path  string
	sure  confidence
	retry transport.Retry
	// money marks operations that create or move money: they end in one of
	// three outcomes (see postOnce).
	money bool
	// readBack, for a money operation, is the GET that reads its
	// transaction back after an unknown outcome: by merchantTransactionId
	// for a create, by id for a capture or cancel. Renewals have none: no
	// read-back can prove one.
	readBack *endpoint
	// checkout sends the call to the hosted-checkout host, without
	// credentials (the body is signed instead).
	checkout bool
	// file marks a download: any media type is accepted and a GET redirect
	// to another origin is followed without credentials.
	file bool
	// header is sent on every call of the endpoint, e.g. the Apple Pay
	// session's checkout-version.
	header [2]string
}

// Every endpoint the SDK calls, in the order of ZEN's API reference. This is
// the one place a path, a verb or a retry class is written; each service
// method is a short call over its row.
var (
	// purchase
	epPurchaseCreate       = &endpoint{method: http.MethodPost, path: "/v1/transactions", sure: confirmed, retry: keyed, money: true, readBack: epPurchaseGetByMTID}
	epPurchaseCapture      = &endpoint{method: http.MethodPost, path: "/v1/transactions/capture", sure: confirmed, retry: keyed, money: true, readBack: epPurchaseGet}
	epPurchaseGet          = &endpoint{method: http.MethodGet, path: "/v1/transactions/{id}", sure: confirmed, retry: idempotent}
	epPurchaseGetByMTID    = &endpoint{method: http.MethodGet, path: "/v1/transactions/merchant/{merchantTransactionId}", sure: confirmed, retry: idempotent}
	epPurchaseCancel       = &endpoint{method: http.MethodPost, path: "/v1/transactions/cancel", sure: inferred, retry: keyed, money: true, readBack: epPurchaseGet}
	epPurchaseRenew        = &endpoint{method: http.MethodPost, path: "/v1/transactions/renewAuthorization", sure: confirmed, retry: keyed, money: true}
	epApplePaySession      = &endpoint{method: http.MethodPost, path: "/v1/applepay/session", sure: confirmed, retry: idempotent, header: [2]string{"checkout-version", "securebroker"}}
	epCashbackCalculate    = &endpoint{method: http.MethodPost, path: "/v1/cashback/calculate", sure: confirmed, retry: idempotent}
	epRefundCreate         = &endpoint{method: http.MethodPost, path: "/v1/transactions/refund", sure: confirmed, retry: keyed, money: true, readBack: epPurchaseGetByMTID}
	epPayoutCreate         = &endpoint{method: http.MethodPost, path: "/v1/payouts", sure: confirmed, retry: keyed, money: true, readBack: epPayoutGetByMTID}
	epPayoutGet            = &endpoint{method: http.MethodGet, path: "/v1/payouts/{id}", sure: confirmed, retry: idempotent}
	epPayoutGetByMTID      = &endpoint{method: http.MethodGet, path: "/v1/payouts/merchant/{merchantTransactionId}", sure: confirmed, retry: idempotent}
	epPayoutCapture        = &endpoint{method: http.MethodPost, path: "/v1/payouts/capture", sure: inferred, retry: keyed, money: true, readBack: epPayoutGet}
	epPayoutCancel         = &endpoint{method: http.MethodPost, path: "/v1/payouts/cancel", sure: inferred, retry: keyed, money: true, readBack: epPayoutGet}
	epPayoutRenew          = &endpoint{method: http.MethodPost, path: "/v1/payouts/renew", sure: inferred, retry: keyed, money: true}
	epPayoutGetV2          = &endpoint{method: http.MethodGet, path: "/v2/payouts/{id}", sure: inferred, retry: idempotent}
	epPayoutOffersRefresh  = &endpoint{method: http.MethodPost, path: "/v1/payouts/{id}/offers/refresh", sure: inferred, retry: unsafe}
	epPayoutOfferSelect    = &endpoint{method: http.MethodPost, path: "/v1/payouts/{id}/offers/select", sure: inferred, retry: unsafe}
	epPaymentMethodsV3     = &endpoint{method: http.MethodGet, path: "/v3/terminals", sure: confirmed, retry: idempotent}
	epPaymentMethodsV1     = &endpoint{method: http.MethodGet, path: "/v1/terminals", sure: confirmed, retry: idempotent}
	epPaymentMethodsV2     = &endpoint{method: http.MethodGet, path: "/v2/terminals", sure: inferred, retry: idempotent}
	epPaymentLinkCreate    = &endpoint{method: http.MethodPost, path: "/v1/payment-links", sure: confirmed, retry: keyed}
	epPaymentLinkList      = &endpoint{method: http.MethodGet, path: "/v1/payment-links", sure: confirmed, retry: idempotent}
	epPaymentLinkGet       = &endpoint{method: http.MethodGet, path: "/v1/payment-links/{id}", sure: inferred, retry: idempotent}
	epPaymentLinkUpdate    = &endpoint{method: http.MethodPatch, path: "/v1/payment-links/{id}", sure: inferred, retry: idempotent}
	epCustomerCreate       = &endpoint{method: http.MethodPost, path: "/v3/customers", sure: confirmed, retry: unsafe}
	epCustomerDelete       = &endpoint{method: http.MethodDelete, path: "/v3/customers/{merchantCustomerId}", sure: confirmed, retry: idempotent}
	epWalletRecipientAdd   = &endpoint{method: http.MethodPost, path: "/v3/customers/{merchantCustomerId}/withdrawals/dragon", sure: confirmed, retry: unsafe}
	epPayoutCardV2Add      = &endpoint{method: http.MethodPost, path: "/v2/payout-profiles/card", sure: confirmed, retry: unsafe}
	epPayoutCardV2Delete   = &endpoint{method: http.MethodDelete, path: "/v2/payout-profiles/card/{id}", sure: inferred, retry: idempotent}
	epPayoutCardV2List     = &endpoint{method: http.MethodGet, path: "/v2/payout-profiles/card", sure: inferred, retry: idempotent}
	epPayoutCardV2Update   = &endpoint{method: http.MethodPatch, path: "/v2/payout-profiles/card/{id}", sure: inferred, retry: idempotent}
	epCustomerList         = &endpoint{method: http.MethodGet, path: "/v3/customers", sure: inferred, retry: idempotent}
	epCustomerGet          = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}", sure: inferred, retry: idempotent}
	epCustomerUpdate       = &endpoint{method: http.MethodPatch, path: "/v3/customers/{merchantCustomerId}", sure: inferred, retry: idempotent}
	epCardGet              = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/payments/card/{id}", sure: confirmed, retry: idempotent}
	epCardUpdate           = &endpoint{method: http.MethodPatch, path: "/v3/customers/{merchantCustomerId}/payments/card/{id}", sure: inferred, retry: idempotent}
	epCardDelete           = &endpoint{method: http.MethodDelete, path: "/v3/customers/{merchantCustomerId}/payments/card/{id}", sure: confirmed, retry: idempotent}
	epCardList             = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/payments/card", sure: confirmed, retry: idempotent}
	epWalletRecipientList  = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/withdrawals/dragon", sure: confirmed, retry: idempotent}
	epWalletRecipientGet   = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/withdrawals/dragon/{id}", sure: inferred, retry: idempotent}
	epWalletRecipientEdit  = &endpoint{method: http.MethodPatch, path: "/v3/customers/{merchantCustomerId}/withdrawals/dragon/{id}", sure: inferred, retry: idempotent}
	epWalletRecipientDel   = &endpoint{method: http.MethodDelete, path: "/v3/customers/{merchantCustomerId}/withdrawals/dragon/{id}", sure: inferred, retry: idempotent}
	epPayoutRecipientList  = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/payouts/recipients", sure: inferred, retry: idempotent}
	epPayoutCardVerify     = &endpoint{method: http.MethodPost, path: "/v3/customers/{merchantCustomerId}/payouts/card/{id}/verify", sure: inferred, retry: unsafe}
	epMerchantPayoutCard   = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/payouts/recipients/{id}", sure: inferred, retry: idempotent}
	epPayoutCardWidget     = &endpoint{method: http.MethodPost, path: "/v3/customers/{merchantCustomerId}/payouts/card/widget", sure: inferred, retry: unsafe}
	epPayoutCardAlias      = &endpoint{method: http.MethodPatch, path: "/v3/customers/{merchantCustomerId}/payouts/card/{id}", sure: inferred, retry: idempotent}
	epPayoutCardV3List     = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/payouts/card", sure: inferred, retry: idempotent}
	epMerchantPayoutDelete = &endpoint{method: http.MethodDelete, path: "/v3/customers/{merchantCustomerId}/payouts/recipients/{id}", sure: inferred, retry: idempotent}
	epPayoutCardV3Add      = &endpoint{method: http.MethodPost, path: "/v3/customers/{merchantCustomerId}/payouts/card", sure: inferred, retry: unsafe}
	epPayoutCardV3Get      = &endpoint{method: http.MethodGet, path: "/v3/customers/{merchantCustomerId}/payouts/card/{id}", sure: inferred, retry: idempotent}
	epPayoutCardV3Delete   = &endpoint{method: http.MethodDelete, path: "/v3/customers/{merchantCustomerId}/payouts/card/{id}", sure: inferred, retry: idempotent}
	epPaynowRecipientAdd   = &endpoint{method: http.MethodPost, path: "/v3/customers/{merchantCustomerId}/withdrawals/paynow", sure: inferred, retry: unsafe}
	epPaynowRecipientDel   = &endpoint{method: http.MethodDelete, path: "/v3/customers/{merchantCustomerId}/withdrawals/paynow/{id}", sure: inferred, retry: idempotent}
	epAuthorizationCalc    = &endpoint{method: http.MethodPost, path: "/v1/authorization/calculate", sure: confirmed, retry: keyed}
	epAuthorizationCalcRev = &endpoint{method: http.MethodPost, path: "/v1/authorization/calculate/reversed", sure: confirmed, retry: keyed}
	epProductList          = &endpoint{method: http.MethodGet, path: "/v1/subscriptions/products", sure: confirmed, retry: idempotent}
	epProductCreate        = &endpoint{method: http.MethodPost, path: "/v1/subscriptions/products", sure: inferred, retry: unsafe}
	epProductGet           = &endpoint{method: http.MethodGet, path: "/v1/subscriptions/products/{id}", sure: inferred, retry: idempotent}
	epProductUpdate        = &endpoint{method: http.MethodPatch, path: "/v1/subscriptions/products/{id}", sure: inferred, retry: idempotent}
	epProductDelete        = &endpoint{method: http.MethodDelete, path: "/v1/subscriptions/products/{id}", sure: inferred, retry: idempotent}
	epPlanList             = &endpoint{method: http.MethodGet, path: "/v1/subscriptions/plans", sure: inferred, retry: idempotent}
	epPlanCreate           = &endpoint{method: http.MethodPost, path: "/v1/subscriptions/plans", sure: inferred, retry: unsafe}
	epPlanGet              = &endpoint{method: http.MethodGet, path: "/v1/subscriptions/plans/{id}", sure: inferred, retry: idempotent}
	epPlanDelete           = &endpoint{method: http.MethodDelete, path: "/v1/subscriptions/plans/{id}", sure: inferred, retry: idempotent}
	epPlanActivate         = &endpoint{method: http.MethodPost, path: "/v1/subscriptions/plans/{id}/activate", sure: confirmed, retry: unsafe}
	epPlanDeactivate       = &endpoint{method: http.MethodPost, path: "/v1/subscriptions/plans/{id}/deactivate", sure: inferred, retry: unsafe}
	epSubscriptionList     = &endpoint{method: http.MethodGet, path: "/v1/subscriptions", sure: inferred, retry: idempotent}
	epSubscriptionGet      = &endpoint{method: http.MethodGet, path: "/v1/subscriptions/{id}", sure: inferred, retry: idempotent}
	epSubscriptionDelete   = &endpoint{method: http.MethodDelete, path: "/v1/subscriptions/{id}", sure: inferred, retry: idempotent}
	epSubscriptionCancel   = &endpoint{method: http.MethodPost, path: "/v1/subscriptions/{id}/cancel", sure: inferred, retry: unsafe}
	epReportFile           = &endpoint{method: http.MethodGet, path: "/v1/reports/{id}/file", sure: inferred, retry: idempotent, file: true}
	epCheckoutCreate       = &endpoint{method: http.MethodPost, path: "/api/checkouts", sure: confirmed, retry: keyed, checkout: true}
)

// pathParam is one path parameter and its rule: a UUID when ZEN documents
// one, otherwise at most maxLen characters, no dot segment and no control
// characters (see validate.PathParam).
type pathParam struct {
	name, value string
	uuid        bool
	maxLen      int
}

// uuidParam is a path parameter that ZEN documents as a UUID.
func uuidParam(name, v string) pathParam { return pathParam{name: name, value: v, uuid: true} }

// textParam is a path parameter of at most maxLen characters.
func textParam(name, v string, maxLen int) pathParam {
	return pathParam{name: name, value: v, maxLen: maxLen}
}

// uuidID is an {id} that ZEN documents as a UUID.
func uuidID(v string) pathParam { return uuidParam("id", v) }

// freeID is an {id} whose format and length ZEN does not document; it is
// held to our cap validate.MaxPathParam.
func freeID(v string) pathParam { return textParam("id", v, validate.MaxPathParam) }

// mtidParam is a merchantTransactionId in a path: ZEN's length and pattern.
func mtidParam(v string) pathParam { return pathParam{name: "merchantTransactionId", value: v} }

func (p pathParam) check(v *validate.Checker) {
	switch {
	case p.uuid:
		v.UUID(p.name, p.value, true)
	case p.name == "merchantTransactionId" && p.maxLen == 0:
		if v.PathParam(p.name, p.value, 128) {
			v.MerchantTransactionID(p.name, p.value, true)
		}
	default:
		v.PathParam(p.name, p.value, p.maxLen)
	}
}

// args is one call's input before it is sent.
type args struct {
	ids   []pathParam
	query url.Values
	// body is nil for no body; a typed nil pointer is a missing required
	// body (a *ValidationError "request: is required").
	body   any
	header http.Header
	// params are the list or query parameters, checked before the call.
	params validator
	// check adds checks made before the call (headers, ids in the body).
	check func(*validate.Checker)
}

// prepare checks r's parameters, body presence and extra checks, and
// returns the path with its parameters filled in and escaped.
func (ep *endpoint) prepare(r args) (string, error) {
	path := ep.path
	rv := reflect.ValueOf(r.body)
	missing := rv.Kind() == reflect.Pointer && rv.IsNil()
	// A call with nothing to check here (no path parameters or extra
	// checks, and its body, as a create) makes no Checker.
	if len(r.ids) > 0 || r.check != nil || missing || strings.Contains(path, "{") {
		v := validate.New()
		for _, p := range r.ids {
			p.check(v)
			path = strings.Replace(path, "{"+p.name+"}", url.PathEscape(p.value), 1)
		}
		if strings.Contains(path, "{") {
			// A bug in this package (its tests call every endpoint),
			// reported rather than sent to a wrong URL.
			v.Fail("path", "internal error: unfilled parameter in "+ep.path)
		}
		if missing {
			v.Fail("request", "is required")
		} else if r.check != nil {
			r.check(v)
		}
		if err := v.Err(); err != nil {
			return "", err
		}
	}
	if r.params != nil {
		if err := r.params.Validate(); err != nil {
			return "", err
		}
	}
	if len(r.query) > 0 {
		path += "?" + r.query.Encode()
	}
	return path, nil
}

// call makes the call of ep with r through the client's one request path
// and decodes the answer into a new T.
func call[T any](ctx context.Context, c *Client, ep *endpoint, r args) (*T, error) {
	if err := validate.Context(ctx); err != nil {
		return nil, err
	}
	path, err := ep.prepare(r)
	if err != nil {
		return nil, err
	}
	var out T
	if err := c.do(ctx, ep, path, r.body, &out, r.header, nil); err != nil {
		return nil, err
	}
	return &out, nil
}

// callMoney is call for the operations that create or move money: it ends
// in one of three outcomes, settling doubt with rb (see postOnce).
func callMoney(ctx context.Context, c *Client, ep *endpoint, r args, rb readBack) (*types.Transaction, error) {
	if err := validate.Context(ctx); err != nil {
		return nil, err
	}
	path, err := ep.prepare(r)
	if err != nil {
		return nil, err
	}
	return c.postOnce(ctx, ep, path, r.body, rb)
}

// callDelete is call for ZEN's delete operations, which answer {"success":
// bool} or nothing: an explicit false is an error matching ErrNotDeleted.
func callDelete(ctx context.Context, c *Client, ep *endpoint, r args) error {
	res, err := call[json.RawMessage](ctx, c, ep, r)
	if err != nil {
		return err
	}
	var out struct {
		Success *bool `json:"success"`
	}
	if json.Unmarshal(*res, &out) == nil && out.Success != nil && !*out.Success {
		path, _ := ep.prepare(r)
		return fmt.Errorf("zen: %s %s: %w", ep.method, stripQuery(path), ErrNotDeleted)
	}
	return nil
}

// optionalBody turns a nil request pointer into no body at all, for
// operations whose body is optional.
func optionalBody[T any](in *T) any {
	if in == nil {
		return nil
	}
	return in
}

// ids lists a call's path parameters.
func ids(p ...pathParam) []pathParam { return p }

// pageReq is a list call: q (may be nil) plus the paging parameters, and
// the path parameters.
func pageReq(p ListParams, q url.Values, params ...pathParam) args {
	if q == nil {
		q = url.Values{}
	}
	p.encode(q)
	return args{ids: params, query: q, check: p.check}
}
