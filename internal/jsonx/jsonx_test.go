package jsonx

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kinds has a field of every kind the engine models.
type kinds struct {
	S    string            `json:"s"`
	SO   string            `json:"so,omitempty"`
	B    bool              `json:"b"`
	I    int               `json:"i"`
	I8   int8              `json:"i8"`
	I64  int64             `json:"i64"`
	U    uint              `json:"u"`
	U16  uint16            `json:"u16"`
	F32  float32           `json:"f32"`
	F    float64           `json:"f"`
	P    *int              `json:"p"`
	PS   *string           `json:"ps,omitempty"`
	L    []int             `json:"l"`
	LS   []string          `json:"ls,omitempty"`
	A    [2]int            `json:"a"`
	M    map[string]int    `json:"m"`
	MA   map[string]any    `json:"ma,omitempty"`
	Any  any               `json:"any"`
	Raw  json.RawMessage   `json:"raw,omitempty"`
	N    json.Number       `json:"n,omitempty"`
	T    time.Time         `json:"t"`
	PT   *time.Time        `json:"pt,omitempty"`
	Sub  sub               `json:"sub"`
	PSub *sub              `json:"psub,omitempty"`
	Subs []sub             `json:"subs,omitempty"`
	By   []byte            `json:"by,omitempty"`
	Tx   textual           `json:"tx,omitempty"`
	MK   map[int]string    `json:"mk,omitempty"`
	Q    int               `json:"q,string,omitempty"`
	Skip string            `json:"-"`
	Name string            // no tag: its Go name
	MS   map[string]string `json:"ms,omitempty"`
}

// empties has omitempty on every kind.
type empties struct {
	B   bool           `json:"b,omitempty"`
	I   int            `json:"i,omitempty"`
	I64 int64          `json:"i64,omitempty"`
	U   uint           `json:"u,omitempty"`
	F   float64        `json:"f,omitempty"`
	P   *int           `json:"p,omitempty"`
	L   []int          `json:"l,omitempty"`
	A   [1]int         `json:"a,omitempty"`
	A0  [0]int         `json:"a0,omitempty"`
	M   map[string]int `json:"m,omitempty"`
	Any any            `json:"any,omitempty"`
	Sub sub            `json:"sub,omitempty"`
}

// quotes has ",string" on the kinds encoding/json quotes, through unnamed
// pointers, and on types that write themselves (not quoted).
type quotes struct {
	PS *string `json:"ps,string"`
	PI *int    `json:"pi,string"`
	PB *bool   `json:"pb,string"`
	PN *int    `json:"pn,string"`
	OS ownStr  `json:"os,string"`
	//lint:ignore SA5008 what encoding/json does with such a field is the point
	TS textual `json:"ts,string"`
	S  string  `json:"s,string"`
	I  int     `json:"i,string"`
	F  float64 `json:"f,string"`
	//lint:ignore SA5008 what encoding/json does with such a field is the point
	PP **string `json:"pp,string"`
}

// ownStr is a string kind with a MarshalJSON of its own.
type ownStr string

func (s ownStr) MarshalJSON() ([]byte, error) { return []byte(`"own:` + string(s) + `"`), nil }

// zeroers has omitzero on types with IsZero methods of each receiver kind,
// behind interfaces that have the method and one that does not.
type zeroers struct {
	V valueZeroer `json:"v,omitzero"`
	P ptrZeroer   `json:"p,omitzero"`
	A any         `json:"a,omitzero"`
	I isZeroer    `json:"i,omitzero"`
}

type isZeroer interface{ IsZero() bool }

type valueZeroer struct{ N int }

func (z valueZeroer) IsZero() bool { return z.N == 1 }

type ptrZeroer struct{ N int }

func (z *ptrZeroer) IsZero() bool { return z.N == 1 }

// addrMarshaler has a pointer-receiver MarshalJSON, which encoding/json
// calls only on an addressable value.
type addrMarshaler struct{ V string }

func (*addrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`"by address"`), nil }

type sub struct {
	X string `json:"x"`
	Y int    `json:"y,omitempty"`
}

// textual is a TextMarshaler/TextUnmarshaler.
type textual struct{ v string }

func (t textual) MarshalText() ([]byte, error) { return []byte("<" + t.v + ">"), nil }

func (t *textual) UnmarshalText(b []byte) error {
	if strings.HasPrefix(string(b), "bad") {
		return errors.New("bad text")
	}
	t.v = strings.Trim(string(b), "<>")
	return nil
}

// decodeBoth decodes in with encoding/json and with Unmarshal into fresh
// values of T and requires the same result and no error from either.
func decodeBoth[T any](t *testing.T, in string) T {
	t.Helper()
	var want, got T
	require.NoError(t, json.Unmarshal([]byte(in), &want), "encoding/json: %s", in)
	require.NoError(t, Unmarshal([]byte(in), &got), "jsonx: %s", in)
	require.Equal(t, want, got, "input %s", in)
	return got
}

func TestDecodeEveryKindLikeEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`{"s":"a\"b\\c\/\b\f\n\r\t\u00e9\ud83d\ude00","so":"x","b":true,"i":-12,"i8":127,"i64":-9223372036854775808,"u":18446744073709551615,"u16":65535,
		  "f32":1.5,"f":-1.25e-7,"p":5,"ps":"q","l":[1,2,3],"ls":[],"a":[7,8],"m":{"k":1,"j":2},"ma":{"x":[1,"2",{"y":null}],"z":true},
		  "any":{"a":[1.5,false]},"raw":  {"k" : [1, 2]} ,"n":-0.5e10,"t":"2024-01-02T03:04:05.123456789+02:00","pt":"2024-01-02T03:04:05Z",
		  "sub":{"x":"y","y":3},"psub":{"x":"z"},"subs":[{"x":"1"},{"y":2}],"by":"aGVsbG8=","tx":"<v>","mk":{"1":"one"},"q":"42",
		  "Name":"n","priv":"p","ms":{"a":"b"}}`,
		`{}`, `null`, ` { "s" : "" , "l" : null , "m" : null , "p" : null , "any" : null } `,
		`{"S":"case-insensitive","NAME":"n","sUb":{"X":"y"}}`,
		`{"s":"first","s":"last","m":{"a":1},"m":{"b":2},"sub":{"x":"a"},"sub":{"y":1}}`,
		`{"l":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}`,
		`{"a":[1,2,3]}`, `{"a":[1]}`,
		`{"unknown":{"deep":[1,{"x":"}"}]},"s":"after"}`,
		`{"k\u00e9y":1,"\u0073":"escaped key"}`,
		`{"s":"\ud800 lone, \udc00 low, \ud800\u0041 pair broken"}`,
		"{\"s\":\"bad utf8 \xff\xfe end\",\"bad\xffkey\":1}",
		`{"any":12345678901234567890}`,
	} {
		decodeBoth[kinds](t, in)
	}
	decodeBoth[any](t, `[1,"a",{"b":null},[true]]`)
	decodeBoth[[]sub](t, `[{"x":"a"},null,{"y":1}]`)
	decodeBoth[map[string]*sub](t, `{"a":{"x":"1"},"b":null}`)
	decodeBoth[string](t, `"top"`)
	decodeBoth[*int](t, `null`)
}

// Embedded structs follow encoding/json: promoted fields, pointer
// embedding (allocated when a member needs it), depth and tag dominance,
// and ambiguous names dropped.
type (
	inner struct {
		P string `json:"p"`
		Q string `json:"q,omitempty"`
	}
	unexportedInner struct {
		R string `json:"r"`
	}
	// Ptr is embedded by pointer.
	Ptr struct {
		S string `json:"s"`
		P string `json:"p"` // same depth and tag as inner.P: the name is ambiguous
	}
	ambA      struct{ Amb string }
	ambB      struct{ Amb string }
	shadowing struct {
		Amb string `json:"amb"`
	}
	withEmbedded struct {
		inner
		unexportedInner
		*Ptr
		ambA
		ambB
		Named  inner                      `json:"named"`
		Tagged inner                      `json:"tagged"`
		A      string                     `json:"a"`
		Extra  map[string]json.RawMessage `json:"-"`
	}
)

func TestEmbeddedStructs(t *testing.T) {
	in := `{"p":"1","q":"2","r":"3","s":"4","Amb":"x","named":{"p":"n"},"tagged":{"p":""},"a":"x","z":true}`
	var want withEmbedded
	require.NoError(t, json.Unmarshal([]byte(in), &want))
	var got withEmbedded
	require.NoError(t, Unmarshal([]byte(in), &got))
	assert.Equal(t, "3", got.R)
	require.NotNil(t, got.Ptr)
	assert.Equal(t, "4", got.S)
	assert.Empty(t, got.ambA.Amb, "ambiguous names are dropped, as encoding/json does")
	assert.Equal(t, map[string]json.RawMessage{
		"p": json.RawMessage(`"1"`), "Amb": json.RawMessage(`"x"`), "z": json.RawMessage(`true`),
	}, got.Extra, "members no field takes (p is ambiguous between inner and Ptr) are kept")
	got.Extra = nil
	assert.Equal(t, want, got)

	out, err := Marshal(withEmbedded{inner: inner{Q: "q"}, Ptr: &Ptr{S: "s"}, A: "a", Extra: map[string]json.RawMessage{"z": json.RawMessage(`1`)}})
	require.NoError(t, err)
	assert.Equal(t, `{"q":"q","r":"","s":"s","named":{"p":""},"tagged":{"p":""},"a":"a","z":1}`, string(out))
	std, err := json.Marshal(withEmbedded{inner: inner{Q: "q"}, Ptr: &Ptr{S: "s"}, A: "a"})
	require.NoError(t, err)
	assert.Equal(t, string(std[:len(std)-1])+`,"z":1}`, string(out))

	var s shadowing
	require.NoError(t, Unmarshal([]byte(`{"amb":"v"}`), &s))
	assert.Equal(t, "v", s.Amb)
}

// drift has the fields the drift rules apply to, and Extra to keep what
// cannot be read.
type drift struct {
	S     string                     `json:"s"`
	I     int64                      `json:"i"`
	U     uint8                      `json:"u"`
	F     float64                    `json:"f"`
	B     bool                       `json:"b"`
	T     time.Time                  `json:"t"`
	PT    *time.Time                 `json:"pt"`
	Sub   *sub                       `json:"sub"`
	L     []int                      `json:"l"`
	M     map[string]int             `json:"m"`
	Tx    textual                    `json:"tx"`
	N     json.Number                `json:"n"`
	Subs  []sub                      `json:"subs"`
	Extra map[string]json.RawMessage `json:"-"`
}

