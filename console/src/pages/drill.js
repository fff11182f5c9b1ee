import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { postJson, useFeed } from '../api.js';
import { cpu, mem } from '../format.js';

/** A dry-run from either cloud: the plan failover would follow, with nothing touched. */
export function DrillPage() {
  const [from, setFrom] = useState('aws');
  const [drill, setDrill] = useState(null);
  const [error, setError] = useState(null);
  const { records } = useFeed();
  const answer = drill && records.find((r) => r.key === drill.drillId
    && (r.name === 'FailoverPlanComputed' || r.name === 'IntentRejected'));
  const run = () => {
    setError(null);
    setDrill(null);
    postJson('/console/api/failover/drills', { from }).then(setDrill, setError);
  };
  const plan = answer && answer.name === 'FailoverPlanComputed' ? answer.payload : null;
  return html`<section>
    <h2>Failover drill (dry run)</h2>
    <p class="muted">Computes the plan a failover would follow if a cloud were lost now. Nothing is touched.</p>
    <div class="filters">
      <label>lose <select value=${from} onChange=${(e) => setFrom(e.target.value)} data-testid="drill-from">
        <option value="aws">AWS</option><option value="gcp">GCP</option></select></label>
      <button onClick=${run} data-testid="drill-run">Run drill</button>
      ${drill && !answer && html`<span class="muted">drill ${drill.drillId} asked, waiting for the plan…</span>`}
    </div>
    ${error && html`<p class="error">${error.message}</p>`}
    ${answer && answer.name === 'IntentRejected' && html`<p class="error">refused: ${answer.payload.reason}</p>`}
    ${plan && html`<div data-testid="drill-plan" data-drill=${drill.drillId}>
      <p>From <b>${plan.from}</b> to <b>${plan.to}</b>: <b data-testid="drill-moves">${plan.moves.length}</b> workloads move,
        estimated RTO <b data-testid="drill-rto">${plan.estimatedRtoSeconds} s</b>.</p>
      <p>Deficit in ${plan.to}: <b data-testid="drill-deficit">${cpu(plan.deficit.cpuMillis)} · ${mem(plan.deficit.memoryBytes)}</b>
        ${plan.nodeRequests.length ? ` → ${plan.nodeRequests.map((n) => `${n.poolId} +${n.additionalNodes} ${n.machineType}`)
          .join(', ')}` : ' (none: the headroom is enough)'}</p>
      <table><tr><th>workload</th><th>priority</th><th>replicas</th><th>per replica</th><th>wave</th></tr>
        ${plan.moves.map((m) => html`<tr><td>${m.workloadId}</td><td>${m.priority}</td><td>${m.replicas}</td>
          <td>${cpu(m.perReplica.cpuMillis)} · ${mem(m.perReplica.memoryBytes)}</td><td>${m.wave ?? '–'}</td></tr>`)}
      </table></div>`}
  </section>`;
}
