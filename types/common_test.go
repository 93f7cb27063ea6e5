package types

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDateCodec(t *testing.T) {
	var d Date
	require.NoError(t, json.Unmarshal([]byte(`"2019-08-24"`), &d))
	assert.Equal(t, Date{2019, time.August, 24}, d)
	require.NoError(t, json.Unmarshal([]byte(`"2019-08-24T23:30:00-02:00"`), &d))
	assert.Equal(t, Date{2019, time.August, 24}, d, "the date as written, not moved to UTC")
	require.NoError(t, json.Unmarshal([]byte(`null`), &d))
	assert.True(t, d.IsZero())
	// An empty string is "no date", as null is: a sloppy optional field
	// must not fail decoding of the whole transaction.
	d = Date{2000, 1, 1}
	require.NoError(t, json.Unmarshal([]byte(`""`), &d))
	assert.True(t, d.IsZero())
	assert.Error(t, json.Unmarshal([]byte(`"24.08.2019"`), &d))
	assert.Error(t, json.Unmarshal([]byte(`20190824`), &d))

	b, err := json.Marshal(Date{2019, time.August, 4})
	require.NoError(t, err)
	assert.Equal(t, `"2019-08-04"`, string(b))
	b, err = json.Marshal(Date{})
	require.NoError(t, err)
	assert.Equal(t, `null`, string(b))
}

func TestTransactionWithEmptyDateDecodes(t *testing.T) {
	var tx Transaction
	require.NoError(t, json.Unmarshal([]byte(`{"merchantTransactionId":"m","meta":{"travelRuleData":{"entityType":"individual","dateOfBirth":""}}}`), &tx))
	assert.Nil(t, tx.Meta.TravelRuleData.DateOfBirth, `"" where a date is expected reads as unset`)
}

func TestFlexStringAndFlexInt(t *testing.T) {
	var s FlexString
	for in, want := range map[string]FlexString{`"0557"`: "0557", `5516`: "5516", `null`: "", `12345678901234567890`: "12345678901234567890"} {
		require.NoError(t, json.Unmarshal([]byte(in), &s), in)
		assert.Equal(t, want, s, in)
	}
	for _, in := range []string{`true`, `[]`, `{}`} {
		assert.Error(t, json.Unmarshal([]byte(in), &s), in)
	}
	b, err := json.Marshal(FlexString("5516"))
	require.NoError(t, err)
	assert.Equal(t, `"5516"`, string(b))

	var n FlexInt
	for in, want := range map[string]FlexInt{`10`: 10, `"10"`: 10, `""`: 0, `null`: 0, `-3`: -3} {
		require.NoError(t, json.Unmarshal([]byte(in), &n), in)
		assert.Equal(t, want, n, in)
	}
	for _, in := range []string{`1.5`, `"x"`, `true`, `99999999999999999999`} {
		assert.Error(t, json.Unmarshal([]byte(in), &n), in)
	}
}

// TestStringTextAgreesWithEncodingJSON: the JSON string reader that
// Amount, Quantity, Date, FlexInt, FlexString and MerchantAction's URLs
// share reads what encoding/json reads, and fails where it fails: every
// byte alone and between plain text, escapes, broken UTF-8, stray quotes
// and unterminated strings.
func TestStringTextAgreesWithEncodingJSON(t *testing.T) {
	var inner []string
	for c := range 256 {
		inner = append(inner, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)})+"cd")
	}
	inner = append(inner, "", "plain", "é€𝄞", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		`\n`, `\"`, `\\`, `\/`, `\u00e9`, `\ud834\udd1e`, `\ud800`, `\x`, `a"b`, `a\`)
	var plain int
	for _, in := range inner {
		for _, b := range []string{`"` + in + `"`, `"` + in, in + `"`} {
			var want string
			wantErr := json.Unmarshal([]byte(b), &want)
			got, err := stringText([]byte(b))
			if (err != nil) != (wantErr != nil) || got != want {
				t.Errorf("%q: got %q, %v; encoding/json %q, %v", b, got, err, want, wantErr)
			}
		}
		if isPlainString([]byte(in)) {
			plain++
		}
	}
	if plain < 100 || plain == len(inner) {
		t.Fatalf("%d of %d contents read without decoding: both ways need exercise", plain, len(inner))
	}
}