func TestDriftRules(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		require.NoError(t, err)
		return tm
	}
	for _, tc := range []struct {
		in    string
		want  drift
		extra map[string]string // raw text kept
	}{
		{`{"s":12.50}`, drift{S: "12.50"}, nil},
		{`{"s":-1e3}`, drift{S: "-1e3"}, nil},
		{`{"i":"42","u":"7","f":"1.25"}`, drift{I: 42, U: 7, F: 1.25}, nil},
		{`{"i":1.0,"u":2.000}`, drift{I: 1, U: 2}, nil},
		{`{"i":1e2}`, drift{I: 100}, nil},
		{`{"i":"1.0"}`, drift{I: 1}, nil},
		{`{"i":1.5}`, drift{}, map[string]string{"i": `1.5`}},
		{`{"i":"abc"}`, drift{}, map[string]string{"i": `"abc"`}},
		{`{"i":" 1"}`, drift{}, map[string]string{"i": `" 1"`}},
		{`{"i":9223372036854775808}`, drift{}, map[string]string{"i": `9223372036854775808`}},
		{`{"u":256}`, drift{}, map[string]string{"u": `256`}},
		{`{"u":-1}`, drift{}, map[string]string{"u": `-1`}},
		{`{"f":"NaN"}`, drift{}, map[string]string{"f": `"NaN"`}},
		{`{"f":1e400}`, drift{}, map[string]string{"f": `1e400`}},
		{`{"b":"true"}`, drift{B: true}, nil},
		{`{"b":"false"}`, drift{}, nil},
		{`{"b":"yes"}`, drift{}, map[string]string{"b": `"yes"`}},
		{`{"b":1}`, drift{}, map[string]string{"b": `1`}},
		{`{"t":"2024-01-01"}`, drift{T: utc("2024-01-01T00:00:00Z")}, nil},
		{`{"t":"2024-01-01 10:11:12"}`, drift{T: utc("2024-01-01T10:11:12Z")}, nil},
		{`{"t":"2024-01-01T10:11:12"}`, drift{T: utc("2024-01-01T10:11:12Z")}, nil},
		{`{"t":"2024-01-01T10:11:12.5"}`, drift{T: utc("2024-01-01T10:11:12.5Z")}, nil},
		{`{"t":"2024-12-30T20:48:22.123Z"}`, drift{T: utc("2024-12-30T20:48:22.123Z")}, nil},
		{`{"t":"2024-12-30T20:48:22+0000"}`, drift{T: utc("2024-12-30T20:48:22Z")}, nil},
		{`{"t":"yesterday"}`, drift{}, map[string]string{"t": `"yesterday"`}},
		{`{"t":1700000000}`, drift{}, map[string]string{"t": `1700000000`}},
		{`{"t":"","pt":"","sub":"","l":"","m":"","i":"","f":"","b":""}`, drift{}, nil},
		{`{"t":null,"pt":null,"sub":null,"l":null,"m":null,"i":null,"s":null,"b":null,"n":null}`, drift{}, nil},
		{`{"sub":"text"}`, drift{}, map[string]string{"sub": `"text"`}},
		{`{"sub":[1]}`, drift{}, map[string]string{"sub": `[1]`}},
		{`{"sub":{"x":5,"y":"6"}}`, drift{Sub: &sub{X: "5", Y: 6}}, nil},
		{`{"sub":{"x":"a","y":1.5}}`, drift{Sub: &sub{X: "a"}}, nil}, // sub has no Extra: the member is dropped
		{`{"l":[1,"2",3.0]}`, drift{L: []int{1, 2, 3}}, nil},
		{`{"l":[1,{},3]}`, drift{}, map[string]string{"l": `[1,{},3]`}},
		{`{"m":{"a":1,"b":"x"}}`, drift{}, map[string]string{"m": `{"a":1,"b":"x"}`}},
		{`{"subs":[{"x":"a"},{"x":"b","y":"z"},{"x":"c"}]}`, drift{Subs: []sub{{X: "a"}, {X: "b"}, {X: "c"}}}, nil},
		{`{"subs":[{"x":"a"},"b"]}`, drift{}, map[string]string{"subs": `[{"x":"a"},"b"]`}},
		{`{"tx":"<v>"}`, drift{Tx: textual{"v"}}, nil},
		{`{"tx":12}`, drift{Tx: textual{"12"}}, nil},
		{`{"tx":"bad"}`, drift{}, map[string]string{"tx": `"bad"`}},
		{`{"n":"12.5"}`, drift{N: "12.5"}, nil},
		{`{"n":"x"}`, drift{}, map[string]string{"n": `"x"`}},
		{`{"s":{"a" : 1}}`, drift{}, map[string]string{"s": `{"a" : 1}`}},
		{`{"s":true}`, drift{}, map[string]string{"s": `true`}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var got drift
			require.NoError(t, Unmarshal([]byte(tc.in), &got))
			extra := map[string]string{}
			for k, v := range got.Extra {
				extra[k] = string(v)
			}
			if tc.extra == nil {
				tc.extra = map[string]string{}
			}
			assert.Equal(t, tc.extra, extra)
			got.Extra = nil
			if got.T.Equal(tc.want.T) {
				got.T = tc.want.T // the same instant; the location may be Local
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestDriftReencodesUnchanged: what could not be read is written back in
// its member's place, as received.
func TestDriftReencodesUnchanged(t *testing.T) {
	in := `{"s":"a","i":1.5,"u":0,"f":0,"b":false,"t":"yesterday","pt":null,"sub":"text","l":null,"m":null,"tx":"bad","n":"x","subs":null,"new":{"k":[1,2]}}`
	var d drift
	require.NoError(t, Unmarshal([]byte(in), &d))
	out, err := Marshal(d)
	require.NoError(t, err)
	assert.Equal(t, `{"s":"a","i":1.5,"u":0,"f":0,"b":false,"t":"yesterday","pt":null,"sub":"text","l":null,"m":null,"tx":"bad","n":"x","subs":null,"new":{"k":[1,2]}}`, string(out))
}

// anyExtra keeps unknown members as Go values, numbers as json.Number.
type anyExtra struct {
	ID    string         `json:"id,omitempty"`
	Extra map[string]any `json:"-"`
}

func TestAnyExtraAndReset(t *testing.T) {
	v := anyExtra{ID: "old", Extra: map[string]any{"stale": 1}}
	require.NoError(t, Unmarshal([]byte(`{"fee":1.10,"n":12345678901234567891,"x":{"big":9007199254740993,"l":[1.0]}}`), &v))
	assert.Empty(t, v.ID, "a struct with Extra holds exactly one document")
	assert.Equal(t, map[string]any{"fee": json.Number("1.10"), "n": json.Number("12345678901234567891"),
		"x": map[string]any{"big": json.Number("9007199254740993"), "l": []any{json.Number("1.0")}}}, v.Extra)
	out, err := Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `{"fee":1.10,"n":12345678901234567891,"x":{"big":9007199254740993,"l":[1.0]}}`, string(out))
}

func TestDuplicateKeysLastWins(t *testing.T) {
	var d drift
	require.NoError(t, Unmarshal([]byte(`{"i":1,"i":2,"z":1,"z":2}`), &d))
	assert.Equal(t, int64(2), d.I)
	assert.Equal(t, map[string]json.RawMessage{"z": json.RawMessage(`2`)}, d.Extra)
	require.NoError(t, Unmarshal([]byte(`{"i":"x","i":3}`), &d))
	assert.Equal(t, int64(3), d.I)
	out, err := Marshal(d)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"i":3`, "a set field is never overridden by a kept raw value")
	assert.Equal(t, 1, strings.Count(string(out), `"i":`))
}

func TestSyntaxErrorsMatchEncodingJSON(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{`, `{"a"`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{"a" 1}`, `{a:1}`, `tru`, `nul`, `01`, `-`, `1.`, `1e`, `.5`,
		`"abc`, `"\x"`, `"\u12G4"`, "\"a\x01\"", `{"a":1}}`, `{"a":1} x`, `[`, `]`, `{"a":[1,{"b":}]}`, `"\`, `+1`, `NaN`,
	} {
		var v drift
		err := Unmarshal([]byte(in), &v)
		var want error = json.Unmarshal([]byte(in), new(any))
		require.Error(t, err, "%q", in)
		var se *json.SyntaxError
		require.ErrorAs(t, err, &se, "%q", in)
		assert.Equal(t, want.Error(), err.Error(), "%q", in)
	}
	assert.IsType(t, &json.InvalidUnmarshalError{}, Unmarshal([]byte(`{}`), drift{}))
	assert.IsType(t, &json.InvalidUnmarshalError{}, Unmarshal([]byte(`{}`), (*drift)(nil)))
}

func TestDepthLimit(t *testing.T) {
	for _, n := range []int{maxDepth + 1, 1_000_000} {
		arrays := strings.Repeat("[", n) + strings.Repeat("]", n)
		objects := strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n)
		for _, in := range []string{arrays, objects} {
			var se *json.SyntaxError
			var a any
			require.ErrorAs(t, Unmarshal([]byte(in), &a), &se)
			var d drift
			require.ErrorAs(t, Unmarshal([]byte(in), &d), &se, "skipped members are depth-checked too")
		}
	}
	ok := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	var a any
	require.NoError(t, Unmarshal([]byte(ok), &a), "the same limit as encoding/json")
}

// counted counts UnmarshalJSON calls and records the raw value.
type counted struct {
	raw string
}

var countedCalls int

func (c *counted) UnmarshalJSON(b []byte) error {
	countedCalls++
	c.raw = string(b)
	if string(b) == `"fail"` {
		return errors.New("refused")
	}
	return nil
}

// inlined has the engine's one-liners and the marker.
type inlined struct {
	V     int                        `json:"v"`
	Extra map[string]json.RawMessage `json:"-"`
}

type inlinedFields inlined

var inlinedCalls int

func (i inlined) MarshalJSON() ([]byte, error) { inlinedCalls++; return Marshal(inlinedFields(i)) }
func (i *inlined) UnmarshalJSON(b []byte) error {
	inlinedCalls++
	return Unmarshal(b, (*inlinedFields)(i))
}
func (*inlined) JSONInline(Inline) {}

type holder struct {
	C     counted                    `json:"c"`
	PC    *counted                   `json:"pc"`
	In    inlined                    `json:"in"`
	Ins   []inlined                  `json:"ins"`
	Extra map[string]json.RawMessage `json:"-"`
}

func TestUnmarshalersAndInlineMarker(t *testing.T) {
	countedCalls, inlinedCalls = 0, 0
	var h holder
	require.NoError(t, Unmarshal([]byte(`{"c": {"a" : [1]} ,"pc":null,"in":{"v":1,"w":2},"ins":[{"v":2},{"v":"3","x":true}]}`), &h))
	assert.Equal(t, `{"a" : [1]}`, h.C.raw, "called with the raw value")
	assert.Equal(t, 1, countedCalls, "a nil pointer is set to nil without a call")
	assert.Nil(t, h.PC)
	assert.Equal(t, inlined{V: 1, Extra: map[string]json.RawMessage{"w": json.RawMessage(`2`)}}, h.In)
	assert.Equal(t, []inlined{{V: 2}, {V: 3, Extra: map[string]json.RawMessage{"x": json.RawMessage(`true`)}}}, h.Ins)
	out, err := Marshal(h)
	require.NoError(t, err)
	assert.Equal(t, 0, inlinedCalls, "marked types are read and written from their fields, without their methods")
	std, err := json.Marshal(h)
	require.NoError(t, err)
	assert.Equal(t, string(std), string(out), "the methods give the same bytes")
	assert.Positive(t, inlinedCalls)

	require.NoError(t, Unmarshal([]byte(`{"c":"fail"}`), &h))
	assert.Equal(t, map[string]json.RawMessage{"c": json.RawMessage(`"fail"`)}, h.Extra, "an Unmarshaler's error is drift")
}

func TestMarshalLikeEncodingJSON(t *testing.T) {
	n := 5
	s := "p"
	tm := time.Date(2024, 1, 2, 3, 4, 5, 600, time.FixedZone("", 3600))
	values := []any{
		kinds{},
		kinds{S: "<a&b> \u2028\u2029 \x01\x1f \"q\" \\ \t\n\r\b\f é 😀 \xff", SO: "x", B: true, I: -1, I8: -128, I64: math.MaxInt64, U: math.MaxUint64,
			F32: 3.14, F: 1e21, P: &n, PS: &s, L: []int{}, LS: []string{"a"}, A: [2]int{1, 2}, M: map[string]int{"b": 2, "a": 1, "<": 0},
			MA: map[string]any{"x": []any{1.5, "s", nil, true, map[string]any{}}}, Any: 1e-7, Raw: json.RawMessage(" { \"a\" : [ 1 , \"<\" ] } "),
			N: "12.50", T: tm, PT: &tm, Sub: sub{X: "x"}, PSub: &sub{Y: 1}, Subs: []sub{{}, {X: "1"}}, By: []byte("hi"), Tx: textual{"t"},
			MK: map[int]string{2: "b", 1: "a"}, Q: 7, Skip: "no", Name: "n", MS: map[string]string{"k": "v"}},
		[]any{0.0, math.Copysign(0, -1), 1e-6, 1e-7, 123456789.0, 1e20, 1e21, float32(1e-7)},
		map[string]*sub{"a": nil, "b": {X: "b"}},
		(*sub)(nil),
		[]byte(nil),
		json.Number(""),
	}
	var zero int
	x, one, yes := "x", 1, true
	values = append(values,
		quotes{}, quotes{PS: &x, PI: &one, PB: &yes, OS: "o", TS: textual{"t"}, S: "s", I: 2},
		zeroers{}, zeroers{V: valueZeroer{1}, P: ptrZeroer{1}, A: ptrZeroer{0}, I: (*ptrZeroer)(nil)},
		zeroers{A: valueZeroer{0}, I: &ptrZeroer{2}},
		empties{}, empties{B: true, I: 1, I64: 2, U: 3, F: 4, P: &zero, L: []int{0}, A: [1]int{}, M: map[string]int{"": 0}, Any: 0, Sub: sub{}},
		empties{L: []int{}, M: map[string]int{}, Any: (*int)(nil)},
		struct {
			Own  addrMarshaler
			Subs []addrMarshaler
		}{Subs: []addrMarshaler{{}}},
	)
	for _, v := range values {
		// By value and through a pointer, where every field is addressable
		// and written in place.
		ptr := reflect.New(reflect.TypeOf(v))
		ptr.Elem().Set(reflect.ValueOf(v))
		for _, x := range []any{v, ptr.Interface()} {
			want, err := json.Marshal(x)
			require.NoError(t, err)
			got, err := Marshal(x)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), "%T", x)
		}
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), json.Number("x"), func() {}, json.RawMessage(`{`)} {
		_, err := Marshal(bad)
		assert.Error(t, err, "%T", bad)
	}
}

func TestMarshalExtraPlacement(t *testing.T) {
	type req struct {
		A     string         `json:"a,omitempty"`
		B     int            `json:"b"`
		C     *bool          `json:"c,omitempty"`
		Extra map[string]any `json:"-"`
	}
	out, err := Marshal(req{A: "set", Extra: map[string]any{"a": "ignored", "c": false, "z": 1, "m": "<"}})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"set","b":0,"c":false,"m":"\u003c","z":1}`, string(out),
		"a set field wins, a zero field gives its place to Extra, the rest follow sorted")

	out, err = MarshalExtra(struct {
		A string `json:"a"`
	}{A: "x"}, map[string]json.RawMessage{"a": json.RawMessage(`"evil"`), "k": json.RawMessage(" [ 1 ] ")})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"x","k":[1]}`, string(out))
	out, err = MarshalExtra(struct{}{}, map[string]string{"type": "blik"})
	require.NoError(t, err)
	assert.Equal(t, `{"type":"blik"}`, string(out))
	_, err = MarshalExtra(struct{}{}, map[string]any{"bad": func() {}})
	assert.Error(t, err)
	_, err = MarshalExtra("not a struct", map[string]any{})
	assert.Error(t, err)
}

// variant is a union member: its fields and a "type" member it names.
type variant struct {
	A     string         `json:"a,omitempty"`
	Kind  string         `json:"kind,omitempty"`
	Extra map[string]any `json:"-"`
	tag   string
}

func (v variant) JSONTag(Inline) (string, string) { return v.tag, "v1" }
func (*variant) JSONInline(Inline)                {}

// money is a scalar that appends its own JSON.
type money struct{ text string }

func (m money) JSONAppend(_ Inline, b []byte) []byte {
	return append(append(append(b, '"'), m.text...), '"')
}
func (m money) MarshalJSON() ([]byte, error) { return m.JSONAppend(Inline{}, nil), nil }

func TestTagAndAppend(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    variant
		want string
	}{
		{"after the fields", variant{A: "x", tag: "type"}, `{"a":"x","type":"v1"}`},
		{"sorted among Extra, replacing Extra's own", variant{tag: "type", Extra: map[string]any{"z": 1, "type": "evil", "b": 2}},
			`{"b":2,"type":"v1","z":1}`},
		{"in a zero field's place", variant{tag: "kind"}, `{"kind":"v1"}`},
		{"never over a set field", variant{Kind: "mine", tag: "kind"}, `{"kind":"mine"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range []any{tc.v, &tc.v, struct{ V any }{tc.v}, []variant{tc.v}} {
				out, err := Marshal(v)
				require.NoError(t, err)
				assert.Contains(t, string(out), tc.want, "%T", v)
			}
		})
	}
	m := money{"1.50"}
	out, err := Marshal(struct {
		M  money  `json:"m"`
		P  *money `json:"p"`
		N  *money `json:"n"`
		Ms []money
	}{M: m, P: &m, Ms: []money{m}})
	require.NoError(t, err)
	assert.Equal(t, `{"m":"1.50","p":"1.50","n":null,"Ms":["1.50"]}`, string(out))
}

