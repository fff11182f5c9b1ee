import { html } from 'htm/preact';
import { getJson, useLive } from '../api.js';
import { cpu, mem } from '../format.js';

const RELEVANT = /failover\.events|inventory\.events|provisioning\.events/;

function totals(workloads) {
  const byCloud = {};
  workloads.forEach((w) => Object.entries(w.placement || {}).forEach(([cloud, n]) => {
    byCloud[cloud] = (byCloud[cloud] || 0) + n;
  }));
  return byCloud;
}

export function WorkloadsPage() {
  const { data, error } = useLive(() => getJson('/workloads'), (r) => RELEVANT.test(r.topic));
  if (!data) return html`<p>${error ? `Workloads not available: ${error.message}` : 'Loading workloads…'}</p>`;
  const sorted = [...data].sort((a, b) => b.priority - a.priority || a.workloadId.localeCompare(b.workloadId));
  const sum = totals(data);
  return html`<section>
    <h2>Workloads</h2>
    <p class="summary" data-testid="replica-totals">${Object.keys(sum).sort().map((c) => html`
      <span class="pill" data-testid="replicas-${c}" data-count=${sum[c]}>${c}: ${sum[c]} replicas</span>`)}
      · ${data.length} workloads</p>
    <table class="workloads">
      <tr><th>workload</th><th>kind</th><th>priority</th><th>replicas</th><th>where they run</th>
        <th>allowed clouds</th><th>preferred</th><th>per replica</th></tr>
      ${sorted.map((w) => html`<tr data-testid="workload" data-id=${w.workloadId}
          data-placement=${JSON.stringify(w.placement || {})}>
        <td>${w.namespace}/${w.name}</td><td>${w.kind}</td><td>${w.priority}</td>
        <td>${w.readyReplicas}/${w.replicas} Ready</td>
        <td>${Object.entries(w.placement || {}).map(([c, n]) => html`<span class="pill ${c}">${c} ${n}</span>`)}</td>
        <td>${(w.allowedClouds || []).join(', ') || 'any'}</td><td>${w.preferredCloud || '–'}</td>
        <td>${w.perReplica ? `${cpu(w.perReplica.cpuMillis)} · ${mem(w.perReplica.memoryBytes)}` : '–'}</td>
      </tr>`)}
    </table>
  </section>`;
}
