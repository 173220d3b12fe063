package sqlstore

import (
	"reflect"
	"testing"

	"github.com/wat-dev/wat"
)

// TestAgentItemsText: the items are stored as the very bytes jsonText
// writes, every field included (a field added to the item and not to
// recommendationItemsText fails here), plain and in need of escaping.
func TestAgentItemsText(t *testing.T) {
	fill := func(s string, line int) wat.AgentRecommendationItem {
		var it wat.AgentRecommendationItem
		v := reflect.ValueOf(&it).Elem()
		for i := range v.NumField() {
			switch f := v.Field(i); f.Kind() {
			case reflect.String:
				f.SetString(v.Type().Field(i).Name + s)
			case reflect.Int:
				f.SetInt(int64(line))
			default:
				t.Fatalf("AgentRecommendationItem.%s is a %s: recommendationItemsText writes strings and ints", v.Type().Field(i).Name, f.Kind())
			}
		}
		return it
	}
	for _, items := range [][]wat.AgentRecommendationItem{
		nil,
		{fill("", 0)},
		{fill(" plain/path.yaml", 12), fill(` "quoted" \ <tag> & ünïcode `+"\x01\u2028\xff", 7)},
	} {
		want := jsonText(items)
		if items == nil {
			want = jsonText([]wat.AgentRecommendationItem{})
		}
		if got := recommendationItemsText(items); got != want {
			t.Errorf("recommendationItemsText =\n%s\nwant jsonText's\n%s", got, want)
		}
	}
}
