import { html } from 'htm/preact';
import { getJson, useLive } from '../api.js';
import { cpu, mem } from '../format.js';

const READY = new Set(['READY', 'Ready']);
const ESTATE_TOPICS = /provisioning\.events|networking\.events|inventory\.events|failover\.events/;

async function loadEstate() {
  const [clouds, nodes, links, tunnels, pools] = await Promise.all([
    getJson('/clouds'),
    getJson('/nodes'),
    getJson('/links'),
    getJson('/console/api/networking/links').catch(() => []),
    getJson('/console/api/provisioning/pools').catch(() => []),
  ]);
  const capacity = {};
  await Promise.all(clouds.map(async (c) => {
    capacity[c.id] = await getJson(`/clouds/${c.id}/capacity`).catch(() => null);
  }));
  return { clouds, nodes, links, tunnels, pools, capacity };
}

function Bar({ used, total, label }) {
  const pct = total ? Math.min(100, Math.round((100 * used) / total)) : 0;
  return html`<div class="bar" title="${label}: ${pct}% requested">
    <div class="fill ${pct > 85 ? 'hot' : ''}" style="width:${pct}%"></div><span>${label} ${pct}%</span></div>`;
}

function Cloud({ cloud, nodes, pools, capacity }) {
  const total = capacity && capacity.total;
  const out = (cloud.outages || []).length > 0;
  return html`<section class="cloud ${out ? 'out' : ''}" data-testid="cloud-${cloud.id}">
    <h2>${cloud.id.toUpperCase()} ${out ? html`<span class="badge bad">OUTAGE</span>` : html`<span class="badge ok">healthy</span>`}</h2>
    <p class="muted">regions ${cloud.regions.join(', ') || '–'} · accounts ${cloud.accounts.join(', ') || '–'}</p>
    <p><b data-testid="ready-${cloud.id}">${cloud.readyNodes}</b> of ${cloud.nodes} nodes Ready</p>
    ${total && html`<div>
      <${Bar} used=${total.requested.cpuMillis} total=${total.allocatable.cpuMillis} label="CPU" />
      <${Bar} used=${total.requested.memoryBytes} total=${total.allocatable.memoryBytes} label="memory" />
      <p class="muted">headroom ${cpu(total.headroom.cpuMillis)} · ${mem(total.headroom.memoryBytes)}</p></div>`}
    <h3>Node pools</h3>
    <table><tr><th>pool</th><th>region</th><th>machine</th><th>desired</th><th>nodes by phase</th></tr>
      ${pools.map((p) => html`<tr><td>${p.id}</td><td>${p.region}</td><td>${p.machineType}</td><td>${p.desired}</td>
        <td>${Object.entries(p.nodesByPhase || {}).map(([k, v]) => `${k} ${v}`).join(' · ') || '–'}</td></tr>`)}
    </table>
    <h3>Nodes</h3>
    <div class="nodes">${nodes.map((n) => html`<span
        class="node ${READY.has(n.status) ? 'ready' : 'notready'} ${n.cordoned ? 'cordoned' : ''}"
        title="${n.nodeId} · ${n.zone || ''} · ${n.status}${n.cordoned ? ' · cordoned' : ''}">${n.nodeId}</span>`)}</div>
  </section>`;
}

function Link({ link, detail }) {
  const tunnels = (detail && detail.tunnels) || [];
  return html`<section class="link" data-testid="link">
    <h2>Link ${link.linkId}</h2>
    <p><span class="badge ${link.state === 'ESTABLISHED' ? 'ok' : 'bad'}">${link.state}</span>
      ${link.tunnelsUp ?? '–'} / ${link.tunnelsTotal ?? '–'} tunnels up · ${link.mode || ''}</p>
    <p class="muted">AWS ${detail && detail.awsVpcId ? `${detail.awsVpcId} ` : ''}${link.awsCidr} (ASN ${link.awsAsn}) ⇄
      GCP ${detail && detail.gcpNetwork ? `${detail.gcpNetwork} ` : ''}${link.gcpCidr} (ASN ${link.gcpAsn})</p>
    <table><tr><th>tunnel</th><th>inside</th><th>AWS</th><th>GCP</th><th>status</th></tr>
      ${tunnels.map((t) => html`<tr><td>${t.id}</td><td>${t.insideCidr}</td><td>${t.awsStatus || '–'}</td>
        <td>${t.gcpStatus || '–'}</td><td><span class="badge ${t.status === 'UP' ? 'ok' : 'bad'}">${t.status}</span></td></tr>`)}
    </table>
  </section>`;
}

export function EstatePage() {
  const { data, error } = useLive(loadEstate, (r) => ESTATE_TOPICS.test(r.topic));
  if (!data) return html`<p>${error ? `Estate not available: ${error.message}` : 'Loading the estate…'}</p>`;
  const byCloud = (list, key = 'cloud') => (id) => list.filter((x) => x[key] === id);
  const tunnelsOf = (id) => data.tunnels.find((t) => t.id === id);
  return html`<div class="estate">
    ${error && html`<p class="error">${error.message}</p>`}
    <div class="clouds">
      ${data.clouds.map((c) => html`<${Cloud} cloud=${c} nodes=${byCloud(data.nodes)(c.id)}
        pools=${byCloud(data.pools)(c.id)} capacity=${data.capacity[c.id]} />`)}
    </div>
    ${data.links.length ? data.links.map((l) => html`<${Link} link=${l} detail=${tunnelsOf(l.linkId)} />`)
      : html`<p class="muted">No cross-cloud link yet.</p>`}
  </div>`;
}
