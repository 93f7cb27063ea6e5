package zentest_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"hash"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/zentest"
)

func TestDefaultReportListsTransactions(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 7, 1, 8, 30, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()

	var buf bytes.Buffer
	info, err := c.Reports.DownloadTo(ctx, zentest.DefaultReportID, &buf)
	require.NoError(t, err)
	assert.Equal(t, &zen.ReportInfo{ContentType: "text/csv", FileName: "report-transactions.csv", Size: int64(buf.Len())}, info)
	assert.Equal(t, "id,merchantTransactionId,type,status,amount,currency,createdAt\n", buf.String())

	mtid := newMTID()
	p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(mtid, "25.50", zentest.CardApproved)))
	clock.Advance(time.Second)
	declined := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "3.99", zentest.CardApproved)))

	r, err := c.Reports.Download(ctx, zentest.DefaultReportID)
	require.NoError(t, err)
	defer r.Close()
	assert.Equal(t, "text/csv", r.ContentType)
	assert.Equal(t, "report-transactions.csv", r.FileName)
	rows, err := csv.NewReader(r).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"id", "merchantTransactionId", "type", "status", "amount", "currency", "createdAt"},
		{p.ID, mtid, "TRT_PURCHASE", "AUTHORIZED", "25.50", "PLN", "2025-07-01T08:30:00.000Z"},
		{declined.ID, declined.MerchantTransactionID, "TRT_PURCHASE", "REJECTED", "3.99", "PLN", "2025-07-01T08:30:01.000Z"},
	}, rows)
}

func TestAddedReports(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()

	content := []byte("date,amount\n2025-07-01,10.00\n")
	srv.AddReport("rep-2025-07", zentest.ReportFile{Content: content})
	content[0] = 'X' // the server kept its own copy
	var buf bytes.Buffer
	info, err := c.Reports.DownloadTo(ctx, "rep-2025-07", &buf)
	require.NoError(t, err)
	assert.Equal(t, "date,amount\n2025-07-01,10.00\n", buf.String())
	assert.Equal(t, &zen.ReportInfo{ContentType: "text/csv", FileName: "report-rep-2025-07.csv", Size: 29}, info)

	// Own type and name; the name is quoted or encoded as needed.
	srv.AddReport("x", zentest.ReportFile{Content: []byte("{}"), ContentType: "application/json", FileName: "Raport lipiec ✓.json"})
	r := call(t, srv, "GET", "/v1/reports/x/file", nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "attachment; filename*=utf-8''Raport%20lipiec%20%E2%9C%93.json", r.Header.Get("Content-Disposition"))
	rep, err := c.Reports.Download(ctx, "x")
	require.NoError(t, err)
	assert.Equal(t, "Raport lipiec ✓.json", rep.FileName)
	assert.Equal(t, int64(2), rep.ContentLength)
	require.NoError(t, rep.Close())

	// AddReport may replace the default report.
	srv.AddReport(zentest.DefaultReportID, zentest.ReportFile{Content: []byte("a\n")})
	buf.Reset()
	_, err = c.Reports.DownloadTo(ctx, zentest.DefaultReportID, &buf)
	require.NoError(t, err)
	assert.Equal(t, "a\n", buf.String())

	// Unknown report.
	_, err = c.Reports.DownloadTo(ctx, "no-such-report", io.Discard)
	assert.ErrorIs(t, err, zen.ErrNotFound)
	subsAPIError(t, err, http.StatusNotFound)
}

// countingHash counts and hashes what is written to it.
type countingHash struct {
	n int64
	h hash.Hash
}

func (c *countingHash) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.h.Write(p)
}

func TestGeneratedReportStreams(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	const size = 8<<20 + 3
	srv.AddReport("big", zentest.ReportFile{Size: size})

	var sums [][]byte
	for range 2 {
		w := &countingHash{h: sha256.New()}
		info, err := c.Reports.DownloadTo(ctx, "big", w)
		require.NoError(t, err)
		assert.Equal(t, int64(size), info.Size)
		assert.Equal(t, int64(size), w.n)
		sums = append(sums, w.h.Sum(nil))
	}
	assert.Equal(t, sums[0], sums[1], "the generated file is the same every time")

	r, err := c.Reports.Download(ctx, "big")
	require.NoError(t, err)
	defer r.Close()
	assert.Equal(t, int64(size), r.ContentLength)
	head := make([]byte, 200)
	_, err = io.ReadFull(r, head)
	require.NoError(t, err)
	lines := strings.Split(string(head), "\n")
	assert.Equal(t, "id,merchantTransactionId,type,status,amount,currency,createdAt", lines[0])
	assert.Equal(t, "00000000-0000-4000-8000-000000000001,report-row-1,TRT_PURCHASE,ACCEPTED,1.01,EUR,2025-01-01T00:00:00.000Z", lines[1])
}

func TestReportCutMidway(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	srv.AddReport("cut", zentest.ReportFile{Size: 1 << 20, CutAfter: 1000})
	srv.AddReport("cut-content", zentest.ReportFile{Content: bytes.Repeat([]byte("x"), 100), CutAfter: 10})

	var buf bytes.Buffer
	info, err := c.Reports.DownloadTo(context.Background(), "cut", &buf)
	require.Error(t, err)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Contains(t, err.Error(), "stopped after 1000 bytes")
	assert.Equal(t, int64(1000), info.Size)
	assert.Equal(t, 1000, buf.Len())

	buf.Reset()
	info, err = c.Reports.DownloadTo(context.Background(), "cut-content", &buf)
	require.Error(t, err)
	assert.Equal(t, "xxxxxxxxxx", buf.String())
	assert.Equal(t, int64(10), info.Size)

	// The server still answers afterwards.
	_, err = c.Reports.DownloadTo(context.Background(), zentest.DefaultReportID, io.Discard)
	require.NoError(t, err)
}

// Close does not wait for a client that stopped reading a large report
// without closing it: the stream is cut.
func TestCloseCutsAStalledReportStream(t *testing.T) {
	srv := zentest.NewServer()
	srv.AddReport("big", zentest.ReportFile{Size: 256 << 20})
	r, err := srv.Client().Reports.Download(context.Background(), "big")
	require.NoError(t, err)
	defer r.Close()
	_, err = io.ReadFull(r, make([]byte, 100))
	require.NoError(t, err)

	closeWithin(t, srv, "Close waits for a report stream nobody reads")
	_, err = io.Copy(io.Discard, r)
	assert.Error(t, err, "the stream was cut, not finished")
}
