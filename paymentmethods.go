package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"reflect"
	"strconv"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// PaymentMethodListParams filters the payment methods of the terminal. Zero
// values are left out of the query, so ZEN's defaults apply. The params are
// copied by List and All, never changed.
type PaymentMethodListParams struct {
	// TransactionType selects methods usable for a kind of transaction:
	// TRT_PURCHASE, TRT_REFUND, or TRT_AUTH for recurring payments.
	TransactionType types.TransactionType
	// Amount and Currency keep only methods that accept that payment.
	Amount   types.Amount
	Currency string
	// Limit is the page size and Offset the number of methods to skip.
	Limit  int
	Offset int
}

// Validate checks the filters against ZEN's patterns and the paging values.
func (p PaymentMethodListParams) Validate() error {
	v := validate.New()
	v.Match("transactionType", string(p.TransactionType), validate.TransactionType)
	v.Amount("amount", p.Amount, false)
	if p.Currency != "" {
		v.Currency("currency", p.Currency)
	}
	if p.Limit < 0 {
		v.Fail("limit", "must be at least 1")
	}
	if p.Offset < 0 {
		v.Fail("offset", "must not be negative")
	}
	return v.Err()
}

func (p PaymentMethodListParams) query() url.Values {
	q := url.Values{}
	if p.TransactionType != "" {
		q.Set("transactionType", string(p.TransactionType))
	}
	if !p.Amount.IsZero() {
		q.Set("amount", p.Amount.String())
	}
	if p.Currency != "" {
		q.Set("currency", p.Currency)
	}
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.Offset > 0 {
		q.Set("offset", strconv.Itoa(p.Offset))
	}
	return q
}

// PaymentMethodInfo is one payment method of the terminal (for example
// PME_CARD) with the channels through which it can be paid. Members the SDK
// does not model are kept in Extra.
type PaymentMethodInfo struct {
	PaymentMethod     types.PaymentMethod        `json:"paymentMethod"`
	PaymentMethodName string                     `json:"paymentMethodName,omitempty"`
	MethodLogoURL     string                     `json:"methodLogoUrl,omitempty"`
	PaymentChannels   []PaymentChannelInfo       `json:"paymentChannels"`
	Extra             map[string]json.RawMessage `json:"-"`
}

type paymentMethodInfoFields PaymentMethodInfo

// MarshalJSON writes the modelled fields followed by Extra.
func (m PaymentMethodInfo) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(paymentMethodInfoFields(m))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (m *PaymentMethodInfo) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*paymentMethodInfoFields)(m))
}

// JSONInline marks PaymentMethodInfo's JSON methods as the SDK engine's own.
func (*PaymentMethodInfo) JSONInline(jsonx.Inline) {}

// PaymentChannelInfo is one channel of a payment method (for example
// PCL_APPLEPAY): the currencies and card organizations it accepts and
// whether it carries an authorization fee or cashback. Members the SDK does
// not model are kept in Extra.
type PaymentChannelInfo struct {
	PaymentChannel      types.PaymentChannel       `json:"paymentChannel"`
	PaymentChannelName  string                     `json:"paymentChannelName,omitempty"`
	Currencies          []string                   `json:"currencies"`
	CryptoCurrencies    []string                   `json:"cryptoCurrencies"`
	CardOrganizations   []types.CardOrganization   `json:"cardOrganizations"`
	ChannelLogoURL      string                     `json:"channelLogoUrl,omitempty"`
	LastUsed            bool                       `json:"lastUsed"`
	HasAuthorizationFee bool                       `json:"hasAuthorizationFee"`
	HasCashback         bool                       `json:"hasCashback"`
	Extra               map[string]json.RawMessage `json:"-"`
}

type paymentChannelInfoFields PaymentChannelInfo

// MarshalJSON writes the modelled fields followed by Extra.
func (c PaymentChannelInfo) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(paymentChannelInfoFields(c))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (c *PaymentChannelInfo) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*paymentChannelInfoFields)(c))
}

// JSONInline marks PaymentChannelInfo's JSON methods as the SDK engine's own.
func (*PaymentChannelInfo) JSONInline(jsonx.Inline) {}

// List returns one page of the terminal's payment methods. Page.Meta
// carries limit, offset, hasMore and the terminal's currencies.
//
// ZEN API: GET /v3/terminals (path confirmed)
func (s *PaymentMethodService) List(ctx context.Context, params PaymentMethodListParams) (*types.Page[PaymentMethodInfo], error) {
	return call[types.Page[PaymentMethodInfo]](ctx, s.client, epPaymentMethodsV3, args{query: params.query(), params: params})
}

