/*
 * The timeline page: reads t0, t1, policy, preset and config from the query string into the form,
 * asks the plan endpoint, and draws the answer. Plain ES2020 and inline SVG, no framework, no build.
 * Every value from the server goes into the DOM through textContent or setAttribute, never as HTML.
 */
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  /** Colours of the built-in kinds; other kinds take the palette in order of appearance. */
  const KIND_COLORS = { cmb: '#3867b5', calibration: '#e0841a', filler: '#7d9a4c', park: '#8b8f99', idle: '#c9ccd1' };
  const OTHER_COLORS = ['#9a5bb5', '#c2477a', '#2a9d8f', '#8c6d46', '#5c6bc0'];
  const SUN_COLOR = '#e3b505';
  const MOON_COLOR = '#6f7486';
  const FIELDS = ['t0', 't1', 'policy', 'preset', 'config'];
  const HOUR_MS = 3_600_000;
  const DAY_MS = 24 * HOUR_MS;
  /** Windows up to this long are drawn as one row; longer ones as one row per UTC day. */
  const SINGLE_ROW_MAX_MS = 36 * HOUR_MS;

  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const form = $('plan-form');

  // ---------------------------------------------------------------- small helpers

  /** An HTML element with attributes and text (never parsed as HTML). */
  function h(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /** An SVG element with attributes. */
  function s(tag, attrs) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  /** A native tooltip for an SVG element. */
  function tooltip(node, text) {
    const t = s('title');
    t.textContent = text;
    node.appendChild(t);
    return node;
  }

  const pad2 = (n) => String(n).padStart(2, '0');

  /** `YYYY-MM-DD HH:MM:SS` (UTC) of an ISO text, keeping the server's own digits. */
  function fmtTime(iso) {
    const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/.exec(String(iso));
    return m ? `${m[1]} ${m[2]}` : String(iso);
  }

  /** A duration in seconds as `1d 02:03:04` / `02:03:04`. */
  function fmtDuration(seconds) {
    const total = Math.round(Number(seconds));
    if (!Number.isFinite(total)) return '';
    const d = Math.floor(total / 86400);
    const rest = total - d * 86400;
    const hms = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`;
    return d > 0 ? `${d}d ${hms}` : hms;
  }

  const fmtPct = (f) => `${(100 * Number(f)).toFixed(1)}%`;
  const fmtDeg = (x, digits = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '');

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function kindColors(kinds) {
    const colors = new Map();
    let next = 0;
    for (const k of kinds) {
      if (colors.has(k)) continue;
      colors.set(k, KIND_COLORS[k] || OTHER_COLORS[next++ % OTHER_COLORS.length]);
    }
    return colors;
  }

  // ---------------------------------------------------------------- form and query string

  function readQuery() {
    const q = new URLSearchParams(window.location.search);
    for (const name of FIELDS) {
      const v = q.get(name);
      if (v !== null) form.elements[name].value = v;
    }
    return FIELDS.slice(0, 3).every((name) => (q.get(name) || '').trim() !== '');
  }

  function writeQuery() {
    const q = new URLSearchParams();
    for (const name of FIELDS) {
      const v = form.elements[name].value.trim();
      if (v !== '') q.set(name, v);
    }
    window.history.replaceState(null, '', `${window.location.pathname}?${q.toString()}`);
  }

  /** The request body from the form, or a message saying what is wrong with the form. */
  function requestBody() {
    const value = (name) => form.elements[name].value.trim();
    const policy = { policy: value('policy') };
    if (value('preset') !== '') policy.preset = value('preset');
    const configText = value('config');
    if (configText !== '') {
      try {
        policy.config = JSON.parse(configText);
      } catch (err) {
        return { error: `The config field is not valid JSON (${err.message}); write an object such as {"calibration_targets": ["saturn"]}` };
      }
    }
    return { body: { t0: value('t0'), t1: value('t1'), policy } };
  }

  async function loadPolicyNames() {
    const url = body.dataset.policiesUrl;
    if (!url) return;
    try {
      const res = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const data = await res.json();
      const list = $('policy-names');
      clear(list);
      for (const p of data.policies || []) list.appendChild(h('option', { value: p.name }, p.description || ''));
    } catch {
      // The list only helps typing; the form works without it.
    }
  }

  // ---------------------------------------------------------------- states

  function setState(state, statusText) {
    body.dataset.state = state;
    $('status').textContent = statusText || '';
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = false;
    $('result').hidden = true;
  }

  async function submit(event) {
    if (event) event.preventDefault();
    writeQuery();
    $('error').hidden = true;
    const { body: request, error } = requestBody();
    if (error) {
      showError(error);
      setState('error');
      return;
    }
    setState('loading', 'Planning…');
    const started = performance.now();
    let res;
    let data;
    try {
      res = await fetch(body.dataset.planUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request),
      });
      data = await res.json();
    } catch (err) {
      showError(`The server could not be reached or did not answer JSON (${err.message}).`);
      setState('error');
      return;
    }
    const fetchMs = performance.now() - started;
    if (!res.ok || !data || data.status !== 'ok') {
      const message = data && typeof data.message === 'string' ? data.message : `HTTP ${res.status}`;
      showError(message);
      if (data && data.sunCheck) renderRefused(data);
      setState('error', `The server answered HTTP ${res.status}.`);
      return;
    }
    draw(data, request, fetchMs);
  }

  // ---------------------------------------------------------------- drawing

  function draw(plan, request, fetchMs) {
    const t0 = performance.now();
    const blocks = Array.isArray(plan.blocks) ? plan.blocks : [];
    const summary = plan.summary || {};
    const colors = kindColors([...(summary.kinds || []).map((k) => k.kind), ...blocks.map((b) => b.kind)]);
    $('result').hidden = false;
    renderVerdict(plan.sunCheck);
    renderCounts(summary);
    $('message').textContent = plan.message === 'Success' ? '' : plan.message || '';
    renderLegend(summary, colors);
    renderTimeline(blocks, plan, colors);
    const drawn = renderSkyView(blocks, plan.tracks, colors);
    renderTable(blocks, plan.sunCheck);
    $('config').textContent = JSON.stringify(plan.config === undefined ? null : plan.config, null, 2);
    $('script').value = plan.commands || '';
    $('script').dataset.filename = scriptName(request);
    $('scan-count').textContent = String(drawn);
    const renderMs = performance.now() - t0;
    // The draw time includes style, layout and the first paint of what was built.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const drawMs = performance.now() - t0;
        const r = $('result');
        r.dataset.fetchMs = fetchMs.toFixed(0);
        r.dataset.renderMs = renderMs.toFixed(0);
        r.dataset.drawMs = drawMs.toFixed(0);
        setState('done', `${blocks.length} blocks: planned in ${(fetchMs / 1000).toFixed(2)} s, drawn in ${drawMs.toFixed(0)} ms.`);
      }, 0),
    );
  }

  function renderVerdict(check) {
    const v = $('verdict');
    const detail = $('verdict-detail');
    v.className = '';
    if (!check) {
      v.textContent = 'Sun check: not reported';
      v.className = 'unchecked';
      detail.textContent = '';
      return;
    }
    const floor = check.criteria && typeof check.criteria.sunDistanceDeg === 'number' ? ` (at least ${check.criteria.sunDistanceDeg}° required)` : '';
    const closest = typeof check.minSunDistanceDeg === 'number' ? `closest approach to the Sun ${check.minSunDistanceDeg.toFixed(1)}°${floor}` : '';
    if (check.verdict === 'safe') {
      v.textContent = 'Sun safe';
      v.className = 'safe';
      detail.textContent = closest;
    } else if (check.verdict === 'unsafe') {
      v.textContent = 'not Sun safe';
      v.className = 'unsafe';
      const bad = (check.blocks || []).filter((b) => (b.problems || []).length > 0).length;
      detail.textContent = [closest, `${bad} block(s) with problems`].filter(Boolean).join('; ');
    } else {
      v.textContent = 'Sun check: unchecked';
      v.className = 'unchecked';
      detail.textContent = check.reason || '';
    }
  }

  /** An unsafe schedule is refused without its script; its checker report is still worth showing. */
  function renderRefused(data) {
    $('result').hidden = false;
    renderVerdict(data.sunCheck);
    for (const id of ['window-length', 'scanned', 'idle', 'scan-count', 'message']) $(id).textContent = '';
    clear($('legend'));
    clear($('timeline'));
    clear($('skyview'));
    $('config').textContent = '';
    $('script').value = '';
    // No blocks come with a refused schedule: list the checked scans from the report itself.
    const report = (data.sunCheck && data.sunCheck.blocks) || [];
    const rows = report.map((r) => ({ name: r.name, kind: 'refused', t0: '', t1: '', az: null, alt: null, throw: null }));
    renderTable(rows, { blocks: report.map((r, i) => ({ ...r, index: i })) });
  }

  function renderCounts(summary) {
    $('window-length').textContent = fmtDuration(summary.windowSeconds);
    $('scanned').textContent = `${fmtDuration(summary.scannedSeconds)} (${fmtPct(summary.windowSeconds ? summary.scannedSeconds / summary.windowSeconds : 0)})`;
    $('idle').textContent = `${fmtDuration(summary.idleSeconds)} (${fmtPct(summary.idleFraction || 0)})`;
  }

  /** Kinds with their share of the window; idle is the part when nothing scans (idle blocks and gaps). */
  function shares(summary) {
    const out = (summary.kinds || []).filter((k) => k.kind !== 'idle').map((k) => ({ kind: k.kind, fraction: k.fraction, blocks: k.blocks }));
    // The summary's idle time includes the parks (not scanning); the legend lists parks apart, so idle is the rest.
    const parked = out.filter((k) => k.kind === 'park').reduce((a, k) => a + k.fraction, 0);
    out.push({ kind: 'idle', fraction: Math.max(0, (summary.idleFraction || 0) - parked), blocks: null });
    return out;
  }

  function renderLegend(summary, colors) {
    const list = $('legend');
    clear(list);
    const parts = [];
    for (const k of shares(summary)) {
      const item = h('li');
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = colors.get(k.kind) || KIND_COLORS.idle;
      item.appendChild(swatch);
      const count = k.blocks === null ? '' : `, ${k.blocks} block${k.blocks === 1 ? '' : 's'}`;
      item.appendChild(h('span', {}, `${k.kind} ${fmtPct(k.fraction)}${count}`));
      list.appendChild(item);
      parts.push(`${k.kind} ${fmtPct(k.fraction)}`);
    }
    for (const [name, color, dash] of [['Sun', SUN_COLOR, ''], ['Moon', MOON_COLOR, '5 3']]) {
      const item = h('li');
      const svg = s('svg', { width: 24, height: 10, viewBox: '0 0 24 10' });
      svg.appendChild(s('line', { x1: 0, y1: 5, x2: 24, y2: 5, stroke: color, 'stroke-width': 2, 'stroke-dasharray': dash || 'none' }));
      item.appendChild(svg);
      item.appendChild(h('span', {}, `${name} (sky view)`));
      list.appendChild(item);
    }
    $('timeline-title').textContent = `Timeline: ${parts.join(', ')}`;
  }

  function blockTooltip(b) {
    const lines = [`${b.name} (${b.kind})`, `${fmtTime(b.t0)} → ${fmtTime(b.t1)} UTC`, `duration ${fmtDuration((Date.parse(b.t1) - Date.parse(b.t0)) / 1000)}`];
    if (typeof b.az === 'number') lines.push(`az ${fmtDeg(b.az)}°, el ${fmtDeg(b.alt)}°, throw ${fmtDeg(b.throw)}°`);
    return lines.join('\n');
  }

  /** The window's rows: one spanning the window, or one per UTC day. */
  function timelineRows(w0, w1) {
    if (w1 - w0 <= SINGLE_ROW_MAX_MS) return { span: Math.max(w1 - w0, 1), rows: [{ start: w0, label: '' }] };
    const rows = [];
    for (let d = Math.floor(w0 / DAY_MS) * DAY_MS; d < w1; d += DAY_MS) {
      rows.push({ start: d, label: new Date(d).toISOString().slice(0, 10) });
    }
    return { span: DAY_MS, rows };
  }

  function renderTimeline(blocks, plan, colors) {
    const box = $('timeline');
    clear(box);
    const w0 = Date.parse(plan.window ? plan.window.t0 : blocks.length ? blocks[0].t0 : '');
    const w1 = Date.parse(plan.window ? plan.window.t1 : blocks.length ? blocks[blocks.length - 1].t1 : '');
    if (!Number.isFinite(w0) || !Number.isFinite(w1) || w1 <= w0) {
      box.appendChild(h('p', { class: 'muted' }, 'Empty window.'));
      return;
    }
    const { span, rows } = timelineRows(w0, w1);
    const W = 1200;
    const left = rows.length > 1 ? 86 : 24;
    const right = 24;
    const top = 22;
    const rowH = rows.length > 1 ? 16 : 40;
    const gap = 4;
    const H = top + rows.length * (rowH + gap) + 6;
    const plotW = W - left - right;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'timeline of the blocks' });
    const x = (offset) => left + (offset / span) * plotW;

    // Hour ticks: every 1, 2, 3 or 6 hours so that labels do not collide.
    const hours = span / HOUR_MS;
    const every = [1, 2, 3, 6, 12].find((n) => (plotW * n) / hours >= 60) || 24;
    const tickBase = rows.length > 1 ? 0 : Math.ceil(w0 / (every * HOUR_MS)) * every * HOUR_MS - w0;
    for (let off = tickBase; off <= span + 1; off += every * HOUR_MS) {
      const xx = x(off);
      svg.appendChild(s('line', { class: 'grid', x1: xx, x2: xx, y1: top - 4, y2: H - 4 }));
      const label = s('text', { x: xx, y: top - 8, 'text-anchor': 'middle' });
      const d = new Date(w0 + off);
      label.textContent = rows.length > 1 ? `${pad2(Math.round(off / HOUR_MS))}:00` : `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
      svg.appendChild(label);
    }

    rows.forEach((row, i) => {
      const y = top + i * (rowH + gap);
      const a = Math.max(row.start, w0);
      const z = Math.min(row.start + span, w1);
      svg.appendChild(s('rect', { x: left, y, width: plotW, height: rowH, fill: '#f1f2f4' }));
      svg.appendChild(s('rect', { x: x(a - row.start), y, width: Math.max(0, x(z - row.start) - x(a - row.start)), height: rowH, fill: '#ffffff', stroke: '#d8dce2' }));
      if (row.label) {
        const t = s('text', { x: left - 6, y: y + rowH - 4, 'text-anchor': 'end' });
        t.textContent = row.label;
        svg.appendChild(t);
      }
    });

    const firstRow = rows[0].start;
    for (const b of blocks) {
      const b0 = Math.max(Date.parse(b.t0), w0);
      const b1 = Math.min(Date.parse(b.t1), w1);
      // A waypoint (a park of zero length, docs/safety.md §3 "Moves") is drawn as a thin mark.
      if (!(b1 >= b0)) continue;
      const g = tooltip(s('g', { class: 'block-group' }), blockTooltip(b));
      const color = colors.get(b.kind);
      // A block that crosses midnight is drawn in each row it touches.
      let i = rows.length > 1 ? Math.floor((b0 - firstRow) / span) : 0;
      for (; i < rows.length; i++) {
        const r0 = rows[i].start;
        const a = Math.max(b0, r0);
        const z = Math.min(b1, r0 + span);
        if (z < a || (z === a && b1 > b0)) break;
        const y = top + i * (rowH + gap);
        g.appendChild(s('rect', { class: 'block', x: x(a - r0), y: y + 1, width: Math.max(0.6, x(z - r0) - x(a - r0)), height: rowH - 2, fill: color }));
      }
      svg.appendChild(g);
    }
    box.appendChild(svg);
  }

  /** Draws each scan as its azimuth sweep at its elevation, with the Sun and Moon above the horizon. Returns the scans drawn. */
  function renderSkyView(blocks, tracks, colors) {
    const box = $('skyview');
    clear(box);
    const W = 1200;
    const H = 380;
    const left = 44;
    const right = 12;
    const top = 12;
    const bottom = 30;
    const plotW = W - left - right;
    const plotH = H - top - bottom;
    const x = (az) => left + (az / 360) * plotW;
    const y = (alt) => top + ((90 - alt) / 90) * plotH;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'azimuth and elevation of the scans' });
    for (let az = 0; az <= 360; az += 30) {
      svg.appendChild(s('line', { class: az % 360 === 0 ? 'axis' : 'grid', x1: x(az), x2: x(az), y1: top, y2: top + plotH }));
      const t = s('text', { x: x(az), y: H - 10, 'text-anchor': 'middle' });
      t.textContent = { 0: 'N 0°', 90: 'E 90°', 180: 'S 180°', 270: 'W 270°', 360: 'N 360°' }[az] || `${az}°`;
      svg.appendChild(t);
    }
    for (let alt = 0; alt <= 90; alt += 15) {
      svg.appendChild(s('line', { class: alt === 0 ? 'axis' : 'grid', x1: left, x2: left + plotW, y1: y(alt), y2: y(alt) }));
      const t = s('text', { x: left - 6, y: y(alt) + 4, 'text-anchor': 'end' });
      t.textContent = `${alt}°`;
      svg.appendChild(t);
    }

    if (tracks) {
      drawTrack(svg, tracks.sun, 'sun', 'Sun', x, y);
      drawTrack(svg, tracks.moon, 'moon', 'Moon', x, y);
    }

    let drawn = 0;
    for (const b of blocks) {
      if (b.kind === 'idle' || typeof b.az !== 'number' || typeof b.alt !== 'number') continue;
      if (b.kind === 'park') {
        // A held pointing, not a scan: a ring where the telescope waits.
        const pa = ((b.az % 360) + 360) % 360;
        const ring = s('circle', { class: 'park', cx: x(pa), cy: y(Math.max(0, Math.min(90, b.alt))), r: 4, fill: 'none', stroke: colors.get(b.kind), 'stroke-width': 2 });
        svg.appendChild(tooltip(ring, blockTooltip(b)));
        continue;
      }
      const g = tooltip(s('g', { class: 'scan', 'data-kind': b.kind }), blockTooltip(b));
      const width = typeof b.throw === 'number' ? Math.abs(b.throw) : 0;
      const start = ((b.az % 360) + 360) % 360;
      // A sweep past north continues from 0°.
      const pieces = start + width <= 360 ? [[start, start + width]] : [[start, 360], [0, start + width - 360]];
      const yy = y(Math.max(0, Math.min(90, b.alt)));
      for (const [a, z] of pieces) {
        // At least 3 units long, so that a calibration scan of one degree stays visible.
        g.appendChild(s('line', { x1: x(a), x2: Math.max(x(z), x(a) + 3), y1: yy, y2: yy, stroke: colors.get(b.kind), 'stroke-width': 4, 'stroke-opacity': 0.55, 'stroke-linecap': 'butt' }));
      }
      svg.appendChild(g);
      drawn++;
    }
    box.appendChild(svg);
    return drawn;
  }

  /** A body's track above the horizon, broken where it sets or wraps through north. */
  function drawTrack(svg, points, cls, label, x, y) {
    if (!Array.isArray(points)) return;
    let run = [];
    const flush = () => {
      if (run.length > 1) svg.appendChild(tooltip(s('polyline', { class: cls, points: run.join(' ') }), label));
      run = [];
    };
    let prev = null;
    for (const p of points) {
      if (typeof p.az !== 'number' || typeof p.alt !== 'number' || p.alt < 0) {
        flush();
        prev = null;
        continue;
      }
      if (prev && Math.abs(p.az - prev.az) > 180) flush();
      run.push(`${x(p.az).toFixed(1)},${y(p.alt).toFixed(1)}`);
      prev = p;
    }
    flush();
  }

  function renderTable(blocks, check) {
    const tbody = $('blocks').tBodies[0];
    clear(tbody);
    const byIndex = new Map();
    for (const r of (check && check.blocks) || []) byIndex.set(r.index, r);
    const rows = document.createDocumentFragment();
    blocks.forEach((b, i) => {
      const report = byIndex.get(i);
      const problems = report && Array.isArray(report.problems) ? report.problems : [];
      const tr = h('tr', problems.length ? { class: 'unsafe' } : {});
      const seconds = (Date.parse(b.t1) - Date.parse(b.t0)) / 1000;
      const cells = [
        [String(i + 1)],
        [fmtTime(b.t0)],
        [fmtTime(b.t1)],
        [fmtDuration(seconds)],
        [fmtDeg(b.az)],
        [fmtDeg(b.alt)],
        [fmtDeg(b.throw)],
        [b.name, 'name'],
        [b.kind, 'kind'],
        [report ? `${fmtDeg(report.minSunDistanceDeg, 1)}°` : '', problems.length ? 'unsafe' : ''],
      ];
      for (const [text, cls] of cells) tr.appendChild(h('td', cls ? { class: cls } : {}, text));
      if (problems.length) tr.setAttribute('title', problems.join('\n'));
      rows.appendChild(tr);
    });
    tbody.appendChild(rows);
  }

  // ---------------------------------------------------------------- script buttons

  function scriptName(request) {
    const safe = (text) => String(text).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
    return `schedule-${safe(request.policy.policy) || 'policy'}-${safe(request.t0) || 'start'}.py`;
  }

  async function copyScript() {
    const area = $('script');
    const done = (text) => ($('copy-status').textContent = text);
    try {
      await navigator.clipboard.writeText(area.value);
      done('Copied.');
    } catch {
      // Clipboard API refused (plain HTTP on another host): select it for the old copy command.
      area.focus();
      area.select();
      done(document.execCommand('copy') ? 'Copied.' : 'Selected: press Ctrl+C to copy.');
    }
  }

  function downloadScript() {
    const area = $('script');
    const url = URL.createObjectURL(new Blob([area.value], { type: 'text/x-python' }));
    const a = h('a', { href: url, download: area.dataset.filename || 'schedule.py' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---------------------------------------------------------------- start

  form.addEventListener('submit', submit);
  $('copy-script').addEventListener('click', copyScript);
  $('download-script').addEventListener('click', downloadScript);
  setState('idle');
  void loadPolicyNames();
  if (readQuery()) void submit();
})();
