// The wall display: polls the API and redraws. The period follows the newest event the pipeline has
// applied ("data as of"), so an accelerated simulation or a replay shows its own today.
(function () {
  const zone = 'Asia/Ho_Chi_Minh';
  const fmtInt = new Intl.NumberFormat('vi-VN');
  const fmtPct = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const gauge = echarts.init(document.getElementById('gauge'), 'dark', { renderer: 'canvas' });
  let root = null;

  function localDate(iso) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date(iso));
  }
  function localTime(date) {
    return new Intl.DateTimeFormat('vi-VN', { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' }).format(date);
  }
  function text(id, value) { document.getElementById(id).textContent = value; }

  async function json(url) {
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
    return r.json();
  }

  function drawGauge(rate) {
    gauge.setOption({
      backgroundColor: 'transparent',
      series: [{
        type: 'gauge', min: 0, max: 100, progress: { show: true, width: 18 },
        axisLine: { lineStyle: { width: 18 } }, pointer: { show: false },
        detail: { valueAnimation: true, formatter: v => (rate == null ? '—' : v.toFixed(1) + '%'), fontSize: 48, color: '#e8eefc' },
        data: [{ value: rate == null ? 0 : rate * 100 }]
      }]
    });
  }

  async function refresh() {
    try {
      if (!root) {
        const units = await json('/api/units');
        root = units.find(u => u.level === 'PROVINCE');
        text('province', root ? root.name : 'Tỉnh');
      }
      const status = await json('/api/status');
      const stale = !status.caughtUp || Object.values(status.components).some(c => !c.up);
      document.getElementById('stale').hidden = !stale;
      text('status', Object.entries(status.components).map(([k, c]) => k + ': ' + (c.up ? 'hoạt động' : 'lỗi — ' + c.detail)).join(' · ')
        + (status.consumerLag == null ? '' : ' · độ trễ: ' + fmtInt.format(status.consumerLag) + ' sự kiện'));
      if (!status.newestEventAt) { text('asof', 'Dữ liệu tính đến: chưa có sự kiện'); return; }
      text('asof', 'Dữ liệu tính đến: ' + localTime(new Date(status.newestEventAt)));
      const day = localDate(status.newestEventAt);
      const monthStart = day.substring(0, 8) + '01';
      const unit = root ? '&unit=' + encodeURIComponent(root.code) : '';
      const [today, month] = await Promise.all([
        json('/api/kpi?from=' + day + '&to=' + day + unit),
        json('/api/kpi?from=' + monthStart + '&to=' + day + unit)
      ]);
      text('receivedToday', fmtInt.format(today.received));
      text('day', 'Ngày ' + day.split('-').reverse().join('/'));
      text('endedMonth', fmtInt.format(month.ended));
      text('month', 'Tháng ' + day.substring(5, 7) + '/' + day.substring(0, 4));
      text('open', fmtInt.format(today.openAtEnd));
      text('overdue', fmtInt.format(today.overdueAtEnd));
      drawGauge(month.onTimeRate);
    } catch (e) {
      document.getElementById('stale').hidden = false;
      text('status', 'Mất kết nối tới máy chủ: ' + e.message);
    }
  }

  setInterval(() => text('clock', new Intl.DateTimeFormat('vi-VN', { timeZone: zone, timeStyle: 'medium' }).format(new Date())), 1000);
  window.addEventListener('resize', () => gauge.resize());
  refresh();
  setInterval(refresh, 2000);
})();
