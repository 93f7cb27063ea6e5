package zen

import (
	"bytes"
	"context"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const reportCSV = "date,amount\n2025-07-01,10.00\n"

// reportAnswer is ZEN's answer to a report download: a CSV file with its
// name in Content-Disposition.
func reportAnswer() *http.Response {
	resp := httpmock.NewStringResponse(200, reportCSV)
	resp.Header.Set("Content-Type", "text/csv; charset=utf-8")
	resp.Header.Set("Content-Disposition", `attachment; filename="report.csv"; filename*=UTF-8''r%C3%A9port%20juillet.csv`)
	resp.ContentLength = int64(len(reportCSV))
	return resp
}

// reportCases are the wire rows of ReportService: a report request carries
// the standard headers except that any media type is accepted.
func reportCases() []svcCase {
	const id = "rep 7/2025"
	const path = "/v1/reports/rep%207%2F2025/file"
	return []svcCase{
		{
			method: "Download",
			call: func(ctx context.Context, c *Client) (any, error) {
				r, err := c.Reports.Download(ctx, id)
				if err != nil {
					return nil, err
				}
				defer r.Close()
				body, err := io.ReadAll(r)
				return []any{r, string(body)}, err
			},
			want:   wantRequest{Method: http.MethodGet, Path: path, Header: map[string]string{"Accept": "*/*"}},
			answer: reportAnswer,
			check: func(t *testing.T, got any) {
				r, body := got.([]any)[0].(*Report), got.([]any)[1].(string)
				assert.Equal(t, "text/csv", r.ContentType)
				assert.Equal(t, "réport juillet.csv", r.FileName, "filename* wins over filename")
				assert.EqualValues(t, len(reportCSV), r.ContentLength)
				assert.Equal(t, reportCSV, body)
			},
		},
		{
			method: "DownloadTo",
			call: func(ctx context.Context, c *Client) (any, error) {
				var buf bytes.Buffer
				info, err := c.Reports.DownloadTo(ctx, id, &buf)
				return []any{info, buf.String()}, err
			},
			want:   wantRequest{Method: http.MethodGet, Path: path, Header: map[string]string{"Accept": "*/*"}},
			answer: reportAnswer,
			check: func(t *testing.T, got any) {
				info, body := got.([]any)[0].(*ReportInfo), got.([]any)[1].(string)
				assert.Equal(t, &ReportInfo{ContentType: "text/csv", FileName: "réport juillet.csv", Size: int64(len(reportCSV))}, info)
				assert.Equal(t, reportCSV, body)
			},
		},
	}
}

func TestReportValidationAndErrors(t *testing.T) {
	ctx := context.Background()
	c, mock := newTestClient(t)
	_, err := c.Reports.Download(ctx, "")
	assert.Equal(t, []string{"id"}, validationFields(err))
	_, err = c.Reports.DownloadTo(ctx, "", io.Discard)
	assert.Equal(t, []string{"id"}, validationFields(err))
	// "/v1/reports/../file" names another resource once a proxy cleans it.
	for _, id := range []string{".", ".."} {
		_, err = c.Reports.Download(ctx, id)
		assert.Equal(t, []string{"id"}, validationFields(err), "id %q", id)
	}
	// A nil writer used to panic in io.Copy after the download had started.
	_, err = c.Reports.DownloadTo(ctx, "rep-1", nil)
	assert.Equal(t, []string{"w"}, validationFields(err))
	assertNoCalls(t, mock)

	mock.RegisterResponder(http.MethodGet, testBase+"/v1/reports/nope/file", httpmock.NewStringResponder(404, `{"message":"Record Not Found"}`))
	_, err = c.Reports.DownloadTo(ctx, "nope", io.Discard)
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Record Not Found", apiErr.Message)
}

func TestReportFileNames(t *testing.T) {
	for header, want := range map[string]string{
		`attachment; filename="report.csv"`:                            "report.csv",
		`attachment; filename="../../etc/passwd"`:                      "passwd",
		`attachment; filename="C:\\temp\\x.csv"`:                       "x.csv",
		`attachment; filename=".."`:                                    "",
		`attachment; filename*=UTF-8''inv%E2%80%AEvsc.exe`:             "", // shows as "invexe.csv"
		`attachment; filename*=UTF-8''%E2%82%AC.csv; filename="e.csv"`: "€.csv",
		`attachment; filename*=ISO-8859-1''a%E9.csv; filename="a.csv"`: "a.csv",
		`attachment`:         "",
		`inline; filename=`:  "",
		`not a disposition;`: "",
	} {
		c, mock := newTestClient(t)
		mock.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`.*`), func(*http.Request) (*http.Response, error) {
			resp := httpmock.NewStringResponse(200, "x")
			resp.Header.Set("Content-Disposition", header)
			return resp, nil
		})
		r, err := c.Reports.Download(context.Background(), "r1")
		require.NoError(t, err, header)
		assert.Equal(t, want, r.FileName, header)
		assert.Equal(t, "", r.ContentType, "no Content-Type sent")
		require.NoError(t, r.Close())
	}
}

