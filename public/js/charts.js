// Progressive enhancement: draws each chart from the figures in its table (data-* attributes on the rows).
// Without JavaScript the table alone carries the figures. chart.js is served from this server.
;(function () {
  'use strict'
  if (typeof window.Chart !== 'function') return
  var COLOURS = { budget: '#0b0c0c', profile: '#505a5f', actual: '#1d70b8', forecast: '#d4351c' }
  var STACKED = { financing: true, 'capital-costs': true, movements: true }
  var BARS = { bars: true, gap: true, financing: true, 'capital-costs': true, movements: true }
  var pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })

  function rowsOf(tableId) {
    var table = document.getElementById(tableId)
    return table ? Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-label]')) : []
  }
  function series(rows, key) {
    return rows.map(function (r) {
      var v = r.getAttribute('data-' + key)
      return v === null || v === '' ? null : Number(v)
    })
  }
  function options(kind) {
    // A line chart's legend shows each series as a short stroke of its line, dashes included (a dashed border
    // round a filled box printed as a black smudge).
    var legend = BARS[kind] ? {} : { labels: { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 36 } }
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: legend,
        tooltip: {
          callbacks: {
            label: function (c) {
              return c.dataset.label + ': ' + pounds.format(c.parsed.y)
            },
          },
        },
      },
      scales: {
        x: { stacked: Boolean(STACKED[kind]) },
        y: {
          stacked: Boolean(STACKED[kind]),
          ticks: {
            callback: function (v) {
              return pounds.format(v)
            },
          },
        },
      },
    }
  }
  function draw(container) {
    var rows = rowsOf(container.getAttribute('data-chart-table'))
    if (rows.length === 0) return
    var canvas = document.createElement('canvas')
    container.appendChild(canvas)
    var labels = rows.map(function (r) {
      return r.getAttribute('data-label')
    })
    var kind = container.getAttribute('data-chart')
    var datasets =
      kind === 'capital-costs'
        ? [
            { label: 'MRP', data: series(rows, 'mrp'), backgroundColor: COLOURS.budget, stack: 'costs' },
            { label: 'Interest', data: series(rows, 'interest'), backgroundColor: COLOURS.actual, stack: 'costs' },
            {
              label: 'Cost to the revenue budget (MRP + interest − investment income)',
              data: series(rows, 'costs'),
              backgroundColor: COLOURS.forecast,
              stack: 'net',
            },
          ]
        : kind === 'movements'
          ? [
              ['virementsin', 'Virements in', '#00703c'],
              ['virementsout', 'Virements out', '#d4351c'],
              ['slippage', 'Slippage', '#1d70b8'],
              ['newfunding', 'New funding', '#505a5f'],
              ['reductions', 'Reductions', '#0b0c0c'],
              ['reservedraws', 'From (+) and to (−) reserves', '#f47738'],
            ].map(function (d) {
              return { label: d[1], data: series(rows, d[0]), backgroundColor: d[2], stack: 'movements' }
            })
          : kind === 'financing'
            ? [
                ['capital_receipts', 'Capital receipts', '#00703c'],
                ['capital_grants', 'Capital grants', '#1d70b8'],
                ['revenue_contributions', 'Revenue contributions', '#505a5f'],
                ['reserves', 'Reserves', '#f47738'],
                ['borrowing', 'Borrowing', '#0b0c0c'],
              ].map(function (d) {
                return { label: d[1], data: series(rows, d[0]), backgroundColor: d[2], stack: 'financing' }
              })
            : kind === 'gap'
              ? [
                  {
                    label: 'Gap: shortfall above zero, surplus below',
                    data: series(rows, 'gap'),
                    backgroundColor: COLOURS.forecast,
                  },
                ]
              : kind === 'reserves'
                ? [
                    {
                      label: 'All reserves',
                      data: series(rows, 'total'),
                      borderColor: COLOURS.actual,
                      backgroundColor: COLOURS.actual,
                    },
                    {
                      label: 'General reserve',
                      data: series(rows, 'general'),
                      borderColor: COLOURS.budget,
                      backgroundColor: COLOURS.budget,
                    },
                    {
                      label: 'Minimum general reserve',
                      data: series(rows, 'minimum'),
                      borderColor: COLOURS.forecast,
                      backgroundColor: COLOURS.forecast,
                      borderDash: [6, 4],
                    },
                  ]
                : kind === 'precept'
                  ? [
                      {
                        label: 'Band D',
                        data: series(rows, 'bandd'),
                        order: 1,
                        borderColor: COLOURS.actual,
                        backgroundColor: COLOURS.actual,
                      },
                      {
                        label: 'Largest Band D without a referendum',
                        data: series(rows, 'limit'),
                        // Drawn over Band D: where the office rose to the limit, the dashed line shows on top.
                        order: 0,
                        borderColor: COLOURS.forecast,
                        backgroundColor: COLOURS.forecast,
                        borderDash: [6, 4],
                      },
                    ]
                  : kind === 'payback'
                    ? [
                        {
                          label: 'Cumulative net flow, cashable only',
                          data: series(rows, 'cashable'),
                          borderColor: COLOURS.actual,
                          backgroundColor: COLOURS.actual,
                        },
                        {
                          label: 'Cumulative net flow, full economic',
                          data: series(rows, 'full'),
                          borderColor: COLOURS.budget,
                          backgroundColor: COLOURS.budget,
                          borderDash: [6, 4],
                        },
                      ]
                    : kind === 'cumulative'
                      ? [
                          {
                            label: 'Cumulative profile',
                            data: series(rows, 'profile'),
                            borderColor: COLOURS.profile,
                            backgroundColor: COLOURS.profile,
                            borderDash: [6, 4],
                          },
                          {
                            label: 'Cumulative actual',
                            data: series(rows, 'actual'),
                            spanGaps: false,
                            borderColor: COLOURS.actual,
                            backgroundColor: COLOURS.actual,
                          },
                        ]
                      : [
                          { label: 'Budget', data: series(rows, 'budget'), backgroundColor: COLOURS.budget },
                          {
                            label: container.getAttribute('data-actual-label') || 'Actual to date',
                            data: series(rows, 'actual'),
                            backgroundColor: COLOURS.actual,
                          },
                          {
                            label: container.getAttribute('data-forecast-label') || 'Forecast outturn',
                            data: series(rows, 'forecast'),
                            backgroundColor: COLOURS.forecast,
                          },
                        ]
    charts.push(
      new window.Chart(canvas, {
        type: BARS[kind] ? 'bar' : 'line',
        data: { labels: labels, datasets: datasets },
        options: options(kind),
      }),
    )
    container.setAttribute('data-chart-rendered', 'true')
  }
  var charts = []
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), draw)

  // A chart drawn for the screen is redrawn at the printed page's size before printing (Ctrl+P), and back after:
  // otherwise it prints at its screen width, over its caption and the table beneath (Chart.js, "Printing
  // resizable charts"). A4 less the page margins is 186 mm, 700 CSS pixels; app.css gives the print height.
  var PRINT_WIDTH = 700
  var PRINT_HEIGHT = 240
  function forPrint() {
    charts.forEach(function (c) {
      c.resize(PRINT_WIDTH, PRINT_HEIGHT)
    })
  }
  function forScreen() {
    charts.forEach(function (c) {
      c.resize()
    })
  }
  window.addEventListener('beforeprint', forPrint)
  window.addEventListener('afterprint', forScreen)
  var printMedia = window.matchMedia('print')
  if (printMedia.addEventListener)
    printMedia.addEventListener('change', function (e) {
      ;(e.matches ? forPrint : forScreen)()
    })
})()