// taggedM is a variant with the one-line MarshalJSON the SDK's variants have.
type taggedM struct {
	A string `json:"a"`
}

func (v taggedM) MarshalJSON() ([]byte, error)  { return Marshal(v) }
func (taggedM) JSONTag(Inline) (string, string) { return "type", "m" }
func (*taggedM) JSONInline(Inline)              {}
func (v *taggedM) UnmarshalJSON(b []byte) error { return Unmarshal(b, (*struct{ A string })(v)) }

// TestLikeEncodingJSONAtTheFastPaths: the shortcuts (plain strings read in
// place, tags, appenders) write what encoding/json writes, also where a
// caller's struct embeds a marked type (its markers are promoted, but its
// JSON is what the promoted MarshalJSON writes) and for omitzero.
func TestLikeEncodingJSONAtTheFastPaths(t *testing.T) {
	type callerOwn struct {
		taggedM
		Note string `json:"note"`
	}
	type callerPrice struct {
		money
		Note string `json:"note"`
	}
	type zeros struct {
		A string `json:"a,omitzero"`
		B string `json:"b,omitempty"`
		C string `json:"c"`
	}
	for _, v := range []any{
		callerOwn{taggedM{A: "x"}, "n"},
		callerPrice{money{"1.50"}, "n"},
		zeros{}, zeros{A: "a", B: "b"},
		struct{ V any }{callerOwn{taggedM{A: "x"}, "n"}},
	} {
		// By value, through an interface (&v) and through a pointer to
		// the value itself, where its fields are addressable.
		ptr := reflect.New(reflect.TypeOf(v))
		ptr.Elem().Set(reflect.ValueOf(v))
		for _, x := range []any{v, &v, ptr.Interface()} {
			want, err := json.Marshal(x)
			require.NoError(t, err)
			got, err := Marshal(x)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), "%T", x)
		}
	}
	var back callerOwn
	require.NoError(t, Unmarshal([]byte(`{"a":"x","note":"n"}`), &back))
	var std callerOwn
	require.NoError(t, json.Unmarshal([]byte(`{"a":"x","note":"n"}`), &std))
	assert.Equal(t, std, back, "decoded through the promoted UnmarshalJSON, as encoding/json does")
}