// patternReader produces n bytes of a repeating pattern without
// allocating, so a test can serve a very large file.
type patternReader struct {
	remaining int64
	off       int
}

var reportPattern = func() []byte {
	p := make([]byte, 65521) // prime, so reads never line up with it
	for i := range p {
		p[i] = byte(i*31 + 7)
	}
	return p
}()

func (g *patternReader) Read(p []byte) (int, error) {
	if g.remaining <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > g.remaining {
		p = p[:g.remaining]
	}
	n := 0
	for n < len(p) {
		c := copy(p[n:], reportPattern[g.off:])
		n += c
		g.off = (g.off + c) % len(reportPattern)
	}
	g.remaining -= int64(n)
	return n, nil
}

// patternCRC is the CRC-32 of the first n bytes of the pattern.
func patternCRC(n int64) uint32 {
	h := crc32.NewIEEE()
	_, _ = io.Copy(h, &patternReader{remaining: n})
	return h.Sum32()
}

// reportServer serves size bytes of the pattern on loopback for any path.
func reportServer(t testing.TB, size int64) (*Client, *httptest.Server) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		w.Header().Set("Content-Disposition", `attachment; filename="big.bin"`)
		_, _ = io.Copy(w, &patternReader{remaining: size})
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(testKey, WithBaseURL(srv.URL), WithHTTPClient(srv.Client()), WithBackoff(0, 0, 0),
		WithTimeout(time.Nanosecond)) // would fail every call if it applied to downloads
	require.NoError(t, err)
	return c, srv
}

// crcWriter hashes what it is given; it has no ReadFrom, so io.Copy uses
// its plain 32 KiB buffer as an application would.
type crcWriter struct{ h hashWriter }

type hashWriter interface {
	io.Writer
	Sum32() uint32
}

func (w crcWriter) Write(p []byte) (int, error) { return w.h.Write(p) }

func TestReportDownloadStreamsWithoutBuffering(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 300 MiB")
	}
	const size = 300 << 20
	c, _ := reportServer(t, size)
	want := patternCRC(size)
	w := crcWriter{crc32.NewIEEE()}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	info, err := c.Reports.DownloadTo(context.Background(), "big", w)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)

	assert.EqualValues(t, size, info.Size)
	assert.Equal(t, "big.bin", info.FileName)
	assert.Equal(t, want, w.h.Sum32(), "every byte arrives intact")
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("streamed %d MiB; allocated %.2f MiB in total during the download (server included)", size>>20, float64(allocated)/(1<<20))
	assert.Less(t, allocated, uint64(16<<20), "the SDK must not buffer the report")
	if after.HeapInuse > before.HeapInuse {
		assert.Less(t, after.HeapInuse-before.HeapInuse, uint64(16<<20), "heap in use stays small")
	}
}

func TestReportDownloadStopsWhenContextEnds(t *testing.T) {
	c, _ := reportServer(t, 1<<40) // "endless"
	ctx, cancel := context.WithCancel(context.Background())
	r, err := c.Reports.Download(ctx, "big")
	require.NoError(t, err)
	defer r.Close()
	assert.EqualValues(t, 1<<40, r.ContentLength)
	_, err = io.ReadFull(r, make([]byte, 1<<20))
	require.NoError(t, err)
	cancel()
	_, err = io.Copy(io.Discard, r)
	require.ErrorIs(t, err, context.Canceled)
}

func BenchmarkReportDownload(b *testing.B) {
	const size = 8 << 20
	c, _ := reportServer(b, size)
	ctx := context.Background()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		info, err := c.Reports.DownloadTo(ctx, "big", io.Discard)
		if err != nil || info.Size != size {
			b.Fatalf("download: %v (%v)", err, info)
		}
	}
}
