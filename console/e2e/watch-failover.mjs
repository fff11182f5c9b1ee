// Drives the console in headless Chromium while a real failover runs on the local stack (DemoEndToEndIT starts it
// beside `skybridge demo`): waits for the console, watches the incidents page until the incident appears, follows its
// timeline live, reads the RTO it shows, checks the workloads view after the move, opens the incident's trace, and
// keeps screenshots. Prints nothing it did not see; writes what it saw to <out>/console-e2e.json.
//
//   node e2e/watch-failover.mjs --url http://127.0.0.1:8081/console/ --out target/console-e2e [--timeout 420]
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const url = args.url;
const out = args.out || 'target/console-e2e';
const deadline = Date.now() + 1000 * Number(args.timeout || 420);
const STAGES = ['evidence', 'declared', 'plan', 'capacity', 'cordon', 'moves', 'verified', 'completed'];
mkdirSync(out, { recursive: true });

const result = { url, screenshots: [], stagesFirstSeenPending: [], stagesReachedAtMs: {}, errors: [] };
const save = () => writeFileSync(join(out, 'console-e2e.json'), JSON.stringify(result, null, 2));
const left = () => Math.max(1000, deadline - Date.now());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function shot(page, name) {
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  result.screenshots.push(file);
}

async function waitForConsole() {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch (e) { /* not up yet */ }
    await sleep(1000);
  }
  throw new Error(`console not reachable at ${url}`);
}

async function stageStates(page) {
  return page.$$eval('[data-testid^="stage-"]', (els) => Object.fromEntries(
    els.map((e) => [e.dataset.testid.substring(6), e.dataset.reached === 'true'])));
}

async function main() {
  await waitForConsole();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => result.errors.push(String(e)));
    await page.goto(`${url}#/estate`);
    await page.waitForSelector('[data-testid="feed-state"].live', { timeout: left() });
    await page.waitForSelector('[data-testid="cloud-aws"]', { timeout: left() });
    // the estate once the link is up (the demo links the clouds before it deploys and blacks out AWS)
    await page.waitForSelector('[data-testid="link"] .badge.ok', { timeout: left() });
    await shot(page, '1-estate');

    const workloads = await context.newPage();
    await workloads.goto(`${url}#/workloads`);

    await page.goto(`${url}#/incidents`);
    const row = await page.waitForSelector('[data-testid="incident-row"]', { timeout: left() });
    result.incidentId = await row.getAttribute('data-id');
    result.incidentSeenAt = new Date().toISOString();
    await shot(page, '2-incidents');
    await page.click(`a[href="#/incidents/${encodeURIComponent(result.incidentId)}"]`);
    await page.waitForSelector('[data-testid="incident"]', { timeout: left() });

    // follow the timeline live: which stages were still pending when first seen, and when each was reached
    const opened = Date.now();
    let running = false;
    const record = (states) => {
      for (const s of STAGES) {
        if (states[s] === false && !result.stagesFirstSeenPending.includes(s)) result.stagesFirstSeenPending.push(s);
        if (states[s] === true && result.stagesReachedAtMs[s] === undefined) result.stagesReachedAtMs[s] = Date.now() - opened;
      }
    };
    while (Date.now() < deadline) {
      const states = await stageStates(page);
      record(states);
      if (!running && Object.values(states).some((v) => v === false)) {
        running = true;
        await shot(page, '3-incident-running');
      }
      const rto = await page.getAttribute('[data-testid="rto"]', 'data-rto-millis');
      if (rto) {
        result.rtoShownMillis = Number(rto);
        result.rtoText = (await page.textContent('[data-testid="rto"]')).trim();
        record(await stageStates(page)); // the render that showed the RTO
        break;
      }
      await sleep(100);
    }
    if (result.rtoShownMillis === undefined) throw new Error('the console never showed the RTO');
    result.runStatus = (await page.textContent('[data-testid="run-status"]')).trim();
    result.incidentEvents = await page.$$eval('[data-testid="incident-events"] tr', (rows) => rows.length - 1);
    await shot(page, '4-incident-completed');

    // the workloads view, live since before the blackout: every replica on GCP
    await workloads.bringToFront();
    const totalsAfter = async () => workloads.$$eval('[data-testid^="replicas-"]', (els) => Object.fromEntries(
      els.map((e) => [e.dataset.testid.substring(9), Number(e.dataset.count)])));
    let totals = {};
    while (Date.now() < deadline) {
      totals = await totalsAfter();
      if (!totals.aws && totals.gcp > 0) break;
      await sleep(200);
    }
    result.replicasAfterFailover = totals;
    result.placements = await workloads.$$eval('[data-testid="workload"]', (rows) => Object.fromEntries(
      rows.map((r) => [r.dataset.id, JSON.parse(r.dataset.placement)])));
    await shot(workloads, '5-workloads-on-gcp');

    // a dry-run drill from the console (touches nothing): its plan arrives on the live feed
    await page.goto(`${url}#/drill`);
    await page.selectOption('[data-testid="drill-from"]', 'gcp');
    await page.click('[data-testid="drill-run"]');
    const plan = await page.waitForSelector('[data-testid="drill-plan"]', { timeout: 30000 });
    result.drill = {
      id: await plan.getAttribute('data-drill'),
      moves: Number(await page.textContent('[data-testid="drill-moves"]')),
      estimatedRto: (await page.textContent('[data-testid="drill-rto"]')).trim(),
      deficit: (await page.textContent('[data-testid="drill-deficit"]')).trim(),
    };
    await shot(page, '6-drill');

    // the live event stream, and the incident's trace
    await page.goto(`${url}#/events`);
    await page.waitForSelector('[data-testid="event-row"]', { timeout: left() });
    result.eventRows = await page.$$eval('[data-testid="event-row"]', (rows) => rows.length);
    await shot(page, '7-events');
    await page.goto(`${url}#/incidents/${encodeURIComponent(result.incidentId)}`);
    const traceLink = await page.waitForSelector('[data-testid="incident-trace"]', { timeout: 10000 }).catch(() => null);
    if (traceLink) {
      await traceLink.click();
      await page.waitForSelector('[data-testid="trace"]', { timeout: 15000 });
      result.traceSpans = await page.$$eval('table.trace tr', (rows) => rows.length - 1);
      result.traceServices = (await page.textContent('[data-testid="trace"] p')).trim();
      await shot(page, '8-trace');
    }
  } finally {
    await browser.close();
  }
}

main().then(() => { result.ok = true; save(); console.log(JSON.stringify(result)); },
  (e) => { result.ok = false; result.failure = String(e && e.stack || e); save(); console.error(result.failure); process.exit(1); });