// FuzzUnmarshal checks Unmarshal against encoding/json: it never panics,
// fails exactly when the input is not JSON, and where encoding/json reads
// the input without error (no drift) both give the same value; Marshal
// then writes the same bytes as encoding/json.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{
		`{"s":"x","i":1,"l":[1,2],"m":{"a":1},"sub":{"x":"y"},"any":[1,"a",null,{"b":true}]}`,
		`{"S":"case","NAME":"n","k\u00e9y":1,"s":"\ud83d\ude00\ud800"}`, `null`, `[]`, `"s"`, `{"i":1.5}`, `{"t":"2024-01-01"}`,
		`{"p":"1","q":"2","r":"3","s":"4","Amb":"x","named":{"p":"n"}}`, `{"a":[1,2,3]}`, `{"raw": [ 1 ]}`, "{\"s\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var jv, xv kinds
		jerr := json.Unmarshal(b, &jv)
		xerr := Unmarshal(b, &xv)
		if json.Valid(b) != (xerr == nil) {
			t.Fatalf("valid=%v but Unmarshal error %v for %q", json.Valid(b), xerr, b)
		}
		if jerr == nil {
			if !reflect.DeepEqual(jv, xv) {
				t.Fatalf("differs from encoding/json for %q:\n%#v\n%#v", b, jv, xv)
			}
			jo, err1 := json.Marshal(jv)
			// By value and by pointer: an addressable struct's strings are
			// read in place.
			for _, x := range []any{xv, &xv} {
				xo, err2 := Marshal(x)
				if (err1 == nil) != (err2 == nil) || string(jo) != string(xo) {
					t.Fatalf("encoding of %T differs for %q:\n%s %v\n%s %v", x, b, jo, err1, xo, err2)
				}
			}
		}
		var je, xe withEmbedded
		if json.Unmarshal(b, &je) == nil && Unmarshal(b, &xe) == nil {
			xe.Extra = nil
			if !reflect.DeepEqual(je, xe) {
				t.Fatalf("embedded differs for %q", b)
			}
		}
		var d drift
		if err := Unmarshal(b, &d); err == nil {
			out, err := Marshal(d)
			if err != nil {
				t.Fatalf("re-encoding failed: %v", err)
			}
			var again drift
			if err := Unmarshal(out, &again); err != nil {
				t.Fatalf("own output unreadable: %v\n%s", err, out)
			}
		}
	})
}

