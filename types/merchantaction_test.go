package types

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zen-go/zen/internal/jsonx"
)

// merchantActionCases pin how a merchantAction member reads: every shape
// ZEN could send, the URLs read from data as encoding/json reads two string
// fields, and the values that are not an action at all. want is what the
// member reads as inside a Transaction (nil: unset).
var merchantActionCases = []struct {
	name string
	in   string
	want *MerchantAction
	out  string // what want is written as, when not in
}{
	{"redirect", `{"action":"REDIRECT","data":{"redirectUrl":"https://a.example/3ds"}}`,
		&MerchantAction{Action: ActionRedirect, RedirectURL: "https://a.example/3ds", Data: rawJSON(`{"redirectUrl":"https://a.example/3ds"}`)}, ""},
	{"image escaped", `{"action":"DISPLAY_IMAGE","data":{"imageUrl":"https:\/\/i.example\u002fqr"}}`,
		&MerchantAction{Action: ActionDisplayImage, ImageURL: "https://i.example/qr", Data: rawJSON(`{"imageUrl":"https:\/\/i.example\u002fqr"}`)}, ""},
	{"names up to case, last wins", `{"action":"FINGERPRINT","data":{"REDIRECTURL":"https://1","redirectUrl":"https://2","ImageUrl":"https://3"}}`,
		&MerchantAction{Action: ActionFingerprint, RedirectURL: "https://2", ImageURL: "https://3", Data: rawJSON(`{"REDIRECTURL":"https://1","redirectUrl":"https://2","ImageUrl":"https://3"}`)}, ""},
	{"members of other types", `{"action":"REDIRECT","data":{"redirectUrl":5,"imageUrl":{"png":"aGk="}}}`,
		&MerchantAction{Action: ActionRedirect, Data: rawJSON(`{"redirectUrl":5,"imageUrl":{"png":"aGk="}}`)}, ""},
	{"last duplicate not a string", `{"action":"REDIRECT","data":{"redirectUrl":"https://a","redirectUrl":null}}`,
		&MerchantAction{Action: ActionRedirect, Data: rawJSON(`{"redirectUrl":"https://a","redirectUrl":null}`)}, ""},
	{"data with spaces", `{"action":"REDIRECT", "data" : { "redirectUrl" : "https://s" } }`,
		&MerchantAction{Action: ActionRedirect, RedirectURL: "https://s", Data: rawJSON(`{ "redirectUrl" : "https://s" }`)}, ""},
	{"data a string", `{"action":"REDIRECT","data":"https://example.com"}`,
		&MerchantAction{Action: ActionRedirect, Data: rawJSON(`"https://example.com"`)}, ""},
	{"data a list", `{"action":"SHOW_QR","data":[1,{"redirectUrl":"x"}]}`,
		&MerchantAction{Action: "SHOW_QR", Data: rawJSON(`[1,{"redirectUrl":"x"}]`)}, ""},
	{"data null", `{"action":"WAIT","data":null}`, &MerchantAction{Action: "WAIT", Data: rawJSON(`null`)}, ""},
	{"data empty string", `{"action":"WAIT","data":""}`, &MerchantAction{Action: "WAIT", Data: rawJSON(`""`)}, ""},
	{"no data", `{"action":"WAIT"}`, &MerchantAction{Action: "WAIT"}, ""},
	{"empty object", `{}`, &MerchantAction{}, `{"action":""}`},
	{"unknown members", `{"action":"REDIRECT","data":{},"zzNew":[1],"redirectUrl":"https://top"}`,
		&MerchantAction{Action: ActionRedirect, Data: rawJSON(`{}`), Extra: map[string]json.RawMessage{"zzNew": rawJSON(`[1]`), "redirectUrl": rawJSON(`"https://top"`)}}, ""},
	{"member names up to case", `{"ACTION":"REDIRECT","Data":{"redirectUrl":"https://c"}}`,
		&MerchantAction{Action: ActionRedirect, RedirectURL: "https://c", Data: rawJSON(`{"redirectUrl":"https://c"}`)},
		`{"action":"REDIRECT","data":{"redirectUrl":"https://c"}}`},
	{"action a number", `{"action":5}`, &MerchantAction{Action: "5"}, `{"action":"5"}`},
	{"action null", `{"action":null,"data":{"imageUrl":"https://i"}}`,
		&MerchantAction{ImageURL: "https://i", Data: rawJSON(`{"imageUrl":"https://i"}`)}, `{"action":"","data":{"imageUrl":"https://i"}}`},
	{"action an object", `{"action":{"x":1},"data":{"redirectUrl":"https://o"}}`,
		&MerchantAction{RedirectURL: "https://o", Data: rawJSON(`{"redirectUrl":"https://o"}`), Extra: map[string]json.RawMessage{"action": rawJSON(`{"x":1}`)}}, ""},
	{"action a bool", `{"action":true}`, &MerchantAction{Extra: map[string]json.RawMessage{"action": rawJSON(`true`)}}, ""},
	// null and "" leave the member unset. Other values that are not an
	// object are drift: the member stays unset and its text is kept in the
	// transaction's Extra (undrifted below).
	{"a string", `"REDIRECT"`, nil, ""},
	{"a number", `5`, nil, ""},
	{"a list", `[{"action":"REDIRECT"}]`, nil, ""},
	{"a bool", `false`, nil, ""},
	{"null", `null`, nil, ""},
	{"empty string", `""`, nil, ""},
}

