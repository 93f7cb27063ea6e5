// Command shop is a small merchant web shop showing a whole ZEN
// integration in one place: a cart, payment through ZEN's hosted checkout,
// orders marked paid ONLY by ZEN's signed notification (IPN), and refunds.
// With no ZEN_* variables it runs against the embedded fake ZEN (whose
// checkout page has Pay and Decline buttons) and prints the URL to open:
//
//	go run ./examples/shop            # -smoke: start, fetch the home page, exit
//
// Against real ZEN set ZEN_API_URL (or ZEN_SANDBOX=true), ZEN_API_KEY,
// ZEN_TERMINAL_UUID, ZEN_PAYWALL_SECRET and ZEN_IPN_SECRET, and make the
// shop's /zen/ipn reachable by ZEN: ZEN_IPN_URL (e.g. a tunnel) is sent as
// each checkout's customIpnUrl; refunds notify the panel's IPN URL.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

//go:embed templates/*.html
var files embed.FS

var pages = template.Must(template.ParseFS(files, "templates/*.html"))

// EnvSmoke set to any value makes the shop check itself and exit, as -smoke
// does (.ci/run sets it for every example).
const EnvSmoke = "ZEN_EXAMPLE_SMOKE"

type product struct {
	ID, Name string
	Price    types.Amount
}

var products = []product{
	{"beans", "Coffee beans 1kg", types.MustAmount("24.95")},
	{"grinder", "Hand grinder", types.MustAmount("39.00")},
	{"mug", "Enamel mug", types.MustAmount("9.50")},
}

// Order states. Only a verified notification moves an order to paid or
// declined: the buyer's return to urlSuccess proves nothing.
const (
	awaiting = "awaiting payment"
	paid     = "paid"
	declined = "declined"
	refunded = "refunded"
)

type order struct {
	ID       string // the merchantTransactionId of the checkout
	Items    []types.Item
	Total    types.Amount
	Status   string
	Note     string // what happened last, for the orders page
	refunds  int    // refund ids used: one ZEN declined needs a new one
	refundID string // merchantTransactionId of the refund not yet decided
}

type shop struct {
	client  *zen.Client
	base    string // the shop's own URL, for the buyer's way back
	ipnURL  string // customIpnUrl of checkouts; "" uses the panel's
	mu      sync.Mutex
	carts   map[string]map[string]int // cart cookie -> product id -> quantity
	orders  map[string]*order         // by merchantTransactionId
	refunds map[string]string         // refund merchantTransactionId -> order id
}

func newShop(client *zen.Client, base, ipnURL string) *shop {
	return &shop{client: client, base: base, ipnURL: ipnURL,
		carts: map[string]map[string]int{}, orders: map[string]*order{}, refunds: map[string]string{}}
}

func (s *shop) handler(ipnSecret string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("POST /cart", s.addToCart)
	mux.HandleFunc("POST /checkout", s.checkout)
	mux.HandleFunc("GET /orders", s.listOrders)
	mux.HandleFunc("GET /orders/{id}", s.showOrder)
	mux.HandleFunc("POST /orders/{id}/refund", s.refund)
	// The README's way: verified, deduplicated, retried by ZEN until fn returns nil.
	mux.Handle("POST /zen/ipn", zen.NewIPNHandler(ipnSecret, s.notified, zen.WithIPNDeduplication(zen.NewMemoryIPNStore(1000))))
	return mux
}

// cart returns the buyer's cart id from its cookie, setting a new one if needed.
func (s *shop) cart(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie("cart"); err == nil && s.carts[c.Value] != nil {
		return c.Value
	}
	id := exenv.MerchantID("cart")
	s.carts[id] = map[string]int{}
	http.SetCookie(w, &http.Cookie{Name: "cart", Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return id
}

// items turns a cart into checkout lines and their total.
func items(cart map[string]int) ([]types.Item, types.Amount) {
	var lines []types.Item
	total := types.MustAmount("0.00")
	for _, p := range products {
		if n := cart[p.ID]; n > 0 {
			it := types.NewItem(p.Name, p.Price, int64(n))
			lines, total = append(lines, it), total.Add(it.LineAmountTotal)
		}
	}
	return lines, total
}

func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		log.Printf("render %s: %v", name, err)
	}
}

func (s *shop) home(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	lines, total := items(s.carts[s.cart(w, r)])
	s.mu.Unlock()
	render(w, "home.html", map[string]any{"Products": products, "Cart": lines, "Total": total})
}