// flexText is a named string marked JSONInline: the engine reads it as a
// string by its drift rules and never calls its (refusing) method.
type flexText string

func (*flexText) UnmarshalJSON([]byte) error { return errors.New("never called by the engine") }
func (*flexText) JSONInline(Inline)          {}

func TestInlineMarkerOnNamedKinds(t *testing.T) {
	var v struct {
		A flexText  `json:"a"`
		B *flexText `json:"b"`
	}
	require.NoError(t, Unmarshal([]byte(`{"a":5516,"b":"x"}`), &v))
	assert.Equal(t, flexText("5516"), v.A)
	assert.Equal(t, flexText("x"), *v.B)
}

// derived has a value (Sum) that its JSONDecoded hook derives from the
// fields it decoded.
type derived struct {
	A     int                        `json:"a"`
	B     int                        `json:"b"`
	Sum   int                        `json:"-"`
	Extra map[string]json.RawMessage `json:"-"`
}

type derivedFields derived

var derivedCalls int

func (d *derived) UnmarshalJSON(b []byte) error {
	derivedCalls++
	*d = derived{}
	if err := Unmarshal(b, (*derivedFields)(d)); err != nil {
		return err
	}
	d.JSONDecoded(Inline{})
	return nil
}

func (d *derived) JSONDecoded(Inline) { d.Sum = d.A + d.B }