// undrifted reports whether in is a merchantAction value the action reads
// (an object, null or ""), not drift.
func undrifted(in string) bool {
	return in[0] == '{' || in == `null` || in == `""`
}

func rawJSON(s string) json.RawMessage { return json.RawMessage(s) }

// filledAction is a MerchantAction holding a previous document.
func filledAction() MerchantAction {
	return MerchantAction{Action: "OLD", RedirectURL: "https://old", ImageURL: "https://old-img", Data: rawJSON(`{"old":1}`),
		Extra: map[string]json.RawMessage{"old": rawJSON(`2`)}}
}

// TestMerchantActionDecode reads each case inside a transaction (through
// the engine and through encoding/json) and on its own, into an action that
// already holds another document: the result never depends on what was
// there before.
func TestMerchantActionDecode(t *testing.T) {
	for _, c := range merchantActionCases {
		t.Run(c.name, func(t *testing.T) {
			doc := []byte(`{"id":"t1","merchantAction":` + c.in + `}`)
			var viaEngine, viaStdlib Transaction
			require.NoError(t, jsonx.Unmarshal(doc, &viaEngine))
			require.NoError(t, json.Unmarshal(doc, &viaStdlib))
			var extra map[string]json.RawMessage
			if !undrifted(c.in) {
				extra = map[string]json.RawMessage{"merchantAction": rawJSON(c.in)}
			}
			for _, tx := range []Transaction{viaEngine, viaStdlib} {
				assert.Equal(t, c.want, tx.MerchantAction)
				assert.Equal(t, extra, tx.Extra)
				assert.Equal(t, "t1", tx.ID)
			}

			// On its own, null and "" reset the action, and a value that
			// is not an object is an error.
			want := MerchantAction{}
			if c.want != nil {
				want = *c.want
			}
			m := filledAction()
			err := json.Unmarshal([]byte(c.in), &m)
			if !undrifted(c.in) {
				var te *json.UnmarshalTypeError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, reflect.TypeFor[MerchantAction](), te.Type)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, want, m, "encoding/json")
			m = filledAction()
			require.NoError(t, jsonx.Unmarshal([]byte(c.in), &m))
			assert.Equal(t, want, m, "engine")

			// Inside a struct without Extra (nothing resets the holder), the
			// engine reads into the action already there.
			var holder struct {
				P *MerchantAction `json:"p"`
				V MerchantAction  `json:"v"`
			}
			holder.P, holder.V = new(MerchantAction), filledAction()
			*holder.P = filledAction()
			require.NoError(t, jsonx.Unmarshal([]byte(`{"p":`+c.in+`,"v":`+c.in+`}`), &holder))
			assert.Equal(t, c.want, holder.P, "through a pointer")
			assert.Equal(t, want, holder.V, "by value")
		})
	}
}

