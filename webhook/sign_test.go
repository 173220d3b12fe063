package webhook

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSignStandardVector: the example of the Standard Webhooks
// specification signs to the signature it publishes.
func TestSignStandardVector(t *testing.T) {
	got, err := Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, []byte(`{"test": 2432232314}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

// TestVerify: a receiver accepts a message signed with its secret, by any
// of the signatures a rotation sends, and refuses one altered, stale, or
// signed with another secret.
func TestVerify(t *testing.T) {
	old, cur := "whsec_"+strings.Repeat("QUJD", 8), "whsec_"+strings.Repeat("WFla", 8)
	now := time.Unix(1_800_000_000, 0)
	body := []byte(`{"id":"e1"}`)
	headers := func(secrets []string, ts time.Time, body []byte) http.Header {
		sig, err := SignatureHeader(secrets, "msg_1", ts.Unix(), body)
		if err != nil {
			t.Fatal(err)
		}
		return http.Header{"Webhook-Id": {"msg_1"}, "Webhook-Timestamp": {strconv.FormatInt(ts.Unix(), 10)}, "Webhook-Signature": {sig}}
	}
	both := headers([]string{cur, old}, now, body)
	if n := len(strings.Fields(both.Get(HeaderSignature))); n != 2 {
		t.Errorf("a rotated delivery carries %d signatures, want 2", n)
	}
	for _, secret := range []string{cur, old} {
		if err := Verify(secret, both, body, now); err != nil {
			t.Errorf("Verify with either secret after a rotation: %v", err)
		}
	}
	if err := Verify(old, headers([]string{cur}, now, body), body, now); err == nil {
		t.Error("the old secret verifies a message signed with the new one alone")
	}
	if err := Verify(cur, both, []byte(`{"id":"e2"}`), now); err == nil {
		t.Error("an altered body verifies")
	}
	if err := Verify(cur, headers([]string{cur}, now.Add(-10*time.Minute), body), body, now); err == nil {
		t.Error("a ten-minute-old timestamp verifies")
	}
	if _, err := Sign("not-a-secret!", "msg_1", 1, body); err == nil {
		t.Error("a secret that is not base64 signs")
	}
}
