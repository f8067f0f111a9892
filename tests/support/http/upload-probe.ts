import { performance } from 'node:perf_hooks';

/**
 * A reference CSV of `rows` rows (income, region, owner; seeded LCG, about 10 bytes a row, so 1.2 M rows ≈ 12 MB —
 * the shape of issue 14 item 7's upload).
 */
export function generateReferenceCsv(rows: number, seed = 1): Buffer {
  const parts: string[] = ['income,region,owner\n'];
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const regions = ['n', 's', 'e', 'w'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${Math.floor(next() * 100)},${regions[Math.floor(next() * 4)]},${next() < 0.5 ? 'true' : 'false'}\n`;
    if (chunk.length > 1 << 16) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return Buffer.from(parts.join(''), 'utf8');
}

/** What {@link uploadWhileProbing} saw: the upload's status and duration, and how long `/healthz` answers took meanwhile. */
export interface UploadProbe {
  readonly status: number;
  readonly body: string;
  readonly uploadMs: number;
  readonly maxHealthzMs: number;
  readonly probes: number;
}

/**
 * PUTs `csv` as the reference of `model` on a listening server at `baseUrl` while asking `/healthz` again and again
 * (one request at a time, 20 ms apart), and reports the longest wait for a health answer during the upload.
 */
export async function uploadWhileProbing(
  baseUrl: string,
  model: string,
  csv: Buffer,
  headers: Record<string, string>,
): Promise<UploadProbe> {
  let uploading = true;
  let maxHealthzMs = 0;
  let probes = 0;
  const probing = (async () => {
    while (uploading) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/healthz`);
      await res.text();
      if (!uploading) break;
      probes++;
      maxHealthzMs = Math.max(maxHealthzMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}/v1/models/${model}/reference`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: csv,
    });
    const body = await res.text();
    return { status: res.status, body, uploadMs: performance.now() - started, maxHealthzMs, probes };
  } finally {
    uploading = false;
    await probing;
  }
}
