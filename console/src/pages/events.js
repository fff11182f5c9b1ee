import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { settings, traceHref, useFeed } from '../api.js';
import { time } from '../format.js';

/** One line about a record, from its payload's most telling fields. */
export function summary(r) {
  const p = r.payload;
  if (r.dlqReason) return `dead letter: ${r.dlqReason}`;
  if (!p || typeof p !== 'object') return typeof p === 'string' ? p.substring(0, 120) : '';
  const fields = ['cloud', 'from', 'to', 'workloadId', 'nodeId', 'poolId', 'linkId', 'state', 'status', 'reason',
    'desired', 'workloadsMigrated', 'rtoMillis'];
  return fields.filter((f) => p[f] !== undefined && p[f] !== null && typeof p[f] !== 'object')
    .map((f) => `${f}=${p[f]}`).join(' ').substring(0, 160);
}

const MAX_ROWS = 400;

export function EventsPage() {
  const { records } = useFeed();
  const [topic, setTopic] = useState('');
  const [text, setText] = useState('');
  const [hideHealth, setHideHealth] = useState(true);
  const [paused, setPaused] = useState(null);
  const [cfg, setCfg] = useState(null);
  useEffect(() => { settings().then(setCfg); }, []);
  const source = paused || records;
  const topics = [...new Set(records.map((r) => r.topic))].sort();
  const needle = text.trim().toLowerCase();
  const shown = [];
  for (let i = source.length - 1; i >= 0 && shown.length < MAX_ROWS; i--) {
    const r = source[i];
    if (topic && r.topic !== topic) continue;
    if (hideHealth && r.topic === 'skybridge.health.observations') continue;
    if (needle && ![r.name, r.key, r.correlationId, r.traceId, r.principal, summary(r)]
      .some((v) => v && String(v).toLowerCase().includes(needle))) continue;
    shown.push(r);
  }
  return html`<section>
    <h2>Live events</h2>
    <div class="filters">
      <select onChange=${(e) => setTopic(e.target.value)} data-testid="topic-filter">
        <option value="">every topic</option>
        ${topics.map((t) => html`<option value=${t} selected=${t === topic}>${t}</option>`)}
      </select>
      <input placeholder="filter: event, key, correlation, trace, principal…" value=${text}
        onInput=${(e) => setText(e.target.value)} data-testid="text-filter" />
      <label><input type="checkbox" checked=${hideHealth} onChange=${(e) => setHideHealth(e.target.checked)} />
        hide health observations</label>
      <button onClick=${() => setPaused(paused ? null : [...records])} data-testid="pause">${paused ? 'resume' : 'pause'}</button>
      <span class="muted">${shown.length} shown of ${source.length}</span>
    </div>
    <table class="events" data-testid="event-table">
      <tr><th>time</th><th>topic</th><th>event</th><th>key</th><th>what</th><th>by</th><th>trace</th></tr>
      ${shown.map((r) => html`<tr data-testid="event-row" data-name=${r.name} class=${r.topic.endsWith('.dlq') ? 'dlq' : ''}>
        <td>${time(r.time)}</td><td>${r.topic.replace('skybridge.', '')}</td><td>${r.name}</td><td>${r.key}</td>
        <td>${summary(r)}</td><td>${r.principal || ''}</td>
        <td>${r.traceId ? html`<a href=${traceHref(cfg, r.traceId)}>${r.traceId.substring(0, 8)}</a>` : '–'}</td></tr>`)}
    </table>
  </section>`;
}
