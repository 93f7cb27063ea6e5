package exenv

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// setEnv sets every variable Setup reads; "" unsets it for the test.
func setEnv(t *testing.T, kv map[string]string) {
	for _, k := range []string{zen.EnvAPIURL, zen.EnvAPIKey, zen.EnvSandbox, EnvTerminalUUID, EnvPaywallSecret,
		EnvCheckoutURL, EnvIPNSecret, EnvIPNURL, EnvIPNListen, zentest.EnvCapture} {
		t.Setenv(k, kv[k])
	}
}

func TestSetupWithoutCredentialsStartsTheFake(t *testing.T) {
	setEnv(t, nil)
	var out bytes.Buffer
	env, err := setup(&out)
	require.NoError(t, err)
	defer env.Close()

	require.NotNil(t, env.Fake)
	assert.Equal(t, "Using the embedded fake ZEN at "+env.Fake.URL+
		", capture mode manual: no credentials needed (set ZEN_API_URL and ZEN_API_KEY to use a real ZEN environment)\n", out.String())
	assert.Equal(t, env.Fake.URL, env.Client.BaseURL())
	assert.Equal(t, env.Fake.IPNSecret(), env.IPNSecret)
	assert.True(t, env.Checkout)
	assert.False(t, env.Fake.AutoCapture())
}

// TestSetupCaptureModeFromEnv: ZEN_FAKE_CAPTURE chooses the fake
// terminal's capture mode, so every example runs in both.
func TestSetupCaptureModeFromEnv(t *testing.T) {
	setEnv(t, map[string]string{zentest.EnvCapture: "auto"})
	var out bytes.Buffer
	env, err := setup(&out)
	require.NoError(t, err)
	defer env.Close()
	assert.True(t, env.Fake.AutoCapture())
	assert.Contains(t, out.String(), ", capture mode auto: ")
	tx, err := env.Client.Purchases.Create(context.Background(), CardPurchase(MerchantID("order"), zentest.CardApproved, "EUR", "",
		types.NewItem("Book", types.MustAmount("10.00"), 1)))
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, tx.Status)

	// Unset, the program's own options decide.
	setEnv(t, nil)
	own, err := setup(&out, zentest.WithAutoCapture())
	require.NoError(t, err)
	defer own.Close()
	assert.True(t, own.Fake.AutoCapture())

	setEnv(t, map[string]string{zentest.EnvCapture: "later"})
	_, err = setup(&out)
	assert.EqualError(t, err, `ZEN_FAKE_CAPTURE: zentest: capture mode "later": want auto or manual`)
}

func TestSetupWithBothVariablesUsesRealZEN(t *testing.T) {
	setEnv(t, map[string]string{zen.EnvAPIURL: "https://api.zen-test.com/", zen.EnvAPIKey: "real-key",
		EnvTerminalUUID: "5c3d7a4e-2b1f-4c8e-9a6d-0f1e2d3c4b5a", EnvPaywallSecret: "paywall", EnvIPNSecret: "ipn"})
	var out bytes.Buffer
	env, err := setup(&out)
	require.NoError(t, err)
	defer env.Close()

	assert.Nil(t, env.Fake)
	assert.Equal(t, "Using ZEN at https://api.zen-test.com (from ZEN_API_URL)\n", out.String())
	assert.Equal(t, "https://api.zen-test.com", env.URL)
	assert.Equal(t, "ipn", env.IPNSecret)
	assert.True(t, env.Checkout)

	// Without ZEN_IPN_URL, ZEN cannot reach a receiver on this machine.
	r, err := env.IPNReceiver()
	require.NoError(t, err)
	assert.Empty(t, r.URL)
	_, err = r.Wait(context.Background(), "order-1")
	assert.ErrorIs(t, err, ErrNoReceiver)
}

