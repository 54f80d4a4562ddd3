/** The app's pages, in navigation order (Alt+1…7). No DOM here so tests can import it in Node. */
export const PAGES = ['connections', 'mappings', 'syncs', 'webhooks', 'logs', 'dashboard', 'settings'] as const;
export type PageId = (typeof PAGES)[number];