// TestMerchantActionEncode pins MarshalJSON: Data as received (compacted),
// else a data object built from the URLs, then Extra; a round trip of
// every decode case gives the member back.
func TestMerchantActionEncode(t *testing.T) {
	for _, c := range []struct {
		m    MerchantAction
		want string
	}{
		{MerchantAction{}, `{"action":""}`},
		{MerchantAction{Action: ActionRedirect, RedirectURL: "https://r?a=1&b=<2>"}, `{"action":"REDIRECT","data":{"redirectUrl":"https://r?a=1\u0026b=\u003c2\u003e"}}`},
		{MerchantAction{Action: ActionDisplayImage, ImageURL: "https://i", Data: rawJSON(" \n")}, `{"action":"DISPLAY_IMAGE","data":{"imageUrl":"https://i"}}`},
		{MerchantAction{Action: ActionRedirect, RedirectURL: "https://a", ImageURL: "https://i"}, `{"action":"REDIRECT","data":{"redirectUrl":"https://a","imageUrl":"https://i"}}`},
		{MerchantAction{Action: ActionRedirect, RedirectURL: "https://ignored", Data: rawJSON(`{ "redirectUrl" : "https://kept" }`)}, `{"action":"REDIRECT","data":{"redirectUrl":"https://kept"}}`},
		{MerchantAction{Action: "WAIT", Data: rawJSON(`null`)}, `{"action":"WAIT","data":null}`},
		{MerchantAction{Action: "WAIT", Extra: map[string]json.RawMessage{"zz": rawJSON(`2`), "data": rawJSON(`[1]`), "action": rawJSON(`"X"`)}}, `{"action":"WAIT","data":[1],"zz":2}`},
		{MerchantAction{Extra: map[string]json.RawMessage{"action": rawJSON(`{"x":1}`)}}, `{"action":{"x":1}}`},
		{MerchantAction{Action: "WAIT", Data: rawJSON(`"d"`), Extra: map[string]json.RawMessage{"data": rawJSON(`[1]`)}}, `{"action":"WAIT","data":"d"}`},
	} {
		out, err := json.Marshal(c.m)
		require.NoError(t, err)
		assert.Equal(t, c.want, string(out))
		out, err = jsonx.Marshal(Transaction{MerchantAction: &c.m})
		require.NoError(t, err)
		assert.Contains(t, string(out), `"merchantAction":`+c.want)
	}
	for _, c := range merchantActionCases {
		if c.want == nil {
			continue
		}
		want := c.in
		if c.out != "" {
			want = c.out
		}
		out, err := json.Marshal(c.want)
		require.NoError(t, err)
		assert.JSONEq(t, want, string(out), c.name)
	}
}

// TestMerchantActionDecodeAllocs pins the allocations of decoding the short
// answer of a purchase with a redirect (perf_test.go, BenchmarkCreate). The
// merchantAction is read in the engine's one pass: its allocations are the
// action, its Data and the URL; reading it through its UnmarshalJSON (a
// second scan, a nested Unmarshal with its own decoder and string copy)
// took 12 in all (8 after, 7 once Unmarshal stopped allocating its error
// probe on success).
func TestMerchantActionDecodeAllocs(t *testing.T) {
	answer := []byte(`{"id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","merchantTransactionId":"order-bench-000001","type":"TRT_PURCHASE",` +
		`"status":"PENDING","amount":"108.47","currency":"PLN","merchantAction":{"action":"REDIRECT",` +
		`"data":{"redirectUrl":"https://secure.zen.com/3ds/abc"}}}`)
	allocs := testing.AllocsPerRun(100, func() {
		var tx Transaction
		if err := jsonx.Unmarshal(answer, &tx); err != nil || tx.MerchantAction.RedirectURL != "https://secure.zen.com/3ds/abc" {
			t.Fatal(err, tx.MerchantAction)
		}
	})
	assert.LessOrEqual(t, allocs, float64(7))
}
