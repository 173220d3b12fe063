package metrics

import (
	"database/sql"

	"github.com/prometheus/client_golang/prometheus"
)

// PostgreSQL connection pool metrics: each replica opens at most a fixed
// number of connections, and a pool that is always fully in use, with
// callers waiting, is the first sign that replicas or max_connections must
// grow.
var (
	poolMax = prometheus.NewDesc("wat_pg_pool_max_connections",
		"Connections the pool may open at most.", nil, nil)
	poolOpen = prometheus.NewDesc("wat_pg_pool_open_connections",
		"Connections open, in use or idle.", nil, nil)
	poolInUse = prometheus.NewDesc("wat_pg_pool_in_use_connections",
		"Connections running a transaction or statement.", nil, nil)
	poolIdle = prometheus.NewDesc("wat_pg_pool_idle_connections",
		"Connections open and idle.", nil, nil)
	poolWaits = prometheus.NewDesc("wat_pg_pool_waits_total",
		"Times a caller waited for a connection because every one was in use.", nil, nil)
	poolWaited = prometheus.NewDesc("wat_pg_pool_wait_seconds_total",
		"Time callers spent waiting for a connection.", nil, nil)
)

// poolCollector reads the pool's statistics when scraped: nothing is
// counted on the hot path.
type poolCollector struct {
	stats func() sql.DBStats
}

// ObservePool has the scrape report the PostgreSQL pool whose statistics
// stats returns (sqlstore's DB.PoolStats). Call it once, for PostgreSQL
// only: SQLite's connections are not a pool a replica shares.
func (m *Metrics) ObservePool(stats func() sql.DBStats) {
	if m == nil {
		return
	}
	m.reg.MustRegister(poolCollector{stats: stats})
}

func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolMax, poolOpen, poolInUse, poolIdle, poolWaits, poolWaited} {
		ch <- d
	}
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxOpenConnections))
	ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(s.OpenConnections))
	ch <- prometheus.MustNewConstMetric(poolInUse, prometheus.GaugeValue, float64(s.InUse))
	ch <- prometheus.MustNewConstMetric(poolIdle, prometheus.GaugeValue, float64(s.Idle))
	ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.WaitCount))
	ch <- prometheus.MustNewConstMetric(poolWaited, prometheus.CounterValue, s.WaitDuration.Seconds())
}
