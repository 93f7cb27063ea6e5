package zen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// idKind is the rule of one string parameter of a service method.
type idKind int

const (
	idUUID      idKind = iota // ZEN documents a UUID
	idFree                    // format not documented: our cap validate.MaxPathParam
	idMTID                    // a merchantTransactionId: 1..128 and ZEN's pattern
	idHeader                  // the required external-customer-id header
	idOptHeader               // the optional external-customer-id filter
)

type idArg struct {
	field string
	kind  idKind
}

// badSpec describes one exported service method for the bad-input table:
// the rule of each string parameter, in order, and valid values for the
// parameters whose empty value would fail before the context is looked at.
type badSpec struct {
	strs         []idArg
	valid        map[int]func() any // by parameter index, receiver excluded
	optionalBody bool               // a nil request pointer means "no body"
}

func uuidArg(field string) idArg { return idArg{field, idUUID} }
func freeArg(field string) idArg { return idArg{field, idFree} }

var (
	mcidArg   = uuidArg("merchantCustomerId")
	uuidIDArg = uuidArg("id")
	freeIDArg = freeArg("id")
	mtidArg   = idArg{"merchantTransactionId", idMTID}
)

// badInputSpecs lists every exported method of every service type, by
// "Service.Method". TestBadInputTableCoversEveryServiceMethod fails when a
// method is added without an entry here.
var badInputSpecs = map[string]badSpec{
	"AuthorizationService.Calculate":         {},
	"AuthorizationService.CalculateReversed": {},

	"CheckoutService.Sign":   {},
	"CheckoutService.Create": {valid: map[int]func() any{1: func() any { return checkoutRequest() }}},

	"CustomerService.Create":               {valid: map[int]func() any{1: func() any { return &CustomerCreateRequest{MerchantCustomerID: custID} }}},
	"CustomerService.List":                 {},
	"CustomerService.All":                  {},
	"CustomerService.Get":                  {strs: []idArg{mcidArg}},
	"CustomerService.Update":               {strs: []idArg{mcidArg}},
	"CustomerService.Delete":               {strs: []idArg{mcidArg}},
	"CardService.List":                     {strs: []idArg{mcidArg}},
	"CardService.All":                      {strs: []idArg{mcidArg}},
	"CardService.Get":                      {strs: []idArg{mcidArg, uuidIDArg}},
	"CardService.Update":                   {strs: []idArg{mcidArg, uuidIDArg}},
	"CardService.Delete":                   {strs: []idArg{mcidArg, uuidIDArg}},
	"PayoutProfileService.Create":          {strs: []idArg{{headerExternalCustomerID, idHeader}}, valid: map[int]func() any{2: func() any { return custCard(nil) }}},
	"PayoutProfileService.List":            {strs: []idArg{{headerExternalCustomerID, idOptHeader}}},
	"PayoutProfileService.All":             {strs: []idArg{{headerExternalCustomerID, idOptHeader}}},
	"PayoutProfileService.Update":          {strs: []idArg{freeIDArg}},
	"PayoutProfileService.Delete":          {strs: []idArg{freeIDArg}},
	"WalletRecipientService.Create":        {strs: []idArg{mcidArg}},
	"WalletRecipientService.List":          {strs: []idArg{mcidArg}},
	"WalletRecipientService.All":           {strs: []idArg{mcidArg}},
	"WalletRecipientService.Get":           {strs: []idArg{mcidArg, uuidIDArg}},
	"WalletRecipientService.Update":        {strs: []idArg{mcidArg, uuidIDArg}},
	"WalletRecipientService.Delete":        {strs: []idArg{mcidArg, uuidIDArg}},
	"PayoutRecipientService.List":          {strs: []idArg{mcidArg}},
	"PayoutRecipientService.All":           {strs: []idArg{mcidArg}},
	"PayoutCardService.Verify":             {strs: []idArg{mcidArg, freeIDArg}, optionalBody: true},
	"PayoutCardService.GetMerchantCard":    {strs: []idArg{mcidArg, freeIDArg}},
	"PayoutCardService.InitWidget":         {strs: []idArg{mcidArg}, optionalBody: true},
	"PayoutCardService.Update":             {strs: []idArg{mcidArg, freeIDArg}},
	"PayoutCardService.List":               {strs: []idArg{mcidArg}},
	"PayoutCardService.All":                {strs: []idArg{mcidArg}},
	"PayoutCardService.DeleteMerchantCard": {strs: []idArg{mcidArg, freeIDArg}},
	"PayoutCardService.Create":             {strs: []idArg{mcidArg}, valid: map[int]func() any{2: func() any { return custCard(nil) }}},
	"PayoutCardService.Get":                {strs: []idArg{mcidArg, freeIDArg}},
	"PayoutCardService.Delete":             {strs: []idArg{mcidArg, freeIDArg}},
	"PaynowRecipientService.Create":        {strs: []idArg{mcidArg}},
	"PaynowRecipientService.Delete":        {strs: []idArg{mcidArg, freeIDArg}},

	"PaymentLinkService.Create": {},
	"PaymentLinkService.List":   {},
	"PaymentLinkService.All":    {},
	"PaymentLinkService.Get":    {strs: []idArg{uuidIDArg}},
	"PaymentLinkService.Update": {strs: []idArg{uuidIDArg}},

	"PaymentMethodService.List":       {},
	"PaymentMethodService.All":        {},
	"PaymentMethodService.ListLegacy": {},
	"PaymentMethodService.ListV2":     {valid: map[int]func() any{1: validListV2Params}},
	"PaymentMethodService.AllV2":      {valid: map[int]func() any{1: validListV2Params}},

	"PayoutService.Create":                     {},
	"PayoutService.Get":                        {strs: []idArg{uuidIDArg}},
	"PayoutService.GetByMerchantTransactionID": {strs: []idArg{mtidArg}},
	"PayoutService.GetV2":                      {strs: []idArg{uuidIDArg}},
	"PayoutService.Capture":                    {},
	"PayoutService.Cancel":                     {},
	"PayoutService.Renew":                      {},
	"PayoutService.RefreshOffers":              {strs: []idArg{uuidIDArg}},
	"PayoutService.SelectOffer":                {strs: []idArg{uuidIDArg}},

	"PurchaseService.Create":                     {},
	"PurchaseService.Capture":                    {},
	"PurchaseService.Get":                        {strs: []idArg{uuidIDArg}},
	"PurchaseService.GetByMerchantTransactionID": {strs: []idArg{mtidArg}},
	"PurchaseService.Cancel":                     {},
	"PurchaseService.RenewAuthorization":         {},
	"PurchaseService.ValidateApplePaySession":    {},
	"PurchaseService.CalculateCashback":          {},

	"RefundService.Create": {},

	"ReportService.Download":   {strs: []idArg{freeIDArg}},
	"ReportService.DownloadTo": {strs: []idArg{freeIDArg}},

	"ProductService.List":        {},
	"ProductService.All":         {},
	"ProductService.Create":      {},
	"ProductService.Get":         {strs: []idArg{uuidIDArg}},
	"ProductService.Update":      {strs: []idArg{uuidIDArg}},
	"ProductService.Delete":      {strs: []idArg{uuidIDArg}},
	"PlanService.List":           {},
	"PlanService.All":            {},
	"PlanService.Create":         {},
	"PlanService.Get":            {strs: []idArg{freeIDArg}},
	"PlanService.Delete":         {strs: []idArg{freeIDArg}},
	"PlanService.Activate":       {strs: []idArg{freeIDArg}},
	"PlanService.Deactivate":     {strs: []idArg{freeIDArg}},
	"SubscriptionService.List":   {},
	"SubscriptionService.All":    {},
	"SubscriptionService.Get":    {strs: []idArg{freeIDArg}},
	"SubscriptionService.Delete": {strs: []idArg{freeIDArg}},
	"SubscriptionService.Cancel": {strs: []idArg{freeIDArg}},
}

