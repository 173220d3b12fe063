package api

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/catalog"
	"github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/service"
)

// The tests of this file hold the audit record's fast paths (encodeParameters,
// masker.countList, isMasked) to what the code before them recorded
// (audit_reference_test.go), byte for byte.

// answerResponses are UpdateAnswer responses as the server encodes them, one
// for every question of the framework and of every lens of the built-in
// catalog: guidance with quotes, escapes and text in many scripts.
var answerResponses = sync.OnceValue(func() [][]byte {
	var out [][]byte
	add := func(l *lens.Lens, alias string) {
		for _, p := range l.Pillars {
			for _, q := range p.Questions {
				v := &service.AnswerView{
					Lens:     &service.LensInfo{Alias: alias, ARN: "arn:aws:wellarchitected::aws:lens/" + alias},
					Question: q,
					Answer: &wat.Answer{IsApplicable: true, Notes: "a <b> & \"c\"\n\u2028",
						SelectedChoices: []string{q.Choices[0].ID}},
				}
				b, err := json.Marshal(map[string]any{"WorkloadId": "0123456789abcdef0123456789abcdef",
					"LensAlias": alias, "Answer": answerOut(v)})
				if err != nil {
					panic(err)
				}
				out = append(out, b)
			}
		}
	}
	add(framework.Lens(), "wellarchitected")
	cat, err := catalog.Builtin()
	if err != nil {
		panic(err)
	}
	for _, e := range cat.Entries() {
		add(e.Lens, e.ID)
	}
	return out
})

func TestAnswerResponsesAreMessy(t *testing.T) {
	all := bytes.Join(answerResponses(), nil)
	for _, want := range []string{`\"`, `\n`, `\u003c`, `\u0026`, `\u2028`, "’", "—", "•"} {
		if !bytes.Contains(all, []byte(want)) {
			t.Errorf("no response holds %s: the equivalence tests miss it", want)
		}
	}
}

// messyObjects are JSON objects json.Marshal may write: keys and strings
// that need escapes, Unicode keys, secret members nested in maps and lists,
// bulk members empty, of objects, of lists, and not lists at all.
var messyObjects = []string{
	`{"WorkloadName":"n","Tags":{"équipe 团队":"bleu","a\u003cb\u0026c":"x","ProjectName":"p","é":"\u2028"}}`,
	`{"Answer":{"Choices":[],"ChoiceAnswers":[{"ChoiceId":"a","Notes":"\"quoted\" \\ back"}],"Notes":null}}`,
	`{"Answer":{"Choices":[{"ChoiceId":"a","Title":"\"t\"\\","Description":"d\u003e","HelpfulResource":{"DisplayText":"x\ny","Url":"https://a/b"}},{"ChoiceId":"b"}]}}`,
	`{"Rules":[[1,[2,[3]]],{"a":{"b":[]}},"]","[","\"]",null,true,-0.5e-3],"Problems":[{}],"Choices":[""]}`,
	`{"Rules":{"not":"a list"},"Problems":"x","Choices":7,"x":{"Rules":[1,2,3],"Choices":[[],[]]}}`,
	`{"PillarNotes":{"security":"s","reliability":null,"x":{"deep":["a",{"Notes":1}]}},"ReviewOwner":"o","reviewOwner":"p"}`,
	`{"name":"agent","description":"d","title":"x","jSONString":"j","JSONString":"{\"a\":1}","notes":["a","b"]}`,
	`{"a\\b":1,"c\"d":{"e\u003cf":[1]},"g":"\\\"","Url":"https://h/p?q=1\u0026r=2"}`,
	`{"Url":"http://h:8080/a\u0026b","WebhookSubscriptions":[{"Url":"https://hooks.example.com/T0/B0/tok"},{"Url":null},{"Url":7},{"Url":["http://x/y"]}]}`,
	`{"":"empty key","\u0000":"nul key","\ud83d\ude00":"emoji \ud83d\ude00","\ufffd":"\ufffd"}`,
	`{"n":[0,-0,1,-1,123456789012345,1234567890123456789,1.5,1e21,1E-7,-0.0]}`,
	`{"Choices":[{"a\\b":1}],"Rules":[{"c\u003cd":2}]}`,
	`{"Choices":[{"ChoiceId":"\\","Title":"\\\\\\\"\\\\"}],"Problems":["\\\\","\"",","]}`,
}

