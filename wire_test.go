package zen

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// wireTables lists the wire rows of every service hung off a Client (its
// sub-resources are in the same table, as "Sub.Method").
var wireTables = []struct {
	svc   any
	cases func() []svcCase
}{
	{&AuthorizationService{}, authorizationCases},
	{&CheckoutService{}, checkoutCases},
	{&CustomerService{}, customerCases},
	{&PaymentLinkService{}, paymentLinkCases},
	{&PaymentMethodService{}, paymentMethodCases},
	{&PayoutService{}, payoutCases},
	{&PurchaseService{}, purchaseCases},
	{&RefundService{}, refundCases},
	{&ReportService{}, reportCases},
	{&SubscriptionService{}, subscriptionCases},
}

// TestServiceWire checks, for every method of every service, the exact
// request on the wire and the decoded answer (for CheckoutService.Sign,
// that it sends nothing); runSvcCases fails when a method has no row or a
// row names no method.
func TestServiceWire(t *testing.T) {
	for _, tb := range wireTables {
		t.Run(reflect.TypeOf(tb.svc).Elem().Name(), func(t *testing.T) {
			runSvcCases(t, tb.svc, tb.cases())
		})
	}
}

// TestEveryServiceHasAWireTable fails when a service is added to Client
// without a wire table (TestServiceWire then checks each of its methods).
func TestEveryServiceHasAWireTable(t *testing.T) {
	tables := map[reflect.Type]bool{}
	for _, tb := range wireTables {
		tables[reflect.TypeOf(tb.svc)] = true
	}
	client := reflect.TypeFor[Client]()
	var services int
	for i := range client.NumField() {
		f := client.Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			services++
			assert.True(t, tables[f.Type], "Client.%s (%s) has no wire table", f.Name, f.Type)
		}
	}
	assert.Equal(t, len(wireTables), services, "one wire table per service of Client")
}

// TestWireBehindAPathPrefix runs every wire row against base URLs with a
// path, as behind a proxy: each request goes to the base's host, its path is
// the base's path followed by the endpoint's path with the parameters
// escaped once, and everything else (query, headers, body, decoded answer)
// is as without the prefix. The hosted checkout gets its own prefix.
func TestWireBehindAPathPrefix(t *testing.T) {
	for name, bases := range map[string]wireBases{
		"prefix":              {api: "https://proxy.example/zen/api", checkout: "https://pay.proxy.example/zen/checkout"},
		"prefix with a slash": {api: "https://proxy.example/zen/api/", checkout: "https://pay.proxy.example/zen/checkout/"},
		"prefix and a port":   {api: "https://proxy.example:8443/a/b/c", checkout: "https://proxy.example:8443/checkout"},
	} {
		t.Run(name, func(t *testing.T) {
			for _, tb := range wireTables {
				t.Run(reflect.TypeOf(tb.svc).Elem().Name(), func(t *testing.T) {
					runSvcCasesAt(t, bases, tb.svc, tb.cases())
				})
			}
		})
	}
}
