/** Reads a Prometheus text exposition the way a test needs it: sum of the series that match. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  let found = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = parseLabels(match[3] ?? "");
    if (!Object.entries(labels).every(([k, v]) => have[k] === v)) continue;
    found = true;
    sum += Number(match[4]);
  }
  return found ? sum : Number.NaN;
}

/** Every distinct value a label takes on a metric (to check label values stay bounded). */
export function labelValues(text: string, name: string, label: string): string[] {
  const values = new Set<string>();
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\}\s/.exec(line);
    if (!match || match[1] !== name) continue;
    const v = parseLabels(match[2] ?? "")[label];
    if (v !== undefined) values.add(v);
  }
  return [...values];
}

function parseLabels(raw: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of raw.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]!] = m[2]!;
  return labels;
}
