/** API keys typed by the user: the read key lives in sessionStorage (this tab only); the admin key only in memory. */
const READ_KEY = 'driftguard.readKey';
let adminKey: string | null = null;

export const keys = {
  read(): string | null {
    return sessionStorage.getItem(READ_KEY);
  },
  setRead(key: string | null): void {
    if (key === null || key === '') sessionStorage.removeItem(READ_KEY);
    else sessionStorage.setItem(READ_KEY, key);
  },
  admin(): string | null {
    return adminKey;
  },
  setAdmin(key: string | null): void {
    adminKey = key === '' ? null : key;
  },
};
