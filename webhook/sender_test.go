package webhook

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

// TestSendErrorHidesURL: a failed delivery's error, which the delivery log
// keeps and events tell, names neither the URL's path nor its query, where
// a receiver's token usually is.
func TestSendErrorHidesURL(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: the connection is refused
	allow, err := ParseAllow([]string{"127.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, target := range []string{
		"http://" + addr + "/services/T000/PATHTOKEN?token=QUERYTOKEN",
		"http://" + addr + "/\x7fPATHTOKEN?token=QUERYTOKEN", // not a URL a request can be made of
	} {
		_, _, err := NewSender(allow).Send(ctx, target, "msg_1", time.Now(), []byte(`{}`), []string{"whsec_" + strings.Repeat("A", 32)})
		if err == nil {
			t.Fatalf("Send(%q) succeeded, want an error", target)
		}
		if msg := err.Error(); strings.Contains(msg, "PATHTOKEN") || strings.Contains(msg, "QUERYTOKEN") {
			t.Errorf("Send(%q) error %q holds the URL's token", target, msg)
		}
	}
}
