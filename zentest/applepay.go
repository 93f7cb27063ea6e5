package zentest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// applePaySessionTTL is how long Apple's merchant sessions stay valid.
const applePaySessionTTL = 5 * time.Minute

// applePaySession is the merchant session the fake returns, in the shape of
// Apple's opaque object (the SDK passes it on unread).
type applePaySession struct {
	EpochTimestamp                 int64  `json:"epochTimestamp"`
	ExpiresAt                      int64  `json:"expiresAt"`
	MerchantSessionIdentifier      string `json:"merchantSessionIdentifier"`
	Nonce                          string `json:"nonce"`
	MerchantIdentifier             string `json:"merchantIdentifier"`
	DisplayName                    string `json:"displayName"`
	Signature                      string `json:"signature"`
	OperationalAnalyticsIdentifier string `json:"operationalAnalyticsIdentifier"`
	Retries                        int    `json:"retries"`
	PspID                          string `json:"pspId"`
}

// validateApplePaySession serves POST /v1/applepay/session. ZEN requires the
// header "checkout-version: securebroker"; appleUrl must be Apple's https
// validation URL (a host under apple.com), initiative "webapp" and currency
// a currency code. The identifiers are derived from the terminal and the
// body, so the same request gets the same session; the timestamps come from
// the server clock.
func (s *Server) validateApplePaySession(w *responseBuffer, r *http.Request, b *reqBody) {
	if v := r.Header.Get("checkout-version"); v != "securebroker" {
		badRequest(w, "checkout-version", "header must be securebroker")
		return
	}
	appleURL, ok := b.str("appleUrl", true)
	if ok && b.v.MaxLen("appleUrl", appleURL, 2048) {
		if u, err := url.Parse(appleURL); err != nil || u.Scheme != "https" || !isAppleHost(u.Hostname()) {
			b.fail("appleUrl", "must be Apple's https validation URL (a host under apple.com)")
		}
	}
	initiative := b.text("initiative", true, 0, 0, nil)
	if initiative != "" && initiative != "webapp" {
		b.fail("initiative", "must be webapp")
	}
	currency := b.currency("currency", true)
	if b.refused(w) {
		return
	}
	mac := hmac.New(sha256.New, []byte(s.cfg.terminalUUID))
	mac.Write([]byte(appleURL + "\n" + initiative + "\n" + currency))
	sum := mac.Sum(nil)
	merchant := sha256.Sum256([]byte("merchant.zentest." + s.cfg.terminalUUID))
	now := s.now()
	writeJSON(w, http.StatusOK, applePaySession{
		EpochTimestamp:                 now.UnixMilli(),
		ExpiresAt:                      now.Add(applePaySessionTTL).UnixMilli(),
		MerchantSessionIdentifier:      "SSH" + strings.ToUpper(hex.EncodeToString(sum[:16])),
		Nonce:                          hex.EncodeToString(sum[16:20]),
		MerchantIdentifier:             strings.ToUpper(hex.EncodeToString(merchant[:])),
		DisplayName:                    "ZEN fake merchant (zentest)",
		Signature:                      base64.StdEncoding.EncodeToString(sum),
		OperationalAnalyticsIdentifier: "zentest:" + hex.EncodeToString(sum[20:]),
		PspID:                          strings.ToUpper(hex.EncodeToString(merchant[:8])),
	})
}

func isAppleHost(host string) bool {
	host = strings.ToLower(host)
	return host == "apple.com" || strings.HasSuffix(host, ".apple.com")
}
