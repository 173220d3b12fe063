package metrics

import "github.com/prometheus/client_golang/prometheus"

// HeadStats is what the store tells of the review heads it keeps
// (sqlstore's DB.HeadStats): a head served from the cache costs no
// statement, and on PostgreSQL the cache serves only while the replica's
// change listener is connected.
type HeadStats struct {
	Hits, Reads uint64 // heads given from the cache; heads read from the database
	// Postgres says the listener's figures apply: Listening, whether it is
	// connected now, and Notices, the change notices it heard.
	Postgres  bool
	Listening bool
	Notices   uint64
}

var (
	headHits = prometheus.NewDesc("wat_review_heads_cached_total",
		"Review heads (GetLensReview's check of a cached review) given without a statement, nothing having changed since they were read.", nil, nil)
	headReads = prometheus.NewDesc("wat_review_heads_read_total",
		"Review heads read from the database.", nil, nil)
	listenerUp = prometheus.NewDesc("wat_pg_change_listener_up",
		"1 while this replica listens for PostgreSQL's change notices; 0 while it reconnects (review heads are then read every time).", nil, nil)
	notices = prometheus.NewDesc("wat_pg_change_notices_total",
		"Change notices this replica heard from PostgreSQL.", nil, nil)
)

// headCollector reads the store's figures when scraped.
type headCollector struct {
	stats func() HeadStats
}

// ObserveHeads has the scrape report the review heads the store keeps.
func (m *Metrics) ObserveHeads(stats func() HeadStats) {
	if m == nil {
		return
	}
	m.reg.MustRegister(headCollector{stats: stats})
}

func (c headCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{headHits, headReads, listenerUp, notices} {
		ch <- d
	}
}

func (c headCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	ch <- prometheus.MustNewConstMetric(headHits, prometheus.CounterValue, float64(s.Hits))
	ch <- prometheus.MustNewConstMetric(headReads, prometheus.CounterValue, float64(s.Reads))
	if s.Postgres {
		up := 0.0
		if s.Listening {
			up = 1
		}
		ch <- prometheus.MustNewConstMetric(listenerUp, prometheus.GaugeValue, up)
		ch <- prometheus.MustNewConstMetric(notices, prometheus.CounterValue, float64(s.Notices))
	}
}
