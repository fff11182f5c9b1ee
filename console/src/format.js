// Small formatting helpers shared by the pages.
export function cpu(millis) {
  return millis == null ? '–' : `${(millis / 1000).toFixed(millis % 1000 ? 1 : 0)} CPU`;
}

export function mem(bytes) {
  return bytes == null ? '–' : `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function time(t) {
  return t ? new Date(t).toISOString().substring(11, 23) : '–';
}

export function seconds(ms) {
  return ms == null ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

/** An offset from a reference time: +1.7 s, −3.2 s. */
export function offset(ms) {
  return ms == null ? '' : `${ms < 0 ? '−' : '+'}${seconds(Math.abs(ms))}`;
}

export function since(from, to) {
  return from && to ? new Date(to) - new Date(from) : null;
}

export function cloudOf(record) {
  const p = record.payload || {};
  return p.cloud || p.from || null;
}