// unexpectedObjects are valid JSON objects json.Marshal does not write,
// which maskedOwnJSON must still record as before: white space, keys with
// escapes json.Marshal would not write, a bulk list with either inside.
var unexpectedObjects = []string{
	`{ "a": 1 }`,
	`{"a":1} `,
	`{"Choices":[ {"a":1}]}`,
	`{"Notes":"n","Choices":[1, 2]}`,
	"{\"Notes\":\"n\",\"Rules\":[{\"a\":\"b\"},\n{}]}",
	`{"Notes":"n","Problems":[{"\u0061":1}]}`,
	`{"Choices":[{"a":1}, {"b":2}],"Notes":"n"}`,
	`{"Choices":[{"a":"x y"}],"Rules":[{"\u0061":1}],"Notes":"n"}`,
	"{\"Choices\":[1,\n2],\"b\":\"c\"}",
	`{"\u0057orkloadName":"w","Notes":"n"}`,
	`{"a\/b":"c\/d"}`,
	`{"Choices":[{"x":"a\/b"}],"Notes":"n"}`,
}

// TestMaskedOwnJSONSameAsBefore: responses are recorded as before, byte for
// byte.
func TestMaskedOwnJSONSameAsBefore(t *testing.T) {
	ins := slices.Concat(maskCases, messyObjects, unexpectedObjects)
	for _, b := range answerResponses() {
		ins = append(ins, string(b))
	}
	for _, in := range ins {
		if !json.Valid([]byte(in)) {
			t.Fatalf("not JSON: %s", in)
		}
		if got, want := maskedOwnJSON([]byte(in)), maskedOwnJSONBefore([]byte(in)); got != want {
			t.Errorf("maskedOwnJSON(%.300s)\n = %.500s\nwas %.500s", in, got, want)
		}
	}
}

// TestCountList: a bulk list is counted as the value-by-value walk counted
// it, or refused as it was.
func TestCountList(t *testing.T) {
	for _, tt := range []struct {
		list string
		n    int
		ok   bool
	}{
		{`[]`, 0, true},
		{`[1]`, 1, true},
		{`[[],{},""]`, 3, true},
		{`[",",",\"",[1,2],{"a":[3,4],"b":"]"}]`, 4, true},
		{`["\\",",\\\\",{"\\\"":1}]`, 0, false}, // a key with an escape
		{`[{"a":"\\"},{"b":"\\\\\""}]`, 2, true},
		{`[1, 2]`, 0, false},
		{`[1,2`, 0, false},
		{`["1,2]`, 0, false},
	} {
		m := masker{in: []byte(tt.list)}
		if n, ok := m.countList(); n != tt.n || ok != tt.ok || ok && m.i != len(tt.list) {
			t.Errorf("countList(%s) = %d, %v (at %d); want %d, %v", tt.list, n, ok, m.i, tt.n, tt.ok)
		}
		if json.Valid([]byte(tt.list)) { // what the walk did (it may panic on what is not JSON)
			before := maskerBefore{in: []byte(tt.list)}
			if n, ok := before.countList(); n != tt.n || ok != tt.ok {
				t.Errorf("before: countList(%s) = %d, %v; want %d, %v", tt.list, n, ok, tt.n, tt.ok)
			}
		}
	}
}

