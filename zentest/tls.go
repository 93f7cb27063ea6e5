package zentest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// WithTLS serves the API, the hosted checkout and the elsewhere listener
// over https with a self-signed certificate for 127.0.0.1, ::1 and
// localhost, made once per process; URL and CheckoutURL start with
// https://. Client and HTTPClient trust it; other clients get an unknown
// authority error. FaultRedirectPlainHTTP then redirects to plain http on
// the same host.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// testCert is the certificate of every WithTLS listener. httptest's own
// does not name localhost, which FaultRedirectOtherHost uses as another
// host.
var testCert = sync.OnceValue(func() tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic("zentest: generating the TLS key: " + err.Error())
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Organization: []string{"zentest"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic("zentest: making the TLS certificate: " + err.Error())
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
})

// startTLS starts ts over https with testCert; ts.Client() then trusts it.
func startTLS(ts *httptest.Server) {
	ts.TLS = &tls.Config{Certificates: []tls.Certificate{testCert()}}
	ts.StartTLS()
}

// apiScheme is "https" with WithTLS, else "http".
func (s *Server) apiScheme() string {
	if s.cfg.tls {
		return "https"
	}
	return "http"
}

// HTTPClient returns a new *http.Client for this server's listeners: it
// trusts the WithTLS certificate and follows redirects as net/http does by
// default. Each call returns its own client (changing its CheckRedirect
// changes no other) over one shared transport that Close shuts.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{Transport: s.api.Client().Transport}
}
