import { html } from 'htm/preact';
import { getJson, useLive } from '../api.js';

function tree(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map();
  spans.forEach((s) => {
    const parent = ids.has(s.parentSpanId) ? s.parentSpanId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(s);
  });
  const rows = [];
  const walk = (parent, depth) => (children.get(parent) || []).forEach((s) => { rows.push({ s, depth }); walk(s.spanId, depth + 1); });
  walk(null, 0);
  return rows;
}

/** The spans of one trace (from the span files the local stack writes), as a tree with a time bar each. */
export function TracePage({ traceId }) {
  const { data, error } = useLive(() => getJson(`/console/api/traces/${traceId}`), () => false, [traceId]);
  if (!data) return html`<p>${error ? `Trace ${traceId}: ${error.message}` : 'Loading the trace…'}</p>`;
  const spans = data.spans;
  const start = Math.min(...spans.map((s) => s.startEpochNanos));
  const end = Math.max(...spans.map((s) => s.endEpochNanos));
  const width = Math.max(1, end - start);
  const services = [...new Set(spans.map((s) => s.service))];
  return html`<section data-testid="trace">
    <h2>Trace <span class="muted">${traceId}</span></h2>
    <p>${spans.length} spans across ${services.join(', ')} · ${((end - start) / 1e6).toFixed(0)} ms</p>
    <table class="trace">
      <tr><th>span</th><th>service</th><th>kind</th><th>ms</th><th class="wide">when</th></tr>
      ${tree(spans).map(({ s, depth }) => html`<tr class=${s.status === 'ERROR' ? 'dlq' : ''}>
        <td style="padding-left:${0.5 + depth}em">${s.name}</td><td>${s.service}</td><td>${s.kind}</td>
        <td>${((s.endEpochNanos - s.startEpochNanos) / 1e6).toFixed(1)}</td>
        <td class="wide"><div class="span-bar" style="margin-left:${(100 * (s.startEpochNanos - start)) / width}%;
          width:${Math.max(0.3, (100 * (s.endEpochNanos - s.startEpochNanos)) / width)}%"></div></td></tr>`)}
    </table>
  </section>`;
}
