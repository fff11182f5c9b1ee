import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { feed, getJson, settings, traceHref, useFeed, useLive } from '../api.js';
import { offset, seconds, since, time } from '../format.js';
import { summary } from './events.js';

const FAILOVER_EVENTS = 'skybridge.failover.events';

/** The incident's records: buffered on the server when the page opened, then those the live feed brings. */
function useStory(incident, declared) {
  const [history, setHistory] = useState([]);
  const { records } = useFeed();
  const correlation = declared && declared.correlationId;
  useEffect(() => {
    if (!incident) return;
    const queries = [`key=${encodeURIComponent(incident.id)}`];
    if (correlation) queries.push(`correlation=${encodeURIComponent(correlation)}`);
    Promise.all(queries.map((q) => getJson(`/console/api/feed/history?${q}&limit=2000`).catch(() => [])))
      .then((lists) => setHistory(lists.flat()));
  }, [incident && incident.id, correlation]);
  if (!incident) return [];
  const belongs = (r) => r.key === incident.id || (correlation && r.correlationId === correlation)
    || (incident.traceId && r.traceId === incident.traceId);
  const bySeq = new Map();
  history.concat(records.filter(belongs)).forEach((r) => bySeq.set(`${r.topic}/${r.partition}/${r.offset}`, r));
  return [...bySeq.values()].filter(belongs).sort((a, b) => new Date(a.time) - new Date(b.time) || a.seq - b.seq);
}

const first = (story, name) => story.find((r) => r.name === name && r.topic === FAILOVER_EVENTS);
const all = (story, name) => story.filter((r) => r.name === name);

/** The nine stages of a failover, each reached or not, with when and what. */
export function stages(incident, story) {
  const run = incident.failover || {};
  const completed = first(story, 'FailoverCompleted');
  const failed = first(story, 'FailoverFailed');
  const plan = story.find((r) => r.name === 'FailoverPlanComputed' && !(r.payload || {}).dryRun);
  const timeline = (completed && completed.payload.timeline) || {};
  const moved = all(story, 'WorkloadMigrated');
  const joined = all(story, 'NodeJoined');
  const planned = plan ? (plan.payload.moves || []).length : null;
  const surge = plan ? (plan.payload.nodeRequests || []).reduce((n, r) => n + r.additionalNodes, 0) : null;
  const done = run.status === 'COMPLETED' || !!completed;
  const pastCordon = ['MOVE', 'DONE'].includes(run.step) || !!run.movesAt || done;
  const list = [
    { id: 'evidence', label: 'Evidence', at: timeline.evidenceFirstSeenAt || incident.declaredAt,
      reached: true, detail: incident.reason || (incident.manual ? 'declared by an operator' : 'detector quorum') },
    { id: 'declared', label: 'Declared', at: incident.declaredAt, reached: true,
      detail: `${incident.kind} of ${incident.cloud}${incident.region ? ` / ${incident.region}` : ''} · epoch ${incident.epoch}` },
    { id: 'plan', label: 'Plan', at: (plan && plan.time) || run.planAt, reached: !!(plan || run.planAt),
      detail: plan ? `${planned} workloads to move · ${surge} surge nodes · estimated ${plan.payload.estimatedRtoSeconds} s` : '' },
    { id: 'capacity', label: 'Capacity', at: timeline.capacityReadyAt || run.capacityAt,
      reached: !!(timeline.capacityReadyAt || run.capacityAt) || (surge === 0 && pastCordon) || done,
      detail: surge === 0 ? 'headroom was enough: no surge nodes' : `${joined.length} of ${surge ?? '?'} surge nodes joined` },
    { id: 'cordon', label: 'Cordon', at: null, reached: pastCordon, detail: `nodes of ${run.from || incident.cloud} cordoned` },
    { id: 'moves', label: 'Moves', at: timeline.movesStartedAt || run.movesAt || (moved[0] && moved[0].time),
      reached: moved.length > 0 || !!run.movesAt,
      detail: `${moved.length}${planned != null ? ` of ${planned}` : ''} workloads moved` },
    { id: 'verified', label: 'Verified', at: timeline.allReadyAt || run.readyAt, reached: !!(timeline.allReadyAt || run.readyAt),
      detail: `all Ready in ${run.to || '?'}` },
    { id: 'traffic', label: 'Traffic', at: null, reached: false, skipped: true,
      detail: 'no DNS names are managed yet: traffic follows the cluster’s own Services' },
    { id: 'completed', label: 'Completed', at: (completed && completed.payload.completedAt) || run.completedAt, reached: done,
      detail: completed ? `${completed.payload.workloadsMigrated} workloads moved${completed.payload.degraded ? ' (degraded)' : ''}` : '' },
  ];
  if (failed) {
    list.push({ id: 'failed', label: 'Failed', at: failed.time, reached: true, failed: true,
      detail: `${failed.payload.reason}: ${failed.payload.message || ''}` });
  }
  const active = list.find((s) => !s.reached && !s.skipped);
  if (active && run.status === 'RUNNING') active.active = true;
  return { list, completed };
}