func TestSetupWithOneVariableNamesTheMissingOne(t *testing.T) {
	for _, tc := range []struct {
		env          map[string]string
		set, missing string
	}{
		{map[string]string{zen.EnvAPIURL: "https://api.zen-test.com"}, zen.EnvAPIURL, zen.EnvAPIKey},
		{map[string]string{zen.EnvSandbox: "true"}, zen.EnvSandbox, zen.EnvAPIKey},
		{map[string]string{zen.EnvAPIKey: "real-key"}, zen.EnvAPIKey, zen.EnvAPIURL + " (or ZEN_SANDBOX=true)"},
		{map[string]string{zen.EnvAPIKey: "real-key", zen.EnvSandbox: "false"}, zen.EnvAPIKey, zen.EnvAPIURL + " (or ZEN_SANDBOX=true)"},
	} {
		t.Run(tc.set, func(t *testing.T) {
			setEnv(t, tc.env)
			var out bytes.Buffer
			env, err := setup(&out)
			require.Error(t, err)
			assert.Nil(t, env)
			assert.Empty(t, out.String())
			assert.Equal(t, tc.set+" is set but "+tc.missing+" is not: set both to use a real ZEN environment, or neither to use the embedded fake", err.Error())
		})
	}
}

// ZEN_SANDBOX=true stands for the sandbox URL, as in zen.NewClientFromEnv;
// false (with nothing else set) is the fake; a value that is not a boolean
// is an error rather than silently the fake.
func TestSetupWithSandbox(t *testing.T) {
	setEnv(t, map[string]string{zen.EnvSandbox: "true", zen.EnvAPIKey: "real-key"})
	var out bytes.Buffer
	env, err := setup(&out)
	require.NoError(t, err)
	assert.Nil(t, env.Fake)
	assert.Equal(t, "Using ZEN at https://api.zen-test.com (from ZEN_SANDBOX)\n", out.String())
	env.Close()

	setEnv(t, map[string]string{zen.EnvSandbox: "false"})
	out.Reset()
	env, err = setup(&out)
	require.NoError(t, err)
	assert.NotNil(t, env.Fake)
	env.Close()

	setEnv(t, map[string]string{zen.EnvSandbox: "yes please"})
	_, err = setup(&bytes.Buffer{})
	assert.EqualError(t, err, `ZEN_SANDBOX="yes please": want true or false`)
}

func TestIPNReceiverWaitsForVerifiedNotifications(t *testing.T) {
	setEnv(t, nil)
	env, err := setup(&bytes.Buffer{})
	require.NoError(t, err)
	defer env.Close()
	r, err := env.IPNReceiver()
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(r.URL, "http://127.0.0.1:"), r.URL)

	post := func(mtid, secret string) int {
		body, err := zen.SignNotification(&zen.Notification{MerchantTransactionID: mtid, Amount: "10.00", Currency: "EUR",
			Status: types.StatusAccepted, Type: types.TypePurchase, TransactionID: "tx-" + mtid}, secret)
		require.NoError(t, err)
		resp, err := http.Post(r.URL, "application/json", bytes.NewReader(body))
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusUnauthorized, post("order-1", "wrong-secret"))
	assert.Equal(t, http.StatusOK, post("order-2", env.IPNSecret))
	assert.Equal(t, http.StatusOK, post("order-1", env.IPNSecret))

	n, err := r.Wait(context.Background(), "order-1")
	require.NoError(t, err)
	assert.Equal(t, "TRT_PURCHASE ACCEPTED 10.00 EUR  id=tx-order-1 merchantTransactionId=order-1", Notification(n))
	n, err = r.Wait(context.Background(), "order-2")
	require.NoError(t, err)
	assert.Equal(t, "tx-order-2", n.TransactionID)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = r.Wait(ctx, "order-1") // each notification is returned once
	assert.ErrorIs(t, err, context.Canceled)
}

// TestTxNamesTheRejectCode: a declined transaction's line carries its code
// and, when ZEN's catalogue has it, the code's description.
func TestTxNamesTheRejectCode(t *testing.T) {
	tx := &types.Transaction{Type: types.TypePurchase, Status: types.StatusRejected, Amount: types.MustAmount("10.99"),
		Currency: "EUR", ID: "t1", MerchantTransactionID: "m1", RejectCode: types.RejectInsufficientFunds}
	assert.Equal(t, "TRT_PURCHASE REJECTED 10.99 EUR  id=t1 merchantTransactionId=m1 rejectCode=C40051 (Insufficient funds)", Tx(tx))
	tx.RejectCode = "E99999"
	assert.Equal(t, "TRT_PURCHASE REJECTED 10.99 EUR  id=t1 merchantTransactionId=m1 rejectCode=E99999", Tx(tx))
}