// serviceMethods returns every exported method of every service hung off
// a Client, as "Service.Method" → the method bound to c's service.
func serviceMethods(c *Client) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	addServices(reflect.ValueOf(c).Elem(), out)
	return out
}

// addServices adds the methods of every service reachable from the struct
// v (the client, or a service with sub-resources) to out.
func addServices(v reflect.Value, out map[string]reflect.Value) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || !strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			continue
		}
		svc := v.Field(i)
		for j := range svc.NumMethod() {
			out[f.Type.Elem().Name()+"."+svc.Type().Method(j).Name] = svc.Method(j)
		}
		if svc.Elem().Kind() == reflect.Struct {
			addServices(svc.Elem(), out)
		}
	}
}

func TestBadInputTableCoversEveryServiceMethod(t *testing.T) {
	c, _ := newTestClient(t)
	methods := serviceMethods(c)
	require.NotEmpty(t, methods, "no service methods found by reflection")
	for name, m := range methods {
		spec, ok := badInputSpecs[name]
		if !assert.True(t, ok, "%s is not in badInputSpecs", name) {
			continue
		}
		var nStr int
		for i := range m.Type().NumIn() {
			if m.Type().In(i).Kind() == reflect.String {
				nStr++
			}
		}
		assert.Equal(t, nStr, len(spec.strs), "%s: one idArg per string parameter", name)
	}
	for name := range badInputSpecs {
		assert.Contains(t, methods, name, "badInputSpecs has an entry for a method that does not exist")
	}
}

