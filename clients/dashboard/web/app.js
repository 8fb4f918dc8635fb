// The live oversight dashboard. Plain JavaScript, no build step: the data
// comes from the gateway's JSON endpoints and its Server-Sent Events feed.
'use strict';

// State the end-to-end test reads (tests/dashboard); also handy in a console.
const dashboard = {
  shown: new Set(),       // alert sequences on the page
  duplicates: 0,          // alerts received twice (must stay 0)
  lastSequence: 0,
  upstream: 'connecting', // oversightd as the gateway sees it
  gatewayConnected: false,
  providers: [],
  outages: 0,             // times the page showed a lost connection
  sequences() { return [...this.shown].sort((a, b) => a - b); },
};
window.dashboard = dashboard;

const MAX_ALERTS_SHOWN = 500;
const $ = id => document.getElementById(id);

// ---------------------------------------------------------------- formatting
const ENUM_PREFIXES = ['RATING_', 'REGION_', 'ALERT_SEVERITY_', 'ALERT_KIND_', 'BAND_',
                       'PROVIDER_KIND_', 'OWNERSHIP_', 'COMPANY_STATUS_'];
function enumWord(value) {
  if (value === undefined || value === null) return '';
  let text = String(value);
  for (const p of ENUM_PREFIXES) if (text.startsWith(p)) { text = text.slice(p.length); break; }
  return text.toLowerCase().replace(/_/g, ' ');
}
const REGION_NAMES = {
  REGION_NORTH_EAST: 'North East', REGION_NORTH_WEST: 'North West',
  REGION_YORKSHIRE_AND_THE_HUMBER: 'Yorkshire and the Humber', REGION_EAST_MIDLANDS: 'East Midlands',
  REGION_WEST_MIDLANDS: 'West Midlands', REGION_EAST_OF_ENGLAND: 'East of England',
  REGION_LONDON: 'London', REGION_SOUTH_EAST: 'South East', REGION_SOUTH_WEST: 'South West',
};
const regionName = value => REGION_NAMES[value] || enumWord(value);
const present = v => v !== undefined && v !== null && v !== '' && isFinite(Number(v));
const num = (v, digits = 2) => present(v) ? Number(v).toFixed(digits) : '–';
const times = v => present(v) ? `${Number(v).toFixed(1)}×` : '–';
// Net debt / EBITDA below zero means net cash (the ratio is only given for
// positive EBITDA).
const leverageText = v => present(v) && Number(v) < 0 ? 'net cash' : times(v);
const pct = (v, digits = 1) => present(v) ? `${(Number(v) * 100).toFixed(digits)}%` : '–';
const pounds = v => {
  if (!present(v)) return '–';
  const n = Number(v), a = Math.abs(n);
  const s = a >= 1e6 ? `£${(a / 1e6).toFixed(1)}m` : a >= 1e3 ? `£${(a / 1e3).toFixed(0)}k` : `£${a.toFixed(0)}`;
  return n < 0 ? `−${s}` : s;
};
const int = v => present(v) ? Number(v).toLocaleString('en-GB') : '–';

