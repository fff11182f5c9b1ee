// The console's data: REST reads (inventory's own, the other services' through /console/api/<service>/…) and the
// live feed of every Skybridge topic (Server-Sent Events from inventory's Kafka consumer).
import { useEffect, useState, useRef } from 'preact/hooks';

const ROOT = '';

export async function getJson(path) {
  const res = await fetch(ROOT + path, { headers: { Accept: 'application/json' } });
  const body = await res.text();
  let json = null;
  try { json = body ? JSON.parse(body) : null; } catch (e) { json = { detail: body }; }
  if (!res.ok) {
    const err = new Error((json && (json.detail || json.title)) || `${res.status} ${res.statusText}`);
    err.status = res.status;
    throw err;
  }
  return json;
}

export async function postJson(path, payload) {
  const res = await fetch(ROOT + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new Error((json && ((json.violations || []).join('; ') || json.detail || json.title)) || res.statusText);
    err.status = res.status;
    throw err;
  }
  return json;
}

/** One EventSource for the whole console; every page subscribes to it. */
class Feed {
  constructor() {
    this.records = [];
    this.listeners = new Set();
    this.connected = false;
    this.max = 3000;
  }

  start() {
    if (this.source) return;
    this.source = new EventSource(ROOT + '/console/api/feed');
    this.source.onopen = () => { this.connected = true; this.notify(null); };
    this.source.onerror = () => { this.connected = false; this.notify(null); };
    this.source.addEventListener('record', (msg) => {
      const record = JSON.parse(msg.data);
      if (this.records.length && record.seq <= this.records[this.records.length - 1].seq) {
        return; // a reconnect replays from Last-Event-ID; nothing is shown twice
      }
      this.records.push(record);
      if (this.records.length > this.max) this.records.splice(0, this.records.length - this.max);
      this.notify(record);
    });
  }

  notify(record) {
    this.listeners.forEach((l) => l(record));
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const feed = new Feed();

/** The feed's records and connection state; re-renders on every record. */
export function useFeed() {
  const [, setTick] = useState(0);
  useEffect(() => feed.subscribe(() => setTick((t) => t + 1)), []);
  return { records: feed.records, connected: feed.connected };
}

/**
 * Data from `load()`, loaded at once and again (at most every `minGapMs`) after each feed record that `relevant`
 * accepts, so that the page follows the estate live.
 */
export function useLive(load, relevant = () => true, deps = [], minGapMs = 700) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const timer = useRef(null);
  const last = useRef(0);
  useEffect(() => {
    let alive = true;
    const run = () => {
      last.current = Date.now();
      timer.current = null;
      load().then((data) => alive && setState({ data, error: null, loading: false }),
        (error) => alive && setState((s) => ({ data: s.data, error, loading: false })));
    };
    run();
    const unsubscribe = feed.subscribe((record) => {
      if (!record || !relevant(record) || timer.current) return;
      const wait = Math.max(0, minGapMs - (Date.now() - last.current));
      timer.current = setTimeout(run, wait);
    });
    return () => { alive = false; unsubscribe(); if (timer.current) clearTimeout(timer.current); };
  }, deps);
  return state;
}

let settingsPromise;
export function settings() {
  settingsPromise = settingsPromise || getJson('/console/api/settings').catch(() => ({ traceLink: '#/traces/{traceId}' }));
  return settingsPromise;
}

export function traceHref(s, traceId) {
  return traceId ? (s && s.traceLink ? s.traceLink : '#/traces/{traceId}').replace('{traceId}', traceId) : null;
}