var (
	ctxType    = reflect.TypeFor[context.Context]()
	writerType = reflect.TypeFor[io.Writer]()
	errType    = reflect.TypeFor[error]()
)

// validString is a value that passes the rule of kind.
func validString(kind idKind) string {
	switch kind {
	case idUUID:
		return "0f8fad5b-d9cb-469f-a165-70867728950e"
	case idMTID:
		return "order-1"
	default:
		return "x-1"
	}
}

// validArgs builds arguments that get each method past its own checks:
// a live context, valid ids, empty (non-nil) requests, zero list params and
// io.Discard, plus the spec's overrides.
func validArgs(m reflect.Value, spec badSpec) []reflect.Value {
	mt := m.Type()
	args := make([]reflect.Value, mt.NumIn())
	s := 0
	for i := range args {
		in := mt.In(i)
		switch {
		case spec.valid[i] != nil:
			args[i] = reflect.ValueOf(spec.valid[i]())
		case in == ctxType:
			args[i] = reflect.ValueOf(context.Background())
		case in == writerType:
			args[i] = reflect.ValueOf(io.Discard)
		case in.Kind() == reflect.String:
			args[i] = reflect.ValueOf(validString(spec.strs[s].kind))
			s++
		case in.Kind() == reflect.Pointer:
			args[i] = reflect.New(in.Elem())
		default:
			args[i] = reflect.Zero(in)
		}
	}
	return args
}

// callForError calls m and returns its error; an iterator is ranged over
// and its first error returned. A panic fails the test.
func callForError(t *testing.T, m reflect.Value, args []reflect.Value) (err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("panic: %v", p)
			err = nil
		}
	}()
	out := m.Call(args)
	last := out[len(out)-1]
	if last.Type() == errType {
		err, _ = last.Interface().(error)
		return err
	}
	// iter.Seq2[T, error]: range over it and keep the first error.
	seq := last
	yield := reflect.MakeFunc(seq.Type().In(0), func(a []reflect.Value) []reflect.Value {
		if e, ok := a[1].Interface().(error); ok && e != nil && err == nil {
			err = e
		}
		return []reflect.Value{reflect.ValueOf(false)}
	})
	seq.Call([]reflect.Value{yield})
	return err
}

type badCase struct {
	name      string
	param     int
	value     reflect.Value
	wantField string
	wantRule  string
}

// badCases lists the bad inputs that apply to method m: nil ctx, nil
// request, and for each string parameter an empty, a 100 KB and a dot
// segment value (or a blank value for a header).
func badCases(m reflect.Value, spec badSpec) []badCase {
	mt := m.Type()
	var out []badCase
	long := strings.Repeat("a", 100<<10)
	s := 0
	for i := range mt.NumIn() {
		in := mt.In(i)
		switch {
		case in == ctxType:
			out = append(out, badCase{"nil ctx", i, reflect.Zero(in), "ctx", "is required"})
		case in == writerType:
			out = append(out, badCase{"nil writer", i, reflect.Zero(in), "w", "is required"})
		case in.Kind() == reflect.Pointer && !spec.optionalBody:
			out = append(out, badCase{"nil request", i, reflect.Zero(in), "request", "is required"})
		case in.Kind() == reflect.String:
			a := spec.strs[s]
			s++
			str := func(name, v, rule string) {
				out = append(out, badCase{a.field + " " + name, i, reflect.ValueOf(v), a.field, rule})
			}
			switch a.kind {
			case idUUID:
				str("empty", "", "is required")
				str("100 KB", long, "must be a UUID")
				str("dot segment", "..", "must be a UUID")
				str("control character", "0f8fad5b-d9cb-469f-a165-70867728950e\n", "must be a UUID")
			case idFree:
				str("empty", "", "is required")
				str("100 KB", long, fmt.Sprintf("must be at most %d characters", validate.MaxPathParam))
				str("dot segment", ".", "must not be a dot segment")
				str("dot-dot segment", "..", "must not be a dot segment")
				str("control character", "a\x00b", "must not contain control characters")
			case idMTID:
				str("empty", "", "is required")
				str("100 KB", long, "must be at most 128 characters")
				str("dot segment", "..", "must not be a dot segment")
				str("control character", "a\tb", "must not contain control characters")
			case idHeader, idOptHeader:
				if a.kind == idHeader {
					str("empty", "", "is required")
					str("blank", " \t ", "is required") // HTTP would send it empty
				} else {
					str("blank", " \t ", "must not be blank (leave it empty for no filter)")
				}
				str("100 KB", long, "must be at most 128 characters")
				str("padded", " cust-1", "must not start or end with whitespace")
			}
		}
	}
	return out
}