// All walks every payment method from params.Offset on, fetching pages of
// params.Limit lazily; it stops after the last page (hasMore false), when
// the loop breaks, or after yielding the first error. ZEN's page for
// /v3/terminals documents limit but shows offset only in meta: if ZEN
// ignores the offset sent (meta echoes another one, or the same page comes
// back), All stops cleanly after the methods it has, without an error.
//
// ZEN API: GET /v3/terminals (path confirmed)
func (s *PaymentMethodService) All(ctx context.Context, params PaymentMethodListParams) iter.Seq2[PaymentMethodInfo, error] {
	return func(yield func(PaymentMethodInfo, error) bool) {
		var prev []PaymentMethodInfo
		fetch := func(ctx context.Context, p PaymentMethodListParams) (*types.Page[PaymentMethodInfo], error) {
			pg, err := s.List(ctx, p)
			if err != nil {
				return nil, err
			}
			if prev != nil && offsetIgnored(p, pg, prev) {
				return &types.Page[PaymentMethodInfo]{Meta: pg.Meta}, nil // an empty page ends the walk
			}
			prev = pg.Data
			return pg, nil
		}
		iterate(ctx, params, fetch, nextPaymentMethods)(yield)
	}
}

// offsetIgnored reports whether a page fetched at p.Offset (after the first)
// shows that ZEN ignored the offset: meta echoes a different one, or the
// methods are those of the previous page.
func offsetIgnored(p PaymentMethodListParams, pg *types.Page[PaymentMethodInfo], prev []PaymentMethodInfo) bool {
	if off := int(pg.Meta.Offset); off != 0 && off != p.Offset {
		return true
	}
	return len(pg.Data) > 0 && reflect.DeepEqual(pg.Data, prev)
}

// nextPaymentMethods moves offset-paged params past a page of n methods, or
// reports false when that was the last page: ZEN said hasMore false, or
// (without hasMore) the page was empty or shorter than the limit.
func nextPaymentMethods(p PaymentMethodListParams, n int, meta types.PageMeta) (PaymentMethodListParams, bool) {
	if n == 0 {
		return p, false
	}
	if meta.HasMore != nil {
		if !*meta.HasMore {
			return p, false
		}
	} else {
		limit := int(meta.Limit)
		if limit <= 0 {
			limit = p.Limit
		}
		if limit <= 0 || n < limit {
			return p, false
		}
	}
	p.Offset += n
	return p, true
}

// PaymentMethodListLegacyParams filters the legacy listing: Currency plus
// page-numbered paging with a direction. ZEN's OpenAPI file documents
// exactly currency, itemsPerPage, page and direction (no sortBy).
type PaymentMethodListLegacyParams struct {
	Page         int             // 1-based page number
	ItemsPerPage int             // page size
	Direction    types.Direction // asc or desc
	Currency     string
}

func (p PaymentMethodListLegacyParams) paging() ListParams {
	return ListParams{Page: p.Page, ItemsPerPage: p.ItemsPerPage, Direction: p.Direction}
}

// Validate checks the currency and the paging values.
func (p PaymentMethodListLegacyParams) Validate() error {
	v := validate.New()
	p.paging().check(v)
	if p.Currency != "" {
		v.Currency("currency", p.Currency)
	}
	return v.Err()
}

// LegacyPaymentMethod is one channel as the legacy listing describes it.
// Maintenance, Cashback and Meta are kept raw (their shapes vary), and
// members the SDK does not model are kept in Extra.
type LegacyPaymentMethod struct {
	Active                bool                       `json:"active"`
	PaymentChannel        types.PaymentChannel       `json:"paymentChannel"`
	PaymentChannelLogoURL string                     `json:"paymentChannelLogoUrl,omitempty"`
	Maintenance           json.RawMessage            `json:"maintenance,omitempty"`
	Currencies            []string                   `json:"currencies,omitempty"`
	Segments              []string                   `json:"segments,omitempty"`
	CryptoCurrencies      []string                   `json:"cryptoCurrencies,omitempty"`
	Cashback              json.RawMessage            `json:"cashback,omitempty"`
	Meta                  json.RawMessage            `json:"meta,omitempty"`
	Extra                 map[string]json.RawMessage `json:"-"`
}

type legacyPaymentMethodFields LegacyPaymentMethod

// MarshalJSON writes the modelled fields followed by Extra.
func (m LegacyPaymentMethod) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(legacyPaymentMethodFields(m))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (m *LegacyPaymentMethod) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*legacyPaymentMethodFields)(m))
}

// JSONInline marks LegacyPaymentMethod's JSON methods as the SDK engine's own.
func (*LegacyPaymentMethod) JSONInline(jsonx.Inline) {}

