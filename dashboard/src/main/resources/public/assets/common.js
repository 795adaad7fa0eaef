// Shared by every page: the API with the wall token carried along, formats in the province's time zone,
// and the navigation a signed-in person sees.
(function () {
  const zone = 'Asia/Ho_Chi_Minh';
  const params = new URLSearchParams(location.search);
  const token = params.get('token');

  function withToken(url) {
    if (!token) return url;
    return url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  }
  async function json(url) {
    const r = await fetch(withToken(url), { cache: 'no-store', credentials: 'same-origin' });
    if (r.status === 401 && !token) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); }
    if (!r.ok) {
      let message = 'HTTP ' + r.status;
      try { message = (await r.json()).error || message; } catch (e) { /* not JSON */ }
      const err = new Error(message);
      err.status = r.status;
      throw err;
    }
    return r.json();
  }
  /**
   * A write (POST, PUT): a JSON body, or another body with its content type (a CSV file). Answers
   * {ok, status, body} rather than throwing, so that a page can show a refusal next to the form. The
   * browser adds this page's Origin, which the server requires of administration writes.
   */
  async function send(method, url, body, contentType) {
    const json = contentType == null;
    const r = await fetch(url, { method, cache: 'no-store', credentials: 'same-origin',
      headers: { 'Content-Type': json ? 'application/json' : contentType }, body: json ? JSON.stringify(body) : body });
    if (r.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); }
    let answer = null;
    try { answer = await r.json(); } catch (e) { /* not JSON */ }
    return { ok: r.ok, status: r.status, body: answer };
  }
  const nf = () => new Intl.NumberFormat(IOC.locale());
  function int(v) { return v == null ? '—' : nf().format(v); }
  function pct(v, digits) {
    if (v == null) return '—';
    return new Intl.NumberFormat(IOC.locale(), { style: 'percent', minimumFractionDigits: digits ?? 1, maximumFractionDigits: digits ?? 1 }).format(v);
  }
  function num(v, digits) {
    return v == null ? '—' : new Intl.NumberFormat(IOC.locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  }
  /** dd/mm/yyyy and HH:mm in the province's time zone, the way Vietnamese documents write them. */
  function parts(iso) {
    const p = {};
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(new Date(iso)).forEach(x => { p[x.type] = x.value; });
    return p;
  }
  function dateTime(iso) {
    if (!iso) return '—';
    const p = parts(iso);
    return p.day + '/' + p.month + '/' + p.year + ' ' + p.hour + ':' + p.minute;
  }
  function dateOnly(iso) {
    if (!iso) return '—';
    const p = parts(iso);
    return p.day + '/' + p.month + '/' + p.year;
  }
  /** The province's local date (YYYY-MM-DD) of an instant. */
  function localDate(iso) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  }
  function addDays(ymd, n) {
    const d = new Date(ymd + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().substring(0, 10);
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null) continue;
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.substring(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  function text(id, value) { const e = document.getElementById(id); if (e) e.textContent = value; }
  function gradeLabel(g) { return g ? IOC.t('grade.' + g) : '—'; }

  /** The navigation bar from /api/me: only the pages this person may open. */
  async function nav() {
    const bar = document.getElementById('nav');
    if (!bar) return null;
    try {
      const me = await json('/api/me');
      const links = [];
      if (me.allUnits) links.push(['/', 'nav.wall']);
      links.push([me.homeUnit ? '/report?unit=' + encodeURIComponent(me.homeUnit) : '/report', 'nav.report']);
      if (me.sql) links.push(['/analyst', 'nav.analyst']);
      if (me.admin) links.push(['/admin', 'nav.admin']);
      bar.replaceChildren(...links.map(([href, key]) => el('a', { href, 'data-i18n': key }, IOC.t(key))),
        el('span', { class: 'who' }, (me.displayName || me.name) + ' · ' + me.role),
        el('form', { method: 'post', action: '/logout', class: 'logout' }, el('button', { type: 'submit', 'data-i18n': 'nav.logout' }, IOC.t('nav.logout'))),
        el('button', { type: 'button', 'data-lang-switch': '', 'data-i18n': 'lang.switch', onclick: () => IOC.setLang(IOC.lang() === 'vi' ? 'en' : 'vi') }, IOC.t('lang.switch')));
      return me;
    } catch (e) {
      return null;
    }
  }
  window.IOC = Object.assign(window.IOC || {}, { json, send, withToken, token, int, pct, num, dateTime, dateOnly, localDate, addDays, el, text, gradeLabel, nav, zone });
})();
