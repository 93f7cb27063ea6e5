package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/uuid"
	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/rawtx"
	"github.com/zen-go/zen/types"
)

// End-to-end benchmarks of the SDK against the code a merchant would write
// by hand with net/http and encoding/json, side by side in one run: every
// benchmark has a /sdk and a /raw sub-benchmark against the same loopback
// server (see BENCHMARKS.md for the commands and the ratios):
//
//	go test -run '^$' -bench '^Benchmark(Get|Create|CreateParts|ListAll|Download|Latency256|ValidatePurchase|EncodePurchase)$' -benchmem -count 6 .
//
// The server runs in the same process, so its own cost is in both numbers
// alike; the raw side uses a tuned *http.Client (256 idle connections per
// host) and decodes into rawTransaction, a typed struct with the same
// fields and no unknown-member keeping.

const benchTxID = "497f6eca-6276-4993-bfeb-53cbbbba6f08"

func seedBody(tb testing.TB) []byte {
	tb.Helper()
	body, err := os.ReadFile("types/testdata/transaction_seed.json")
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

// serveBytes answers every request with body as JSON, after reading the
// request body to the end.
func serveBytes(body []byte) http.HandlerFunc {
	size := strconv.Itoa(len(body))
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", size)
		_, _ = w.Write(body)
	}
}

// rawClient is what a careful merchant would configure by hand: a private
// Transport with an idle pool as large as its concurrency.
func rawClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 512, 256
	return &http.Client{Transport: tr}
}

// rawDo is the hand-written call: headers ZEN requires, a JSON body when
// in is not nil (json.Marshal), the answer decoded with json.Decoder into
// out, the body drained so the connection is reused.
func rawDo(ctx context.Context, hc *http.Client, method, url string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("request-id", "merchant-"+uuid.NewString())
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// benchPairWarmup is how many calls each side makes before any is timed.
const benchPairWarmup = 500

// benchPair runs sdk and raw serially and from 64 goroutines
// (BenchmarkX/serial/sdk, BenchmarkX/parallel/raw, …), each side warmed up
// before either is timed. Whichever of the separate sub-benchmarks runs
// first measured 10–20% slower on the machines of BENCHMARKS.md (go test
// runs a leaf's -count repetitions in a row, so that order is fixed), so
// the figure to read is …/pair, which times the two in alternation.
func benchPair(b *testing.B, sdk, raw func() error) {
	type side struct {
		name string
		call func() error
	}
	sides := []side{{"sdk", sdk}, {"raw", raw}}
	warmUp(b, sdk, raw)
	for _, mode := range []string{"serial", "parallel"} {
		b.Run(mode, func(b *testing.B) {
			for _, side := range sides {
				b.Run(side.name, func(b *testing.B) {
					if err := side.call(); err != nil { // warm the connection pool
						b.Fatal(err)
					}
					b.ReportAllocs()
					b.ResetTimer()
					if mode == "serial" {
						for i := 0; i < b.N; i++ {
							if err := side.call(); err != nil {
								b.Fatal(err)
							}
						}
						return
					}
					b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if err := side.call(); err != nil {
								b.Error(err)
								return
							}
						}
					})
				})
			}
			b.Run("pair", func(b *testing.B) { benchInterleaved(b, mode == "parallel", sdk, raw) })
		})
	}
}

