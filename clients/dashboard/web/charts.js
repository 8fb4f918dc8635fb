// Small SVG charts for the provider detail view. Hand-written because the
// page may load nothing from outside the machine and Debian packages no
// charting library for the browser; each chart is a few dozen lines.
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // points: [{label: 'YYYY-MM-DD', value: number|null}] oldest first.
  // options: {format: v => string, threshold: number|undefined}
  function line(points, options) {
    const width = 300, height = 120, left = 44, right = 8, top = 8, bottom = 22;
    const svg = el('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img'});
    const known = points.filter(p => p.value !== null && p.value !== undefined && isFinite(p.value));
    if (known.length === 0) {
      svg.appendChild(el('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'no data'));
      return svg;
    }
    const values = known.map(p => p.value);
    if (options.threshold !== undefined) values.push(options.threshold);
    let lo = Math.min(...values), hi = Math.max(...values);
    if (lo === hi) { lo -= Math.abs(lo) * 0.1 || 1; hi += Math.abs(hi) * 0.1 || 1; }
    const x = i => left + (points.length === 1 ? (width - left - right) / 2
                                               : i * (width - left - right) / (points.length - 1));
    const y = v => top + (hi - v) * (height - top - bottom) / (hi - lo);
    svg.appendChild(el('line', {class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom}));
    svg.appendChild(el('line', {class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom}));
    svg.appendChild(el('text', {x: left - 4, y: top + 8, 'text-anchor': 'end'}, options.format(hi)));
    svg.appendChild(el('text', {x: left - 4, y: height - bottom, 'text-anchor': 'end'}, options.format(lo)));
    svg.appendChild(el('text', {x: left, y: height - 6}, points[0].label));
    if (points.length > 1) {
      svg.appendChild(el('text', {x: width - right, y: height - 6, 'text-anchor': 'end'},
                         points[points.length - 1].label));
    }
    if (options.threshold !== undefined) {
      const ty = y(options.threshold);
      svg.appendChild(el('line', {class: 'threshold', x1: left, y1: ty, x2: width - right, y2: ty}));
    }
    let path = '';
    points.forEach((p, i) => {
      if (p.value === null || p.value === undefined || !isFinite(p.value)) return;
      path += `${path === '' ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
      const dot = el('circle', {class: 'point', cx: x(i), cy: y(p.value), r: 3});
      dot.appendChild(el('title', {}, `${p.label}: ${options.format(p.value)}`));
      svg.appendChild(dot);
    });
    svg.insertBefore(el('path', {class: 'series', d: path}), svg.firstChild);
    return svg;
  }

  // Horizontal bars of factor contributions (signed).
  function bars(items, format) {
    const rowHeight = 18, width = 420, labelWidth = 170;
    const height = Math.max(rowHeight, items.length * rowHeight);
    const svg = el('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img'});
    const max = Math.max(1e-9, ...items.map(i => Math.abs(i.value)));
    const mid = labelWidth + (width - labelWidth) / 2;
    items.forEach((item, i) => {
      const y = i * rowHeight;
      const short = item.label.length > 30 ? `${item.label.slice(0, 29)}…` : item.label;
      const label = el('text', {x: 0, y: y + 12}, short);
      label.appendChild(el('title', {}, item.label));
      svg.appendChild(label);
      const w = Math.abs(item.value) / max * (width - labelWidth) / 2;
      svg.appendChild(el('rect', {class: 'bar', x: item.value >= 0 ? mid : mid - w, y: y + 3,
                                  width: Math.max(w, 1), height: rowHeight - 6}));
      const t = el('title', {}, `${item.label}: ${format(item.value)}`);
      svg.lastChild.appendChild(t);
    });
    svg.appendChild(el('line', {class: 'axis', x1: mid, y1: 0, x2: mid, y2: height}));
    return svg;
  }

  return {line, bars};
})();
