package api

import "testing"

// TestMaskURL: a URL keeps its scheme and host; whatever may carry a token
// (user info, path, query, fragment) is masked, and what is not an absolute
// URL with a host is masked whole.
func TestMaskURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://hooks.example.com/services/T000/B000/XXXX": "https://hooks.example.com/****",
		"https://hooks.example.com?token=abc":               "https://hooks.example.com/****",
		"https://hooks.example.com/#abc":                    "https://hooks.example.com/****",
		"https://user:pass@hooks.example.com":               "https://hooks.example.com/****",
		"http://10.0.0.1:8080/hook":                         "http://10.0.0.1:8080/****",
		"https://hooks.example.com":                         "https://hooks.example.com",
		"https://hooks.example.com/":                        "https://hooks.example.com/",
		"hooks.example.com/token":                           masked,
		"mailto:token@example.com":                          masked,
		"https://%zz/token":                                 masked,
		"":                                                  masked,
	} {
		if got := maskURL(in); got != want {
			t.Errorf("maskURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMaskURLMembers: the members the model marks maskUrlPath (a webhook's
// Url) are masked so by both paths, wherever they are nested; other
// strings are kept.
func TestMaskURLMembers(t *testing.T) {
	in := `{"WebhookSubscription":{"Url":"https://hooks.example.com/s/tok?token=abc","Status":"ENABLED"}}`
	want := `{"WebhookSubscription":{"Url":"https://hooks.example.com/****","Status":"ENABLED"}}`
	if got := maskedOwnJSON([]byte(in)); got != want {
		t.Errorf("maskedOwnJSON(%s) = %s, want %s", in, got, want)
	}
	if got := requestParameters(nil, nil, []byte(`{"Url":"https://hooks.example.com/s/tok"}`)); got != `{"Url":"https://hooks.example.com/****"}` {
		t.Errorf("requestParameters = %s, want the Url's host only", got)
	}
}
