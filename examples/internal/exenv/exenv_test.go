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
)

// setEnv sets every variable Setup reads; "" unsets it for the test.
func setEnv(t *testing.T, kv map[string]string) {
	for _, k := range []string{zen.EnvAPIURL, zen.EnvAPIKey, zen.EnvSandbox, EnvTerminalUUID, EnvPaywallSecret,
		EnvCheckoutURL, EnvIPNSecret, EnvIPNURL, EnvIPNListen} {
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
		": no credentials needed (set ZEN_API_URL and ZEN_API_KEY to use a real ZEN environment)\n", out.String())
	assert.Equal(t, env.Fake.URL, env.Client.BaseURL())
	assert.Equal(t, env.Fake.IPNSecret(), env.IPNSecret)
	assert.True(t, env.Checkout)
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
	for set, missing := range map[string]string{zen.EnvAPIURL: zen.EnvAPIKey, zen.EnvAPIKey: zen.EnvAPIURL} {
		t.Run(set, func(t *testing.T) {
			value := "https://api.zen-test.com"
			if set == zen.EnvAPIKey {
				value = "real-key"
			}
			setEnv(t, map[string]string{set: value})
			var out bytes.Buffer
			env, err := setup(&out)
			require.Error(t, err)
			assert.Nil(t, env)
			assert.Empty(t, out.String())
			assert.Equal(t, set+" is set but "+missing+" is not: set both to use a real ZEN environment, or neither to use the embedded fake", err.Error())
		})
	}
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