// TestBadInputIsRefusedBeforeTheNetwork calls every exported service method
// with each bad input that applies to it: the answer is a *ValidationError
// naming the parameter and rule, nothing panics, and no request is sent.
func TestBadInputIsRefusedBeforeTheNetwork(t *testing.T) {
	c, mock := newTestClient(t, WithCheckout(testTerminalUUID, testPaywallSecret))
	mock.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("request sent: %s %s", req.Method, req.URL.EscapedPath())
		return nil, errors.New("no request expected")
	})
	methods := serviceMethods(c)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range methods {
			if !yield(n) {
				return
			}
		}
	})
	total := 0
	for _, name := range names {
		m := methods[name]
		spec := badInputSpecs[name]
		for _, bc := range badCases(m, spec) {
			total++
			t.Run(name+"/"+bc.name, func(t *testing.T) {
				args := validArgs(m, spec)
				args[bc.param] = bc.value
				err := callForError(t, m, args)
				var ve *ValidationError
				require.True(t, errors.As(err, &ve), "want *ValidationError, got %v", err)
				assert.Equal(t, ValidationError{Field: bc.wantField, Rule: bc.wantRule}, *ve)
				assert.ErrorIs(t, err, ErrValidation)
			})
		}
	}
	assert.Zero(t, mock.GetTotalCallCount(), "requests sent")
	assert.Greater(t, total, 300, "bad-input cases run")
	t.Logf("%d methods, %d bad-input cases", len(methods), total)
}

// TestEmailIsCheckedWhereverItIsSent refuses malformed e-mail addresses in
// every request that carries one (transaction customer, customers, payment
// links, hosted checkout, the payment-link filter), naming the field, before
// any request.
func TestEmailIsCheckedWhereverItIsSent(t *testing.T) {
	ctx := context.Background()
	sites := []struct {
		name, field string
		call        func(c *Client, email string) error
	}{
		{"purchase", "customer.email", func(c *Client, e string) error {
			r := cardPurchase()
			r.Customer.Email = e
			return errOf(c.Purchases.Create(ctx, r))
		}},
		{"payout", "customer.email", func(c *Client, e string) error {
			r := validCreatePayout()
			r.Customer.Email = e
			return errOf(c.Payouts.Create(ctx, r))
		}},
		{"payment link", "customer.email", func(c *Client, e string) error {
			r := validCreatePaymentLink()
			r.Customer.Email = e
			return errOf(c.PaymentLinks.Create(ctx, r))
		}},
		{"payment link filter", "customerEmail", func(c *Client, e string) error {
			return errOf(c.PaymentLinks.List(ctx, PaymentLinkListParams{CustomerEmail: e}))
		}},
		{"checkout", "customer.email", func(c *Client, e string) error {
			r := checkoutRequest()
			r.Customer.Email = e
			return errOf(c.Checkouts.Create(ctx, r))
		}},
		{"create customer", "email", func(c *Client, e string) error {
			return errOf(c.Customers.Create(ctx, &CustomerCreateRequest{MerchantCustomerID: custID, Email: e}))
		}},
		{"update customer", "email", func(c *Client, e string) error {
			return errOf(c.Customers.Update(ctx, custID, &CustomerUpdateRequest{Email: e}))
		}},
	}
	bad := []string{"x", "EUR", "😀", "jan@", "@example.com", "jan@example", "jan@@example.com",
		"jan @example.com", " jan@example.com", "jan@example.com\n", "Jan <jan@example.com>", "jan..k@example.com", "jän@example.com"}
	var rows []validationCase
	for _, site := range sites {
		for _, e := range bad {
			rows = append(rows, validationCase{name: site.name + "/" + e, field: site.field, rule: validate.EmailRule,
				call: func(c *Client) error { return site.call(c, e) }})
		}
	}
	runValidationCases(t, rows)
}

