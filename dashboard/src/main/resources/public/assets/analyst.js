// The analyst's workspace: dossier search, the SQL console (read-only on the server), the schema and JDBC.
(function () {
  const $ = id => document.getElementById(id);
  let offset = 0;
  const limit = 50;
  let lastTotal = 0;

  document.querySelectorAll('.tabs button').forEach(b => b.addEventListener('click', () => {
    document.querySelectorAll('.tabs button').forEach(x => x.classList.toggle('on', x === b));
    document.querySelectorAll('[data-panel]').forEach(p => { p.hidden = p.dataset.panel !== b.dataset.tab; });
    if (b.dataset.tab === 'schema' || b.dataset.tab === 'jdbc') loadSchema();
  }));

  async function search() {
    const form = new FormData($('searchForm'));
    const q = new URLSearchParams();
    for (const [k, v] of form.entries()) if (v) q.set(k, v);
    q.set('limit', limit);
    q.set('offset', offset);
    try {
      const res = await IOC.json('/api/dossiers?' + q);
      lastTotal = res.total;
      IOC.text('total', IOC.int(res.total) + (res.total > limit ? ' (' + (offset + 1) + '–' + Math.min(offset + limit, res.total) + ')' : ''));
      $('results').tBodies[0].replaceChildren(...res.dossiers.map(d => IOC.el('tr', null,
        IOC.el('td', null, IOC.el('a', { href: '/dossier?id=' + encodeURIComponent(d.dossierId) }, d.dossierId)),
        IOC.el('td', null, IOC.el('span', { class: 'tag ' + d.state }, IOC.t('state.' + d.state))),
        IOC.el('td', null, d.unitName), IOC.el('td', null, d.procedureCode + ' — ' + d.procedureName),
        IOC.el('td', null, d.channel ? IOC.t('channel.' + d.channel) : '—'), IOC.el('td', null, IOC.dateTime(d.receivedAt)),
        IOC.el('td', null, IOC.dateTime(d.effectiveDueAt)), IOC.el('td', null, IOC.dateTime(d.endAt)))));
    } catch (e) {
      IOC.text('total', IOC.t('error.load') + ': ' + e.message);
    }
  }
  $('searchForm').addEventListener('submit', e => { e.preventDefault(); offset = 0; search(); });
  $('prev').addEventListener('click', () => { if (offset > 0) { offset = Math.max(0, offset - limit); search(); } });
  $('next').addEventListener('click', () => { if (offset + limit < lastTotal) { offset += limit; search(); } });

  async function runSql() {
    $('sqlError').hidden = true;
    IOC.text('sqlInfo', '…');
    const r = await fetch('/api/sql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify({ sql: $('sql').value }) });
    const body = await r.json();
    if (!r.ok) {
      $('sqlError').hidden = false;
      $('sqlError').textContent = body.error || ('HTTP ' + r.status);
      IOC.text('sqlInfo', '');
      $('sqlResult').tHead.replaceChildren();
      $('sqlResult').tBodies[0].replaceChildren();
      return;
    }
    IOC.text('sqlInfo', IOC.int(body.rowCount) + ' ' + IOC.t('analyst.rows') + ' · ' + body.elapsedMs + ' ms' + (body.truncated ? ' · ' + IOC.t('analyst.truncated') : ''));
    $('sqlResult').tHead.replaceChildren(IOC.el('tr', null, ...body.columns.map(c => IOC.el('th', { title: c.type }, c.name))));
    $('sqlResult').tBodies[0].replaceChildren(...body.rows.slice(0, 2000).map(row => IOC.el('tr', null,
      ...row.map(v => IOC.el('td', { class: typeof v === 'number' ? 'num' : null }, v == null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v))))));
  }
  $('runSql').addEventListener('click', runSql);
  $('sql').addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) runSql(); });

  let schemaLoaded = false;
  async function loadSchema() {
    if (schemaLoaded) return;
    schemaLoaded = true;
    const s = await IOC.json('/api/schema');
    if (s.jdbcUrl) IOC.text('jdbcUrl', s.jdbcUrl);
    $('schema').replaceChildren(...Object.entries(s.tables).map(([table, cols]) => IOC.el('div', null,
      IOC.el('h2', null, s.database + '.' + table),
      IOC.el('table', null, IOC.el('tbody', null, ...cols.map(c => IOC.el('tr', null, IOC.el('td', null, IOC.el('code', null, c.name)), IOC.el('td', null, IOC.el('code', null, c.type)), IOC.el('td', null, c.comment))))))));
  }

  async function init() {
    await IOC.nav();
    const units = await IOC.json('/api/units');
    $('unit').append(...units.map(u => IOC.el('option', { value: u.code }, u.name)));
    search();
  }
  init();
})();