// FuzzMaskedOwnJSONSameAsBefore: whatever valid JSON object maskedOwnJSON
// is given, it records what it recorded before.
func FuzzMaskedOwnJSONSameAsBefore(f *testing.F) {
	for _, in := range slices.Concat(maskCases, messyObjects, unexpectedObjects) {
		f.Add(in)
	}
	f.Add(string(answerResponses()[0]))
	f.Fuzz(func(t *testing.T, in string) {
		if !strings.HasPrefix(in, "{") || !json.Valid([]byte(in)) {
			return // not what maskedOwnJSON is given
		}
		if got, want := maskedOwnJSON([]byte(in)), maskedOwnJSONBefore([]byte(in)); got != want {
			t.Errorf("maskedOwnJSON(%s)\n = %s\nwas %s", in, got, want)
		}
	})
}

// paramsCase is a request as requestParameters sees it.
type paramsCase struct {
	labels map[string]string
	query  url.Values
	body   string
}

var paramsLabels = map[string]string{"WorkloadId": "0123456789abcdef0123456789abcdef", "LensAlias": "wellarchitected"}

// paramsCases are requests of every kind requestParameters may be given:
// as the SDKs send them, and messy or broken.
var paramsCases = []paramsCase{
	{paramsLabels, nil, updateAnswerBody},
	{paramsLabels, nil, ""},
	{paramsLabels, nil, " \n\t"},
	{paramsLabels, url.Values{"ClientRequestToken": {"t1"}}, ""},
	{nil, nil, `{"WorkloadName":"w","Description":"d","Environment":"PRODUCTION","AwsRegions":["eu-west-1"],"Lenses":["wellarchitected"],"ReviewOwner":"o","Tags":{"team":"a","ProjectName":"p"},"PillarPriorities":["security"],"ClientRequestToken":"c"}`},
	{nil, nil, `{"Tags":{"z":"1","a":"2","m":{"y":[1,{"b":2,"a":1}],"x":null}},"B":true,"A":false}`},
	{nil, nil, "\t{ \"b\" : [ 1 , 2 ] ,\n\"a\" : { \"d\" : null , \"c\" : \"x\" } }\r\n"},
	{nil, nil, `{"a":"esc \" \\ \/ \b \f \n \r \t \u00e9 \u2028 \u003c \ud83d\ude00 \ud800 x","Notes":"esc \" \\"}`},
	{nil, nil, `{"\u0057orkloadName":"masked by its decoded name","a\"b":1,"<k>":2,"é":3,"e":4,"团队":5,"\u2028":6,"\u0000":7}`},
	{nil, nil, "{\"bad utf-8 \xff\":\"\xfe\xff x\",\"ok\":\"caf\xc3\xa9\"}"},
	{nil, nil, `{"html":"a<b>&c","del":"` + "\x7f" + `","slash":"a/b"}`},
	{nil, nil, `{"lt":"a<b","<":1,"gt":"a>b",">":2,"amp":"a&b","&":3}`},
	{nil, nil, `{"n":[0,-0,1,-1,123456789012345,-123456789012345]}`},
	{nil, nil, `{"n":1234567890123456}`},
	{nil, nil, `{"n":1.5}`},
	{nil, nil, `{"n":1e2}`},
	{nil, nil, `{"n":1E400}`},
	{nil, nil, `{"Notes":1E400}`},
	{nil, nil, `{"Rules":[1E400]}`},
	{nil, nil, `{"n":-}`},
	{nil, nil, `{"n":01}`},
	{nil, nil, `{"Tags":{"ProjectName":"x","a":{"Notes":[1,{"b":null}],"c":"d"}},"PillarNotes":{"security":"s","reliability":null}}`},
	{nil, nil, `{"Notes":{"k":[1,"x",true,false,null,{"y":false,"b":[]}],"a":{}}}`},
	{nil, nil, `{"Rules":[],"Problems":[{"a":1},[2],"x",null,{"Notes":"n"}],"Choices":{"a":1},"x":{"Choices":[1,2]},"y":[{"Rules":[3]}]}`},
	{nil, nil, `{"Rules":"not a list","Problems":null,"Choices":3}`},
	{nil, nil, `{"Url":"https://hooks.example.com/services/T0/B0/tok?token=x"}`},
	{nil, nil, `{"Url":"not a url"}`},
	{nil, nil, `{"Url":"https://h.example/","x":{"Url":"http://h:8080/a\u0026b"},"y":[{"Url":"https://u:p@h/x"}]}`},
	{nil, nil, `{"Url":null,"x":{"Url":7},"y":{"Url":["http://a/b"]},"z":{"Url":{"a":"http://a/b"}}}`},
	{nil, nil, `{"Url":"https://h\u003c/x"}`},
	{nil, nil, `{"a":1,"a":2}`},
	{nil, nil, `{"a":1,"\u0061":2}`},
	{nil, nil, `{"x":{"a":1,"a":2}}`},
	{nil, nil, `{"Rules":[{"a":1,"a":2}]}`},
	{nil, nil, `{"WorkloadId":"from the body","LensAlias":"x","a":1}`},
	{map[string]string{"WorkloadId": "w"}, url.Values{"WorkloadId": {"q"}, "ClientRequestToken": {"q"}}, `{"ClientRequestToken":"b","WorkloadId":"b","Z":"z"}`},
	{map[string]string{"WorkloadId": "w"}, nil, `{"WorkloadId":1,"WorkloadId":2}`},
	{map[string]string{"WorkloadId": "w"}, nil, `{"WorkloadId":{"deep":[1E400]}}`},
	{map[string]string{"WorkloadId": "w"}, nil, `{"WorkloadId":{"a":1,"a":2},"b":3}`},
	{map[string]string{"ProfileArn": "arn:aws:wellarchitected:eu-west-1:123456789012:profile/p<1>", "Name": "é\xff"}, nil, `{}`},
	{nil, url.Values{"Names": {"a", "b<"}, "WorkloadName": {"x", "y"}, "ProfileName": {"z"}, "Url": {"https://h/p?x"}, "Urls": {"https://h/p", "u"}}, `{"a":1}`},
	{nil, url.Values{"ClientRequestToken": {}}, `{"a":1}`},
	{nil, url.Values{"ClientRequestToken": nil}, ``},
	{nil, url.Values{"\u2028<k>": {"v\u2028"}}, ``},
	{nil, nil, `null`},
	{nil, nil, `[]`},
	{nil, nil, `[{"a":1}]`},
	{nil, nil, `"x"`},
	{nil, nil, `1`},
	{nil, nil, `{`},
	{nil, nil, `{}}`},
	{nil, nil, `{} x`},
	{nil, nil, `{}{}`},
	{nil, nil, `{"a":1,}`},
	{nil, nil, `{,"a":1}`},
	{nil, nil, `{"a" 1}`},
	{nil, nil, `{"a":}`},
	{nil, nil, `{"a":[1,]}`},
	{nil, nil, `{"a":[,1]}`},
	{nil, nil, `{"a":tru}`},
	{nil, nil, `{"a":truex}`},
	{nil, nil, `{"a":nul}`},
	{nil, nil, `{"a":"\x"}`},
	{nil, nil, `{"a":"\u12"}`},
	{nil, nil, `{"a":"\u12g4"}`},
	{nil, nil, "{\"a\":\"raw\ttab\"}"},
	{nil, nil, `{"a":"unterminated}`},
	{nil, nil, `{"a":"x\"}`},
	{nil, nil, "\ufeff{}"},
	{nil, nil, "\u00a0{}"},
	{nil, nil, "\f"},
	{nil, nil, "{}\f"},
	{nil, nil, strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70)},
	{nil, nil, `{"a":` + strings.Repeat("[", 63) + strings.Repeat("]", 63) + `}`},
	{nil, nil, `{"a":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`},
}