// LegacyPaymentMethods is the legacy listing. ZEN's old specification
// returns a bare array; an envelope {data, meta} is accepted too, and Meta
// is then set.
type LegacyPaymentMethods struct {
	Methods []LegacyPaymentMethod
	Meta    *types.PageMeta
}

// UnmarshalJSON accepts either a JSON array of methods or an object with a
// "data" array and an optional "meta".
func (l *LegacyPaymentMethods) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) > 0 && b[0] == '[':
		*l = LegacyPaymentMethods{}
		return jsonx.Unmarshal(b, &l.Methods)
	case len(b) > 0 && b[0] == '{':
		var env struct {
			Data []LegacyPaymentMethod `json:"data"`
			Meta *types.PageMeta       `json:"meta"`
		}
		if err := jsonx.Unmarshal(b, &env); err != nil {
			return err
		}
		*l = LegacyPaymentMethods{Methods: env.Data, Meta: env.Meta}
		return nil
	case bytes.Equal(b, []byte("null")):
		*l = LegacyPaymentMethods{}
		return nil
	}
	return fmt.Errorf("zen: legacy payment methods: want an array or an object, got %.32s", b)
}

// ListLegacy returns the terminal's payment channels from the legacy
// listing of ZEN's old specification. Prefer List; use this only where a
// terminal still depends on the old format.
//
// ZEN API: GET /v1/terminals (path confirmed)
func (s *PaymentMethodService) ListLegacy(ctx context.Context, params PaymentMethodListLegacyParams) (*LegacyPaymentMethods, error) {
	q := url.Values{}
	if params.Currency != "" {
		q.Set("currency", params.Currency)
	}
	params.paging().encode(q)
	return call[LegacyPaymentMethods](ctx, s.client, epPaymentMethodsV1, args{query: q, params: params})
}

// PaymentMethodListV2Params is the query of the v2 listing. TransactionType
// (TRT_PURCHASE or TRT_REFUND), Amount and Currency are required; Direction,
// Page and ItemsPerPage are optional (no limit, offset or sortBy). Inferred:
// these are the parameters a public client built from ZEN's docs sends; ZEN
// has not published this page. The params are copied by ListV2 and AllV2,
// never changed.
type PaymentMethodListV2Params struct {
	TransactionType types.TransactionType
	Amount          types.Amount
	Currency        string
	Direction       types.Direction
	Page            int // 1-based page number
	ItemsPerPage    int // page size
}

// Validate checks the three required filters and the paging values.
func (p PaymentMethodListV2Params) Validate() error {
	v := validate.New()
	if v.Required("transactionType", string(p.TransactionType)) &&
		p.TransactionType != types.TypePurchase && p.TransactionType != types.TypeRefund {
		v.Fail("transactionType", "must be TRT_PURCHASE or TRT_REFUND")
	}
	v.Amount("amount", p.Amount, true)
	v.Currency("currency", p.Currency)
	p.paging().check(v)
	return v.Err()
}

func (p PaymentMethodListV2Params) paging() ListParams {
	return ListParams{Page: p.Page, ItemsPerPage: p.ItemsPerPage, Direction: p.Direction}
}

func (p PaymentMethodListV2Params) query() url.Values {
	q := url.Values{}
	q.Set("transactionType", string(p.TransactionType))
	q.Set("amount", p.Amount.String())
	q.Set("currency", p.Currency)
	p.paging().encode(q)
	return q
}

// ListV2 returns one page of the payment methods usable for a payment of
// params.Amount in params.Currency ("Returns information about payment
// methods", the navigation's second entry of that name). Inferred: the
// path and query are those a public client built from ZEN's docs calls;
// prefer List (v3), which is confirmed.
//
// ZEN API: GET /v2/terminals (path inferred)
func (s *PaymentMethodService) ListV2(ctx context.Context, params PaymentMethodListV2Params) (*types.Page[PaymentMethodInfo], error) {
	return call[types.Page[PaymentMethodInfo]](ctx, s.client, epPaymentMethodsV2, args{query: params.query(), params: params})
}

// AllV2 walks every page of ListV2 lazily, from params.Page on.
//
// ZEN API: GET /v2/terminals (path inferred)
func (s *PaymentMethodService) AllV2(ctx context.Context, params PaymentMethodListV2Params) iter.Seq2[PaymentMethodInfo, error] {
	return iterate(ctx, params, s.ListV2, func(p PaymentMethodListV2Params, n int, meta types.PageMeta) (PaymentMethodListV2Params, bool) {
		next, more := nextPage(p.paging(), n, meta)
		p.Page = next.Page // nextPage moves only the page
		return p, more
	})
}