// TestOrdinaryEmailsAreSentUnchanged checks that the e-mail rule lets
// ordinary addresses (plus tags, subdomains, capitals, an international
// domain in its xn-- form) through, exactly as given.
func TestOrdinaryEmailsAreSentUnchanged(t *testing.T) {
	for _, e := range []string{"jan.kowalski+shop@mail.example.co.uk", "O'Brien@Example.IE", "anna@xn--bcher-kva.example"} {
		t.Run(e, func(t *testing.T) {
			c, mock := newTestClient(t)
			expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v3/customers",
				Body: fmt.Sprintf(`{"externalId":%q,"email":%q}`, custID, e)}, http.StatusOK, fmt.Sprintf(`{"id":%q,"email":%q}`, custID, e))
			got, err := c.Customers.Create(context.Background(), &CustomerCreateRequest{MerchantCustomerID: custID, Email: e})
			require.NoError(t, err)
			assert.Equal(t, e, got.Email)
			assert.Equal(t, 1, mock.GetTotalCallCount())
		})
	}
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/payment-links",
		Query: "customerEmail=jan%2Bshop%40example.com"}, http.StatusOK, `{"data":[],"meta":{}}`)
	_, err := c.PaymentLinks.List(context.Background(), PaymentLinkListParams{CustomerEmail: "jan+shop@example.com"})
	require.NoError(t, err)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

// TestBlankFiltersAreRefused: a filter that is sent only when non-empty
// must not be blank (ZEN, or HTTP for a header, would read it as no filter
// and the list would widen to everything) nor padded with whitespace.
func TestBlankFiltersAreRefused(t *testing.T) {
	ctx := context.Background()
	const blank, padded = "must not be blank (leave it empty for no filter)", "must not start or end with whitespace"
	runValidationCases(t, []validationCase{
		{name: "payout cards, blank customer", field: headerExternalCustomerID, rule: blank, call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.List(ctx, "   ", PayoutProfileListParams{ListParams{}}))
		}},
		{name: "payout cards, tab customer", field: headerExternalCustomerID, rule: blank, call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.List(ctx, "\t", PayoutProfileListParams{ListParams{}}))
		}},
		{name: "payout cards, padded customer", field: headerExternalCustomerID, rule: padded, call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.List(ctx, "cust-1 ", PayoutProfileListParams{ListParams{}}))
		}},
		{name: "all payout cards, blank customer", field: headerExternalCustomerID, rule: blank, call: func(c *Client) error {
			for _, err := range c.Customers.PayoutProfiles.All(ctx, " ", PayoutProfileListParams{ListParams{}}) {
				return err
			}
			return nil
		}},
		{name: "add payout card, blank customer", field: headerExternalCustomerID, rule: "is required", call: func(c *Client) error {
			return errOf(c.Customers.PayoutProfiles.Create(ctx, " ", custCard(nil)))
		}},
		{name: "wallet recipients, blank currency", field: "wallet-currency", rule: blank, call: func(c *Client) error {
			return errOf(c.Customers.WalletRecipients.List(ctx, custID, WalletRecipientListParams{WalletCurrency: " "}))
		}},
		{name: "wallet recipients, padded currency", field: "wallet-currency", rule: padded, call: func(c *Client) error {
			return errOf(c.Customers.WalletRecipients.List(ctx, custID, WalletRecipientListParams{WalletCurrency: " BTC"}))
		}},
		{name: "payment links, blank status", field: "status", rule: blank, call: func(c *Client) error {
			return errOf(c.PaymentLinks.List(ctx, PaymentLinkListParams{Status: "  "}))
		}},
		{name: "payment links, blank email", field: "customerEmail", rule: validate.EmailRule, call: func(c *Client) error {
			return errOf(c.PaymentLinks.List(ctx, PaymentLinkListParams{CustomerEmail: "  "}))
		}},
		{name: "customers, blank sortBy", field: "sortBy", rule: blank, call: func(c *Client) error {
			return errOf(c.Customers.List(ctx, CustomerListParams{ListParams{SortBy: " "}}))
		}},
	})
}

// validListV2Params is a v2 payment-method query with its required filters.
func validListV2Params() any {
	return PaymentMethodListV2Params{TransactionType: types.TypePurchase, Amount: types.MustAmount("1.00"), Currency: "EUR"}
}
