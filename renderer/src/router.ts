import { create } from 'zustand';

/**
 * Hash routes (#/logs?run=abc) so pages can deep-link to each other (a run → its calls) and the
 * packaged file:// page needs no server.
 */
import { PAGES, type PageId } from './page-ids';

export { PAGES, type PageId };

interface Route {
  page: PageId;
  params: Record<string, string>;
}

function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = (PAGES as readonly string[]).includes(path) ? (path as PageId) : 'connections';
  return { page, params: Object.fromEntries(new URLSearchParams(query)) };
}

interface RouterState extends Route {
  go(page: PageId, params?: Record<string, string>): void;
}

export const useRouter = create<RouterState>((set) => {
  window.addEventListener('hashchange', () => set(parse(window.location.hash)));
  return {
    ...parse(window.location.hash),
    go(page, params = {}) {
      const query = new URLSearchParams(params).toString();
      window.location.hash = `#/${page}${query ? `?${query}` : ''}`;
      set({ page, params });
    },
  };
});
