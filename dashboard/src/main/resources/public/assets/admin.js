// Administration, read-only: users (never their hashes), wall screens, rejected events, catalogs.
(async function () {
  const $ = id => document.getElementById(id);
  await IOC.nav();
  const [users, dead, catalog] = await Promise.all([IOC.json('/api/admin/users'), IOC.json('/api/admin/dead-letters'), IOC.json('/api/admin/catalog')]);
  $('users').tBodies[0].replaceChildren(...users.users.map(u => IOC.el('tr', null, IOC.el('td', null, u.username), IOC.el('td', null, u.role),
    IOC.el('td', null, u.unitCode ? u.unitName + ' (' + u.unitCode + ')' : '—'))));
  $('walls').replaceChildren(...users.wallScreens.map(w => IOC.el('li', null, w)));
  $('reasons').tBodies[0].replaceChildren(...Object.entries(dead.byReason).map(([k, n]) => IOC.el('tr', null, IOC.el('td', null, k), IOC.el('td', { class: 'num' }, IOC.int(n)))));
  IOC.text('replay', dead.replayCommand);
  $('deadLetters').tBodies[0].replaceChildren(...dead.newest.map(d => IOC.el('tr', null, IOC.el('td', null, IOC.dateTime(d.receivedAt)),
    IOC.el('td', null, d.source), IOC.el('td', null, d.reasonCode + ': ' + d.reason), IOC.el('td', null, IOC.el('code', null, d.raw)))));
  IOC.text('catalogCounts', catalog.units.length + ' đơn vị · ' + catalog.procedures.length + ' thủ tục · ' + catalog.calendar.length + ' ngày lịch đặc biệt');
  $('unitsTable').tBodies[0].replaceChildren(...catalog.units.map(u => IOC.el('tr', null, IOC.el('td', null, u.code), IOC.el('td', null, u.name),
    IOC.el('td', null, u.level), IOC.el('td', null, u.parentCode || ''), IOC.el('td', null, (u.validFrom || '…') + ' → ' + (u.validTo || '…')), IOC.el('td', null, u.successorCode || ''))));
})();
