// The department report: a unit's period against the previous period and the province, its rank, the 766
// projection, drill-down to units below, procedures and single dossiers, exports and a print layout.
(function () {
  const params = new URLSearchParams(location.search);
  const $ = id => document.getElementById(id);
  let units = [];
  let report = null;
  let scoreChart = null;
  // The most urgent lines first, so that the page is quick; the rest on demand. A list that is not
  // whole says so: a report must never look complete when it is not.
  const LATE_FIRST = 100, LATE_ALL = 5000;

  const KPIS = [
    ['received', 'count', 'Hồ sơ tiếp nhận', 'Dossiers received'],
    ['ended', 'count', 'Hồ sơ đã giải quyết', 'Dossiers resolved'],
    ['early', 'count', 'Giải quyết trước hạn', 'Resolved early'],
    ['onTime', 'count', 'Giải quyết đúng hạn', 'Resolved on time'],
    ['late', 'count', 'Giải quyết trễ hạn', 'Resolved late'],
    ['withdrawn', 'count', 'Hồ sơ rút', 'Withdrawn'],
    ['openAtEnd', 'count', 'Đang giải quyết cuối kỳ', 'Open at period end'],
    ['overdueAtEnd', 'count', 'Hồ sơ quá hạn cuối kỳ', 'Overdue at period end'],
    ['onTimeRate', 'rate', 'Tỷ lệ giải quyết đúng hạn và trước hạn', 'On-time and early rate'],
    ['onlineRate', 'rate', 'Tỷ lệ tiếp nhận trực tuyến', 'Online submission rate'],
    ['onlinePaymentRate', 'rate', 'Tỷ lệ thanh toán trực tuyến', 'Online payment rate'],
    ['electronicResultRate', 'rate', 'Tỷ lệ trả kết quả điện tử', 'Electronic result rate'],
    ['satisfactionRate', 'rate', 'Mức độ hài lòng', 'Satisfaction rate'],
    ['avgProcessingWorkingDays', 'days', 'Thời gian giải quyết bình quân (ngày làm việc)', 'Average processing time (working days)']
  ];
  // Where a lower number is the better one, a fall is shown as good.
  const LOWER_IS_BETTER = new Set(['late', 'overdueAtEnd', 'avgProcessingWorkingDays']);

  function fmt(kind, v) { return kind === 'rate' ? IOC.pct(v) : kind === 'days' ? IOC.num(v, 1) : IOC.int(v); }
  function change(key, kind, cur, prev) {
    if (cur == null || prev == null) return IOC.el('span', null, '—');
    const d = cur - prev;
    const good = LOWER_IS_BETTER.has(key) ? d < 0 : d > 0;
    const text = (d > 0 ? '+' : '') + (kind === 'rate' ? IOC.num(d * 100, 1) + ' đ.p.' : kind === 'days' ? IOC.num(d, 1) : IOC.int(d));
    return IOC.el('span', { class: d === 0 ? '' : good ? 'up' : 'down' }, text);
  }
  function reportUrl(unit) {
    const p = new URLSearchParams(location.search);
    p.set('unit', unit);
    return '/report?' + p.toString();
  }
  function query() {
    const p = new URLSearchParams();
    p.set('unit', $('unit').value);
    p.set('period', $('period').value);
    if ($('period').value === 'range') { p.set('from', $('from').value); p.set('to', $('to').value); } else if ($('date').value) p.set('date', $('date').value);
    return p.toString();
  }
  function toggleRange() {
    const range = $('period').value === 'range';
    document.querySelectorAll('.range').forEach(e => { e.hidden = !range; });
    document.querySelectorAll('.anchor').forEach(e => { e.hidden = range; });
  }

  async function init() {
    await IOC.nav();
    units = await IOC.json('/api/units');
    const byCode = Object.fromEntries(units.map(u => [u.code, u]));
    const depth = u => { let d = 0; let p = u; while (p.parentCode && byCode[p.parentCode]) { d++; p = byCode[p.parentCode]; } return d; };
    $('unit').replaceChildren(...units.map(u => IOC.el('option', { value: u.code }, '\u00a0'.repeat(depth(u) * 3) + u.name + (u.validTo ? ' (≤ ' + u.validTo + ')' : ''))));
    $('unit').value = params.get('unit') || units[0].code;
    $('period').value = params.get('period') || 'month';
    if (params.get('date')) $('date').value = params.get('date');
    if (params.get('from')) $('from').value = params.get('from');
    if (params.get('to')) $('to').value = params.get('to');
    toggleRange();
    $('period').addEventListener('change', toggleRange);
    $('controls').addEventListener('submit', e => { e.preventDefault(); location.href = '/report?' + query(); });
    $('printButton').addEventListener('click', () => window.print());
    $('lateAllButton').addEventListener('click', () => loadLate(report.latePeriod, LATE_ALL).catch(e => {
      $('error').hidden = false;
      $('error').textContent = IOC.t('error.load') + ': ' + e.message;
    }));
    IOC.onLang(() => report && draw());
    await load();
  }

  async function load() {
    try {
      report = await IOC.json('/api/report?procedures=false&late=false&' + query());
      report.procedures = [];
      report.late = null;
      $('error').hidden = true;
      if (!$('date').value && report.period.kind !== 'range') $('date').value = report.period.to;
      if (!$('from').value) $('from').value = report.period.from;
      if (!$('to').value) $('to').value = report.period.to;
      $('csvLink').href = '/api/report.csv?' + query();
      $('xlsxLink').href = '/api/report.xlsx?' + query();
      draw();
      // Then the procedures and the late list of the period the server chose, both at once, each drawn when it comes.
      const period = 'unit=' + encodeURIComponent(report.unit.code) + '&from=' + report.period.from + '&to=' + report.period.to;
      await Promise.all([
        IOC.json('/api/kpi/procedures?' + period).then(p => { report.procedures = p.procedures; drawProcedures(); }),
        loadLate(period, LATE_FIRST)]);
    } catch (e) {
      $('error').hidden = false;
      $('error').textContent = IOC.t('error.load') + ': ' + e.message;
    }
  }

  function draw() {
    const r = report;
    const byCode = Object.fromEntries(units.map(u => [u.code, u]));
    const chain = [];
    for (let c = r.unit.parentCode; c && byCode[c]; c = byCode[c].parentCode) chain.unshift(byCode[c]);
    $('breadcrumb').replaceChildren(...chain.flatMap(u => [IOC.el('a', { href: reportUrl(u.code) }, u.name), ' › ']), r.unit.name);
    IOC.text('unitName', r.unit.name);
    IOC.text('periodLabel', r.period.label + ' (' + r.period.from + ' → ' + r.period.to + ')');
    IOC.text('asof', IOC.dateTime(r.asOf));
    IOC.text('rank', r.rank.position == null ? IOC.t('report.rankNone') : r.rank.position + ' ' + IOC.t('report.of') + ' ' + r.rank.rankedPeers);
    const c = r.current;
    $('summary').replaceChildren(
      card(IOC.t('kpi.onTimeRate'), IOC.pct(c.onTimeRate), IOC.t('report.province') + ': ' + IOC.pct(r.province.onTimeRate)),
      card(IOC.t('series.received'), IOC.int(c.received), IOC.t('report.previous') + ': ' + IOC.int(r.previous.received)),
      card(IOC.t('kpi.overdue'), IOC.int(c.overdueAtEnd), IOC.t('kpi.open') + ': ' + IOC.int(c.openAtEnd)),
      card(IOC.t('kpi.score766'), r.scorecard.percent == null ? '—' : IOC.num(r.scorecard.percent, 1), IOC.gradeLabel(r.scorecard.grade)));
    const en = IOC.lang() === 'en';
    $('kpiTable').tBodies[0].replaceChildren(...KPIS.map(([key, kind, vi, enName]) => IOC.el('tr', { 'data-kpi': key },
      IOC.el('td', null, en ? enName : vi), IOC.el('td', { class: 'num' }, fmt(kind, c[key])),
      IOC.el('td', { class: 'num' }, fmt(kind, r.previous[key])), IOC.el('td', { class: 'num' }, change(key, kind, c[key], r.previous[key])),
      IOC.el('td', { class: 'num' }, fmt(kind, r.province[key])))));
    const s = r.scorecard;
    $('scoreTable').tBodies[0].replaceChildren(...s.indicators.map(i => IOC.el('tr', null,
      IOC.el('td', null, i.code), IOC.el('td', null, i.name), IOC.el('td', { class: 'num' }, IOC.pct(i.r)),
      IOC.el('td', { class: 'num' }, i.threshold == null ? '—' : IOC.pct(i.threshold, 0)), IOC.el('td', { class: 'num' }, IOC.int(i.points)),
      IOC.el('td', { class: 'num' }, i.score == null ? '—' : IOC.num(i.score, 2)))),
      IOC.el('tr', null, IOC.el('th', null, ''), IOC.el('th', null, IOC.t('report.total') + ' · ' + IOC.t('report.grade') + ': ' + IOC.gradeLabel(s.grade)),
        IOC.el('th', { class: 'num' }, s.percent == null ? '—' : IOC.num(s.percent, 1) + '%'), IOC.el('th', null, ''),
        IOC.el('th', { class: 'num' }, IOC.int(s.coveredPoints) + '/100'), IOC.el('th', { class: 'num' }, IOC.num(s.points, 2))));
    drawScore(s);
    $('childrenSection').hidden = !r.children.length;
    $('childrenTable').tBodies[0].replaceChildren(...r.children.filter(u => u.received + u.ended + u.openAtEnd > 0 || !u.validTo).map(u => IOC.el('tr', null,
      IOC.el('td', null, IOC.el('a', { href: reportUrl(u.unit) }, u.unitName)), IOC.el('td', { class: 'num' }, IOC.int(u.received)),
      IOC.el('td', { class: 'num' }, IOC.int(u.ended)), IOC.el('td', { class: 'num' }, IOC.int(u.overdueAtEnd)),
      IOC.el('td', { class: 'num' }, IOC.pct(u.onTimeRate)))));
    drawProcedures();
    drawLate();
  }

  function loadLate(period, limit) {
    return IOC.json('/api/late?limit=' + limit + '&' + period).then(l => {
      report.late = l.dossiers;
      report.lateTruncated = l.truncated;
      report.lateLimit = l.limit;
      report.latePeriod = period;
      drawLate();
    });
  }

  function drawLate() {
    const late = report.late || [];
    $('noLate').hidden = report.late == null || late.length > 0;
    $('lateMore').hidden = !report.lateTruncated;
    if (report.lateTruncated) {
      const first = report.lateLimit < LATE_ALL;
      $('lateMoreText').textContent = IOC.t(first ? 'report.lateFirst' : 'report.lateCapped') + ' ';
      $('lateAllButton').hidden = !first;
    }
    $('lateTable').tBodies[0].replaceChildren(...late.map(d => IOC.el('tr', null,
      IOC.el('td', null, IOC.el('a', { href: '/dossier?id=' + encodeURIComponent(d.dossierId) }, d.dossierId)),
      IOC.el('td', null, IOC.el('span', { class: 'tag ' + d.kind }, IOC.t('alert.' + d.kind))),
      IOC.el('td', null, d.unitName), IOC.el('td', null, d.procedureName),
      IOC.el('td', null, IOC.dateTime(d.receivedAt)), IOC.el('td', null, IOC.dateTime(d.dueAt)), IOC.el('td', null, IOC.dateTime(d.endAt)),
      IOC.el('td', { class: 'num' }, d.kind === 'AT_RISK' ? '—' : IOC.int(d.daysLate)))));
  }

  function drawProcedures() {
    $('procTable').tBodies[0].replaceChildren(...report.procedures.map(p => IOC.el('tr', null,
      IOC.el('td', null, IOC.el('a', { href: '#procDossiers', 'data-procedure': p.procedureCode, onclick: e => { e.preventDefault(); showProcedure(p); } }, p.procedureCode + ' — ' + p.procedureName)),
      IOC.el('td', { class: 'num' }, IOC.int(p.received)), IOC.el('td', { class: 'num' }, IOC.int(p.ended)),
      IOC.el('td', { class: 'num' }, IOC.int(p.late)), IOC.el('td', { class: 'num' }, IOC.int(p.openAtEnd)),
      IOC.el('td', { class: 'num' }, IOC.pct(p.endedInTimeRate)))));
  }

  function card(label, value, note) {
    return IOC.el('div', { class: 'card' }, IOC.el('div', { class: 'muted' }, label), IOC.el('div', { class: 'big' }, value), IOC.el('div', { class: 'muted' }, note));
  }

  function drawScore(s) {
    if (!scoreChart) scoreChart = echarts.init($('scoreChart'), null, { renderer: 'svg' });
    const ind = s.indicators;
    scoreChart.setOption({
      animation: false, grid: { left: 40, right: 20, top: 30, bottom: 30 },
      legend: { top: 0 },
      xAxis: { type: 'category', data: ind.map(i => i.code) },
      yAxis: { type: 'value', max: 20 },
      series: [
        { name: IOC.t('report.points'), type: 'bar', stack: 's', data: ind.map(i => i.score == null ? 0 : +i.score.toFixed(2)), itemStyle: { color: '#16803c' } },
        { name: IOC.t('report.maxPoints'), type: 'bar', stack: 's', data: ind.map(i => i.score == null ? i.points : +(i.points - i.score).toFixed(2)), itemStyle: { color: '#d9e0ec' } }
      ]
    }, true);
  }

  async function showProcedure(p) {
    const q = new URLSearchParams({ unit: report.unit.code, procedure: p.procedureCode, from: report.period.from, to: report.period.to, limit: '200' });
    const res = await IOC.json('/api/dossiers?' + q);
    $('procDossiers').hidden = false;
    IOC.text('procName', p.procedureCode + ' — ' + p.procedureName + ' (' + res.total + ')');
    $('procDossierTable').tBodies[0].replaceChildren(...res.dossiers.map(d => IOC.el('tr', null,
      IOC.el('td', null, IOC.el('a', { href: '/dossier?id=' + encodeURIComponent(d.dossierId) }, d.dossierId)),
      IOC.el('td', null, IOC.el('span', { class: 'tag ' + d.state }, IOC.t('state.' + d.state))), IOC.el('td', null, d.unitName),
      IOC.el('td', null, IOC.dateTime(d.receivedAt)), IOC.el('td', null, IOC.dateTime(d.effectiveDueAt)), IOC.el('td', null, IOC.dateTime(d.endAt)))));
    $('procDossiers').scrollIntoView();
  }

  window.addEventListener('resize', () => scoreChart && scoreChart.resize());
  window.addEventListener('beforeprint', () => scoreChart && scoreChart.resize());
  init();
})();
