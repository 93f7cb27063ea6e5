package types

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/internal/srctest"
)

// jsonTypes are the types of this package with the JSON engine's methods.
var jsonTypes = []any{
	&Actions{}, &Address{}, &AuthorizationInfo{}, &CardHolder{}, &CardInfo{}, &Cashback{}, &CashbackClient{},
	&CashbackValue{}, new(FlexInt), new(FlexString), &Item{}, &Money{}, &PageMeta{}, &RefundSummary{}, &Source{},
	&SubsidiaryData{}, &ThreeDS{}, &ThreeDSError{}, &Transaction{}, &TransactionCustomer{}, &TransactionMeta{},
	&TravelRuleData{}, &Page[Item]{},
}

// TestJSONMethodsThroughEncodingJSON: through encoding/json too, each object
// type keeps a member it does not model and writes it back, and the flexible
// scalars read a number or a numeric string.
func TestJSONMethodsThroughEncodingJSON(t *testing.T) {
	srctest.CheckReceivers(t, ".", "JSONInline", jsonTypes)

	for _, v := range jsonTypes {
		name := reflect.TypeOf(v).Elem().Name()
		t.Run(name, func(t *testing.T) {
			if reflect.TypeOf(v).Elem().Kind() != reflect.Struct {
				for _, in := range []string{`7`, `"7"`} {
					require.NoError(t, json.Unmarshal([]byte(in), v))
					out, err := json.Marshal(v)
					require.NoError(t, err)
					assert.Contains(t, []string{`7`, `"7"`}, string(out))
				}
				return
			}
			require.NoError(t, json.Unmarshal([]byte(`{"zzFuture":{"a":[1,"2"]}}`), v))
			out, err := json.Marshal(v)
			require.NoError(t, err)
			assert.Contains(t, string(out), `"zzFuture":{"a":[1,"2"]}`)
		})
	}
}
