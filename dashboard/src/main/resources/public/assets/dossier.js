// One dossier: its state and the timeline of its events in order of time, with the alerts it raised.
(function () {
  const id = new URLSearchParams(location.search).get('id');
  const $ = x => document.getElementById(x);
  let data = null;

  const DETAIL_FIELDS = ['procedureCode', 'channel', 'dueAt', 'newDueAt', 'toUnitCode', 'online', 'rating', 'electronicResult', 'byPost', 'feeRequired', 'digitized', 'reusedData'];

  async function load() {
    await IOC.nav();
    IOC.text('dossierId', id || '—');
    if (!id) return;
    try {
      data = await IOC.json('/api/dossiers/' + encodeURIComponent(id));
      draw();
    } catch (e) {
      $('error').hidden = false;
      $('error').textContent = e.status === 404 ? IOC.t('dossier.notFound') : IOC.t('error.load') + ': ' + e.message;
    }
  }

  function draw() {
    const d = data.dossier;
    const facts = [
      [IOC.t('report.status'), IOC.el('span', { class: 'tag ' + d.state }, IOC.t('state.' + d.state))],
      [IOC.t('report.unit'), d.unitName + ' (' + d.unitCode + ')' + (d.currentUnitCode && d.currentUnitCode !== d.unitCode ? ' → ' + d.currentUnitCode : '')],
      [IOC.t('report.procedure'), d.procedureCode + ' — ' + d.procedureName],
      [IOC.t('analyst.channel'), d.channel ? IOC.t('channel.' + d.channel) : '—'],
      [IOC.t('report.receivedAt'), IOC.dateTime(d.receivedAt)],
      [IOC.t('report.dueAt'), IOC.dateTime(d.dueAt) + (d.effectiveDueAt && d.effectiveDueAt !== d.dueAt ? ' → ' + IOC.dateTime(d.effectiveDueAt) : '')],
      [IOC.t('report.endAt'), IOC.dateTime(d.endAt)],
      [IOC.t('dossier.supplements'), String(d.supplementRequests)],
      [IOC.t('dossier.apology'), IOC.dateTime(d.apologyAt) + (d.newDueAt ? ' → ' + IOC.dateTime(d.newDueAt) : '')],
      [IOC.t('dossier.ratings'), d.ratings.join(', ') || '—']
    ];
    $('facts').replaceChildren(...facts.flatMap(([k, v]) => [IOC.el('dt', null, k), IOC.el('dd', null, v)]));
    $('timeline').replaceChildren(...data.timeline.map(e => {
      const details = DETAIL_FIELDS.filter(f => e.payload && e.payload[f] != null).map(f => f + ': ' + e.payload[f]).join(' · ');
      return IOC.el('li', { 'data-type': e.type }, IOC.el('div', { class: 'when' }, IOC.dateTime(e.at) + ' · ' + e.unitCode),
        IOC.el('strong', null, IOC.t('event.' + e.type)), details ? IOC.el('div', { class: 'muted' }, details) : null);
    }));
    $('alerts').tBodies[0].replaceChildren(...data.alerts.map(a => IOC.el('tr', null,
      IOC.el('td', null, IOC.el('span', { class: 'tag ' + a.kind }, IOC.t('alert.' + a.kind))),
      IOC.el('td', null, IOC.dateTime(a.raisedAt)), IOC.el('td', null, IOC.dateTime(a.resolvedAt)), IOC.el('td', null, IOC.dateTime(a.dueAt)))));
  }

  IOC.onLang(() => data && draw());
  load();
})();
