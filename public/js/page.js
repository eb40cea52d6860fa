// Progressive enhancement on every page (the page works without it):
// - the footer of a printed page says when it was printed, not only when the page was produced;
// - a table's scroll region is a tab stop only while the table is wider than the screen.
;(function () {
  'use strict'
  var root = document.documentElement
  var produced = getComputedStyle(root).getPropertyValue('--app-printed')
  var stamp = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' })
  function printed() {
    root.style.setProperty('--app-printed', JSON.stringify('Printed ' + stamp.format(new Date()).replace(' at ', ', ')))
  }
  function restored() {
    root.style.setProperty('--app-printed', produced)
  }
  window.addEventListener('beforeprint', printed)
  window.addEventListener('afterprint', restored)

  var regions = Array.prototype.slice.call(document.querySelectorAll('.app-table[role="region"]'))
  function focusable() {
    regions.forEach(function (r) {
      if (r.scrollWidth > r.clientWidth + 1) r.setAttribute('tabindex', '0')
      else if (document.activeElement !== r) r.removeAttribute('tabindex')
    })
  }
  focusable()
  window.addEventListener('resize', focusable)
})()
