import { createHash, timingSafeEqual } from 'node:crypto';
import { apiKeyProblem } from '../services/config/setting-checks.js';

/** `ingest`: predict, log predictions and labels. `read`: every GET. `admin`: everything, incl. configuration. */
export type Role = 'ingest' | 'read' | 'admin';

export interface ApiKeyConfig {
  /** Who holds the key; appears in logs and audit records (the key itself never does). */
  readonly name: string;
  readonly roles: readonly Role[];
  /** The key in clear (e.g. from an environment variable); hashed at start-up and then forgotten. */
  readonly key?: string;
  /** Or its SHA-256 as 64 hex characters, so config files need not hold secrets. */
  readonly sha256?: string;
}

export interface Principal {
  readonly name: string;
  readonly roles: ReadonlySet<Role>;
}

/** SHA-256 of an API key, as hex. Keys are long random tokens, so a fast hash is the right tool (no salt needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Does `principal` hold `role`? `admin` implies every role. */
export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.has('admin') || principal.roles.has(role);
}

/**
 * Verifies presented keys against stored hashes. Every stored hash is compared with `timingSafeEqual`, whatever
 * matched, so the time taken reveals neither which key nor how much of it matched.
 */
export function createApiKeyVerifier(keys: readonly ApiKeyConfig[]) {
  const entries = keys.map((k) => {
    const hex = k.sha256 ?? (k.key !== undefined ? hashApiKey(k.key) : undefined);
    if (hex === undefined || !/^[0-9a-f]{64}$/.test(hex)) {
      throw new Error(`API key ${k.name}: give "key" or "sha256" (64 lower-case hex characters)`);
    }
    const problem = k.key === undefined ? null : apiKeyProblem(k.key);
    if (problem !== null) throw new Error(`API key ${k.name}: ${problem}`);
    if (k.roles.length === 0) throw new Error(`API key ${k.name}: needs at least one role (ingest, read, admin)`);
    return { name: k.name, roles: new Set(k.roles), hash: Buffer.from(hex, 'hex') };
  });
  return {
    get size() {
      return entries.length;
    },
    verify(presented: string): Principal | null {
      const digest = createHash('sha256').update(presented, 'utf8').digest();
      let found: Principal | null = null;
      for (const entry of entries) {
        if (timingSafeEqual(digest, entry.hash) && found === null) found = { name: entry.name, roles: entry.roles };
      }
      return found;
    },
  };
}

export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;
