package zen

import (
	"context"
	"encoding/json"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// productSortFields are the sortBy values ZEN documents for the products
// list.
var productSortFields = []string{"id", "merchantId", "shopId", "terminalId", "createdAt", "updatedAt"}

// ProductType says whether a subscription product is a good or a service.
type ProductType string

// Product types documented by ZEN.
const (
	ProductTypeProduct ProductType = "product"
	ProductTypeService ProductType = "service"
)

// IsKnown reports whether t is a documented product type.
func (t ProductType) IsKnown() bool { return t == ProductTypeProduct || t == ProductTypeService }

// ProductStatus is ZEN's review status of a subscription product.
type ProductStatus string

// Product statuses documented by ZEN.
const (
	ProductVerified ProductStatus = "verified"
	ProductBlocked  ProductStatus = "blocked"
	ProductPending  ProductStatus = "pending"
)

// IsKnown reports whether s is a documented product status.
func (s ProductStatus) IsKnown() bool {
	return s == ProductVerified || s == ProductBlocked || s == ProductPending
}

// Product is something a merchant sells by subscription; its plans set the
// price and billing cycle. Members the SDK does not model are kept in
// Extra.
type Product struct {
	ID          string                     `json:"id"`
	URL         string                     `json:"url,omitempty"`
	MerchantID  types.FlexString           `json:"merchantId,omitempty"`
	ShopID      types.FlexString           `json:"shopId,omitempty"`
	TerminalID  types.FlexString           `json:"terminalId,omitempty"`
	Name        string                     `json:"name"`
	Description string                     `json:"description"`
	Type        ProductType                `json:"type"`
	Status      ProductStatus              `json:"status"`
	CreatedAt   time.Time                  `json:"createdAt"`
	UpdatedAt   time.Time                  `json:"updatedAt"`
	DeletedAt   *time.Time                 `json:"deletedAt,omitempty"`
	Extra       map[string]json.RawMessage `json:"-"`
}

type productFields Product

// MarshalJSON writes the modelled fields followed by Extra.
func (p Product) MarshalJSON() ([]byte, error) { return jsonx.Marshal(productFields(p)) }

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (p *Product) UnmarshalJSON(b []byte) error { return jsonx.Unmarshal(b, (*productFields)(p)) }

// ProductCreateRequest creates a subscription product. ZEN has not
// published this body: the fields are those of the Product object; put any
// other member ZEN asks for in Extra.
type ProductCreateRequest struct {
	Name        string         `json:"name"`        // 1..125 characters
	Description string         `json:"description"` // 1..500 characters
	Type        ProductType    `json:"type"`
	URL         string         `json:"url,omitempty"`
	Extra       map[string]any `json:"-"`
}

type productCreateRequestFields ProductCreateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r ProductCreateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(productCreateRequestFields(r))
}

// Validate checks the request against the Product rules without sending it.
func (r *ProductCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	checkProduct(v, &r.Name, &r.Description, &r.Type, &r.URL)
	return v.Err()
}

// ProductUpdateRequest changes the fields that are set (non-nil) and leaves
// the others as they are. ZEN has not published this body; put any other
// member in Extra.
type ProductUpdateRequest struct {
	Name        *string        `json:"name,omitempty"`
	Description *string        `json:"description,omitempty"`
	Type        *ProductType   `json:"type,omitempty"`
	URL         *string        `json:"url,omitempty"`
	Extra       map[string]any `json:"-"`
}

type productUpdateRequestFields ProductUpdateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r ProductUpdateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(productUpdateRequestFields(r))
}

// Validate checks the set fields and that at least one is set.
func (r *ProductUpdateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	if r.Name == nil && r.Description == nil && r.Type == nil && r.URL == nil && len(r.Extra) == 0 {
		v.Fail("request", "changes nothing: set at least one field")
	}
	checkProduct(v, r.Name, r.Description, r.Type, r.URL)
	return v.Err()
}

// checkProduct checks the product fields that are given (non-nil).
func checkProduct(v *validate.Checker, name, description *string, typ *ProductType, u *string) {
	if name != nil {
		v.Len("name", *name, 1, 125)
	}
	if description != nil {
		v.Len("description", *description, 1, 500)
	}
	if typ != nil && !typ.IsKnown() {
		v.Fail("type", "must be product or service")
	}
	if u != nil {
		v.URL("url", *u, 0)
	}
}

// ProductListParams pages through products. SortBy may be id, merchantId,
// shopId, terminalId, createdAt or updatedAt.
type ProductListParams struct {
	ListParams
}

// Validate checks the paging values and SortBy.
func (p ProductListParams) Validate() error {
	v := validate.New()
	p.check(v)
	if p.SortBy != "" && !slices.Contains(productSortFields, p.SortBy) {
		v.Fail("sortBy", "must be one of "+strings.Join(productSortFields, ", "))
	}
	return v.Err()
}

// List returns one page of the merchant's subscription products.
// Bad paging values or an unknown SortBy give a *ValidationError before any
// network call.
//
// ZEN API: GET /v1/subscriptions/products (path confirmed)
func (s *ProductService) List(ctx context.Context, params ProductListParams) (*types.Page[Product], error) {
	r := pageReq(params.ListParams, nil)
	r.params = params
	return call[types.Page[Product]](ctx, s.client, epProductList, r)
}

// All iterates over every product from params' page on, fetching
// pages as the loop needs them; it yields an error and stops when a page
// fails or repeats the previous one.
//
// ZEN API: GET /v1/subscriptions/products (path confirmed)
func (s *ProductService) All(ctx context.Context, params ProductListParams) iter.Seq2[Product, error] {
	return allPages(ctx, params, s.List)
}

// Create creates a subscription product.
//
// ZEN API: POST /v1/subscriptions/products (path inferred)
func (s *ProductService) Create(ctx context.Context, req *ProductCreateRequest) (*Product, error) {
	return call[Product](ctx, s.client, epProductCreate, args{body: req})
}

// Get returns product id (a UUID); an unknown id gives an *APIError
// matching ErrNotFound.
//
// ZEN API: GET /v1/subscriptions/products/{id} (path inferred)
func (s *ProductService) Get(ctx context.Context, id string) (*Product, error) {
	return call[Product](ctx, s.client, epProductGet, args{ids: ids(uuidID(id))})
}

// Update changes the fields set in req and returns the product.
//
// ZEN API: PATCH /v1/subscriptions/products/{id} (path inferred)
func (s *ProductService) Update(ctx context.Context, id string, req *ProductUpdateRequest) (*Product, error) {
	return call[Product](ctx, s.client, epProductUpdate, args{ids: ids(uuidID(id)), body: req})
}

// Delete removes a product. An answer of {"success": false} is
// returned as an error.
//
// ZEN API: DELETE /v1/subscriptions/products/{id} (path inferred)
func (s *ProductService) Delete(ctx context.Context, id string) error {
	return callDelete(ctx, s.client, epProductDelete, args{ids: ids(uuidID(id))})
}
