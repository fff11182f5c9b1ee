import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { feed, useFeed } from './api.js';
import { EstatePage } from './pages/estate.js';
import { WorkloadsPage } from './pages/workloads.js';
import { IncidentsPage } from './pages/incidents.js';
import { IncidentPage } from './pages/incident.js';
import { DrillPage } from './pages/drill.js';
import { EventsPage } from './pages/events.js';
import { TracePage } from './pages/trace.js';
import './style.css';

const NAV = [
  ['estate', 'Estate'],
  ['workloads', 'Workloads'],
  ['incidents', 'Incidents'],
  ['drill', 'Drill'],
  ['events', 'Events'],
];

function route() {
  const parts = (location.hash || '#/estate').replace(/^#\/?/, '').split('/');
  return { page: parts[0] || 'estate', arg: parts.slice(1).join('/') };
}

function Page({ page, arg }) {
  switch (page) {
    case 'workloads': return html`<${WorkloadsPage} />`;
    case 'incidents': return arg ? html`<${IncidentPage} id=${decodeURIComponent(arg)} />` : html`<${IncidentsPage} />`;
    case 'drill': return html`<${DrillPage} />`;
    case 'events': return html`<${EventsPage} />`;
    case 'traces': return html`<${TracePage} traceId=${arg} />`;
    default: return html`<${EstatePage} />`;
  }
}

function App() {
  const [r, setRoute] = useState(route());
  const { records, connected } = useFeed();
  useEffect(() => {
    const onHash = () => setRoute(route());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return html`
    <header>
      <span class="brand">Skybridge</span>
      <nav>${NAV.map(([id, label]) => html`
        <a href="#/${id}" class=${r.page === id ? 'active' : ''} data-testid="nav-${id}">${label}</a>`)}
      </nav>
      <span class="feed-state ${connected ? 'live' : 'down'}" data-testid="feed-state"
            title="live feed of every Skybridge topic">${connected ? 'live' : 'reconnecting'} · ${records.length} records</span>
    </header>
    <main><${Page} ...${r} /></main>`;
}

feed.start();
render(html`<${App} />`, document.getElementById('app'));
