// Administration: users (create, edit, disable or enable, reset a password), rejected events and their
// replay, catalogs (those in effect, download, upload a replacement). Writes go through IOC.send; the
// server takes them only from this site's own pages (it checks their origin).
(async function () {
  const $ = id => document.getElementById(id);
  const CATALOG_FILES = ['units.csv', 'procedures.csv', 'calendar.csv'];
  const FIELD_INPUTS = { username: 'uUsername', displayName: 'uDisplayName', role: 'uRole', unitCode: 'uUnit', password: 'uPassword' };
  const me = await IOC.nav();
  let users = null;
  let dead = null;
  let catalog = null;
  let lastReplay = null;
  let formMode = null; // create | edit | password
  let formUser = null;

  /** A refusal in the reader's language: the page's own words for a known code, else the server's message. */
  function refusal(res) {
    const body = res.body || {};
    if (IOC.lang() === 'en' || !body.code) return body.error || ('HTTP ' + res.status);
    if (body.code === 'INVALID_CATALOG') {
      return IOC.t('err.INVALID_CATALOG') + ' ' + body.file + (body.line ? ', ' + IOC.t('admin.line') + ' ' + body.line : '')
        + (body.column ? ', ' + IOC.t('admin.column') + ' ' + body.column : '') + ': ' + (body.problem || body.error);
    }
    const key = 'err.' + body.code;
    const own = IOC.t(key);
    return own === key ? body.error : own + (body.code === 'UNITS_OF_USERS_MISSING' ? ' ' + body.users.join(', ') : '');
  }
  function show(el, text, isError) {
    el.hidden = !text;
    el.textContent = text || '';
    el.className = isError ? 'error' : 'ok';
  }
  function unavailable(el, availability) {
    el.hidden = availability.available;
    if (!availability.available) {
      const key = 'unavailable.' + availability.code;
      el.textContent = IOC.lang() === 'en' || IOC.t(key) === key ? availability.reason : IOC.t(key);
    }
  }
  function unitLabel(code) {
    const u = catalog && catalog.units.find(x => x.code === code);
    return u ? u.name + ' (' + code + ')' : code;
  }

  // ---- Users ----
  async function loadUsers() {
    users = await IOC.json('/api/admin/users');
    renderUsers();
  }
  function renderUsers() {
    if (!users) return;
    IOC.text('usersFile', users.file || '—');
    unavailable($('usersUnavailable'), users.editing);
    $('newUser').disabled = !users.editing.available;
    const editable = users.editing.available;
    $('users').tBodies[0].replaceChildren(...users.users.map(u => IOC.el('tr', { 'data-username': u.username, class: u.enabled ? null : 'disabled' },
      IOC.el('td', null, u.username), IOC.el('td', null, u.displayName || '—'), IOC.el('td', null, IOC.t('role.' + u.role)),
      IOC.el('td', null, u.unitCode ? (u.unitName || '?') + ' (' + u.unitCode + ')' : '—'),
      IOC.el('td', null, IOC.el('span', { class: 'tag ' + (u.enabled ? 'ON_TIME' : 'LATE') }, IOC.t(u.enabled ? 'admin.enabled' : 'admin.disabled'))),
      IOC.el('td', { class: 'actions' }, !editable ? '' : IOC.el('span', null,
        IOC.el('button', { type: 'button', class: 'secondary', 'data-action': 'edit', onclick: () => openForm('edit', u) }, IOC.t('admin.edit')),
        IOC.el('button', { type: 'button', class: 'secondary', 'data-action': 'toggle', onclick: () => setEnabled(u, !u.enabled) },
          IOC.t(u.enabled ? 'admin.disable' : 'admin.enable')),
        IOC.el('button', { type: 'button', class: 'secondary', 'data-action': 'password', onclick: () => openForm('password', u) }, IOC.t('admin.resetPassword')))))));
    $('walls').replaceChildren(...users.wallScreens.map(w => IOC.el('li', null, w)));
  }
  function fillUnits() {
    $('uUnit').replaceChildren(IOC.el('option', { value: '' }, '—'),
      ...catalog.units.filter(u => !u.validTo).map(u => IOC.el('option', { value: u.code }, u.name + ' (' + u.code + ')')));
  }
  function openForm(mode, user) {
    formMode = mode;
    formUser = user || null;
    $('userForm').hidden = false;
    show($('userMessage'), '');
    $('userForm').querySelectorAll('[data-mode]').forEach(e => { e.hidden = !e.dataset.mode.split(' ').includes(mode); });
    $('uUsername').value = user ? user.username : '';
    $('uUsername').readOnly = mode !== 'create';
    $('uDisplayName').value = user && user.displayName ? user.displayName : '';
    $('uRole').value = user ? user.role : 'LEADER';
    if (user && user.unitCode && ![...$('uUnit').options].some(o => o.value === user.unitCode)) {
      $('uUnit').append(IOC.el('option', { value: user.unitCode }, unitLabel(user.unitCode)));
    }
    $('uUnit').value = user && user.unitCode ? user.unitCode : '';
    $('uPassword').value = '';
    showUnit();
    titleForm();
    clearFormError();
    (mode === 'create' ? $('uUsername') : mode === 'edit' ? $('uDisplayName') : $('uPassword')).focus();
  }
  function titleForm() {
    if (formMode) IOC.text('userFormTitle', IOC.t('admin.form.' + formMode) + (formUser ? ' — ' + formUser.username : ''));
  }
  function showUnit() {
    $('uUnitLabel').hidden = formMode === 'password' || $('uRole').value !== 'DEPARTMENT_HEAD';
  }
  function clearFormError() {
    show($('userFormError'), '');
    Object.values(FIELD_INPUTS).forEach(id => $(id).classList.remove('invalid'));
  }
  function closeForm() {
    $('userForm').hidden = true;
    formMode = null;
    formUser = null;
  }
  async function saveForm(e) {
    e.preventDefault();
    clearFormError();
    const role = $('uRole').value;
    const unitCode = role === 'DEPARTMENT_HEAD' ? $('uUnit').value || null : null;
    const username = $('uUsername').value.trim();
    let res;
    if (formMode === 'create') {
      res = await IOC.send('POST', '/api/admin/users', { username, displayName: $('uDisplayName').value, role, unitCode, password: $('uPassword').value });
    } else if (formMode === 'edit') {
      res = await IOC.send('PUT', '/api/admin/users/' + encodeURIComponent(username), { displayName: $('uDisplayName').value, role, unitCode });
    } else {
      res = await IOC.send('POST', '/api/admin/users/' + encodeURIComponent(username) + '/password', { password: $('uPassword').value });
    }
    if (!res.ok) {
      show($('userFormError'), refusal(res), true);
      const field = res.body && FIELD_INPUTS[res.body.field];
      if (field) $(field).classList.add('invalid');
      return;
    }
    const saved = formMode;
    closeForm();
    afterChange(res.body, 'admin.saved.' + saved);
  }
  async function setEnabled(user, enabled) {
    const res = await IOC.send('PUT', '/api/admin/users/' + encodeURIComponent(user.username), { enabled });
    if (!res.ok) {
      show($('userMessage'), refusal(res), true);
      return;
    }
    afterChange(res.body, enabled ? 'admin.saved.enabled' : 'admin.saved.disabled');
  }
  async function afterChange(body, messageKey) {
    if (me && body.user.username === me.name && body.sessionsEnded > 0) {
      location.href = '/login'; // the change ended this very session
      return;
    }
    show($('userMessage'), IOC.t(messageKey) + ': ' + body.user.username
      + (body.sessionsEnded > 0 ? ' · ' + IOC.t('admin.sessionsEnded') + ' ' + body.sessionsEnded : ''));
    await loadUsers();
  }
  function randomPassword() {
    const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return [...bytes].map(b => alphabet[b % alphabet.length]).join('');
  }
  $('newUser').addEventListener('click', () => openForm('create'));
  $('userCancel').addEventListener('click', closeForm);
  $('userForm').addEventListener('submit', saveForm);
  $('uRole').addEventListener('change', showUnit);
  $('uGenerate').addEventListener('click', () => { $('uPassword').value = randomPassword(); });

  // ---- Rejected events ----
  async function loadDeadLetters() {
    dead = await IOC.json('/api/admin/dead-letters?limit=200' + ($('pendingOnly').checked ? '&pending=true' : ''));
    renderDeadLetters();
  }
  function renderDeadLetters() {
    if (!dead) return;
    const canReplay = dead.replay.available;
    unavailable($('replayUnavailable'), dead.replay);
    $('replayCatalogNote').hidden = !dead.catalogsChangedSinceStart;
    const none = columns => [IOC.el('tr', null, IOC.el('td', { colspan: columns, class: 'muted' }, IOC.t('admin.noDeadLetters')))];
    $('reasons').tBodies[0].replaceChildren(...Object.keys(dead.byReason).length === 0 ? none(4) : Object.entries(dead.byReason).map(([code, n]) => IOC.el('tr', { 'data-reason': code },
      IOC.el('td', null, code), IOC.el('td', { class: 'num' }, IOC.int(n.total)), IOC.el('td', { class: 'num' }, IOC.int(n.pending)),
      IOC.el('td', null, canReplay && n.replayable > 0 ? IOC.el('button', { type: 'button', class: 'secondary', 'data-action': 'replay-reason',
        onclick: () => replay({ reasonCode: code }) }, IOC.t('admin.replayReason') + ' (' + IOC.int(n.replayable) + ')') : ''))));
    $('deadLetters').tBodies[0].replaceChildren(...dead.newest.length === 0 ? none(6) : dead.newest.map(d => IOC.el('tr', { 'data-id': d.id },
      IOC.el('td', null, canReplay && d.replayable ? IOC.el('input', { type: 'checkbox', value: d.id, onchange: selectionChanged }) : ''),
      IOC.el('td', null, IOC.dateTime(d.receivedAt)), IOC.el('td', null, d.source), IOC.el('td', null, d.reasonCode + ': ' + d.reason),
      IOC.el('td', null, IOC.t(d.replayed ? 'admin.replayed' : d.replayable ? 'admin.pendingState' : 'admin.notReplayable')),
      IOC.el('td', null, IOC.el('code', null, d.raw)))));
    selectionChanged();
    renderReplayResult();
  }
  function selectedIds() {
    return [...$('deadLetters').querySelectorAll('input[type=checkbox]:checked')].map(c => c.value);
  }
  function selectionChanged() {
    $('replaySelected').disabled = !dead || !dead.replay.available || selectedIds().length === 0;
  }
  async function replay(request) {
    show($('replayError'), '');
    $('replayResult').hidden = false;
    $('replayResult').textContent = IOC.t('admin.replaying');
    document.querySelectorAll('#deadLettersSection button').forEach(b => { b.disabled = true; });
    const res = await IOC.send('POST', '/api/admin/dead-letters/replay', request);
    if (!res.ok) {
      $('replayResult').hidden = true;
      show($('replayError'), refusal(res), true);
    } else {
      lastReplay = res.body;
    }
    await loadDeadLetters();
  }
  function renderReplayResult() {
    if (!lastReplay) return;
    const r = lastReplay;
    const rejected = Object.entries(r.stillRejected).map(([code, n]) => code + ': ' + IOC.int(n)).join(', ');
    const facts = [
      ['admin.result.replayed', IOC.int(r.replayed)],
      ['admin.result.stillRejected', IOC.int(r.stillRejectedTotal) + (rejected ? ' (' + rejected + ')' : '')],
      ['admin.result.already', IOC.int(r.alreadyReplayed)],
      ['admin.result.snapshots', IOC.int(r.snapshotsSkipped)],
      ['admin.result.notFound', IOC.int(r.notFound.length)],
      ['admin.result.notStored', IOC.int(r.notStored)]];
    $('replayResult').hidden = false;
    $('replayResult').replaceChildren(...[IOC.el('h3', null, IOC.t('admin.result.title')),
      IOC.el('dl', { class: 'facts', id: 'replayFacts' }, ...facts.flatMap(([k, v]) => [IOC.el('dt', null, IOC.t(k)), IOC.el('dd', { 'data-fact': k }, v)])),
      r.stillRejectedTotal > 0 && r.catalogsChangedSinceStart ? IOC.el('p', { class: 'notice' }, IOC.t('admin.replayCatalogNote')) : null,
      IOC.el('p', { class: 'muted' }, IOC.t('admin.result.note'))].filter(Boolean));
  }
  $('pendingOnly').addEventListener('change', loadDeadLetters);
  $('replaySelected').addEventListener('click', () => replay({ ids: selectedIds() }));

  // ---- Catalogs ----
  async function loadCatalog() {
    catalog = await IOC.json('/api/admin/catalog');
    renderCatalog();
  }
  function renderCatalog() {
    if (!catalog) return;
    IOC.text('catalogDir', catalog.directory || IOC.t('admin.builtInCatalog'));
    unavailable($('uploadUnavailable'), catalog.uploads);
    $('catalogFiles').tBodies[0].replaceChildren(...CATALOG_FILES.map(name => {
      const f = catalog.files.find(x => x.name === name);
      const input = IOC.el('input', { type: 'file', accept: '.csv,text/csv', id: 'upload-' + name, 'data-file': name });
      const button = IOC.el('button', { type: 'button', class: 'secondary', 'data-upload': name, onclick: () => upload(name, input) }, IOC.t('admin.upload'));
      input.disabled = button.disabled = !catalog.uploads.available;
      return IOC.el('tr', { 'data-file': name },
        IOC.el('td', null, IOC.el('code', null, name)),
        IOC.el('td', { class: 'num' }, f && f.bytes >= 0 ? IOC.int(f.bytes) + ' B' : '—'),
        IOC.el('td', null, f && f.modifiedAt ? IOC.dateTime(f.modifiedAt) : '—'),
        IOC.el('td', null, !f ? IOC.t('admin.builtIn') : f.changedSinceStart
          ? IOC.el('span', { class: 'tag AT_RISK' }, IOC.t('admin.pendingRestart')) : IOC.el('span', { class: 'tag ON_TIME' }, IOC.t('admin.inEffect'))),
        IOC.el('td', null, IOC.el('a', { href: '/api/admin/catalog/' + name, download: name }, IOC.t('admin.download'))),
        IOC.el('td', null, input, ' ', button));
    }));
    IOC.text('catalogCounts', IOC.int(catalog.units.length) + ' ' + IOC.t('admin.unitsCount') + ' · ' + IOC.int(catalog.procedures.length) + ' '
      + IOC.t('admin.proceduresCount') + ' · ' + IOC.int(catalog.calendar.length) + ' ' + IOC.t('admin.calendarCount'));
    $('unitsTable').tBodies[0].replaceChildren(...catalog.units.map(u => IOC.el('tr', null, IOC.el('td', null, u.code), IOC.el('td', null, u.name),
      IOC.el('td', null, u.level), IOC.el('td', null, u.parentCode || ''), IOC.el('td', null, (u.validFrom || '…') + ' → ' + (u.validTo || '…')),
      IOC.el('td', null, u.successorCode || ''))));
    $('proceduresTable').tBodies[0].replaceChildren(...catalog.procedures.map(p => IOC.el('tr', null, IOC.el('td', null, p.code), IOC.el('td', null, p.name),
      IOC.el('td', null, p.field || ''), IOC.el('td', { class: 'num' }, p.statutoryWorkingDays), IOC.el('td', null, IOC.t(p.feeRequired ? 'admin.yes' : 'admin.no')),
      IOC.el('td', null, p.onlineLevel))));
    $('calendarTable').tBodies[0].replaceChildren(...catalog.calendar.map(d => IOC.el('tr', null, IOC.el('td', null, d.date),
      IOC.el('td', null, IOC.t('calendar.' + d.kind)), IOC.el('td', null, d.name))));
  }
  async function upload(name, input) {
    show($('catalogMessage'), '');
    show($('catalogError'), '');
    const file = input.files[0];
    if (!file) {
      show($('catalogError'), IOC.t('admin.chooseFile'), true);
      return;
    }
    const res = await IOC.send('PUT', '/api/admin/catalog/' + name, await file.arrayBuffer(), 'text/csv');
    if (!res.ok) {
      show($('catalogError'), refusal(res), true);
      return;
    }
    show($('catalogMessage'), IOC.t('admin.catalogSaved') + ': ' + name + ' (' + IOC.int(res.body.rows) + ' ' + IOC.t('admin.rows') + '). '
      + IOC.t('admin.catalogAfterRestart'));
    input.value = '';
    await loadCatalog();
    await loadDeadLetters();
  }

  IOC.onLang(() => { renderUsers(); renderDeadLetters(); renderCatalog(); titleForm(); });
  try {
    await loadCatalog();
    fillUnits();
    await Promise.all([loadUsers(), loadDeadLetters()]);
  } catch (e) {
    document.querySelector('main').prepend(IOC.el('p', { class: 'error' }, IOC.t('error.load') + ': ' + e.message));
  }
})();