// derivedOnly is derived without Extra: its plan does not reset it, the
// hook does.
type derivedOnly struct {
	A   int `json:"a"`
	B   int `json:"b"`
	Sum int `json:"-"`
}

type derivedOnlyFields derivedOnly

func (d *derivedOnly) UnmarshalJSON(b []byte) error {
	*d = derivedOnly{}
	if err := Unmarshal(b, (*derivedOnlyFields)(d)); err != nil {
		return err
	}
	d.JSONDecoded(Inline{})
	return nil
}

func (d *derivedOnly) JSONDecoded(Inline) { d.Sum = d.A + d.B }

// embedsDerived has derived's methods promoted, not its own: encoding/json
// reads it through derived's UnmarshalJSON, and so does the engine.
type embedsDerived struct {
	derived
	C int `json:"c"`
}

// TestDecodedHook: an object met as a type with the JSONDecoded hook is
// read from its fields in the engine's pass and the hook derives the rest;
// any other value is handed to its UnmarshalJSON; the results are those of
// encoding/json through the type's methods.
func TestDecodedHook(t *testing.T) {
	type hooked struct {
		D     derived                    `json:"d"`
		P     *derived                   `json:"p"`
		L     []derived                  `json:"l"`
		Extra map[string]json.RawMessage `json:"-"`
	}
	derivedCalls = 0
	in := `{"d":{"a":1,"b":2,"z":3},"p":{"a":"4","b":5},"l":[{"a":1},{"b":2,"a":{}}]}`
	var h hooked
	require.NoError(t, Unmarshal([]byte(in), &h))
	assert.Equal(t, 0, derivedCalls, "objects are read without the type's UnmarshalJSON")
	assert.Equal(t, derived{A: 1, B: 2, Sum: 3, Extra: map[string]json.RawMessage{"z": json.RawMessage(`3`)}}, h.D)
	assert.Equal(t, &derived{A: 4, B: 5, Sum: 9}, h.P)
	assert.Equal(t, []derived{{A: 1, Sum: 1}, {B: 2, Sum: 2, Extra: map[string]json.RawMessage{"a": json.RawMessage(`{}`)}}}, h.L)
	decodeBoth[hooked](t, in)

	require.NoError(t, Unmarshal([]byte(`{"d":{"a":1,"b":2},"p":null}`), &h), "over a previous document")
	assert.Equal(t, derived{A: 1, B: 2, Sum: 3}, h.D)

	derivedCalls = 0
	h = hooked{D: derived{A: 7, Sum: 7}}
	require.NoError(t, Unmarshal([]byte(`{"d":[1],"p":"x"}`), &h))
	assert.Equal(t, 2, derivedCalls, "values that are not objects go to UnmarshalJSON")
	assert.Equal(t, hooked{P: &derived{}}, h, "which reads them as nothing here, without drift")
	decodeBoth[hooked](t, `{"d":[1],"p":"x","l":[5,null]}`)
	decodeBoth[derived](t, `{"a":1,"b":2}`)
	decodeBoth[derived](t, `true`)

	// Over an earlier document, as its UnmarshalJSON reads: nothing stays.
	type holdsOnly struct {
		D derivedOnly `json:"d"`
	}
	over := `{"d":{"a":1}}`
	mine, std := holdsOnly{D: derivedOnly{B: 5, Sum: 5}}, holdsOnly{D: derivedOnly{B: 5, Sum: 5}}
	require.NoError(t, Unmarshal([]byte(over), &mine))
	require.NoError(t, json.Unmarshal([]byte(over), &std))
	assert.Equal(t, holdsOnly{D: derivedOnly{A: 1, Sum: 1}}, mine)
	assert.Equal(t, std, mine)

	derivedCalls = 0
	e := decodeBoth[embedsDerived](t, `{"a":1,"b":2,"c":3}`)
	assert.Equal(t, embedsDerived{derived: derived{A: 1, B: 2, Sum: 3, Extra: map[string]json.RawMessage{"c": json.RawMessage(`3`)}}}, e,
		"c is not read, as in encoding/json")
	assert.Equal(t, 2, derivedCalls, "a promoted hook does not make the outer type read inline")
}