func (s *shop) addToCart(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	for _, p := range products {
		if p.ID == r.FormValue("product") {
			s.carts[s.cart(w, r)][p.ID]++
		}
	}
	s.mu.Unlock()
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// checkout turns the cart into an order and sends the buyer to ZEN's hosted
// checkout; the client signs the body with the paywall secret.
func (s *shop) checkout(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	id := s.cart(w, r)
	lines, total := items(s.carts[id])
	o := &order{ID: exenv.MerchantID("order"), Items: lines, Total: total, Status: awaiting}
	if len(lines) > 0 {
		s.orders[o.ID], s.carts[id] = o, map[string]int{}
	}
	s.mu.Unlock()
	if len(lines) == 0 {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	back := s.base + "/orders/" + o.ID
	c, err := s.client.Checkouts.Create(r.Context(), &zen.CheckoutCreateRequest{
		Amount: total, Currency: "EUR", MerchantTransactionID: o.ID, Items: lines,
		Customer:   exenv.Buyer(),
		URLSuccess: back, URLFailure: back, CustomIPNURL: s.ipnURL,
	})
	if err != nil {
		s.mu.Lock()
		o.Note = "could not start the payment: " + err.Error()
		s.mu.Unlock()
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, c.RedirectURL, http.StatusSeeOther)
}

// notified handles a verified notification. Its hash covers only
// merchantTransactionId, amount, currency and status, so those are all it uses.
func (s *shop) notified(_ context.Context, n *zen.Notification) error {
	amount, err := n.AmountValue()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if oid, ok := s.refunds[n.MerchantTransactionID]; ok {
		s.orders[oid].refundDecided(n.MerchantTransactionID, n.Status, n.RejectCode)
		return nil
	}
	o, ok := s.orders[n.MerchantTransactionID]
	if !ok || o.Status != awaiting {
		return nil // not ours, or already decided: acknowledge, or ZEN retries forever
	}
	switch {
	case n.Status == types.StatusAccepted && n.Currency == "EUR" && amount.Equal(o.Total):
		o.Status, o.Note = paid, "payment confirmed by ZEN's notification: ship it"
	case n.Status == types.StatusAccepted:
		o.Note = "ACCEPTED notification for " + n.Amount + " " + n.Currency + " does not match the order: check it by hand"
	case n.Status == types.StatusRejected || n.Status == types.StatusCanceled:
		o.Status, o.Note = declined, "payment "+string(n.Status)+": "+reason(n.RejectCode)
	}
	return nil
}

// refundDecided records what ZEN answered or notified about refund rid; the
// caller holds s.mu. Once decided, rid is spent: a declined refund is
// tried again under a new id.
func (o *order) refundDecided(rid string, st types.TransactionStatus, code types.RejectCode) {
	o.Note = "refund " + rid + " " + string(st)
	switch st {
	case types.StatusAccepted:
		o.Note += " by ZEN"
	case types.StatusRejected, types.StatusCanceled:
		o.Note += ": " + reason(code)
	default:
		o.Note += ": ZEN's notification will settle it"
		return
	}
	if o.refundID == rid {
		o.refundID = ""
		if st == types.StatusAccepted {
			o.Status = refunded
		}
	}
}

func reason(code types.RejectCode) string {
	if d := code.Description(); d != "" {
		return string(code) + " " + d
	}
	return "code " + string(code)
}

// refund refunds a paid order in full. A refund whose outcome is unknown
// keeps its merchantTransactionId, so pressing Refund again cannot refund twice.
func (s *shop) refund(w http.ResponseWriter, r *http.Request) {
	defer http.Redirect(w, r, "/orders", http.StatusSeeOther)
	s.mu.Lock()
	o, ok := s.orders[r.PathValue("id")]
	if !ok || o.Status != paid {
		s.mu.Unlock()
		return
	}
	if o.refundID == "" {
		o.refunds++
		o.refundID = fmt.Sprintf("%s-r%d", o.ID, o.refunds)
		s.refunds[o.refundID] = o.ID
	}
	rid := o.refundID
	s.mu.Unlock()

	// The purchase's id comes from the API, not from the notification's unsigned fields.
	tx, err := s.client.Purchases.GetByMerchantTransactionID(r.Context(), o.ID)
	if err == nil {
		tx, err = s.client.Refunds.Create(r.Context(), &zen.RefundCreateRequest{TransactionID: tx.ID,
			MerchantTransactionID: rid, Amount: o.Total, Currency: tx.Currency, Comment: "refund from the demo shop"})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case errors.Is(err, zen.ErrOutcomeUnknown):
		o.Note = "refund " + rid + ": outcome unknown (ZEN may have refunded): press Refund again to retry it safely, or wait for ZEN's notification"
	case err != nil:
		o.Note = "refund " + rid + " not made: " + err.Error()
	default: // ACCEPTED, REJECTED (tx.Err() is a *zen.RejectError), or PENDING until notified
		o.refundDecided(rid, tx.Status, tx.RejectCode)
	}
}

func (s *shop) listOrders(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	list := make([]order, 0, len(s.orders))
	for _, o := range s.orders {
		list = append(list, *o)
	}
	s.mu.Unlock()
	sort.Slice(list, func(i, j int) bool { return list[i].ID > list[j].ID })
	render(w, "orders.html", list)
}

// showOrder is where ZEN sends the buyer back; it refreshes itself until the
// notification has decided the order.
func (s *shop) showOrder(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	o, ok := s.orders[r.PathValue("id")]
	if ok {
		copied := *o
		o = &copied
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if o.Status == awaiting {
		w.Header().Set("Refresh", "1")
	}
	render(w, "order.html", o)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8000", "address the shop listens on")
	smoke := flag.Bool("smoke", os.Getenv(EnvSmoke) != "", "start on a free port, fetch the home page once and exit (for CI; also "+EnvSmoke+")")
	flag.Parse()
	if err := run(*addr, *smoke); err != nil {
		log.Fatal("error: ", err)
	}
}

func run(addr string, smoke bool) error {
	if smoke {
		addr = "127.0.0.1:0" // any free port: CI runs other servers
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	// The fake notifies the shop like ZEN does the IPN URL set in the panel.
	env, err := exenv.Setup(zentest.WithIPNURL(base + "/zen/ipn"))
	if err != nil {
		return err
	}
	defer env.Close()
	if !env.Checkout || env.IPNSecret == "" {
		return errors.New("the shop needs " + exenv.EnvTerminalUUID + ", " + exenv.EnvPaywallSecret + " and " + exenv.EnvIPNSecret)
	}
	s := newShop(env.Client, base, os.Getenv(exenv.EnvIPNURL))
	srv := &http.Server{Handler: s.handler(env.IPNSecret), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	fmt.Println("Shop open at " + base + "/")
	if !smoke {
		select {} // until Ctrl-C
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		return err
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !strings.Contains(string(page), products[0].Name) {
		return fmt.Errorf("smoke check: home page answered %s without the products (%v)", resp.Status, err)
	}
	fmt.Println("smoke check: the home page lists the products")
	return nil
}
