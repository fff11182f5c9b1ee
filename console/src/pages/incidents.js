import { html } from 'htm/preact';
import { getJson, useLive } from '../api.js';
import { time } from '../format.js';

export function IncidentsPage() {
  const { data, error } = useLive(() => getJson('/console/api/failover/incidents'),
    (r) => r.topic === 'skybridge.failover.events');
  if (!data) return html`<p>${error ? `Incidents not available: ${error.message}` : 'Loading incidents…'}</p>`;
  return html`<section>
    <h2>Incidents</h2>
    ${data.length === 0 && html`<p class="muted" data-testid="no-incidents">No incident. Both clouds are serving.</p>`}
    <table>
      <tr><th>incident</th><th>kind</th><th>cloud</th><th>state</th><th>declared</th><th>failover</th><th>by</th></tr>
      ${data.map((i) => html`<tr data-testid="incident-row" data-id=${i.id}>
        <td><a href="#/incidents/${encodeURIComponent(i.id)}">${i.id}</a></td><td>${i.kind}</td>
        <td>${i.cloud}${i.region ? ` / ${i.region}` : ''}</td>
        <td><span class="badge ${i.state === 'CLEARED' ? 'ok' : 'bad'}">${i.state}</span></td>
        <td>${time(i.declaredAt)}</td>
        <td>${i.failover ? `${i.failover.status} · ${i.failover.step} · ${i.failover.from} → ${i.failover.to}` : '–'}</td>
        <td>${i.declaredBy || (i.manual ? 'operator' : 'detector')}</td>
      </tr>`)}
    </table>
  </section>`;
}