// TestRequestParametersSameAsBefore: every request is recorded as before,
// byte for byte, whether the body's text is copied or decoded.
func TestRequestParametersSameAsBefore(t *testing.T) {
	for _, c := range paramsCases {
		got := requestParameters(c.labels, c.query, []byte(c.body))
		if want := decodedParameters(c.labels, c.query, []byte(c.body)); got != want {
			t.Errorf("requestParameters(%v, %v, %.200s)\n = %s\nwas %s", c.labels, c.query, c.body, got, want)
		}
	}
	for _, in := range slices.Concat(maskCases, messyObjects, unexpectedObjects) {
		got := requestParameters(paramsLabels, nil, []byte(in))
		if want := decodedParameters(paramsLabels, nil, []byte(in)); got != want {
			t.Errorf("requestParameters(%s)\n = %s\nwas %s", in, got, want)
		}
	}
}

// TestRequestParametersShuffled: bodies of every size and shape, their
// members in any order, indented or not, are recorded as before.
func TestRequestParametersShuffled(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ins := slices.Concat(maskCases, messyObjects, unexpectedObjects)
	for _, b := range answerResponses() {
		ins = append(ins, string(b))
	}
	for _, in := range ins {
		dec := json.NewDecoder(strings.NewReader(in))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			body := reencode(nil, v, rng, i == 2)
			got := requestParameters(paramsLabels, url.Values{"ClientRequestToken": {"t"}}, body)
			if want := decodedParameters(paramsLabels, url.Values{"ClientRequestToken": {"t"}}, body); got != want {
				t.Errorf("requestParameters(%.300s)\n = %.500s\nwas %.500s", body, got, want)
			}
		}
	}
}