function node(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
function ratingBadge(rating) {
  const word = enumWord(rating) || 'not scored';
  const cls = ['green', 'amber', 'red', 'black'].includes(word) ? word : 'none';
  return node('span', `rating rating-${cls}`, word);
}

async function getJson(path) {
  const response = await fetch(path, {credentials: 'same-origin', cache: 'no-store'});
  if (response.status === 401) { window.location.assign('/login'); throw new Error('login expired'); }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

// ---------------------------------------------------------------- banner
let bannerTimer = null;
function showBanner(kind, text) {
  const b = $('banner');
  clearTimeout(bannerTimer);
  b.className = `banner ${kind}`;
  b.textContent = text;
  b.hidden = false;
  if (kind === 'back') bannerTimer = setTimeout(() => { b.hidden = true; }, 15000);
}
let lostSince = null;
function connectionChanged() {
  const ok = dashboard.gatewayConnected && dashboard.upstream === 'up';
  const pill = $('upstream-state');
  const state = !dashboard.gatewayConnected ? 'down' : dashboard.upstream;
  pill.className = `state state-${state === 'up' ? 'up' : state === 'down' ? 'down' : 'connecting'}`;
  pill.textContent = !dashboard.gatewayConnected ? 'offline' : dashboard.upstream === 'up' ? 'live' : dashboard.upstream;
  if (!ok && dashboard.upstream !== 'connecting') {
    if (lostSince === null) { lostSince = new Date(); dashboard.outages++; }
    const who = dashboard.gatewayConnected ? 'the oversight server' : 'the dashboard gateway';
    showBanner('lost', `Connection to ${who} lost since ${lostSince.toLocaleTimeString('en-GB')}: ` +
               `retrying. Figures may be out of date; alerts will resume after #${dashboard.lastSequence}.`);
  } else if (ok && lostSince !== null) {
    showBanner('back', `Connection restored at ${new Date().toLocaleTimeString('en-GB')} ` +
               `(lost at ${lostSince.toLocaleTimeString('en-GB')}); missed alerts have been replayed.`);
    lostSince = null;
    refreshSoon(0);
  }
}

// ---------------------------------------------------------------- alerts
function addAlert(alert) {
  const seq = Number(alert.sequence);
  if (dashboard.shown.has(seq)) { dashboard.duplicates++; return; }
  dashboard.shown.add(seq);
  dashboard.lastSequence = Math.max(dashboard.lastSequence, seq);
  $('last-sequence').textContent = `#${dashboard.lastSequence}`;
  $('alerts-empty').hidden = true;
  const severity = enumWord(alert.severity) || 'info';
  const li = node('li', `sev-${severity.replace(/ /g, '-')} fresh`);
  li.dataset.sequence = String(seq);
  li.dataset.provider = alert.provider_id;
  const head = node('div', 'alert-head');
  head.append(node('span', 'alert-seq', `#${seq}`), node('span', 'sev', severity),
              node('span', 'alert-title', alert.title || enumWord(alert.kind)));
  const detail = node('div', 'alert-detail',
                      `${alert.provider_id} · ${enumWord(alert.kind)} · as of ${alert.as_of}` +
                      (alert.detail ? ` · ${alert.detail}` : ''));
  li.append(head, detail);
  li.addEventListener('click', () => openDetail(alert.provider_id));
  // Newest first: place before the first shown alert with a lower sequence.
  const list = $('alerts');
  let before = null;
  for (const other of list.children) {
    if (Number(other.dataset.sequence) < seq) { before = other; break; }
  }
  list.insertBefore(li, before);
  while (list.children.length > MAX_ALERTS_SHOWN) list.lastElementChild.remove();
  setTimeout(() => li.classList.remove('fresh'), 3000);
}

let events = null;
let reopenTimer = null;
function openEvents() {
  // EventSource reconnects by itself and sends Last-Event-ID; when it gives up
  // (the gateway restarted and refused, say) we reopen from our last sequence.
  const url = dashboard.lastSequence > 0 ? `/api/events?after=${dashboard.lastSequence}` : '/api/events';
  events = new EventSource(url);
  events.addEventListener('open', () => { dashboard.gatewayConnected = true; connectionChanged(); });
  events.addEventListener('alert', e => { addAlert(JSON.parse(e.data)); refreshSoon(1500); });
  events.addEventListener('status', e => {
    const s = JSON.parse(e.data);
    dashboard.gatewayConnected = true;
    dashboard.upstream = s.upstream;
    dashboard.upstreamDetail = s.detail;
    $('upstream-state').title = s.detail;
    connectionChanged();
  });
  events.addEventListener('error', () => {
    dashboard.gatewayConnected = false;
    connectionChanged();
    if (events.readyState === EventSource.CLOSED) {
      clearTimeout(reopenTimer);
      reopenTimer = setTimeout(async () => {
        try { await getJson('/api/status'); } catch (e) { /* still down, or logged out */ }
        openEvents();
      }, 3000);
    }
  });
}

// ---------------------------------------------------------------- providers
function renderProviders(list) {
  dashboard.providers = list;
  const body = $('providers').tBodies[0];
  body.replaceChildren();
  let asOf = '';
  for (const p of list) {
    const tr = node('tr');
    tr.tabIndex = 0;
    tr.dataset.provider = p.provider_id;
    const name = node('td', 'name');
    name.append(document.createTextNode(p.name), node('span', 'id', p.provider_id));
    const rating = node('td');
    rating.append(ratingBadge(p.rating));
    // A rating resting on too little data (filleted accounts, no model
    // computable) says so in the list, not only in the explanation.
    if (p.insufficient_data) rating.append(node('span', 'insufficient', 'insufficient data'));
    const cover = node('td', 'num', times(p.interest_cover));
    if (present(p.interest_cover) && Number(p.interest_cover) < 1.5) cover.classList.add('bad');
    const leverage = node('td', 'num', leverageText(p.net_debt_to_ebitda));
    if (present(p.net_debt_to_ebitda) && Number(p.net_debt_to_ebitda) > 6) leverage.classList.add('bad');
    tr.append(node('td', 'num', p.rank || '–'), name, rating, node('td', 'num', num(p.score, 1)),
              node('td', 'num', pct(p.pd_one_year)), leverage, cover,
              node('td', 'num', pct(p.operating_margin)), node('td', 'num', int(p.children_placed)));
    tr.addEventListener('click', () => openDetail(p.provider_id));
    tr.addEventListener('keydown', e => { if (e.key === 'Enter') openDetail(p.provider_id); });
    body.append(tr);
    if (p.as_of && p.as_of > asOf) asOf = p.as_of;
  }
  $('as-of').textContent = asOf || '–';
  const counts = {};
  for (const p of list) counts[enumWord(p.rating)] = (counts[enumWord(p.rating)] || 0) + 1;
  $('providers-note').textContent = `${list.length} providers: ` +
      ['black', 'red', 'amber', 'green'].map(r => `${counts[r] || 0} ${r}`).join(', ') +
      `. Updated ${new Date().toLocaleTimeString('en-GB')}.`;
}

async function loadProviders() {
  try {
    renderProviders((await getJson('/api/providers')).providers);
  } catch (e) {
    $('providers-note').textContent = `Could not refresh the providers (${e.message}); showing the last figures.`;
  }
}

// ---------------------------------------------------------------- regions
function renderRegions(regions) {
  const grid = $('regions');
  grid.replaceChildren();
  for (const r of regions) {
    const c = r.concentration;
    const box = node('div', 'region');
    box.dataset.region = r.region;
    // US DoJ/FTC Horizontal Merger Guidelines (2010) bands, used by the CMA
    // too: above 2,500 highly concentrated, 1,500-2,500 moderately.
    if (c && c.hhi > 2500) box.classList.add('hhi-high');
    else if (c && c.hhi > 1500) box.classList.add('hhi-moderate');
    box.append(node('h3', '', regionName(r.region)));
    const figures = node('div', 'figures');
    const fig = (label, value) => { const s = node('span', '', `${label} `); s.append(node('strong', '', value)); return s; };
    figures.append(fig('HHI', c ? int(Math.round(c.hhi)) : '–'), fig('Top-4 share', c ? pct(c.top4_share, 0) : '–'),
                   fig('Children', c ? int(c.children_placed) : '–'));
    box.append(figures);
    const list = node('ul');
    for (const p of r.at_risk) {
      const li = node('li');
      li.append(ratingBadge(p.rating), document.createTextNode(` ${p.name}`));
      li.addEventListener('click', () => openDetail(p.provider_id));
      list.append(li);
    }
    if (r.at_risk.length === 0) list.append(node('li', 'note', 'No red or black providers.'));
    box.append(list);
    grid.append(box);
  }
}

async function loadRegions() {
  try {
    renderRegions((await getJson('/api/regions')).regions);
  } catch (e) { /* the last grid stays; the banner says why */ }
}

// ---------------------------------------------------------------- detail
let detailId = null;
function chartBox(title, history, pick, format, threshold) {
  const box = node('div', 'chart');
  box.append(node('h4', '', title));
  const points = history.map(a => ({label: a.as_of, value: present(pick(a)) ? Number(pick(a)) : null}));
  box.append(Charts.line(points, {format, threshold}));
  return box;
}

function renderDetail(data) {
  const view = data.view, a = data.assessment, history = (data.history || []).slice().reverse();
  $('detail-title').textContent = `${view.provider.name} (${view.provider.provider_id})`;
  const body = $('detail-body');
  body.replaceChildren();
  const headline = node('div', 'headline');
  const fact = (label, value) => { const d = node('div'); d.append(node('span', 'label', label)); d.append(value); return d; };
  if (!a) {
    body.append(node('p', 'note', 'Not yet assessed.'));
    return;
  }
  headline.append(
      fact('Rating', a.insufficient_data
          ? (() => { const d = node('span'); d.append(ratingBadge(a.rating), node('span', 'insufficient', 'insufficient data')); return d; })()
          : ratingBadge(a.rating)),
      fact('Likelihood / impact', node('strong', '', `${enumWord(a.likelihood)} / ${enumWord(a.impact)}`)),
      fact('1-year PD', node('strong', '', pct(a.pd_one_year, 2))),
      fact('Net debt / EBITDA', node('strong', '', leverageText(a.net_debt_to_ebitda))),
      fact('Interest cover', node('strong', '', times(a.interest_cover))),
      fact('Liquidity headroom', node('strong', '', pounds(a.liquidity_headroom))),
      fact('Operating margin', node('strong', '', pct(a.operating_margin))),
      fact('Children placed', node('strong', '', int(a.children_placed))),
      fact('Local authorities served', node('strong', '', int(a.local_authorities_served))),
      fact('Ownership', node('strong', '', enumWord(view.provider.ownership))),
      fact('Assessed as of', node('strong', '', a.as_of)));
  body.append(headline);

  const gaps = a.insufficient_data_reasons || [];
  if (gaps.length) {
    body.append(node('h3', '', 'Insufficient data'));
    const ul = node('ul', 'reasons');
    for (const g of gaps) ul.append(node('li', '', g));
    body.append(ul);
  }

  const reasons = (a.explanation && a.explanation.reasons) || [];
  if (reasons.length) {
    body.append(node('h3', '', 'Why this rating'));
    const ul = node('ul', 'reasons');
    for (const r of reasons) ul.append(node('li', '', r));
    body.append(ul);
  }
  body.append(node('h3', '', `History (${history.length} assessment${history.length === 1 ? '' : 's'})`));
  const charts = node('div', 'charts');
  charts.append(
      chartBox('Score', history, h => h.score, v => Number(v).toFixed(1)),
      chartBox('1-year probability of failure', history, h => h.pd_one_year, v => pct(v, 1)),
      chartBox('Net debt / EBITDA', history, h => h.net_debt_to_ebitda, v => times(v)),
      chartBox('Interest cover', history, h => h.interest_cover, v => times(v), 1),
      chartBox('Liquidity headroom', history, h => h.liquidity_headroom, v => pounds(v), 0));
  body.append(charts);

  const contributions = (a.explanation && a.explanation.contributions) || [];
  if (contributions.length) {
    body.append(node('h3', '', 'Contributions to the score'));
    const box = node('div', 'chart bars');
    box.append(Charts.bars(contributions.map(c => ({label: c.factor, value: Number(c.contribution)})),
                           v => Number(v).toFixed(2)));
    body.append(box);
  }
  const covenants = a.covenants || [];
  if (covenants.length) {
    body.append(node('h3', '', 'Covenants'));
    const t = node('table');
    t.append(node('thead'));
    t.tHead.append(node('tr'));
    for (const h of ['Facility', 'Covenant', 'Limit', 'Actual', 'Headroom (EBITDA)', 'Next test', 'Breached'])
      t.tHead.rows[0].append(node('th', '', h));
    const tb = node('tbody');
    for (const c of covenants) {
      const tr = node('tr');
      tr.append(node('td', '', c.facility_id), node('td', '', c.covenant), node('td', 'num', num(c.limit)),
                node('td', 'num', num(c.actual)), node('td', 'num', pounds(c.headroom_ebitda)),
                node('td', '', c.next_test_date), node('td', c.breached ? 'bad' : '', c.breached ? 'BREACHED' : 'no'));
      tb.append(tr);
    }
    t.append(tb);
    body.append(t);
  }
  const figures = (a.explanation && a.explanation.figures) || [];
  if (figures.length) {
    body.append(node('h3', '', 'Explained figures'));
    const t = node('table', 'figures-table');
    const tb = node('tbody');
    for (const f of figures) {
      const tr = node('tr');
      const value = present(f.value) ? (f.unit === 'GBP' || f.unit === '£' ? pounds(f.value) : `${num(f.value, 3)} ${f.unit || ''}`) : '–';
      const explain = node('td');
      explain.append(node('div', 'formula', f.formula || ''), node('div', 'note', [f.source, f.note].filter(Boolean).join(' · ')));
      tr.append(node('td', '', f.label || f.key), node('td', 'num', value), explain);
      tb.append(tr);
    }
    t.append(tb);
    body.append(t);
  }
}

async function openDetail(providerId) {
  detailId = providerId;
  $('detail').hidden = false;
  $('detail-title').textContent = providerId;
  $('detail-body').replaceChildren(node('p', 'note', 'Loading…'));
  try {
    const data = await getJson(`/api/providers/${encodeURIComponent(providerId)}`);
    if (detailId === providerId) renderDetail(data);
  } catch (e) {
    $('detail-body').replaceChildren(node('p', 'note', `Could not load ${providerId}: ${e.message}`));
  }
}
function closeDetail() { detailId = null; $('detail').hidden = true; }

// ---------------------------------------------------------------- refresh
let refreshTimer = null;
function refreshSoon(delay) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    await Promise.all([loadProviders(), loadRegions()]);
    if (detailId !== null && !$('detail').hidden) openDetail(detailId);
  }, delay);
}

document.addEventListener('DOMContentLoaded', () => {
  $('detail-close').addEventListener('click', closeDetail);
  $('detail').addEventListener('click', e => { if (e.target === $('detail')) closeDetail(); });
  document.addEventListener('keydown', e => { if (e.key === 'Escape') closeDetail(); });
  openEvents();
  refreshSoon(0);
  setInterval(() => refreshSoon(0), 60000);  // figures change only with alerts, but a wall screen runs for days
});
