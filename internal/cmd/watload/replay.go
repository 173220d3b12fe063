package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// A replay load is what wrk does with a script of signed requests: every
// request is signed before the run starts (a signature stays valid for 15
// minutes, and a run lasts seconds), and during the run each client writes
// the request's bytes on its own kept-alive connection and reads the
// response. The server still checks every signature in full; only the load
// generator's cost per call drops (no signing, no net/http client), which
// on a 2-core machine leaves the CPU to the server being measured.

// presign returns the HTTP/1.1 wire form of one signed request.
func presign(endpoint string, creds aws.Credentials, method, escapedPath string, body []byte) ([]byte, error) {
	u, err := url.Parse(endpoint + escapedPath)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "watload")
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "wellarchitected", "us-east-1", time.Now()); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := req.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// replayConn is one client's kept-alive connection to one endpoint.
type replayConn struct {
	addr string
	conn net.Conn
	br   *bufio.Reader
}

// do writes one pre-signed request and reads its response, failing unless
// the status is 200; it reconnects when the server closed the connection.
func (c *replayConn) do(wire []byte) error {
	if c.conn == nil {
		conn, err := net.Dial("tcp", c.addr)
		if err != nil {
			return err
		}
		c.conn, c.br = conn, bufio.NewReaderSize(conn, 64<<10)
	}
	if _, err := c.conn.Write(wire); err != nil {
		c.close()
		return err
	}
	status, closing, err := c.readResponse()
	if err != nil {
		c.close()
		return err
	}
	if closing {
		c.close()
	}
	if status != http.StatusOK {
		return fmt.Errorf("status %d", status)
	}
	return nil
}

// readResponse reads one response with a Content-Length (wat and the bare
// server always send one) and drops its body, as wrk does, allocating
// nothing: the status, and whether the server will close the connection.
func (c *replayConn) readResponse() (status int, closing bool, err error) {
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	// "HTTP/1.1 200 OK\r\n"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, false, fmt.Errorf("malformed status line %q", line)
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, false, fmt.Errorf("malformed status line %q", line)
	}
	length := -1
	for {
		line, err := c.br.ReadSlice('\n')
		if err != nil {
			return 0, false, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		k, v, _ := bytes.Cut(line, []byte(":"))
		v = bytes.TrimSpace(v)
		switch {
		case bytes.EqualFold(k, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(v)); err != nil {
				return 0, false, fmt.Errorf("malformed Content-Length %q", v)
			}
		case bytes.EqualFold(k, []byte("Connection")):
			closing = bytes.EqualFold(v, []byte("close"))
		case bytes.EqualFold(k, []byte("Transfer-Encoding")):
			return 0, false, fmt.Errorf("Transfer-Encoding %q: replay reads only responses with a Content-Length", v)
		}
	}
	if length < 0 {
		return 0, false, fmt.Errorf("status %d without Content-Length", status)
	}
	_, err = c.br.Discard(length)
	return status, closing, err
}

func (c *replayConn) close() {
	if c.conn != nil {
		c.conn.Close()
		c.conn, c.br = nil, nil
	}
}

// replayer holds each client's connection to each endpoint.
type replayer struct {
	conns [][]*replayConn // [client][endpoint]
}

func newReplayer(endpoints []string, clients int) (*replayer, error) {
	r := &replayer{}
	for c := 0; c < clients; c++ {
		var row []*replayConn
		for _, e := range endpoints {
			u, err := url.Parse(e)
			if err != nil {
				return nil, err
			}
			row = append(row, &replayConn{addr: u.Host})
		}
		r.conns = append(r.conns, row)
	}
	return r, nil
}

// do sends call i's request over client i%clients's connection to endpoint e.
func (r *replayer) do(i, e int, wire []byte) error {
	return r.conns[i%len(r.conns)][e].do(wire)
}

func (r *replayer) close() {
	for _, row := range r.conns {
		for _, c := range row {
			c.close()
		}
	}
}

// replayLen is how many distinct UpdateAnswer requests a replay run cycles
// through: a multiple of 16 workloads, and far more than 57 questions.
const replayLen = 4096