// reencode writes v as JSON, the members of each object in a random order,
// with white space between tokens when spaced.
func reencode(out []byte, v any, rng *rand.Rand, spaced bool) []byte {
	space := func() {
		if spaced {
			out = append(out, " \n\t\r"[rng.IntN(4)])
		}
	}
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		out = append(out, '{')
		for i, k := range keys {
			if i > 0 {
				out = append(out, ',')
			}
			space()
			kb, _ := json.Marshal(k)
			out = append(out, kb...)
			space()
			out = append(out, ':')
			space()
			out = reencode(out, v[k], rng, spaced)
			space()
		}
		return append(out, '}')
	case []any:
		out = append(out, '[')
		for i, x := range v {
			if i > 0 {
				out = append(out, ',')
			}
			space()
			out = reencode(out, x, rng, spaced)
		}
		return append(out, ']')
	}
	b, _ := json.Marshal(v)
	return append(out, b...)
}

// TestEncodeParametersFastPath: requests as clients send them are written
// from the body's text, not decoded; what the copy cannot write as the
// decoding path would is left to that path.
func TestEncodeParametersFastPath(t *testing.T) {
	for _, c := range []paramsCase{
		{paramsLabels, nil, updateAnswerBody},
		{paramsLabels, nil, ""},
		{paramsLabels, url.Values{"ClientRequestToken": {"t1"}}, ""},
		{nil, nil, paramsCases[4].body},
		{nil, nil, paramsCases[5].body},
		{nil, nil, paramsCases[6].body},
		{nil, nil, paramsCases[7].body},
		{nil, nil, paramsCases[8].body},
		{nil, nil, paramsCases[9].body},
		{nil, nil, `{"n":[0,-0,1,-1,123456789012345,-123456789012345]}`},
		{nil, url.Values{"Names": {"a", "b<"}, "WorkloadName": {"x", "y"}}, `{"a":1}`},
		{paramsLabels, nil, string(evidenceBody(t))},
	} {
		got, ok := encodeParameters(c.labels, c.query, []byte(c.body))
		if !ok {
			t.Errorf("encodeParameters(%v, %v, %.200s) fell back", c.labels, c.query, c.body)
		} else if want := decodedParameters(c.labels, c.query, []byte(c.body)); got != want {
			t.Errorf("encodeParameters(%v, %v, %.200s)\n = %s\nwas %s", c.labels, c.query, c.body, got, want)
		}
	}
	for _, c := range []paramsCase{
		{nil, nil, `null`},
		{nil, nil, `{"n":1.5}`},
		{nil, nil, `{"n":1234567890123456}`},
		{nil, nil, `{"a":1,"a":2}`},
		{nil, nil, `{"a":1} x`},
		{nil, nil, `{"a":"\x"}`},
		{nil, nil, strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70)},
		{nil, url.Values{"ClientRequestToken": {}}, `{}`},
	} {
		if out, ok := encodeParameters(c.labels, c.query, []byte(c.body)); ok {
			t.Errorf("encodeParameters(%v, %v, %.200s) = %s, want a fall back", c.labels, c.query, c.body, out)
		}
	}
}

