// The IOC wall. Its "today" is the day of the newest event applied (a simulation or a replay may run
// ahead of or behind the real clock). The server pushes a "data" event over /api/stream whenever the
// data changes; the wall then re-reads the numbers it shows. It reconnects by itself after a network
// drop or a server restart, and says so on screen while it cannot reach the server.
(function () {
  const params = new URLSearchParams(location.search);
  const kiosk = params.get('kiosk') === '1';
  const rotateSeconds = params.has('rotate') ? Number(params.get('rotate')) : 20;
  const pinnedView = params.get('view');
  if (kiosk) document.body.classList.add('kiosk');

  const views = ['view1', 'view2'];
  let viewIndex = pinnedView ? Math.max(0, Math.min(views.length - 1, Number(pinnedView) - 1)) : 0;
  let root = null;
  let latest = null;          // the last data event
  let refreshing = false;
  let refreshAgain = false;
  let connected = false;
  let statusProblem = null;
  let shown = null;           // what the charts were last drawn from
  const charts = {};

  function fontSize(f) { return Math.max(10, Math.round(window.innerHeight * f)); }
  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init(document.getElementById(id), 'dark', { renderer: 'canvas' });
    return charts[id];
  }

  // ---- views and rotation
  function showView(i) {
    viewIndex = i;
    views.forEach((v, j) => { document.getElementById(v).hidden = j !== i; });
    document.querySelectorAll('#viewDots span').forEach((s, j) => s.classList.toggle('on', j === i));
    drawCharts();
  }
  document.getElementById('viewDots').replaceChildren(...views.map((v, i) => IOC.el('span', { title: IOC.t('wall.view' + (i + 1)) })));
  showView(viewIndex);
  if (!pinnedView && rotateSeconds > 0) setInterval(() => showView((viewIndex + 1) % views.length), rotateSeconds * 1000);

  // ---- clock
  function tick() {
    const now = new Date();
    IOC.text('clock', new Intl.DateTimeFormat(IOC.locale(), { timeZone: IOC.zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now));
    IOC.text('today', new Intl.DateTimeFormat(IOC.locale(), { timeZone: IOC.zone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }).format(now));
  }
  tick();
  setInterval(tick, 1000);

  // ---- warnings
  function showWarning() {
    const stale = document.getElementById('stale');
    let message = null;
    if (!connected) message = IOC.t('stale.down');
    else if (statusProblem) message = statusProblem;
    stale.hidden = message == null;
    stale.textContent = message || '';
  }

  async function checkStatus() {
    try {
      const s = await IOC.json('/api/status');
      const down = Object.entries(s.components).filter(([, c]) => c.configured !== false && !c.up);
      if (down.length) statusProblem = IOC.t('stale.component') + ': ' + down.map(([k, c]) => k + ' (' + c.detail + ')').join(', ');
      else if (s.consumerLag != null && s.consumerLag > 5000) statusProblem = IOC.t('stale.lag') + ': ' + IOC.int(s.consumerLag) + ' ' + IOC.t('status.events');
      else statusProblem = null;
      IOC.text('status', Object.entries(s.components).filter(([, c]) => c.configured !== false)
        .map(([k, c]) => k + ': ' + IOC.t(c.up ? 'status.up' : 'status.down')).join(' · ')
        + (s.consumerLag == null ? '' : ' · ' + IOC.t('status.lag') + ': ' + IOC.int(s.consumerLag)));
    } catch (e) {
      statusProblem = IOC.t('stale.down');
    }
    showWarning();
  }
  checkStatus();
  setInterval(checkStatus, 10000);

  // ---- live stream
  let source = null;
  function connect() {
    if (source) source.close();
    source = new EventSource(IOC.withToken('/api/stream'));
    source.addEventListener('open', () => { connected = true; showWarning(); });
    source.addEventListener('data', e => {
      connected = true;
      latest = JSON.parse(e.data);
      showWarning();
      refresh();
    });
    source.addEventListener('down', () => { statusProblem = IOC.t('stale.component') + ': clickhouse'; showWarning(); });
    source.onerror = () => {
      connected = false;
      showWarning();
      // The browser retries by itself while the stream is CONNECTING; after a refusal it gives up (CLOSED).
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    };
  }
  connect();
  // A slow safety net: numbers are re-read every minute even if an event was missed.
  setInterval(() => { if (latest) refresh(); }, 60000);

  // ---- the numbers
  async function refresh() {
    if (refreshing) { refreshAgain = true; return; }
    refreshing = true;
    try {
      do {
        refreshAgain = false;
        await draw();
      } while (refreshAgain);
    } catch (e) {
      console.warn('wall refresh failed', e);
    } finally {
      refreshing = false;
    }
  }

  async function draw() {
    if (!root) {
      const units = await IOC.json('/api/units');
      root = units.find(u => u.parentCode == null) || units[0];
      IOC.text('province', root.name);
    }
    if (!latest || !latest.newestEventAt) {
      IOC.text('asof', IOC.t('asof.none'));
      return;
    }
    IOC.text('asof', IOC.dateTime(latest.newestEventAt));
    const day = IOC.localDate(latest.newestEventAt);
    const monthStart = day.substring(0, 8) + '01';
    const u = '&unit=' + encodeURIComponent(root.code);
    const [today, month, score, children, trend, alerts] = await Promise.all([
      IOC.json('/api/kpi?from=' + day + '&to=' + day + u),
      IOC.json('/api/kpi?from=' + monthStart + '&to=' + day + u),
      IOC.json('/api/scorecard?from=' + monthStart + '&to=' + day + u),
      IOC.json('/api/kpi/children?from=' + monthStart + '&to=' + day + u),
      IOC.json('/api/kpi/trend?from=' + IOC.addDays(day, -29) + '&to=' + day + u),
      IOC.json('/api/alerts?limit=30' + u)
    ]);
    IOC.text('monthLabel', '(' + IOC.t('kpi.month') + ' ' + day.substring(5, 7) + '/' + day.substring(0, 4) + ')');
    const rate = document.getElementById('onTimeRate');
    rate.textContent = IOC.pct(month.onTimeRate);
    rate.classList.toggle('warn', month.onTimeRate != null && month.onTimeRate < 0.95 && month.onTimeRate >= 0.8);
    rate.classList.toggle('bad', month.onTimeRate != null && month.onTimeRate < 0.8);
    IOC.text('receivedToday', IOC.int(today.received));
    IOC.text('open', IOC.int(today.openAtEnd));
    IOC.text('overdue', IOC.int(today.overdueAtEnd));
    IOC.text('onlineRate', IOC.pct(month.onlineRate));
    IOC.text('paymentRate', IOC.pct(month.onlinePaymentRate));
    IOC.text('satisfaction', IOC.pct(month.satisfactionRate));
    IOC.text('score766', score.percent == null ? '—' : IOC.num(score.percent, 1));
    IOC.text('grade766', score.percent == null ? '—' : IOC.gradeLabel(score.grade) + ' · ' + IOC.num(score.points, 1) + '/' + IOC.num(score.coveredPoints, 0) + ' ' + IOC.t('kpi.ofCovered'));
    drawRanks(children.children);
    drawTicker(alerts.alerts);
    shown = { trend, children, score };
    drawCharts();
  }

  /** Only the visible view's charts: a chart drawn while hidden has no size. */
  function drawCharts() {
    if (!shown) return;
    if (views[viewIndex] === 'view1') {
      drawTrend(shown.trend.days);
    } else {
      drawTreemap(shown.children.children);
      drawScore(shown.score);
    }
    Object.values(charts).forEach(c => { if (c.getDom().offsetParent) c.resize(); });
  }

  function drawRanks(list) {
    const ranked = list.filter(c => c.onTimeRate != null).sort((a, b) => b.onTimeRate - a.onTimeRate || b.received - a.received);
    const item = c => IOC.el('li', null, IOC.el('span', { class: 'name' }, c.unitName), IOC.el('span', { class: 'rate' }, IOC.pct(c.onTimeRate)));
    // Up to five at each end, never the same unit in both lists.
    const worstCount = Math.min(5, Math.floor(ranked.length / 2));
    const bestCount = Math.min(5, ranked.length - worstCount);
    document.getElementById('best').replaceChildren(...ranked.slice(0, bestCount).map(item));
    document.getElementById('worst').replaceChildren(...ranked.slice(ranked.length - worstCount).reverse().map(item));
  }

  function drawTrend(days) {
    const fs = fontSize(0.016);
    chart('trendChart').setOption({
      backgroundColor: 'transparent', animation: false,
      textStyle: { fontSize: fs },
      legend: { top: 0, itemWidth: fs * 1.6, itemHeight: fs * 0.9, itemGap: fs * 1.5, textStyle: { fontSize: fs } },
      grid: { left: '6%', right: '6%', top: fs * 3, bottom: fs * 2.5 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map(d => d.day.substring(8, 10) + '/' + d.day.substring(5, 7)), axisLabel: { fontSize: fs } },
      yAxis: [{ type: 'value', axisLabel: { fontSize: fs } },
        { type: 'value', min: 0, max: 100, axisLabel: { fontSize: fs, formatter: '{value}%' }, splitLine: { show: false } }],
      series: [
        { name: IOC.t('series.received'), type: 'bar', data: days.map(d => d.received), itemStyle: { color: '#4aa3ff' } },
        { name: IOC.t('series.ended'), type: 'bar', data: days.map(d => d.ended), itemStyle: { color: '#7b61ff' } },
        { name: IOC.t('series.onTimeRate'), type: 'line', yAxisIndex: 1, symbolSize: fs * 0.5, lineStyle: { width: 3 },
          itemStyle: { color: '#35d07f' }, data: days.map(d => d.onTimeRate == null ? null : +(d.onTimeRate * 100).toFixed(1)) }
      ]
    }, true);
  }

  function drawTreemap(list) {
    const fs = fontSize(0.017);
    const data = list.filter(c => c.ended + c.openAtEnd > 0).map(c => ({
      name: c.unitName, value: c.ended + c.openAtEnd,
      rate: c.onTimeRate,
      itemStyle: { color: c.onTimeRate == null ? '#3b4760' : c.onTimeRate >= 0.95 ? '#1f9d5a' : c.onTimeRate >= 0.8 ? '#c98a12' : '#c23b3b' }
    }));
    chart('treemapChart').setOption({
      backgroundColor: 'transparent', animation: false,
      tooltip: { formatter: p => p.name + ': ' + IOC.pct(p.data.rate) },
      series: [{ type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, width: '100%', height: '100%',
        label: { fontSize: fs, lineHeight: Math.round(fs * 1.35), formatter: p => p.name + '\n' + IOC.pct(p.data.rate) },
        itemStyle: { borderColor: '#07101f', borderWidth: 2, gapWidth: 2 }, data }]
    }, true);
  }

  function drawScore(score) {
    const fs = fontSize(0.016);
    const ind = score.indicators.slice().reverse();
    chart('scoreChart').setOption({
      backgroundColor: 'transparent', animation: false,
      grid: { left: '38%', right: '8%', top: fs, bottom: fs * 2 },
      xAxis: { type: 'value', max: 20, axisLabel: { fontSize: fs } },
      yAxis: { type: 'category', data: ind.map(i => i.code + ' ' + i.name), axisLabel: { fontSize: fs, width: window.innerWidth * 0.14, overflow: 'truncate', ellipsis: '…' } },
      series: [
        { type: 'bar', stack: 's', data: ind.map(i => i.score == null ? 0 : +i.score.toFixed(2)), itemStyle: { color: '#35d07f' },
          label: { show: true, position: 'insideLeft', fontSize: fs, formatter: p => { const i = ind[p.dataIndex]; return i.score == null ? '—' : IOC.num(i.score, 1) + '/' + i.points; } } },
        { type: 'bar', stack: 's', data: ind.map(i => i.score == null ? i.points : +(i.points - i.score).toFixed(2)), itemStyle: { color: '#26324d' } }
      ]
    }, true);
  }

  function drawTicker(alerts) {
    const track = document.getElementById('ticker');
    if (!alerts.length) {
      track.className = 'ticker-track empty';
      track.replaceChildren(IOC.t('wall.noAlerts'));
      return;
    }
    track.className = 'ticker-track';
    const items = () => alerts.map(a => IOC.el('span', { class: 'item' },
      IOC.el('span', { class: 'kind' }, IOC.t('alert.' + a.kind)),
      a.dossierId + ' · ' + a.unitName + ' · ' + a.procedureName + (a.dueAt ? ' · ' + IOC.t('report.dueAt') + ' ' + IOC.dateOnly(a.dueAt) : '')));
    // The list twice in a row, scrolled by half its width: a loop without a gap, readable from the first second.
    track.replaceChildren(...items(), ...items());
    track.style.animationDuration = Math.max(30, alerts.length * 6) + 's';
  }

  window.addEventListener('resize', () => Object.values(charts).forEach(c => { if (c.getDom().offsetParent) c.resize(); }));
  IOC.onLang(() => refresh());
  if (!kiosk && !IOC.token) IOC.nav();
})();
