import { useEffect, type RefObject } from 'react';
import { useLogsStore } from '../../stores/logs';

/** Keys typed into a field belong to the field, not to the table. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Logs page keys: ↑/↓ (PageUp/PageDown, and Home/End in the table) move the selection, Enter
 * opens the drawer, Esc closes it, "/" focuses search. Listens on the window so they work right after the page opens, not only inside the grid.
 */
export function useLogKeyboard(refs: {
  search: RefObject<HTMLInputElement | null>;
  grid: RefObject<HTMLDivElement | null>;
}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const store = useLogsStore.getState();
      if (e.key === 'Escape') {
        if (store.drawerOpen) {
          e.preventDefault();
          store.closeDrawer();
          refs.grid.current?.focus({ preventScroll: true });
        } else if (e.target === refs.search.current) refs.grid.current?.focus({ preventScroll: true });
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        refs.search.current?.focus();
        refs.search.current?.select();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        store.move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        store.move(e.key === 'PageDown' ? 20 : -20);
      } else if ((e.key === 'Home' || e.key === 'End') && e.target === refs.grid.current) {
        e.preventDefault();
        store.select(e.key === 'Home' ? 0 : store.rows.length - 1);
      } else if (e.key === 'Enter') {
        // Enter on a button or link keeps its own meaning.
        if (e.target instanceof HTMLElement && e.target.closest('button, a, summary')) return;
        if (store.selected >= 0) {
          e.preventDefault();
          void store.open();
        }
      } else if (e.key === ' ' && e.target === refs.grid.current) {
        const row = store.rows[store.selected];
        if (row) {
          e.preventDefault();
          store.toggleMark(row.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [refs.search, refs.grid]);
}