// FuzzRequestParametersSameAsBefore: whatever the body, the path label and
// the query, the request is recorded as before.
func FuzzRequestParametersSameAsBefore(f *testing.F) {
	for _, c := range paramsCases {
		f.Add(c.body, "w", c.query.Encode())
	}
	for _, in := range slices.Concat(maskCases, messyObjects) {
		f.Add(in, "Url", "Url=https%3A%2F%2Fh%2Fp&Notes=a&Notes=b")
	}
	f.Fuzz(func(t *testing.T, body, label, rawQuery string) {
		labels := map[string]string{"WorkloadId": label, label: "v"}
		query, _ := url.ParseQuery(rawQuery)
		got := requestParameters(labels, query, []byte(body))
		if want := decodedParameters(labels, query, []byte(body)); got != want {
			t.Errorf("requestParameters(%q, %q, %q)\n = %s\nwas %s", body, label, rawQuery, got, want)
		}
	})
}

// memberNames are the names of every member of the wire model, as its
// generated types tag them.
func memberNames(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, file := range []string{"wire/types_gen.go", "wire/wat_types_gen.go"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`json:"([^",]+)`).FindAllSubmatch(b, -1) {
			names = append(names, string(m[1]))
		}
	}
	if len(names) < 500 {
		t.Fatalf("only %d member names", len(names))
	}
	return names
}

// TestIsMaskedSameAsBefore: every member of the model, and names in odd
// cases and scripts, is masked as before.
func TestIsMaskedSameAsBefore(t *testing.T) {
	names := append(memberNames(t), "", "N", "n", "name", "Name", "ame", "nAME", "xname", "xName", "\xc3ame",
		"\xc3Name", "éName", "éname", "notes", "Notes", "otes", "description", "Description", "reviewOwner",
		"ReviewOwner", "xReviewOwner", "reviewowner", "jSONString", "JSONString", "jsonString", "aJSONString",
		"Secret", "secret", "title", "Title", "ıName", "ſcret", "\xffName", "\xff", "ñotes")
	masked := 0
	for _, n := range names {
		got := isMasked(n)
		if got != isMaskedBefore(n) {
			t.Errorf("isMasked(%q) = %v, was %v", n, got, !got)
		}
		if got {
			masked++
		}
	}
	if masked < 20 {
		t.Errorf("only %d names masked", masked)
	}
}

func FuzzIsMaskedSameAsBefore(f *testing.F) {
	for _, s := range []string{"name", "ReviewOwner", "\xc3ame", "Notes"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if got := isMasked(name); got != isMaskedBefore(name) {
			t.Errorf("isMasked(%q) = %v, was %v", name, got, !got)
		}
	})
}

// TestAuditCopiesConcurrently: the buffers kept between calls are not
// shared by calls at the same time (run with -race).
func TestAuditCopiesConcurrently(t *testing.T) {
	responses := answerResponses()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				b := responses[(g*37+i)%len(responses)]
				if got, want := maskedOwnJSON(b), maskedOwnJSONBefore(b); got != want {
					t.Errorf("response %d: %.200s, want %.200s", i, got, want)
					return
				}
				c := paramsCases[(g*11+i)%len(paramsCases)]
				if got, want := requestParameters(c.labels, c.query, []byte(c.body)), decodedParameters(c.labels, c.query, []byte(c.body)); got != want {
					t.Errorf("request %s: %s, want %s", c.body, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