// warmUp makes benchPairWarmup calls of each of calls.
func warmUp(b *testing.B, calls ...func() error) {
	for _, call := range calls {
		for range benchPairWarmup {
			if err := call(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// fanOut makes n calls of call from workers goroutines and returns the
// first error.
func fanOut(workers, n int, call func() error) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if err := call(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// pairBatch is how many calls one side makes in a row in
// benchInterleaved's parallel mode before the other side's turn.
const pairBatch = 256

// benchInterleaved times sdk and raw in alternation under the same
// conditions, so that drift in the machine's speed during a run (other
// sessions, frequency, the heap's growth) falls on both: b.N is the number
// of calls of each side. Serially each iteration makes one call of each
// side, in alternating order; in parallel, 64 goroutines make pairBatch
// calls of one side, then of the other. It reports sdk-ns/op and
// raw-ns/op (wall time per call; in parallel, per call of the batch) and
// their ratio sdk/raw, the figure the goals are stated in.
func benchInterleaved(b *testing.B, parallel bool, sdk, raw func() error) {
	benchSides(b, parallel, [2]string{"sdk", "raw"}, sdk, raw)
}

// benchSides is benchInterleaved for any two sides, named in its metrics
// (names[0]-ns/op, names[1]-ns/op and names[0]/names[1]).
func benchSides(b *testing.B, parallel bool, names [2]string, first, second func() error) {
	calls := [2]func() error{first, second}
	var spent [2]time.Duration
	if !parallel {
		for i := 0; i < b.N; i++ {
			for k := range 2 {
				side := (i + k) % 2
				start := time.Now()
				if err := calls[side](); err != nil {
					b.Fatal(err)
				}
				spent[side] += time.Since(start)
			}
		}
	} else {
		workers := 64
		for done := 0; done < b.N; done += pairBatch {
			n := min(pairBatch, b.N-done)
			for k := range 2 {
				side := (done/pairBatch + k) % 2
				start := time.Now()
				err := fanOut(workers, n, calls[side])
				spent[side] += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	ns0, ns1 := float64(spent[0].Nanoseconds())/float64(b.N), float64(spent[1].Nanoseconds())/float64(b.N)
	b.ReportMetric(0, "ns/op") // the pair's own figure means nothing; see the metrics
	b.ReportMetric(ns0, names[0]+"-ns/op")
	b.ReportMetric(ns1, names[1]+"-ns/op")
	b.ReportMetric(ns0/ns1, names[0]+"/"+names[1])
}

// BenchmarkGet is the decode-heavy call: Purchases.Get of ZEN's full
// documented transaction (about 7 KB) against a hand-written GET decoding
// into rawTransaction.
func BenchmarkGet(b *testing.B) {
	srv := httptest.NewServer(serveBytes(seedBody(b)))
	defer srv.Close()
	c, hc := benchClients(b, srv.URL)
	ctx := context.Background()
	url := srv.URL + "/v1/transactions/" + benchTxID
	benchPair(b,
		func() error { _, err := c.Purchases.Get(ctx, benchTxID); return err },
		func() error { var tx rawTransaction; return rawDo(ctx, hc, http.MethodGet, url, nil, &tx) })
}

// benchPurchase is a fully populated card purchase: every field of the
// request set, so validation and encoding do all their work.
func benchPurchase() *PurchaseCreateRequest {
	addr := func(id string) *types.Address {
		return &types.Address{ID: id, FirstName: "Jan", LastName: "Kowalski", Country: "PL", Street: "Prosta",
			City: "Warszawa", CountryState: "mazowieckie", Province: "Mazowsze", BuildingNumber: "51",
			RoomNumber: "12", Postcode: "00-838", CompanyName: "Kowalski sp. z o.o.", Phone: "+48500100200",
			TaxID: "5252248481"}
	}
	item := func(code, name, price string, qty int64) types.Item {
		it := types.NewItem(name, types.MustAmount(price), qty)
		it.Code, it.Category, it.Type = code, "kitchen", types.ItemPhysical
		return it
	}
	return &PurchaseCreateRequest{
		MerchantTransactionID: "order-bench-000001",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("108.47"),
		Currency:              "PLN",
		Customer: &types.TransactionCustomer{ID: "cust-1", FirstName: "Jan", LastName: "Kowalski",
			Email: "jan.kowalski@example.com", Phone: "+48500100200", Information: "returning buyer",
			IP: "203.0.113.7", Country: "PL"},
		Items: []types.Item{item("MUG-1", "Mug", "15.00", 2), item("TEA-7", "Green tea", "25.99", 3),
			item("SPN-2", "Spoon", "0.50", 1)},
		PaymentSpecificData: OneTimePayment{
			Card:       CardDetails{Number: "4111111111111111", ExpiryDate: "1229", CVV: "123", CardHolderName: "Jan Kowalski"},
			Descriptor: "ZEN-GO SHOP",
			ThreeDSOptions: ThreeDSOptions{
				BrowserDetails: &BrowserDetails{AcceptHeader: "text/html", ColorDepth: "24", JavaEnabled: false,
					Lang: "pl-PL", ScreenHeight: "1080", ScreenWidth: "1920", Timezone: "-60", WindowSize: "05",
					UserAgent: "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"},
				ReturnVerifyURL: "https://shop.example.com/3ds/return",
			},
			SaveCard: Ptr(true),
			AvsCheck: Ptr(true),
		},
		BillingAddress:              addr("bill-1"),
		ShippingAddress:             addr("ship-1"),
		CustomIPNURL:                "https://shop.example.com/zen/ipn",
		Comment:                     "gift wrap, please",
		OriginMerchantTransactionID: "order-bench-000000",
		Authorization:               &PurchaseAuthorization{Amount: types.MustAmount("108.47"), Currency: "PLN", SessionID: "sess-7f3a"},
		FraudFields:                 map[string]any{"fingerPrintId": "fp-0a1b2c3d"},
		Source: &types.Source{Channel: types.SourceZenAPI, PluginName: "zen-go", PluginVersion: Version,
			PlatformName: "shop", PlatformVersion: "2.4.1", ProcessID: "p-1", ProcessName: "checkout"},
	}
}

// rawPurchase is the same body typed by hand for encoding/json.
type rawPurchase struct {
	MerchantTransactionID string          `json:"merchantTransactionId"`
	PaymentChannel        string          `json:"paymentChannel"`
	Amount                string          `json:"amount"`
	Currency              string          `json:"currency"`
	Customer              *rawtx.Customer `json:"customer"`
	Items                 []rawtx.Item    `json:"items,omitempty"`
	PaymentSpecificData   struct {
		Type string `json:"type"`
		Card struct {
			Number         string `json:"number,omitempty"`
			ExpiryDate     string `json:"expiryDate,omitempty"`
			CVV            string `json:"cvv,omitempty"`
			CardHolderName string `json:"cardHolderName,omitempty"`
		} `json:"card"`
		Descriptor     string `json:"descriptor"`
		BrowserDetails struct {
			AcceptHeader string `json:"acceptHeader"`
			ColorDepth   string `json:"colorDepth"`
			JavaEnabled  bool   `json:"javaEnabled"`
			Lang         string `json:"lang"`
			ScreenHeight string `json:"screenHeight"`
			ScreenWidth  string `json:"screenWidth"`
			Timezone     string `json:"timezone"`
			WindowSize   string `json:"windowSize"`
			UserAgent    string `json:"userAgent"`
		} `json:"browserDetails"`
		ReturnVerifyURL string `json:"returnVerifyUrl,omitempty"`
		SaveCard        *bool  `json:"saveCard,omitempty"`
		AvsCheck        *bool  `json:"avsCheck,omitempty"`
	} `json:"paymentSpecificData"`
	BillingAddress              *rawtx.Address `json:"billingAddress,omitempty"`
	ShippingAddress             *rawtx.Address `json:"shippingAddress,omitempty"`
	CustomIPNURL                string         `json:"customIpnUrl,omitempty"`
	Comment                     string         `json:"comment,omitempty"`
	OriginMerchantTransactionID string         `json:"originMerchantTransactionId,omitempty"`
	Authorization               *rawAuthz      `json:"authorization,omitempty"`
	FraudFields                 map[string]any `json:"fraudFields,omitempty"`
	Source                      *rawtx.Source  `json:"source,omitempty"`
}

type rawAuthz struct {
	Amount    string `json:"amount"`
	Currency  string `json:"currency"`
	SessionID string `json:"sessionId,omitempty"`
}

// rawPurchaseOf copies req into the hand-written shape, once, outside the
// timed loop.
func rawPurchaseOf(tb testing.TB, req *PurchaseCreateRequest) *rawPurchase {
	tb.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		tb.Fatal(err)
	}
	var r rawPurchase
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // the raw shape must carry every member
	if err := dec.Decode(&r); err != nil {
		tb.Fatal(err)
	}
	return &r
}

// BenchmarkValidatePurchase is the validation inside Create alone, on the
// request of BenchmarkCreate: its time and allocations are the SDK's own
// cost over a hand-written call, which validates nothing.
func BenchmarkValidatePurchase(b *testing.B) {
	req := benchPurchase()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := req.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodePurchase is the body of BenchmarkCreate alone, no HTTP:
// the engine (sdk) against json.Marshal of the hand-written shape (raw).
func BenchmarkEncodePurchase(b *testing.B) {
	req := benchPurchase()
	raw := rawPurchaseOf(b, req)
	for _, side := range []struct {
		name string
		v    any
		enc  func(any) ([]byte, error)
	}{{"sdk", req, jsonx.Marshal}, {"raw", raw, json.Marshal}} {
		b.Run(side.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := side.enc(side.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCreate is the encode-heavy call: Purchases.Create of a fully
// populated request (validation included) against json.Marshal of the
// same body and a hand-written POST. Both decode the same short answer.
// createAnswer is ZEN's answer to benchPurchase: the purchase, pending a
// 3-D Secure redirect.
var createAnswer = []byte(`{"id":"` + benchTxID + `","merchantTransactionId":"order-bench-000001","type":"TRT_PURCHASE",` +
	`"status":"PENDING","amount":"108.47","currency":"PLN","merchantAction":{"action":"REDIRECT",` +
	`"data":{"redirectUrl":"https://secure.zen.com/3ds/abc"}}}`)

func BenchmarkCreate(b *testing.B) {
	answer := serveBytes(createAnswer)
	var mu sync.Mutex
	var bodies [][]byte
	record := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if record {
			b, _ := io.ReadAll(r.Body)
			bodies = append(bodies, b)
		}
		mu.Unlock()
		answer(w, r)
	}))
	defer srv.Close()
	c, hc := benchClients(b, srv.URL)
	ctx := context.Background()
	req := benchPurchase()
	raw := rawPurchaseOf(b, req)
	url := srv.URL + "/v1/transactions"
	sdk := func() error { _, err := c.Purchases.Create(ctx, req); return err }
	rawCall := func() error { var tx rawTransaction; return rawDo(ctx, hc, http.MethodPost, url, raw, &tx) }

	// Both sides must send the same JSON value.
	if err := sdk(); err != nil {
		b.Fatal(err)
	}
	if err := rawCall(); err != nil {
		b.Fatal(err)
	}
	var sent [2]any
	for i := range sent {
		if err := json.Unmarshal(bodies[i], &sent[i]); err != nil {
			b.Fatal(err)
		}
	}
	if !reflect.DeepEqual(sent[0], sent[1]) {
		b.Fatalf("the bodies differ:\nsdk %s\nraw %s", bodies[0], bodies[1])
	}
	mu.Lock()
	record = false
	mu.Unlock()
	benchPair(b, sdk, rawCall)
}

// maxCreateAllocs bounds the allocations of one Purchases.Create in
// TestCreateAllocations (net/http's share differs: 114 on go1.26, 115 on
// go1.24, the Go .ci/run tests it on, since its newest-Go run has -race,
// which skips it); lower it when a change removes some.
const maxCreateAllocs = 115

// raceEnabled is set in a build with the race detector (race_test.go).
var raceEnabled bool

// TestCreateAllocations holds one Purchases.Create against a loopback
// server to maxCreateAllocs allocations, counted as -benchmem counts them
// (the client, net/http and the server's side alike, all in this process),
// so work added to the request path shows here, not only in a benchmark
// nobody reruns. Allocation counts are exact where timings are not.
func TestCreateAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts (sync.Pool drops items at random)")
	}
	srv := httptest.NewServer(serveBytes(createAnswer))
	defer srv.Close()
	c, err := NewClient(testKey, WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, req := context.Background(), benchPurchase()
	got := testing.AllocsPerRun(200, func() {
		if tx, err := c.Purchases.Create(ctx, req); err != nil || tx.ID != benchTxID {
			t.Fatalf("Create: %v, %+v", err, tx)
		}
	})
	t.Logf("%.0f allocations", got)
	if got > maxCreateAllocs {
		t.Errorf("one Purchases.Create made %.0f allocations; want at most %d", got, maxCreateAllocs)
	}
}

// BenchmarkCreateParts splits BenchmarkCreate's ratio, serially and in
// alternation (BENCHMARKS.md, "Where Create's last 8% goes"):
//   - deadline/raw: the hand-written call with and without a per-call
//     context.WithTimeout, the bound every SDK call has (WithTimeout);
//   - sdk/deadline: the SDK against the hand-written call with that bound;
//   - memory: sdk/raw with both clients' Transport replaced by an in-memory
//     RoundTripper answering createAnswer, so only the client's own work
//     is timed (validation, encoding, building the request, decoding).
func BenchmarkCreateParts(b *testing.B) {
	srv := httptest.NewServer(serveBytes(createAnswer))
	defer srv.Close()
	c, hc := benchClients(b, srv.URL)
	ctx, req := context.Background(), benchPurchase()
	raw := rawPurchaseOf(b, req)
	rawCall := func(ctx context.Context, hc *http.Client, base string) error {
		var tx rawTransaction
		return rawDo(ctx, hc, http.MethodPost, base+"/v1/transactions", raw, &tx)
	}
	bounded := func() error {
		ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
		return rawCall(ctx, hc, srv.URL)
	}
	unbounded := func() error { return rawCall(ctx, hc, srv.URL) }
	sdk := func() error { _, err := c.Purchases.Create(ctx, req); return err }
	warmUp(b, sdk, unbounded, bounded)
	b.Run("deadline/raw", func(b *testing.B) { benchSides(b, false, [2]string{"deadline", "raw"}, bounded, unbounded) })
	b.Run("sdk/deadline", func(b *testing.B) { benchSides(b, false, [2]string{"sdk", "deadline"}, sdk, bounded) })

	const memBase = "https://api.zen.test"
	mem := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		_, _ = io.Copy(io.Discard, r.Body)
		return &http.Response{
			StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			ContentLength: int64(len(createAnswer)), Body: io.NopCloser(bytes.NewReader(createAnswer)), Request: r,
		}, nil
	})}
	mc, err := NewClient(testKey, WithBaseURL(memBase), WithHTTPClient(mem))
	if err != nil {
		b.Fatal(err)
	}
	memSDK := func() error { _, err := mc.Purchases.Create(ctx, req); return err }
	memRaw := func() error { return rawCall(ctx, mem, memBase) }
	warmUp(b, memSDK, memRaw)
	b.Run("memory", func(b *testing.B) { benchInterleaved(b, false, memSDK, memRaw) })
}

// BenchmarkDownload streams a 32 MiB report to io.Discard: Reports.DownloadTo
// against a hand-written GET and io.Copy (MB/s is the throughput; B/op
// shows memory stays flat).
func BenchmarkDownload(b *testing.B) {
	const size = 32 << 20
	c, srv := reportServer(b, size)
	hc := srv.Client()
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			info, err := c.Reports.DownloadTo(ctx, "big", io.Discard)
			if err != nil || info.Size != size {
				b.Fatalf("download: %v (%v)", err, info)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/reports/big/file", nil)
			req.Header.Set("Authorization", "Bearer "+testKey)
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || n != size {
				b.Fatalf("download: %v (%d bytes)", err, n)
			}
		}
	})
}

// listServer serves pages of saved customers, 100 a page, until n items
// have been listed; the pages are built once so the server allocates
// little while measured.
func listServer(tb testing.TB, n int) *httptest.Server {
	const per = 100
	var pages [][]byte
	for p := 1; (p-1)*per < n; p++ {
		var buf bytes.Buffer
		buf.WriteString(`{"data":[`)
		for i := (p - 1) * per; i < min(p*per, n); i++ {
			if i > (p-1)*per {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"id":"%s","firstName":"Jan","lastName":"Kowalski %d","email":"jan%d@example.com","phone":"+48500%06d","tier":"gold"}`,
				uuid.NewSHA1(uuid.NameSpaceOID, []byte(strconv.Itoa(i))), i, i, i)
		}
		fmt.Fprintf(&buf, `],"meta":{"page":%d,"itemsPerPage":%d,"total":%d}}`, p, per, n)
		pages = append(pages, buf.Bytes())
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if p < 1 {
			p = 1
		}
		body := []byte(`{"data":[],"meta":{}}`)
		if p <= len(pages) {
			body = pages[p-1]
		}
		serveBytes(body)(w, r)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// BenchmarkListAll iterates 100,000 saved customers over 1,000 pages:
// Customers.All against a hand-written page loop. Besides the time per
// 100,000 items it reports allocations and bytes per item, and the peak
// growth of the live heap while iterating, sampled after a collection
// every 10,000 items (flat memory: it must not grow with the number of
// items).
func BenchmarkListAll(b *testing.B) {
	const n = 100_000
	srv := listServer(b, n)
	c, hc := benchClients(b, srv.URL)
	ctx := context.Background()
	type rawPage struct {
		Data []struct {
			ID        string `json:"id"`
			FirstName string `json:"firstName"`
			LastName  string `json:"lastName"`
			Email     string `json:"email"`
			Phone     string `json:"phone"`
		} `json:"data"`
		Meta struct {
			Page         int `json:"page"`
			ItemsPerPage int `json:"itemsPerPage"`
			Total        int `json:"total"`
		} `json:"meta"`
	}
	run := func(b *testing.B, iterate func(seen func()) error) {
		var base, ms runtime.MemStats
		var peak uint64
		seen := 0
		sample := func() {
			seen++
			if seen%10_000 == 0 { // the live heap, outside the timing
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
				b.StartTimer()
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&base)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			seen = 0
			if err := iterate(sample); err != nil {
				b.Fatal(err)
			}
			if seen != n {
				b.Fatalf("saw %d items, want %d", seen, n)
			}
		}
		b.StopTimer()
		runtime.ReadMemStats(&ms)
		items := float64(b.N) * n
		b.ReportMetric(float64(ms.Mallocs-base.Mallocs)/items, "allocs/item")
		b.ReportMetric(float64(ms.TotalAlloc-base.TotalAlloc)/items, "B/item")
		if peak > base.HeapAlloc {
			b.ReportMetric(float64(peak-base.HeapAlloc)/(1<<20), "peak-heap-MiB")
		} else {
			b.ReportMetric(0, "peak-heap-MiB")
		}
	}
	b.Run("sdk", func(b *testing.B) {
		run(b, func(seen func()) error {
			for _, err := range c.Customers.All(ctx, CustomerListParams{ListParams{ItemsPerPage: 100}}) {
				if err != nil {
					return err
				}
				seen()
			}
			return nil
		})
	})
	b.Run("raw", func(b *testing.B) {
		run(b, func(seen func()) error {
			for p := 1; ; p++ {
				var page rawPage
				url := srv.URL + "/v3/customers?itemsPerPage=100&page=" + strconv.Itoa(p)
				if err := rawDo(ctx, hc, http.MethodGet, url, nil, &page); err != nil {
					return err
				}
				for range page.Data {
					seen()
				}
				if len(page.Data) < 100 {
					return nil
				}
			}
		})
	})
}

// connCounter counts the connections a server accepted.
type connCounter struct{ n atomic.Int64 }

func (c *connCounter) hook(_ net.Conn, s http.ConnState) {
	if s == http.StateNew {
		c.n.Add(1)
	}
}

// BenchmarkLatency256 is many callers on one client against a server with
// 40 ms latency: 256 goroutines share the SDK client (default settings)
// or a tuned raw client, each call a Get of the full transaction. ns/op is
// the wall time per call across all goroutines, so raw ns/op over sdk
// ns/op is the SDK's relative throughput; new-conns is how many
// connections were opened after a warm-up round of 256 concurrent calls.
func BenchmarkLatency256(b *testing.B) {
	const workers = 256
	body := seedBody(b)
	var conns connCounter
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(40 * time.Millisecond)
		serveBytes(body)(w, r)
	}))
	srv.Config.ConnState = conns.hook
	srv.Start()
	defer srv.Close()
	c, hc := benchClients(b, srv.URL)
	ctx := context.Background()
	url := srv.URL + "/v1/transactions/" + benchTxID
	for _, side := range []struct {
		name string
		call func() error
	}{
		{"sdk", func() error { _, err := c.Purchases.Get(ctx, benchTxID); return err }},
		{"raw", func() error { var tx rawTransaction; return rawDo(ctx, hc, http.MethodGet, url, nil, &tx) }},
	} {
		b.Run(side.name, func(b *testing.B) {
			if err := fanOut(workers, workers, side.call); err != nil { // warm-up round
				b.Fatal(err)
			}
			before := conns.n.Load()
			b.ResetTimer()
			if err := fanOut(workers, b.N, side.call); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			b.ReportMetric(float64(conns.n.Load()-before), "new-conns")
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
		})
	}
}

// TestDefaultClientKeepsConnectionsUnderConcurrency runs rounds of 256
// concurrent calls on one client with default settings; the server holds
// every call until all 256 have arrived, so each round really has 256
// connections in use at once. After the first round the client must reuse
// them all: a pool smaller than the callers closes the surplus and dials
// it again every round (a TCP and TLS handshake each against ZEN).
func TestDefaultClientKeepsConnectionsUnderConcurrency(t *testing.T) {
	const callers, rounds = 256, 3
	var conns connCounter
	var mu sync.Mutex
	arrived, release := 0, make(chan struct{})
	// A round's calls normally all arrive within a second; the wait for them
	// is generous so a loaded machine (-race, other jobs) does not fail it.
	wait := time.Minute
	if d, ok := t.Deadline(); ok {
		wait = min(wait, time.Until(d)/2)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gate := release
		if arrived++; arrived == callers {
			arrived, release = 0, make(chan struct{})
			close(gate)
		}
		mu.Unlock()
		select {
		case <-gate:
		case <-time.After(wait):
			t.Errorf("fewer than %d calls arrived together within %v", callers, wait)
		}
		serveBytes([]byte(`{"id":"`+benchTxID+`","status":"ACCEPTED"}`))(w, r)
	}))
	srv.Config.ConnState = conns.hook
	srv.Start()
	defer srv.Close()
	c, err := NewClient(testKey, WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	var afterWarmUp int64
	for round := range rounds {
		var wg sync.WaitGroup
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tx, err := c.Purchases.Get(context.Background(), benchTxID)
				if err != nil || tx.ID != benchTxID {
					t.Errorf("Get: %v, %+v", err, tx)
				}
			}()
		}
		wg.Wait()
		if round == 0 {
			afterWarmUp = conns.n.Load()
			if afterWarmUp != callers {
				t.Fatalf("warm-up opened %d connections, want %d", afterWarmUp, callers)
			}
		}
	}
	if n := conns.n.Load() - afterWarmUp; n != 0 {
		t.Errorf("%d new connections after warm-up in %d rounds of %d concurrent calls; want 0", n, rounds-1, callers)
	}
}

func TestWithMaxIdleConns(t *testing.T) {
	pool := func(c *Client) (perHost, all int) {
		tr := c.transport.HTTPClient.Transport.(*http.Transport)
		return tr.MaxIdleConnsPerHost, tr.MaxIdleConns
	}
	c, err := NewClient(testKey)
	if err != nil {
		t.Fatal(err)
	}
	if perHost, all := pool(c); perHost != DefaultMaxIdleConns || all != 2*DefaultMaxIdleConns {
		t.Errorf("default pool: %d per host, %d in all; want %d and %d", perHost, all, DefaultMaxIdleConns, 2*DefaultMaxIdleConns)
	}
	c, err = NewClient(testKey, WithMaxIdleConns(1000))
	if err != nil {
		t.Fatal(err)
	}
	if perHost, all := pool(c); perHost != 1000 || all != 2000 {
		t.Errorf("WithMaxIdleConns(1000): %d per host, %d in all", perHost, all)
	}
	for _, n := range []int{0, -1} {
		if _, err := NewClient(testKey, WithMaxIdleConns(n)); err == nil || !strings.Contains(err.Error(), "must be at least 1") {
			t.Errorf("WithMaxIdleConns(%d): got %v", n, err)
		}
	}
	// The option cannot reach a caller's Transport: saying so beats
	// silently doing nothing, in either order.
	for _, opts := range [][]Option{
		{WithMaxIdleConns(8), WithHTTPClient(&http.Client{})},
		{WithHTTPClient(&http.Client{}), WithMaxIdleConns(8)},
	} {
		if _, err := NewClient(testKey, opts...); err == nil || !strings.Contains(err.Error(), "WithMaxIdleConns applies to the SDK's own HTTP client") {
			t.Errorf("WithMaxIdleConns with WithHTTPClient: got %v", err)
		}
	}
}

// TestReadAnswer holds readAnswer to io.ReadAll whatever the announced
// length: exact, shorter or longer than the body, unknown, or too large to
// reserve up front; and a read error is returned with what arrived.
func TestReadAnswer(t *testing.T) {
	body := bytes.Repeat([]byte(`{"a":"0123456789"}`), 300)
	for _, n := range []int64{int64(len(body)), 0, 1, 100, int64(len(body)) - 1, int64(len(body)) + 1, 1 << 19, -1, maxPresize, 1 << 40} {
		got, err := readAnswer(&capReader{r: iotest.OneByteReader(bytes.NewReader(body)), left: math.MaxInt64}, n)
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("Content-Length %d: %d bytes, %v; want the %d-byte body", n, len(got), err, len(body))
		}
	}
	got, err := readAnswer(&capReader{r: io.MultiReader(bytes.NewReader(body[:10]), iotest.ErrReader(io.ErrUnexpectedEOF)), left: math.MaxInt64}, int64(len(body)))
	if !errors.Is(err, io.ErrUnexpectedEOF) || !bytes.Equal(got, body[:10]) {
		t.Errorf("cut short: %q, %v", got, err)
	}
}

// benchClients returns an SDK client and the tuned raw client for a
// benchmark against base, both closed when it ends.
func benchClients(b *testing.B, base string) (*Client, *http.Client) {
	b.Helper()
	c, err := NewClient(testKey, WithBaseURL(base))
	if err != nil {
		b.Fatal(err)
	}
	hc := rawClient()
	b.Cleanup(func() { c.Close(); hc.CloseIdleConnections() })
	return c, hc
}