export function IncidentPage({ id }) {
  const { data: incident, error } = useLive(() => getJson(`/console/api/failover/incidents/${encodeURIComponent(id)}`),
    (r) => r.topic === FAILOVER_EVENTS, [id], 400);
  const [cfg, setCfg] = useState(null);
  useEffect(() => { settings().then(setCfg); }, []);
  const declared = incident && [...feed.records].find((r) => r.key === incident.id && r.name === 'OutageDeclared');
  const story = useStory(incident, declared);
  if (!incident) return html`<p>${error ? `Incident ${id}: ${error.message}` : 'Loading the incident…'}</p>`;
  const { list, completed } = stages(incident, story);
  const rto = completed ? completed.payload.rtoMillis : null;
  return html`<section class="incident" data-testid="incident" data-id=${incident.id}>
    <h2>${incident.kind} of ${incident.cloud} <span class="muted">${incident.id}</span></h2>
    <p>
      <span class="badge ${incident.state === 'CLEARED' ? 'ok' : 'bad'}" data-testid="incident-state">${incident.state}</span>
      ${incident.failover && html` failover ${incident.failover.from} → ${incident.failover.to}:
        <b data-testid="run-status">${incident.failover.status}</b> (step ${incident.failover.step})`}
      ${incident.traceId && html` · <a href=${traceHref(cfg, incident.traceId)} data-testid="incident-trace">trace</a>`}
    </p>
    <p class="rto">RTO (declared → all Ready):
      <b data-testid="rto" data-rto-millis=${rto ?? ''}>${rto != null ? seconds(rto) : 'running…'}</b>
      ${completed && completed.payload.rtoMillisByPriority && html`<span class="muted"> · by priority ${Object.entries(
        completed.payload.rtoMillisByPriority).map(([p, ms]) => `${p}: ${seconds(ms)}`).join(', ')}</span>`}</p>
    <ol class="timeline">
      ${list.map((s) => html`<li class="stage ${s.reached ? 'done' : ''} ${s.active ? 'active' : ''} ${s.skipped ? 'skipped' : ''}
            ${s.failed ? 'failed' : ''}" data-testid="stage-${s.id}" data-reached=${s.reached ? 'true' : 'false'}>
        <span class="dot"></span><b>${s.label}</b>
        <span class="at">${s.at ? `${time(s.at)} (${offset(since(incident.declaredAt, s.at))})` : ''}</span>
        <div class="muted">${s.detail}</div></li>`)}
    </ol>
    <h3>Every event of this incident (${story.length})</h3>
    <table class="events" data-testid="incident-events">
      <tr><th>time</th><th>topic</th><th>event</th><th>key</th><th>what</th><th>trace</th></tr>
      ${story.map((r) => html`<tr>
        <td>${time(r.time)}</td><td>${r.topic.replace('skybridge.', '')}</td><td>${r.name}</td><td>${r.key}</td>
        <td>${summary(r)}</td>
        <td>${r.traceId ? html`<a href=${traceHref(cfg, r.traceId)}>${r.traceId.substring(0, 8)}</a>` : '–'}</td></tr>`)}
    </table>
  </section>`;
}