// recursive refers to itself, so its plan points at itself while built.
type recursive struct {
	Name     string       `json:"name"`
	Children []*recursive `json:"children,omitempty"`
	Next     *recursive   `json:"next,omitempty"`
}

// TestConcurrentPlansAndRecursiveTypes builds plans from many goroutines
// at once (run with -race) and handles a type that contains itself.
func TestConcurrentPlansAndRecursiveTypes(t *testing.T) {
	in := `{"name":"a","children":[{"name":"b","next":{"name":"c"}}],"next":{"name":"d","children":[]}}`
	var want recursive
	require.NoError(t, json.Unmarshal([]byte(in), &want))
	done := make(chan error)
	for i := 0; i < 8; i++ {
		go func() {
			var got recursive
			err := Unmarshal([]byte(in), &got)
			if err == nil && !reflect.DeepEqual(want, got) {
				err = errors.New("decoded differently")
			}
			if err == nil {
				var out []byte
				if out, err = Marshal(got); err == nil && string(out) != `{"name":"a","children":[{"name":"b","next":{"name":"c"}}],"next":{"name":"d"}}` {
					err = errors.New("encoded differently: " + string(out))
				}
			}
			var d drift
			if err == nil {
				err = Unmarshal([]byte(`{"i":"7"}`), &d)
			}
			done <- err
		}()
	}
	for i := 0; i < 8; i++ {
		require.NoError(t, <-done)
	}
}

// TestMarshalCycleFails: a value that contains itself is an error, not a
// stack overflow.
func TestMarshalCycleFails(t *testing.T) {
	n := &recursive{Name: "loop"}
	n.Next = n
	_, err := Marshal(n)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nested deeper than")
}

// appendedCode is a string kind with both the inline marker and JSONAppend:
// the appender wins, as a member as well as on its own.
type appendedCode string

func (appendedCode) JSONAppend(_ Inline, b []byte) []byte { return append(b, `"APP"`...) }
func (c appendedCode) MarshalJSON() ([]byte, error)       { return c.JSONAppend(Inline{}, nil), nil }
func (*appendedCode) JSONInline(Inline)                   {}

// TestMemberWrittenAsItsTypeIs: a member is written as its type's own
// codec writes the type (the member loop's plain-string shortcut decides
// as the codec does).
func TestMemberWrittenAsItsTypeIs(t *testing.T) {
	alone, err := Marshal(appendedCode("x"))
	require.NoError(t, err)
	require.Equal(t, `"APP"`, string(alone))
	v := struct{ S appendedCode }{"x"}
	for _, x := range []any{v, &v} {
		got, err := Marshal(x)
		require.NoError(t, err)
		assert.Equal(t, `{"S":"APP"}`, string(got), "%T", x)
	}
}

// TestOmitZeroThroughTheAddress: omitzero calls a value-receiver IsZero
// through the member's address, without copying the member to the heap.
func TestOmitZeroThroughTheAddress(t *testing.T) {
	v := &struct {
		Z valueZeroer `json:"z,omitzero"`
	}{valueZeroer{2}}
	allocs := testing.AllocsPerRun(100, func() {
		if b, err := Marshal(v); err != nil || string(b) != `{"z":{"N":2}}` {
			t.Fatalf("%s, %v", b, err)
		}
	})
	assert.Equal(t, float64(1), allocs, "the output only")
}
